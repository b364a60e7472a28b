/**
 * The Exchange Online admin API's error body (unofficial; ../shared/reference/emulator-msal-graph-facts.md
 * §6.4, from ExoHelper `Get-ExoException.ps1` and CIPP):
 * `{"error":{"code","message","details":[{"code","target","message":"<ErrorId>|<Exception type>|<text>"}],
 * "innererror":{"message","type"}}}`. Authorization failures carry code `Unauthorized`
 * (recorded: HTTP 401 `{"error":{"code":"Unauthorized","message":"User is not allowed to call Get-Mailbox",
 * "innererror":{…,"type":"Microsoft.Exchange.Admin.OData.Core.ODataServiceException"}}}`,
 * MicrosoftDocs/office-docs-powershell#7970).
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Reply } from "../http";

/** Optional parts of an Exchange error: the `details[0].message` error ID and exception type, extra headers. */
export interface ExchangeErrorOptions {
    /** The `<ErrorId>|<Exception type>` part of `details[0].message`. */
    readonly errorId?: string;
    readonly exceptionType?: string;
    readonly headers?: Record<string, string>;
}

/** An Exchange admin API error reply in the module's envelope (`error.details[0].message` = `ErrorId|Type|text`). */
export function exchangeError(status: number, code: string, message: string, o: ExchangeErrorOptions = {}): Reply {
    const type = o.exceptionType ?? "Microsoft.Exchange.Admin.OData.Core.ODataServiceException";
    return {
        status,
        headers: { "request-id": randomUUID(), "Content-Type": "application/json; charset=utf-8", ...o.headers },
        body: {
            error: {
                code,
                message,
                details: [{ code: String(status), target: "", message: `${o.errorId ?? code}|${type}|${message}` }],
                innererror: { message, type },
            },
        },
    };
}

/** An injected fault, with `Retry-After` when given. */
export const exchangeFault = (status: number, retryAfterSeconds?: number): Reply =>
    exchangeError(status, status === 429 ? "TooManyRequests" : "ServiceUnavailable", `Emulator fault: HTTP ${status} injected.`, {
        headers: retryAfterSeconds !== undefined ? { "Retry-After": String(retryAfterSeconds) } : {},
    });
