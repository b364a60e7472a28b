/**
 * The package's one error family. Every error says what failed, where (the property or the
 * check), the evidence (an AADSTS code, an HTTP status, a missing role's name) and what to do.
 *
 * Messages never contain credentials: callers pass evidence, never raw request bodies.
 *
 * @module
 */

/** Stable codes, one per failure kind; switch on `err.code`. */
export const ErrorCodes = {
    badInput: "ERR_BAD_INPUT",
    credentialRejected: "ERR_CREDENTIAL_REJECTED",
    permissionMissing: "ERR_PERMISSION_MISSING",
    roleMissing: "ERR_ROLE_MISSING",
    throttled: "ERR_THROTTLED",
    timeout: "ERR_CONSISTENCY_TIMEOUT",
    service: "ERR_SERVICE",
    unreachable: "ERR_ENDPOINT_UNREACHABLE",
    probeFailed: "ERR_PROBE_FAILED",
} as const;
/** One of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Details every {@link ConnectorError} may carry. */
export interface ErrorDetails {
    /** The input property at fault (`tenantId`, `connectors[0].profile`, …). */
    property?: string;
    /** The probe check at fault (`graphToken`, `exchangeRoles`, …). */
    check?: string;
    /** What was observed: an AADSTS code, an HTTP status, a Graph error code. */
    evidence?: string;
    /** What the user should do about it. */
    remedy?: string;
    /** The underlying error. */
    cause?: unknown;
}

/** Base class: all errors this package throws on purpose. */
export class ConnectorError extends Error {
    /** Stable machine-readable code. */
    readonly code: ErrorCode;
    readonly property?: string;
    readonly check?: string;
    readonly evidence?: string;
    readonly remedy?: string;

    constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
        super(composeMessage(message, details), details.cause !== undefined ? { cause: details.cause } : undefined);
        this.name = new.target.name;
        this.code = code;
        this.property = details.property;
        this.check = details.check;
        this.evidence = details.evidence;
        this.remedy = details.remedy;
    }
}

function composeMessage(message: string, d: ErrorDetails): string {
    const where = d.property ? `${d.property}: ` : d.check ? `[${d.check}] ` : "";
    const evidence = d.evidence ? ` (${d.evidence})` : "";
    const remedy = d.remedy ? ` ${d.remedy}` : "";
    return `${where}${message}${evidence}.${remedy}`.replace(/\.\.(\s|$)/g, ".$1");
}

/** Bad input: stack config, resource inputs or command-line arguments. Names the property. */
export class ConfigError extends ConnectorError {
    constructor(property: string, reason: string, remedy?: string) {
        super(ErrorCodes.badInput, reason, { property, remedy });
    }
}

/** Entra refused the credential (wrong secret, unknown certificate, expired secret, unknown app). */
export class CredentialRejectedError extends ConnectorError {
    constructor(message: string, details: ErrorDetails) {
        super(ErrorCodes.credentialRejected, message, details);
    }
}

/** A required API permission (app role) is not granted, or has no admin consent. */
export class PermissionMissingError extends ConnectorError {
    constructor(message: string, details: ErrorDetails) {
        super(ErrorCodes.permissionMissing, message, details);
    }
}

/** A required directory role is not assigned to the service principal. */
export class RoleMissingError extends ConnectorError {
    constructor(message: string, details: ErrorDetails) {
        super(ErrorCodes.roleMissing, message, details);
    }
}

/** The service kept answering 429 until our retry budget ran out. */
export class ThrottledError extends ConnectorError {
    /** Seconds the service last asked us to wait. */
    readonly retryAfterSeconds?: number;
    constructor(message: string, details: ErrorDetails & { retryAfterSeconds?: number }) {
        super(ErrorCodes.throttled, message, details);
        this.retryAfterSeconds = details.retryAfterSeconds;
    }
}

/** Waiting for Entra's eventual consistency ran past the deadline. Names the checks still failing. */
export class ConsistencyTimeoutError extends ConnectorError {
    /** Names of the checks that were still failing at the deadline. */
    readonly failingChecks: readonly string[];
    constructor(message: string, failingChecks: readonly string[], details: ErrorDetails = {}) {
        super(ErrorCodes.timeout, message, details);
        this.failingChecks = failingChecks;
    }
}

/** A Graph or Exchange call failed in a way that is not one of the kinds above. */
export class ServiceError extends ConnectorError {
    /** HTTP status, when there was a response. */
    readonly status?: number;
    /** The service's own error code (`Authorization_RequestDenied`, `invalid_client`, …). */
    readonly serviceCode?: string;
    constructor(message: string, details: ErrorDetails & { status?: number; serviceCode?: string }) {
        super(ErrorCodes.service, message, details);
        this.status = details.status;
        this.serviceCode = details.serviceCode;
    }
}

/** The endpoint could not be reached at all (DNS, TLS, connection refused). */
export class EndpointUnreachableError extends ConnectorError {
    constructor(message: string, details: ErrorDetails) {
        super(ErrorCodes.unreachable, message, details);
    }
}

/** A probe ran and at least one check failed; carries the failing checks' names. */
export class ProbeFailedError extends ConnectorError {
    readonly failingChecks: readonly string[];
    constructor(message: string, failingChecks: readonly string[], details: ErrorDetails = {}) {
        super(ErrorCodes.probeFailed, message, details);
        this.failingChecks = failingChecks;
    }
}

/** Any error of this family; narrow with `err.code`. */
export type AnyConnectorError =
    | ConfigError
    | CredentialRejectedError
    | PermissionMissingError
    | RoleMissingError
    | ThrottledError
    | ConsistencyTimeoutError
    | ServiceError
    | EndpointUnreachableError
    | ProbeFailedError;

/** True for errors of this family. */
export function isConnectorError(e: unknown): e is AnyConnectorError {
    return e instanceof ConnectorError;
}
