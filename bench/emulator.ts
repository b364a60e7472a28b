/**
 * `npm run bench:emulator`: Graph GETs per second the emulator serves over HTTPS with keep-alive
 * (node:https Agent, `concurrency` sockets, a fixed number of requests bounded by time), the way a
 * probe or a test suite with many calls uses it. One token is verified once and cached.
 * `measureGraphThroughput()` is what `npm run bench` calls.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:https";
import { resolveProfile } from "../catalog";
import { startEmulator } from "../emulator/index";

export interface ThroughputOptions {
    /** Requests to time (after a warm-up); default 20,000. */
    readonly requests?: number;
    /** Requests in flight; default 32. */
    readonly concurrency?: number;
    /** Stop after this many seconds even if `requests` are not done; default 10. */
    readonly maxSeconds?: number;
    /** Graph path to GET; default `/v1.0/organization`. */
    readonly path?: string;
}

export interface ThroughputResult {
    readonly graphGetsPerSec: number;
    readonly requests: number;
    readonly seconds: number;
    readonly errors: number;
    readonly concurrency: number;
}

/** Target of the emulator issue: at least this many Graph GETs per second. */
export const TARGET_GETS_PER_SEC = 2000;

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = request(url, { agent, headers }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
    });
}

function postForm(agent: Agent, url: string, form: Record<string, string>): Promise<{ access_token?: string }> {
    return new Promise((resolve, reject) => {
        const body = new URLSearchParams(form).toString();
        const req = request(url, { agent, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { access_token?: string }));
        });
        req.on("error", reject);
        req.end(body);
    });
}

/** Starts an emulator, takes a Graph token, and times GETs. */
export async function measureGraphThroughput(o: ThroughputOptions = {}): Promise<ThroughputResult> {
    const total = o.requests ?? 20_000;
    const concurrency = o.concurrency ?? 32;
    const deadline = (o.maxSeconds ?? 10) * 1000;
    const tenantId = randomUUID();
    const emu = await startEmulator({ tenants: [{ tenantId }] });
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: emu.caPem });
    try {
        const secret = randomUUID();
        const app = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "snow-atlas-m365" }), credential: { kind: "secret", secret } });
        const token = await postForm(agent, `${emu.url}/${tenantId}/oauth2/v2.0/token`, {
            grant_type: "client_credentials", client_id: app.clientId, client_secret: secret, scope: "https://graph.microsoft.com/.default",
        });
        if (!token.access_token) throw new Error("bench: no access token from the emulator");
        const url = `${emu.url}${o.path ?? "/v1.0/organization"}`;
        const headers = { Authorization: `Bearer ${token.access_token}` };

        const run = async (count: number, limitMs: number) => {
            let issued = 0;
            let done = 0;
            let errors = 0;
            const started = process.hrtime.bigint();
            const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
            const worker = async () => {
                while (issued < count && elapsedMs() < limitMs) {
                    issued++;
                    if ((await get(agent, url, headers)) !== 200) errors++;
                    done++;
                }
            };
            await Promise.all(Array.from({ length: concurrency }, worker));
            return { done, errors, seconds: elapsedMs() / 1000 };
        };
        await run(Math.min(1000, total), deadline); // warm-up: TLS handshakes, JIT
        const r = await run(total, deadline);
        return { graphGetsPerSec: Math.round(r.done / r.seconds), requests: r.done, seconds: Number(r.seconds.toFixed(2)), errors: r.errors, concurrency };
    } finally {
        agent.destroy();
        await emu.stop();
    }
}

if (require.main === module) {
    void measureGraphThroughput().then(
        (r) => {
            const met = r.graphGetsPerSec >= TARGET_GETS_PER_SEC && r.errors === 0;
            console.log(`emulator: ${r.graphGetsPerSec} Graph GETs/s (${r.requests} requests in ${r.seconds} s, ${r.concurrency} keep-alive connections, ${r.errors} errors)`);
            console.log(`target >= ${TARGET_GETS_PER_SEC}/s: ${met ? "met" : "NOT met"}`);
            process.exitCode = met ? 0 : 1;
        },
        (e: unknown) => {
            console.error(`bench:emulator failed: ${(e as Error).message}`);
            process.exitCode = 1;
        },
    );
}
