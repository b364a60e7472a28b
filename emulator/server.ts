/**
 * The HTTPS listener: one node:https server on 127.0.0.1, keep-alive, every request through
 * ./router.ts with the global latency and the fault table applied first. With `recordRequests`,
 * each request's start and end go to the request log (benchmarks count sequential round trips
 * from it). `close()` stops listening, destroys every connection (idle keep-alive ones included)
 * and cancels pending latency timers, so no handle outlives the emulator.
 *
 * @module
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { EmulatorContext } from "./context";
import { injectFault } from "./faults/injector";
import type { RequestRoute } from "./faults/table";
import { newRequestIds } from "./graph/errors";
import { header, readBody, writeReply, type HttpRequest, type Reply } from "./http";
import { classify } from "./router";

export interface Listening {
    readonly port: number;
    close(): Promise<void>;
}

const notServed = (method: string, path: string): Reply => ({
    status: 404,
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: { error: { code: "NotFound", message: `The emulator does not serve ${method} ${path}.` } },
});

export async function listen(ctx: EmulatorContext, tls: { cert: string; key: string }, port: number, timers: Set<NodeJS.Timeout>): Promise<Listening> {
    const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
        const startMs = performance.now();
        let route: RequestRoute | undefined;
        const send = (reply: Reply) => {
            writeReply(res, reply);
            ctx.requestLog?.push({ route, method: (req.method ?? "GET").toUpperCase(), path: req.url ?? "/", status: res.statusCode, startMs, endMs: performance.now() });
        };
        void (async () => {
            const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "127.0.0.1"}`);
            const method = (req.method ?? "GET").toUpperCase();
            const match = classify(method, url.pathname);
            if (!match) {
                req.resume();
                return send(notServed(method, url.pathname));
            }
            route = match.route;
            ctx.counters[match.route] += 1;
            const request: HttpRequest = { method, url, headers: req.headers, body: await readBody(req) };
            const ids = newRequestIds(header(req.headers, "client-request-id"));
            if (ctx.latencyMs > 0) await ctx.sleep(ctx.latencyMs);
            const reply = (await injectFault(ctx, match.route, `${url.pathname}${url.search}`, ids, header(req.headers, "authorization"))) ?? (await match.handle(request, ctx, ids));
            send(reply);
        })().catch((e: unknown) => {
            send({ status: 500, body: { error: { code: "InternalServerError", message: (e as Error).message } } });
        });
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    return {
        port: (server.address() as AddressInfo).port,
        close: () =>
            new Promise<void>((resolve) => {
                for (const t of timers) clearTimeout(t);
                timers.clear();
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
