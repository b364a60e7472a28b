/**
 * Dropping this process's pooled HTTPS connections, so the next request opens a new TCP + TLS
 * connection, as the first request of a process does.
 *
 * `fetch` (msal-node's network client in probe/tokens.ts, graph-client, the Exchange client) runs
 * on undici's global dispatcher, which Node keeps at `globalThis[Symbol.for("undici.globalDispatcher.1")]`
 * (undici's documented `setGlobalDispatcher` stores it there). Node does not export undici's
 * `Agent`, so a new one is made with the current dispatcher's constructor; the old one is closed
 * once its requests are done.
 *
 * @module
 */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

interface Dispatcher {
    close(): Promise<void>;
}

/** Replaces the global dispatcher with a new, empty pool and closes the old one. */
export async function dropPooledConnections(): Promise<void> {
    const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
    const old = g[GLOBAL_DISPATCHER];
    if (!old) return; // no fetch yet: nothing pooled
    g[GLOBAL_DISPATCHER] = new (old.constructor as new () => Dispatcher)();
    await old.close();
}
