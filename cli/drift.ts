/**
 * `m365-connectors drift`: probe many connections concurrently and summarise what drifted.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ConfigError, isConnectorError } from "../catalog";
import { runProbe } from "../probe";
import type { ProbeReport } from "../probe/types";
import { loadDriftFile } from "./driftFile";
import { ExitCodes, type ExitCode } from "./exitCodes";
import { rejectInlineSecrets, type Io } from "./io";
import { mapPool } from "./pool";
import { renderDriftTable, type DriftRow } from "./render";

/** Usage text of `drift`. */
export const DRIFT_USAGE = `Usage: m365-connectors drift --file FILE [--concurrency N] [--json] [--endpoint URL]

FILE is YAML or JSON: a list of connections (name, tenantId, clientId, cloud, profile, and the
credential by reference: certificate + privateKey file paths, or secretEnv), or the settings a
stack exports. Exit codes: 0 nothing drifted, 1 something drifted or failed or a credential
expires within warnDays (default 30; the line names the connector and how to renew), 2 bad input.`;

/** Runs `drift` with its arguments (after the subcommand). */
export async function driftCommand(argv: string[], io: Io): Promise<ExitCode> {
    rejectInlineSecrets(argv);
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            file: { type: "string" },
            concurrency: { type: "string" },
            json: { type: "boolean" },
            endpoint: { type: "string" },
        },
    });
    if (!values.file) throw new ConfigError("--file", "is required", "Give the drift file: m365-connectors drift --file connections.yaml");
    const concurrency = values.concurrency === undefined ? 16 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
        throw new ConfigError("--concurrency", `must be a whole number from 1 to 256, got "${values.concurrency}"`, "e.g. --concurrency 16");
    }
    const targets = loadDriftFile(values.file, { endpoint: values.endpoint });
    let done = 0;
    const results = await mapPool(targets, concurrency, async (t) => {
        let report: ProbeReport | undefined;
        let error: string | undefined;
        try {
            report = await runProbe(t.input);
        } catch (e) {
            error = isConnectorError(e) ? e.message : `unexpected error: ${(e as Error).message}`;
        }
        io.progress(`probed ${++done}/${targets.length}`);
        return { target: t, report, error };
    });
    io.progress(undefined);
    const rows: DriftRow[] = results.map(({ target, report, error }) => ({
        tenant: target.input.tenantId,
        connector: target.name,
        status: error ? "error" : report!.status === "pass" ? "ok" : report!.status === "warn" ? "warn" : "drift",
        failing: report ? report.checks.filter((c) => c.status === "fail").map((c) => c.name) : [],
        daysLeft: report?.observed.credentialDaysLeft,
        message: error,
    }));
    if (values.json) {
        const count = (s: DriftRow["status"]) => rows.filter((r) => r.status === s).length;
        io.out(
            JSON.stringify(
                {
                    summary: { total: rows.length, ok: count("ok"), warn: count("warn"), drift: count("drift"), error: count("error") },
                    connections: results.map(({ target, report, error }, i) => ({
                        name: target.name,
                        tenantId: target.input.tenantId,
                        clientId: target.input.clientId,
                        cloud: target.input.cloud,
                        profile: target.profile.name,
                        status: rows[i].status,
                        failingChecks: rows[i].failing,
                        credentialDaysLeft: rows[i].daysLeft ?? null,
                        error: error ?? null,
                        checks: report?.checks ?? [],
                    })),
                },
                null,
                2,
            ),
        );
    } else {
        io.out(renderDriftTable(rows));
    }
    // A credential inside its warning window fails the run too: a nightly job is how it reaches people.
    const expiring = results.flatMap(({ target, report }) => {
        const c = report?.checks.find((x) => x.name === "credentialExpiry");
        return c && (c.status === "warn" || c.status === "fail") ? [`${target.name}: ${c.summary}${c.evidence ? ` (${c.evidence})` : ""}; ${c.remedy ?? "renew the credential"}`] : [];
    });
    for (const line of expiring) io.err(`expiring: ${line}`);
    return expiring.length === 0 && rows.every((r) => r.status === "ok" || r.status === "warn") ? ExitCodes.ok : ExitCodes.failed;
}
