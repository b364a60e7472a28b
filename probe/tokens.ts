/**
 * App-only tokens with msal-node's ConfidentialClientApplication (client credentials flow).
 *
 * - No discovery round trip: the authority's OpenID metadata and cloud-discovery metadata are
 *   passed in the configuration (probe/endpoints.ts).
 * - One module-level cache of application instances, keyed by authority, client ID and a hash of
 *   the credential, so a warm probe reuses msal's token cache. It lives here, in the module loaded
 *   at run time, never in anything Pulumi serializes. {@link clearTokenCache} empties it.
 * - A certificate credential is given to msal-node as a `clientAssertion` callback that signs with
 *   the key parsed once (probe/assertion.ts); a secret as `clientSecret`.
 * - Token requests go through the probe's retry policy (probe/retry.ts) and transport
 *   (probe/transport.ts) as msal's network client.
 *   msal-node remembers a 429/5xx answer and refuses identical requests locally for its
 *   Retry-After (default 60 s, msal-common ThrottlingUtils); so an instance whose request failed
 *   is dropped from the cache and the next probe starts from a fresh one.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { ConfidentialClientApplication as Cca, INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { forgetCredentials, msalCredentialOptions, type ReadCredential } from "./credential";
import type { ProbeEndpoints } from "./endpoints";
import { DEFAULT_RETRY_POLICY, fetchWithRetry, unreachableMessage, type RetryPolicy, type RetryStats } from "./retry";
import type { ProbeCredential } from "./types";

/** The claims of an access token the probe reads. */
export interface TokenClaims {
    readonly aud?: string;
    readonly tid?: string;
    readonly appid?: string;
    /** Application permissions granted to the app on the token's resource. */
    readonly roles: readonly string[];
    /** Directory role template IDs of the service principal. */
    readonly wids: readonly string[];
}

/** A failed token request, classified. */
export interface TokenFailure {
    /** `AADSTS7000215` style code, when Entra sent one. */
    readonly aadsts?: string;
    /** OAuth error (`invalid_client`) or msal error code. */
    readonly errorCode?: string;
    /** HTTP status, when there was a response. */
    readonly status?: number;
    /** First line of the error description (no credential material). */
    readonly message: string;
    /** The last Retry-After seen, ms. */
    readonly retryAfterMs?: number;
}

/** The outcome of one token request. */
export type TokenOutcome =
    | { readonly ok: true; readonly accessToken: string; readonly claims: TokenClaims; readonly fromCache: boolean; readonly waitedMs: number }
    | { readonly ok: false; readonly failure: TokenFailure; readonly waitedMs: number };

const apps = new Map<string, Cca>();
/** Per token request (by correlation ID): retry stats and a connection failure, if any. */
const requests = new Map<string, { stats?: RetryStats; networkError?: string }>();

/** Empties the cache of msal-node application instances (and so their token caches) and of read credentials. */
export function clearTokenCache(): void {
    apps.clear();
    forgetCredentials();
}

/** msal's network client: global fetch under the probe's retry policy; records stats by correlation ID. */
function networkClient(policy: RetryPolicy): INetworkModule {
    const send = async <T>(url: string, method: "GET" | "POST", options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
        const record = options?.correlationId ? requests.get(options.correlationId) : undefined;
        let sent: Awaited<ReturnType<typeof fetchWithRetry>>;
        try {
            sent = await fetchWithRetry(url, { method, headers: options?.headers, body: method === "POST" ? options?.body ?? "" : undefined }, policy);
        } catch (e) {
            if (record) record.networkError = unreachableMessage(url, e);
            throw e;
        }
        const { response, stats } = sent;
        if (record) record.stats = stats;
        const headers: Record<string, string> = {};
        response.headers.forEach((v, k) => (headers[k] = v));
        const text = await response.text();
        let body: unknown;
        try {
            body = JSON.parse(text);
        } catch {
            body = { error: "non_json_response", error_description: `HTTP ${response.status} with a non-JSON body` };
        }
        return { headers, body: body as T, status: response.status };
    };
    return {
        sendGetRequestAsync: (url, options) => send(url, "GET", options),
        sendPostRequestAsync: (url, options) => send(url, "POST", options),
    };
}

function appFor(clientId: string, endpoints: ProbeEndpoints, credential: ProbeCredential, read: ReadCredential, policy: RetryPolicy): { key: string; app: Cca } {
    const key = `${endpoints.authority}|${clientId.toLowerCase()}|${read.facts.fingerprint}`;
    let app = apps.get(key);
    if (!app) {
        app = new ConfidentialClientApplication({
            auth: {
                clientId,
                authority: endpoints.authority,
                authorityMetadata: endpoints.authorityMetadata,
                cloudDiscoveryMetadata: endpoints.cloudDiscoveryMetadata,
                knownAuthorities: [...endpoints.knownAuthorities],
                ...msalCredentialOptions(credential, read, clientId, endpoints.tokenEndpoint),
            },
            system: { networkClient: networkClient(policy) },
        });
        apps.set(key, app);
    }
    return { key, app };
}

/** Decodes a JWT's payload without verifying it (the resource verifies; we only read claims). */
export function decodeClaims(accessToken: string): TokenClaims {
    const part = accessToken.split(".")[1];
    let payload: Record<string, unknown> = {};
    try {
        payload = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
        // An opaque token: nothing to read, every expectation will show as missing.
    }
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return { aud: str(payload.aud), tid: str(payload.tid), appid: str(payload.appid ?? payload.azp), roles: list(payload.roles), wids: list(payload.wids) };
}

function classify(e: unknown, record: { stats?: RetryStats; networkError?: string }): TokenFailure {
    if (record.networkError) return { errorCode: "network_error", message: record.networkError };
    const err = e as { errorCode?: string; errorNo?: string; status?: number; errorMessage?: string; message?: string; cause?: { message?: string } };
    const text = `${err?.errorMessage ?? ""} ${err?.message ?? ""}`;
    const aadsts = err?.errorNo ? `AADSTS${err.errorNo}` : /AADSTS\d+/.exec(text)?.[0];
    const description = /Description: ([^\r\n]*)/.exec(text)?.[1] ?? err?.errorMessage ?? err?.message ?? String(e);
    return {
        aadsts,
        errorCode: err?.errorCode || undefined,
        status: err?.status,
        message: description.split(/\r?\n|Trace ID:/)[0].trim().slice(0, 300),
        retryAfterMs: record.stats?.lastRetryAfterMs,
    };
}

/**
 * Acquires an app-only token for `scope`. Never throws: failures come back classified.
 * `fresh` bypasses msal's token cache (after a grant, only a new token shows new claims).
 */
export async function acquireToken(args: {
    clientId: string;
    endpoints: ProbeEndpoints;
    credential: ProbeCredential;
    read: ReadCredential;
    scope: string;
    fresh?: boolean;
    policy?: RetryPolicy;
}): Promise<TokenOutcome> {
    const { key, app } = appFor(args.clientId, args.endpoints, args.credential, args.read, args.policy ?? DEFAULT_RETRY_POLICY);
    const correlationId = randomUUID();
    const record: { stats?: RetryStats; networkError?: string } = {};
    requests.set(correlationId, record);
    try {
        const result = await app.acquireTokenByClientCredential({ scopes: [args.scope], skipCache: args.fresh === true, correlationId });
        const waitedMs = record.stats?.waitedMs ?? 0;
        if (!result?.accessToken) {
            return { ok: false, failure: { message: "the token endpoint returned no access token" }, waitedMs };
        }
        return { ok: true, accessToken: result.accessToken, claims: decodeClaims(result.accessToken), fromCache: result.fromCache === true, waitedMs };
    } catch (e) {
        // The instance may now hold a throttling entry (or a broken state): start afresh next time.
        if (apps.get(key) === app) apps.delete(key);
        return { ok: false, failure: classify(e, record), waitedMs: record.stats?.waitedMs ?? 0 };
    } finally {
        requests.delete(correlationId);
    }
}
