/**
 * Microsoft clouds ("tenant environment types") and their endpoints.
 *
 * Pure data. Sources (see ../shared/reference/m365-entra-exchange-facts.md §2–3):
 * - G1 Microsoft Graph national cloud deployments, https://learn.microsoft.com/graph/deployments
 * - G2 Entra national clouds, https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
 * - E2/E3 Exchange Online PowerShell connection URIs per environment,
 *   https://learn.microsoft.com/powershell/module/exchange/connect-exchangeonline
 * - @pulumi/azuread provider `environment` values, pulumi/pulumi-azuread sdk/nodejs/provider.ts
 *
 * @module
 */

/** The clouds a connector can live in, by the name this package uses. */
export const CloudNames = ["AzureCloud", "AzureGCC", "AzureGCCHigh", "AzureDoD", "AzureChina"] as const;
/** One of {@link CloudNames}. */
export type CloudName = (typeof CloudNames)[number];

/** The `@pulumi/azuread` provider `environment` values we map to. */
export type AzureadEnvironment = "global" | "usgovernmentl4" | "usgovernmentl5" | "china";

/** Where a cloud's value came from, when Microsoft's documents disagree. */
export interface Alternative {
    /** The value not chosen. */
    readonly value: string;
    /** Where it is documented. */
    readonly source: string;
    /** Why we chose the other one. */
    readonly why: string;
}

/** Everything endpoint-shaped that differs between clouds. */
export interface Cloud {
    /** Our name for the cloud. */
    readonly name: CloudName;
    /** The label Active Roles shows as "Tenant environment type". */
    readonly environmentType: string;
    /** Entra ID login (authority) host, scheme included, no trailing slash. */
    readonly loginEndpoint: string;
    /** A documented alternative login host, where the documents disagree. */
    readonly loginAlternative?: Alternative;
    /** Microsoft Graph: base URL (no version) and the app-only `.default` scope. */
    readonly graph: { readonly endpoint: string; readonly scope: string };
    /**
     * Exchange Online admin API: base URL, the token audience/resource, and the resource
     * application (by its Microsoft name in {@link ResourceApps}) whose `Exchange.ManageAsApp`
     * role the app needs.
     */
    readonly exchange: {
        readonly endpoint: string;
        readonly scope: string;
        readonly resourceApp: "Office 365 Exchange Online";
        readonly resourceAlternative?: Alternative;
    };
    /** `environment` of the `@pulumi/azuread` provider. */
    readonly azureadEnvironment: AzureadEnvironment;
    /** Azure portal host, for the links we print. */
    readonly portal: string;
}

const graph = (endpoint: string) => ({ endpoint, scope: `${endpoint}/.default` });
const exchange = (endpoint: string, resourceAlternative?: Alternative) => ({
    endpoint,
    scope: `${endpoint}/.default`,
    resourceApp: "Office 365 Exchange Online" as const,
    ...(resourceAlternative ? { resourceAlternative } : {}),
});

// The app-only manifest note for GCC High / DoD in Microsoft's EXO app-only article (E1) names
// "Microsoft Exchange Online Protection" (00000007-…) with its own Exchange.ManageAsApp role, but
// in a sentence about Security & Compliance PowerShell. The Active Roles M365 connector uses the
// Exchange Online cmdlets, so we keep Office 365 Exchange Online and record the other reading.
const exoGovAlternative: Alternative = {
    value: "Microsoft Exchange Online Protection",
    source: "https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2 (manifest note for GCC High/DoD)",
    why: "The note is about Security & Compliance PowerShell; the connector uses Exchange Online cmdlets.",
};

/** The cloud table: one row per cloud. */
export const Clouds: { readonly [K in CloudName]: Cloud & { readonly name: K } } = {
    AzureCloud: {
        name: "AzureCloud",
        environmentType: "Azure Cloud",
        loginEndpoint: "https://login.microsoftonline.com",
        graph: graph("https://graph.microsoft.com"),
        exchange: exchange("https://outlook.office365.com"),
        azureadEnvironment: "global",
        portal: "https://portal.azure.com",
    },
    // GCC (moderate) uses the worldwide endpoints (G1: "continue using the worldwide endpoints").
    AzureGCC: {
        name: "AzureGCC",
        environmentType: "Azure GCC",
        loginEndpoint: "https://login.microsoftonline.com",
        graph: graph("https://graph.microsoft.com"),
        exchange: exchange("https://outlook.office365.com"),
        azureadEnvironment: "global",
        portal: "https://portal.azure.com",
    },
    AzureGCCHigh: {
        name: "AzureGCCHigh",
        environmentType: "Azure GCC-H",
        loginEndpoint: "https://login.microsoftonline.us",
        graph: graph("https://graph.microsoft.us"),
        exchange: exchange("https://outlook.office365.us", exoGovAlternative),
        azureadEnvironment: "usgovernmentl4",
        portal: "https://portal.azure.us",
    },
    AzureDoD: {
        name: "AzureDoD",
        environmentType: "Azure DoD",
        loginEndpoint: "https://login.microsoftonline.us",
        graph: graph("https://dod-graph.microsoft.us"),
        exchange: exchange("https://webmail.apps.mil", exoGovAlternative),
        azureadEnvironment: "usgovernmentl5",
        portal: "https://portal.azure.us",
    },
    AzureChina: {
        name: "AzureChina",
        environmentType: "Azure China (21Vianet)",
        // G1 (Graph deployments) lists login.chinacloudapi.cn; G2 (Entra national clouds) lists
        // login.partner.microsoftonline.cn. msal-common's AzureCloudInstance.AzureChina and the
        // go-azure-sdk AzureChina() environment used by @pulumi/azuread both use chinacloudapi.cn.
        loginEndpoint: "https://login.chinacloudapi.cn",
        loginAlternative: {
            value: "https://login.partner.microsoftonline.cn",
            source: "https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud",
            why: "msal-node and the azuread provider both use login.chinacloudapi.cn.",
        },
        graph: graph("https://microsoftgraph.chinacloudapi.cn"),
        exchange: exchange("https://partner.outlook.cn"),
        azureadEnvironment: "china",
        portal: "https://portal.azure.cn",
    },
};

/** True when `name` is one of {@link CloudNames}. */
export function isCloudName(name: unknown): name is CloudName {
    return typeof name === "string" && (CloudNames as readonly string[]).includes(name);
}

/**
 * Looks a cloud up by its name, or by its Active Roles "Tenant environment type" label
 * (case-insensitive). Returns undefined when there is no such cloud.
 */
export function findCloud(nameOrLabel: string): Cloud | undefined {
    if (isCloudName(nameOrLabel)) return Clouds[nameOrLabel];
    const wanted = nameOrLabel.trim().toLowerCase();
    return Object.values(Clouds).find(
        (c) => c.name.toLowerCase() === wanted || c.environmentType.toLowerCase() === wanted,
    );
}
