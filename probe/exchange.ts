/**
 * A small client of the Exchange Online admin API, the REST transport of the
 * ExchangeOnlineManagement v3 module: `POST {exchange}/adminapi/beta/{tenantId}/InvokeCommand`
 * with a `CmdletInput` body. Microsoft does not publish this endpoint; the shape and headers are
 * those the module and public clients send (../shared/reference/emulator-msal-graph-facts.md §6.4:
 * GreyCorbel/ExoHelper, CIPP). App-only calls are routed with
 * `X-AnchorMailbox: APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@{tenantId}`.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_RETRY_POLICY, fetchWithRetry, unreachableMessage, type RetryPolicy } from "./retry";

/** The system mailbox app-only admin API calls are anchored to. */
export const APP_ANCHOR_MAILBOX = "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}";

/** The answer to one cmdlet call. */
export interface ExchangeCommandResult {
    readonly cmdlet: string;
    /** HTTP status (0 when the service could not be reached). */
    readonly status: number;
    /** `value` of a successful answer. */
    readonly value?: readonly Record<string, unknown>[];
    /** Error code from the body, or `network_error`. */
    readonly errorCode?: string;
    /** Error message, first line. */
    readonly errorMessage?: string;
    /** Time spent waiting between retries, ms. */
    readonly waitedMs: number;
}

function errorOf(body: unknown): { errorCode?: string; errorMessage?: string } {
    const e = (body as { error?: { code?: string; message?: string; details?: { message?: string }[] } } | undefined)?.error;
    if (!e) return {};
    // details[0].message is "<ErrorId>|<Exception type>|<text>" (ExoHelper Get-ExoException.ps1).
    const detail = e.details?.[0]?.message?.split("|");
    return { errorCode: e.code, errorMessage: (detail?.[2] ?? e.message ?? "").split("\n")[0].slice(0, 300) };
}

/**
 * Runs one read-only cmdlet (`Get-AcceptedDomain`, `Get-OrganizationConfig`) app-only.
 * Never throws for HTTP failures; a connection failure comes back as status 0.
 */
export async function invokeExchangeCommand(args: {
    /** `{exchange}/adminapi/beta/{tenantId}` (probe/endpoints.ts). */
    exchangeBaseUrl: string;
    tenantId: string;
    accessToken: string;
    cmdlet: string;
    parameters?: Record<string, unknown>;
    policy?: RetryPolicy;
}): Promise<ExchangeCommandResult> {
    const url = `${args.exchangeBaseUrl}/InvokeCommand`;
    const init = {
        method: "POST",
        headers: {
            Authorization: `Bearer ${args.accessToken}`,
            "Content-Type": "application/json; charset=utf-8",
            Accept: "application/json",
            "X-AnchorMailbox": `APP:${APP_ANCHOR_MAILBOX}@${args.tenantId}`,
            "X-CmdletName": args.cmdlet,
            "X-ResponseFormat": "json",
            "client-request-id": randomUUID(),
        },
        body: JSON.stringify({ CmdletInput: { CmdletName: args.cmdlet, Parameters: args.parameters ?? {} } }),
    };
    let sent: Awaited<ReturnType<typeof fetchWithRetry>>;
    try {
        sent = await fetchWithRetry(url, init, args.policy ?? DEFAULT_RETRY_POLICY);
    } catch (e) {
        return { cmdlet: args.cmdlet, status: 0, errorCode: "network_error", errorMessage: unreachableMessage(url, e), waitedMs: 0 };
    }
    const { response, stats } = sent;
    const text = await response.text();
    let body: unknown;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        body = undefined;
    }
    if (!response.ok) {
        const err = errorOf(body);
        return { cmdlet: args.cmdlet, status: response.status, errorCode: err.errorCode, errorMessage: err.errorMessage ?? text.slice(0, 200), waitedMs: stats.waitedMs };
    }
    const value = (body as { value?: unknown } | undefined)?.value;
    return { cmdlet: args.cmdlet, status: response.status, value: Array.isArray(value) ? (value as Record<string, unknown>[]) : [], waitedMs: stats.waitedMs };
}
