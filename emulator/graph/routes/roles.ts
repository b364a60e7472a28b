/**
 * Directory roles: `roleManagement/directory/roleDefinitions` (the built-in roles of
 * catalog/ids.ts; a built-in role definition's id is its template ID),
 * `roleManagement/directory/roleAssignments` list / create / get / delete
 * (`{roleDefinitionId: <template id>, principalId, directoryScopeId: "/"}` → 201,
 * api/rbacapplication-post-roleassignments) and `directoryRoles` (activated roles: those with an
 * assignment; also `directoryRoles(roleTemplateId='…')`). Assignments show in new tokens' `wids`.
 *
 * @module
 */
import { DirectoryRoles, directoryRoleName, isGuid } from "../../../catalog";
import { newRoleAssignment } from "../../store/factory";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest, notFound } from "../errors";
import { entityReply, listReply, noContent } from "../odata";
import { bodyOf, stringProp } from "./shared";

const DEFS = "roleManagement/directory/roleDefinitions";
const ASSIGNMENTS = "roleManagement/directory/roleAssignments";

const definitions = () =>
    Object.entries(DirectoryRoles).map(([displayName, templateId]) => ({
        id: templateId, templateId, displayName, description: null, isBuiltIn: true, isEnabled: true, rolePermissions: [], version: "1",
    }));

/** Activated directory roles of the tenant (templates with at least one visible assignment). */
function activated(call: GraphCall) {
    const templates = new Set(call.tenant.roleAssignments.list(call.at).map((r) => r.roleDefinitionId));
    return [...templates].map((templateId) => ({
        id: call.tenant.directoryRoleObjectId(templateId),
        deletedDateTime: null,
        description: null,
        displayName: directoryRoleName(templateId) ?? templateId,
        roleTemplateId: templateId,
    }));
}

/** The `roleManagement/directory/*` and `/directoryRoles` routes. */
export const roleRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: DEFS, permission: "roleManagement.read",
        handle: (call) => listReply(call, { set: DEFS, entity: "unifiedRoleDefinition", rows: definitions(), view: (d) => d, filterable: ["id", "displayName", "templateId", "isBuiltIn"] }),
    },
    {
        method: "GET", path: `${DEFS}/{id}`, permission: "roleManagement.read",
        handle: (call) => {
            const d = definitions().find((x) => x.id === call.params.id.toLowerCase());
            return d ? entityReply(call, DEFS, "unifiedRoleDefinition", d) : notFound(call.params.id, call.ids);
        },
    },
    {
        method: "GET", path: ASSIGNMENTS, permission: "roleManagement.read",
        handle: (call) =>
            listReply(call, {
                set: ASSIGNMENTS, entity: "unifiedRoleAssignment", rows: call.tenant.roleAssignments.list(call.at), view: (r) => ({ ...r }),
                filterable: ["id", "principalId", "roleDefinitionId", "directoryScopeId"],
            }),
    },
    {
        method: "GET", path: `${ASSIGNMENTS}/{id}`, permission: "roleManagement.read",
        handle: (call) => {
            const r = call.tenant.roleAssignments.get(call.params.id, call.at);
            return r ? entityReply(call, ASSIGNMENTS, "unifiedRoleAssignment", { ...r }) : notFound(call.params.id, call.ids);
        },
    },
    {
        method: "POST", path: ASSIGNMENTS, permission: "roleAssignments.write",
        handle: (call) => {
            const body = bodyOf(call);
            const roleDefinitionId = stringProp(body, "roleDefinitionId").toLowerCase();
            const principalId = stringProp(body, "principalId").toLowerCase();
            const directoryScopeId = typeof body.directoryScopeId === "string" ? body.directoryScopeId : "/";
            if (!isGuid(roleDefinitionId) || !directoryRoleName(roleDefinitionId)) return notFound(roleDefinitionId, call.ids);
            const principal = call.tenant.servicePrincipals.get(principalId, call.at) ?? call.tenant.users.get(principalId, call.at);
            if (!principal) return notFound(principalId, call.ids);
            if (directoryScopeId !== "/") return badRequest("The emulator supports directoryScopeId '/' only.", call.ids);
            const row = newRoleAssignment(roleDefinitionId, principalId, directoryScopeId);
            call.tenant.roleAssignments.put(row, call.ctx.store.stamp(call.claims.oid));
            return entityReply(call, ASSIGNMENTS, "unifiedRoleAssignment", { ...row }, 201);
        },
    },
    {
        method: "DELETE", path: `${ASSIGNMENTS}/{id}`, permission: "roleAssignments.write",
        handle: (call) => {
            const r = call.tenant.roleAssignments.get(call.params.id, call.at);
            if (!r) return notFound(call.params.id, call.ids);
            call.tenant.roleAssignments.remove(r.id, call.ctx.store.stamp(call.claims.oid));
            return noContent(call);
        },
    },
    {
        method: "GET", path: "directoryRoles", permission: "directoryRoles.read",
        handle: (call) => listReply(call, { set: "directoryRoles", entity: "directoryRole", rows: activated(call), view: (d) => d, filterable: ["id", "displayName", "roleTemplateId"] }),
    },
    {
        method: "GET", path: "directoryRoles/{id}", permission: "directoryRoles.read",
        handle: (call) => {
            const key = call.params.id.toLowerCase();
            const byTemplate = /^roletemplateid=(.+)$/.exec(key);
            const d = activated(call).find((r) => (byTemplate ? r.roleTemplateId === byTemplate[1] : r.id === key));
            return d ? entityReply(call, "directoryRoles", "directoryRole", d) : notFound(call.params.id, call.ids);
        },
    },
];
