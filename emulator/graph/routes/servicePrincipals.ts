/**
 * Service principals: list (`$filter=appId eq '…'` finds a resource's principal,
 * concepts/permissions-grant-via-msgraph.md), get (by object ID or `(appId='…')`), create
 * (`owners@odata.bind` adds owners), update, delete.
 * Creating one for an application that is not (yet) visible answers
 * `Request_BadRequest` "The appId '…' of the service principal does not reference a valid
 * application object." (NoBackingApplicationObject, ../shared/reference/m365-entra-exchange-facts.md §5).
 *
 * @module
 */
import { newServicePrincipal } from "../../store/factory";
import type { GraphRoute } from "../call";
import { denied, graphError, notFound } from "../errors";
import { entityReply, listReply, noContent } from "../odata";
import type { ServicePrincipalRow } from "../../store/rows";
import { ServicePrincipalProperties, ServicePrincipalReadOnly } from "../shapes/directoryObjects";
import { bodyOf, boundIds, documentedProperties, findSp, mergeComplex, owns, selectsKeys, servicePrincipalView, stringProp } from "./shared";

/** The properties the emulator interprets; every other documented one is kept as written. */
const HANDLED = ["appId", "accountEnabled", "tags", "displayName"];

/** Applies a create/update body (undeclared properties throw a QueryError). */
function applyBody(sp: ServicePrincipalRow, body: Record<string, unknown>): ServicePrincipalRow {
    let next: ServicePrincipalRow = { ...sp, properties: mergeComplex(sp.properties, documentedProperties(body, "servicePrincipal", ServicePrincipalProperties, HANDLED, ServicePrincipalReadOnly)) };
    if (typeof body.accountEnabled === "boolean") next = { ...next, accountEnabled: body.accountEnabled };
    if (Array.isArray(body.tags)) next = { ...next, tags: body.tags.map(String) };
    if (typeof body.displayName === "string") next = { ...next, displayName: body.displayName };
    return next;
}

/** The `/servicePrincipals` routes. */
export const servicePrincipalRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: "servicePrincipals", permission: "servicePrincipals.read",
        handle: (call) =>
            listReply(call, {
                set: "servicePrincipals", entity: "servicePrincipal", rows: call.tenant.servicePrincipals.list(call.at),
                view: (sp) => servicePrincipalView(sp), filterable: ["id", "appId", "displayName", "servicePrincipalType", "accountEnabled"],
            }),
    },
    {
        method: "GET", path: "servicePrincipals/{id}", permission: "servicePrincipals.read",
        handle: (call) => {
            const sp = findSp(call);
            return sp ? entityReply(call, "servicePrincipals", "servicePrincipal", servicePrincipalView(sp, selectsKeys(call))) : notFound(call.params.id, call.ids);
        },
    },
    {
        method: "POST", path: "servicePrincipals", permission: "servicePrincipals.write",
        handle: (call) => {
            const appId = stringProp(bodyOf(call), "appId").toLowerCase();
            const app = call.tenant.appByAppId(appId, call.at);
            if (!app) {
                return graphError(400, "Request_BadRequest", `The appId '${appId}' of the service principal does not reference a valid application object.`, call.ids);
            }
            if (call.access === "owned" && !owns(call, app)) return denied(call.ids);
            if (call.tenant.spByAppId(appId, call.at)) {
                return graphError(409, "Request_MultipleObjectsWithSameKeyValue", `Another object with the same value for property servicePrincipalNames already exists.`, call.ids);
            }
            const body = bodyOf(call);
            const owners = [...new Set(boundIds(body, "owners"))];
            const missing = owners.find((o) => !call.tenant.servicePrincipals.get(o, call.at) && !call.tenant.users.get(o, call.at));
            if (missing) return notFound(missing, call.ids);
            const sp = applyBody(newServicePrincipal(app, call.tenant.id, owners), body);
            call.tenant.servicePrincipals.put(sp, call.ctx.store.stamp(call.claims.oid));
            return entityReply(call, "servicePrincipals", "servicePrincipal", servicePrincipalView(sp), 201);
        },
    },
    {
        method: "PATCH", path: "servicePrincipals/{id}", permission: "servicePrincipals.write",
        handle: (call) => {
            const sp = findSp(call);
            if (!sp) return notFound(call.params.id, call.ids);
            const app = call.tenant.appByAppId(sp.appId, call.at);
            if (call.access === "owned" && !(app && owns(call, app))) return denied(call.ids);
            call.tenant.servicePrincipals.put(applyBody(sp, bodyOf(call)), call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
    {
        method: "DELETE", path: "servicePrincipals/{id}", permission: "servicePrincipals.write",
        handle: (call) => {
            const sp = findSp(call);
            if (!sp) return notFound(call.params.id, call.ids);
            const app = call.tenant.appByAppId(sp.appId, call.at);
            if (call.access === "owned" && !(app && owns(call, app))) return denied(call.ids);
            call.tenant.servicePrincipals.remove(sp.id, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
];
