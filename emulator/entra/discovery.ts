/**
 * `GET /{tenant}/v2.0/.well-known/openid-configuration` and `GET /{tenant}/discovery/v2.0/keys`.
 * The document follows a recorded Entra one (../shared/reference/emulator-msal-graph-facts.md
 * §6.1); msal-node needs `authorization_endpoint`, `token_endpoint`, `issuer`, `jwks_uri`, and
 * accepts an issuer on the authority's own host (§2.2). Endpoints use the tenant's GUID, as Entra's
 * do even when asked by domain. URLs are built on the request's origin, so a client that calls
 * `localhost` gets `localhost` URLs.
 *
 * @module
 */
import type { EmulatorContext } from "../context";
import { json, type HttpRequest, type Reply } from "../http";
import { aadstsReply, newEntraIds } from "./errors";

const cacheHeaders = { "Cache-Control": "max-age=86400, private" };

/** Serves the tenant's OpenID configuration (what msal-node fetches once per authority), or 90002 `invalid_tenant`. */
export function openIdConfiguration(req: HttpRequest, ctx: EmulatorContext, tenantName: string): Reply {
    const tenant = ctx.store.tenant(tenantName);
    if (!tenant) return aadstsReply("tenantNotFoundDiscovery", { tenant: tenantName }, newEntraIds(), ctx.cloud.loginEndpoint);
    const base = `${req.url.origin}/${tenant.id}`;
    const graphHost = new URL(ctx.cloud.graph.endpoint).host;
    return json(
        200,
        {
            token_endpoint: `${base}/oauth2/v2.0/token`,
            token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            jwks_uri: `${base}/discovery/v2.0/keys`,
            response_modes_supported: ["query", "fragment", "form_post"],
            subject_types_supported: ["pairwise"],
            id_token_signing_alg_values_supported: ["RS256"],
            response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
            scopes_supported: ["openid", "profile", "email", "offline_access"],
            issuer: `${base}/v2.0`,
            request_uri_parameter_supported: false,
            userinfo_endpoint: `${req.url.origin}/oidc/userinfo`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
            http_logout_supported: true,
            frontchannel_logout_supported: true,
            end_session_endpoint: `${base}/oauth2/v2.0/logout`,
            claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
            tenant_region_scope: "WW",
            cloud_instance_name: new URL(ctx.cloud.loginEndpoint).host.replace(/^login\./, ""),
            msgraph_host: graphHost,
        },
        cacheHeaders,
    );
}

/** Serves the tenant's JWKS: the one key the emulator signs access tokens with. */
export function jwks(req: HttpRequest, ctx: EmulatorContext, tenantName: string): Reply {
    const tenant = ctx.store.tenant(tenantName);
    if (!tenant) return aadstsReply("tenantNotFoundDiscovery", { tenant: tenantName }, newEntraIds(), ctx.cloud.loginEndpoint);
    return json(200, { keys: [{ ...ctx.keys.jwk, issuer: `${req.url.origin}/${tenant.id}/v2.0` }] }, cacheHeaders);
}
