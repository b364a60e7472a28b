/**
 * The deployer's Microsoft Graph token, for the commands that read the tenant as the identity
 * that runs `pulumi up` (preflight, discover): a given access token, or one acquired with the
 * deployer's credential; either way it must be for the tenant asked about.
 *
 * @module
 */
import type { CloudName } from "../catalog";
import { readCredential } from "./credential";
import { resolveEndpoints, type ProbeEndpoints } from "./endpoints";
import { acquireToken, decodeClaims, type TokenClaims, type TokenFailure } from "./tokens";
import type { EndpointOverride, ProbeCredential } from "./types";

/** How the deployer signs in: a credential with its client ID, or an access token. */
export interface DeployerSignIn {
    readonly tenantId: string;
    readonly cloud: CloudName;
    /** The deployer's application (client) ID (with `credential`). */
    readonly clientId?: string;
    readonly credential?: ProbeCredential;
    /** A Graph access token of the deployer (e.g. `az account get-access-token --resource-type ms-graph`), instead of a credential. */
    readonly accessToken?: string;
    /** The local emulator only. */
    readonly endpoints?: EndpointOverride;
}

/** The token with its claims and the endpoints, or why there is none. */
export type DeployerToken =
    | { readonly ok: true; readonly accessToken: string; readonly claims: TokenClaims; readonly endpoints: ProbeEndpoints }
    | { readonly ok: false; readonly failure: TokenFailure };

/** Gets the deployer's Graph token. Throws a TypeError (a caller's bug) when neither a credential nor a token is given. */
export async function deployerToken(input: DeployerSignIn, caller: string): Promise<DeployerToken> {
    const endpoints = resolveEndpoints(input.cloud, input.tenantId, input.endpoints);
    let accessToken = input.accessToken;
    if (!accessToken) {
        if (!input.clientId || !input.credential) throw new TypeError(`${caller}: give clientId and credential, or accessToken`);
        const outcome = await acquireToken({ clientId: input.clientId, endpoints, credential: input.credential, read: readCredential(input.credential), scope: endpoints.graphScope, fresh: true });
        if (!outcome.ok) return { ok: false, failure: outcome.failure };
        accessToken = outcome.accessToken;
    }
    const claims = decodeClaims(accessToken);
    if (claims.tid && claims.tid.toLowerCase() !== input.tenantId.toLowerCase()) {
        return { ok: false, failure: { message: `the token is for tenant ${claims.tid}, not ${input.tenantId}` } };
    }
    return { ok: true, accessToken, claims, endpoints };
}
