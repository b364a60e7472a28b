/**
 * The package's public API for use from your own Pulumi program or tooling (the repository's
 * own program is index.ts; importing this module creates no resource).
 *
 * - Components: {@link ConnectorApplication} (application, service principal, consent, roles,
 *   credential on `@pulumi/azuread`), {@link connect} (its connection, after every grant).
 * - The connection: {@link ConnectorConnection}, {@link connectExistingApplication}; a generated
 *   certificate: {@link ConnectorCertificate}.
 * - The probe without Pulumi: {@link runProbe}, {@link waitUntilPasses}; the deployer preflight:
 *   {@link checkDeployer} and {@link preflightChecks} (what `m365-connectors preflight` runs).
 * - The catalog: clouds, well-known IDs, profiles and {@link resolveProfile}.
 *
 * @module
 */
export {
    AppRoles, CloudNames, Clouds, DelegatedScopes, DirectoryRoles, ProfileNames, Profiles, ResourceApps,
    DeployerRights, expectationsOf, findCloud, parseCertificatePem, requiredRights, resolveProfile,
    ConfigError, ConnectorError, ConsistencyTimeoutError, CredentialRejectedError, ProbeFailedError, isConnectorError,
    type Cloud, type CloudName, type DeployerNeeds, type DeployerRightName, type ProbeExpectations, type ProfileName, type ProfileSpec, type ResolvedProfile,
} from "./catalog";
export { ConnectorApplication, connect, createTenantProvider, type ConnectorApplicationArgs, type ConnectOptions, type CredentialSpec } from "./resources";
export { ConnectorConnection, connectExistingApplication, type ConnectorConnectionArgs, type ExistingApplicationArgs } from "./providers/connection";
export { ConnectorCertificate, type ConnectorCertificateArgs } from "./providers/certificate";
export {
    runProbe, waitUntilPasses, clearTokenCache, checkDeployer, preflightChecks,
    type ProbeInput, type ProbeReport, type CheckResult, type DeployerCheck, type DeployerCheckInput, type PreflightCheck,
} from "./probe";
