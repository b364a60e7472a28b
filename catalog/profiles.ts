/**
 * Connector profiles: what each sync connector needs from its Entra application, as data.
 *
 * Sources: ../shared/seeds/ (Active Roles Synchronization Service 8.2 Microsoft 365 and Azure AD
 * connector pages, Snow Atlas "Prepare Microsoft 365 connectors") and
 * ../shared/reference/m365-entra-exchange-facts.md §1, §6.
 *
 * @module
 */
import type { DirectoryRoleName, ResourceAppName } from "./ids";

/** Profile names a user can pick. */
export const ProfileNames = ["activeroles-m365", "activeroles-azuread", "snow-atlas-m365", "custom"] as const;
/** One of {@link ProfileNames}. */
export type ProfileName = (typeof ProfileNames)[number];

/** A permission named the way Microsoft names it: the resource app and the permission value. */
export interface PermissionName {
    readonly resource: ResourceAppName;
    readonly value: string;
}

/** Credential kinds a connector accepts. */
export type CredentialKind = "certificate" | "secret";

/**
 * Graph reads a connector depends on; the probe performs the ones its profile lists.
 * - organization: `GET /organization` (tenant name, verified domains)
 * - users: `GET /users?$top=1`
 * - subscribedSkus: `GET /subscribedSkus`
 */
export const GraphReads = ["organization", "users", "subscribedSkus"] as const;
/** One of {@link GraphReads}. */
export type GraphRead = (typeof GraphReads)[number];

/** A connector profile: one row of data per connector. */
export interface ConnectorProfile {
    readonly name: ProfileName;
    /** Human title, as the product calls the connector. */
    readonly title: string;
    /** Application permissions (app roles) that need admin consent. */
    readonly appRoles: readonly PermissionName[];
    /** Delegated permissions granted tenant-wide (admin consent for all principals). */
    readonly delegatedScopes: readonly PermissionName[];
    /** Directory roles assigned to the service principal. */
    readonly directoryRoles: readonly DirectoryRoleName[];
    /** The credential the connector signs in with. */
    readonly credential: CredentialKind;
    /**
     * Generated certificates kept on the application side by side during a renewal: 2 means the
     * next certificate is added and the old one removed only after the connector switched (the
     * overlap Microsoft recommends for app credentials); 1 replaces the certificate at once.
     */
    readonly certificateSlots: 1 | 2;
    /** Supported account types; every profile here is single-tenant. */
    readonly signInAudience: "AzureADMyOrg";
    /** Web redirect URIs of the application. */
    readonly webRedirectUris: readonly string[];
    /** Whether the connector uses the Exchange Online admin API (ExchangeOnlineManagement). */
    readonly exchange: boolean;
    /** Graph reads the probe performs to prove the connector can work. */
    readonly graphReads: readonly GraphRead[];
    /** Names of the settings the product's console asks for, in its words. */
    readonly settingsLabels: {
        readonly tenantId: string;
        readonly clientId: string;
        readonly credential: string;
        readonly environment?: string;
    };
}

const graph = (value: string): PermissionName => ({ resource: "Microsoft Graph", value });

const activeRolesLabels = {
    tenantId: "Tenant ID",
    clientId: "Application ID",
    credential: "Certificate thumbprint",
    environment: "Tenant environment type",
} as const;

/** The profile table. */
export const Profiles: { readonly [K in ProfileName]: ConnectorProfile & { readonly name: K } } = {
    // Seed 001/000: "Auto configuration" assigns Directory Writers, Exchange Administrator and
    // User Administrator and adds "Sign in and read user profile" (Graph User.Read, delegated) and
    // "Manage Exchange As Application" (Exchange.ManageAsApp) needing admin consent.
    "activeroles-m365": {
        name: "activeroles-m365",
        title: "Active Roles Synchronization Service — Microsoft 365 connector",
        appRoles: [{ resource: "Office 365 Exchange Online", value: "Exchange.ManageAsApp" }],
        delegatedScopes: [graph("User.Read")],
        directoryRoles: ["Directory Writers", "Exchange Administrator", "User Administrator"],
        credential: "certificate",
        // The sync service reads its certificate from the Windows store by thumbprint: overlap
        // gives the operator time to import the new PFX and change the thumbprint.
        certificateSlots: 2,
        signInAudience: "AzureADMyOrg",
        webRedirectUris: [],
        exchange: true,
        graphReads: ["organization"],
        settingsLabels: activeRolesLabels,
    },
    // The documented script path for the Azure AD connector assigns the Directory Writers role to
    // the service principal (Add-AzureADDirectoryRoleMember); no Graph app roles are requested.
    "activeroles-azuread": {
        name: "activeroles-azuread",
        title: "Active Roles Synchronization Service — Azure AD connector",
        appRoles: [],
        delegatedScopes: [],
        directoryRoles: ["Directory Writers"],
        credential: "certificate",
        certificateSlots: 2,
        signInAudience: "AzureADMyOrg",
        webRedirectUris: [],
        exchange: false,
        graphReads: ["organization", "users"],
        settingsLabels: activeRolesLabels,
    },
    // Seed 003 (Snow Atlas): single tenant, Web redirect http://localhost, Graph offline_access
    // delegated (User.Read cleared), four application permissions, a client secret. The redirect
    // URI is written `http://localhost/`: the azuread provider refuses a URI without a path unless
    // it ends in a slash (terraform-provider-azuread internal/helpers/tf/validation/uri.go).
    "snow-atlas-m365": {
        name: "snow-atlas-m365",
        title: "Snow Atlas — Microsoft 365 connector",
        appRoles: [
            graph("Directory.Read.All"),
            graph("Organization.Read.All"),
            graph("User.Read.All"),
            graph("Reports.Read.All"),
        ],
        delegatedScopes: [graph("offline_access")],
        directoryRoles: [],
        credential: "secret",
        certificateSlots: 1,
        signInAudience: "AzureADMyOrg",
        webRedirectUris: ["http://localhost/"],
        exchange: false,
        graphReads: ["organization", "users", "subscribedSkus"],
        settingsLabels: { tenantId: "Tenant ID", clientId: "Client ID", credential: "Client secret" },
    },
    // The user names everything; alone it is empty, or it extends/replaces a base profile.
    custom: {
        name: "custom",
        title: "Custom connector",
        appRoles: [],
        delegatedScopes: [],
        directoryRoles: [],
        credential: "certificate",
        certificateSlots: 1,
        signInAudience: "AzureADMyOrg",
        webRedirectUris: [],
        exchange: false,
        graphReads: ["organization"],
        settingsLabels: { tenantId: "Tenant ID", clientId: "Application (client) ID", credential: "Credential" },
    },
};

/** True when `name` is one of {@link ProfileNames}. */
export function isProfileName(name: unknown): name is ProfileName {
    return typeof name === "string" && (ProfileNames as readonly string[]).includes(name);
}
