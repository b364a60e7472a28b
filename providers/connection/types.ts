/**
 * Plain (resolved) inputs and outputs of the ConnectorConnection dynamic provider: what its
 * methods receive once Pulumi has resolved every `Input<T>` of {@link ConnectorConnectionArgs}.
 *
 * @module
 */
import type { ProbeExpectations, ProfileSpec } from "../../catalog";
import type { CheckName, CheckStatus, ConnectionSettings } from "../../probe";

/**
 * The connector's credential: a certificate with its private key, or a client secret.
 * A Pulumi secret end to end (the resource wraps it with `pulumi.secret`).
 */
export interface ConnectionCredentialInputs {
    /** The certificate, PEM. */
    certificatePem?: string;
    /** The certificate's unencrypted private key, PEM. */
    privateKeyPem?: string;
    /** The client secret's value. */
    clientSecret?: string;
    /** When the client secret expires, ISO 8601 (optional; enables the expiry warning). */
    secretExpiresAt?: string;
}

/** Resolved inputs; the provider stores them among its outputs so read/update/delete have them. */
export interface ResolvedInputs {
    /** Directory (tenant) ID, lower case. */
    tenantId: string;
    /** Application (client) ID, lower case. */
    clientId: string;
    /** Cloud name (catalog CloudNames); default AzureCloud. */
    cloud?: string;
    /** The connector profile (with custom lists); exclusive with {@link expectations}. */
    profile?: ProfileSpec;
    /** Explicit probe expectations; exclusive with {@link profile}. */
    expectations?: ProbeExpectations;
    credential: ConnectionCredentialInputs;
    /** During a certificate rollover: the next certificate and its key (the `nextCredential` check). */
    nextCredential?: { certificatePem: string; privateKeyPem: string };
    /** Emulator base URL (tests and demo only). */
    endpointOverride?: string;
    /** Warn when the credential expires within this many days; default 30. */
    warnDays?: number;
    /** How long create/update wait for grants to replicate, seconds; default 300. */
    consistencyTimeoutSeconds?: number;
}

/** The input keys, in a stable order (read returns them as `inputs`). */
export const InputKeys = [
    "tenantId",
    "clientId",
    "cloud",
    "profile",
    "expectations",
    "credential",
    "nextCredential",
    "endpointOverride",
    "warnDays",
    "consistencyTimeoutSeconds",
] as const satisfies readonly (keyof ResolvedInputs)[];

/** A warn or fail check as the outputs show it. */
export interface Finding {
    check: CheckName;
    status: CheckStatus;
    summary: string;
    evidence?: string;
    remedy?: string;
}

/** Resolved outputs: the inputs (credential secret) plus what the last probe observed. */
export interface ResolvedOutputs extends ResolvedInputs {
    /** The settings the connector's console asks for. */
    settings: ConnectionSettings;
    /** App roles per resource application, from the tokens' `roles`. */
    observedAppRoles: Record<string, string[]>;
    /** Directory role names, from the token's `wids`. */
    observedDirectoryRoles: string[];
    /** Organization display name, from Graph (null when not read). */
    organizationName: string | null;
    /** Check name → status. */
    checks: Partial<Record<CheckName, CheckStatus>>;
    /** Overall status of the last probe. */
    status: "pass" | "warn" | "fail";
    /** Names of the checks that failed. */
    failingChecks: string[];
    /** Every warn or fail check with its evidence and remedy. */
    findings: Finding[];
    /** Whole days until the credential expires (null when unknown). */
    credentialDaysLeft: number | null;
    /** When the probe ran, ISO 8601. */
    lastVerified: string;
}

/** Default of {@link ResolvedInputs.consistencyTimeoutSeconds}. */
export const DEFAULT_CONSISTENCY_TIMEOUT_SECONDS = 300;

/**
 * How long create/update wait on token rejections that a brand-new application or credential
 * produces while it replicates (probe/consistency.ts `credentialGraceMs`), seconds.
 */
export const NEW_CREDENTIAL_GRACE_SECONDS = 120;

/** The value Pulumi passes for inputs not yet known during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
