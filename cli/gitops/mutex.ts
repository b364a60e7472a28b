/**
 * A one-at-a-time lock for the steps of a run that must not overlap across tenants.
 *
 * @module
 */

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
