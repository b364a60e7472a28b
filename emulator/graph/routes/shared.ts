/**
 * Helpers the Graph route modules share: request bodies, lookups by object ID or alternate key
 * (`applications(appId='…')`, `servicePrincipals(appId='…')`), public views of rows.
 *
 * @module
 */
import type { ApplicationRow, KeyCredential, ServicePrincipalRow } from "../../store/rows";
import type { ReadAt } from "../../store/table";
import type { GraphCall } from "../call";
import { QueryError } from "../odata";
import { ApplicationProperties, ServicePrincipalProperties } from "../shapes/directoryObjects";

/** The JSON object body of a write; a 400 otherwise (Graph's message for unreadable payloads). */
export function bodyOf(call: GraphCall): Record<string, unknown> {
    const b = call.body;
    if (!b || typeof b !== "object" || Array.isArray(b)) {
        throw new QueryError("BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    }
    return b as Record<string, unknown>;
}

/** A required string property of a body. */
export function stringProp(body: Record<string, unknown>, name: string): string {
    const v = body[name];
    if (typeof v !== "string" || !v) throw new QueryError("Request_BadRequest", `Property '${name}' is required and must be a non-empty string.`);
    return v;
}

/** `{id}` → a row by object ID, or by `appId=…`. */
export function findByKey<T extends { id: string; appId: string }>(list: (at: ReadAt, test: (r: T) => boolean) => T | undefined, key: string, at: ReadAt): T | undefined {
    const k = key.toLowerCase();
    const byAppId = /^appid=(.+)$/.exec(k);
    return byAppId ? list(at, (r) => r.appId === byAppId[1]) : list(at, (r) => r.id === k);
}

/** The application the call's `{id}` (object ID or `appId=…`) names, as seen at `call.at`. */
export const findApp = (call: GraphCall, key = call.params.id): ApplicationRow | undefined =>
    findByKey<ApplicationRow>((at, t) => call.tenant.applications.find(at, t), key, call.at);

/** The service principal the call's `{id}` (object ID or `appId=…`) names, as seen at `call.at`. */
export const findSp = (call: GraphCall, key = call.params.id): ServicePrincipalRow | undefined =>
    findByKey<ServicePrincipalRow>((at, t) => call.tenant.servicePrincipals.find(at, t), key, call.at);

/** Whether the caller (its service principal) owns `app`. */
export const owns = (call: GraphCall, app: ApplicationRow): boolean => app.owners.includes(call.claims.oid);

/** keyCredential as Graph returns it: `key` only when asked for (resources/keycredential). */
const keyView = (k: KeyCredential, withKey: boolean) => ({ ...k, key: withKey ? k.key : null });

/** Whether `$select` names keyCredentials (then `key` is returned on a single object). */
export const selectsKeys = (call: GraphCall): boolean => (call.odata.select ?? []).some((s) => s.toLowerCase() === "keycredentials");

/** `webApplication` of a new application (resources/webapplication). */
const WEB_DEFAULTS = { homePageUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false }, logoutUrl: null, redirectUriSettings: [], redirectUris: [] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `patch` over `base`, merging complex (object) values one level deep: a PATCH that sends `api`
 * without `oauth2PermissionScopes` keeps the stored scopes, as Graph does (terraform-provider-azuread
 * sends such partial complex values on update and reads the rest back unchanged).
 */
export function mergeComplex(base: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = isPlainObject(v) && isPlainObject(base[k]) ? { ...base[k], ...v } : v;
    return out;
}

/** An application as Graph returns it: every documented property, no hidden fields (secret values, owners), `key` only when asked for. */
export function applicationView(app: ApplicationRow, withKey = false): Record<string, unknown> {
    const { secrets: _secrets, owners: _owners, properties, web, ...rest } = app;
    return { ...mergeComplex(ApplicationProperties, properties), ...rest, web: { ...WEB_DEFAULTS, ...web }, keyCredentials: app.keyCredentials.map((k) => keyView(k, withKey)) };
}

/** A service principal as Graph returns it: every documented property, `key` only when asked for. */
export function servicePrincipalView(sp: ServicePrincipalRow, withKey = false): Record<string, unknown> {
    const { owners: _owners, properties, ...rest } = sp;
    return { ...mergeComplex(ServicePrincipalProperties, properties), ...rest, keyCredentials: sp.keyCredentials.map((k) => keyView(k, withKey)) };
}

/**
 * A write of a property the type does not declare: Graph answers 400 with the OData library's
 * message (Microsoft.OData.Core `ValidationUtils_PropertyDoesNotExistOnType`).
 */
export function undeclaredProperty(name: string, entity: string): QueryError {
    return new QueryError(
        "BadRequest",
        `The property '${name}' does not exist on type 'microsoft.graph.${entity}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
}

/**
 * The documented, uninterpreted properties of a write body (graph/shapes/directoryObjects.ts),
 * to store as written (a complex value replaces the stored one, as a PATCH does). `handled` are
 * the properties the caller interprets itself; `readOnly` ones are ignored (clients send `id`
 * back); `@odata.type` and `…@odata.bind` annotations are the caller's to read. Anything else is
 * {@link undeclaredProperty}.
 */
export function documentedProperties(
    body: Record<string, unknown>,
    entity: string,
    documented: Readonly<Record<string, unknown>>,
    handled: readonly string[],
    readOnly: readonly string[],
): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
        if (k.startsWith("@odata.") || k.endsWith("@odata.bind") || handled.includes(k) || readOnly.includes(k)) continue;
        if (!(k in documented)) throw undeclaredProperty(k, entity);
        out[k] = v;
    }
    return out;
}

/** The object IDs of `…@odata.bind` URLs (`https://…/v1.0/directoryObjects/{id}`). */
export function boundIds(body: Record<string, unknown>, name: string): string[] {
    const v = body[`${name}@odata.bind`];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new QueryError("BadRequest", `'${name}@odata.bind' must be an array of directoryObject URLs.`);
    return v.map((u) => {
        const m = /\/directoryObjects\/([0-9a-f-]{36})$/i.exec(String(u));
        if (!m) throw new QueryError("BadRequest", `Invalid '${name}@odata.bind' URL '${String(u)}'.`);
        return m[1].toLowerCase();
    });
}
