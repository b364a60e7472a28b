/**
 * Graph dispatch, shared by direct calls and `$batch` steps: bearer token (signature,
 * lifetime, audience = this cloud's Graph, its app ID, or the emulator's own origin, which the
 * metadata document names as Graph's resource ID: entra/metadata.ts), route match, authorization
 * (./authorize.ts), OData options, handler.
 *
 * `/beta/` is served by the same routes as `/v1.0/`: the beta calls the azuread provider makes
 * (service principals, applications) read and write the same objects, and the emulator returns
 * the v1.0 shape of each (beta adds properties the provider does not require).
 *
 * Path segments like `servicePrincipals(appId='…')` or `getOffice365ActiveUserDetail(period='D7')`
 * are split into `servicePrincipals` + `appId=…` so routes match them as an ID segment.
 * Segment names match case-insensitively.
 *
 * @module
 */
import { ResourceApps } from "../../catalog";
import { audienceIs } from "../bearer";
import type { EmulatorContext } from "../context";
import type { Reply } from "../http";
import { authorize } from "./authorize";
import type { GraphCall, GraphRoute } from "./call";
import { badRequest, denied, graphError, unauthenticated, type RequestIds } from "./errors";
import { parseQuery, QueryError, queryErrorReply } from "./odata";
import { applicationRoutes } from "./routes/applications";
import { appRoleAssignmentRoutes } from "./routes/appRoleAssignments";
import { directoryReadRoutes } from "./routes/directoryReads";
import { grantRoutes } from "./routes/grants";
import { ownerRoutes } from "./routes/owners";
import { reportRoutes } from "./routes/reports";
import { roleRoutes } from "./routes/roles";
import { servicePrincipalRoutes } from "./routes/servicePrincipals";

/** A Graph request, from HTTP or from a `$batch` step. */
export interface GraphRequest {
    readonly method: string;
    /** `/v1.0/...` or `/beta/...` */
    readonly pathname: string;
    readonly query: URLSearchParams;
    /** `Authorization` header value. */
    readonly authorization: string | undefined;
    readonly body: unknown;
    readonly origin: string;
}

const ROUTES: readonly (GraphRoute & { readonly segments: readonly string[] })[] = [
    ...directoryReadRoutes,
    ...applicationRoutes,
    ...servicePrincipalRoutes,
    ...ownerRoutes,
    ...appRoleAssignmentRoutes,
    ...grantRoutes,
    ...roleRoutes,
    ...reportRoutes,
].map((r) => ({ ...r, segments: r.path.split("/") }));

/** Splits the path after `/v1.0/` into segments, expanding `name(key)`. Undefined when malformed. */
export function segmentsOf(path: string): string[] | undefined {
    const out: string[] = [];
    for (const raw of path.split("/")) {
        if (!raw) continue;
        let seg: string;
        try {
            seg = decodeURIComponent(raw);
        } catch {
            return undefined;
        }
        const m = /^([^()]+)\((.*)\)$/.exec(seg);
        if (!m) {
            out.push(seg);
            continue;
        }
        out.push(m[1]);
        const kv = /^\s*(\w+)\s*=\s*'?([^']*)'?\s*$/.exec(m[2]);
        out.push(kv ? `${kv[1]}=${kv[2]}` : m[2].trim().replace(/^'(.*)'$/, "$1"));
    }
    return out;
}

const segMatches = (pattern: string, seg: string) => pattern.startsWith("{") || pattern.toLowerCase() === seg.toLowerCase();

function match(segments: readonly string[], method: string): { route?: GraphRoute; params: Record<string, string>; methodMismatch: boolean; unknownSegment?: string } {
    let methodMismatch = false;
    for (const r of ROUTES) {
        if (r.segments.length !== segments.length || !r.segments.every((p, i) => segMatches(p, segments[i]))) continue;
        if (r.method !== method) {
            methodMismatch = true;
            continue;
        }
        const params: Record<string, string> = {};
        r.segments.forEach((p, i) => {
            if (p.startsWith("{")) params[p.slice(1, -1)] = segments[i];
        });
        return { route: r, params, methodMismatch: false };
    }
    let known = 0;
    while (known < segments.length && ROUTES.some((r) => r.segments.length > known && r.segments.slice(0, known + 1).every((p, i) => segMatches(p, segments[i])))) known++;
    return { params: {}, methodMismatch, unknownSegment: segments[Math.min(known, segments.length - 1)] };
}

/** Runs one Graph request; never throws. */
export function dispatchGraph(ctx: EmulatorContext, req: GraphRequest, ids: RequestIds): Reply {
    const verified = ctx.bearer.verify(req.authorization);
    if (!verified.ok) return unauthenticated(verified.reason, ids);
    const { claims } = verified;
    if (!audienceIs(claims.aud, ctx.cloud.graph.endpoint, ResourceApps["Microsoft Graph"]) && !audienceIs(claims.aud, req.origin, ResourceApps["Microsoft Graph"])) {
        return unauthenticated("audience", ids);
    }
    const tenant = ctx.store.tenant(claims.tid);
    if (!tenant) return unauthenticated("invalid", ids);

    const segments = segmentsOf(req.pathname.replace(/^\/(v1\.0|beta)\/?/i, ""));
    if (!segments) return badRequest("The request URI is not valid.", ids, "BadRequest");
    const found = match(segments, req.method.toUpperCase());
    if (!found.route) {
        return found.methodMismatch
            ? graphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.", ids)
            : badRequest(`Resource not found for the segment '${found.unknownSegment ?? ""}'.`, ids, "BadRequest");
    }
    const access = authorize(found.route.permission, claims);
    if (access === "denied") return denied(ids);
    try {
        const call: GraphCall = {
            ctx, tenant, claims, access, ids,
            params: found.params,
            query: req.query,
            odata: parseQuery(req.query),
            body: req.body,
            at: { at: Date.now(), reader: claims.oid },
            origin: req.origin,
            pathname: req.pathname,
        };
        return found.route.handle(call);
    } catch (e) {
        if (e instanceof QueryError) return queryErrorReply(e, { ids });
        return graphError(500, "generalException", (e as Error).message, ids);
    }
}
