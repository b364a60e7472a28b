/**
 * What `m365-connectors discover` makes of each application it read: adopt it as a connector
 * (exact or superset match of a profile), or report it (ambiguous, incomplete, unrelated), and for
 * adopted ones the stack-config entry and what `pulumi up` will still add.
 *
 * Pure (no I/O); the names of the written connectors are unique and valid connector names.
 *
 * @module
 */
import { DelegatedScopes, Profiles, classifyRights, describeRight, resolveProfile, type Classification, type ProfileName, type ResolvedProfile, type ResourceAppName, type RightKey } from "../../catalog";
import type { DiscoveredApplication } from "../../probe/discover";

/** A connector entry of `m365-connectors:connectors`, as discover writes it. */
export interface ConnectorEntry {
    readonly name: string;
    readonly profile: ProfileName;
    readonly base?: ProfileName;
    readonly delegatedScopes?: readonly string[];
    readonly displayName?: string;
    readonly existingApplication: { readonly objectId: string; readonly clientId: string; readonly servicePrincipalObjectId: string };
}

/** An application discover adopts. */
export interface Adoption {
    readonly entry: ConnectorEntry;
    /** The profile the program will manage (the entry resolved). */
    readonly profile: ResolvedProfile;
    /** Rights the application holds beyond the profile that the stack leaves as they are. */
    readonly unmanaged: readonly RightKey[];
    /** What `pulumi up` will still create for it, in words. */
    readonly remaining: readonly string[];
}

/** Discover's finding for one application. */
export interface Finding {
    readonly app: DiscoveredApplication;
    readonly verdict: Classification;
    /** Set when the application is adopted. */
    readonly adoption?: Adoption;
    /** Why a matching application is not adopted (reported instead). */
    readonly blocked?: string;
    /** Observations worth a look (credential kind, sign-in audience). */
    readonly notes: readonly string[];
}

const NAME_MAX = 40;

/** A connector name from a display name: lower-case letters, digits and dashes, at most 40 characters. */
export function connectorName(displayName: string, taken: ReadonlySet<string>, fallback: string): string {
    let base = displayName.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, NAME_MAX).replace(/-+$/, "");
    if (!base) base = fallback;
    for (let i = 1; ; i++) {
        const suffix = i === 1 ? "" : `-${i}`;
        const name = `${base.slice(0, NAME_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
        if (!taken.has(name)) return name;
    }
}

/** `value` for Microsoft Graph, `Resource/value` otherwise (the profile spec's syntax). */
const permissionText = (resource: string, value: string) => (resource === "Microsoft Graph" ? value : `${resource}/${value}`);

/** Scopes the application holds on a delegated grant the profile also manages (the stack would narrow that grant to its own scopes). */
function sharedGrantExtras(app: DiscoveredApplication, profile: ResolvedProfile) {
    const managed = new Set(profile.delegatedScopes.map((s) => s.resource as string));
    const want = new Set(profile.delegatedScopes.map((s) => `${s.resource}/${s.value}`));
    return app.grants.delegated.filter((d) => managed.has(d.resource)).flatMap((d) => d.scopes.filter((s) => !want.has(`${d.resource}/${s}`)).map((value) => ({ resource: d.resource, value })));
}

function notesOf(app: DiscoveredApplication, profile: ResolvedProfile): string[] {
    const notes: string[] = [];
    const hasCert = app.credentials.some((c) => c.type === "certificate");
    const hasSecret = app.credentials.some((c) => c.type === "secret");
    if (profile.credential === "certificate" && !hasCert) notes.push(`the ${profile.name} connector signs in with a certificate, and this application has none`);
    if (profile.credential === "secret" && !hasSecret) notes.push(`the ${profile.name} connector signs in with a client secret, and this application has none`);
    if (app.signInAudience && app.signInAudience !== profile.signInAudience) notes.push(`sign-in audience is ${app.signInAudience}; the connector expects ${profile.signInAudience} (single tenant)`);
    const missingUris = profile.webRedirectUris.filter((u) => !app.redirectUris.some((r) => r.replace(/\/$/, "") === u.replace(/\/$/, "")));
    if (missingUris.length) notes.push(`web redirect URI ${missingUris.join(", ")} is not set`);
    return notes;
}

function remainingOf(profile: ResolvedProfile): string[] {
    return profile.credential === "certificate"
        ? ["a certificate generated and attached by the stack (the application's existing certificates are left as they are)", "the connection proof (ConnectorConnection: signs in and reads, changes nothing)"]
        : ["a client secret added by the stack (Graph never returns an existing secret's value; existing secrets are left as they are)", "the connection proof (ConnectorConnection: signs in and reads, changes nothing)"];
}

function adopt(app: DiscoveredApplication, matched: ProfileName, extra: readonly RightKey[], name: string, displayNames: Set<string>): Adoption | string {
    if (!app.servicePrincipalObjectId) return "it has no service principal in this tenant";
    let profile = resolveProfile({ profile: matched });
    const shared = sharedGrantExtras(app, profile);
    const unknown = shared.filter((s) => !(s.resource in DelegatedScopes) || !(s.value in DelegatedScopes[s.resource as ResourceAppName]));
    if (unknown.length) {
        return `its delegated grant also holds ${unknown.map((s) => describeRight(`scope:${s.resource}/${s.value}`)).join(", ")}, which the catalog does not know, and the stack would narrow that grant to the profile's scopes`;
    }
    const delegatedScopes = shared.map((s) => permissionText(s.resource, s.value));
    if (delegatedScopes.length) profile = resolveProfile({ profile: "custom", base: matched, delegatedScopes });
    const managedScopes = new Set(shared.map((s) => `scope:${s.resource}/${s.value}`));
    const displayName = app.displayName.trim() && app.displayName.length <= 120 && !displayNames.has(app.displayName.toLowerCase()) ? app.displayName : undefined;
    if (displayName) displayNames.add(displayName.toLowerCase());
    const entry: ConnectorEntry = {
        name,
        ...(delegatedScopes.length ? { profile: "custom" as const, base: matched, delegatedScopes } : { profile: matched }),
        ...(displayName ? { displayName } : {}),
        existingApplication: { objectId: app.objectId, clientId: app.clientId, servicePrincipalObjectId: app.servicePrincipalObjectId },
    };
    return { entry, profile, unmanaged: extra.filter((k) => !managedScopes.has(k)), remaining: remainingOf(profile) };
}

/** Classifies every application and plans the adoption of those that match a profile. */
export function planDiscovery(apps: readonly DiscoveredApplication[]): Finding[] {
    const names = new Set<string>();
    const displayNames = new Set<string>();
    return apps.map((app) => {
        const verdict = classifyRights(app.held);
        if (verdict.kind !== "exact" && verdict.kind !== "superset") return { app, verdict, notes: [] };
        const matched = verdict.fit.profile;
        const name = connectorName(app.displayName, names, Profiles[matched].name);
        const adoption = adopt(app, matched, verdict.fit.extra, name, displayNames);
        if (typeof adoption === "string") return { app, verdict, blocked: adoption, notes: notesOf(app, resolveProfile({ profile: matched })) };
        names.add(name);
        return { app, verdict, adoption, notes: notesOf(app, adoption.profile) };
    });
}
