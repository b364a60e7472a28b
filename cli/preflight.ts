/**
 * `m365-connectors preflight`: can the identity that will run `pulumi up` (the deployer) do what
 * the connectors need in this tenant? Signs in as it, from the environment the azuread provider
 * reads, and checks each right (create applications, grant application and delegated
 * permissions, assign directory roles) and that the Microsoft service principals the profiles
 * are granted rights on exist. Prints each check with its fix; `--json`; exit 0 all pass, 1 a
 * check failed, 2 bad input (nothing was checked). The program runs the same checks before it
 * declares anything (program/preflight.ts).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, deployerNeedsOf, findCloud, type Cloud, parseClientId, parseTenantId, requiredRights, resolveProfile, resourceAppsOf, isProfileName, ProfileNames } from "../catalog";
import { checkDeployer, preflightChecks, type DeployerCheckInput, type PreflightCheck } from "../probe";
import { readPfx } from "../resources";
import { ExitCodes, type ExitCode } from "./exitCodes";
import { rejectInlineSecrets, type Io } from "./io";

/** Usage text of `preflight`. */
export const PREFLIGHT_USAGE = `Usage: m365-connectors preflight [--tenant-id GUID] [options]

Signs in as the deployer (the identity that runs pulumi up) and checks that it can create the
connectors' applications, grant their permissions and assign their roles, and that the Microsoft
service principals they need exist in the tenant.

The deployer, from the environment (as the azuread provider reads it), one of:
  ARM_CLIENT_ID + ARM_CLIENT_SECRET                      an application with a client secret
  ARM_CLIENT_ID + ARM_CLIENT_CERTIFICATE_PATH (PFX)      an application with a certificate
    [+ ARM_CLIENT_CERTIFICATE_PASSWORD]
  AZURE_ACCESS_TOKEN                                     a Microsoft Graph token, e.g.
    $(az account get-access-token --resource-type ms-graph --query accessToken -o tsv)
Options:
  --tenant-id GUID   the tenant (default ARM_TENANT_ID)
  --cloud NAME       AzureCloud (default), AzureGCC, AzureGCCHigh, AzureDoD, AzureChina, or its Active Roles label
  --profile NAME     check only what this profile needs (repeatable; default every profile)
  --endpoint URL     send every request to URL (the local emulator only)
  --json             print the result as JSON
Exit codes: 0 every check passed, 1 a check failed, 2 bad input.`;

/** The deployer as the environment gives it. */
type DeployerFromEnv =
    | { readonly kind: "secret" | "certificate"; readonly clientId: string; readonly input: Pick<DeployerCheckInput, "clientId" | "credential"> }
    | { readonly kind: "accessToken"; readonly clientId?: undefined; readonly input: Pick<DeployerCheckInput, "accessToken"> };

/** Reads the deployer's sign-in from `env`; a ConfigError naming the variable when there is none or it is unusable. */
export function deployerFromEnv(env: NodeJS.ProcessEnv): DeployerFromEnv {
    const clientIdRaw = env.ARM_CLIENT_ID?.trim();
    if (clientIdRaw && env.ARM_CLIENT_SECRET) {
        const clientId = parseClientId(clientIdRaw, "ARM_CLIENT_ID");
        return { kind: "secret", clientId, input: { clientId, credential: { kind: "secret", clientSecret: env.ARM_CLIENT_SECRET } } };
    }
    if (clientIdRaw && env.ARM_CLIENT_CERTIFICATE_PATH) {
        const clientId = parseClientId(clientIdRaw, "ARM_CLIENT_ID");
        let pfx: Buffer;
        try {
            pfx = readFileSync(env.ARM_CLIENT_CERTIFICATE_PATH);
        } catch (e) {
            throw new ConfigError("ARM_CLIENT_CERTIFICATE_PATH", `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "Point it at the deployer's .pfx file");
        }
        const { certificatePem, privateKeyPem } = readPfx(pfx, env.ARM_CLIENT_CERTIFICATE_PASSWORD ?? "", "ARM_CLIENT_CERTIFICATE_PATH");
        return { kind: "certificate", clientId, input: { clientId, credential: { kind: "certificate", certificatePem, privateKeyPem } } };
    }
    if (env.AZURE_ACCESS_TOKEN) {
        const token = env.AZURE_ACCESS_TOKEN.trim();
        if (token.split(".").length !== 3) throw new ConfigError("AZURE_ACCESS_TOKEN", "is not a JWT access token", "Use `az account get-access-token --resource-type ms-graph --query accessToken -o tsv`");
        return { kind: "accessToken", input: { accessToken: token } };
    }
    throw new ConfigError(
        clientIdRaw ? "ARM_CLIENT_SECRET" : "ARM_CLIENT_ID",
        clientIdRaw ? "is not set, and neither is ARM_CLIENT_CERTIFICATE_PATH" : "is not set, and neither is AZURE_ACCESS_TOKEN",
        "Set ARM_CLIENT_ID with ARM_CLIENT_SECRET or ARM_CLIENT_CERTIFICATE_PATH (the deployer application), or AZURE_ACCESS_TOKEN (a signed-in administrator's Graph token)",
    );
}

/** The tenant and cloud of a deployer command: `--tenant-id` (default `ARM_TENANT_ID`, as the azuread provider) and `--cloud` (default AzureCloud). */
export function deployerTenant(values: { "tenant-id"?: string; cloud?: string }, env: NodeJS.ProcessEnv): { tenantId: string; cloud: Cloud } {
    const tenantRaw = values["tenant-id"] ?? env.ARM_TENANT_ID;
    if (!tenantRaw) throw new ConfigError("--tenant-id", "is required (or set ARM_TENANT_ID)", "Give the Directory (tenant) ID");
    const tenantId = parseTenantId(tenantRaw, values["tenant-id"] ? "--tenant-id" : "ARM_TENANT_ID");
    const cloud = findCloud(values.cloud ?? "AzureCloud");
    if (!cloud) throw new ConfigError("--cloud", `unknown cloud "${values.cloud}"`, "Use AzureCloud, AzureGCC, AzureGCCHigh, AzureDoD or AzureChina (or the Active Roles label)");
    return { tenantId, cloud };
}

/** The options of every deployer command (preflight, discover), read by {@link deployerTenant} and the `--endpoint`/`--json` handling. */
export const DEPLOYER_OPTIONS = {
    "tenant-id": { type: "string" },
    cloud: { type: "string" },
    endpoint: { type: "string" },
    json: { type: "boolean" },
} as const;

/** Runs `preflight` with its arguments (after the subcommand). */
export async function preflightCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
    rejectInlineSecrets(argv);
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: { ...DEPLOYER_OPTIONS, profile: { type: "string", multiple: true } },
    });
    const { tenantId, cloud } = deployerTenant(values, env);
    const names = values.profile ?? ProfileNames.filter((n) => n !== "custom");
    const bad = names.find((n) => !isProfileName(n) || n === "custom");
    if (bad) throw new ConfigError("--profile", `unknown profile "${bad}"`, `Use ${ProfileNames.filter((n) => n !== "custom").join(", ")}`);
    const profiles = names.map((n) => resolveProfile({ profile: n }));
    const rights = requiredRights(deployerNeedsOf(profiles));
    const resourceApps = resourceAppsOf(profiles);
    const deployer = deployerFromEnv(env);

    io.progress(`signing in as the deployer to ${tenantId} (${cloud.environmentType}) …`);
    const found = await checkDeployer({ tenantId, cloud: cloud.name, rights, servicePrincipals: resourceApps, ...deployer.input, ...(values.endpoint ? { endpoints: { baseUrl: values.endpoint } } : {}) });
    io.progress(undefined);
    const checks = preflightChecks(found, rights);
    const status = checks.every((c) => c.status === "pass") ? "pass" : "fail";
    if (values.json) {
        io.out(JSON.stringify({ tenantId, cloud: cloud.name, profiles: names, deployer: { signIn: deployer.kind, ...(deployer.clientId ? { clientId: deployer.clientId } : {}) }, status, checks }, null, 2));
    } else {
        io.out(render(tenantId, cloud.environmentType, deployer, checks));
    }
    return status === "pass" ? ExitCodes.ok : ExitCodes.failed;
}

function render(tenantId: string, environment: string, deployer: DeployerFromEnv, checks: readonly PreflightCheck[]): string {
    const who = deployer.kind === "accessToken" ? "AZURE_ACCESS_TOKEN" : `ARM_CLIENT_ID ${deployer.clientId} (${deployer.kind === "secret" ? "client secret" : "certificate"})`;
    const width = Math.max(...checks.map((c) => c.name.length));
    const lines = [`Deployer preflight: tenant ${tenantId} (${environment}), deployer ${who}`, ""];
    for (const c of checks) {
        lines.push(`  ${c.status === "pass" ? "PASS" : "FAIL"}  ${c.name.padEnd(width)}  ${c.summary}${c.evidence ? ` (${c.evidence})` : ""}`);
        if (c.remedy) lines.push(`        fix: ${c.remedy}`);
    }
    const failed = checks.filter((c) => c.status === "fail").length;
    lines.push("", failed ? `${failed} of ${checks.length} checks failed; pulumi up would stop there.` : `All ${checks.length} checks passed: this deployer can run pulumi up for these connectors.`);
    return lines.join("\n");
}
