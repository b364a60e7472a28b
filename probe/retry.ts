/**
 * The probe's one HTTP retry policy, shared by the token requests (msal's network client), the
 * Graph client (as a middleware), the requests inside a Graph `$batch` and the Exchange client.
 *
 * - 429: wait what `Retry-After` says (seconds or an HTTP-date), else back off.
 * - 500, 502, 503, 504 and connection resets: exponential backoff with jitter (Retry-After wins).
 * - Everything else is returned at once (a 403 such as Graph's `Authorization_RequestDenied`
 *   included), and so are the permanent token errors even when their status looks transient:
 *   AADSTS 700016, 7000215, 7000222, 700027, 90002, 70011
 *   (https://learn.microsoft.com/graph/throttling,
 *   https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 * - Bounded: at most `maxAttempts` sends and never past `deadlineMs`; a wait that would end past
 *   the deadline is not started, the last response is returned instead. {@link nextDelay} is that
 *   decision, for one step.
 *
 * @module
 */
import { transportFetch, type HttpResponse } from "./transport";

/** Tuning of {@link sendWithRetry}. */
export interface RetryPolicy {
    /** Total sends, first included. */
    readonly maxAttempts: number;
    /** First backoff delay; doubles per attempt. */
    readonly baseDelayMs: number;
    /** Cap of one backoff delay (a longer `Retry-After` is still honoured, within the deadline). */
    readonly maxDelayMs: number;
    /** Time budget of one logical request, retries included. */
    readonly deadlineMs: number;
}

/** Defaults: 5 sends, 0.5 s doubling to at most 8 s, within 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: 60_000 };

/** AADSTS codes no retry can fix (wrong app, secret, certificate, tenant or scope). */
export const PERMANENT_AADSTS_CODES: readonly string[] = ["700016", "7000215", "7000222", "700027", "90002", "70011"];

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE"]);

/**
 * Parses a `Retry-After` header (delta-seconds or HTTP-date) into milliseconds; undefined when
 * absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
    if (value === null || value === undefined || value.trim() === "") return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** True for the statuses the policy retries: 429, 500, 502, 503, 504. */
export function isRetryableStatus(status: number): boolean {
    return RETRYABLE_STATUS.has(status);
}

/**
 * True when a body text carries a permanent token error (see {@link PERMANENT_AADSTS_CODES}): a
 * retryable status with such a body is not retried.
 */
export function isPermanentErrorBody(body: string): boolean {
    const m = /AADSTS(\d+)/.exec(body) ?? /"error_codes"\s*:\s*\[\s*(\d+)/.exec(body);
    return m !== null && PERMANENT_AADSTS_CODES.includes(m[1]);
}

/** The backoff delay before send number `attempt + 1` (attempt counts from 1), jittered to 50–100 %. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp * (0.5 + random() / 2));
}

/** One failed send, as {@link nextDelay} weighs it. */
export interface RetryStep {
    /** The answer's status; absent for a connection failure worth retrying. */
    readonly status?: number;
    /** The answer's `Retry-After`, ms (wins over the backoff). */
    readonly retryAfterMs?: number;
    /** Sends made so far, this one included (from 1). */
    readonly attempt: number;
    /** Time since the first send, ms. */
    readonly elapsedMs: number;
}

/**
 * The retry decision of one failed send: the wait before the next send, or undefined to stop
 * (a status the policy does not retry, `maxAttempts` spent, or a wait that would end past
 * `deadlineMs`). Permanent bodies ({@link isPermanentErrorBody}) are the caller's to rule out.
 */
export function nextDelay(step: RetryStep, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
    if (step.status !== undefined && !isRetryableStatus(step.status)) return undefined;
    if (step.attempt >= policy.maxAttempts) return undefined;
    const delay = step.retryAfterMs ?? backoffDelayMs(step.attempt, policy, random);
    return step.elapsedMs + delay > policy.deadlineMs ? undefined : delay;
}

/** Waits `ms`: the probe's one sleep. */
export function sleep(ms: number): Promise<void> {
    return new Promise<void>((r) => setTimeout(r, ms));
}

/** The text of a connection failure to `url`: `cannot reach <origin>: <cause>` (ECONNREFUSED, …). */
export function unreachableMessage(url: string, error: unknown): string {
    const e = error as { message?: string; cause?: { code?: string; message?: string } } | undefined;
    return `cannot reach ${new URL(url).origin}: ${e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error)}`;
}

/** What {@link sendWithRetry} reports besides the final response. */
export interface RetryStats {
    /** Sends made. */
    attempts: number;
    /** Time spent waiting between sends, ms. */
    waitedMs: number;
    /** The last `Retry-After` seen, ms. */
    lastRetryAfterMs?: number;
}

/** Injection points for tests. */
export interface RetryDeps {
    readonly sleep?: (ms: number) => Promise<void>;
    readonly now?: () => number;
    readonly random?: () => number;
}

function networkCode(e: unknown): string | undefined {
    const err = e as { code?: string; cause?: { code?: string } };
    return err?.cause?.code ?? err?.code;
}

/**
 * Sends with the policy: `send` is called once per attempt and must build a fresh request each
 * time. Returns the final response (possibly still a 429/5xx when the budget ran out) and stats;
 * throws the last network error when the connection itself kept failing.
 */
export async function sendWithRetry(
    send: () => Promise<HttpResponse>,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    deps: RetryDeps = {},
): Promise<{ response: HttpResponse; stats: RetryStats }> {
    const wait = deps.sleep ?? sleep;
    const now = deps.now ?? Date.now;
    const started = now();
    const stats: RetryStats = { attempts: 0, waitedMs: 0 };
    for (;;) {
        stats.attempts++;
        let response: HttpResponse | undefined;
        let failure: unknown;
        try {
            response = await send();
        } catch (e) {
            if (!RETRYABLE_NETWORK_CODES.has(networkCode(e) ?? "")) throw e;
            failure = e;
        }
        let retryAfterMs: number | undefined;
        if (response) {
            if (!isRetryableStatus(response.status)) return { response, stats };
            if (isPermanentErrorBody(await response.clone().text())) return { response, stats };
            retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
            if (retryAfterMs !== undefined) stats.lastRetryAfterMs = retryAfterMs;
        }
        const delay = nextDelay({ status: response?.status, retryAfterMs, attempt: stats.attempts, elapsedMs: now() - started }, policy, deps.random);
        if (delay === undefined) {
            if (response) return { response, stats };
            throw failure;
        }
        await wait(delay);
        stats.waitedMs += delay;
    }
}

/** The probe's transport (./transport.ts) with {@link sendWithRetry}; the body must be a string (or absent) so it can be resent. */
export async function fetchWithRetry(
    url: string,
    init: RequestInit & { body?: string },
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    deps: RetryDeps = {},
): Promise<{ response: HttpResponse; stats: RetryStats }> {
    return sendWithRetry(() => transportFetch(url, init), policy, deps);
}
