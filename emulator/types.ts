/**
 * Public types of the tenant emulator: how to start it and how tests reach into its directory.
 *
 * The emulator stands in for Entra ID (token endpoint), Microsoft Graph v1.0 and the Exchange
 * Online admin API, over HTTPS on 127.0.0.1. It follows Microsoft's documented behaviour
 * (../shared/reference/), never our client's habits.
 *
 * @module
 */
import type { CloudName, ResolvedProfile } from "../catalog";

/** A CA (PEM certificate + PEM private key) the emulator issues its TLS leaf from. */
export interface EmulatorCa {
    readonly certPem: string;
    readonly keyPem: string;
}

/** Where an injected fault applies. */
export type FaultRoute = "token" | "graph" | "graphBatch" | "exchange" | "discovery" | "any";

/** One injected fault: deterministic, applied to the next `times` matching requests. */
export interface FaultRule {
    /** Which requests it applies to. */
    readonly route: FaultRoute;
    /** Only requests whose path contains this text (e.g. a tenant ID, `/organization`). */
    readonly pathIncludes?: string;
    /**
     * Only requests for this tenant: its ID in the path (token endpoint, Exchange) or the `tid` of
     * the request's bearer token (Graph and `$batch`, whose paths name no tenant). The token is
     * read, not verified: the fault is answered before authorization, as a gateway would.
     */
    readonly tenantId?: string;
    /** HTTP status to answer with (429, 503, 504, 500). Omit for latency only. */
    readonly status?: number;
    /** `Retry-After` header value in seconds (429/503). */
    readonly retryAfterSeconds?: number;
    /** Extra latency in ms before answering. */
    readonly latencyMs?: number;
    /** How many matching requests it applies to; default 1. `Infinity` for all. */
    readonly times?: number;
}

/** A tenant to create at start. */
export interface SeedTenant {
    readonly tenantId: string;
    readonly displayName?: string;
    /** Verified domains; the first is the initial `<name>.onmicrosoft.com` domain. */
    readonly domains?: readonly string[];
    /** Users to create; default: a few users in the initial domain. */
    readonly users?: readonly SeedUser[];
}

/** A user to create in a tenant (also a mailbox for `Get-Mailbox` when it has `mail`). */
export interface SeedUser {
    readonly userPrincipalName: string;
    readonly displayName?: string;
    /** Default: the user principal name. `null` for a user without a mailbox. */
    readonly mail?: string | null;
    readonly department?: string;
    /** Whether the tenant's subscription (Office 365 E3) is assigned; default true. */
    readonly licensed?: boolean;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
    /** Port on 127.0.0.1; default 0 (a free port). */
    port?: number;
    /** The cloud the emulator plays: token scopes and audiences must be this cloud's. Default AzureCloud. */
    cloud?: CloudName;
    /** CA to issue the TLS leaf from; default: a new CA generated at start. */
    ca?: EmulatorCa;
    /** Replication lag in ms: writes become visible to reads and new tokens only after it. Default 0. */
    replicationLagMs?: number;
    /** Latency in ms added to every request. Default 0. */
    latencyMs?: number;
    /** Faults to inject from the start. */
    faults?: FaultRule[];
    /** Tenants to create at start. */
    tenants?: SeedTenant[];
    /** Lifetime of issued access tokens in seconds; default 3599 (as Entra). */
    tokenLifetimeSeconds?: number;
    /**
     * Keep a log of every request's start and end ({@link RunningEmulator.requestLog}), for
     * benchmarks that measure sequential round trips. Default false (the log grows until
     * `resetStats`).
     */
    recordRequests?: boolean;
}

/** One request in the emulator's request log: when it arrived and when its answer was sent. */
export interface RequestRecord {
    /** The route it was served as; undefined for a path the emulator does not serve. */
    readonly route?: Exclude<FaultRoute, "any">;
    readonly method: string;
    /** Path and query as sent (no headers, no body: those can hold credentials). */
    readonly path: string;
    readonly status: number;
    /** When the request's headers had arrived, ms on the emulator's monotonic clock (`performance.now()`). */
    readonly startMs: number;
    /** When the answer was written to the socket, same clock. */
    readonly endMs: number;
}

/** A credential to register on a seeded application. */
export type SeedCredential =
    | { readonly kind: "certificate"; readonly certificatePem: string }
    | { readonly kind: "secret"; readonly secret: string; readonly endDateTime?: string };

/** What {@link Directory.seedConnector} creates, with the IDs a connector needs. */
export interface SeededConnector {
    readonly tenantId: string;
    readonly clientId: string;
    readonly applicationObjectId: string;
    readonly servicePrincipalObjectId: string;
}

/**
 * The emulator's directory state, for tests: seed what `pulumi up` would leave, then revoke or
 * restore grants to create drift. Writes made here obey the replication lag like Graph writes.
 */
export interface Directory {
    /** Creates a tenant (idempotent). */
    addTenant(tenant: SeedTenant): void;
    /**
     * Creates an application + service principal in a tenant exactly as `pulumi up` of `profile`
     * leaves them: requiredResourceAccess, app role assignments (admin consent) for every
     * application permission, an AllPrincipals oauth2PermissionGrant for delegated scopes,
     * directory role assignments, and the credential.
     */
    seedConnector(args: {
        tenantId: string;
        profile: ResolvedProfile;
        credential: SeedCredential;
        displayName?: string;
        clientId?: string;
    }): SeededConnector;
    /** Removes the app role assignment (revokes admin consent) of one application permission. */
    revokeAppRole(tenantId: string, clientId: string, resource: string, value: string): void;
    /** Grants (admin consent) one application permission. */
    grantAppRole(tenantId: string, clientId: string, resource: string, value: string): void;
    /** Removes a directory role assignment by role display name. */
    removeDirectoryRole(tenantId: string, clientId: string, roleName: string): void;
    /** Assigns a directory role by display name. */
    assignDirectoryRole(tenantId: string, clientId: string, roleName: string): void;
    /** Adds a certificate or secret credential to the application. */
    addCredential(tenantId: string, clientId: string, credential: SeedCredential): void;
    /** Removes every credential of the application. */
    removeCredentials(tenantId: string, clientId: string): void;
    /** Removes the certificate credential whose thumbprint (`customKeyIdentifier`, SHA-1 hex) is given; others stay. */
    removeCertificate(tenantId: string, clientId: string, thumbprintSha1: string): void;
    /**
     * Sets the `accountEnabled` of the application's service principal. A disabled one gets no
     * tokens (AADSTS7000112; "prevents all tokens from being issued for that application",
     * https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal).
     */
    setServicePrincipalEnabled(tenantId: string, clientId: string, enabled: boolean): void;
    /** Creates a user; returns its object ID. */
    addUser(tenantId: string, user: SeedUser): string;
}

/** A running emulator. */
export interface RunningEmulator {
    /** Base URL, e.g. `https://127.0.0.1:41234` (no trailing slash). Login, Graph and Exchange live under it. */
    readonly url: string;
    readonly port: number;
    /** The cloud it plays. */
    readonly cloud: CloudName;
    /** The CA certificate (PEM) clients must trust. */
    readonly caPem: string;
    /** Directory state, for seeding and drift. */
    readonly directory: Directory;
    /** Adds a fault rule at run time. */
    injectFault(rule: FaultRule): void;
    /** Removes all fault rules. */
    clearFaults(): void;
    /** Sets the latency added to every request. */
    setLatency(ms: number): void;
    /** Sets the replication lag for later writes. */
    setReplicationLag(ms: number): void;
    /** Request counters per route, for benchmarks and tests (e.g. `{ token: 2, graph: 1, exchange: 1 }`). */
    stats(): Readonly<Record<FaultRoute, number>>;
    /** Resets the counters and empties the request log. */
    resetStats(): void;
    /** The requests answered since the last `resetStats`, in the order answered; empty unless started with `recordRequests`. */
    requestLog(): readonly RequestRecord[];
    /** Stops listening and closes every connection. */
    stop(): Promise<void>;
}
