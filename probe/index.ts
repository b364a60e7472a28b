/**
 * The probe: the connector's "Test connection" (tokens, claims, Graph reads, an Exchange cmdlet,
 * credential expiry) as a typed report, and the wait for Entra's eventual consistency.
 * No Pulumi imports: used by providers/ and cli/.
 *
 * @module
 */
export { runProbe, DEFAULT_WARN_DAYS, EXCHANGE_PROBE_CMDLET } from "./probe";
export { checkDeployer, preflightChecks, type DeployerCheck, type DeployerCheckInput, type NameLookup, type PlannedApplication, type PreflightCheck, type ServicePrincipalLookup } from "./deployer";
export { AadstsRemedies, UNKNOWN_TOKEN_FAILURE_REMEDY, deployerRightRemedy, servicePrincipalRemedy } from "./remedies";
export { waitUntilPasses, type WaitOptions } from "./consistency";
export { clearTokenCache, decodeClaims, type TokenClaims } from "./tokens";
export { failingChecks, formatReport, probeFailedError, describeFailures } from "./report";
export { resolveEndpoints, type ProbeEndpoints } from "./endpoints";
export { DEFAULT_RETRY_POLICY, PERMANENT_AADSTS_CODES, parseRetryAfter, type RetryPolicy } from "./retry";
export {
    CheckNames,
    type CheckName,
    type CheckResult,
    type CheckStatus,
    type ConnectionSettings,
    type EndpointOverride,
    type Observed,
    type ProbeCredential,
    type ProbeInput,
    type ProbeReport,
} from "./types";
