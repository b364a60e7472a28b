/**
 * The `pulumi import --file` document for adopted connectors: the azuread resources the program
 * would otherwise create for them, under the names and parents the components give them
 * (resources/grants.ts `GrantNames`), so that after `pulumi import` the program's `pulumi preview`
 * finds them in the state instead of creating them.
 *
 * Format (https://www.pulumi.com/docs/iac/cli/commands/pulumi_import/): `nameTable` maps a name
 * to the URN of a provider or parent that already exists, `resources[]` has `type`, `name`, `id`,
 * `parent` (a name from `nameTable` or of another entry) and `provider` (a `nameTable` name). A
 * parent created by the same import is an entry with `component: true` (Pulumi 3.94,
 * https://github.com/pulumi/pulumi/releases/tag/v3.94.0).
 *
 * Import IDs (the `## Import` sections of @pulumi/azuread 6.9 `appRoleAssignment.d.ts`,
 * `servicePrincipalDelegatedPermissionGrant.d.ts`, `directoryRoleAssignment.d.ts`):
 * - AppRoleAssignment: `/servicePrincipals/{resource service principal}/appRoleAssignedTo/{assignment ID}`
 * - ServicePrincipalDelegatedPermissionGrant: `/oauth2PermissionGrants/{grant ID}`
 * - DirectoryRoleAssignment: `/roleManagement/directory/roleAssignments/{assignment ID}`: the
 *   provider's own resource ID (terraform-provider-azuread `directory_role_assignment_resource.go`
 *   validates and parses it with go-azure-sdk `stable.ParseRoleManagementDirectoryRoleAssignmentID`);
 *   the bare assignment ID of the SDK's example is refused as not existing.
 *
 * Not in the document, and why:
 * - the application and service principal: an adopted connector declares neither
 *   (`existingApplication` with `servicePrincipalObjectId`), so there is nothing to import;
 * - credentials: an `ApplicationPassword` is not importable (its value is never returned), and an
 *   imported `ApplicationCertificate` has no `value` in state, so the program's certificate would
 *   replace it; the stack adds its own credential instead (README "Bring an existing tenant");
 * - the ConnectorConnection: a dynamic resource, which Pulumi cannot import; it only reads.
 *
 * @module
 */
import { Clouds, type CloudName } from "../../catalog";
import { ConnectorApplication, GrantNames } from "../../resources";
import { TENANT_PROVIDER_NAME } from "../../program/stack";
import type { Adoption } from "./plan";
import type { DiscoveredApplication } from "../../probe/discover";

/** The stack's azuread provider: `deployStack` (program/stack.ts) creates it under this name. */
export const TENANT_PROVIDER = TENANT_PROVIDER_NAME;

/** The azuread type tokens of the imported resources. */
export const ImportTypes = {
    appRoleAssignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
    delegatedGrant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    roleAssignment: "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
} as const;

/** One resource of the document. */
export interface ImportResource {
    readonly type: string;
    readonly name: string;
    readonly id?: string;
    readonly parent?: string;
    readonly provider?: string;
    readonly component?: boolean;
}

/** A `pulumi import --file` document. */
export interface ImportDocument {
    readonly nameTable: Record<string, string>;
    /**
     * The inputs of the provider named in `nameTable`, for Pulumi to create it when the stack has
     * none yet (pulumi/pulumi `pkg/cmd/pulumi/operations/import.go`, `importFile.ProviderInputs`);
     * a stack that has it already uses its own. Without them a new stack's `tenant` provider would
     * be created with no configuration at all (and talk to the global cloud). Pulumi 3.259 warns
     * that this field is deprecated in favour of a provider entry in `resources` with `inputs`;
     * such an entry is always created, which fails on a stack that already has the provider, so
     * the document keeps the form that works for both.
     */
    readonly providerInputs: Record<string, Record<string, string>>;
    readonly resources: ImportResource[];
}

/** Where the stack's provider points. */
export interface ProviderTarget {
    readonly tenantId: string;
    readonly cloud: CloudName;
    /** `host:port` of the emulator (the program's `endpointOverride`). */
    readonly metadataHost?: string;
}

/**
 * The inputs the program gives its `tenant` provider (resources/provider.ts `createTenantProvider`
 * as `deployStack` calls it, after @pulumi/azuread 6.9's `Provider` constructor adds its defaults
 * from the environment: `environment` from `ARM_ENVIRONMENT` or "public" when none is given (the
 * emulator), `msiEndpoint` from `ARM_MSI_ENDPOINT`, `useMsi` from `ARM_USE_MSI` (Go's boolean
 * spellings) or "false", and the SDK `version`), so the provider the import creates is the one the
 * program declares in the same environment and `pulumi preview` finds it unchanged. Sign-in
 * (ARM_CLIENT_ID …) stays in the environment, as for `pulumi up`.
 */
export function providerInputs(target: ProviderTarget, sdkVersion: string = azureadVersion(), env: NodeJS.ProcessEnv = process.env): Record<string, string> {
    const useMsi = ["1", "t", "T", "true", "TRUE", "True"].includes(env.ARM_USE_MSI ?? "");
    return {
        environment: target.metadataHost ? env.ARM_ENVIRONMENT || "public" : Clouds[target.cloud].azureadEnvironment,
        ...(target.metadataHost ? { metadataHost: target.metadataHost } : {}),
        ...(env.ARM_MSI_ENDPOINT ? { msiEndpoint: env.ARM_MSI_ENDPOINT } : {}),
        tenantId: target.tenantId,
        useMsi: String(useMsi),
        version: sdkVersion,
    };
}

/** The installed @pulumi/azuread version: the plugin version the program's resources ask for. */
export function azureadVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@pulumi/azuread/package.json") as { version: string }).version;
}

/** The URN of the stack's azuread provider (`urn:pulumi:<stack>::<project>::pulumi:providers:azuread::tenant`). */
export function providerUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:providers:azuread::${TENANT_PROVIDER}`;
}

/**
 * The import entries of one adopted connector: its component, then one entry per app role
 * assignment, delegated grant and directory role assignment its profile declares. Every right of
 * the profile is held (the application matched it), so each has an object to import.
 */
export function importEntries(app: DiscoveredApplication, adoption: Adoption): ImportResource[] {
    const name = adoption.entry.name;
    const child = { parent: name, provider: TENANT_PROVIDER };
    const out: ImportResource[] = [{ type: ConnectorApplication.type, name, component: true }];
    for (const p of adoption.profile.appRoles) {
        const a = app.grants.appRoles.find((x) => x.resource === p.resource && x.value === p.value);
        if (!a) throw new Error(`discover: ${app.clientId} matched ${adoption.profile.name} without ${p.value}`);
        out.push({ type: ImportTypes.appRoleAssignment, name: GrantNames.appRole(name, p), id: `/servicePrincipals/${a.resourceSpId}/appRoleAssignedTo/${a.id}`, ...child });
    }
    for (const resource of [...new Set(adoption.profile.delegatedScopes.map((s) => s.resource))]) {
        const g = app.grants.delegated.find((x) => x.resource === resource);
        if (!g) throw new Error(`discover: ${app.clientId} matched ${adoption.profile.name} without a delegated grant on ${resource}`);
        out.push({ type: ImportTypes.delegatedGrant, name: GrantNames.delegated(name, resource), id: `/oauth2PermissionGrants/${g.id}`, ...child });
    }
    for (const r of adoption.profile.directoryRoles) {
        const ra = app.grants.roles.find((x) => x.templateId === r.templateId && x.scope === "/");
        if (!ra) throw new Error(`discover: ${app.clientId} matched ${adoption.profile.name} without ${r.name}`);
        out.push({ type: ImportTypes.roleAssignment, name: GrantNames.role(name, r.name), id: `/roleManagement/directory/roleAssignments/${ra.id}`, ...child });
    }
    return out;
}

/** The document for every adopted connector of a stack. */
export function importDocument(stack: string, project: string, target: ProviderTarget, adopted: readonly { app: DiscoveredApplication; adoption: Adoption }[]): ImportDocument {
    return {
        nameTable: { [TENANT_PROVIDER]: providerUrn(stack, project) },
        providerInputs: { [TENANT_PROVIDER]: providerInputs(target) },
        resources: adopted.flatMap((a) => importEntries(a.app, a.adoption)),
    };
}
