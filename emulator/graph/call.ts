/**
 * What a Graph route handler gets and declares.
 *
 * @module
 */
import type { AccessClaims } from "../bearer";
import type { EmulatorContext } from "../context";
import type { Reply } from "../http";
import type { ReadView } from "../store/table";
import type { TenantState } from "../store/tenant";
import type { Authorization } from "./authorize";
import type { RequestIds } from "./errors";
import type { ODataQuery } from "./odata";
import type { PermissionKey } from "./permissions";

/** One authenticated, authorized Graph call. */
export interface GraphCall {
    readonly ctx: EmulatorContext;
    readonly tenant: TenantState;
    readonly claims: AccessClaims;
    /** `all`, or `owned` when only Application.ReadWrite.OwnedBy allowed it. */
    readonly access: Exclude<Authorization, "denied">;
    readonly params: Readonly<Record<string, string>>;
    readonly query: URLSearchParams;
    readonly odata: ODataQuery;
    readonly body: unknown;
    /** Read time: now, by the caller (replicated writes, and the caller's own writes: store/table.ts). */
    readonly at: ReadView;
    readonly ids: RequestIds;
    /** `https://127.0.0.1:PORT`: links point here. */
    readonly origin: string;
    /** Request path, `/v1.0/...` (for `@odata.nextLink`). */
    readonly pathname: string;
}

/** The HTTP methods Graph routes are declared for. */
export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One route: `path` segments after `/v1.0/`; `{name}` matches one segment (an ID, `appId=…`). */
export interface GraphRoute {
    readonly method: GraphMethod;
    readonly path: string;
    readonly permission: PermissionKey;
    handle(call: GraphCall): Reply;
}
