import { strict as assert } from "node:assert";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { sendWithRetry, unreachableMessage } from "../../probe/retry";
import { transportFetch } from "../../probe/transport";

/** One request as the server saw it. */
interface Seen {
    method: string;
    url: string;
    headers: IncomingMessage["headers"];
    body: string;
}

/** A plain-HTTP server on 127.0.0.1 answering each request with `answer`; closed by `stop`. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[]; stop: () => Promise<void> }> {
    const seen: Seen[] = [];
    const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
            answer(req, res, body);
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        seen,
        stop: () =>
            new Promise<void>((r) => {
                server.closeAllConnections();
                server.close(() => r());
            }),
    };
}

describe("probe/transport: the probe's HTTP client", () => {
    it("answers with status, case-insensitive headers (repeats joined) and a body that can be read again", async () => {
        const srv = await serve((_req, res) => {
            res.setHeader("Content-Type", "application/json");
            res.setHeader("X-Many", ["a", "b"]);
            res.statusCode = 403;
            res.end('{"error":{"code":"Authorization_RequestDenied"}}');
        });
        try {
            const r = await transportFetch(`${srv.url}/v1.0/organization`);
            assert.equal(r.status, 403);
            assert.equal(r.ok, false);
            assert.equal(r.headers.get("content-type"), "application/json");
            assert.equal(r.headers.get("X-MANY"), "a, b");
            assert.equal(r.headers.get("absent"), null);
            assert.equal(await r.clone().text(), '{"error":{"code":"Authorization_RequestDenied"}}');
            assert.deepEqual(await r.json(), { error: { code: "Authorization_RequestDenied" } });
            const names: string[] = [];
            r.headers.forEach((_v, k) => names.push(k));
            assert.ok(names.includes("x-many") && names.every((n) => n === n.toLowerCase()));
        } finally {
            await srv.stop();
        }
    });

    it("sends the method, every kind of headers and a string body with its length", async () => {
        const srv = await serve((_req, res) => res.end("ok"));
        try {
            await transportFetch(`${srv.url}/token?client-request-id=1`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials&scope=é" });
            await transportFetch(`${srv.url}/a`, { headers: new Headers({ "X-From": "headers" }) });
            await transportFetch(new URL(`${srv.url}/b`), { headers: [["X-From", "pairs"]] });
            const [post, fromHeaders, fromPairs] = srv.seen;
            assert.equal(post.method, "POST");
            assert.equal(post.url, "/token?client-request-id=1");
            assert.equal(post.body, "grant_type=client_credentials&scope=é");
            assert.equal(post.headers["content-length"], String(Buffer.byteLength(post.body)));
            assert.equal(post.headers["content-type"], "application/x-www-form-urlencoded");
            assert.equal(fromHeaders.method, "GET");
            assert.equal(fromHeaders.headers["x-from"], "headers");
            assert.equal(fromPairs.headers["x-from"], "pairs");
        } finally {
            await srv.stop();
        }
    });

    it("decodes a gzip body and drops the headers that described the encoded one", async () => {
        const json = JSON.stringify({ value: [{ id: "1" }] });
        const srv = await serve((_req, res) => {
            const gz = gzipSync(json);
            res.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": gz.length, "Content-Type": "application/json" });
            res.end(gz);
        });
        try {
            const r = await transportFetch(`${srv.url}/users`);
            assert.equal(await r.text(), json);
            assert.equal(r.headers.get("content-encoding"), null);
            assert.equal(r.headers.get("content-length"), null);
        } finally {
            await srv.stop();
        }
    });

    it("returns a redirect or a 204 as it is (no read the probe makes follows one)", async () => {
        const srv = await serve((req, res) => {
            if (req.url === "/moved") res.writeHead(302, { Location: "/elsewhere" }).end();
            else res.writeHead(204).end();
        });
        try {
            const moved = await transportFetch(`${srv.url}/moved`);
            assert.equal(moved.status, 302);
            assert.equal(moved.headers.get("location"), "/elsewhere");
            const empty = await transportFetch(`${srv.url}/empty`);
            assert.equal(empty.status, 204);
            assert.equal(await empty.text(), "");
            assert.deepEqual(
                srv.seen.map((s) => s.url),
                ["/moved", "/empty"],
            );
        } finally {
            await srv.stop();
        }
    });

    it("a refused connection rejects with the system error as cause, which unreachableMessage names", async () => {
        const srv = await serve((_req, res) => res.end());
        const url = srv.url;
        await srv.stop();
        const e = (await transportFetch(`${url}/organization`).then(
            () => undefined,
            (x: unknown) => x,
        )) as Error & { cause?: { code?: string } };
        assert.ok(e instanceof Error, "rejected");
        assert.equal(e.cause?.code, "ECONNREFUSED");
        assert.equal(unreachableMessage(`${url}/organization`, e), `cannot reach ${url}: ECONNREFUSED`);
    });

    it("a server that never answers fails with ETIMEDOUT, which the retry policy retries", async () => {
        let calls = 0;
        const srv = await serve((_req, res) => {
            calls++;
            if (calls >= 2) res.end("late but fine");
            // The first request is left unanswered.
        });
        try {
            const { response, stats } = await sendWithRetry(() => transportFetch(`${srv.url}/slow`, { timeoutMs: 150 }), { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, deadlineMs: 5_000 });
            assert.equal(await response.text(), "late but fine");
            assert.equal(stats.attempts, 2);
            const alone = (await transportFetch(`${srv.url}/slow`, { timeoutMs: 5_000 }).then((r) => r.status)) as number;
            assert.equal(alone, 200);
        } finally {
            await srv.stop();
        }
        const never = await serve(() => undefined);
        try {
            const e = (await transportFetch(`${never.url}/never`, { timeoutMs: 100 }).catch((x: unknown) => x)) as Error & { cause?: { code?: string } };
            assert.equal(e.cause?.code, "ETIMEDOUT");
        } finally {
            await never.stop();
        }
    });

    it("refuses what it does not do, saying so: Request objects, stream bodies, other protocols", async () => {
        await assert.rejects(transportFetch(new Request("http://127.0.0.1:1/x")), /takes a URL, not a Request/);
        await assert.rejects(transportFetch("http://127.0.0.1:1/x", { method: "POST", body: new Blob(["x"]) }), /string bodies only/);
        await assert.rejects(transportFetch("ftp://127.0.0.1/x"), /does not speak ftp:/);
    });
});
