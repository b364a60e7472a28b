/**
 * What the identity that runs `pulumi up` (the deployer) must hold for the resources a stack
 * declares, and which of it a token shows. Data and pure functions only.
 *
 * Each right lists the application permissions (app roles of Microsoft Graph; `"A and B"` means
 * both) and the directory roles that allow it. Global Administrator allows everything. Sources:
 * - create applications, service principals and their credentials: Graph
 *   application-post-applications / serviceprincipal-post-serviceprincipals /
 *   application-addpassword (Application.ReadWrite.OwnedBy or Application.ReadWrite.All;
 *   Application Administrator, Cloud Application Administrator);
 * - grant application permissions: serviceprincipal-post-approleassignedto (AppRoleAssignment.
 *   ReadWrite.All with Application.Read.All or Directory.Read.All) and the azuread provider's
 *   documented Application.ReadWrite.All / Directory.ReadWrite.All; Privileged Role Administrator
 *   (README "Deploy to a real tenant", One Identity's auto configuration);
 * - grant delegated permissions for all users: oauth2permissiongrant-post
 *   (DelegatedPermissionGrant.ReadWrite.All, Directory.ReadWrite.All; Privileged Role Administrator);
 * - assign directory roles: rbacapplication-post-roleassignments (RoleManagement.ReadWrite.Directory;
 *   Privileged Role Administrator).
 *
 * @module
 */
import { DirectoryRoles, type DirectoryRoleName } from "./ids";
import type { ResolvedProfile } from "./resolve";

/** One thing the deployer must be able to do. */
export interface DeployerRight {
    /** What it allows, in words. */
    readonly does: string;
    /** Application permissions that allow it (any one; `"A and B"` needs both). */
    readonly appRoles: readonly string[];
    /** Directory roles that allow it (any one). */
    readonly directoryRoles: readonly DirectoryRoleName[];
    /** The application permission to grant when it is missing. */
    readonly grant: string;
    /** The directory role to assign instead, for a user or an application. */
    readonly role: DirectoryRoleName;
}

/** The rights a stack of managed connectors may need. */
export const DeployerRights = {
    applications: {
        does: "create the connector's application, service principal and credential",
        appRoles: ["Application.ReadWrite.All", "Application.ReadWrite.OwnedBy"],
        directoryRoles: ["Application Administrator", "Cloud Application Administrator"],
        grant: "Application.ReadWrite.All",
        role: "Application Administrator",
    },
    appRoleAssignments: {
        does: "grant admin consent for application permissions",
        appRoles: ["AppRoleAssignment.ReadWrite.All and Application.Read.All", "AppRoleAssignment.ReadWrite.All and Directory.Read.All", "Application.ReadWrite.All", "Directory.ReadWrite.All"],
        directoryRoles: ["Privileged Role Administrator"],
        grant: "AppRoleAssignment.ReadWrite.All",
        role: "Privileged Role Administrator",
    },
    delegatedGrants: {
        does: "grant admin consent for delegated permissions",
        appRoles: ["DelegatedPermissionGrant.ReadWrite.All", "Directory.ReadWrite.All"],
        directoryRoles: ["Privileged Role Administrator"],
        grant: "DelegatedPermissionGrant.ReadWrite.All",
        role: "Privileged Role Administrator",
    },
    roleAssignments: {
        does: "assign directory roles",
        appRoles: ["RoleManagement.ReadWrite.Directory"],
        directoryRoles: ["Privileged Role Administrator"],
        grant: "RoleManagement.ReadWrite.Directory",
        role: "Privileged Role Administrator",
    },
} as const satisfies Record<string, DeployerRight>;

/** A key of {@link DeployerRights}. */
export type DeployerRightName = keyof typeof DeployerRights;

/** What the connectors of a stack ask of the deployer. */
export interface DeployerNeeds {
    /** Any managed connector (application, service principal or credential to write). */
    readonly applications: boolean;
    readonly appRoleAssignments: boolean;
    readonly delegatedGrants: boolean;
    readonly roleAssignments: boolean;
}

/** What deploying connectors of these profiles asks of the deployer (none for no profile). */
export function deployerNeedsOf(profiles: readonly ResolvedProfile[]): DeployerNeeds {
    return {
        applications: profiles.length > 0,
        appRoleAssignments: profiles.some((p) => p.appRoles.length > 0),
        delegatedGrants: profiles.some((p) => p.delegatedScopes.length > 0),
        roleAssignments: profiles.some((p) => p.directoryRoles.length > 0),
    };
}

/** App IDs of the Microsoft applications connectors of these profiles are granted permissions on. */
export function resourceAppsOf(profiles: readonly ResolvedProfile[]): string[] {
    return [...new Set(profiles.flatMap((p) => [...p.appRoles, ...p.delegatedScopes].map((x) => x.resourceAppId)))];
}

/** The rights needed, in a fixed order. */
export function requiredRights(needs: DeployerNeeds): DeployerRightName[] {
    return (Object.keys(DeployerRights) as DeployerRightName[]).filter((r) => needs[r]);
}

/** Whether `roles` (a token's `roles` claim) satisfy one alternative of a permission table: `"A"`, or `"A and B"` (both). */
export function satisfiesPermission(alternative: string, roles: readonly string[]): boolean {
    return alternative.split(" and ").every((r) => roles.includes(r.trim()));
}

/** Whether a token's `roles` and `wids` allow `right`. */
export function holdsRight(right: DeployerRightName, claims: { readonly roles: readonly string[]; readonly wids: readonly string[] }): boolean {
    const r: DeployerRight = DeployerRights[right];
    if (claims.wids.includes(DirectoryRoles["Global Administrator"])) return true;
    return r.appRoles.some((a) => satisfiesPermission(a, claims.roles)) || r.directoryRoles.some((n) => claims.wids.includes(DirectoryRoles[n]));
}
