/**
 * The documented properties of `application` and `servicePrincipal` that the emulator stores as
 * written but does not interpret, with the values Graph gives a new object. Data only.
 *
 * Sources: the v1.0 resource pages https://learn.microsoft.com/graph/api/resources/application and
 * https://learn.microsoft.com/graph/api/resources/serviceprincipal (property tables; a new
 * object's collections are empty, its complex values have their properties null or false);
 * `oauth2RequirePostResponse` and `samlMetadataUrl` are properties there too, read by
 * terraform-provider-azuread through `/beta` with `$select`.
 *
 * Writes of any other property are refused with the OData library's message for an undeclared
 * property, as Graph answers (`graph/routes/shared.ts` {@link undeclaredProperty}).
 *
 * @module
 */

/** `application` properties kept as written, with a new application's values. */
export const ApplicationProperties: Readonly<Record<string, unknown>> = {
    addIns: [],
    api: { acceptMappedClaims: null, knownClientApplications: [], oauth2PermissionScopes: [], preAuthorizedApplications: [], requestedAccessTokenVersion: null },
    appRoles: [],
    applicationTemplateId: null,
    defaultRedirectUri: null,
    deletedDateTime: null,
    description: null,
    disabledByMicrosoftStatus: null,
    groupMembershipClaims: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    notes: null,
    oauth2RequirePostResponse: false,
    optionalClaims: null,
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: "Allow" },
    publicClient: { redirectUris: [] },
    samlMetadataUrl: null,
    serviceManagementReference: null,
    servicePrincipalLockConfiguration: null,
    spa: { redirectUris: [] },
    tags: [],
    tokenEncryptionKeyId: null,
    uniqueName: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
};

/** `application` properties Graph computes: never written by a client. */
export const ApplicationReadOnly = ["id", "appId", "createdDateTime", "publisherDomain", "passwordCredentials", "deletedDateTime", "disabledByMicrosoftStatus"] as const;

/** `servicePrincipal` properties kept as written, with a new service principal's values. */
export const ServicePrincipalProperties: Readonly<Record<string, unknown>> = {
    addIns: [],
    alternativeNames: [],
    appDescription: null,
    applicationTemplateId: null,
    appRoleAssignmentRequired: false,
    deletedDateTime: null,
    description: null,
    disabledByMicrosoftStatus: null,
    homepage: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    resourceSpecificApplicationPermissions: [],
    samlMetadataUrl: null,
    samlSingleSignOnSettings: null,
    tokenEncryptionKeyId: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
};

/** `servicePrincipal` properties Graph computes or takes from the application: never written by a client. */
export const ServicePrincipalReadOnly = ["id", "appId", "appDisplayName", "appOwnerOrganizationId", "servicePrincipalNames", "servicePrincipalType", "signInAudience", "deletedDateTime"] as const;
