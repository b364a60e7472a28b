import { strict as assert } from "node:assert";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isPermanentErrorBody, isRetryableStatus, nextDelay, parseRetryAfter, sendWithRetry, unreachableMessage, type RetryPolicy } from "../../probe/retry";

/** A fake clock whose sleep advances time, so tests of waits take no time. */
function fakeClock() {
    let t = 1_000_000;
    const sleeps: number[] = [];
    return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}

const res = (status: number, body = "", headers: Record<string, string> = {}) => new Response(body || null, { status, headers });

function sequence(...responses: (Response | Error)[]) {
    let i = 0;
    const calls = { n: 0 };
    const send = async () => {
        calls.n++;
        const r = responses[Math.min(i++, responses.length - 1)];
        if (r instanceof Error) throw r;
        return r.clone();
    };
    return { send, calls };
}

const netError = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

describe("probe/retry: the one HTTP retry policy", () => {
    it("parses Retry-After as seconds or as an HTTP-date", () => {
        const now = Date.parse("2026-11-24T10:00:00Z");
        assert.equal(parseRetryAfter("1", now), 1000);
        assert.equal(parseRetryAfter(" 2.5 ", now), 2500);
        assert.equal(parseRetryAfter("Tue, 24 Nov 2026 10:00:05 GMT", now), 5000);
        assert.equal(parseRetryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now), 0);
        assert.equal(parseRetryAfter("soon", now), undefined);
        assert.equal(parseRetryAfter(null, now), undefined);
    });

    it("recognizes the permanent token errors; a 403 is never retried, whatever its body", () => {
        assert.ok(isPermanentErrorBody('{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}'));
        assert.ok(isPermanentErrorBody('{"error":"x","error_codes":[700016]}'));
        assert.ok(!isPermanentErrorBody('{"error":{"code":"ServiceUnavailable"}}'));
        assert.ok(!isPermanentErrorBody("AADSTS50011: something else"));
        assert.deepEqual([429, 500, 502, 503, 504, 403, 401, 400].map(isRetryableStatus), [true, true, true, true, true, false, false, false]);
    });

    it("nextDelay: Retry-After wins over backoff; stops on a status not retried, spent attempts or the deadline", () => {
        const p: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 5000 };
        const one = () => 1;
        assert.equal(nextDelay({ status: 429, retryAfterMs: 2000, attempt: 1, elapsedMs: 0 }, p, one), 2000);
        assert.equal(nextDelay({ status: 503, attempt: 2, elapsedMs: 0 }, p, one), 200);
        assert.equal(nextDelay({ attempt: 1, elapsedMs: 0 }, p, one), 100, "a connection failure (no status) backs off");
        assert.equal(nextDelay({ status: 403, attempt: 1, elapsedMs: 0 }, p, one), undefined);
        assert.equal(nextDelay({ status: 503, attempt: 3, elapsedMs: 0 }, p, one), undefined);
        assert.equal(nextDelay({ status: 429, retryAfterMs: 2000, attempt: 1, elapsedMs: 3001 }, p, one), undefined);
        assert.equal(nextDelay({ status: 429, retryAfterMs: 2000, attempt: 1, elapsedMs: 3000 }, p, one), 2000);
    });

    it("unreachableMessage: one text for a connection failure, with the cause's code", () => {
        assert.equal(unreachableMessage("https://login.microsoftonline.com/t/oauth2/v2.0/token", netError("ECONNREFUSED")), "cannot reach https://login.microsoftonline.com: ECONNREFUSED");
        assert.equal(unreachableMessage("https://graph.microsoft.com/v1.0", new Error("socket hang up")), "cannot reach https://graph.microsoft.com: socket hang up");
    });

    it("backs off exponentially, capped, with jitter between 50 and 100 %", () => {
        const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(backoffDelayMs(1, p, () => 1), 100);
        assert.equal(backoffDelayMs(3, p, () => 1), 400);
        assert.equal(backoffDelayMs(3, p, () => 0), 200);
        assert.equal(backoffDelayMs(10, p, () => 1), 1000);
    });

    it("honours Retry-After on 429 and then returns the success", async () => {
        const clock = fakeClock();
        const { send, calls } = sequence(res(429, "", { "Retry-After": "1" }), res(429, "", { "Retry-After": "2" }), res(200, "ok"));
        const { response, stats } = await sendWithRetry(send, DEFAULT_RETRY_POLICY, clock);
        assert.equal(response.status, 200);
        assert.equal(calls.n, 3);
        assert.deepEqual(clock.sleeps, [1000, 2000]);
        assert.equal(stats.waitedMs, 3000);
        assert.equal(stats.lastRetryAfterMs, 2000);
    });

    it("backs off on 503/504 without Retry-After", async () => {
        const clock = fakeClock();
        const { send } = sequence(res(503), res(504), res(200));
        const { response } = await sendWithRetry(send, { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100 }, { ...clock, random: () => 1 });
        assert.equal(response.status, 200);
        assert.deepEqual(clock.sleeps, [100, 200]);
    });

    it("does not retry a permanent error even with a transient status, nor a 4xx", async () => {
        for (const r of [res(503, '{"error_codes":[7000222],"error_description":"AADSTS7000222: expired"}'), res(400, "bad"), res(403, "no")]) {
            const clock = fakeClock();
            const { send, calls } = sequence(r, res(200));
            const { response } = await sendWithRetry(send, DEFAULT_RETRY_POLICY, clock);
            assert.equal(response.status, r.status);
            assert.equal(calls.n, 1);
            assert.deepEqual(clock.sleeps, []);
        }
    });

    it("stops after maxAttempts and returns the last response", async () => {
        const clock = fakeClock();
        const { send, calls } = sequence(res(429, "", { "Retry-After": "1" }));
        const { response, stats } = await sendWithRetry(send, { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, clock);
        assert.equal(response.status, 429);
        assert.equal(calls.n, 3);
        assert.equal(stats.attempts, 3);
    });

    it("does not start a wait that ends past the deadline", async () => {
        const clock = fakeClock();
        const { send, calls } = sequence(res(429, "", { "Retry-After": "120" }));
        const { response } = await sendWithRetry(send, { ...DEFAULT_RETRY_POLICY, deadlineMs: 60_000 }, clock);
        assert.equal(response.status, 429);
        assert.equal(calls.n, 1);
        assert.deepEqual(clock.sleeps, []);
    });

    it("retries a reset connection but not a refused one", async () => {
        const clock = fakeClock();
        const reset = sequence(netError("ECONNRESET"), res(200));
        assert.equal((await sendWithRetry(reset.send, DEFAULT_RETRY_POLICY, clock)).response.status, 200);
        const refused = sequence(netError("ECONNREFUSED"), res(200));
        await assert.rejects(sendWithRetry(refused.send, DEFAULT_RETRY_POLICY, clock), /fetch failed/);
        assert.equal(refused.calls.n, 1);
    });
});
