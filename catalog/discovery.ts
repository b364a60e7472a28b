/**
 * Which connector profile an existing application fits, from the rights it holds: its granted
 * application permissions (app role assignments), delegated permissions (admin consent) and
 * directory roles. Pure: `m365-connectors discover` reads the tenant (probe/discover.ts) and asks
 * {@link classifyRights} what the application is; nothing is guessed:
 *
 * - `exact`: it holds precisely one profile's rights;
 * - `superset`: it holds every right of a profile and more (the extras are named). When several
 *   profiles are covered, the one whose rights include all the others' is chosen (the Active Roles
 *   Microsoft 365 connector's rights include the Azure AD connector's); if none does, `ambiguous`;
 * - `incomplete`: it holds some of a profile's rights but not all (the missing ones are named),
 *   including when it is complete for a smaller profile but holds more of a larger one that
 *   includes it (the extras point to the larger profile);
 * - `unrelated`: it holds none of any profile's rights.
 *
 * Only `exact` and `superset` applications are adopted; the others are reported.
 *
 * @module
 */
import { ProfileNames, type ProfileName } from "./profiles";
import { resolveProfile, type ResolvedProfile } from "./resolve";

/** A right as discovery names it: `app:<resource>/<value>`, `scope:<resource>/<value>` or `role:<name>`. */
export type RightKey = string;

/** The rights one application holds, by kind, each named the way Microsoft names it. */
export interface HeldRights {
    /** Application permissions with admin consent: resource app display name (or app ID) and value. */
    readonly appRoles: readonly { readonly resource: string; readonly value: string }[];
    /** Delegated permissions granted for all principals: resource and scope value. */
    readonly delegatedScopes: readonly { readonly resource: string; readonly value: string }[];
    /** Directory roles by display name (or template ID when the catalog does not know it). */
    readonly directoryRoles: readonly string[];
}

/** How an application's rights compare with one profile's. */
export interface ProfileFit {
    readonly profile: ProfileName;
    /** Rights of the profile the application holds. */
    readonly matched: readonly RightKey[];
    /** Rights of the profile the application lacks. */
    readonly missing: readonly RightKey[];
    /** Rights the application holds beyond the profile. */
    readonly extra: readonly RightKey[];
}

/** Discovery's verdict on one application. */
export type Classification =
    | { readonly kind: "exact" | "superset"; readonly fit: ProfileFit; readonly alsoCovers: readonly ProfileName[] }
    | { readonly kind: "ambiguous"; readonly candidates: readonly ProfileFit[] }
    | { readonly kind: "incomplete"; readonly nearest: readonly ProfileFit[] }
    | { readonly kind: "unrelated" };

/** Profiles discovery can recognise: every profile except `custom` (which names nothing by itself). */
export const DiscoverableProfiles: readonly ProfileName[] = ProfileNames.filter((n) => n !== "custom");

const appKey = (resource: string, value: string): RightKey => `app:${resource}/${value}`;
const scopeKey = (resource: string, value: string): RightKey => `scope:${resource}/${value}`;
const roleKey = (name: string): RightKey => `role:${name}`;

/** The right keys of a resolved profile. */
export function profileRights(p: ResolvedProfile): RightKey[] {
    return [
        ...p.appRoles.map((a) => appKey(a.resource, a.value)),
        ...p.delegatedScopes.map((s) => scopeKey(s.resource, s.value)),
        ...p.directoryRoles.map((r) => roleKey(r.name)),
    ];
}

/** The right keys of what an application holds. */
export function heldRightKeys(held: HeldRights): RightKey[] {
    return [
        ...new Set([
            ...held.appRoles.map((a) => appKey(a.resource, a.value)),
            ...held.delegatedScopes.map((s) => scopeKey(s.resource, s.value)),
            ...held.directoryRoles.map(roleKey),
        ]),
    ].sort();
}

/** A right key in words: `Exchange.ManageAsApp (Office 365 Exchange Online, application)`, `Directory Writers (directory role)`. */
export function describeRight(key: RightKey): string {
    const [kind, rest] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    if (kind === "role") return `${rest} (directory role)`;
    const slash = rest.lastIndexOf("/");
    return `${rest.slice(slash + 1)} (${rest.slice(0, slash)}, ${kind === "app" ? "application" : "delegated"})`;
}

/** Compares `held` with every discoverable profile. */
export function fitProfiles(held: HeldRights, profiles: readonly ProfileName[] = DiscoverableProfiles): ProfileFit[] {
    const have = heldRightKeys(held);
    return profiles.map((name) => {
        const want = profileRights(resolveProfile({ profile: name }));
        return {
            profile: name,
            matched: want.filter((k) => have.includes(k)),
            missing: want.filter((k) => !have.includes(k)),
            extra: have.filter((k) => !want.includes(k)),
        };
    });
}

const covers = (outer: ProfileFit, inner: ProfileFit) => inner.matched.every((k) => outer.matched.includes(k));

/** Classifies an application by the rights it holds (see the module notes for the rules). */
export function classifyRights(held: HeldRights, profiles: readonly ProfileName[] = DiscoverableProfiles): Classification {
    const fits = fitProfiles(held, profiles).filter((f) => f.matched.length + f.missing.length > 0);
    const complete = fits.filter((f) => f.missing.length === 0);
    if (complete.length > 0) {
        // The most specific complete profile: its rights include every other complete profile's.
        const widest = complete.filter((f) => complete.every((g) => covers(f, g)));
        if (widest.length !== 1) return { kind: "ambiguous", candidates: complete };
        const fit = widest[0];
        // A larger profile it holds more of than the complete one (an Active Roles Microsoft 365
        // connector missing a role still holds all of the Azure AD connector's): the extras point
        // to that profile, so it is reported as incomplete, not adopted as the smaller one.
        const larger = fits.filter((f) => f.missing.length > 0 && f.matched.length > fit.matched.length && covers(f, fit));
        if (larger.length) return { kind: "incomplete", nearest: larger };
        return { kind: fit.extra.length === 0 ? "exact" : "superset", fit, alsoCovers: complete.filter((f) => f !== fit).map((f) => f.profile) };
    }
    const partial = fits.filter((f) => f.matched.length > 0).sort((a, b) => a.missing.length - b.missing.length || b.matched.length - a.matched.length);
    if (partial.length === 0) return { kind: "unrelated" };
    return { kind: "incomplete", nearest: partial.filter((f) => f.missing.length === partial[0].missing.length) };
}
