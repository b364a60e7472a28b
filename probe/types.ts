/**
 * Public types of the probe ("Test connection"). No Pulumi imports: used by providers/ and cli/.
 *
 * @module
 */
import type { CloudName, ProbeExpectations } from "../catalog";
import type { RetryPolicy } from "./retry";

/** The credential the connector signs in with. Secret material: never logged. */
export type ProbeCredential =
    | {
          readonly kind: "certificate";
          /** The certificate, PEM. */
          readonly certificatePem: string;
          /** Its unencrypted private key, PEM. */
          readonly privateKeyPem: string;
      }
    | {
          readonly kind: "secret";
          /** The client secret value. */
          readonly clientSecret: string;
          /** When the secret expires (ISO 8601), if known: the probe warns before it. */
          readonly expiresAt?: string;
      };

/**
 * Points every endpoint of the cloud at one base URL: used only for the local emulator (tests,
 * demo, benchmarks). Token scopes and audiences stay those of the cloud.
 */
export interface EndpointOverride {
    /** e.g. `https://127.0.0.1:41234`; login, Graph and Exchange are all served under it. */
    readonly baseUrl: string;
}

/** Input of one probe run. */
export interface ProbeInput {
    readonly tenantId: string;
    readonly clientId: string;
    readonly cloud: CloudName;
    readonly credential: ProbeCredential;
    readonly expectations: ProbeExpectations;
    /** Only for the emulator. */
    readonly endpoints?: EndpointOverride;
    /** Warn when the credential expires within this many days; default 30. */
    readonly warnDays?: number;
    /** Clock, for tests. */
    readonly now?: Date;
    /**
     * Ask for new tokens instead of msal's cached ones. A token's `roles`/`wids` are fixed when it
     * is issued, so after a grant (or to see drift) only a new token shows the change.
     */
    readonly forceTokenRefresh?: boolean;
    /** Overrides of the HTTP retry policy (probe/retry.ts `DEFAULT_RETRY_POLICY`). */
    readonly retry?: Partial<RetryPolicy>;
    /**
     * During a certificate rollover: the next certificate, which the application holds beside the
     * one in use. The `nextCredential` check proves it signs in with the same rights before the
     * connector is switched to it.
     */
    readonly nextCredential?: Extract<ProbeCredential, { kind: "certificate" }>;
}

/** Names of the checks, in report order. */
export const CheckNames = [
    "graphToken",
    "exchangeToken",
    "appRoles",
    "directoryRoles",
    "graphRead",
    "exchangeCommand",
    "credentialExpiry",
    "nextCredential",
] as const;
/** One of {@link CheckNames}. */
export type CheckName = (typeof CheckNames)[number];

/** pass / warn / fail; `skip` when a check does not apply or could not run (its cause failed). */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** The outcome of one check. */
export interface CheckResult {
    readonly name: CheckName;
    readonly status: CheckStatus;
    /** One line a person reads. */
    readonly summary: string;
    /** What was observed: an AADSTS code, an HTTP status, the missing role's name. */
    readonly evidence?: string;
    /** What to do about a warn or fail. */
    readonly remedy?: string;
    /** Whether retrying later can change the outcome (replication, throttling, 5xx). */
    readonly transient?: boolean;
    /** The service's error code behind a failure, e.g. `AADSTS700016`, when there is one. */
    readonly code?: string;
}

/** What the probe saw in the tenant. */
export interface Observed {
    /** App roles per resource app display name, from each token's `roles` claim. */
    readonly appRoles: Readonly<Record<string, readonly string[]>>;
    /** Directory roles from the `wids` claim, by display name (template ID when unknown). */
    readonly directoryRoles: readonly string[];
    /** Organization display name, from Graph. */
    readonly organizationName?: string;
    /** Verified domains, from Graph or Exchange. */
    readonly domains?: readonly string[];
    /** Credential expiry (ISO 8601), when known. */
    readonly credentialExpiresAt?: string;
    /** Whole days until the credential expires, when known. */
    readonly credentialDaysLeft?: number;
}

/** The settings a connector's console asks for. */
export interface ConnectionSettings {
    readonly tenantId: string;
    readonly applicationId: string;
    /** SHA-1 thumbprint as the Azure portal shows it (certificate credentials). */
    readonly certificateThumbprint?: string;
    /** Active Roles "Tenant environment type" label. */
    readonly tenantEnvironmentType: string;
}

/** The probe's typed report. */
export interface ProbeReport {
    /** `fail` if any check failed, else `warn` if any warned, else `pass`. */
    readonly status: "pass" | "warn" | "fail";
    readonly checks: readonly CheckResult[];
    readonly observed: Observed;
    readonly settings: ConnectionSettings;
    /** Wall-clock timings in ms; `waitedMs` is the time spent waiting to retry (429 Retry-After, backoff). */
    readonly timings: { readonly totalMs: number; readonly tokenMs: number; readonly callsMs: number; readonly waitedMs: number };
    /** ISO time the probe finished. */
    readonly checkedAt: string;
}
