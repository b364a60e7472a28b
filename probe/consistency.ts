/**
 * Waiting for Entra's eventual consistency: after grants are written, re-run the probe with
 * backoff until it passes, or until a deadline.
 *
 * The rule: a failed probe is waited on only when every failing check is `transient` (see
 * probe/checks.ts): a missing app role or directory role right after the grant (replication,
 * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/),
 * a Graph or Exchange 401/403 while such a grant is still missing from the token, throttling and
 * 5xx. A failure no waiting can fix (a rejected secret or certificate, an unknown app or tenant,
 * an expired credential, a 403 for a token that already carries every expected role) throws
 * {@link ProbeFailedError} at once. Every retry asks for new tokens: a token's claims are fixed
 * when it is issued. A `warn` (credential expiring) counts as passing.
 *
 * A brand-new application or credential is a replication case too: for a while after it is
 * written, Entra may answer the token request with AADSTS700016 (app not found), 7000215 (secret
 * not found) or 700027 (certificate not found) — the symptom terraform-provider-azuread#1035 and
 * microsoft-authentication-library-for-dotnet#3706 report. `credentialGraceMs` waits on exactly
 * those codes for that long from the start; after it they are final again (a wrong secret stays
 * wrong).
 *
 * Like terraform-provider-azuread's consistency helper, `consecutive` can demand several passes
 * in a row before the answer is believed (one replica may already agree while others do not).
 *
 * @module
 */
import { ConsistencyTimeoutError } from "../catalog";
import { runProbe } from "./probe";
import { describeFailures, failingChecks, probeFailedError } from "./report";
import { sleep as realSleep } from "./retry";
import type { ProbeInput, ProbeReport } from "./types";

/**
 * Default first wait after a failed probe, ms. With {@link DEFAULT_MAX_DELAY_MS} a grant is seen
 * at most about 1 s after it replicates (BENCHMARKS.md, P2): the cap is 1 s minus two probe
 * durations. The load stays small: one probe (≤ 4 requests) per 0.75 s per waiting connection,
 * far below Graph's identity limits (3,500+ resource units per 10 s per app and tenant,
 * https://learn.microsoft.com/graph/throttling-limits).
 */
export const DEFAULT_INITIAL_DELAY_MS = 250;
/** Default cap of one wait between probes, ms (see {@link DEFAULT_INITIAL_DELAY_MS}). */
export const DEFAULT_MAX_DELAY_MS = 750;

/** Options of {@link waitUntilPasses}. */
export interface WaitOptions {
    /** Give up (ConsistencyTimeoutError) after this long, ms. */
    readonly deadlineMs: number;
    /** First wait after a failed probe, ms; doubles per retry. Default {@link DEFAULT_INITIAL_DELAY_MS}. */
    readonly initialDelayMs?: number;
    /** Cap of one wait, ms. Default {@link DEFAULT_MAX_DELAY_MS}. */
    readonly maxDelayMs?: number;
    /** Passing probes needed in a row; default 1. */
    readonly consecutive?: number;
    /**
     * For this long from the start, token failures that replication of a new app or credential
     * explains ({@link NEW_CREDENTIAL_CODES}) are waited on. Default 0 (final at once).
     */
    readonly credentialGraceMs?: number;
    /** Called after every probe (progress logs). */
    readonly onAttempt?: (report: ProbeReport, attempt: number) => void;
    /** Clock and sleep, for tests. */
    readonly now?: () => number;
    readonly sleep?: (ms: number) => Promise<void>;
}

/** Token failures a not-yet-replicated application or credential produces (see the module comment). */
export const NEW_CREDENTIAL_CODES: readonly string[] = ["AADSTS700016", "AADSTS7000215", "AADSTS700027"];

/**
 * Runs the probe until it passes `consecutive` times in a row. Returns the last report. Throws
 * {@link ProbeFailedError} for a non-transient failure and {@link ConsistencyTimeoutError} (naming
 * the checks still failing, with their evidence) at the deadline.
 */
export async function waitUntilPasses(input: ProbeInput, options: WaitOptions): Promise<ProbeReport> {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? realSleep;
    const initial = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
    const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    const needed = Math.max(1, options.consecutive ?? 1);
    const start = now();
    const deadline = start + options.deadlineMs;
    const graceEnds = start + Math.min(options.credentialGraceMs ?? 0, options.deadlineMs);
    const waitable = (c: { transient?: boolean; code?: string }) =>
        c.transient === true || (c.code !== undefined && NEW_CREDENTIAL_CODES.includes(c.code) && now() < graceEnds);
    let delay = initial;
    let passes = 0;
    let fresh = input.forceTokenRefresh === true;
    for (let attempt = 1; ; attempt++) {
        const report = await runProbe({ ...input, forceTokenRefresh: fresh });
        options.onAttempt?.(report, attempt);
        const failing = failingChecks(report);
        if (failing.length === 0) {
            passes++;
            if (passes >= needed) return report;
            delay = initial;
        } else {
            passes = 0;
            if (!failing.every(waitable)) throw probeFailedError(report);
        }
        const remaining = deadline - now();
        if (remaining <= 0) {
            const waited = `${Math.round(options.deadlineMs / 1000)} s`;
            throw new ConsistencyTimeoutError(
                failing.length > 0
                    ? `still failing after ${waited} of waiting for replication: ${describeFailures(failing)}`
                    : `passed only ${passes} of ${needed} times in a row within ${waited}`,
                failing.map((c) => c.name),
                { remedy: failing.map((c) => c.remedy).filter(Boolean).join(". ") || undefined },
            );
        }
        await sleep(Math.min(delay, remaining));
        if (failing.length > 0) delay = Math.min(max, delay * 2);
        fresh = true;
    }
}
