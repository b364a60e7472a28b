/**
 * The bounds of issue #7, as data: what each benchmark must show on the machine it runs on.
 * bench/index.ts compares every figure with its bound here and exits non-zero when one is missed.
 *
 * @module
 */

/** P1: probe wall time at injected latency L, as multiples of L; sequential round trips. */
export const P1Bounds = {
    /** Injected latency of every emulator request, ms. */
    latencyMs: 50,
    /** Cold probe (no cached tokens): at most this many L. */
    coldRatioMax: 2.4,
    /** Warm probe (cached tokens): at most this many L. */
    warmRatioMax: 1.3,
    /** The floor the design allows: tokens in parallel, then Graph + Exchange in parallel. */
    roundTripsCold: 2,
    /** Warm: Graph + Exchange in parallel. */
    roundTripsWarm: 1,
} as const;

/** P2: grants written to probe green, with replication lag R. */
export const P2Bounds = {
    /** Replication lag R, ms. */
    lagMs: 3000,
    /** At most R plus this, ms. */
    slackMs: 1000,
} as const;

/** P3: drift over many connections, one per tenant, at latency L. */
export const P3Bounds = {
    connections: 200,
    latencyMs: 50,
    wallMsMax: 2000,
    peakRssMbMax: 200,
} as const;

/** P4: emulator throughput. */
export const P4Bounds = {
    graphGetsPerSecMin: 2000,
} as const;
