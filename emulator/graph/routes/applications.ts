/**
 * Applications: list, get, create, update, delete, addPassword, removePassword
 * (https://learn.microsoft.com/graph/api/resources/application). Writes are visible to reads after
 * the replication lag; until then reads answer 404 `Request_ResourceNotFound`, as a just-created
 * object does on Entra (../shared/reference/m365-entra-exchange-facts.md §5 "Eventual
 * consistency"). Deleting an application deletes its service principal in the same tenant.
 * With Application.ReadWrite.OwnedBy only owned applications are visible and writable; the caller
 * owns the applications it creates.
 *
 * @module
 */
import { keyCredentialFromGraph, newApplication, newPassword } from "../../store/factory";
import type { ApplicationRow, KeyCredential, RequiredResourceAccessRow } from "../../store/rows";
import { LATEST } from "../../store/table";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest, denied, graphHeaders, notFound } from "../errors";
import { entityReply, listReply, noContent } from "../odata";
import { ApplicationProperties, ApplicationReadOnly } from "../shapes/directoryObjects";
import { applicationView, bodyOf, boundIds, documentedProperties, findApp, mergeComplex, owns, selectsKeys, stringProp } from "./shared";
import type { Reply } from "../../http";

/** The application the call names, if visible and allowed; else the error reply. */
function target(call: GraphCall): ApplicationRow | Reply {
    const app = findApp(call);
    if (!app) return notFound(call.params.id, call.ids);
    if (call.access === "owned" && !owns(call, app)) return denied(call.ids);
    return app;
}
const isReply = (v: ApplicationRow | Reply): v is Reply => "status" in v;

/** The properties the emulator interprets; every other documented one is kept as written. */
const HANDLED = ["displayName", "signInAudience", "identifierUris", "requiredResourceAccess", "web", "keyCredentials"];

/** Applies a create/update body; a message for invalid input (undeclared properties throw a QueryError). */
function applyBody(app: ApplicationRow, body: Record<string, unknown>): ApplicationRow | string {
    let next: ApplicationRow = { ...app, properties: mergeComplex(app.properties, documentedProperties(body, "application", ApplicationProperties, HANDLED, ApplicationReadOnly)) };
    if (typeof body.displayName === "string") next = { ...next, displayName: body.displayName };
    if (typeof body.signInAudience === "string") next = { ...next, signInAudience: body.signInAudience };
    if (Array.isArray(body.identifierUris)) next = { ...next, identifierUris: body.identifierUris.map(String) };
    if (Array.isArray(body.requiredResourceAccess)) next = { ...next, requiredResourceAccess: body.requiredResourceAccess as RequiredResourceAccessRow[] };
    const web = body.web as { redirectUris?: unknown } | undefined;
    if (web && typeof web === "object") {
        next = { ...next, web: { ...web, redirectUris: Array.isArray(web.redirectUris) ? web.redirectUris.map(String) : [] } };
    }
    if (Array.isArray(body.keyCredentials)) {
        const keys: KeyCredential[] = [];
        for (const k of body.keyCredentials) {
            const made = keyCredentialFromGraph((k ?? {}) as Record<string, unknown>, app.keyCredentials);
            if (typeof made === "string") return made;
            keys.push(made);
        }
        next = { ...next, keyCredentials: keys };
    }
    return next;
}

/** The `/applications` routes. */
export const applicationRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: "applications", permission: "applications.read",
        handle: (call) => {
            const rows = call.tenant.applications.list(call.at).filter((a) => call.access === "all" || owns(call, a));
            return listReply(call, { set: "applications", entity: "application", rows, view: (a) => applicationView(a), filterable: ["id", "appId", "displayName", "signInAudience"] });
        },
    },
    {
        method: "GET", path: "applications/{id}", permission: "applications.read",
        handle: (call) => {
            const app = target(call);
            return isReply(app) ? app : entityReply(call, "applications", "application", applicationView(app, selectsKeys(call)));
        },
    },
    {
        method: "POST", path: "applications", permission: "applications.create",
        handle: (call) => {
            const body = bodyOf(call);
            // The caller owns what it creates (Application.ReadWrite.OwnedBy); `owners@odata.bind` adds owners.
            const owners = [...new Set([call.claims.oid, ...boundIds(body, "owners")])];
            const missing = owners.find((o) => !call.tenant.servicePrincipals.get(o, call.at) && !call.tenant.users.get(o, call.at));
            if (missing) return notFound(missing, call.ids);
            const created = applyBody(newApplication({ displayName: stringProp(body, "displayName"), owners, publisherDomain: call.tenant.domains[0] }), body);
            if (typeof created === "string") return badRequest(created, call.ids);
            call.tenant.applications.put(created, call.ctx.store.stamp(call.claims.oid));
            return entityReply(call, "applications", "application", applicationView(created), 201);
        },
    },
    {
        method: "PATCH", path: "applications/{id}", permission: "applications.write",
        handle: (call) => {
            const app = target(call);
            if (isReply(app)) return app;
            const updated = applyBody(app, bodyOf(call));
            if (typeof updated === "string") return badRequest(updated, call.ids);
            call.tenant.applications.put(updated, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
    {
        method: "DELETE", path: "applications/{id}", permission: "applications.write",
        handle: (call) => {
            const app = target(call);
            if (isReply(app)) return app;
            const at = call.ctx.store.stamp(call.claims.oid);
            call.tenant.applications.remove(app.id, at);
            const sp = call.tenant.spByAppId(app.appId, LATEST);
            if (sp) call.tenant.servicePrincipals.remove(sp.id, at);
            return noContent(call);
        },
    },
    {
        // api/application-addpassword: returns the passwordCredential with secretText, once.
        method: "POST", path: "applications/{id}/addPassword", permission: "applications.write",
        handle: (call) => {
            const app = target(call);
            if (isReply(app)) return app;
            const input = (bodyOf(call).passwordCredential ?? {}) as Record<string, unknown>;
            const str = (v: unknown) => (typeof v === "string" ? v : undefined);
            const { credential, secret } = newPassword({ displayName: str(input.displayName), startDateTime: str(input.startDateTime), endDateTime: str(input.endDateTime) });
            const updated = { ...app, passwordCredentials: [...app.passwordCredentials, credential], secrets: { ...app.secrets, [credential.keyId]: secret } };
            call.tenant.applications.put(updated, call.ctx.store.stamp(call.claims.oid));
            return {
                status: 200,
                headers: graphHeaders(call.ids),
                body: { "@odata.context": `${call.origin}/v1.0/$metadata#microsoft.graph.passwordCredential`, ...credential, secretText: secret },
            };
        },
    },
    {
        method: "POST", path: "applications/{id}/removePassword", permission: "applications.write",
        handle: (call) => {
            const app = target(call);
            if (isReply(app)) return app;
            const keyId = stringProp(bodyOf(call), "keyId");
            if (!app.passwordCredentials.some((c) => c.keyId === keyId)) return badRequest(`No password credential with keyId '${keyId}'.`, call.ids);
            const { [keyId]: _removed, ...secrets } = app.secrets;
            const updated = { ...app, passwordCredentials: app.passwordCredentials.filter((c) => c.keyId !== keyId), secrets };
            call.tenant.applications.put(updated, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
];
