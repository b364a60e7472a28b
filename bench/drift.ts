/**
 * P3: drift over many connections, one per tenant, at latency L: the wall time and the peak RSS
 * of the client. The emulator runs in one child process (bench/emulatorProcess.ts) and the client
 * in another (./driftChild.ts), so the client's peak RSS is its own; the emulator's is reported
 * beside it.
 *
 * @module
 */
import { fork } from "node:child_process";
import { join } from "node:path";
import { benchCertificates } from "./certificates";
import type { DriftChildResult, DriftConnection, DriftJob } from "./driftChild";
import { startEmulatorProcess } from "./emulatorProcess";
import { childExecArgv } from "./profiling";
import { P3Bounds } from "./targets";

/** Options of {@link measureDrift}. */
export interface DriftOptions {
    /** The CA directory the emulator issues its TLS certificate from (trusted by this process). */
    readonly caDir: string;
    /** Connections (one tenant each); default {@link P3Bounds.connections}. */
    readonly connections?: number;
    /** Probes in flight, one run each; default [connections, 16 (the CLI default)]. */
    readonly concurrencies?: readonly number[];
    /** Injected latency, ms; default {@link P3Bounds.latencyMs}. */
    readonly latencyMs?: number;
    /** Timed runs per concurrency (interleaved); the median wall time is reported. Default 3. */
    readonly repeats?: number;
}

/** One drift run. */
export interface TimedDriftRun extends DriftChildResult {
    readonly concurrency: number;
    /** CPU time the emulator's process spent during the run, ms (Microsoft's side: not the client's). */
    readonly emulatorCpuMs: number;
}

/**
 * The runs at one concurrency, summed up by the run of median wall time (its CPU and verdicts
 * are shown); `peakRssMb` is the largest of all its runs and `verdicts` add up every run's.
 */
export interface DriftRun extends TimedDriftRun {
    /** Every run's wall time, ms, in the order they ran. */
    readonly samplesMs: readonly number[];
    /** Every run's verdicts added up (runs × connections in all). */
    readonly allVerdicts: Record<string, number>;
    readonly repeats: number;
}

/** P3's figures. */
export interface DriftResult {
    readonly connections: number;
    readonly latencyMs: number;
    readonly profile: string;
    readonly runs: readonly DriftRun[];
    /** Peak RSS of the emulator's process (not the client's), MB. */
    readonly emulatorPeakRssMb: number;
}

/** Forks ./driftChild.ts with `job` and resolves with its result. */
function runChild(job: DriftJob): Promise<DriftChildResult> {
    return new Promise((resolve, reject) => {
        const child = fork(join(__dirname, "driftChild.js"), [], { execArgv: childExecArgv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
        let reply: { result?: DriftChildResult; error?: string } | undefined;
        child.once("message", (m: { result?: DriftChildResult; error?: string }) => (reply = m));
        child.once("error", reject);
        child.once("exit", (code) => {
            if (reply?.result) resolve(reply.result);
            else reject(new Error(`P3 client: ${reply?.error ?? `exited with code ${code} without a result`}`));
        });
        child.send(job);
    });
}

function summarize(runs: readonly TimedDriftRun[]): DriftRun {
    const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
    const mid = byWall[Math.floor((byWall.length - 1) / 2)];
    const allVerdicts: Record<string, number> = {};
    for (const run of runs) for (const [v, k] of Object.entries(run.verdicts)) allVerdicts[v] = (allVerdicts[v] ?? 0) + k;
    return {
        ...mid,
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
        samplesMs: runs.map((r) => r.wallMs),
        allVerdicts,
        repeats: runs.length,
        problems: runs.flatMap((r) => r.problems).slice(0, 5),
    };
}

/** Measures P3. */
export async function measureDrift(o: DriftOptions): Promise<DriftResult> {
    const n = o.connections ?? P3Bounds.connections;
    const L = o.latencyMs ?? P3Bounds.latencyMs;
    const profile = { profile: "activeroles-m365" };
    const emu = await startEmulatorProcess({ caDir: o.caDir, latencyMs: L });
    try {
        const certs = await benchCertificates(n);
        // The first segment differs per tenant: the emulator names a tenant's initial domain after it.
        const tenants = certs.map((_, i) => `b3${String(i + 1).padStart(6, "0")}-0000-4000-8000-000000000003`);
        const seeded = await emu.call("seed", tenants.map((tenantId, i) => ({ tenantId, profile, credential: { kind: "certificate", certificatePem: certs[i].certificatePem } })));
        const connections: DriftConnection[] = seeded.map((s, i) => ({ tenantId: s.tenantId, clientId: s.clientId, ...certs[i] }));
        // The emulator stands in for a service that is already running: one untimed run warms its
        // JIT and its per-key caches. Every timed run is a new client process, cold as a CLI run is.
        await runChild({ url: emu.url, profile, concurrency: n, connections });
        const concurrencies = o.concurrencies ?? [n, 16];
        const repeats = o.repeats ?? 3;
        const timed = new Map<number, TimedDriftRun[]>(concurrencies.map((c) => [c, []]));
        for (let r = 0; r < repeats; r++) {
            for (const concurrency of concurrencies) {
                const before = await emu.call("usage");
                const result = await runChild({ url: emu.url, profile, concurrency, connections });
                const after = await emu.call("usage");
                timed.get(concurrency)?.push({ concurrency, ...result, emulatorCpuMs: after.cpuMs - before.cpuMs });
            }
        }
        const runs = concurrencies.map((c) => summarize(timed.get(c) ?? []));
        const { peakRssMb } = await emu.call("usage");
        return { connections: n, latencyMs: L, profile: profile.profile, runs, emulatorPeakRssMb: peakRssMb };
    } finally {
        await emu.stop();
    }
}
