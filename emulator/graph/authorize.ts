/**
 * Applies ./permissions.ts to a token: allowed when its `roles` satisfy one listed application
 * permission, or its `wids` hold one listed directory role (Global Administrator: always;
 * "Global Administrator … can manage all aspects", Entra built-in roles reference).
 *
 * @module
 */
import { DirectoryRoles, satisfiesPermission as satisfied } from "../../catalog";
import type { AccessClaims } from "../bearer";
import { GraphPermissions, type PermissionKey } from "./permissions";

/** What a token may do on one Graph call: nothing, everything, or only applications it owns. */
export type Authorization = "denied" | "all" | "owned";

const GLOBAL_ADMIN = DirectoryRoles["Global Administrator"];


/** `all`: the call is allowed; `owned`: only on applications the caller owns; `denied`. */
export function authorize(key: PermissionKey, claims: AccessClaims): Authorization {
    const rule = GraphPermissions[key];
    const roles = claims.roles ?? [];
    const wids = claims.wids ?? [];
    if (wids.includes(GLOBAL_ADMIN)) return "all";
    if (rule.appRoles.some((a) => satisfied(a, roles))) return "all";
    if (rule.directoryRoles.some((name) => wids.includes(DirectoryRoles[name]))) return "all";
    const ownedBy: readonly string[] = "ownedBy" in rule ? rule.ownedBy : [];
    if (ownedBy.some((a) => satisfied(a, roles))) return "owned";
    return "denied";
}
