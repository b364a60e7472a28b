/**
 * The tenant emulator: Entra ID's token endpoint, Microsoft Graph v1.0 and the Exchange Online
 * admin API over HTTPS on 127.0.0.1, built from Microsoft's documented behaviour
 * (../shared/reference/). Start it from tests and benchmarks with {@link startEmulator}; from a
 * shell with `npm run emulator` (./main.ts).
 *
 * @module
 */
import { Clouds } from "../catalog";
import { BearerVerifier } from "./bearer";
import { generateCa, issueServerCertificate } from "./ca";
import type { EmulatorContext } from "./context";
import { createDirectory } from "./directory";
import { FaultTable, RequestRoutes } from "./faults/table";
import { createSigningKeys } from "./keys";
import { listen } from "./server";
import { Store } from "./store/store";
import type { EmulatorOptions, FaultRoute, RunningEmulator } from "./types";

export type {
    Directory, EmulatorCa, EmulatorOptions, FaultRoute, FaultRule, RequestRecord, RunningEmulator, SeedCredential, SeededConnector, SeedTenant, SeedUser,
} from "./types";
export { ensureCaFiles, createSelfSignedCertificate, generateCa, type CaFiles, type CertificateAndKey } from "./ca";
export { reexecWithTrustedCa } from "./trust";

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const cloudName = options.cloud ?? "AzureCloud";
    const cloud = Clouds[cloudName];
    if (!cloud) throw new Error(`emulator: unknown cloud "${String(cloudName)}"`);
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    if (!Number.isInteger(lifetime) || lifetime < 1) throw new RangeError(`tokenLifetimeSeconds must be a positive integer, got ${lifetime}`);
    const ca = options.ca ?? (await generateCa());
    const [leaf, keys] = await Promise.all([issueServerCertificate(ca), createSigningKeys()]);

    const store = new Store(cloudName);
    store.setLag(options.replicationLagMs ?? 0);
    for (const t of options.tenants ?? []) store.addTenant(t);

    const timers = new Set<NodeJS.Timeout>();
    const ctx: EmulatorContext = {
        cloud,
        store,
        keys,
        bearer: new BearerVerifier(keys),
        faults: new FaultTable(options.faults),
        tokenLifetimeSeconds: lifetime,
        downloads: new Map(),
        counters: { token: 0, discovery: 0, graph: 0, graphBatch: 0, exchange: 0 },
        baseUrl: "",
        latencyMs: options.latencyMs ?? 0,
        ...(options.recordRequests ? { requestLog: [] } : {}),
        sleep: (ms) =>
            new Promise<void>((resolve) => {
                const t = setTimeout(() => {
                    timers.delete(t);
                    resolve();
                }, ms);
                timers.add(t);
            }),
    };
    const server = await listen(ctx, { cert: leaf.certificatePem, key: leaf.privateKeyPem }, options.port ?? 0, timers);
    ctx.baseUrl = `https://127.0.0.1:${server.port}`;

    let stopped: Promise<void> | undefined;
    return {
        url: ctx.baseUrl,
        port: server.port,
        cloud: cloudName,
        caPem: ca.certPem,
        directory: createDirectory(store),
        injectFault: (rule) => ctx.faults.add(rule),
        clearFaults: () => ctx.faults.clear(),
        setLatency: (ms) => {
            if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a non-negative number of ms, got ${ms}`);
            ctx.latencyMs = ms;
        },
        setReplicationLag: (ms) => store.setLag(ms),
        stats: (): Record<FaultRoute, number> => ({ ...ctx.counters, any: RequestRoutes.reduce((n, r) => n + ctx.counters[r], 0) }),
        resetStats: () => {
            for (const r of RequestRoutes) ctx.counters[r] = 0;
            ctx.requestLog?.splice(0);
        },
        requestLog: () => [...(ctx.requestLog ?? [])],
        stop: () => (stopped ??= server.close()),
    };
}
