/**
 * Microsoft Graph's error envelope and response headers.
 *
 * Envelope (microsoft-graph-docs-contrib `concepts/errors.md`; recorded examples in
 * ../shared/reference/emulator-msal-graph-facts.md §6.3):
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 * Messages below are ones recorded from Graph:
 * - `Access token is empty.` (microsoftgraph/msgraph-sample-reactspa#54),
 *   `Access token validation failure. Invalid audience.` (microsoftgraph/microsoft-graph-docs#16208),
 *   `Lifetime validation failed, the token is expired.` (many client test fixtures), all
 *   `InvalidAuthenticationToken` with 401;
 * - `Authorization_RequestDenied` / `Insufficient privileges to complete the operation.` with 403
 *   (concepts/json-batching.md example response);
 * - `Request_ResourceNotFound` / `Resource '<id>' does not exist or one of its queried
 *   reference-property objects are not present.` with 404 (§6.3);
 * - `Request_BadRequest` / `Specified HTTP method is not allowed for the request target.` with 405
 *   (json-batching.md); `BadRequest` / `Resource not found for the segment '<s>'.`
 *   (microsoftgraph/msgraph-sdk-javascript#1178).
 * Headers: `request-id`, `client-request-id` (echoed, else the request ID), `Cache-Control`,
 * `OData-Version`, and the OData JSON content type of json-batching.md's example.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Reply } from "../http";

/** IDs of one Graph request. */
export interface RequestIds {
    readonly requestId: string;
    readonly clientRequestId: string;
}

/** A new `request-id`; `client-request-id` echoes the client's, else repeats the request ID (as Graph does). */
export const newRequestIds = (clientRequestId?: string): RequestIds => {
    const requestId = randomUUID();
    return { requestId, clientRequestId: clientRequestId ?? requestId };
};

/** Graph's JSON content type (json-batching.md's example response). */
export const ODATA_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** The headers every Graph reply carries: request IDs, no caching, OData version, content type. */
export const graphHeaders = (ids: RequestIds, contentType = ODATA_JSON): Record<string, string> => ({
    "request-id": ids.requestId,
    "client-request-id": ids.clientRequestId,
    "Cache-Control": "no-cache",
    "OData-Version": "4.0",
    "Content-Type": contentType,
});

/** `2018-04-24T18:56:48`: innerError's date form. */
const innerDate = () => new Date().toISOString().slice(0, 19);

/** A Graph error reply: `{error:{code,message,innerError:{date,request-id,client-request-id}}}` with `status`. */
export function graphError(status: number, code: string, message: string, ids: RequestIds, extraHeaders: Record<string, string> = {}): Reply {
    return {
        status,
        headers: { ...graphHeaders(ids, "application/json"), ...extraHeaders },
        body: { error: { code, message, innerError: { date: innerDate(), "request-id": ids.requestId, "client-request-id": ids.clientRequestId } } },
    };
}

/** 404 `Request_ResourceNotFound` for an object that is not (yet) visible. */
export const notFound = (id: string, ids: RequestIds): Reply =>
    graphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, ids);

/** 403 `Authorization_RequestDenied`: the token's roles and directory roles do not allow the call. */
export const denied = (ids: RequestIds): Reply => graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", ids);

/** 400 with `message`; code `Request_BadRequest` unless given. */
export const badRequest = (message: string, ids: RequestIds, code = "Request_BadRequest"): Reply => graphError(400, code, message, ids);

const UNAUTHENTICATED = {
    empty: "Access token is empty.",
    invalid: "Access token validation failure.",
    expired: "Lifetime validation failed, the token is expired.",
    audience: "Access token validation failure. Invalid audience.",
} as const;

/** 401 `InvalidAuthenticationToken` for a missing, invalid, expired or wrong-audience token, with `WWW-Authenticate`. */
export const unauthenticated = (why: keyof typeof UNAUTHENTICATED, ids: RequestIds): Reply =>
    graphError(401, "InvalidAuthenticationToken", UNAUTHENTICATED[why], ids, { "WWW-Authenticate": 'Bearer realm=""' });

/**
 * An injected fault. 429: `TooManyRequests` (concepts/throttling.md; §6.3); 503:
 * `serviceNotAvailable` (errors.md code list); other statuses: `generalException` (errors.md).
 */
export function graphFault(status: number, ids: RequestIds, retryAfterSeconds?: number): Reply {
    const code = status === 429 ? "TooManyRequests" : status === 503 ? "serviceNotAvailable" : "generalException";
    const extra: Record<string, string> = retryAfterSeconds !== undefined ? { "Retry-After": String(retryAfterSeconds) } : {};
    return graphError(status, code, `Emulator fault: HTTP ${status} injected.`, ids, extra);
}
