/**
 * `POST /v1.0/$batch` (concepts/json-batching.md, 02/21/2025): at most 20 requests; `id` required,
 * unique, not case-sensitive; `url` relative (`/users` or `users`); `headers` with Content-Type
 * when there is a `body`; `dependsOn` orders steps and a step whose dependency failed answers 424;
 * each step is authorized and throttled individually (its own 429); the batch itself answers 200
 * once parseable, 400 when malformed. Steps inherit the batch's `Authorization`.
 *
 * graph-client 3.0.7's `BatchRequestContent` emits `"/v1.0/users"` for a full URL
 * (../shared/reference/emulator-msal-graph-facts.md §0.8). Graph answers such a step
 * 400 "Resource not found for the segment 'v1.0'." (microsoftgraph/msgraph-sdk-javascript#1178), and
 * so does the emulator: it routes the step as `/v1.0/v1.0/users`. An absolute step URL fails the
 * whole batch with 400 "Invalid batch payload format." (microsoft-graph-docs-contrib#8576).
 * The page documents only the 424 status; the body of a 424 step here is the emulator's.
 *
 * @module
 */
import type { EmulatorContext } from "../context";
import { injectFault } from "../faults/injector";
import { header, type HttpRequest, type Reply } from "../http";
import { badRequest, graphHeaders, newRequestIds, type RequestIds } from "./errors";
import { graphVersionOf } from "./odata";
import { dispatchGraph } from "./router";

/** Most requests one `$batch` may hold (json-batching.md). */
export const MAX_BATCH = 20;

interface Step {
    readonly id: string;
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly body: unknown;
    readonly dependsOn: readonly string[];
}

function parseSteps(body: unknown): Step[] | string {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return "Invalid batch payload format.";
    if (requests.length > MAX_BATCH) return `Invalid batch payload format. A batch holds at most ${MAX_BATCH} requests; this one has ${requests.length}.`;
    const steps: Step[] = [];
    const seen = new Set<string>();
    for (const r of requests as Record<string, unknown>[]) {
        if (!r || typeof r.id !== "string" || !r.id || typeof r.method !== "string" || typeof r.url !== "string") return "Invalid batch payload format.";
        if (/^[a-z][a-z0-9+.-]*:/i.test(r.url)) return "Invalid batch payload format.";
        const key = r.id.toLowerCase();
        if (seen.has(key)) return `Invalid batch payload format. Request id '${r.id}' is not unique.`;
        seen.add(key);
        const headers = (r.headers && typeof r.headers === "object" ? r.headers : {}) as Record<string, string>;
        if (r.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
            return `Invalid batch payload format. Request '${r.id}' has a body but no Content-Type header.`;
        }
        const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
        steps.push({ id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
    }
    for (const s of steps) {
        const unknown = s.dependsOn.find((d) => !seen.has(d.toLowerCase()));
        if (unknown) return `Invalid batch payload format. Request '${s.id}' depends on unknown request '${unknown}'.`;
    }
    return steps;
}

async function runStep(ctx: EmulatorContext, step: Step, authorization: string | undefined, origin: string, version: string): Promise<Reply> {
    const ids = newRequestIds(step.headers["client-request-id"]);
    const relative = step.url.replace(/^\/+/, "");
    const q = relative.indexOf("?");
    const pathname = `/${version}/${q < 0 ? relative : relative.slice(0, q)}`;
    const fault = await injectFault(ctx, "graph", `${pathname}${q < 0 ? "" : relative.slice(q)}`, ids, authorization);
    if (fault) return fault;
    return dispatchGraph(ctx, { method: step.method, pathname, query: new URLSearchParams(q < 0 ? "" : relative.slice(q + 1)), authorization, body: step.body, origin }, ids);
}

/** Serves `POST /v1.0/$batch` (and `/beta/$batch`, whose steps are beta calls): runs the steps in `dependsOn` order and answers 200 with every step's response, or 400 for a malformed batch. */
export async function graphBatch(req: HttpRequest, ctx: EmulatorContext, ids: RequestIds): Promise<Reply> {
    let body: unknown;
    try {
        body = JSON.parse(req.body.toString("utf8"));
    } catch {
        return badRequest("Invalid batch payload format.", ids, "BadRequest");
    }
    const steps = parseSteps(body);
    if (typeof steps === "string") return badRequest(steps, ids, "BadRequest");

    const results = new Map<string, Reply>();
    const authorization = header(req.headers, "authorization");
    while (results.size < steps.length) {
        const ready = steps.filter((s) => !results.has(s.id.toLowerCase()) && s.dependsOn.every((d) => results.has(d.toLowerCase())));
        if (!ready.length) return badRequest("Invalid batch payload format. The dependsOn references form a cycle.", ids, "BadRequest");
        for (const step of ready) {
            const failed = step.dependsOn.some((d) => (results.get(d.toLowerCase())?.status ?? 0) >= 400);
            const reply: Reply = failed
                ? { status: 424, headers: { "Content-Type": "application/json" }, body: { error: { code: "FailedDependency", message: "A request this request depends on failed." } } }
                : await runStep(ctx, step, authorization, req.url.origin, graphVersionOf(req.url.pathname));
            results.set(step.id.toLowerCase(), reply);
        }
    }
    const responses = steps.map((s) => {
        const r = results.get(s.id.toLowerCase()) as Reply;
        return { id: s.id, status: r.status, headers: r.headers ?? {}, ...(r.body !== undefined && r.body !== "" ? { body: r.body } : {}) };
    });
    return { status: 200, headers: graphHeaders(ids, "application/json"), body: { responses } };
}
