/**
 * Well-known Microsoft identifiers, each under the name Microsoft uses for it.
 *
 * Pure data: every GUID of the package lives here once (a unit test proves no GUID has two
 * names). Sources (see ../shared/reference/m365-entra-exchange-facts.md §4):
 * - P1 Graph permission IDs: https://learn.microsoft.com/graph/permissions-reference
 *   (microsoft-graph-docs-contrib `concepts/includes/permissions-ids.md`)
 * - R1 Entra built-in role template IDs:
 *   https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 * - E1 Exchange Online app-only authentication (manifest with Exchange.ManageAsApp):
 *   https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2
 *
 * @module
 */

/** Application (client) IDs of Microsoft's resource applications, by display name. */
export const ResourceApps = {
    "Microsoft Graph": "00000003-0000-0000-c000-000000000000",
    "Office 365 Exchange Online": "00000002-0000-0ff1-ce00-000000000000",
    // Recorded for GCC High / DoD readers of E1's manifest note; see catalog/clouds.ts.
    "Microsoft Exchange Online Protection": "00000007-0000-0ff1-ce00-000000000000",
} as const;
/** A resource application's display name. */
export type ResourceAppName = keyof typeof ResourceApps;

/** Application permissions (app roles) per resource application, by permission value. */
export const AppRoles = {
    "Microsoft Graph": {
        "Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
        "Organization.Read.All": "498476ce-e0fe-48b0-b801-37ba7e2685c6",
        "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
        "Reports.Read.All": "230c1aed-a721-4c5d-9cb4-a90514e508ef",
        "Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
        "User.ReadWrite.All": "741f803b-c850-494e-b5df-cde7c675a1ca",
        "Group.ReadWrite.All": "62a82d76-70ea-41e2-9197-370581804d09",
        "Group.Read.All": "5b567255-7703-4780-807c-7be8301ae99b",
        "Application.ReadWrite.OwnedBy": "18a4783c-866b-4cc7-a460-3d5e5662c884",
        "Application.ReadWrite.All": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
        "Application.Read.All": "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
        "RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
        "AppRoleAssignment.ReadWrite.All": "06b708a9-e830-4db3-a914-8e69da51d44f",
        // Not in ../shared/reference: P1, the application permission's ID as the Graph permissions
        // reference lists it (the same ID in independent public deployment scripts found by search).
        "DelegatedPermissionGrant.ReadWrite.All": "8e8e4742-1d95-4f68-9d56-6ee75648c72a",
        "AuditLog.Read.All": "b0afded3-3588-46d8-8b3d-9842eff778da",
    },
    "Office 365 Exchange Online": {
        "Exchange.ManageAsApp": "dc50a0fb-09a3-484d-be87-e023b12c6440",
    },
    "Microsoft Exchange Online Protection": {
        "Exchange.ManageAsApp": "455e5cd2-84e8-4751-8344-5672145dfa17",
    },
} as const satisfies { readonly [R in ResourceAppName]: Readonly<Record<string, string>> };

/** Delegated permissions (OAuth2 scopes) per resource application, by scope value. */
export const DelegatedScopes = {
    "Microsoft Graph": {
        "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        offline_access: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        openid: "37f7f235-527c-4136-accd-4a02d197296e",
        profile: "14dad69e-099b-42c9-810b-d002981feec1",
        email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
        "Directory.Read.All": "06da0dbc-49e2-44d2-8312-53f166ab848a",
        "Organization.Read.All": "4908d5b9-3fb2-4b1e-9336-1888b7937185",
        "Reports.Read.All": "02e97553-ed7b-43d0-ab3c-f8bace0d040c",
        "User.Read.All": "a154be20-db9c-4678-8ab7-66f6cc099a59",
    },
    "Office 365 Exchange Online": {},
    "Microsoft Exchange Online Protection": {},
} as const satisfies { readonly [R in ResourceAppName]: Readonly<Record<string, string>> };

/** Built-in Entra directory roles, by display name → role template ID (R1). */
export const DirectoryRoles = {
    "Directory Writers": "9360feb5-f418-4baa-8175-e2a00bac4301",
    "Directory Readers": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
    "Exchange Administrator": "29232cdf-9323-42fd-ade2-1d097af3e4de",
    "Exchange Recipient Administrator": "31392ffb-586c-42d1-9346-e59415a2cc4e",
    "User Administrator": "fe930be7-5e62-47db-91af-98c3a49a38b1",
    "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
    "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    "Application Administrator": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    "Cloud Application Administrator": "158c047a-c907-4556-b7ef-446551a6b5f7",
    "Application Developer": "cf1c38e5-3621-4004-a7cb-879624dced7c",
    "Privileged Role Administrator": "e8611ab8-c189-46e8-94e1-60213ab1f814",
    "Compliance Administrator": "17315797-102d-40b4-93e0-432062caca18",
    // Get-AzureADDirectoryRoleTemplate sample output,
    // https://learn.microsoft.com/powershell/module/azuread/get-azureaddirectoryroletemplate
    "Helpdesk Administrator": "729827e3-9c14-49f7-bb1b-9608f156bbb8",
} as const;
/** A directory role's display name. */
export type DirectoryRoleName = keyof typeof DirectoryRoles;

/**
 * Directory roles that Exchange Online accepts for app-only access (E1, "Supported Microsoft
 * Entra roles", Exchange Online PowerShell column). Security Administrator and Security Reader
 * are also listed there; their template IDs are not in our sources, so they are left out here.
 */
export const ExchangeCapableRoles: readonly DirectoryRoleName[] = [
    "Compliance Administrator",
    "Exchange Administrator",
    "Exchange Recipient Administrator",
    "Global Administrator",
    "Global Reader",
    "Helpdesk Administrator",
];

/** Role template ID → display name, for reading `wids` claims. */
export function directoryRoleName(templateId: string): DirectoryRoleName | undefined {
    const id = templateId.toLowerCase();
    return (Object.keys(DirectoryRoles) as DirectoryRoleName[]).find((n) => DirectoryRoles[n] === id);
}

/** Every GUID in this module with the name it is filed under; used by the no-duplicates test. */
export function allWellKnownIds(): { name: string; id: string }[] {
    const out: { name: string; id: string }[] = [];
    for (const [n, id] of Object.entries(ResourceApps)) out.push({ name: `app:${n}`, id });
    for (const [r, roles] of Object.entries(AppRoles))
        for (const [n, id] of Object.entries(roles)) out.push({ name: `appRole:${r}/${n}`, id });
    for (const [r, scopes] of Object.entries(DelegatedScopes))
        for (const [n, id] of Object.entries(scopes as Record<string, string>))
            out.push({ name: `scope:${r}/${n}`, id });
    for (const [n, id] of Object.entries(DirectoryRoles)) out.push({ name: `role:${n}`, id });
    return out;
}
