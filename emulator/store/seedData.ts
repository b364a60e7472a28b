/**
 * What every emulated tenant starts with. Data, not code.
 *
 * - Microsoft's resource applications (Microsoft Graph, Office 365 Exchange Online, Microsoft
 *   Exchange Online Protection) have a service principal in every tenant; their app roles and
 *   delegated scopes come from catalog/ids.ts (AppRoles, DelegatedScopes), so a grant made by ID
 *   shows up by value in tokens. The catalog has no display strings, so an app role's displayName
 *   is its value.
 * - One subscription: Office 365 E3, `ENTERPRISEPACK`, skuId 6fd2c87f-b296-42f0-b197-1e91e994b900
 *   ("Product names and service plan identifiers for licensing",
 *   https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference).
 * - Initial domain suffix per cloud: `.onmicrosoft.com` (global, GCC); `.partner.onmschina.cn`
 *   (21Vianet; e.g. MicrosoftDocs/office-docs-powershell#8927); `.onmicrosoft.us` for US Gov
 *   clouds is an assumption not checked against a source.
 *
 * @module
 */
import { AppRoles, DelegatedScopes, ResourceApps, type CloudName, type ResourceAppName } from "../../catalog";

/** One Microsoft resource application to pre-seed: its app ID, app roles and delegated scopes. */
export interface ResourceAppSeed {
    readonly name: ResourceAppName;
    readonly appId: string;
    readonly appRoles: readonly { readonly id: string; readonly value: string }[];
    readonly scopes: readonly { readonly id: string; readonly value: string }[];
}

/** Microsoft's resource applications, pre-seeded as service principals in each tenant. */
export const ResourceAppSeeds: readonly ResourceAppSeed[] = (Object.keys(ResourceApps) as ResourceAppName[]).map((name) => ({
    name,
    appId: ResourceApps[name],
    appRoles: Object.entries(AppRoles[name]).map(([value, id]) => ({ id, value })),
    scopes: Object.entries(DelegatedScopes[name] as Record<string, string>).map(([value, id]) => ({ id, value })),
}));

/** The subscription every tenant starts with (Office 365 E3) and its seat count. */
export const SeedSku = { skuId: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", enabledUnits: 25 } as const;

/** The initial (`<name>.onmicrosoft.*`) domain suffix of each cloud. */
export const InitialDomainSuffix: { readonly [K in CloudName]: string } = {
    AzureCloud: "onmicrosoft.com",
    AzureGCC: "onmicrosoft.com",
    AzureGCCHigh: "onmicrosoft.us",
    AzureDoD: "onmicrosoft.us",
    AzureChina: "partner.onmschina.cn",
};

/** Users a tenant gets when its seed names none: `{alias}@{initial domain}`. */
export const DefaultUsers: readonly { readonly alias: string; readonly givenName: string; readonly surname: string; readonly department: string; readonly licensed: boolean }[] = [
    { alias: "admin", givenName: "Tenant", surname: "Admin", department: "IT", licensed: true },
    { alias: "ada", givenName: "Ada", surname: "Lovelace", department: "Engineering", licensed: true },
    { alias: "alan", givenName: "Alan", surname: "Turing", department: "Engineering", licensed: true },
    { alias: "grace", givenName: "Grace", surname: "Hopper", department: "Operations", licensed: false },
];
