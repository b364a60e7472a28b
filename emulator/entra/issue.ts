/**
 * Access tokens: RS256 JWTs with v1-style app-only claims
 * (../shared/reference/emulator-msal-graph-facts.md §6.2; entra-docs
 * `access-token-claims-reference.md` via ../shared/reference/m365-entra-exchange-facts.md §5):
 * `roles` = values of the app roles the service principal holds on the token's resource (left
 * out when there are none, as Entra does for app-only tokens without grants); `wids` = template IDs
 * of the directory roles assigned to it; `appidacr` "1" for a secret, "2" for a certificate.
 * Only replicated writes count: a token never shows a grant a read would not show.
 *
 * The issuer `https://sts.windows.net/{tid}/` is the global cloud's v1 issuer; national clouds'
 * v1 issuers were not checked against a source.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../context";
import { signJwt } from "../jwt";
import type { ServicePrincipalRow } from "../store/rows";
import type { TenantState } from "../store/tenant";

/** A signed access token and its lifetime in seconds (the response's `expires_in`). */
export interface IssuedToken {
    readonly accessToken: string;
    readonly expiresIn: number;
}

/** Signs an app-only access token for `client` on `resource`, with the roles and directory roles visible at `at`. */
export async function issueAccessToken(
    ctx: EmulatorContext,
    tenant: TenantState,
    client: ServicePrincipalRow,
    resource: { readonly aud: string; readonly sp: ServicePrincipalRow },
    appidacr: "1" | "2",
    at: number,
): Promise<IssuedToken> {
    const now = Math.floor(at / 1000);
    const roles = tenant.appRoleValues(client.id, resource.sp, at);
    const wids = tenant.roleTemplateIds(client.id, at);
    const iss = `https://sts.windows.net/${tenant.id}/`;
    const payload: Record<string, unknown> = {
        aud: resource.aud,
        iss,
        iat: now,
        nbf: now,
        exp: now + ctx.tokenLifetimeSeconds,
        appid: client.appId,
        appidacr,
        azp: client.appId,
        azpacr: appidacr,
        idp: iss,
        idtyp: "app",
        oid: client.id,
        sub: client.id,
        tid: tenant.id,
        uti: randomBytes(16).toString("base64url"),
        ver: "1.0",
        ...(roles.length ? { roles } : {}),
        ...(wids.length ? { wids } : {}),
    };
    const accessToken = await signJwt({ typ: "JWT", x5t: ctx.keys.kid, kid: ctx.keys.kid }, payload, ctx.keys.privateKey);
    return { accessToken, expiresIn: ctx.tokenLifetimeSeconds };
}
