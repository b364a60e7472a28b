/**
 * Admin consent and directory roles for a connector's service principal, on `@pulumi/azuread`:
 * - one `AppRoleAssignment` per application permission (admin consent for app roles),
 * - one `ServicePrincipalDelegatedPermissionGrant` per resource app with delegated scopes
 *   (no `userObjectId`: consent for all principals),
 * - one `DirectoryRoleAssignment` per directory role, tenant-wide (`directoryScopeId: "/"`).
 *
 * Microsoft's own service principals (Microsoft Graph, Office 365 Exchange Online) are only
 * looked up with `getServicePrincipalOutput`, never created: a created or `useExisting` service
 * principal would be deleted on `pulumi destroy`.
 *
 * @module
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedPermission, ResolvedProfile } from "../catalog";

/** Options every grant is created with. */
export interface GrantOptions {
    /** The component the grants belong to. */
    readonly parent: pulumi.Resource;
    /** The tenant's azuread provider. */
    readonly provider: azuread.Provider;
}

/** The grant resources of one connector. */
export interface Grants {
    /** Admin consent for application permissions, one per permission. */
    readonly appRoleAssignments: azuread.AppRoleAssignment[];
    /** Admin consent for delegated permissions, one per resource application. */
    readonly delegatedGrants: azuread.ServicePrincipalDelegatedPermissionGrant[];
    /** Directory role assignments, one per role. */
    readonly roleAssignments: azuread.DirectoryRoleAssignment[];
}

/** Lower-case, dash-separated form of a name, for child resource names. */
export function slug(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * The names of a connector's grant resources: `<name>-consent-<resource>-<permission>` per
 * application permission, `<name>-delegated-<resource>` per resource with delegated scopes,
 * `<name>-role-<role>` per directory role. {@link createGrants} names its children with these, and
 * `m365-connectors discover` writes them into the `pulumi import` document.
 */
export const GrantNames = {
    appRole: (name: string, p: { resource: string; value: string }) => `${name}-consent-${slug(p.resource)}-${slug(p.value)}`,
    delegated: (name: string, resource: string) => `${name}-delegated-${slug(resource)}`,
    role: (name: string, roleName: string) => `${name}-role-${slug(roleName)}`,
} as const;

/**
 * Creates the consent and role resources of `profile` for the service principal
 * `servicePrincipalObjectId` (its bare object ID, not the `/servicePrincipals/…` resource ID).
 */
export function createGrants(name: string, profile: ResolvedProfile, servicePrincipalObjectId: pulumi.Input<string>, opts: GrantOptions): Grants {
    const lookups = new Map<string, pulumi.Output<string>>();
    const resourceSp = (p: ResolvedPermission) => {
        let objectId = lookups.get(p.resourceAppId);
        if (!objectId) {
            objectId = azuread.getServicePrincipalOutput({ clientId: p.resourceAppId }, { parent: opts.parent, provider: opts.provider }).objectId;
            lookups.set(p.resourceAppId, objectId);
        }
        return objectId;
    };
    const childOpts = { parent: opts.parent, provider: opts.provider };

    const appRoleAssignments = profile.appRoles.map(
        (p) =>
            new azuread.AppRoleAssignment(
                GrantNames.appRole(name, p),
                { appRoleId: p.id, principalObjectId: servicePrincipalObjectId, resourceObjectId: resourceSp(p) },
                childOpts,
            ),
    );

    const byResource = new Map<string, ResolvedPermission[]>();
    for (const p of profile.delegatedScopes) byResource.set(p.resource, [...(byResource.get(p.resource) ?? []), p]);
    const delegatedGrants = [...byResource.entries()].map(
        ([resource, scopes]) =>
            new azuread.ServicePrincipalDelegatedPermissionGrant(
                GrantNames.delegated(name, resource),
                {
                    servicePrincipalObjectId,
                    resourceServicePrincipalObjectId: resourceSp(scopes[0]),
                    claimValues: scopes.map((s) => s.value),
                },
                childOpts,
            ),
    );

    const roleAssignments = profile.directoryRoles.map(
        (r) =>
            new azuread.DirectoryRoleAssignment(
                GrantNames.role(name, r.name),
                { roleId: r.templateId, principalObjectId: servicePrincipalObjectId, directoryScopeId: "/" },
                childOpts,
            ),
    );
    return { appRoleAssignments, delegatedGrants, roleAssignments };
}
