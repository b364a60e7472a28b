/**
 * `npm run bench`: the benchmarks of issue #7 against the emulator on this machine, each figure
 * beside its bound (bench/targets.ts). Prints a table, or with `--json` one JSON object on one
 * line (use `npm run -s bench -- --json` to keep npm's banner off standard output). Exits 1 when
 * a target is missed. `--only P1,P3` runs a subset. Progress goes to standard error.
 *
 * - P1 probe latency (./probeLatency.ts) and P2 replication wait (./replication.ts): this process
 *   is the client, the emulator runs in a child process (./emulatorProcess.ts).
 * - P3 drift (./drift.ts): client and emulator each in a child process of their own.
 * - P4 emulator throughput (./emulator.ts): emulator and load generator in this process.
 *
 * Re-runs itself with `NODE_EXTRA_CA_CERTS` pointing at the emulator CA (emulator/trust.ts), so it
 * works from a plain shell.
 *
 * @module
 */
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { reexecWithTrustedCa } from "../emulator/trust";
import { measureDrift } from "./drift";
import { measureGraphThroughput } from "./emulator";
import { startEmulatorProcess } from "./emulatorProcess";
import { measureProbeLatency } from "./probeLatency";
import { measureReplicationWait } from "./replication";
import { machineInfo, p1Report, p2Report, p3Report, p4Report, renderTable, type BenchReport } from "./report";
import { round } from "./stats";

/** `m365-connectors drift`'s default --concurrency (cli/drift.ts). */
export const CLI_DEFAULT_CONCURRENCY = 16;

/** How P2 waits, for the report. */
const DEFAULT_BACKOFF = "waitUntilPasses with its default backoff (probe/consistency.ts); probeEndsMs shows its steps";

/** P2 is also measured once at this lag, unbounded, to show how the backoff's steps fall. */
const SENSITIVITY_LAG_MS = 3500;

const ROOT = __filename.endsWith(".ts") ? resolve(__dirname, "..") : resolve(__dirname, "..", "..");
const BENCHES = ["P1", "P2", "P3", "P4"] as const;

function parseArgs(argv: readonly string[]): { json: boolean; only: Set<string> } {
    const json = argv.includes("--json");
    const i = argv.indexOf("--only");
    const only = new Set(i >= 0 ? (argv[i + 1] ?? "").toUpperCase().split(",").filter(Boolean) : BENCHES);
    for (const b of only) if (!(BENCHES as readonly string[]).includes(b)) throw new Error(`--only: unknown benchmark "${b}" (use ${BENCHES.join(",")})`);
    const unknown = argv.filter((a, k) => a.startsWith("-") && a !== "--json" && a !== "--only" && argv[k - 1] !== "--only");
    if (unknown.length) throw new Error(`unknown option(s): ${unknown.join(" ")} (use --json, --only P1,P2,P3,P4)`);
    return { json, only };
}

async function main(): Promise<number> {
    const caDir = join(ROOT, ".emulator", "ca");
    await reexecWithTrustedCa(caDir);
    const { json, only } = parseArgs(process.argv.slice(2));
    const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
    const machine = machineInfo();
    const results: { -readonly [K in "P1" | "P2" | "P3" | "P4"]?: BenchReport[K] } = {};

    if (only.has("P1") || only.has("P2")) {
        const emu = await startEmulatorProcess({ caDir, recordRequests: true });
        try {
            if (only.has("P1")) {
                progress("P1 probe latency (cold, warm, round trips)…");
                results.P1 = p1Report(await measureProbeLatency(emu));
            }
            if (only.has("P2")) {
                progress("P2 replication lag → probe green…");
                const bounded = await measureReplicationWait(emu);
                // Not bounded: where the backoff's next step falls when R is a little longer.
                const longer = await measureReplicationWait(emu, { lagMs: SENSITIVITY_LAG_MS, runs: 1, firstTenant: bounded.runs + 1 });
                results.P2 = p2Report(bounded, DEFAULT_BACKOFF, longer);
            }
        } finally {
            await emu.stop();
        }
    }
    if (only.has("P3")) {
        progress("P3 drift over 200 tenants (certificates, seeding, two runs)…");
        results.P3 = p3Report(await measureDrift({ caDir, concurrencies: [200, CLI_DEFAULT_CONCURRENCY] }), CLI_DEFAULT_CONCURRENCY);
    }
    if (only.has("P4")) {
        progress("P4 emulator throughput…");
        results.P4 = p4Report(await measureGraphThroughput());
    }
    const { P1, P2, P3, P4 } = results;
    const report: BenchReport = {
        machine: { ...machine, loadAvgEnd: round(loadavg()[0], 2) },
        ...(P1 ? { P1 } : {}),
        ...(P2 ? { P2 } : {}),
        ...(P3 ? { P3 } : {}),
        ...(P4 ? { P4 } : {}),
        met: [P1, P2, P3, P4].every((r) => r === undefined || r.met),
    };
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${renderTable(report)}\n`);
    return report.met ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
