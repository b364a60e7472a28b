/**
 * The catalog: clouds, well-known IDs, connector profiles, the name→ID resolver, tenant-ID and
 * certificate parsing, and the error family. No I/O, no Pulumi.
 *
 * @module
 */
export { CloudNames, Clouds, findCloud, isCloudName, type Cloud, type CloudName, type AzureadEnvironment } from "./clouds";
export { AppRoles, DelegatedScopes, DirectoryRoles, ExchangeCapableRoles, ResourceApps, allWellKnownIds, directoryRoleName, type DirectoryRoleName, type ResourceAppName } from "./ids";
export { GraphReads, ProfileNames, Profiles, isProfileName, type ConnectorProfile, type CredentialKind, type GraphRead, type PermissionName, type ProfileName } from "./profiles";
export { parsePermissionName, resolveProfile, type ProfileSpec, type RequiredResourceAccess, type ResolvedPermission, type ResolvedProfile, type ResolvedRole } from "./resolve";
export { expectationsOf, exchangeCapableTemplateIds, type ProbeExpectations } from "./expectations";
export { isGuid, parseClientId, parseGuid, parseTenantId } from "./tenant";
export { readCertificateDer, type CertificateDerFacts } from "./certificateDer";
export { pemBlockDer } from "./der";
export { MANAGED_TAG, ownershipTag } from "./ownership";
export { PrivilegeSources, PrivilegedGraphPermissions, PrivilegedRoles, privilegedGraphPermission, privilegedRole, type PrivilegedRight } from "./privileged";
export { DeployerRights, deployerNeedsOf, holdsRight, requiredRights, resourceAppsOf, satisfiesPermission, type DeployerNeeds, type DeployerRight, type DeployerRightName } from "./deployer";
export { importPrivateKeyPem, rsaJwkFromPem } from "./rsaKey";
export { certificateThumbprints, daysUntil, keyMatchesCertificate, parseCertificatePem, parsePrivateKeyPem, readCertificatePem, thumbprintToBase64Url, type CertificateInfo } from "./certificates";
export {
    ConfigError, ConnectorError, ConsistencyTimeoutError, CredentialRejectedError, EndpointUnreachableError, ErrorCodes,
    PermissionMissingError, ProbeFailedError, RoleMissingError, ServiceError, ThrottledError, isConnectorError,
    type AnyConnectorError, type ErrorCode, type ErrorDetails,
} from "./errors";
export { DiscoverableProfiles, classifyRights, describeRight, fitProfiles, heldRightKeys, profileRights, type Classification, type HeldRights, type ProfileFit, type RightKey } from "./discovery";
