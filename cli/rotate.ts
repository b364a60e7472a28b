/**
 * `m365-connectors rotate --confirm-switched`: the operator says the connector now uses the next
 * certificate of a rollover. The command checks that the stack has proved the next certificate
 * (`connections.<name>.nextCredential` is `pass`), records its thumbprint as the connector's
 * `credential.switchedTo` in the stack config, and runs `pulumi up`, which removes the old
 * certificate at once instead of after `switchOverDays`.
 *
 * It drives the Pulumi CLI found on PATH, in the project folder (`--cwd`), so it works with any
 * backend the user is logged in to.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { ConfigError, ConnectorError, ErrorCodes } from "../catalog";
import { ExitCodes, type ExitCode } from "./exitCodes";
import type { Io } from "./io";

/** Usage text of `rotate`. */
export const ROTATE_USAGE = `Usage: m365-connectors rotate --confirm-switched --connector NAME [--stack STACK]
                              [--config-file FILE] [--cwd DIR] [--no-up]

During a certificate rollover (certificateSlots: 2), once the connector uses the next certificate
(PFX imported, thumbprint set in its settings): records its thumbprint as the connector's
credential.switchedTo and runs \`pulumi up\`, which removes the old certificate at once.
Refuses while the stack has not proved the next certificate (connections.<name>.nextCredential).
--config-file is the stack's config file when it is not Pulumi.<stack>.yaml (GitOps tenant files).
Exit codes: 0 done, 1 refused or pulumi failed, 2 bad input.`;

interface PulumiRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `pulumi` from PATH; streams nothing, returns its output. */
function pulumi(args: readonly string[], cwd: string, io: Io): Promise<PulumiRun> {
    return new Promise((done, fail) => {
        const child = spawn("pulumi", [...args, "--non-interactive"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", (e) => fail(new ConnectorError(ErrorCodes.unreachable, `cannot run pulumi: ${e.message}`, { remedy: "Install the Pulumi CLI and put it on PATH" })));
        child.on("close", (code) => {
            io.progress(undefined);
            done({ code: code ?? 1, stdout, stderr });
        });
    });
}

const lastError = (r: PulumiRun) => (r.stderr + r.stdout).split("\n").filter((l) => /error/i.test(l)).slice(-3).join(" ").trim() || `exit ${r.code}`;

/** What the stack exported about one connector's rollover. */
export interface RolloverOutputs {
    /** The next certificate's thumbprint. */
    readonly next: string;
    /** The nextCredential check's last status. */
    readonly nextCredential: string;
}

/** Reads the next thumbprint and its proof from `pulumi stack output --json`; throws naming what is missing. */
export function rolloverOf(outputs: Record<string, unknown>, connector: string): RolloverOutputs {
    const rotation = (outputs.rotation as Record<string, { next?: string; slots?: Record<string, { thumbprint?: string }> }> | undefined)?.[connector];
    if (!rotation) {
        throw new ConfigError("--connector", `the stack has no certificate rollover state for connector "${connector}"`, "Name a managed connector with a certificate (see `pulumi stack output rotation`)");
    }
    const next = rotation.next ? rotation.slots?.[rotation.next]?.thumbprint : undefined;
    if (!next) throw new ConnectorError(ErrorCodes.probeFailed, `connector ${connector} has no rollover in progress: there is no next certificate to switch to`, { remedy: "Nothing to confirm; `pulumi up` starts a rollover renewBeforeDays before the certificate expires" });
    const connections = outputs.connections as Record<string, { nextCredential?: string }> | undefined;
    return { next, nextCredential: connections?.[connector]?.nextCredential ?? "unknown" };
}

/** Runs `rotate` with its arguments (after the subcommand). */
export async function rotateCommand(argv: string[], io: Io): Promise<ExitCode> {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            "confirm-switched": { type: "boolean" },
            connector: { type: "string" },
            stack: { type: "string" },
            "config-file": { type: "string" },
            cwd: { type: "string" },
            "no-up": { type: "boolean" },
        },
    });
    if (!values["confirm-switched"]) throw new ConfigError("--confirm-switched", "is required: it is what this command records", "Run it once the connector uses the next certificate");
    if (!values.connector) throw new ConfigError("--connector", "is required", "Name the connector, e.g. --connector ars-m365");
    const cwd = values.cwd ?? process.cwd();
    const stackArgs = [...(values.stack ? ["--stack", values.stack] : []), ...(values["config-file"] ? ["--config-file", values["config-file"]] : [])];

    io.progress("reading the stack's outputs");
    const out = await pulumi(["stack", "output", "--json", ...(values.stack ? ["--stack", values.stack] : [])], cwd, io);
    if (out.code !== 0) throw new ConnectorError(ErrorCodes.service, `pulumi stack output failed: ${lastError(out)}`);
    const rollover = rolloverOf(JSON.parse(out.stdout || "{}") as Record<string, unknown>, values.connector);
    if (rollover.nextCredential !== "pass") {
        io.err(
            `m365-connectors: refused: the stack has not proved that the next certificate ${rollover.next} signs in (nextCredential: ${rollover.nextCredential}). ` +
                "Run `pulumi up` (or `pulumi refresh`) until connections." + values.connector + ".nextCredential is pass, then confirm again; the old certificate stays until then.",
        );
        return ExitCodes.failed;
    }

    io.progress("finding the connector in the stack config");
    const got = await pulumi(["config", "get", "m365-connectors:connectors", "--json", ...stackArgs], cwd, io);
    if (got.code !== 0) throw new ConnectorError(ErrorCodes.service, `pulumi config get failed: ${lastError(got)}`);
    const parsed = JSON.parse(got.stdout) as { value?: string; objectValue?: unknown };
    const list = (parsed.objectValue ?? JSON.parse(parsed.value ?? "[]")) as { name?: string }[];
    const index = Array.isArray(list) ? list.findIndex((c) => c?.name === values.connector) : -1;
    if (index < 0) throw new ConfigError("--connector", `"${values.connector}" is not in m365-connectors:connectors`, "Use the connector's name from the stack config");

    const path = `m365-connectors:connectors[${index}].credential.switchedTo`;
    const set = await pulumi(["config", "set", "--path", path, rollover.next, ...stackArgs], cwd, io);
    if (set.code !== 0) throw new ConnectorError(ErrorCodes.service, `pulumi config set failed: ${lastError(set)}`);
    io.out(`recorded ${path} = ${rollover.next}`);
    if (values["no-up"]) {
        io.out("the next `pulumi up` removes the old certificate");
        return ExitCodes.ok;
    }
    io.progress("pulumi up: removing the old certificate");
    const up = await pulumi(["up", "--yes", "--skip-preview", ...stackArgs], cwd, io);
    if (up.code !== 0) {
        io.err(`m365-connectors: pulumi up failed: ${lastError(up)}; the switch is recorded, run \`pulumi up\` again`);
        return ExitCodes.failed;
    }
    io.out(`done: connector ${values.connector} uses ${rollover.next}; the old certificate is removed from the application`);
    return ExitCodes.ok;
}
