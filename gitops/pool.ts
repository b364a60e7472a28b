/**
 * Bounded concurrency: run an async function over items with at most `limit` in flight.
 * (Same contract as cli/pool.ts `mapPool`; gitops/ keeps its own copy so it does not depend on
 * the command line, which depends on it.)
 *
 * @module
 */

/** Maps `items` through `fn`, at most `limit` calls at a time, starting them in order; results keep the order of `items`. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
