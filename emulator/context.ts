/**
 * What every handler of one running emulator shares.
 *
 * @module
 */
import type { Cloud } from "../catalog";
import type { BearerVerifier } from "./bearer";
import type { FaultTable, RequestRoute } from "./faults/table";
import type { SigningKeys } from "./keys";
import type { Store } from "./store/store";
import type { RequestRecord } from "./types";

export interface EmulatorContext {
    readonly cloud: Cloud;
    readonly store: Store;
    readonly keys: SigningKeys;
    readonly bearer: BearerVerifier;
    readonly faults: FaultTable;
    readonly tokenLifetimeSeconds: number;
    /** Preauthenticated report downloads: token → CSV and expiry (ms). */
    readonly downloads: Map<string, { readonly csv: string; readonly expiresAt: number }>;
    /** Per-route request counters. */
    readonly counters: Record<RequestRoute, number>;
    /** Start and end of every request, when the emulator was started with `recordRequests`. */
    readonly requestLog?: RequestRecord[];
    /** `https://127.0.0.1:PORT`, set once listening. */
    baseUrl: string;
    /** Latency added to every request, ms. */
    latencyMs: number;
    /** Waits `ms`; cancelled (never resolves) when the emulator stops. */
    sleep(ms: number): Promise<void>;
}
