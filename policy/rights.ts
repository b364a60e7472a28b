/**
 * Names the right a grant resource gives (from the catalog's IDs) and decides whether the
 * connector's profile asks for it. Pure functions over {@link StackResource}s.
 *
 * "The profile" is the catalog row the connector names: for `custom`, the row of its `base`
 * (or nothing); rights a custom profile adds on top are extras, which is what the guardrails are
 * for. A connector without a declared profile lists nothing.
 *
 * @module
 */
import {
    AppRoles,
    DirectoryRoles,
    Profiles,
    isProfileName,
    privilegedGraphPermission,
    privilegedRole,
    type ConnectorProfile,
    type PrivilegedRight,
    type ResourceAppName,
} from "../catalog";
import { Types, known, knownList, type Connector, type StackResource } from "./model";

/** One right a grant resource gives. */
export interface Right {
    /** `application permission`, `delegated permission` or `directory role`. */
    readonly kind: "application permission" | "delegated permission" | "directory role";
    /** How the user writes it in a profile or a waiver: `Microsoft Graph/Directory.ReadWrite.All`, `Global Administrator`. */
    readonly label: string;
    /** Permission value or role name; `undefined` when the ID is not in the catalog. */
    readonly value?: string;
    /** The grant resource. */
    readonly resource: StackResource;
    /** Set when Microsoft lists the right as privileged. */
    readonly privileged?: PrivilegedRight;
}

/** The catalog row a connector's rights are measured against; undefined: it lists nothing. */
export function referenceProfile(c: Pick<Connector, "profile" | "base">): ConnectorProfile | undefined {
    if (!isProfileName(c.profile)) return undefined;
    if (c.profile !== "custom") return Profiles[c.profile];
    return isProfileName(c.base) && c.base !== "custom" ? Profiles[c.base] : undefined;
}

/** How the connector's profile is described in messages. */
export function describeProfile(c: Pick<Connector, "profile" | "base">): string {
    if (c.profile === undefined) return "no connector profile (tag the application m365-connectors-profile:<name> to declare one)";
    if (c.profile === "custom") return c.base ? `profile "custom" (based on "${c.base}")` : `profile "custom" (no base)`;
    return `profile "${c.profile}"`;
}

function appRoleName(id: string): { resource: ResourceAppName; value: string } | undefined {
    const lower = id.toLowerCase();
    for (const [resource, roles] of Object.entries(AppRoles) as [ResourceAppName, Record<string, string>][]) {
        const value = Object.keys(roles).find((v) => roles[v] === lower);
        if (value) return { resource, value };
    }
    return undefined;
}

function roleName(id: string): string | undefined {
    const lower = id.toLowerCase();
    return Object.keys(DirectoryRoles).find((n) => DirectoryRoles[n as keyof typeof DirectoryRoles] === lower);
}

/** The rights one grant resource gives; values unknown during a preview give none. */
export function rightsOf(r: StackResource): Right[] {
    if (r.type === Types.appRoleAssignment) {
        const id = known(() => r.props.appRoleId);
        if (typeof id !== "string") return [];
        const name = appRoleName(id);
        if (!name) return [{ kind: "application permission", label: `app role ${id}`, resource: r }];
        const label = name.resource === "Microsoft Graph" ? `Microsoft Graph/${name.value}` : `${name.resource}/${name.value}`;
        const privileged = name.resource === "Microsoft Graph" ? privilegedGraphPermission(name.value) : undefined;
        return [{ kind: "application permission", label, value: name.value, resource: r, privileged }];
    }
    if (r.type === Types.delegatedGrant) {
        const claims = knownList(() => r.props.claimValues);
        if (!Array.isArray(claims)) return [];
        return claims
            .filter((v): v is string => typeof v === "string")
            .map((value) => ({ kind: "delegated permission" as const, label: value, value, resource: r, privileged: privilegedGraphPermission(value) }));
    }
    if (r.type === Types.roleAssignment) {
        const id = known(() => r.props.roleId);
        // Plain code often activates the role in the same stack (azuread.DirectoryRole) and assigns
        // its object ID, unknown during a preview: the DirectoryRole says which role it is.
        const activated = typeof id === "string" ? undefined : (r.propertyDependencies?.roleId ?? []).find((d) => d.type === Types.directoryRole);
        const byTemplate = activated && known(() => activated.props.templateId);
        const byName = activated && known(() => activated.props.displayName);
        const name = typeof id === "string" ? roleName(id) : typeof byTemplate === "string" ? roleName(byTemplate) : typeof byName === "string" && byName in DirectoryRoles ? byName : undefined;
        if (typeof id !== "string" && !name) return [];
        if (!name) return [{ kind: "directory role", label: `directory role ${String(id)}`, resource: r }];
        return [{ kind: "directory role", label: name, value: name, resource: r, privileged: privilegedRole(name) }];
    }
    return [];
}

/** True when the reference profile asks for `right`. */
export function profileLists(profile: ConnectorProfile | undefined, right: Right): boolean {
    if (!profile || right.value === undefined) return false;
    switch (right.kind) {
        case "application permission":
            return profile.appRoles.some((p) => right.label === `${p.resource}/${p.value}`);
        case "delegated permission":
            return profile.delegatedScopes.some((p) => p.value === right.value);
        case "directory role":
            return profile.directoryRoles.includes(right.value as (typeof profile.directoryRoles)[number]);
    }
}

/** True when `waivers` (config `allowedRights`) accepts `right` for `connector`. */
export function isWaived(waivers: Readonly<Record<string, readonly string[]>> | undefined, connector: string, right: Right): boolean {
    const names = [...(waivers?.[connector] ?? []), ...(waivers?.["*"] ?? [])];
    const short = right.label.startsWith("Microsoft Graph/") ? right.label.slice("Microsoft Graph/".length) : undefined;
    return names.some((n) => n === right.label || (short !== undefined && n === short));
}

/** Rights given to `connector` that its reference profile does not list. */
export function extraRights(connector: Connector): Right[] {
    const profile = referenceProfile(connector);
    return connector.grants.flatMap(rightsOf).filter((r) => !profileLists(profile, r));
}
