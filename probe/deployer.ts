/**
 * The deployer check: which of the rights a stack needs (catalog/deployer.ts) the identity that
 * runs `pulumi up` holds, read from an app-only token for Microsoft Graph (its `roles` and
 * `wids`), and whether the Microsoft service principals the connectors are granted rights on
 * exist in the tenant. Never throws for what it finds: a token failure comes back classified.
 *
 * @module
 */
import { DeployerRights, DirectoryRoles, ResourceApps, holdsRight, satisfiesPermission, type DeployerRightName, type ResourceAppName } from "../catalog";
import { deployerToken, type DeployerSignIn } from "./deployerToken";
import type { ProbeEndpoints } from "./endpoints";
import { AadstsRemedies, UNKNOWN_TOKEN_FAILURE_REMEDY, deployerRightRemedy, servicePrincipalRemedy } from "./remedies";
import { fetchWithRetry } from "./retry";
import type { TokenClaims, TokenFailure } from "./tokens";

/** Input of {@link checkDeployer}: the deployer's credential, or an access token it already has. */
export interface DeployerCheckInput extends DeployerSignIn {
    /** The rights to check. */
    readonly rights: readonly DeployerRightName[];
    /** App IDs of Microsoft service principals that must exist in the tenant (looked up with the token). */
    readonly servicePrincipals?: readonly string[];
    /** Applications about to be created: a same-named one without `ownerTag` in its tags is a conflict. */
    readonly applications?: readonly PlannedApplication[];
}

/** A Microsoft service principal looked up in the tenant. */
export interface ServicePrincipalLookup {
    readonly appId: string;
    /** Its object ID, when it exists. */
    readonly objectId?: string;
    /** Graph's answer when the lookup itself failed (e.g. `403 Authorization_RequestDenied`). */
    readonly error?: string;
}

/** An application the stack will create (catalog/ownership.ts). */
export interface PlannedApplication {
    readonly displayName: string;
    /** The tag an application this stack created for this connector carries. */
    readonly ownerTag: string;
    /** Where the name is configured, e.g. `m365-connectors:connectors[0].displayName`. */
    readonly property: string;
}

/** A same-named application that this stack did not create, or why the lookup failed. */
export interface NameLookup extends PlannedApplication {
    readonly conflict?: { readonly objectId: string; readonly clientId: string };
    readonly error?: string;
}

/** What {@link checkDeployer} found. */
export type DeployerCheck =
    | {
          readonly ok: true;
          readonly claims: TokenClaims;
          readonly held: readonly DeployerRightName[];
          readonly missing: readonly DeployerRightName[];
          readonly servicePrincipals: readonly ServicePrincipalLookup[];
          readonly applications: readonly NameLookup[];
      }
    | { readonly ok: false; readonly failure: TokenFailure };

/** Gets (or reads) a Graph token of the deployer and says which of `rights` it holds and which service principals exist. */
export async function checkDeployer(input: DeployerCheckInput): Promise<DeployerCheck> {
    const token = await deployerToken(input, "checkDeployer");
    if (!token.ok) return token;
    const { accessToken, claims, endpoints } = token;
    const held = input.rights.filter((r) => holdsRight(r, claims));
    const [servicePrincipals, applications] = await Promise.all([
        Promise.all((input.servicePrincipals ?? []).map((appId) => lookupServicePrincipal(endpoints, accessToken!, appId))),
        Promise.all((input.applications ?? []).map((a) => lookupName(endpoints, accessToken!, a))),
    ]);
    return { ok: true, claims, held, missing: input.rights.filter((r) => !held.includes(r)), servicePrincipals, applications };
}

/** `GET /v1.0/servicePrincipals?$filter=appId eq '…'` (concepts/permissions-grant-via-msgraph.md: how a resource's principal is found). */
async function lookupServicePrincipal(endpoints: ProbeEndpoints, accessToken: string, appId: string): Promise<ServicePrincipalLookup> {
    const url = `${endpoints.graphRoot}v1.0/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${appId}'`)}&$select=id,appId`;
    try {
        const { response } = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${accessToken}` } });
        const body = (await response.json().catch(() => ({}))) as { value?: { id: string }[]; error?: { code?: string; message?: string } };
        if (!response.ok) return { appId, error: `${response.status} ${body.error?.code ?? ""}: ${body.error?.message ?? ""}`.trim() };
        const found = body.value?.[0];
        return found ? { appId, objectId: found.id } : { appId };
    } catch (e) {
        return { appId, error: (e as Error).message };
    }
}

/** `GET /v1.0/applications?$filter=displayName eq '…'` (a string literal's quote doubled, OData ABNF): a same-named application without the stack's tag. */
async function lookupName(endpoints: ProbeEndpoints, accessToken: string, planned: PlannedApplication): Promise<NameLookup> {
    const filter = `displayName eq '${planned.displayName.replace(/'/g, "''")}'`;
    const url = `${endpoints.graphRoot}v1.0/applications?$filter=${encodeURIComponent(filter)}&$select=id,appId,displayName,tags`;
    try {
        const { response } = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${accessToken}` } });
        const body = (await response.json().catch(() => ({}))) as { value?: { id: string; appId: string; displayName: string; tags?: string[] }[]; error?: { code?: string; message?: string } };
        if (!response.ok) return { ...planned, error: `${response.status} ${body.error?.code ?? ""}: ${body.error?.message ?? ""}`.trim() };
        const foreign = (body.value ?? []).find((a) => a.displayName === planned.displayName && !(a.tags ?? []).includes(planned.ownerTag));
        return foreign ? { ...planned, conflict: { objectId: foreign.id, clientId: foreign.appId } } : planned;
    } catch (e) {
        return { ...planned, error: (e as Error).message };
    }
}

/** One line of a preflight: a right, a service principal, or the sign-in itself. */
export interface PreflightCheck {
    /** `signIn`, a right's name (`roleAssignments`), or `servicePrincipal:<app display name>`. */
    readonly name: string;
    readonly status: "pass" | "fail";
    /** What it means, in words. */
    readonly summary: string;
    /** What was seen: the permission or role held, Entra's or Graph's answer. */
    readonly evidence?: string;
    /** What to do (failures). */
    readonly remedy?: string;
}

const appName = (appId: string) => (Object.keys(ResourceApps) as ResourceAppName[]).find((n) => ResourceApps[n] === appId) ?? appId;

/** The checks of a {@link DeployerCheck}, in order: sign-in, each right, each service principal. */
export function preflightChecks(found: DeployerCheck, rights: readonly DeployerRightName[]): PreflightCheck[] {
    if (!found.ok) {
        const known = found.failure.aadsts ? AadstsRemedies[found.failure.aadsts] : undefined;
        return [{
            name: "signIn", status: "fail",
            summary: `the deployer cannot get a token${known ? `: ${known.meaning}` : ""}`,
            evidence: [found.failure.aadsts, found.failure.message].filter(Boolean).join(": "),
            remedy: known?.remedy ?? UNKNOWN_TOKEN_FAILURE_REMEDY,
        }];
    }
    const out: PreflightCheck[] = [{ name: "signIn", status: "pass", summary: "the deployer gets a Microsoft Graph token", evidence: `appid ${found.claims.appid ?? "?"}` }];
    for (const r of rights) {
        const right = DeployerRights[r];
        const holds = found.held.includes(r);
        const via = [...right.appRoles.filter((a) => satisfiesPermission(a, found.claims.roles)), ...right.directoryRoles.filter((n) => found.claims.wids.includes(DirectoryRoles[n]))];
        out.push(holds
            ? { name: r, status: "pass", summary: `can ${right.does}`, evidence: via.length ? `holds ${via[0]}` : "holds Global Administrator" }
            : { name: r, status: "fail", summary: `cannot ${right.does}`, evidence: `the token holds none of: ${[...right.appRoles, ...right.directoryRoles].join(" | ")}`, remedy: deployerRightRemedy(r) });
    }
    for (const sp of found.servicePrincipals) {
        const name = appName(sp.appId);
        if (sp.objectId) out.push({ name: `servicePrincipal:${name}`, status: "pass", summary: `${name} has a service principal in the tenant`, evidence: `object ID ${sp.objectId}` });
        else if (sp.error) out.push({ name: `servicePrincipal:${name}`, status: "fail", summary: `cannot look up the service principal of ${name}`, evidence: sp.error, remedy: deployerRightRemedy("applications") });
        else out.push({ name: `servicePrincipal:${name}`, status: "fail", summary: `${name} (${sp.appId}) has no service principal in the tenant, so its permissions cannot be granted`, remedy: servicePrincipalRemedy(name, sp.appId) });
    }
    for (const a of found.applications) {
        const name = `displayName:${a.displayName}`;
        if (a.conflict) {
            out.push({
                name, status: "fail",
                summary: `an application named "${a.displayName}" already exists that this stack did not create (${a.property})`,
                evidence: `object ID ${a.conflict.objectId}, client ID ${a.conflict.clientId}`,
                remedy: `Adopt it: set existingApplication: { objectId: ${a.conflict.objectId}, clientId: ${a.conflict.clientId} } on that connector (its grants and credential are then managed, the application is not), or choose another displayName`,
            });
        } else if (a.error) {
            out.push({ name, status: "fail", summary: `cannot look up applications named "${a.displayName}"`, evidence: a.error, remedy: deployerRightRemedy("applications") });
        } else {
            out.push({ name, status: "pass", summary: `no other application is named "${a.displayName}"` });
        }
    }
    return out;
}
