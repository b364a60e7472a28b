/**
 * Bounded concurrency: run an async function over items with at most `limit` in flight.
 *
 * @module
 */

/**
 * Maps `items` through `fn`, at most `limit` calls at a time, starting them in order. Results
 * keep the order of `items`. `fn` should not throw (the runner turns failures into results);
 * if it does, the first error rejects the whole map once the calls in flight have settled.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    const settled = await Promise.allSettled(workers);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    return results;
}

/** A one-at-a-time lock: `run` calls queue behind each other. */
export class Mutex {
    private tail: Promise<unknown> = Promise.resolve();

    /** Runs `fn` after every earlier `run` call has settled. */
    run<R>(fn: () => Promise<R>): Promise<R> {
        const result = this.tail.then(fn, fn);
        this.tail = result.catch(() => undefined);
        return result;
    }
}
