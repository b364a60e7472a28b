/**
 * OData query options and response shapes: `$select`, `$filter` (./filter.ts), `$top` with
 * server-driven paging (an absolute `@odata.nextLink` with `$skiptoken`, on the emulator's host so
 * graph-client's customHosts sends the token to it), `@odata.context`
 * (https://learn.microsoft.com/graph/query-parameters, https://learn.microsoft.com/graph/paging;
 * shapes: ../shared/reference/emulator-msal-graph-facts.md §6.3).
 *
 * @module
 */
import type { Reply } from "../http";
import type { GraphCall } from "./call";
import { badRequest, graphHeaders } from "./errors";
import { evaluate, filterProperties, FilterSyntaxError, parseFilter, type FilterExpr } from "./filter";

/** `v1.0` or `beta`: the Graph version a path names. */
export function graphVersionOf(pathname: string): "v1.0" | "beta" {
    return /^\/beta(\/|$)/i.test(pathname) ? "beta" : "v1.0";
}

/** The OData options of one request, parsed and checked. */
export interface ODataQuery {
    readonly select?: readonly string[];
    readonly filter?: FilterExpr;
    readonly top?: number;
    /** Offset from `$skiptoken`. */
    readonly offset: number;
}

/** A query option Graph would reject, as a ready reply. */
export class QueryError extends Error {
    constructor(readonly code: string, message: string) {
        super(message);
    }
}

/** Parses the OData options of a query string (already URL-decoded by URLSearchParams). */
export function parseQuery(query: URLSearchParams): ODataQuery {
    const select = query.get("$select")?.split(",").map((s) => s.trim()).filter(Boolean);
    let filter: FilterExpr | undefined;
    const f = query.get("$filter");
    if (f !== null) {
        try {
            filter = parseFilter(f);
        } catch (e) {
            if (e instanceof FilterSyntaxError) throw new QueryError("BadRequest", e.message);
            throw e;
        }
    }
    let top: number | undefined;
    const t = query.get("$top");
    if (t !== null) {
        top = Number(t);
        // Directory collections accept $top up to 999 (https://learn.microsoft.com/graph/paging).
        if (!Number.isInteger(top) || top < 1 || top > 999) throw new QueryError("Request_BadRequest", `Invalid page size specified: '${t}'. Must be between 1 and 999 inclusive.`);
    }
    let offset = 0;
    const skip = query.get("$skiptoken");
    if (skip !== null) {
        offset = Number(Buffer.from(skip, "base64url").toString("utf8").replace(/^o:/, ""));
        if (!Number.isInteger(offset) || offset < 0) throw new QueryError("Request_BadRequest", "Invalid skip token.");
    }
    return { select, filter, top, offset };
}

const pick = (obj: Record<string, unknown>, props: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const p of props) if (p in obj) out[p] = obj[p];
    return out;
};

/** Applies `$select` (unknown properties are a 400, as on Graph) or the default property set. */
function project(full: Record<string, unknown>, select: readonly string[] | undefined, defaults: readonly string[] | undefined, entity: string): Record<string, unknown> {
    if (!select) return defaults ? pick(full, defaults) : full;
    const out: Record<string, unknown> = {};
    for (const s of select) {
        const key = Object.keys(full).find((k) => k.toLowerCase() === s.toLowerCase());
        if (!key) throw new QueryError("BadRequest", `Could not find a property named '${s}' on type 'microsoft.graph.${entity}'.`);
        out[key] = full[key];
    }
    return out;
}

/** How {@link listReply} presents one collection: its name, rows, view and what may be filtered. */
export interface ListOptions<T> {
    /** `@odata.context` fragment after `$metadata#`, e.g. `users`. */
    readonly set: string;
    /** Entity type name, e.g. `user` (error messages). */
    readonly entity: string;
    readonly rows: readonly T[];
    readonly view: (row: T) => Record<string, unknown>;
    /** Properties returned without `$select` (users return a default set). */
    readonly defaults?: readonly string[];
    /** Properties `$filter` may use. */
    readonly filterable: readonly string[];
    /** Page size without `$top`; 100 (https://learn.microsoft.com/graph/paging). */
    readonly pageSize?: number;
}

/** A collection reply: filtered, paged, projected. */
export function listReply<T>(call: GraphCall, o: ListOptions<T>): Reply {
    const { odata } = call;
    let views = o.rows.map(o.view);
    if (odata.filter) {
        for (const p of filterProperties(odata.filter)) {
            if (!o.filterable.some((f) => f.toLowerCase() === p.toLowerCase())) {
                throw new QueryError("Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for property '${p}' of resource '${o.entity}'.`);
            }
        }
        const filter = odata.filter;
        views = views.filter((v) => evaluate(filter, (p) => v[Object.keys(v).find((k) => k.toLowerCase() === p.toLowerCase()) ?? p]));
    }
    const size = odata.top ?? o.pageSize ?? 100;
    const page = views.slice(odata.offset, odata.offset + size);
    const body: Record<string, unknown> = { "@odata.context": contextUrl(call, o.set, odata.select) };
    if (odata.offset + size < views.length) {
        const next = new URLSearchParams(call.query);
        next.set("$skiptoken", Buffer.from(`o:${odata.offset + size}`).toString("base64url"));
        body["@odata.nextLink"] = `${call.origin}${call.pathname}?${next.toString().replace(/%24/g, "$").replace(/%2C/gi, ",")}`;
    }
    body.value = page.map((v) => project(v, odata.select, o.defaults, o.entity));
    return { status: 200, headers: graphHeaders(call.ids), body };
}

/** A single-entity reply (`$select` applies). */
export function entityReply(call: GraphCall, set: string, entity: string, full: Record<string, unknown>, status = 200): Reply {
    const body = { "@odata.context": contextUrl(call, `${set}/$entity`, call.odata.select), ...project(full, call.odata.select, undefined, entity) };
    return { status, headers: graphHeaders(call.ids), body };
}

/** 204 No Content with Graph's headers. */
export const noContent = (call: GraphCall): Reply => ({ status: 204, headers: { "request-id": call.ids.requestId, "client-request-id": call.ids.clientRequestId } });

function contextUrl(call: GraphCall, set: string, select: readonly string[] | undefined): string {
    const [first, ...rest] = set.split("/");
    const withSelect = select ? `${first}(${select.join(",")})${rest.length ? `/${rest.join("/")}` : ""}` : set;
    return `${call.origin}/${graphVersionOf(call.pathname)}/$metadata#${withSelect}`;
}

/** The reply for a {@link QueryError}. */
export const queryErrorReply = (e: QueryError, call: Pick<GraphCall, "ids">): Reply => badRequest(e.message, call.ids, e.code);
