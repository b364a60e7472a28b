/**
 * The benchmark report: P1–P4's figures, each beside its bound (bench/targets.ts), as one JSON
 * object and as a table a person reads.
 *
 * @module
 */
import { cpus, loadavg, totalmem } from "node:os";
import type { ThroughputResult } from "./emulator";
import type { DriftResult, DriftRun } from "./drift";
import type { ProbeLatencyResult } from "./probeLatency";
import type { ReplicationResult } from "./replication";
import { round } from "./stats";
import { P1Bounds, P2Bounds, P3Bounds, P4Bounds } from "./targets";

/** The machine the figures come from. */
export interface MachineInfo {
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGb: number;
    /** 1-minute load average when the benchmarks started and ended (other work on the machine). */
    readonly loadAvgStart: number;
    readonly loadAvgEnd?: number;
}

export function machineInfo(): MachineInfo {
    return {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model?.trim() ?? "unknown",
        memoryGb: round(totalmem() / 1024 ** 3, 1),
        loadAvgStart: round(loadavg()[0], 2),
    };
}

export function p1Report(r: ProbeLatencyResult) {
    const coldRatioMax = P1Bounds.coldRatioMax;
    const warmRatioMax = P1Bounds.warmRatioMax;
    return {
        latencyMs: r.latencyMs,
        profile: r.profile,
        runs: r.runs,
        coldMs: r.cold.ms,
        coldMsMax: round(coldRatioMax * r.latencyMs),
        coldRatio: r.cold.ratio,
        coldRatioMax,
        warmMs: r.warm.ms,
        warmMsMax: round(warmRatioMax * r.latencyMs),
        warmRatio: r.warm.ratio,
        warmRatioMax,
        roundTripsCold: r.cold.roundTrips,
        roundTripsColdFloor: P1Bounds.roundTripsCold,
        roundTripsWarm: r.warm.roundTrips,
        roundTripsWarmFloor: P1Bounds.roundTripsWarm,
        requestsCold: r.cold.requests,
        requestsWarm: r.warm.requests,
        /** Cold with new TCP + TLS connections (the first probe of a process); not bounded. */
        coldNewConnectionsMs: r.coldNewConnections.ms,
        coldNewConnectionsRatio: r.coldNewConnections.ratio,
        coldIncludesNewConnections: false,
        samplesMs: { coldNewConnections: r.coldNewConnections.samplesMs, cold: r.cold.samplesMs, warm: r.warm.samplesMs },
        met:
            r.cold.ratio <= coldRatioMax &&
            r.warm.ratio <= warmRatioMax &&
            r.cold.roundTrips <= P1Bounds.roundTripsCold &&
            r.warm.roundTrips <= P1Bounds.roundTripsWarm,
    };
}

export function p2Report(r: ReplicationResult, backoff: string, longer?: ReplicationResult) {
    const greenAfterMsMax = r.lagMs + P2Bounds.slackMs;
    return {
        lagMs: r.lagMs,
        greenAfterMs: r.greenAfterMs,
        greenAfterMsMax,
        latencyMs: r.latencyMs,
        runs: r.runs,
        samplesMs: r.samplesMs,
        probes: r.probes,
        probeEndsMs: r.probeEndsMs,
        backoff,
        ...(longer ? { longerLag: { lagMs: longer.lagMs, greenAfterMs: longer.greenAfterMs, probes: longer.probes, probeEndsMs: longer.probeEndsMs, bounded: false } } : {}),
        met: r.greenAfterMs <= greenAfterMsMax,
    };
}

const driftMet = (run: DriftRun, connections: number) =>
    run.wallMs <= P3Bounds.wallMsMax && run.peakRssMb < P3Bounds.peakRssMbMax && (run.allVerdicts.pass ?? 0) === connections * run.repeats;

export function p3Report(r: DriftResult, cliDefaultConcurrency: number) {
    const [main, ...others] = r.runs;
    const row = (run: DriftRun) => ({
        concurrency: run.concurrency,
        wallMs: run.wallMs,
        wallSamplesMs: run.samplesMs,
        wallMsMax: P3Bounds.wallMsMax,
        peakRssMb: run.peakRssMb,
        peakRssMbBelow: P3Bounds.peakRssMbMax,
        rssBeforeMb: run.rssBeforeMb,
        cpuMs: run.cpuMs,
        emulatorCpuMs: run.emulatorCpuMs,
        verdicts: run.allVerdicts,
        ...(run.problems.length ? { problems: run.problems } : {}),
        met: driftMet(run, r.connections),
    });
    const cli = others.find((x) => x.concurrency === cliDefaultConcurrency);
    return {
        connections: r.connections,
        tenants: r.connections,
        latencyMs: r.latencyMs,
        profile: r.profile,
        ...row(main),
        clientProcessOnly: true,
        emulatorPeakRssMb: r.emulatorPeakRssMb,
        ...(cli ? { cliDefault: row(cli) } : {}),
        met: r.runs.every((run) => driftMet(run, r.connections)),
    };
}

export function p4Report(r: ThroughputResult) {
    return {
        graphGetsPerSec: r.graphGetsPerSec,
        graphGetsPerSecMin: P4Bounds.graphGetsPerSecMin,
        requests: r.requests,
        seconds: r.seconds,
        errors: r.errors,
        concurrency: r.concurrency,
        met: r.graphGetsPerSec >= P4Bounds.graphGetsPerSecMin && r.errors === 0,
    };
}

/** The whole report, as `--json` prints it. */
export interface BenchReport {
    readonly machine: MachineInfo;
    readonly P1?: ReturnType<typeof p1Report>;
    readonly P2?: ReturnType<typeof p2Report>;
    readonly P3?: ReturnType<typeof p3Report>;
    readonly P4?: ReturnType<typeof p4Report>;
    readonly met: boolean;
}

/** The report as a table: one row per figure, its bound, and whether it is met. */
export function renderTable(report: BenchReport): string {
    const rows: [string, string, string, string][] = [["", "figure", "measured", "bound"]];
    const ok = (met: boolean) => (met ? "" : "  << MISSED");
    const { P1, P2, P3, P4 } = report;
    if (P1) {
        const L = P1.latencyMs;
        rows.push(["P1", `cold probe, L = ${L} ms (${P1.profile})`, `${P1.coldMs} ms = ${P1.coldRatio}·L`, `≤ ${P1.coldRatioMax}·L${ok(P1.coldRatio <= P1.coldRatioMax)}`]);
        rows.push(["P1", "warm probe (cached tokens)", `${P1.warmMs} ms = ${P1.warmRatio}·L`, `≤ ${P1.warmRatioMax}·L${ok(P1.warmRatio <= P1.warmRatioMax)}`]);
        rows.push(["P1", "sequential round trips cold / warm", `${P1.roundTripsCold} / ${P1.roundTripsWarm}`, `floor ${P1.roundTripsColdFloor} / ${P1.roundTripsWarmFloor}${ok(P1.roundTripsCold <= P1.roundTripsColdFloor && P1.roundTripsWarm <= P1.roundTripsWarmFloor)}`]);
        rows.push(["P1", "requests cold / warm", `${P1.requestsCold} / ${P1.requestsWarm}`, ""]);
        rows.push(["P1", "cold + new TCP/TLS connections", `${P1.coldNewConnectionsMs} ms = ${P1.coldNewConnectionsRatio}·L`, "(not bounded)"]);
    }
    if (P2) {
        rows.push(["P2", `grants written → probe green, R = ${P2.lagMs} ms`, `${P2.greenAfterMs} ms (${P2.probes} probes)`, `≤ ${P2.greenAfterMsMax} ms${ok(P2.met)}`]);
        const l = P2.longerLag;
        if (l) rows.push(["P2", `  same with R = ${l.lagMs} ms (probes end at ${l.probeEndsMs.map((x) => Math.round(x)).join(", ")} ms)`, `${l.greenAfterMs} ms (${l.probes} probes)`, "(not bounded)"]);
    }
    if (P3) {
        const runs = [{ ...P3 }, ...(P3.cliDefault ? [P3.cliDefault] : [])];
        for (const run of runs) {
            const label = run === runs[0] ? "" : " (CLI default)";
            const runsOf = run.wallSamplesMs.length;
            rows.push(["P3", `drift, ${P3.connections} tenants, concurrency ${run.concurrency}${label}: wall, median of ${runsOf}`, `${run.wallMs} ms (${run.wallSamplesMs.map((x) => Math.round(x)).join(", ")})`, `≤ ${run.wallMsMax} ms${ok(run.wallMs <= run.wallMsMax)}`]);
            rows.push(["P3", `  client peak RSS (largest of ${runsOf})`, `${run.peakRssMb} MB`, `< ${run.peakRssMbBelow} MB${ok(run.peakRssMb < run.peakRssMbBelow)}`]);
            rows.push(["P3", `  client CPU (emulator CPU) of the median run; verdicts of all`, `${run.cpuMs} ms (${run.emulatorCpuMs} ms); ${JSON.stringify(run.verdicts)}`, `all pass${ok((run.verdicts.pass ?? 0) === P3.connections * runsOf)}`]);
        }
        rows.push(["P3", "  emulator process peak RSS (not counted)", `${P3.emulatorPeakRssMb} MB`, ""]);
    }
    if (P4) rows.push(["P4", `emulator Graph GETs/s (${P4.concurrency} keep-alive connections)`, `${P4.graphGetsPerSec}/s`, `≥ ${P4.graphGetsPerSecMin}/s${ok(P4.met)}`]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
    const lines = rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ").trimEnd());
    lines.splice(1, 0, "-".repeat(Math.max(...lines.map((l) => l.length))));
    const m = report.machine;
    lines.push("", `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAvgStart} → ${m.loadAvgEnd ?? "?"}`);
    lines.push(report.met ? "All targets met." : "Some targets were MISSED.");
    return lines.join("\n");
}
