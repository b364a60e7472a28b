/**
 * Rights Microsoft calls privileged or high-risk, as data: the guardrails policy pack (policy/)
 * blocks granting one of them to a connector whose profile does not ask for it. Each entry names
 * the right the way the catalog does (catalog/ids.ts) and says where Microsoft says so. No GUIDs
 * here: names resolve through catalog/ids.ts.
 *
 * Sources:
 * - ROLES: Microsoft Entra built-in roles, where privileged roles carry the PRIVILEGED label,
 *   https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 *   and "Privileged roles and permissions in Microsoft Entra ID",
 *   https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions
 * - GRAPH: Microsoft Graph permissions reference, https://learn.microsoft.com/graph/permissions-reference
 *   ("Permissions that allow granting authorization, such as RoleManagement.ReadWrite.Directory,
 *   allow an application to grant additional privileges to itself, other applications, or any
 *   user"), and Microsoft Entra security operations guide for applications,
 *   https://learn.microsoft.com/entra/architecture/security-operations-applications
 *   (application permissions that change the directory, its apps or its role assignments).
 *
 * @module
 */
import type { DirectoryRoleName } from "./ids";

/** Where a right is documented as privileged. */
export const PrivilegeSources = {
    roles: "https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference",
    graph: "https://learn.microsoft.com/graph/permissions-reference",
} as const;

/** A privileged right with its reason, in a few words. */
export interface PrivilegedRight {
    /** Why Microsoft flags it. */
    readonly why: string;
    /** The page that says so. */
    readonly source: string;
}

const role = (why: string): PrivilegedRight => ({ why, source: PrivilegeSources.roles });
const graph = (why: string): PrivilegedRight => ({ why, source: PrivilegeSources.graph });

/** Built-in directory roles marked PRIVILEGED on Microsoft's built-in roles page (those in our catalog). */
export const PrivilegedRoles: Readonly<Partial<Record<DirectoryRoleName, PrivilegedRight>>> = {
    "Global Administrator": role("manages every aspect of the tenant"),
    "Privileged Role Administrator": role("assigns any directory role, including Global Administrator"),
    "Application Administrator": role("adds credentials to any application and acts as it"),
    "Cloud Application Administrator": role("adds credentials to any application and acts as it"),
    "Application Developer": role("registers applications independent of tenant settings"),
    "User Administrator": role("resets passwords and manages users and groups"),
    "Helpdesk Administrator": role("resets passwords of non-administrators"),
    "Directory Writers": role("writes users, groups and application permissions tenant-wide"),
    "Global Reader": role("reads everything a Global Administrator can"),
};

/**
 * Microsoft Graph permissions (application or delegated, by value) that let their holder change
 * the directory, grant itself more rights or act as other applications.
 */
export const PrivilegedGraphPermissions: Readonly<Record<string, PrivilegedRight>> = {
    "RoleManagement.ReadWrite.Directory": graph("grants directory roles, to itself or anyone"),
    "AppRoleAssignment.ReadWrite.All": graph("grants application permissions, to itself or any app"),
    "DelegatedPermissionGrant.ReadWrite.All": graph("grants delegated permissions to any app"),
    "Application.ReadWrite.All": graph("adds credentials to any application and acts as it"),
    "Directory.ReadWrite.All": graph("writes any directory object"),
    "User.ReadWrite.All": graph("writes any user"),
    "Group.ReadWrite.All": graph("writes any group, including role-assignable membership"),
};

/** The privileged-role entry for `name`, if Microsoft marks it privileged. */
export function privilegedRole(name: string): PrivilegedRight | undefined {
    return (PrivilegedRoles as Record<string, PrivilegedRight | undefined>)[name];
}

/** The entry for a Microsoft Graph permission value, if it is high-risk. */
export function privilegedGraphPermission(value: string): PrivilegedRight | undefined {
    return Object.prototype.hasOwnProperty.call(PrivilegedGraphPermissions, value) ? PrivilegedGraphPermissions[value] : undefined;
}
