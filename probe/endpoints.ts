/**
 * Every URL the probe calls, from the cloud table (catalog/clouds.ts). The single override,
 * {@link EndpointOverride.baseUrl}, replaces the three base URLs (login, Graph, Exchange) for the
 * local emulator; scopes and audiences stay those of the cloud.
 *
 * @module
 */
import { Clouds, ConfigError, type CloudName } from "../catalog";
import type { EndpointOverride } from "./types";

/** The endpoints and msal-node authority settings of one probe. */
export interface ProbeEndpoints {
    /** `https://login…/{tenantId}` (msal-node requires https). */
    readonly authority: string;
    /** `{authority}/oauth2/v2.0/token`: where tokens come from, and the client assertion's `aud`. */
    readonly tokenEndpoint: string;
    /** Graph root URL, no version, trailing slash: `https://graph…/` (graph-client's `baseUrl`). */
    readonly graphRoot: string;
    /** Host names graph-client may send the bearer token to (`customHosts`). */
    readonly graphHosts: ReadonlySet<string>;
    /** Exchange Online admin API base: `https://outlook…/adminapi/beta/{tenantId}`. */
    readonly exchangeBaseUrl: string;
    /** `.default` scope of Microsoft Graph in this cloud. */
    readonly graphScope: string;
    /** `.default` scope of Exchange Online in this cloud. */
    readonly exchangeScope: string;
    /** msal-node `authorityMetadata` (JSON): the OpenID configuration, so msal fetches none. */
    readonly authorityMetadata: string;
    /** msal-node `cloudDiscoveryMetadata` (JSON), so msal makes no instance-discovery call. */
    readonly cloudDiscoveryMetadata: string;
    /** msal-node `knownAuthorities`: the login host (with port). */
    readonly knownAuthorities: readonly string[];
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");

function baseOf(url: string, property: string): URL {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new ConfigError(property, `is not a URL: "${url.slice(0, 100)}"`, "Use the emulator's base URL, e.g. https://127.0.0.1:41234");
    }
    if (parsed.protocol !== "https:") {
        throw new ConfigError(property, "must be an https URL (msal-node refuses other authorities)", "Use the emulator's https base URL");
    }
    return parsed;
}

/**
 * Resolves the endpoints of `cloud` for `tenantId`, or of the emulator when `override` is set.
 * Throws a {@link ConfigError} for a malformed override.
 */
export function resolveEndpoints(cloud: CloudName, tenantId: string, override?: EndpointOverride): ProbeEndpoints {
    const row = Clouds[cloud];
    const base = override ? trimSlash(baseOf(override.baseUrl, "endpoints.baseUrl").toString()) : undefined;
    const login = base ?? row.loginEndpoint;
    const graph = base ?? row.graph.endpoint;
    const exchange = base ?? row.exchange.endpoint;
    const tenant = tenantId.toLowerCase();
    const authority = `${login}/${tenant}`;
    const loginHost = new URL(login).host;
    return {
        authority,
        tokenEndpoint: `${authority}/oauth2/v2.0/token`,
        graphRoot: `${graph}/`,
        graphHosts: new Set([new URL(graph).hostname]),
        exchangeBaseUrl: `${exchange}/adminapi/beta/${tenant}`,
        graphScope: row.graph.scope,
        exchangeScope: row.exchange.scope,
        authorityMetadata: JSON.stringify({
            token_endpoint: `${authority}/oauth2/v2.0/token`,
            authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
            issuer: `${authority}/v2.0`,
            jwks_uri: `${authority}/discovery/v2.0/keys`,
        }),
        cloudDiscoveryMetadata: JSON.stringify({
            tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
            "api-version": "1.1",
            metadata: [{ preferred_network: loginHost, preferred_cache: loginHost, aliases: [loginHost] }],
        }),
        knownAuthorities: [loginHost],
    };
}
