/**
 * The probe's Graph reads, with @microsoft/microsoft-graph-client 3.0.7.
 *
 * The client runs a custom middleware chain: Authentication → {@link PolicyRetryHandler} (the
 * probe's one retry policy, probe/retry.ts, in place of graph-client's RetryHandler) → Telemetry →
 * {@link TransportHandler} (the probe's transport, probe/transport.ts, in place of graph-client's
 * fetch-based HTTPMessageHandler). Several reads go in one JSON batch (`POST /v1.0/$batch`) whose
 * JSON is written by hand with relative URLs ("/organization"): graph-client 3.0.7's
 * BatchRequestContent writes "/v1.0/organization", which Graph rejects (msgraph-sdk-javascript #1178, #1451). Requests inside
 * a batch are throttled one by one (https://learn.microsoft.com/graph/json-batching), so those
 * answering 429/5xx are sent again, in a smaller batch, under the same policy.
 *
 * @module
 */
import {
    AuthenticationHandler,
    Client,
    ResponseType,
    TelemetryHandler,
    type Context,
    type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { GraphRead } from "../catalog";
import type { ProbeEndpoints } from "./endpoints";
import { GraphReadNeeds } from "./remedies";
import { transportFetch, type HttpResponse } from "./transport";
import { DEFAULT_RETRY_POLICY, isPermanentErrorBody, isRetryableStatus, nextDelay, parseRetryAfter, sendWithRetry, sleep, unreachableMessage, type RetryPolicy } from "./retry";

/** The answer to one Graph read. */
export interface GraphReadResult {
    readonly read: GraphRead;
    /** Relative path with query, as sent. */
    readonly path: string;
    /** HTTP status (0 when the service could not be reached). */
    readonly status: number;
    /** Parsed JSON body. */
    readonly body?: unknown;
    /** Graph error code (`Authorization_RequestDenied`) or connection error. */
    readonly errorCode?: string;
    /** Graph error message, first line. */
    readonly errorMessage?: string;
}

/** graph-client middleware that applies the probe's retry policy; adds the time it waited to `waited.ms`. */
export class PolicyRetryHandler implements Middleware {
    private next?: Middleware;
    constructor(private readonly policy: RetryPolicy, private readonly waited: { ms: number }) {}

    async execute(context: Context): Promise<void> {
        const next = this.next;
        if (!next) throw new Error("PolicyRetryHandler needs a next middleware");
        const { stats } = await sendWithRetry(async () => {
            await next.execute(context);
            return context.response as unknown as HttpResponse;
        }, this.policy);
        this.waited.ms += stats.waitedMs;
    }

    setNext(next: Middleware): void {
        this.next = next;
    }
}

/** graph-client's terminal middleware on the probe's transport (./transport.ts), in place of its fetch-based HTTPMessageHandler. */
export class TransportHandler implements Middleware {
    async execute(context: Context): Promise<void> {
        // graph-client types the answer as fetch's Response; with ResponseType.RAW (all the probe
        // uses) it hands it back untouched, and the probe reads only HttpResponse's members.
        context.response = (await transportFetch(context.request as string, context.options)) as unknown as Response;
    }
}

function graphClient(endpoints: ProbeEndpoints, accessToken: string, policy: RetryPolicy, waited: { ms: number }): Client {
    return Client.initWithMiddleware({
        baseUrl: endpoints.graphRoot,
        defaultVersion: "v1.0",
        customHosts: new Set(endpoints.graphHosts),
        middleware: [
            new AuthenticationHandler({ getAccessToken: async () => accessToken }),
            new PolicyRetryHandler(policy, waited),
            new TelemetryHandler(),
            new TransportHandler(),
        ],
    });
}

function errorOf(body: unknown): { errorCode?: string; errorMessage?: string } {
    const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return { errorCode: e?.code, errorMessage: e?.message?.split("\n")[0]?.slice(0, 300) };
}

async function readJson(response: HttpResponse): Promise<unknown> {
    const text = await response.text();
    try {
        return text ? JSON.parse(text) : undefined;
    } catch {
        return { error: { code: "non_json_response", message: text.slice(0, 200) } };
    }
}

interface BatchAnswer {
    id: string;
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
}

const header = (h: Record<string, string> | undefined, name: string) =>
    Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

async function batch(client: Client, reads: readonly GraphRead[], policy: RetryPolicy, waited: { ms: number }): Promise<GraphReadResult[]> {
    const started = Date.now();
    const results = new Map<GraphRead, GraphReadResult>();
    let pending = [...reads];
    for (let attempt = 1; pending.length > 0; attempt++) {
        const requests = pending.map((read, i) => ({ id: String(i + 1), method: "GET", url: GraphReadNeeds[read].path }));
        const response = (await client.api("/$batch").responseType(ResponseType.RAW).post({ requests })) as HttpResponse;
        const body = await readJson(response);
        if (!response.ok) {
            for (const read of pending) results.set(read, { read, path: GraphReadNeeds[read].path, status: response.status, body, ...errorOf(body) });
            break;
        }
        const answers = ((body as { responses?: BatchAnswer[] })?.responses ?? []).filter((a) => a && typeof a.id === "string");
        let retryAfter: number | undefined;
        const again: GraphRead[] = [];
        pending.forEach((read, i) => {
            const a = answers.find((x) => x.id === String(i + 1));
            const result: GraphReadResult = a
                ? { read, path: GraphReadNeeds[read].path, status: a.status, body: a.body, ...(a.status >= 400 ? errorOf(a.body) : {}) }
                : { read, path: GraphReadNeeds[read].path, status: 0, errorCode: "missing_batch_response", errorMessage: `no response with id ${i + 1} in the batch` };
            results.set(read, result);
            const retryable = isRetryableStatus(result.status) && !isPermanentErrorBody(JSON.stringify(result.body ?? ""));
            if (retryable) {
                again.push(read);
                const ra = parseRetryAfter(header(a?.headers, "retry-after"));
                if (ra !== undefined) retryAfter = Math.max(retryAfter ?? 0, ra);
            }
        });
        if (again.length === 0) break;
        const delay = nextDelay({ retryAfterMs: retryAfter, attempt, elapsedMs: Date.now() - started }, policy);
        if (delay === undefined) break;
        await sleep(delay);
        waited.ms += delay;
        pending = again;
    }
    return reads.map((r) => results.get(r) as GraphReadResult);
}

/**
 * Performs `reads` with the Graph token: one GET for a single read, one `$batch` for several.
 * Never throws for HTTP failures; a connection failure comes back as status 0.
 */
export async function performGraphReads(args: {
    endpoints: ProbeEndpoints;
    accessToken: string;
    reads: readonly GraphRead[];
    policy?: RetryPolicy;
}): Promise<{ results: GraphReadResult[]; waitedMs: number }> {
    const policy = args.policy ?? DEFAULT_RETRY_POLICY;
    const waited = { ms: 0 };
    const client = graphClient(args.endpoints, args.accessToken, policy, waited);
    try {
        if (args.reads.length === 1) {
            const read = args.reads[0];
            const path = GraphReadNeeds[read].path;
            const response = (await client.api(path).responseType(ResponseType.RAW).get()) as HttpResponse;
            const body = await readJson(response);
            return { results: [{ read, path, status: response.status, body, ...(response.ok ? {} : errorOf(body)) }], waitedMs: waited.ms };
        }
        return { results: await batch(client, args.reads, policy, waited), waitedMs: waited.ms };
    } catch (e) {
        const errorMessage = unreachableMessage(args.endpoints.graphRoot, e);
        return { results: args.reads.map((read) => ({ read, path: GraphReadNeeds[read].path, status: 0, errorCode: "network_error", errorMessage })), waitedMs: waited.ms };
    }
}
