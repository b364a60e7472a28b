/**
 * P1: how long one probe ("Test connection") takes at an injected latency L, cold (no cached
 * tokens) and warm (msal's cached tokens), and how many requests and sequential round trips it
 * makes, measured from the emulator's request log (bench/criticalPath.ts).
 *
 * Three probes per run, one tenant, the activeroles-m365 profile (Graph token + Exchange token,
 * a Graph read, an Exchange cmdlet), certificate credential:
 *
 * - cold + new connections: pooled connections dropped (bench/connections.ts) and token cache
 *   cleared: what the first probe of a process pays. Reported, not bounded (see BENCHMARKS.md:
 *   the emulator adds L per request, not per TCP/TLS round trip);
 * - cold: token cache cleared, connections kept alive (a long-lived process: the provider host,
 *   `drift` after its first connections). Bounded by `coldRatioMax`;
 * - warm: cached tokens. Bounded by `warmRatioMax`.
 *
 * @module
 */
import { performance } from "node:perf_hooks";
import { expectationsOf, resolveProfile } from "../catalog";
import { clearTokenCache, runProbe, type ProbeInput } from "../probe";
import { closeIdleConnections } from "../probe/transport";
import { benchCertificates } from "./certificates";
import { sequentialRoundTrips } from "./criticalPath";
import type { EmulatorProcess } from "./emulatorProcess";
import { median, round } from "./stats";
import { P1Bounds } from "./targets";

/** Options of {@link measureProbeLatency}. */
export interface ProbeLatencyOptions {
    /** Runs (each: cold + new connections, cold, warm); the median is reported. Default 7. */
    readonly runs?: number;
    /** Injected latency, ms; default {@link P1Bounds.latencyMs}. */
    readonly latencyMs?: number;
}

/** One kind of probe, over the runs. */
export interface ProbeTiming {
    /** Median wall time, ms. */
    readonly ms: number;
    /** Median wall time / L. */
    readonly ratio: number;
    /** Requests one probe sent (the same in every run). */
    readonly requests: number;
    /** Sequential round trips (the largest seen over the runs). */
    readonly roundTrips: number;
    /** Every run's wall time, ms. */
    readonly samplesMs: readonly number[];
}

/** P1's figures. */
export interface ProbeLatencyResult {
    readonly latencyMs: number;
    readonly runs: number;
    readonly profile: string;
    readonly coldNewConnections: ProbeTiming;
    readonly cold: ProbeTiming;
    readonly warm: ProbeTiming;
}

/** Measures P1 against an emulator child (its request log must be on). */
export async function measureProbeLatency(emu: EmulatorProcess, o: ProbeLatencyOptions = {}): Promise<ProbeLatencyResult> {
    const runs = o.runs ?? 7;
    const L = o.latencyMs ?? P1Bounds.latencyMs;
    const spec = { profile: "activeroles-m365" };
    const [cert] = await benchCertificates(1, 1);
    const tenantId = "b1000001-0000-4000-8000-000000000001";
    const [seeded] = await emu.call("seed", [{ tenantId, profile: spec, credential: { kind: "certificate", certificatePem: cert.certificatePem } }]);
    const input: ProbeInput = {
        tenantId,
        clientId: seeded.clientId,
        cloud: "AzureCloud",
        credential: { kind: "certificate", ...cert },
        expectations: expectationsOf(resolveProfile(spec)),
        endpoints: { baseUrl: emu.url },
    };

    const once = async (): Promise<{ ms: number; requests: number; roundTrips: number }> => {
        await emu.call("resetStats");
        const started = performance.now();
        const report = await runProbe(input);
        const ms = performance.now() - started;
        if (report.status !== "pass") throw new Error(`P1: the probe did not pass: ${JSON.stringify(report.checks.filter((c) => c.status === "fail"))}`);
        const log = await emu.call("requestLog");
        return { ms, requests: log.length, roundTrips: sequentialRoundTrips(log) };
    };

    // Warm-up without latency: JIT, module initialisation, first connections.
    await emu.call("setLatency", 0);
    clearTokenCache();
    await once();
    await emu.call("setLatency", L);

    const samples = { coldNewConnections: [] as Awaited<ReturnType<typeof once>>[], cold: [] as Awaited<ReturnType<typeof once>>[], warm: [] as Awaited<ReturnType<typeof once>>[] };
    for (let i = 0; i < runs; i++) {
        closeIdleConnections();
        clearTokenCache();
        samples.coldNewConnections.push(await once());
        clearTokenCache();
        samples.cold.push(await once());
        samples.warm.push(await once());
    }
    const timing = (s: Awaited<ReturnType<typeof once>>[]): ProbeTiming => {
        const ms = median(s.map((x) => x.ms));
        const requests = new Set(s.map((x) => x.requests));
        if (requests.size !== 1) throw new Error(`P1: the number of requests varied between runs: ${[...requests].join(", ")}`);
        return { ms: round(ms), ratio: round(ms / L, 2), requests: s[0].requests, roundTrips: Math.max(...s.map((x) => x.roundTrips)), samplesMs: s.map((x) => round(x.ms)) };
    };
    return { latencyMs: L, runs, profile: spec.profile, coldNewConnections: timing(samples.coldNewConnections), cold: timing(samples.cold), warm: timing(samples.warm) };
}
