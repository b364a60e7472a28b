/**
 * Reads what a tenant's applications hold, for `m365-connectors discover`: every application
 * (credentials, owners), its service principal, the application permissions granted to it (app
 * role assignments), its delegated grants (oauth2PermissionGrants) and its directory role
 * assignments, with each ID named the way Microsoft names it. Read-only, with the deployer's Graph
 * token; classification is catalog/discovery.ts.
 *
 * Graph calls (https://learn.microsoft.com/graph/api/<page>):
 * - application-list (`$select`, paged with `@odata.nextLink`), application-get with
 *   `$select=keyCredentials` (the certificate's `key` is returned only then: resources/keycredential),
 *   application-list-owners;
 * - serviceprincipal-list (appId → object ID), serviceprincipal-get (a resource's `appRoles`, to name
 *   an assignment's `appRoleId`), serviceprincipal-list-approleassignments;
 * - oauth2permissiongrant-list (`$filter=clientId eq …`);
 * - rbacapplication-list-roleassignments (`$filter=principalId eq …`).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { ResourceApps, directoryRoleName, type HeldRights } from "../catalog";
import { deployerToken, type DeployerSignIn } from "./deployerToken";
import type { ProbeEndpoints } from "./endpoints";
import { mapPool } from "./pool";
import { fetchWithRetry } from "./retry";
import type { TokenFailure } from "./tokens";

/** Input of {@link discoverApplications}: the deployer's credential, or a Graph access token. */
export interface DiscoverInput extends DeployerSignIn {
    /** Applications read at once (default 8). */
    readonly concurrency?: number;
}

/** A certificate or secret on an application. Never a secret value. */
export interface DiscoveredCredential {
    readonly type: "certificate" | "secret";
    readonly keyId: string;
    readonly displayName?: string;
    /** SHA-1 of the certificate's DER, upper-case hex (as the Azure portal shows it); certificates only. */
    readonly thumbprint?: string;
    readonly endDateTime?: string;
    /** The first characters of a secret, as Graph returns them (`hint`); secrets only. */
    readonly hint?: string;
}

/** An owner of an application. */
export interface DiscoveredOwner {
    readonly id: string;
    /** `user`, `servicePrincipal`, … (from `@odata.type`). */
    readonly type: string;
    readonly displayName?: string;
    readonly userPrincipalName?: string;
}

/** One granted right with the ID of the object that grants it (the import ID's part). */
export interface DiscoveredGrants {
    /** App role assignments: `resourceSpId` + `id` make the azuread import ID. */
    readonly appRoles: readonly { readonly resource: string; readonly value: string; readonly id: string; readonly resourceSpId: string }[];
    /** AllPrincipals delegated grants, one per resource; `scopes` in Graph's order. */
    readonly delegated: readonly { readonly resource: string; readonly id: string; readonly resourceSpId: string; readonly scopes: readonly string[] }[];
    /** Directory role assignments; `scope` is `directoryScopeId`. */
    readonly roles: readonly { readonly name: string; readonly templateId: string; readonly id: string; readonly scope: string }[];
}

/** What discovery read about one application. */
export interface DiscoveredApplication {
    readonly objectId: string;
    readonly clientId: string;
    readonly displayName: string;
    readonly signInAudience?: string;
    readonly redirectUris: readonly string[];
    /** The service principal's object ID; undefined when the application has none in this tenant. */
    readonly servicePrincipalObjectId?: string;
    readonly credentials: readonly DiscoveredCredential[];
    readonly owners: readonly DiscoveredOwner[];
    readonly grants: DiscoveredGrants;
    /** The rights, as catalog/discovery.ts compares them with the profiles. */
    readonly held: HeldRights;
}

/** Result of {@link discoverApplications}. */
export type DiscoverResult =
    | { readonly ok: true; readonly deployerAppId?: string; readonly applications: readonly DiscoveredApplication[] }
    | { readonly ok: false; readonly failure: TokenFailure | { readonly message: string; readonly status?: number; readonly code?: string } };

/** A Graph read that failed: status and Graph's error code, without the token. */
export class GraphReadError extends Error {
    constructor(readonly path: string, readonly status: number, readonly code: string | undefined, message: string) {
        super(`GET ${path}: ${status} ${code ?? ""}${message ? `: ${message}` : ""}`.trim());
    }
}

type Json = Record<string, any>;

class GraphReader {
    private readonly resourceSps = new Map<string, Promise<Json>>();
    constructor(private readonly endpoints: ProbeEndpoints, private readonly token: string) {}

    async get(path: string): Promise<Json> {
        const url = /^https?:\/\//.test(path) ? path : `${this.endpoints.graphRoot}v1.0/${path}`;
        const { response } = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${this.token}` } });
        const body = (await response.json().catch(() => ({}))) as Json;
        if (!response.ok) throw new GraphReadError(path.replace(/^https?:\/\/[^/]+\/v1\.0\//, ""), response.status, body?.error?.code, String(body?.error?.message ?? "").split("\n")[0]);
        return body;
    }

    /** Every page of a collection. */
    async list(path: string): Promise<Json[]> {
        const out: Json[] = [];
        for (let next: string | undefined = path; next; ) {
            const body = await this.get(next);
            out.push(...((body.value as Json[]) ?? []));
            next = body["@odata.nextLink"];
        }
        return out;
    }

    /** A resource service principal (id, appId, displayName, appRoles), read once. */
    resourceSp(id: string): Promise<Json> {
        let sp = this.resourceSps.get(id);
        if (!sp) {
            sp = this.get(`servicePrincipals/${id}?$select=id,appId,displayName,appRoles`);
            this.resourceSps.set(id, sp);
        }
        return sp;
    }
}

const filter = (expr: string) => `$filter=${encodeURIComponent(expr)}`;

/** Our name of a resource application: the catalog's (`Microsoft Graph`), else its display name, else its app ID. */
function resourceName(sp: Json): string {
    const known = Object.entries(ResourceApps).find(([, appId]) => appId === String(sp.appId).toLowerCase());
    return known?.[0] ?? sp.displayName ?? sp.appId;
}

function certificates(app: Json, withKeys: Json): DiscoveredCredential[] {
    const keys: Json[] = withKeys.keyCredentials ?? [];
    return (app.keyCredentials ?? []).map((k: Json) => {
        const der = keys.find((x) => x.keyId === k.keyId)?.key;
        return {
            type: "certificate" as const,
            keyId: k.keyId,
            ...(k.displayName ? { displayName: k.displayName } : {}),
            ...(der ? { thumbprint: createHash("sha1").update(Buffer.from(der, "base64")).digest("hex").toUpperCase() } : {}),
            ...(k.endDateTime ? { endDateTime: k.endDateTime } : {}),
        };
    });
}

function secrets(app: Json): DiscoveredCredential[] {
    return (app.passwordCredentials ?? []).map((p: Json) => ({
        type: "secret" as const,
        keyId: p.keyId,
        ...(p.displayName ? { displayName: p.displayName } : {}),
        ...(p.hint ? { hint: p.hint } : {}),
        ...(p.endDateTime ? { endDateTime: p.endDateTime } : {}),
    }));
}

async function grantsOf(g: GraphReader, spId: string): Promise<DiscoveredGrants> {
    const [assignments, grants, roles] = await Promise.all([
        g.list(`servicePrincipals/${spId}/appRoleAssignments`),
        g.list(`oauth2PermissionGrants?${filter(`clientId eq '${spId}'`)}`),
        g.list(`roleManagement/directory/roleAssignments?${filter(`principalId eq '${spId}'`)}`),
    ]);
    const appRoles = await Promise.all(
        assignments.map(async (a) => {
            const res = await g.resourceSp(a.resourceId);
            const value = (res.appRoles as Json[] | undefined)?.find((r) => r.id === a.appRoleId)?.value ?? a.appRoleId;
            return { resource: resourceName(res), value: String(value), id: String(a.id), resourceSpId: String(a.resourceId) };
        }),
    );
    const delegated = await Promise.all(
        grants
            .filter((x) => x.consentType === "AllPrincipals")
            .map(async (x) => ({ resource: resourceName(await g.resourceSp(x.resourceId)), id: String(x.id), resourceSpId: String(x.resourceId), scopes: String(x.scope ?? "").split(" ").filter(Boolean) })),
    );
    return {
        appRoles,
        delegated,
        roles: roles.map((r) => ({ name: directoryRoleName(r.roleDefinitionId) ?? r.roleDefinitionId, templateId: String(r.roleDefinitionId), id: String(r.id), scope: String(r.directoryScopeId ?? "/") })),
    };
}

/** The rights of {@link DiscoveredGrants}; a role assigned on a narrower scope than the tenant is named with its scope, so it matches no profile. */
export function heldRightsOf(grants: DiscoveredGrants): HeldRights {
    return {
        appRoles: grants.appRoles.map((a) => ({ resource: a.resource, value: a.value })),
        delegatedScopes: grants.delegated.flatMap((d) => d.scopes.map((value) => ({ resource: d.resource, value }))),
        directoryRoles: grants.roles.map((r) => (r.scope === "/" ? r.name : `${r.name} (scope ${r.scope})`)),
    };
}

async function readApplication(g: GraphReader, app: Json, spId: string | undefined): Promise<DiscoveredApplication> {
    const empty: DiscoveredGrants = { appRoles: [], delegated: [], roles: [] };
    const [withKeys, owners, grants] = await Promise.all([
        (app.keyCredentials ?? []).length ? g.get(`applications/${app.id}?$select=keyCredentials`) : Promise.resolve({}),
        // No $select: owners are users or service principals, and only users have userPrincipalName.
        g.list(`applications/${app.id}/owners`),
        spId ? grantsOf(g, spId) : Promise.resolve(empty),
    ]);
    return {
        objectId: app.id,
        clientId: app.appId,
        displayName: app.displayName ?? "",
        ...(app.signInAudience ? { signInAudience: app.signInAudience } : {}),
        redirectUris: app.web?.redirectUris ?? [],
        ...(spId ? { servicePrincipalObjectId: spId } : {}),
        credentials: [...certificates(app, withKeys), ...secrets(app)],
        owners: owners.map((o) => ({
            id: o.id,
            type: String(o["@odata.type"] ?? "#microsoft.graph.directoryObject").replace("#microsoft.graph.", ""),
            ...(o.displayName ? { displayName: o.displayName } : {}),
            ...(o.userPrincipalName ? { userPrincipalName: o.userPrincipalName } : {}),
        })),
        grants,
        held: heldRightsOf(grants),
    };
}

/**
 * Reads every application of the tenant with the deployer's token. Never throws for what Graph
 * answers: a sign-in failure or a refused read comes back as `ok: false` with Graph's status and code.
 */
export async function discoverApplications(input: DiscoverInput): Promise<DiscoverResult> {
    const signedIn = await deployerToken(input, "discoverApplications");
    if (!signedIn.ok) return signedIn;
    const g = new GraphReader(signedIn.endpoints, signedIn.accessToken);
    try {
        const [apps, sps] = await Promise.all([
            g.list("applications?$select=id,appId,displayName,signInAudience,web,keyCredentials,passwordCredentials"),
            g.list("servicePrincipals?$select=id,appId"),
        ]);
        const spOf = new Map(sps.map((s) => [String(s.appId).toLowerCase(), String(s.id)]));
        const sorted = [...apps].sort((a, b) => String(a.displayName).localeCompare(String(b.displayName)) || String(a.appId).localeCompare(String(b.appId)));
        const applications = await mapPool(sorted, input.concurrency ?? 8, (a) => readApplication(g, a, spOf.get(String(a.appId).toLowerCase())));
        return { ok: true, ...(signedIn.claims.appid ? { deployerAppId: signedIn.claims.appid } : {}), applications };
    } catch (e) {
        if (e instanceof GraphReadError) return { ok: false, failure: { message: e.message, status: e.status, code: e.code } };
        return { ok: false, failure: { message: (e as Error).message } };
    }
}
