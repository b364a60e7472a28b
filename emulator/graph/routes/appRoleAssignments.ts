/**
 * App role assignments (application permissions with admin consent):
 * `servicePrincipals/{resource}/appRoleAssignedTo` and `servicePrincipals/{client}/appRoleAssignments`,
 * list, get, create (`{principalId, resourceId, appRoleId}` → 201), delete
 * (api/serviceprincipal-post-approleassignedto, api/serviceprincipal-post-approleassignments;
 * concepts/permissions-grant-via-msgraph.md). The assignment shows in new tokens' `roles` once
 * replicated.
 *
 * @module
 */
import { newAppRoleAssignment } from "../../store/factory";
import type { AppRoleAssignmentRow } from "../../store/rows";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest, notFound } from "../errors";
import { entityReply, listReply, noContent } from "../odata";
import { bodyOf, findSp, stringProp } from "./shared";

type Side = "appRoleAssignedTo" | "appRoleAssignments";

/** Assignments where the path's principal is the resource (assignedTo) or the principal (assignments). */
const onSide = (side: Side, spId: string) => (a: AppRoleAssignmentRow) => (side === "appRoleAssignedTo" ? a.resourceId : a.principalId) === spId;

function list(side: Side) {
    return (call: GraphCall) => {
        const sp = findSp(call);
        if (!sp) return notFound(call.params.id, call.ids);
        const rows = call.tenant.appRoleAssignments.list(call.at).filter(onSide(side, sp.id));
        return listReply(call, {
            set: `servicePrincipals('${sp.id}')/${side}`, entity: "appRoleAssignment", rows, view: (a) => ({ ...a }),
            filterable: ["id", "principalId", "resourceId", "appRoleId", "principalType"],
        });
    };
}

function create(side: Side) {
    return (call: GraphCall) => {
        const pathSp = findSp(call);
        if (!pathSp) return notFound(call.params.id, call.ids);
        const body = bodyOf(call);
        const principalId = stringProp(body, "principalId").toLowerCase();
        const resourceId = stringProp(body, "resourceId").toLowerCase();
        const appRoleId = stringProp(body, "appRoleId").toLowerCase();
        if ((side === "appRoleAssignedTo" ? resourceId : principalId) !== pathSp.id) {
            return badRequest(`The ${side === "appRoleAssignedTo" ? "resourceId" : "principalId"} must be the service principal in the request URL.`, call.ids);
        }
        const principal = call.tenant.servicePrincipals.get(principalId, call.at);
        if (!principal) return notFound(principalId, call.ids);
        const resource = call.tenant.servicePrincipals.get(resourceId, call.at);
        if (!resource) return notFound(resourceId, call.ids);
        if (!resource.appRoles.some((r) => r.id === appRoleId)) {
            return badRequest(`Permission being assigned was not found on application '${resource.appId}'.`, call.ids);
        }
        const exists = call.tenant.appRoleAssignments.find(call.at, (a) => a.principalId === principalId && a.resourceId === resourceId && a.appRoleId === appRoleId);
        if (exists) return badRequest("Permission being assigned already exists on the object.", call.ids);
        const row = newAppRoleAssignment(principal, resource, appRoleId);
        call.tenant.appRoleAssignments.put(row, call.ctx.store.stamp(call.claims.oid));
        return entityReply(call, `servicePrincipals('${pathSp.id}')/${side}`, "appRoleAssignment", { ...row }, 201);
    };
}

function getOne(side: Side) {
    return (call: GraphCall) => {
        const sp = findSp(call);
        if (!sp) return notFound(call.params.id, call.ids);
        const row = call.tenant.appRoleAssignments.get(call.params.assignmentId, call.at);
        if (!row || !onSide(side, sp.id)(row)) return notFound(call.params.assignmentId, call.ids);
        return entityReply(call, `servicePrincipals('${sp.id}')/${side}`, "appRoleAssignment", { ...row });
    };
}

function remove(side: Side) {
    return (call: GraphCall) => {
        const sp = findSp(call);
        if (!sp) return notFound(call.params.id, call.ids);
        const row = call.tenant.appRoleAssignments.get(call.params.assignmentId, call.at);
        if (!row || !onSide(side, sp.id)(row)) return notFound(call.params.assignmentId, call.ids);
        call.tenant.appRoleAssignments.remove(row.id, call.ctx.store.stamp(call.claims.oid));
        return noContent(call);
    };
}

/** The app role assignment routes, from the resource side (`appRoleAssignedTo`) and the client side (`appRoleAssignments`). */
export const appRoleAssignmentRoutes: readonly GraphRoute[] = (["appRoleAssignedTo", "appRoleAssignments"] as const).flatMap((side) => [
    { method: "GET" as const, path: `servicePrincipals/{id}/${side}`, permission: "appRoleAssignments.read" as const, handle: list(side) },
    { method: "POST" as const, path: `servicePrincipals/{id}/${side}`, permission: "appRoleAssignments.write" as const, handle: create(side) },
    { method: "GET" as const, path: `servicePrincipals/{id}/${side}/{assignmentId}`, permission: "appRoleAssignments.read" as const, handle: getOne(side) },
    { method: "DELETE" as const, path: `servicePrincipals/{id}/${side}/{assignmentId}`, permission: "appRoleAssignments.write" as const, handle: remove(side) },
]);
