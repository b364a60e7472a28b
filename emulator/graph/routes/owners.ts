/**
 * Owners of applications and service principals: `GET /{set}/{id}/owners` (a directoryObject
 * collection, each object with its `@odata.type`), `POST /{set}/{id}/owners/$ref`
 * (`{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}` → 204) and
 * `DELETE /{set}/{id}/owners/{ownerId}/$ref` → 204 (api/application-list-owners,
 * application-post-owners, application-delete-owners, and the servicePrincipal pages of the same
 * names). Reading needs the set's read permission, changing needs its write permission.
 *
 * @module
 */
import type { ApplicationRow, ServicePrincipalRow } from "../../store/rows";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest, denied, notFound } from "../errors";
import { listReply, noContent } from "../odata";
import { bodyOf, findApp, findSp, owns, servicePrincipalView } from "./shared";

type Owned = ApplicationRow | ServicePrincipalRow;

interface OwnedSet {
    readonly set: "applications" | "servicePrincipals";
    readonly read: "applications.read" | "servicePrincipals.read";
    readonly write: "applications.write" | "servicePrincipals.write";
    find(call: GraphCall): Owned | undefined;
    put(call: GraphCall, row: Owned): void;
}

const sets: readonly OwnedSet[] = [
    {
        set: "applications", read: "applications.read", write: "applications.write",
        find: (call) => findApp(call),
        put: (call, row) => call.tenant.applications.put(row as ApplicationRow, call.ctx.store.stamp(call.claims.oid)),
    },
    {
        set: "servicePrincipals", read: "servicePrincipals.read", write: "servicePrincipals.write",
        find: (call) => findSp(call),
        put: (call, row) => call.tenant.servicePrincipals.put(row as ServicePrincipalRow, call.ctx.store.stamp(call.claims.oid)),
    },
];

/** A directoryObject as an owner list shows it. */
function ownerView(call: GraphCall, id: string): Record<string, unknown> | undefined {
    const sp = call.tenant.servicePrincipals.get(id, call.at);
    if (sp) return { "@odata.type": "#microsoft.graph.servicePrincipal", ...servicePrincipalView(sp) };
    const user = call.tenant.users.get(id, call.at);
    return user ? { "@odata.type": "#microsoft.graph.user", ...user } : undefined;
}

/** The row, or the reply: 404 when not visible, 403 when OwnedBy access does not cover an application the caller does not own. */
function target(call: GraphCall, s: OwnedSet): Owned | { reply: ReturnType<typeof notFound> } {
    const row = s.find(call);
    if (!row) return { reply: notFound(call.params.id, call.ids) };
    if (call.access === "owned" && s.set === "applications" && !owns(call, row as ApplicationRow)) return { reply: denied(call.ids) };
    return row;
}

/** The owner routes of applications and service principals. */
export const ownerRoutes: readonly GraphRoute[] = sets.flatMap((s) => [
    {
        method: "GET" as const, path: `${s.set}/{id}/owners`, permission: s.read,
        handle: (call: GraphCall) => {
            const row = target(call, s);
            if ("reply" in row) return row.reply;
            const rows = row.owners.map((id) => ownerView(call, id)).filter((v): v is Record<string, unknown> => v !== undefined);
            return listReply(call, { set: "directoryObjects", entity: "directoryObject", rows, view: (v) => v, filterable: ["id"] });
        },
    },
    {
        method: "POST" as const, path: `${s.set}/{id}/owners/$ref`, permission: s.write,
        handle: (call: GraphCall) => {
            const row = target(call, s);
            if ("reply" in row) return row.reply;
            const ref = String(bodyOf(call)["@odata.id"] ?? "");
            const m = /\/directoryObjects\/([0-9a-f-]{36})$/i.exec(ref);
            if (!m) return badRequest(`Invalid '@odata.id' '${ref}': expected a directoryObjects URL.`, call.ids);
            const id = m[1].toLowerCase();
            if (!ownerView(call, id)) return notFound(id, call.ids);
            if (row.owners.includes(id)) return badRequest("One or more added object references already exist for the following modified properties: 'owners'.", call.ids);
            s.put(call, { ...row, owners: [...row.owners, id] });
            return noContent(call);
        },
    },
    {
        method: "DELETE" as const, path: `${s.set}/{id}/owners/{ownerId}/$ref`, permission: s.write,
        handle: (call: GraphCall) => {
            const row = target(call, s);
            if ("reply" in row) return row.reply;
            const id = call.params.ownerId.toLowerCase();
            if (!row.owners.includes(id)) return notFound(id, call.ids);
            s.put(call, { ...row, owners: row.owners.filter((o) => o !== id) });
            return noContent(call);
        },
    },
]);
