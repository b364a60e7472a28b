/**
 * Which app roles (application permissions) or directory roles let an app-only token make each
 * Graph call. Data only; ./authorize.ts applies it.
 *
 * `appRoles` lists every application permission of the API page's "Permissions" table (least and
 * higher privileged); `"A and B"` means both are needed. `directoryRoles` lists, of the roles the
 * page's RBAC note names as supported, those catalog/ids.ts knows (others have no template ID
 * here). Global Administrator is accepted everywhere (./authorize.ts). Directory roles count for
 * app-only tokens through the `wids` claim (Microsoft Entra roles assigned to the service
 * principal; the Active Roles Azure AD connector works with Directory Writers alone).
 * `ownedBy` permissions allow the call only on applications the caller owns.
 *
 * Pages (https://learn.microsoft.com/graph/api/<page>):
 * organization-list, user-list, subscribedsku-list, application-list, application-post-applications,
 * application-update / application-delete / application-addpassword, serviceprincipal-list,
 * serviceprincipal-post-serviceprincipals, serviceprincipal-list-approleassignedto,
 * serviceprincipal-post-approleassignedto, oauth2permissiongrant-list / -post,
 * rbacapplication-list-roledefinitions, rbacapplication-list-roleassignments,
 * rbacapplication-post-roleassignments, directoryrole-list, reportroot-getoffice365activeuserdetail.
 * RBAC notes: microsoft-graph-docs-contrib `api-reference/v1.0/includes/rbac-for-apis/*.md`.
 *
 * @module
 */
import type { DirectoryRoleName } from "../../catalog";

/** What allows one Graph call: any of the application permissions, any of the directory roles, or (owned objects only) an `ownedBy` permission. */
export interface PermissionRule {
    readonly appRoles: readonly string[];
    readonly directoryRoles: readonly DirectoryRoleName[];
    readonly ownedBy?: readonly string[];
}

const readers: DirectoryRoleName[] = ["Directory Readers", "Directory Writers", "Global Reader"];
const appAdmins: DirectoryRoleName[] = ["Application Administrator", "Cloud Application Administrator"];

/** The permission rule of each kind of Graph call, keyed by the name routes declare. */
export const GraphPermissions = {
    "organization.read": {
        appRoles: ["Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All", "Directory.ReadWrite.All"],
        // rbac-organization-apis-read.md
        directoryRoles: [...readers, "Helpdesk Administrator", "User Administrator", "Privileged Role Administrator", ...appAdmins],
    },
    "users.read": {
        appRoles: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
        directoryRoles: [...readers, "User Administrator", "Helpdesk Administrator"],
    },
    "subscribedSkus.read": {
        appRoles: ["LicenseAssignment.Read.All", "Directory.Read.All", "Directory.ReadWrite.All", "Organization.Read.All", "Organization.ReadWrite.All"],
        // rbac-company-subscriptions-subscribedskus-apis.md
        directoryRoles: ["Global Reader", "Directory Readers"],
    },
    "applications.read": {
        appRoles: ["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"],
        ownedBy: ["Application.ReadWrite.OwnedBy"],
        // rbac-application-apis-read.md
        directoryRoles: [...readers, ...appAdmins],
    },
    "applications.create": {
        appRoles: ["AppRegistration.Create", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"],
        // rbac-application-apis-write.md
        directoryRoles: ["Application Developer", ...appAdmins],
    },
    "applications.write": {
        appRoles: ["Application.ReadWrite.All"],
        ownedBy: ["Application.ReadWrite.OwnedBy"],
        directoryRoles: appAdmins,
    },
    "servicePrincipals.read": {
        appRoles: ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All", "Directory.Read.All"],
        directoryRoles: [...readers, ...appAdmins],
    },
    "servicePrincipals.write": {
        appRoles: ["Application.ReadWrite.All"],
        ownedBy: ["Application.ReadWrite.OwnedBy"],
        directoryRoles: appAdmins,
    },
    "appRoleAssignments.read": {
        appRoles: ["Application.Read.All", "AppRoleAssignment.ReadWrite.All", "Application.ReadWrite.All", "Directory.Read.All"],
        directoryRoles: [...readers, ...appAdmins],
    },
    "appRoleAssignments.write": {
        // Graph's page lists the two pairs; Application.ReadWrite.All alone also works: the azuread
        // provider, whose acceptance tests run on real tenants, documents it for
        // azuread_app_role_assignment ("… or `Application.ReadWrite.All`, or
        // `Directory.ReadWrite.All`", pulumi-azuread schema, AppRoleAssignment "API Permissions").
        appRoles: ["AppRoleAssignment.ReadWrite.All and Application.Read.All", "AppRoleAssignment.ReadWrite.All and Directory.Read.All", "Application.ReadWrite.All", "Directory.ReadWrite.All"],
        // rbac-approleassignments-apis-write.md
        directoryRoles: ["Directory Writers", "User Administrator", "Privileged Role Administrator", ...appAdmins],
    },
    "grants.read": {
        appRoles: ["Directory.Read.All", "DelegatedPermissionGrant.ReadWrite.All", "Directory.ReadWrite.All"],
        directoryRoles: [...readers, ...appAdmins],
    },
    "grants.write": {
        appRoles: ["DelegatedPermissionGrant.ReadWrite.All", "Directory.ReadWrite.All"],
        directoryRoles: ["Privileged Role Administrator", ...appAdmins],
    },
    "roleManagement.read": {
        appRoles: ["RoleManagement.Read.Directory", "Directory.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"],
        directoryRoles: [...readers, "Privileged Role Administrator"],
    },
    "roleAssignments.write": {
        appRoles: ["RoleManagement.ReadWrite.Directory"],
        directoryRoles: ["Privileged Role Administrator"],
    },
    "directoryRoles.read": {
        appRoles: ["RoleManagement.Read.Directory", "Directory.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"],
        // rbac-directory-role-apis-read.md
        directoryRoles: [...readers, "User Administrator", "Helpdesk Administrator", "Privileged Role Administrator", ...appAdmins],
    },
    "reports.read": {
        appRoles: ["Reports.Read.All"],
        directoryRoles: [],
    },
} as const satisfies Record<string, PermissionRule>;

/** A key of {@link GraphPermissions}. */
export type PermissionKey = keyof typeof GraphPermissions;
