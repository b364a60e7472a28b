/**
 * The deployer check: which of the rights a stack needs (catalog/deployer.ts) the identity that
 * runs `pulumi up` holds, read from a fresh app-only token for Microsoft Graph (its `roles` and
 * `wids`), before anything is created. Never throws: a token failure comes back classified.
 *
 * @module
 */
import { holdsRight, type CloudName, type DeployerRightName } from "../catalog";
import { readCredential } from "./credential";
import { resolveEndpoints } from "./endpoints";
import { acquireToken, type TokenFailure } from "./tokens";
import type { EndpointOverride, ProbeCredential } from "./types";

/** Input of {@link checkDeployer}. */
export interface DeployerCheckInput {
    readonly tenantId: string;
    readonly cloud: CloudName;
    /** The deployer's application (client) ID. */
    readonly clientId: string;
    readonly credential: ProbeCredential;
    /** The rights to check. */
    readonly rights: readonly DeployerRightName[];
    /** The local emulator only. */
    readonly endpoints?: EndpointOverride;
}

/** What {@link checkDeployer} found. */
export type DeployerCheck =
    | { readonly ok: true; readonly held: readonly DeployerRightName[]; readonly missing: readonly DeployerRightName[] }
    | { readonly ok: false; readonly failure: TokenFailure };

/** Gets a Graph token as the deployer and says which of `rights` it holds. */
export async function checkDeployer(input: DeployerCheckInput): Promise<DeployerCheck> {
    const endpoints = resolveEndpoints(input.cloud, input.tenantId, input.endpoints);
    const outcome = await acquireToken({
        clientId: input.clientId,
        endpoints,
        credential: input.credential,
        read: readCredential(input.credential),
        scope: endpoints.graphScope,
        fresh: true,
    });
    if (!outcome.ok) return { ok: false, failure: outcome.failure };
    const held = input.rights.filter((r) => holdsRight(r, outcome.claims));
    return { ok: true, held, missing: input.rights.filter((r) => !held.includes(r)) };
}
