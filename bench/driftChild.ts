/**
 * The client side of P3 in a process of its own, so its peak RSS is the drift run's alone: it
 * receives the connections over IPC, builds their probe inputs, then runs what
 * `m365-connectors drift` runs (cli/drift.ts): `mapPool` over the connections with `runProbe`,
 * each failure caught per connection. It replies with wall time, memory and the verdicts, and
 * exits.
 *
 * @module
 */
import { performance } from "node:perf_hooks";
import { expectationsOf, resolveProfile, type ProfileSpec } from "../catalog";
import { mapPool } from "../cli/pool";
import { runProbe, type ProbeInput } from "../probe";

/** One connection to probe. */
export interface DriftConnection {
    readonly tenantId: string;
    readonly clientId: string;
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** Parent → child. */
export interface DriftJob {
    readonly url: string;
    readonly profile: ProfileSpec;
    readonly concurrency: number;
    readonly connections: readonly DriftConnection[];
}

/** Child → parent. */
export interface DriftChildResult {
    readonly wallMs: number;
    /** CPU time of this process during the run (user + system, all its threads), ms. */
    readonly cpuMs: number;
    /** Peak RSS of this process over its whole life (`process.resourceUsage().maxRSS`), MB. */
    readonly peakRssMb: number;
    /** RSS once the inputs were built, just before the run, MB. */
    readonly rssBeforeMb: number;
    /** Heap used at the end of the run, MB. */
    readonly heapUsedAfterMb: number;
    /** Verdicts: `pass`, `warn`, `fail`, or `error` (an exception, as drift's `error` row). */
    readonly verdicts: Record<string, number>;
    /** The first few error or failure texts, for diagnosis. */
    readonly problems: readonly string[];
}

const mbOf = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function run(job: DriftJob): Promise<DriftChildResult> {
    const expectations = expectationsOf(resolveProfile(job.profile));
    const inputs: ProbeInput[] = job.connections.map((c) => ({
        tenantId: c.tenantId,
        clientId: c.clientId,
        cloud: "AzureCloud",
        credential: { kind: "certificate", certificatePem: c.certificatePem, privateKeyPem: c.privateKeyPem },
        expectations,
        endpoints: { baseUrl: job.url },
    }));
    const rssBefore = process.memoryUsage.rss();
    const problems: string[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const verdicts = await mapPool(inputs, job.concurrency, async (input) => {
        try {
            const report = await runProbe(input);
            if (report.status === "fail" && problems.length < 5) problems.push(JSON.stringify(report.checks.filter((c) => c.status === "fail")));
            return report.status;
        } catch (e) {
            if (problems.length < 5) problems.push((e as Error).message);
            return "error";
        }
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const counts: Record<string, number> = {};
    for (const v of verdicts) counts[v] = (counts[v] ?? 0) + 1;
    return {
        wallMs: Math.round(wallMs * 10) / 10,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        peakRssMb: mbOf(process.resourceUsage().maxRSS * 1024),
        rssBeforeMb: mbOf(rssBefore),
        heapUsedAfterMb: mbOf(process.memoryUsage().heapUsed),
        verdicts: counts,
        problems,
    };
}

process.once("message", (job: DriftJob) => {
    run(job).then(
        (result) => process.send?.({ result }, () => process.disconnect()),
        (e: unknown) => process.send?.({ error: (e as Error).message ?? String(e) }, () => process.disconnect()),
    );
});
