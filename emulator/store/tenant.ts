/**
 * One emulated tenant: its directory tables and the lookups the token endpoint, Graph and
 * Exchange share. Reads take `at` (a time; {@link LATEST} for every write).
 *
 * @module
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { CloudName } from "../../catalog";
import type { SeedTenant, SeedUser } from "../types";
import type {
    AppRoleAssignmentRow, ApplicationRow, OAuth2PermissionGrantRow, RoleAssignmentRow, ServicePrincipalRow, SubscribedSkuRow, UserRow,
} from "./rows";
import { DefaultUsers, InitialDomainSuffix, ResourceAppSeeds, SeedSku } from "./seedData";
import { VersionedTable, type ReadAt } from "./table";

/** A new object ID (GUID). */
export const newId = (): string => randomUUID();
/** A new opaque ID, like Graph's app role assignment, grant and role assignment IDs. */
export const opaqueId = (): string => randomBytes(32).toString("base64url");
/** Graph's timestamp form: ISO 8601, UTC, seconds. */
export const isoSeconds = (ms: number = Date.now()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** One tenant's directory: versioned tables of its objects and the lookups shared by the token endpoint, Graph and Exchange. */
export class TenantState {
    readonly id: string;
    readonly displayName: string;
    /** Verified domains, the initial domain first. */
    readonly domains: readonly string[];
    readonly createdDateTime: string;
    readonly applications = new VersionedTable<ApplicationRow>();
    readonly servicePrincipals = new VersionedTable<ServicePrincipalRow>();
    readonly appRoleAssignments = new VersionedTable<AppRoleAssignmentRow>();
    readonly grants = new VersionedTable<OAuth2PermissionGrantRow>();
    readonly roleAssignments = new VersionedTable<RoleAssignmentRow>();
    readonly users = new VersionedTable<UserRow>();
    readonly skus: readonly SubscribedSkuRow[];
    private readonly directoryRoleIds = new Map<string, string>();

    constructor(seed: SeedTenant, cloud: CloudName) {
        this.id = seed.tenantId.toLowerCase();
        this.displayName = seed.displayName ?? `Tenant ${this.id.slice(0, 8)}`;
        this.domains = seed.domains?.length ? [...seed.domains] : [`t${this.id.slice(0, 8)}.${InitialDomainSuffix[cloud]}`];
        this.createdDateTime = isoSeconds();
        for (const app of ResourceAppSeeds) {
            this.servicePrincipals.put(
                {
                    id: newId(),
                    appId: app.appId,
                    displayName: app.name,
                    appDisplayName: app.name,
                    appOwnerOrganizationId: null,
                    accountEnabled: true,
                    servicePrincipalType: "Application",
                    servicePrincipalNames: [app.appId],
                    appRoles: app.appRoles.map((r) => ({
                        id: r.id, value: r.value, displayName: r.value, description: r.value,
                        allowedMemberTypes: ["Application"], isEnabled: true, origin: "Application" as const,
                    })),
                    oauth2PermissionScopes: app.scopes.map((s) => ({
                        id: s.id, value: s.value, adminConsentDisplayName: s.value, adminConsentDescription: s.value, isEnabled: true,
                    })),
                    tags: [],
                    keyCredentials: [],
                    passwordCredentials: [],
                    createdDateTime: this.createdDateTime,
                    properties: { signInAudience: "AzureADMultipleOrgs" },
                    owners: [],
                },
                0,
            );
        }
        this.skus = [
            {
                id: `${this.id}_${SeedSku.skuId}`,
                accountId: this.id,
                appliesTo: "User",
                capabilityStatus: "Enabled",
                consumedUnits: 0,
                prepaidUnits: { enabled: SeedSku.enabledUnits, suspended: 0, warning: 0, lockedOut: 0 },
                servicePlans: [],
                skuId: SeedSku.skuId,
                skuPartNumber: SeedSku.skuPartNumber,
            },
        ];
        const users: SeedUser[] = seed.users
            ? [...seed.users]
            : DefaultUsers.map((u) => ({
                  userPrincipalName: `${u.alias}@${this.domains[0]}`,
                  displayName: `${u.givenName} ${u.surname}`,
                  department: u.department,
                  licensed: u.licensed,
              }));
        for (const u of users) this.addUser(u, 0);
    }

    /** Creates a user visible from `visibleAt`; returns its object ID. */
    addUser(user: SeedUser, visibleAt: number): string {
        const [given, ...rest] = (user.displayName ?? user.userPrincipalName.split("@")[0]).split(" ");
        const row: UserRow = {
            id: newId(),
            accountEnabled: true,
            assignedLicenses: user.licensed === false ? [] : [{ skuId: SeedSku.skuId, disabledPlans: [] }],
            businessPhones: [],
            country: null,
            createdDateTime: isoSeconds(),
            department: user.department ?? null,
            displayName: user.displayName ?? user.userPrincipalName.split("@")[0],
            givenName: given ?? null,
            jobTitle: null,
            mail: user.mail === undefined ? user.userPrincipalName : user.mail,
            mobilePhone: null,
            officeLocation: null,
            preferredLanguage: null,
            surname: rest.length ? rest.join(" ") : null,
            userPrincipalName: user.userPrincipalName,
        };
        this.users.put(row, visibleAt);
        return row.id;
    }

    /** Whether `name` is this tenant's ID or one of its verified domains (case-insensitive). */
    matches(name: string): boolean {
        const n = name.toLowerCase();
        return n === this.id || this.domains.some((d) => d.toLowerCase() === n);
    }

    /** The application with `appId` (any case) as seen at `at`. */
    appByAppId(appId: string, at: ReadAt): ApplicationRow | undefined {
        const id = appId.toLowerCase();
        return this.applications.find(at, (a) => a.appId === id);
    }

    /** The service principal of `appId` (any case) as seen at `at`. */
    spByAppId(appId: string, at: ReadAt): ServicePrincipalRow | undefined {
        const id = appId.toLowerCase();
        return this.servicePrincipals.find(at, (s) => s.appId === id);
    }

    /**
     * Values of the app roles `principalId` holds on the resource service principal `resource`, for
     * an app-only token's `roles`: only enabled roles that allow member type `Application` ("App
     * roles supporting assignment to other applications' service principals are also known as
     * application permissions"; a role is disabled before it is deleted,
     * https://learn.microsoft.com/graph/api/resources/approle).
     */
    appRoleValues(principalId: string, resource: ServicePrincipalRow, at: ReadAt): string[] {
        const values = new Set<string>();
        for (const a of this.appRoleAssignments.list(at)) {
            if (a.principalId !== principalId || a.resourceId !== resource.id) continue;
            const role = resource.appRoles.find((r) => r.id === a.appRoleId);
            if (role && role.isEnabled && role.allowedMemberTypes.includes("Application")) values.add(role.value);
        }
        return [...values];
    }

    /** Role template IDs of the directory roles assigned to `principalId` (the `wids` claim). */
    roleTemplateIds(principalId: string, at: ReadAt): string[] {
        const ids = new Set<string>();
        for (const r of this.roleAssignments.list(at)) if (r.principalId === principalId) ids.add(r.roleDefinitionId);
        return [...ids];
    }

    /** The object ID of the activated directory role of a template (stable per tenant). */
    directoryRoleObjectId(templateId: string): string {
        let id = this.directoryRoleIds.get(templateId);
        if (!id) this.directoryRoleIds.set(templateId, (id = newId()));
        return id;
    }
}
