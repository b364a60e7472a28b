/**
 * Delegated permission grants: `/oauth2PermissionGrants` list (filter by clientId, resourceId,
 * consentType), get, create (`{clientId, consentType: "AllPrincipals", principalId: null,
 * resourceId, scope}`), update `scope`, delete (api/oauth2permissiongrant-*,
 * concepts/permissions-grant-via-msgraph.md).
 *
 * @module
 */
import { newGrant } from "../../store/factory";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest, notFound } from "../errors";
import { entityReply, listReply, noContent } from "../odata";
import { bodyOf, stringProp } from "./shared";

const find = (call: GraphCall) => call.tenant.grants.get(call.params.id, call.at);

/** The `/oauth2PermissionGrants` routes. */
export const grantRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: "oauth2PermissionGrants", permission: "grants.read",
        handle: (call) =>
            listReply(call, {
                set: "oauth2PermissionGrants", entity: "oAuth2PermissionGrant", rows: call.tenant.grants.list(call.at), view: (g) => ({ ...g }),
                filterable: ["id", "clientId", "resourceId", "consentType", "principalId"],
            }),
    },
    {
        method: "GET", path: "oauth2PermissionGrants/{id}", permission: "grants.read",
        handle: (call) => {
            const g = find(call);
            return g ? entityReply(call, "oauth2PermissionGrants", "oAuth2PermissionGrant", { ...g }) : notFound(call.params.id, call.ids);
        },
    },
    {
        method: "POST", path: "oauth2PermissionGrants", permission: "grants.write",
        handle: (call) => {
            const body = bodyOf(call);
            const clientId = stringProp(body, "clientId").toLowerCase();
            const resourceId = stringProp(body, "resourceId").toLowerCase();
            const consentType = stringProp(body, "consentType");
            const principalId = typeof body.principalId === "string" ? body.principalId.toLowerCase() : null;
            if (consentType !== "AllPrincipals" && consentType !== "Principal") return badRequest(`Invalid consentType '${consentType}'.`, call.ids);
            if ((consentType === "Principal") !== (principalId !== null)) return badRequest("principalId is required for consentType Principal and must be null for AllPrincipals.", call.ids);
            if (!call.tenant.servicePrincipals.get(clientId, call.at)) return notFound(clientId, call.ids);
            if (!call.tenant.servicePrincipals.get(resourceId, call.at)) return notFound(resourceId, call.ids);
            const grant = newGrant(clientId, resourceId, typeof body.scope === "string" ? body.scope : "", principalId);
            call.tenant.grants.put(grant, call.ctx.store.stamp(call.claims.oid));
            return entityReply(call, "oauth2PermissionGrants", "oAuth2PermissionGrant", { ...grant }, 201);
        },
    },
    {
        method: "PATCH", path: "oauth2PermissionGrants/{id}", permission: "grants.write",
        handle: (call) => {
            const g = find(call);
            if (!g) return notFound(call.params.id, call.ids);
            call.tenant.grants.put({ ...g, scope: stringProp(bodyOf(call), "scope") }, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
    {
        method: "DELETE", path: "oauth2PermissionGrants/{id}", permission: "grants.write",
        handle: (call) => {
            const g = find(call);
            if (!g) return notFound(call.params.id, call.ids);
            call.tenant.grants.remove(g.id, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
];
