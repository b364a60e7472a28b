/**
 * Builders of new directory rows, shared by the test-facing `directory` API and Graph writes, so
 * both create the same shapes.
 *
 * Credential defaults (../shared/reference/m365-entra-exchange-facts.md §5 "Credentials"):
 * a keyCredential's `customKeyIdentifier` "defaults to the thumbprint of the certificate"
 * (resources/keycredential); addPassword's `endDateTime` defaults to two years after the start
 * (api/application-addpassword).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { parseCertificatePem } from "../../catalog";
import type {
    AppRoleAssignmentRow, ApplicationRow, KeyCredential, OAuth2PermissionGrantRow, PasswordCredential, RequiredResourceAccessRow,
    RoleAssignmentRow, ServicePrincipalRow,
} from "./rows";
import { isoSeconds, newId, opaqueId } from "./tenant";

const TWO_YEARS_MS = 2 * 365 * 86_400_000;

/** A keyCredential for a PEM certificate. */
export function keyCredentialFromPem(certificatePem: string, displayName?: string): KeyCredential {
    const info = parseCertificatePem(certificatePem);
    return {
        customKeyIdentifier: info.thumbprintSha1,
        displayName: displayName ?? info.subject.replace(/\n/g, ", "),
        endDateTime: isoSeconds(info.notAfter.getTime()),
        key: info.derBase64,
        keyId: newId(),
        startDateTime: isoSeconds(info.notBefore.getTime()),
        type: "AsymmetricX509Cert",
        usage: "Verify",
    };
}

/** A new client secret: the stored credential and its value (returned once, as Graph does). */
export function newPassword(opts: { displayName?: string | null; startDateTime?: string; endDateTime?: string; secret?: string }): {
    credential: PasswordCredential;
    secret: string;
} {
    // Graph's secretText is 16-64 characters (api/application-addpassword); 40 here.
    const secret = opts.secret ?? randomBytes(30).toString("base64url");
    const start = opts.startDateTime ? Date.parse(opts.startDateTime) : Date.now();
    const end = opts.endDateTime ? Date.parse(opts.endDateTime) : start + TWO_YEARS_MS;
    return {
        secret,
        credential: {
            customKeyIdentifier: null,
            displayName: opts.displayName ?? null,
            endDateTime: isoSeconds(end),
            hint: secret.slice(0, 3),
            keyId: newId(),
            secretText: null,
            startDateTime: isoSeconds(start),
        },
    };
}

/** A new application row: a new object ID, the given or a new app ID, no credentials, `AzureADMyOrg` unless given. */
export function newApplication(input: {
    displayName: string;
    appId?: string;
    signInAudience?: string;
    requiredResourceAccess?: readonly RequiredResourceAccessRow[];
    redirectUris?: readonly string[];
    owners?: readonly string[];
    /** The tenant's initial domain (`publisherDomain`). */
    publisherDomain?: string;
}): ApplicationRow {
    return {
        id: newId(),
        appId: (input.appId ?? newId()).toLowerCase(),
        displayName: input.displayName,
        createdDateTime: isoSeconds(),
        signInAudience: input.signInAudience ?? "AzureADMyOrg",
        identifierUris: [],
        requiredResourceAccess: input.requiredResourceAccess ?? [],
        web: { redirectUris: input.redirectUris ?? [] },
        keyCredentials: [],
        passwordCredentials: [],
        properties: input.publisherDomain ? { publisherDomain: input.publisherDomain } : {},
        secrets: {},
        owners: input.owners ?? [],
    };
}

/** A new, enabled service principal for `app` in the tenant `tenantId`, without app roles of its own. */
export function newServicePrincipal(app: ApplicationRow, tenantId: string, owners: readonly string[] = []): ServicePrincipalRow {
    return {
        id: newId(),
        appId: app.appId,
        displayName: app.displayName,
        appDisplayName: app.displayName,
        appOwnerOrganizationId: tenantId,
        accountEnabled: true,
        servicePrincipalType: "Application",
        servicePrincipalNames: [app.appId],
        appRoles: [],
        oauth2PermissionScopes: [],
        tags: [],
        keyCredentials: [],
        passwordCredentials: [],
        createdDateTime: isoSeconds(),
        properties: { signInAudience: app.signInAudience },
        owners,
    };
}

/** A new app role assignment: `principal` holds the app role `appRoleId` of `resource`. */
export function newAppRoleAssignment(principal: ServicePrincipalRow, resource: ServicePrincipalRow, appRoleId: string): AppRoleAssignmentRow {
    return {
        id: opaqueId(),
        appRoleId,
        createdDateTime: isoSeconds(),
        deletedDateTime: null,
        principalDisplayName: principal.displayName,
        principalId: principal.id,
        principalType: "ServicePrincipal",
        resourceDisplayName: resource.displayName,
        resourceId: resource.id,
    };
}

/** A new delegated permission grant; AllPrincipals (admin consent) unless a principal is given. */
export function newGrant(clientId: string, resourceId: string, scope: string, principalId: string | null = null): OAuth2PermissionGrantRow {
    return { id: opaqueId(), clientId, consentType: principalId ? "Principal" : "AllPrincipals", principalId, resourceId, scope };
}

/** A new directory role assignment, tenant-wide (`/`) unless a scope is given. */
export function newRoleAssignment(roleDefinitionId: string, principalId: string, directoryScopeId = "/"): RoleAssignmentRow {
    return { id: opaqueId(), roleDefinitionId: roleDefinitionId.toLowerCase(), principalId, directoryScopeId };
}

/**
 * A keyCredential from a Graph request body (`key` = base64 DER). Without `key`, an existing
 * credential with the same `keyId` is kept (Graph's PATCH replaces the whole collection).
 * Returns a message for invalid input.
 */
export function keyCredentialFromGraph(input: Record<string, unknown>, existing: readonly KeyCredential[]): KeyCredential | string {
    const keep = existing.find((k) => k.keyId === input.keyId);
    if (typeof input.key !== "string" || !input.key) return keep ?? "keyCredentials: 'key' (the certificate, base64) is required for a new credential.";
    if (input.type !== undefined && input.type !== "AsymmetricX509Cert") return `keyCredentials: type '${String(input.type)}' is not supported by the emulator.`;
    if (input.usage !== undefined && input.usage !== "Verify") return `keyCredentials: usage '${String(input.usage)}' is not supported by the emulator.`;
    // `key` is the certificate's DER, base64 (resources/keycredential). terraform-provider-azuread
    // sends the base64 of the certificate's PEM text instead, whatever its `encoding` (upstream
    // internal/helpers/credentials/credentials.go KeyCredentialForResource PEM-wraps DER and hex
    // values first), and Entra accepts it (the provider's acceptance tests run against real
    // tenants); so the emulator takes both.
    let pem: string;
    try {
        const raw = Buffer.from(input.key, "base64");
        const text = raw.toString("latin1");
        pem = text.includes("-----BEGIN CERTIFICATE-----") ? text : `-----BEGIN CERTIFICATE-----\n${raw.toString("base64")}\n-----END CERTIFICATE-----`;
        parseCertificatePem(pem);
    } catch {
        return "keyCredentials: 'key' is not a base64 X.509 certificate.";
    }
    const fromCert = keyCredentialFromPem(pem, typeof input.displayName === "string" ? input.displayName : undefined);
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return {
        ...fromCert,
        keyId: str(input.keyId) ?? fromCert.keyId,
        customKeyIdentifier: str(input.customKeyIdentifier) ?? fromCert.customKeyIdentifier,
        startDateTime: str(input.startDateTime) ?? fromCert.startDateTime,
        endDateTime: str(input.endDateTime) ?? fromCert.endDateTime,
    };
}
