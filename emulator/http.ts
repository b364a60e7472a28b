/**
 * The emulator's request and reply values, and their conversion to and from node:http.
 * Handlers return a {@link Reply}; they never touch the socket (so Graph `$batch` can run them
 * in-process).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** One request as handlers see it. */
export interface HttpRequest {
    readonly method: string;
    /** Absolute URL (scheme and host of the emulator, path and query as sent). */
    readonly url: URL;
    readonly headers: IncomingMessage["headers"];
    readonly body: Buffer;
}

/** One reply: JSON for object bodies, as-is for strings and Buffers. */
export interface Reply {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
}

/** A JSON reply. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers, body });

/** A single-valued request header (first value when repeated). */
export function header(headers: IncomingMessage["headers"], name: string): string | undefined {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
}

/** Reads the request body, up to `limit` bytes (larger bodies reject). */
export function readBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size > limit) {
                reject(new Error("request body too large"));
                req.destroy();
            } else chunks.push(c);
        });
        req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

/** Writes `reply` to `res`. */
export function writeReply(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | Buffer | undefined;
    if (reply.body === undefined) payload = undefined;
    else if (typeof reply.body === "string" || Buffer.isBuffer(reply.body)) payload = reply.body;
    else {
        payload = JSON.stringify(reply.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json; charset=utf-8";
    }
    if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
    res.writeHead(reply.status, headers);
    res.end(payload);
}
