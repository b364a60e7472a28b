/**
 * What to do about each failure the probe can see, as data. Portal paths are those of the Azure
 * portal (Microsoft Entra ID blade); AADSTS meanings from
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
 *
 * @module
 */
import { DeployerRights, type DeployerRightName, type GraphRead } from "../catalog";

/** Meaning and remedy of the AADSTS codes a connector's sign-in typically meets. */
export const AadstsRemedies: Readonly<Record<string, { readonly meaning: string; readonly remedy: string }>> = {
    AADSTS700016: {
        meaning: "the application was not found in the tenant",
        remedy: "Check the Application (client) ID and the tenant ID; the app must be registered in this tenant (Microsoft Entra ID > App registrations)",
    },
    AADSTS7000215: {
        meaning: "the client secret is not valid",
        remedy: "Use the client secret's Value, not its Secret ID, or create a new one (App registrations > Certificates & secrets > New client secret)",
    },
    AADSTS7000222: {
        meaning: "the client secret has expired",
        remedy: "Create a new client secret (App registrations > Certificates & secrets > New client secret) and give it to the connector",
    },
    AADSTS700027: {
        meaning: "the certificate is not registered on the application, or the assertion's signature is not valid",
        remedy: "Upload the certificate (.cer/.pem, public part) to the app (App registrations > Certificates & secrets > Certificates) and sign with its private key",
    },
    AADSTS700024: {
        meaning: "the client assertion is outside its validity window",
        remedy: "Check this machine's clock (the assertion's nbf/exp are taken from it)",
    },
    AADSTS90002: {
        meaning: "the tenant was not found",
        remedy: "Check the tenant ID and the tenant environment type (a GCC High tenant is not found in Azure Cloud)",
    },
    AADSTS70011: {
        meaning: "the requested scope is not valid",
        remedy: "Check the tenant environment type: the scope must be the cloud's resource (.default)",
    },
    AADSTS7000112: {
        meaning: "the application is disabled",
        remedy: "Enable the service principal (Enterprise applications > Properties > Enabled for users to sign-in)",
    },
};

/** The generic remedy when Entra's answer is not in {@link AadstsRemedies}. */
export const UNKNOWN_TOKEN_FAILURE_REMEDY =
    "Check the tenant ID, client ID, credential and tenant environment type; the evidence carries Entra's error";

/** Remedy for a throttled or unavailable service (after the retry policy gave up). */
export const TRANSIENT_REMEDY = "The service is throttling or unavailable; run the check again later";

/** Remedy for an app role (application permission) missing from the token. */
export function consentRemedy(resource: string, value: string): string {
    return `Grant admin consent for ${value} on ${resource} (Azure portal > App registrations > API permissions > Grant admin consent); if you just granted it, wait for replication`;
}

/** Remedy for a directory role missing from the token's `wids`. */
export function roleRemedy(roleName: string): string {
    return `Assign the ${roleName} role to the application's service principal (Microsoft Entra ID > Roles and administrators > ${roleName} > Add assignments); if you just assigned it, wait for replication`;
}

/** The permissions (or roles) that let an app-only caller perform each Graph read. */
export const GraphReadNeeds: Readonly<Record<GraphRead, { readonly path: string; readonly needs: string }>> = {
    organization: { path: "/organization", needs: "Organization.Read.All or Directory.Read.All (application), or a directory role that reads the directory (e.g. Directory Readers)" },
    users: { path: "/users?$top=1", needs: "User.Read.All or Directory.Read.All (application), or a directory role that reads users (e.g. Directory Readers)" },
    subscribedSkus: { path: "/subscribedSkus", needs: "Organization.Read.All or Directory.Read.All (application)" },
};

/** Remedy for an expiring or expired credential. */
export function rotationRemedy(kind: "certificate" | "secret", expired: boolean): string {
    const verb = expired ? "has expired" : "expires soon";
    return kind === "certificate"
        ? `The certificate ${verb}: upload a new certificate to the app (App registrations > Certificates & secrets) and give the connector its thumbprint and key`
        : `The client secret ${verb}: create a new secret (App registrations > Certificates & secrets) and give it to the connector`;
}

/** Remedy for a right the deployer lacks (catalog/deployer.ts). */
export function deployerRightRemedy(right: DeployerRightName): string {
    const r = DeployerRights[right];
    return (
        `To ${r.does}, grant the deployer the Microsoft Graph application permission ${r.grant} with admin consent ` +
        `(App registrations > the deployer > API permissions > Add a permission > Microsoft Graph > Application permissions, then Grant admin consent), ` +
        `or assign it the ${r.role} role`
    );
}

/**
 * Remedy for a Microsoft resource application without a service principal in the tenant: Graph
 * creates one for an application ID (api/serviceprincipal-post-serviceprincipals); subscribing
 * to the service (e.g. Exchange Online) creates it too.
 */
export function servicePrincipalRemedy(name: string, appId: string): string {
    return `Create the service principal of ${name} in the tenant: \`New-MgServicePrincipal -AppId ${appId}\` (Microsoft Graph PowerShell) or POST /servicePrincipals {"appId":"${appId}"}; a tenant gets it with the service's subscription`;
}
