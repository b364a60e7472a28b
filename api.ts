/**
 * The package's public API for use from your own Pulumi program or tooling (the repository's
 * own program is index.ts; importing this module creates no resource).
 *
 * - Components: {@link ConnectorApplication} (application, service principal, consent, roles,
 *   credential on `@pulumi/azuread`), {@link connect} (its connection, after every grant).
 * - The connection: {@link ConnectorConnection}, {@link connectExistingApplication}.
 * - The probe without Pulumi: {@link runProbe}, {@link waitUntilPasses}.
 * - The catalog: clouds, well-known IDs, profiles and {@link resolveProfile}.
 *
 * @module
 */
export {
    AppRoles, CloudNames, Clouds, DelegatedScopes, DirectoryRoles, ProfileNames, Profiles, ResourceApps,
    expectationsOf, findCloud, parseCertificatePem, resolveProfile,
    ConfigError, ConnectorError, ConsistencyTimeoutError, CredentialRejectedError, ProbeFailedError, isConnectorError,
    type Cloud, type CloudName, type ProbeExpectations, type ProfileName, type ProfileSpec, type ResolvedProfile,
} from "./catalog";
export { ConnectorApplication, connect, createTenantProvider, type ConnectorApplicationArgs, type ConnectOptions, type CredentialSpec } from "./resources";
export { ConnectorConnection, connectExistingApplication, type ConnectorConnectionArgs, type ExistingApplicationArgs } from "./providers/connection";
export { runProbe, waitUntilPasses, clearTokenCache, type ProbeInput, type ProbeReport, type CheckResult } from "./probe";
