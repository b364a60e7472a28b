/**
 * The probe's HTTP transport: node:https (node:http for `http:` URLs) with keep-alive agents,
 * shaped like `fetch` so the retry policy (./retry.ts), msal-node's network client (./tokens.ts)
 * and graph-client's terminal middleware (./graph.ts) use it as they would use fetch. Its answer
 * is an {@link HttpResponse}: the part of fetch's `Response` the probe reads, with the body
 * already buffered.
 *
 * Why not global fetch: a drift run over 200 tenants spent about a fifth of its CPU time inside
 * undici's fetch machinery (WHATWG streams and Response objects, a TLS connection per concurrent
 * request), more than the RSA work of the probes (BENCHMARKS.md).
 *
 * Behaviour a caller relies on:
 * - `NODE_EXTRA_CA_CERTS` and the system CAs are trusted, as with fetch; TLS is always verified.
 * - One agent per protocol, keep-alive, at most {@link MAX_SOCKETS_PER_HOST} sockets per host;
 *   further requests queue for a free socket.
 * - Redirects are not followed: no read the probe makes answers with one, and a 3xx comes back
 *   as it is.
 * - `gzip`, `deflate` and `br` bodies are decoded (nothing asks for them by default).
 * - A connection error rejects with an `Error` whose `cause` carries the system error (`code`:
 *   `ECONNREFUSED`, `ECONNRESET`, …), as fetch's "fetch failed" does; no answer within
 *   {@link REQUEST_TIMEOUT_MS} of socket inactivity is an `ETIMEDOUT` error.
 *
 * @module
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { createSecureContext } from "node:tls";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** Sockets per host and protocol (the token, Graph and Exchange hosts each get their own). */
export const MAX_SOCKETS_PER_HOST = 64;

/** A request with no socket activity for this long fails with `ETIMEDOUT` (retried by the policy). */
export const REQUEST_TIMEOUT_MS = 30_000;

// One TLS context for every connection (the system CAs plus NODE_EXTRA_CA_CERTS, as tls.connect
// would build for each new connection otherwise).
const agents = {
    "https:": new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST, secureContext: createSecureContext() }),
    "http:": new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
};

/**
 * What the probe reads of an HTTP answer: a subset of fetch's `Response`, which satisfies it too.
 * `clone()` and `text()` may be called any number of times on the transport's own answers.
 */
export interface HttpResponse {
    readonly status: number;
    readonly ok: boolean;
    readonly headers: { get(name: string): string | null; forEach(fn: (value: string, name: string) => void): void };
    text(): Promise<string>;
    json(): Promise<unknown>;
    clone(): HttpResponse;
}

/** Response headers by lower-case name; repeated headers joined with ", " as fetch's `Headers` does. */
class ResponseHeaders {
    private readonly byName = new Map<string, string>();

    constructor(raw: readonly string[]) {
        for (let i = 0; i + 1 < raw.length; i += 2) {
            const name = raw[i].toLowerCase();
            // The body is handed over decoded, so its encoding and length no longer describe it.
            if (name === "content-encoding" || name === "content-length") continue;
            const before = this.byName.get(name);
            this.byName.set(name, before === undefined ? raw[i + 1] : `${before}, ${raw[i + 1]}`);
        }
    }

    get(name: string): string | null {
        return this.byName.get(name.toLowerCase()) ?? null;
    }

    forEach(fn: (value: string, name: string) => void): void {
        this.byName.forEach(fn);
    }
}

/** An answer of {@link transportFetch}: status, headers and the whole (decoded) body. */
class TransportResponse implements HttpResponse {
    readonly ok: boolean;

    constructor(
        readonly status: number,
        readonly statusText: string,
        readonly headers: ResponseHeaders,
        private readonly body: Buffer,
    ) {
        this.ok = status >= 200 && status <= 299;
    }

    async text(): Promise<string> {
        return this.body.toString("utf8");
    }

    async json(): Promise<unknown> {
        return JSON.parse(this.body.toString("utf8"));
    }

    clone(): HttpResponse {
        return this;
    }
}

/** Closes the transport's idle keep-alive connections (benchmarks measure new connections with it). */
export function closeIdleConnections(): void {
    for (const agent of Object.values(agents)) agent.destroy();
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    if (Array.isArray(headers)) {
        for (const [k, v] of headers) out[k] = v;
        return out;
    }
    // A Headers object, recognised without touching the global `Headers` (that loads undici).
    if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
        (headers as Headers).forEach((v, k) => (out[k] = v));
        return out;
    }
    return { ...(headers as Record<string, string>) };
}

function bodyText(body: BodyInit | null | undefined): string | undefined {
    if (body === undefined || body === null) return undefined;
    if (typeof body === "string") return body;
    if (body instanceof URLSearchParams) return body.toString();
    throw new TypeError("the probe's transport sends string bodies only");
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
    switch (encoding?.trim().toLowerCase()) {
        case "gzip":
        case "x-gzip":
            return gunzipSync(body);
        case "deflate":
            return inflateSync(body);
        case "br":
            return brotliDecompressSync(body);
        default:
            return body;
    }
}

function toResponse(res: IncomingMessage, body: Buffer): TransportResponse {
    return new TransportResponse(res.statusCode ?? 0, res.statusMessage ?? "", new ResponseHeaders(res.rawHeaders), decode(body, res.headers["content-encoding"]));
}

const connectionError = (method: string, url: URL, cause: unknown) =>
    new Error(`${method} ${url.origin}${url.pathname} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });

/**
 * `fetch` over node:https/node:http for the probe's requests (see the module notes for what it
 * does and does not do), answering with an {@link HttpResponse}. Accepts a URL string or `URL`
 * and the `method`, `headers`, string `body` and `signal` of `RequestInit`; `timeoutMs`
 * replaces {@link REQUEST_TIMEOUT_MS}.
 */
export function transportFetch(input: string | URL | Request, init: RequestInit & { timeoutMs?: number } = {}): Promise<HttpResponse> {
    if (typeof input === "object" && !(input instanceof URL)) {
        return Promise.reject(new TypeError("the probe's transport takes a URL, not a Request object"));
    }
    const url = typeof input === "string" ? new URL(input) : input;
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return Promise.reject(new TypeError(`the probe's transport does not speak ${url.protocol}`));
    const method = (init.method ?? "GET").toUpperCase();
    let body: string | undefined;
    try {
        body = bodyText(init.body);
    } catch (e) {
        return Promise.reject(e);
    }
    const headers = headerRecord(init.headers);
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["Content-Length"] = String(Buffer.byteLength(body));
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;

    return new Promise<HttpResponse>((resolve, reject) => {
        const timeoutMs = init.timeoutMs ?? REQUEST_TIMEOUT_MS;
        const req = send(url, { method, headers, agent, signal: init.signal ?? undefined, timeout: timeoutMs }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", (e) => reject(connectionError(method, url, e)));
            res.on("end", () => {
                try {
                    resolve(toResponse(res, Buffer.concat(chunks)));
                } catch (e) {
                    reject(connectionError(method, url, e));
                }
            });
        });
        req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })));
        req.on("error", (e) => reject(connectionError(method, url, e)));
        req.end(body);
    });
}
