/**
 * P2: from "grants written" to "probe green" under replication lag R. One tenant per run, the
 * activeroles-m365 profile: seeded without lag, then Exchange.ManageAsApp revoked and the User
 * Administrator role removed (visible at once). Then, with lag R, both are written back at t0 and
 * `waitUntilPasses` runs with its default backoff, as the connection resource's create does, in
 * a process without cached tokens. greenAfterMs = time from t0 until it returned a passing report.
 *
 * @module
 */
import { performance } from "node:perf_hooks";
import { expectationsOf, resolveProfile } from "../catalog";
import { clearTokenCache, runProbe, waitUntilPasses, type ProbeInput } from "../probe";
import { benchCertificates } from "./certificates";
import type { EmulatorProcess } from "./emulatorProcess";
import { median, round } from "./stats";
import { P1Bounds, P2Bounds } from "./targets";

/** Options of {@link measureReplicationWait}. */
export interface ReplicationOptions {
    /** Runs; the median is reported. Default 3. */
    readonly runs?: number;
    /** Replication lag R, ms; default {@link P2Bounds.lagMs}. */
    readonly lagMs?: number;
    /** Injected latency, ms; default P1's L. */
    readonly latencyMs?: number;
    /** Number of the first tenant (tenants are never reused); default 1. */
    readonly firstTenant?: number;
}

/** P2's figures. */
export interface ReplicationResult {
    readonly lagMs: number;
    readonly latencyMs: number;
    readonly runs: number;
    /** Median time from the grants' write to a passing probe, ms. */
    readonly greenAfterMs: number;
    /** Every run's figure, ms. */
    readonly samplesMs: readonly number[];
    /** Probes per run until green (median). */
    readonly probes: number;
    /** When each probe of the last run ended, ms after t0 (the last one is the green one). */
    readonly probeEndsMs: readonly number[];
}

const GRANT = ["Office 365 Exchange Online", "Exchange.ManageAsApp"] as const;
const ROLE = "User Administrator";

/** Measures P2 against an emulator child. */
export async function measureReplicationWait(emu: EmulatorProcess, o: ReplicationOptions = {}): Promise<ReplicationResult> {
    const runs = o.runs ?? 3;
    const R = o.lagMs ?? P2Bounds.lagMs;
    const L = o.latencyMs ?? P1Bounds.latencyMs;
    const spec = { profile: "activeroles-m365" };
    const certs = await benchCertificates(runs, 1);
    await emu.call("setLatency", L);
    const samples: number[] = [];
    const probes: number[] = [];
    let probeEndsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
        await emu.call("setReplicationLag", 0);
        const tenantId = `b2${String(i + (o.firstTenant ?? 1)).padStart(6, "0")}-0000-4000-8000-000000000002`;
        const [seeded] = await emu.call("seed", [{ tenantId, profile: spec, credential: { kind: "certificate", certificatePem: certs[i].certificatePem } }]);
        await emu.call("revokeAppRole", tenantId, seeded.clientId, ...GRANT);
        await emu.call("removeDirectoryRole", tenantId, seeded.clientId, ROLE);
        const input: ProbeInput = {
            tenantId,
            clientId: seeded.clientId,
            cloud: "AzureCloud",
            credential: { kind: "certificate", ...certs[i] },
            expectations: expectationsOf(resolveProfile(spec)),
            endpoints: { baseUrl: emu.url },
        };
        const before = await runProbe(input);
        if (before.status !== "fail") throw new Error("P2: the probe passed before the grants were written");

        await emu.call("setReplicationLag", R);
        clearTokenCache();
        const t0 = performance.now(); // before the writes: the figure can only come out longer
        await emu.call("grantAppRole", tenantId, seeded.clientId, ...GRANT);
        await emu.call("assignDirectoryRole", tenantId, seeded.clientId, ROLE);
        const ends: number[] = [];
        const report = await waitUntilPasses(input, { deadlineMs: 60_000, onAttempt: () => ends.push(performance.now() - t0) });
        const green = performance.now() - t0;
        if (report.status !== "pass") throw new Error(`P2: ended ${report.status}`);
        samples.push(green);
        probes.push(ends.length);
        probeEndsMs = ends.map((e) => round(e));
    }
    await emu.call("setReplicationLag", 0);
    return { lagMs: R, latencyMs: L, runs, greenAfterMs: round(median(samples)), samplesMs: samples.map((s) => round(s)), probes: median(probes), probeEndsMs };
}
