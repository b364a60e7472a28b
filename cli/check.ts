/**
 * `m365-connectors check`: probe one connection, as the connector's "Test connection" would.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../catalog";
import { failingChecks, runProbe, waitUntilPasses, type ProbeInput, type ProbeReport } from "../probe";
import { ExitCodes, type ExitCode } from "./exitCodes";
import { renderReport } from "./render";
import { buildTarget, type TargetSpec } from "./target";
import { rejectInlineSecrets, type Io } from "./io";

/** Flag names per property, so errors name what the user typed. */
const FLAGS: Record<string, string> = {
    tenantId: "--tenant-id",
    clientId: "--client-id",
    cloud: "--cloud",
    profile: "--profile",
    base: "--base",
    mode: "--mode",
    appRoles: "--app-role",
    delegatedScopes: "--delegated-scope",
    directoryRoles: "--directory-role",
    certificate: "--certificate",
    privateKey: "--private-key",
    secretEnv: "--secret-env",
    secretStdin: "--secret-stdin",
    secretExpiresAt: "--secret-expires-at",
    warnDays: "--warn-days",
};

/** Usage text of `check`. */
export const CHECK_USAGE = `Usage: m365-connectors check --tenant-id GUID --client-id GUID --profile NAME [options]

Credential (one of):
  --certificate FILE --private-key FILE   certificate and its unencrypted key, PEM
  --secret-env NAME                       client secret from environment variable NAME
  --secret-stdin                          client secret from standard input
  --secret-expires-at DATE                the secret's expiry, to warn before it (ISO 8601)
Options:
  --cloud NAME           AzureCloud (default), AzureGCC, AzureGCCHigh, AzureDoD, AzureChina
  --profile NAME         activeroles-m365, activeroles-azuread, snow-atlas-m365, custom
  --base NAME            with --profile custom: the profile to start from
  --mode add|replace     with --profile custom: add to the base (default) or replace it
  --app-role NAME        extra application permission (repeatable), e.g. User.Read.All
  --delegated-scope NAME extra delegated permission (repeatable)
  --directory-role NAME  extra directory role (repeatable), e.g. "Directory Readers"
  --wait SECONDS         keep probing until it passes or SECONDS run out (after a fresh grant)
  --warn-days N          warn when the credential expires within N days (default 30)
  --endpoint URL         send every request to URL (the local emulator only)
  --json                 print the report as JSON
Exit codes: 0 passed, 1 a check failed, 2 bad input.`;

/** Runs `check` with its arguments (after the subcommand). */
export async function checkCommand(argv: string[], io: Io): Promise<ExitCode> {
    rejectInlineSecrets(argv);
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            "tenant-id": { type: "string" },
            "client-id": { type: "string" },
            cloud: { type: "string" },
            profile: { type: "string" },
            base: { type: "string" },
            mode: { type: "string" },
            "app-role": { type: "string", multiple: true },
            "delegated-scope": { type: "string", multiple: true },
            "directory-role": { type: "string", multiple: true },
            certificate: { type: "string" },
            "private-key": { type: "string" },
            "secret-env": { type: "string" },
            "secret-stdin": { type: "boolean" },
            "secret-expires-at": { type: "string" },
            wait: { type: "string" },
            "warn-days": { type: "string" },
            endpoint: { type: "string" },
            json: { type: "boolean" },
        },
    });
    const spec: TargetSpec = {
        tenantId: values["tenant-id"],
        clientId: values["client-id"],
        cloud: values.cloud,
        profile: values.profile,
        base: values.base,
        mode: values.mode as TargetSpec["mode"],
        appRoles: values["app-role"],
        delegatedScopes: values["delegated-scope"],
        directoryRoles: values["directory-role"],
        certificate: values.certificate,
        privateKey: values["private-key"],
        secretEnv: values["secret-env"],
        secretStdin: values["secret-stdin"],
        secretExpiresAt: values["secret-expires-at"],
        warnDays: values["warn-days"],
    };
    const waitSeconds = values.wait === undefined ? 0 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
        throw new ConfigError("--wait", `must be a number of seconds ≥ 0, got "${values.wait}"`, "e.g. --wait 120");
    }
    const target = buildTarget(spec, (k) => FLAGS[k] ?? k, { endpoint: values.endpoint, stdin: io.readStdin });

    const report = waitSeconds > 0 ? await waitThenReport(target.input, waitSeconds, io) : await runProbe(target.input);
    io.progress(undefined);
    if (values.json) {
        io.out(JSON.stringify({ connector: { name: target.name, profile: target.profile.name, cloud: target.input.cloud }, ...report }, null, 2));
    } else {
        io.out(renderReport(`Connection check: ${target.profile.title} — ${report.settings.tenantEnvironmentType}`, report, target.profile.settingsLabels));
    }
    return report.status === "fail" ? ExitCodes.failed : ExitCodes.ok;
}

/**
 * Probes until it passes or `seconds` run out, showing progress; returns the last report
 * (also when waiting timed out or hit a failure no waiting can fix).
 */
async function waitThenReport(input: ProbeInput, seconds: number, io: Io): Promise<ProbeReport> {
    const started = Date.now();
    let last: ProbeReport | undefined;
    try {
        return await waitUntilPasses(input, {
            deadlineMs: seconds * 1000,
            // --wait is for "I just created or changed this": a new credential may not have replicated.
            credentialGraceMs: seconds * 1000,
            onAttempt: (report, attempt) => {
                last = report;
                const failing = failingChecks(report).map((c) => c.name);
                if (failing.length) io.progress(`waiting for Entra to catch up (attempt ${attempt}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${failing.join(", ")} still failing`);
            },
        });
    } catch (e) {
        if (last) return last;
        throw e;
    }
}
