/**
 * The test-facing directory API ({@link Directory}): seed what `pulumi up` of a connector profile
 * leaves in a tenant, then revoke or restore grants to create drift. Every write obeys the
 * replication lag, like a Graph write.
 *
 * What `seedConnector` creates follows the Graph recipes in
 * ../shared/reference/m365-entra-exchange-facts.md §5 "Permission grants": an app role
 * assignment per application permission (admin consent), one AllPrincipals
 * oauth2PermissionGrant per resource for delegated scopes, a directory role assignment per role
 * (roleDefinitionId = template ID, directoryScopeId "/").
 *
 * @module
 */
import { DirectoryRoles, ResourceApps, type ResourceAppName, type ResolvedProfile } from "../catalog";
import { keyCredentialFromPem, newAppRoleAssignment, newApplication, newGrant, newPassword, newRoleAssignment, newServicePrincipal } from "./store/factory";
import type { ApplicationRow, ServicePrincipalRow } from "./store/rows";
import type { Store } from "./store/store";
import { LATEST } from "./store/table";
import type { TenantState } from "./store/tenant";
import type { Directory, SeedCredential, SeededConnector } from "./types";

function resourceAppId(resource: string): string {
    return resource in ResourceApps ? ResourceApps[resource as ResourceAppName] : resource.toLowerCase();
}

function roleTemplateId(roleName: string): string {
    const id = (DirectoryRoles as Record<string, string>)[roleName];
    if (!id) throw new Error(`emulator: unknown directory role "${roleName}" (use a name from catalog DirectoryRoles)`);
    return id;
}

/** Creates the directory API over `store`; every write is visible after the store's replication lag. */
export function createDirectory(store: Store): Directory {
    const write = () => store.visibleAt();

    const clientOf = (tenantId: string, clientId: string): { tenant: TenantState; app: ApplicationRow; sp: ServicePrincipalRow } => {
        const tenant = store.requireTenant(tenantId);
        const app = tenant.appByAppId(clientId, LATEST);
        const sp = tenant.spByAppId(clientId, LATEST);
        if (!app || !sp) throw new Error(`emulator: no application ${clientId} in tenant ${tenantId}`);
        return { tenant, app, sp };
    };

    const resourceOf = (tenant: TenantState, resource: string): ServicePrincipalRow => {
        const sp = tenant.spByAppId(resourceAppId(resource), LATEST);
        if (!sp) throw new Error(`emulator: no resource service principal "${resource}" in tenant ${tenant.id}`);
        return sp;
    };

    const appRoleId = (resource: ServicePrincipalRow, value: string): string => {
        const role = resource.appRoles.find((r) => r.value === value);
        if (!role) throw new Error(`emulator: ${resource.displayName} has no app role "${value}"`);
        return role.id;
    };

    const withCredential = (app: ApplicationRow, credential: SeedCredential): ApplicationRow => {
        if (credential.kind === "certificate") {
            return { ...app, keyCredentials: [...app.keyCredentials, keyCredentialFromPem(credential.certificatePem)] };
        }
        const { credential: pc, secret } = newPassword({ displayName: "emulator seed", secret: credential.secret, endDateTime: credential.endDateTime });
        return { ...app, passwordCredentials: [...app.passwordCredentials, pc], secrets: { ...app.secrets, [pc.keyId]: secret } };
    };

    const directory: Directory = {
        addTenant(tenant) {
            store.addTenant(tenant);
        },

        seedConnector({ tenantId, profile, credential, displayName, clientId }): SeededConnector {
            const tenant = store.requireTenant(tenantId);
            const at = write();
            const app = withCredential(
                newApplication({
                    displayName: displayName ?? profile.title,
                    appId: clientId,
                    signInAudience: profile.signInAudience,
                    requiredResourceAccess: profile.requiredResourceAccess,
                    redirectUris: profile.webRedirectUris,
                    publisherDomain: tenant.domains[0],
                }),
                credential,
            );
            if (tenant.appByAppId(app.appId, LATEST)) throw new Error(`emulator: application ${app.appId} already exists in tenant ${tenant.id}`);
            const sp = newServicePrincipal(app, tenant.id);
            tenant.applications.put(app, at);
            tenant.servicePrincipals.put(sp, at);
            seedGrants(tenant, sp, profile, at);
            return { tenantId: tenant.id, clientId: app.appId, applicationObjectId: app.id, servicePrincipalObjectId: sp.id };
        },

        grantAppRole(tenantId, clientId, resource, value) {
            const { tenant, sp } = clientOf(tenantId, clientId);
            const res = resourceOf(tenant, resource);
            const roleId = appRoleId(res, value);
            const exists = tenant.appRoleAssignments.find(LATEST, (a) => a.principalId === sp.id && a.resourceId === res.id && a.appRoleId === roleId);
            if (!exists) tenant.appRoleAssignments.put(newAppRoleAssignment(sp, res, roleId), write());
        },

        revokeAppRole(tenantId, clientId, resource, value) {
            const { tenant, sp } = clientOf(tenantId, clientId);
            const res = resourceOf(tenant, resource);
            const roleId = appRoleId(res, value);
            const at = write();
            for (const a of tenant.appRoleAssignments.list(LATEST)) {
                if (a.principalId === sp.id && a.resourceId === res.id && a.appRoleId === roleId) tenant.appRoleAssignments.remove(a.id, at);
            }
        },

        assignDirectoryRole(tenantId, clientId, roleName) {
            const { tenant, sp } = clientOf(tenantId, clientId);
            const templateId = roleTemplateId(roleName);
            const exists = tenant.roleAssignments.find(LATEST, (r) => r.principalId === sp.id && r.roleDefinitionId === templateId);
            if (!exists) tenant.roleAssignments.put(newRoleAssignment(templateId, sp.id), write());
        },

        removeDirectoryRole(tenantId, clientId, roleName) {
            const { tenant, sp } = clientOf(tenantId, clientId);
            const templateId = roleTemplateId(roleName);
            const at = write();
            for (const r of tenant.roleAssignments.list(LATEST)) {
                if (r.principalId === sp.id && r.roleDefinitionId === templateId) tenant.roleAssignments.remove(r.id, at);
            }
        },

        addCredential(tenantId, clientId, credential) {
            const { tenant, app } = clientOf(tenantId, clientId);
            tenant.applications.put(withCredential(app, credential), write());
        },

        removeCredentials(tenantId, clientId) {
            const { tenant, app } = clientOf(tenantId, clientId);
            tenant.applications.put({ ...app, keyCredentials: [], passwordCredentials: [], secrets: {} }, write());
        },

        removeCertificate(tenantId, clientId, thumbprintSha1) {
            const { tenant, app } = clientOf(tenantId, clientId);
            const keep = app.keyCredentials.filter((k) => k.customKeyIdentifier?.toUpperCase() !== thumbprintSha1.toUpperCase());
            tenant.applications.put({ ...app, keyCredentials: keep }, write());
        },

        setServicePrincipalEnabled(tenantId, clientId, enabled) {
            const { tenant, sp } = clientOf(tenantId, clientId);
            tenant.servicePrincipals.put({ ...sp, accountEnabled: enabled }, write());
        },

        addUser(tenantId, user) {
            return store.requireTenant(tenantId).addUser(user, write());
        },
    };
    return directory;
}

/** Admin consent and role assignments of a resolved profile, for the service principal `sp`. */
function seedGrants(tenant: TenantState, sp: ServicePrincipalRow, profile: ResolvedProfile, at: number): void {
    for (const p of profile.appRoles) {
        const resource = tenant.spByAppId(p.resourceAppId, LATEST);
        if (!resource) throw new Error(`emulator: no resource service principal ${p.resource} in tenant ${tenant.id}`);
        tenant.appRoleAssignments.put(newAppRoleAssignment(sp, resource, p.id), at);
    }
    const scopesByResource = new Map<string, string[]>();
    for (const s of profile.delegatedScopes) scopesByResource.set(s.resourceAppId, [...(scopesByResource.get(s.resourceAppId) ?? []), s.value]);
    for (const [appId, scopes] of scopesByResource) {
        const resource = tenant.spByAppId(appId, LATEST);
        if (!resource) throw new Error(`emulator: no resource service principal ${appId} in tenant ${tenant.id}`);
        tenant.grants.put(newGrant(sp.id, resource.id, scopes.join(" ")), at);
    }
    for (const r of profile.directoryRoles) tenant.roleAssignments.put(newRoleAssignment(r.templateId, sp.id), at);
}
