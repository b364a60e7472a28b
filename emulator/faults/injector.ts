/**
 * Applies the fault table (./table.ts) to one request: waits the rule's latency, then answers the
 * rule's status in the shape of the route — Entra's envelope for the token and discovery routes,
 * Graph's for Graph (`TooManyRequests` for 429, concepts/throttling.md), the admin API's for
 * Exchange — with `Retry-After` when the rule sets it.
 *
 * @module
 */
import type { EmulatorContext } from "../context";
import { entraFaultReply, newEntraIds } from "../entra/errors";
import { exchangeFault } from "../exchange/errors";
import { graphFault, newRequestIds, type RequestIds } from "../graph/errors";
import type { Reply } from "../http";
import { decodeJwt } from "../jwt";
import type { RequestRoute } from "./table";

/** The `tid` claim of a `Bearer` authorization header's JWT, unverified; undefined when there is none. */
function bearerTenant(authorization: string | undefined): string | undefined {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    const tid = token ? decodeJwt(token)?.payload.tid : undefined;
    return typeof tid === "string" ? tid : undefined;
}

/**
 * The fault reply for `route`/`path` (and the tenant of `authorization`'s bearer token, for rules
 * that name a tenant), after its latency; undefined when no rule applies or it only adds latency.
 */
export async function injectFault(ctx: EmulatorContext, route: RequestRoute, path: string, graphIds?: RequestIds, authorization?: string): Promise<Reply | undefined> {
    const rule = ctx.faults.take(route, path, () => bearerTenant(authorization));
    if (!rule) return undefined;
    if (rule.latencyMs) await ctx.sleep(rule.latencyMs);
    if (rule.status === undefined) return undefined;
    switch (route) {
        case "token":
        case "discovery":
            return entraFaultReply(rule.status, newEntraIds(), rule.retryAfterSeconds);
        case "graph":
        case "graphBatch":
            return graphFault(rule.status, graphIds ?? newRequestIds(), rule.retryAfterSeconds);
        case "exchange":
            return exchangeFault(rule.status, rule.retryAfterSeconds);
    }
}
