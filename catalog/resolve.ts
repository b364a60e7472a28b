/**
 * The one resolver from Microsoft's names to IDs: profiles, permissions and roles.
 *
 * Pure functions; unknown names fail loudly with a {@link ConfigError} naming every unknown name.
 *
 * @module
 */
import { ConfigError } from "./errors";
import {
    AppRoles,
    DelegatedScopes,
    DirectoryRoles,
    ResourceApps,
    type DirectoryRoleName,
    type ResourceAppName,
} from "./ids";
import {
    isProfileName,
    ProfileNames,
    Profiles,
    type ConnectorProfile,
    type CredentialKind,
    type GraphRead,
    type PermissionName,
    type ProfileName,
} from "./profiles";

/** A connector's profile as the user writes it (stack config, CLI flags, drift files). */
export interface ProfileSpec {
    /** A name from {@link ProfileNames}. */
    profile: string;
    /** For `custom`: the profile to start from; default none (an empty profile). */
    base?: string;
    /**
     * Extra application permissions: `"User.Read.All"` (Microsoft Graph) or
     * `"<resource app display name>/<value>"`, e.g. `"Office 365 Exchange Online/Exchange.ManageAsApp"`.
     */
    appRoles?: string[];
    /** Extra delegated permissions, same syntax as {@link ProfileSpec.appRoles}. */
    delegatedScopes?: string[];
    /** Extra directory roles by display name, e.g. `"Directory Readers"`. */
    directoryRoles?: string[];
    /** `add` (default) appends the lists above to the base; `replace` uses them instead. */
    mode?: "add" | "replace";
}

/** A permission with its IDs resolved. */
export interface ResolvedPermission {
    readonly resource: ResourceAppName;
    readonly resourceAppId: string;
    readonly value: string;
    readonly id: string;
}

/** A directory role with its template ID. */
export interface ResolvedRole {
    readonly name: DirectoryRoleName;
    readonly templateId: string;
}

/** One entry of an application's `requiredResourceAccess`. */
export interface RequiredResourceAccess {
    readonly resourceAppId: string;
    readonly resourceAccess: { readonly id: string; readonly type: "Role" | "Scope" }[];
}

/** A profile with every name turned into an ID. */
export interface ResolvedProfile {
    readonly name: ProfileName;
    readonly base?: ProfileName;
    readonly title: string;
    readonly credential: CredentialKind;
    /** Default `credential.certificateSlots` for generated certificates (from the profile, or a custom profile's base). */
    readonly certificateSlots: 1 | 2;
    readonly signInAudience: "AzureADMyOrg";
    readonly webRedirectUris: readonly string[];
    readonly exchange: boolean;
    readonly graphReads: readonly GraphRead[];
    readonly appRoles: readonly ResolvedPermission[];
    readonly delegatedScopes: readonly ResolvedPermission[];
    readonly directoryRoles: readonly ResolvedRole[];
    readonly requiredResourceAccess: readonly RequiredResourceAccess[];
    readonly settingsLabels: ConnectorProfile["settingsLabels"];
}

/** Parses `"Value"` (Microsoft Graph) or `"Resource App/Value"` into a {@link PermissionName}. */
export function parsePermissionName(text: string): PermissionName | undefined {
    const slash = text.lastIndexOf("/");
    const resource = slash < 0 ? "Microsoft Graph" : text.slice(0, slash).trim();
    const value = (slash < 0 ? text : text.slice(slash + 1)).trim();
    if (!value || !(resource in ResourceApps)) return undefined;
    return { resource: resource as ResourceAppName, value };
}

type Table = { readonly [R in ResourceAppName]: Readonly<Record<string, string>> };

function resolvePermissions(
    names: readonly (PermissionName | string)[],
    table: Table,
    property: string,
    kind: string,
): ResolvedPermission[] {
    const unknown: string[] = [];
    const out: ResolvedPermission[] = [];
    for (const n of names) {
        const p = typeof n === "string" ? parsePermissionName(n) : n;
        const id = p ? table[p.resource][p.value] : undefined;
        if (!p || !id) {
            unknown.push(typeof n === "string" ? n : `${n.resource}/${n.value}`);
            continue;
        }
        if (!out.some((o) => o.id === id)) {
            out.push({ resource: p.resource, resourceAppId: ResourceApps[p.resource], value: p.value, id });
        }
    }
    if (unknown.length) {
        throw new ConfigError(
            property,
            `unknown ${kind} ${unknown.map((u) => `"${u}"`).join(", ")}`,
            `Use a name from the catalog (catalog/ids.ts), written "Permission.Value" for Microsoft Graph or "Resource App/Permission.Value"`,
        );
    }
    return out;
}

function resolveRoles(names: readonly string[], property: string): ResolvedRole[] {
    const unknown = names.filter((n) => !(n in DirectoryRoles));
    if (unknown.length) {
        throw new ConfigError(
            property,
            `unknown directory role ${unknown.map((u) => `"${u}"`).join(", ")}`,
            `Use a built-in role's display name: ${Object.keys(DirectoryRoles).join(", ")}`,
        );
    }
    const unique = [...new Set(names)] as DirectoryRoleName[];
    return unique.map((name) => ({ name, templateId: DirectoryRoles[name] }));
}

function requiredAccess(appRoles: readonly ResolvedPermission[], scopes: readonly ResolvedPermission[]) {
    const byApp = new Map<string, { id: string; type: "Role" | "Scope" }[]>();
    const add = (p: ResolvedPermission, type: "Role" | "Scope") => {
        const list = byApp.get(p.resourceAppId) ?? [];
        list.push({ id: p.id, type });
        byApp.set(p.resourceAppId, list);
    };
    appRoles.forEach((p) => add(p, "Role"));
    scopes.forEach((p) => add(p, "Scope"));
    return [...byApp.entries()].map(([resourceAppId, resourceAccess]) => ({ resourceAppId, resourceAccess }));
}

function requireProfile(name: string | undefined, property: string): ConnectorProfile {
    if (!isProfileName(name)) {
        throw new ConfigError(
            property,
            name === undefined || name === "" ? "a profile is required" : `unknown profile "${name}"`,
            `Use one of: ${ProfileNames.join(", ")}`,
        );
    }
    return Profiles[name];
}

/**
 * Resolves a {@link ProfileSpec} to IDs. `property` prefixes the property names in errors
 * (e.g. `connectors[0]`), or maps each key to the name the user wrote (e.g. a CLI flag).
 */
export function resolveProfile(spec: ProfileSpec, property: string | ((key: keyof ProfileSpec) => string) = ""): ResolvedProfile {
    const at =
        typeof property === "function" ? property : (p: keyof ProfileSpec) => (property ? `${property}.${p}` : p);
    const profile = requireProfile(spec.profile, at("profile"));
    const extras = (spec.appRoles?.length ?? 0) + (spec.delegatedScopes?.length ?? 0) + (spec.directoryRoles?.length ?? 0);
    if (profile.name !== "custom" && (spec.base !== undefined || spec.mode === "replace")) {
        throw new ConfigError(at(spec.base !== undefined ? "base" : "mode"), `only the "custom" profile takes a base or mode "replace"`, `Set profile: custom to change what "${profile.name}" asks for`);
    }
    if (spec.mode !== undefined && spec.mode !== "add" && spec.mode !== "replace") {
        throw new ConfigError(at("mode"), `unknown mode "${String(spec.mode)}"`, `Use "add" or "replace"`);
    }
    const base = spec.base !== undefined ? requireProfile(spec.base, at("base")) : undefined;
    if (base?.name === "custom") throw new ConfigError(at("base"), `"custom" cannot be its own base`, `Name a concrete profile or leave base out`);
    const start = profile.name === "custom" ? base ?? profile : profile;
    const replace = spec.mode === "replace";

    const appRoles = resolvePermissions([...(replace ? [] : start.appRoles), ...(spec.appRoles ?? [])], AppRoles, at("appRoles"), "application permission");
    const delegatedScopes = resolvePermissions([...(replace ? [] : start.delegatedScopes), ...(spec.delegatedScopes ?? [])], DelegatedScopes, at("delegatedScopes"), "delegated permission");
    const directoryRoles = resolveRoles([...(replace ? [] : start.directoryRoles), ...(spec.directoryRoles ?? [])], at("directoryRoles"));
    if (profile.name === "custom" && !base && extras === 0) {
        throw new ConfigError(at("profile"), `a custom profile needs a base or at least one permission or role`, `Add appRoles, delegatedScopes or directoryRoles, or set base`);
    }
    // Exchange is probed when the app holds Exchange.ManageAsApp (on either Exchange resource app).
    const exchange = appRoles.some((p) => p.value === "Exchange.ManageAsApp");
    return {
        name: profile.name,
        base: base?.name,
        title: profile.name === "custom" && base ? `Custom (based on ${base.title})` : profile.title,
        credential: start.credential,
        certificateSlots: start.certificateSlots,
        signInAudience: start.signInAudience,
        webRedirectUris: start.webRedirectUris,
        exchange,
        graphReads: start.graphReads,
        appRoles,
        delegatedScopes,
        directoryRoles,
        requiredResourceAccess: requiredAccess(appRoles, delegatedScopes),
        settingsLabels: start.settingsLabels,
    };
}
