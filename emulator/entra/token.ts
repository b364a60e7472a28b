/**
 * `POST /{tenant}/oauth2/v2.0/token`: the client credentials grant
 * (entra-docs `v2-oauth2-client-creds-grant-flow.md`, ../shared/reference/m365-entra-exchange-facts.md §5).
 *
 * Checks, in this order: the tenant exists (GUID or verified domain, any case: msal lower-cases the
 * authority); the request names a client, a credential and a scope; the app and its service
 * principal exist in the tenant (replicated writes only); the service principal is enabled
 * (AADSTS7000112); the credential (secret from the form or HTTP Basic, or a client assertion); the
 * scope is one `<resource>/.default` of a resource known in THIS cloud (a Global-cloud scope is
 * refused by a GCC High emulator), by URL or app ID. The order between the disabled, credential and
 * scope errors is the emulator's choice.
 *
 * @module
 */
import { ResourceApps, isGuid } from "../../catalog";
import type { EmulatorContext } from "../context";
import { header, json, type HttpRequest, type Reply } from "../http";
import type { ServicePrincipalRow } from "../store/rows";
import type { TenantState } from "../store/tenant";
import { verifyClientAssertion } from "./assertion";
import { aadstsReply, entraUnsupported, newEntraIds, type EntraIds } from "./errors";
import { issueAccessToken } from "./issue";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const DEFAULT_SUFFIX = "/.default";

type ScopeResult =
    | { readonly ok: true; readonly aud: string; readonly sp: ServicePrincipalRow }
    | { readonly ok: false; readonly error: "invalidScope" | "resourceNotFound"; readonly resource?: string };

const trim = (u: string) => u.toLowerCase().replace(/\/+$/, "");

/**
 * Resolves `scope` to a resource of this cloud present in the tenant. The emulator's own origin
 * is an identifier of Microsoft Graph too: its metadata document names it as Graph's resource ID
 * (entra/metadata.ts), as a private cloud's metadata names that cloud's Graph.
 */
function resolveScope(scope: string, ctx: EmulatorContext, tenant: TenantState, at: number, origin: string): ScopeResult {
    const scopes = scope.trim().split(/\s+/);
    if (scopes.length !== 1 || !scopes[0].toLowerCase().endsWith(DEFAULT_SUFFIX)) return { ok: false, error: "invalidScope" };
    const resource = scopes[0].slice(0, -DEFAULT_SUFFIX.length);
    if (isGuid(resource)) {
        const sp = tenant.spByAppId(resource, at);
        return sp ? { ok: true, aud: sp.appId, sp } : { ok: false, error: "resourceNotFound", resource };
    }
    const known = [
        { url: ctx.cloud.graph.endpoint, appId: ResourceApps["Microsoft Graph"] },
        { url: origin, appId: ResourceApps["Microsoft Graph"] },
        { url: ctx.cloud.exchange.endpoint, appId: ResourceApps[ctx.cloud.exchange.resourceApp] },
    ].find((k) => trim(k.url) === trim(resource));
    const sp = known && tenant.spByAppId(known.appId, at);
    return known && sp ? { ok: true, aud: known.url, sp } : { ok: false, error: "resourceNotFound", resource };
}

function basicAuth(req: HttpRequest): { clientId: string; secret: string } | undefined {
    const m = /^Basic\s+(\S+)$/i.exec(header(req.headers, "authorization") ?? "");
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0) return undefined;
    // RFC 6749 §2.3.1: client ID and secret are form-urlencoded before Basic encoding.
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return { clientId: dec(decoded.slice(0, i)), secret: dec(decoded.slice(i + 1)) };
}

/** Answers one token request: an access token, or the AADSTS error Entra gives for the first check that fails. */
export async function tokenEndpoint(req: HttpRequest, ctx: EmulatorContext, tenantName: string): Promise<Reply> {
    const form = new URLSearchParams(req.body.toString("utf8"));
    const ids: EntraIds = newEntraIds(form.get("client-request-id") ?? req.url.searchParams.get("client-request-id") ?? header(req.headers, "client-request-id"));
    const login = ctx.cloud.loginEndpoint;
    const at = Date.now();

    const tenant = ctx.store.tenant(tenantName);
    if (!tenant) return aadstsReply("tenantNotFound", { tenant: tenantName }, ids, login);

    const grantType = form.get("grant_type");
    if (!grantType) return aadstsReply("missingParameter", { parameter: "grant_type" }, ids, login);
    if (grantType !== "client_credentials") {
        return entraUnsupported(400, "unsupported_grant_type", `The emulator supports only grant_type=client_credentials, not '${grantType}'.`, ids);
    }
    const basic = basicAuth(req);
    const clientId = (form.get("client_id") ?? basic?.clientId ?? "").toLowerCase();
    if (!clientId) return aadstsReply("missingParameter", { parameter: "client_id" }, ids, login);
    const scope = form.get("scope");
    if (!scope) return aadstsReply("missingParameter", { parameter: "scope" }, ids, login);
    const secret = form.get("client_secret") ?? basic?.secret;
    const assertion = form.get("client_assertion");
    if (!secret && !assertion) return aadstsReply("missingCredential", {}, ids, login);

    const app = tenant.appByAppId(clientId, at);
    const sp = app && tenant.spByAppId(clientId, at);
    if (!app || !sp) return aadstsReply("appNotFound", { clientId, tenantName: tenant.displayName }, ids, login);
    if (!sp.accountEnabled) return aadstsReply("appDisabled", { clientId, appName: sp.displayName }, ids, login);

    let appidacr: "1" | "2";
    if (assertion) {
        if (form.get("client_assertion_type") !== JWT_BEARER) return aadstsReply("missingParameter", { parameter: "client_assertion_type" }, ids, login);
        const requested = `${req.url.origin}${req.url.pathname}`;
        const audiences = [requested, `${req.url.origin}/${tenant.id}/oauth2/v2.0/token`];
        const result = verifyClientAssertion(assertion, app, clientId, audiences, at);
        if (!result.ok) return aadstsReply(result.error, result.args, ids, login);
        appidacr = "2";
    } else {
        // A secret whose startDateTime is still ahead does not match: no documented AADSTS code for a
        // secret that is not valid yet was found, so it gets the unknown secret's answer (7000215).
        const matching = app.passwordCredentials.filter((c) => app.secrets[c.keyId] === secret && Date.parse(c.startDateTime) <= at);
        if (!matching.length) return aadstsReply("invalidSecret", { clientId }, ids, login);
        if (!matching.some((c) => Date.parse(c.endDateTime) > at)) {
            return aadstsReply("expiredSecret", { clientId }, ids, login);
        }
        appidacr = "1";
    }

    const resource = resolveScope(scope, ctx, tenant, at, req.url.origin);
    if (!resource.ok) {
        return resource.error === "invalidScope"
            ? aadstsReply("invalidScope", { scope }, ids, login)
            : aadstsReply("resourceNotFound", { resource: resource.resource, tenantName: tenant.displayName }, ids, login);
    }
    const token = await issueAccessToken(ctx, tenant, sp, resource, appidacr, at);
    return json(
        200,
        { token_type: "Bearer", expires_in: token.expiresIn, ext_expires_in: token.expiresIn, access_token: token.accessToken },
        { "Cache-Control": "no-store, no-cache", "x-ms-request-id": ids.traceId, "client-request-id": ids.correlationId },
    );
}
