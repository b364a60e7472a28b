/**
 * Entra's error envelope (../shared/reference/emulator-msal-graph-facts.md §6.2):
 * `{error, error_description: "AADSTSnnnn: …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …",
 * error_codes: [n], timestamp, trace_id, correlation_id, error_uri}`. `error_uri` is
 * `{login}/error?code=n` in every recorded response cited in ./aadsts.ts.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Reply } from "../http";
import { Aadsts, type AadstsArgs, type AadstsName } from "./aadsts";

/** Correlation of one token-endpoint request. */
export interface EntraIds {
    readonly traceId: string;
    readonly correlationId: string;
}

/** New trace ID, and the client's `client-request-id` as correlation ID when it sent one (as Entra echoes it). */
export const newEntraIds = (correlationId?: string): EntraIds => ({ traceId: randomUUID(), correlationId: correlationId ?? randomUUID() });

/** Entra's timestamp form: `2023-05-06 06:03:00Z`. */
const stamp = (): string => new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");

function envelope(status: number, error: string, codes: number[], text: string, ids: EntraIds, errorUri?: string, headers: Record<string, string> = {}): Reply {
    const timestamp = stamp();
    return {
        status,
        headers: { "Cache-Control": "no-store, no-cache", "x-ms-request-id": ids.traceId, ...headers },
        body: {
            error,
            error_description: `${text}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${timestamp}`,
            error_codes: codes,
            timestamp,
            trace_id: ids.traceId,
            correlation_id: ids.correlationId,
            ...(errorUri ? { error_uri: errorUri } : {}),
        },
    };
}

/** The reply for one AADSTS error of the table. */
export function aadstsReply(name: AadstsName, args: AadstsArgs, ids: EntraIds, loginEndpoint: string): Reply {
    const spec = Aadsts[name];
    return envelope(spec.status, spec.error, [spec.code], `AADSTS${spec.code}: ${spec.message(args)}`, ids, `${loginEndpoint}/error?code=${spec.code}`);
}

/**
 * An injected fault in Entra's envelope. No AADSTS code: the emulator does not pretend to know
 * which code Entra sends for throttling; `error` is RFC 6749's `temporarily_unavailable`.
 */
export function entraFaultReply(status: number, ids: EntraIds, retryAfterSeconds?: number): Reply {
    const headers: Record<string, string> = retryAfterSeconds !== undefined ? { "Retry-After": String(retryAfterSeconds) } : {};
    return envelope(status, "temporarily_unavailable", [], `Emulator fault: HTTP ${status} injected.`, ids, undefined, headers);
}

/** An emulator-only error (no AADSTS code) for requests the emulator does not support. */
export function entraUnsupported(status: number, error: string, text: string, ids: EntraIds): Reply {
    return envelope(status, error, [], text, ids);
}
