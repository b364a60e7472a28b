/**
 * Which service a request is for, by path (login, Graph and Exchange all live on one origin):
 *
 * | route       | requests                                                                 |
 * |-------------|--------------------------------------------------------------------------|
 * | discovery   | `GET /{tenant}/v2.0/.well-known/openid-configuration`, `GET /{tenant}/discovery/v2.0/keys`, `GET /metadata/endpoints` |
 * | token       | `POST /{tenant}/oauth2/v2.0/token` (msal adds `?client-request-id=`)     |
 * | graph       | `/v1.0/...`, `/beta/...`, and report downloads `GET /reports-download/{token}` |
 * | graphBatch  | `POST /v1.0/$batch`, `POST /beta/$batch`                                 |
 * | exchange    | `POST /adminapi/beta/{tenant}/InvokeCommand`                             |
 *
 * Fixed path parts match case-insensitively (msal lower-cases the authority).
 *
 * @module
 */
import type { EmulatorContext } from "./context";
import { jwks, openIdConfiguration } from "./entra/discovery";
import { metadataEndpoints } from "./entra/metadata";
import { tokenEndpoint } from "./entra/token";
import { invokeCommand } from "./exchange/route";
import type { RequestRoute } from "./faults/table";
import { graphBatch } from "./graph/batch";
import { badRequest, type RequestIds } from "./graph/errors";
import { dispatchGraph } from "./graph/router";
import { DOWNLOAD_PREFIX, reportDownload } from "./graph/routes/reports";
import { header, type HttpRequest, type Reply } from "./http";

/** Answers one request of a route. */
export type Handler = (req: HttpRequest, ctx: EmulatorContext, ids: RequestIds) => Reply | Promise<Reply>;

/** The route a request belongs to (for counters and faults) and its handler. */
export interface RouteMatch {
    readonly route: RequestRoute;
    readonly handle: Handler;
}

const segment = (s: string) => {
    try {
        return decodeURIComponent(s);
    } catch {
        return s;
    }
};

function graph(req: HttpRequest, ctx: EmulatorContext, ids: RequestIds): Reply {
    let body: unknown;
    if (req.body.length) {
        try {
            body = JSON.parse(req.body.toString("utf8"));
        } catch {
            return badRequest("Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.", ids, "BadRequest");
        }
    }
    return dispatchGraph(ctx, { method: req.method, pathname: req.url.pathname, query: req.url.searchParams, authorization: header(req.headers, "authorization"), body, origin: req.url.origin }, ids);
}

/** The route and handler of a request; undefined for paths the emulator does not serve. */
export function classify(method: string, pathname: string): RouteMatch | undefined {
    const parts = pathname.split("/").slice(1).map(segment);
    const lower = parts.map((p) => p.toLowerCase());
    const is = (...want: string[]) => want.length === lower.length && want.every((w, i) => w === "*" || w === lower[i]);
    if (lower[0] === "v1.0" || lower[0] === "beta") {
        if (method === "POST" && is(lower[0], "$batch")) return { route: "graphBatch", handle: graphBatch };
        return { route: "graph", handle: graph };
    }
    if (method === "GET" && is("metadata", "endpoints")) return { route: "discovery", handle: (req, ctx) => metadataEndpoints(req, ctx) };
    if (method === "GET" && pathname.startsWith(DOWNLOAD_PREFIX)) return { route: "graph", handle: (req, ctx) => reportDownload(req, ctx) };
    if (method === "POST" && is("adminapi", "beta", "*", "invokecommand")) {
        return { route: "exchange", handle: (req, ctx) => invokeCommand(req, ctx, parts[2]) };
    }
    if (method === "GET" && is("*", "v2.0", ".well-known", "openid-configuration")) {
        return { route: "discovery", handle: (req, ctx) => openIdConfiguration(req, ctx, parts[0]) };
    }
    if (method === "GET" && is("*", "discovery", "v2.0", "keys")) return { route: "discovery", handle: (req, ctx) => jwks(req, ctx, parts[0]) };
    if (method === "POST" && is("*", "oauth2", "v2.0", "token")) return { route: "token", handle: (req, ctx) => tokenEndpoint(req, ctx, parts[0]) };
    return undefined;
}
