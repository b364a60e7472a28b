/**
 * Sequential round trips from a request log: the longest chain of requests in which each one
 * started after the previous one had finished. Requests that overlap in time (sent in parallel)
 * do not lengthen the chain, so a probe that sends its two token requests at once, then its
 * Graph and Exchange calls at once, scores 2, however many requests it sent.
 *
 * @module
 */

/** One request's start and end, on any one monotonic clock (emulator `RequestRecord`s fit). */
export interface TimedRequest {
    readonly startMs: number;
    readonly endMs: number;
}

/** Length of the longest chain of non-overlapping requests (0 for an empty log). O(n²): logs here are small. */
export function sequentialRoundTrips(log: readonly TimedRequest[]): number {
    // By end time (then start time), so every possible predecessor of a request comes before it.
    const sorted = [...log].sort((a, b) => a.endMs - b.endMs || a.startMs - b.startMs);
    const chain = new Array<number>(sorted.length).fill(1);
    let best = 0;
    for (let i = 0; i < sorted.length; i++) {
        for (let j = 0; j < i; j++) {
            if (sorted[j].endMs <= sorted[i].startMs) chain[i] = Math.max(chain[i], chain[j] + 1);
        }
        best = Math.max(best, chain[i]);
    }
    return best;
}
