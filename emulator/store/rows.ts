/**
 * Directory objects as the emulator stores them: Microsoft Graph v1.0 JSON shapes (resource pages
 * under https://learn.microsoft.com/graph/api/resources/) plus a few hidden fields that Graph never
 * returns (secret values, owners). Rows are immutable: a write stores a new row.
 *
 * @module
 */

/** `passwordCredential` (resources/passwordcredential). `secretText` is only returned by addPassword. */
export interface PasswordCredential {
    readonly customKeyIdentifier: null;
    readonly displayName: string | null;
    readonly endDateTime: string;
    readonly hint: string | null;
    readonly keyId: string;
    readonly secretText: null;
    readonly startDateTime: string;
}

/** `keyCredential` (resources/keycredential). `key` is returned only on `$select=keyCredentials`. */
export interface KeyCredential {
    /** SHA-1 thumbprint, upper-case hex: "defaults to the thumbprint of the certificate". */
    readonly customKeyIdentifier: string;
    readonly displayName: string | null;
    readonly endDateTime: string;
    readonly key: string;
    readonly keyId: string;
    readonly startDateTime: string;
    readonly type: "AsymmetricX509Cert";
    /** `Verify`: a public key that checks the app's signatures (client assertions); only such keys authenticate a client. */
    readonly usage: "Verify" | "Sign";
}

/** `requiredResourceAccess` entry (resources/requiredresourceaccess): the permissions an app asks for on one resource app. */
export interface RequiredResourceAccessRow {
    readonly resourceAppId: string;
    readonly resourceAccess: readonly { readonly id: string; readonly type: "Role" | "Scope" }[];
}

/** `application` (resources/application), with the hidden secret values and owners. */
export interface ApplicationRow {
    readonly id: string;
    readonly appId: string;
    readonly displayName: string;
    readonly createdDateTime: string;
    readonly signInAudience: string;
    readonly identifierUris: readonly string[];
    readonly requiredResourceAccess: readonly RequiredResourceAccessRow[];
    /** `webApplication`: `redirectUris` is read by the emulator; the rest (homePageUrl, logoutUrl, implicitGrantSettings, …) is kept as written. */
    readonly web: { readonly redirectUris: readonly string[]; readonly [property: string]: unknown };
    readonly keyCredentials: readonly KeyCredential[];
    readonly passwordCredentials: readonly PasswordCredential[];
    /** Documented properties kept as written, not interpreted (graph/shapes/directoryObjects.ts), and the computed `publisherDomain`. */
    readonly properties: Readonly<Record<string, unknown>>;
    /** Hidden: secret values by keyId. */
    readonly secrets: Readonly<Record<string, string>>;
    /** Object IDs of owners (`/applications/{id}/owners`; Application.ReadWrite.OwnedBy). */
    readonly owners: readonly string[];
}

/** `appRole` (resources/approle): an application permission when `allowedMemberTypes` holds `Application`. */
export interface AppRole {
    readonly id: string;
    readonly value: string;
    readonly displayName: string;
    readonly description: string;
    readonly allowedMemberTypes: readonly string[];
    readonly isEnabled: boolean;
    readonly origin: "Application";
}

/** `permissionScope` (resources/permissionscope): a delegated permission of a resource app. */
export interface PermissionScope {
    readonly id: string;
    readonly value: string;
    readonly adminConsentDisplayName: string;
    readonly adminConsentDescription: string;
    readonly isEnabled: boolean;
}

/** `servicePrincipal` (resources/serviceprincipal): an app's identity in one tenant; `accountEnabled: false` gets no tokens. */
export interface ServicePrincipalRow {
    readonly id: string;
    readonly appId: string;
    readonly displayName: string;
    readonly appDisplayName: string;
    readonly appOwnerOrganizationId: string | null;
    readonly accountEnabled: boolean;
    readonly servicePrincipalType: "Application";
    readonly servicePrincipalNames: readonly string[];
    readonly appRoles: readonly AppRole[];
    readonly oauth2PermissionScopes: readonly PermissionScope[];
    readonly tags: readonly string[];
    readonly keyCredentials: readonly KeyCredential[];
    readonly passwordCredentials: readonly PasswordCredential[];
    readonly createdDateTime: string;
    /** Documented properties kept as written, not interpreted (graph/shapes/directoryObjects.ts), and the computed `signInAudience`. */
    readonly properties: Readonly<Record<string, unknown>>;
    /** Object IDs of owners (`/servicePrincipals/{id}/owners`). */
    readonly owners: readonly string[];
}

/** `appRoleAssignment` (resources/approleassignment): an application permission granted (admin consent) to a service principal. */
export interface AppRoleAssignmentRow {
    readonly id: string;
    readonly appRoleId: string;
    readonly createdDateTime: string;
    readonly deletedDateTime: null;
    readonly principalDisplayName: string;
    readonly principalId: string;
    readonly principalType: "ServicePrincipal";
    readonly resourceDisplayName: string;
    readonly resourceId: string;
}

/** `oAuth2PermissionGrant` (resources/oauth2permissiongrant): delegated scopes consented for a client on a resource. */
export interface OAuth2PermissionGrantRow {
    readonly id: string;
    readonly clientId: string;
    readonly consentType: "AllPrincipals" | "Principal";
    readonly principalId: string | null;
    readonly resourceId: string;
    readonly scope: string;
}

/** `unifiedRoleAssignment` (resources/unifiedroleassignment): a directory role held by a principal. */
export interface RoleAssignmentRow {
    readonly id: string;
    /** Built-in roles: the role template ID (rbacapplication-post-roleassignments). */
    readonly roleDefinitionId: string;
    readonly principalId: string;
    readonly directoryScopeId: string;
}

/** `user` (resources/user): the properties the emulator serves. */
export interface UserRow {
    readonly id: string;
    readonly accountEnabled: boolean;
    readonly assignedLicenses: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
    readonly businessPhones: readonly string[];
    readonly country: string | null;
    readonly createdDateTime: string;
    readonly department: string | null;
    readonly displayName: string;
    readonly givenName: string | null;
    readonly jobTitle: string | null;
    readonly mail: string | null;
    readonly mobilePhone: string | null;
    readonly officeLocation: string | null;
    readonly preferredLanguage: string | null;
    readonly surname: string | null;
    readonly userPrincipalName: string;
}

/** `subscribedSku` (resources/subscribedsku): a subscription of the tenant. */
export interface SubscribedSkuRow {
    readonly id: string;
    readonly accountId: string;
    readonly appliesTo: "User";
    readonly capabilityStatus: "Enabled";
    readonly consumedUnits: number;
    readonly prepaidUnits: { readonly enabled: number; readonly suspended: number; readonly warning: number; readonly lockedOut: number };
    readonly servicePlans: readonly unknown[];
    readonly skuId: string;
    readonly skuPartNumber: string;
}

/** Any row with an `id`. */
export interface Row {
    readonly id: string;
}
