/**
 * Runs async work over a list with at most `limit` items in flight, keeping result order.
 *
 * @param items - the work items
 * @param limit - the most items in flight at once (≥ 1)
 * @param work - the async work for one item; a rejection rejects the whole run
 */
export async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
