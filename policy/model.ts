/**
 * What the guardrails read from a stack: its connectors, each with the application, grants and
 * credentials that belong to it, built from the resources the engine hands a stack policy.
 *
 * A connector is either a `ConnectorApplication` component (its profile is one of its outputs) or
 * an `azuread.Application` declared by plain `@pulumi/azuread` code that carries the
 * `m365-connectors` tag (its profile, if any, from a `m365-connectors-profile:<name>` tag).
 * Grants and credentials belong to a connector through their parent component or through the
 * properties they take from its service principal or application (`principalObjectId`,
 * `servicePrincipalObjectId`, `applicationId`), which the engine knows even during a preview.
 *
 * Values that are unknown during a preview read as `undefined` instead of aborting the policy.
 *
 * @module
 */
import { MANAGED_TAG } from "../catalog";

/** Type tokens of the resources the guardrails read. */
export const Types = {
    component: "m365-connectors:index:ConnectorApplication",
    application: "azuread:index/application:Application",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    appRoleAssignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
    delegatedGrant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    roleAssignment: "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
    directoryRole: "azuread:index/directoryRole:DirectoryRole",
    certificate: "azuread:index/applicationCertificate:ApplicationCertificate",
    password: "azuread:index/applicationPassword:ApplicationPassword",
} as const;

/** Prefix of the tag that names a plain azuread application's connector profile. */
export const PROFILE_TAG_PREFIX = "m365-connectors-profile:";

/** The part of `@pulumi/policy`'s `PolicyResource` the guardrails use. */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, any>;
    readonly parent?: StackResource;
    readonly dependencies?: readonly StackResource[];
    readonly propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
}

/** One connector of the stack and the resources that belong to it. */
export interface Connector {
    /** The component's name, or the plain application's resource name. */
    readonly name: string;
    /** Profile name as declared (`snow-atlas-m365`, `custom`, …); undefined when none is declared. */
    readonly profile?: string;
    /** For `custom`: the profile it starts from. */
    readonly base?: string;
    /** The `azuread.Application`, when the stack declares one (not for adopted applications). */
    application?: StackResource;
    readonly grants: StackResource[];
    readonly credentials: StackResource[];
}

/**
 * Reads `get()` and returns undefined when the value is unknown during a preview (`@pulumi/policy`
 * throws its UnknownValueError on such a property).
 */
export function known<T>(get: () => T): T | undefined {
    try {
        return get();
    } catch (e) {
        if (e instanceof Error && /can't be known during preview/.test(e.message)) return undefined;
        throw e;
    }
}

function stringList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Reads a list property: `[]` when it is not set, `undefined` when it is unknown during a
 * preview (as a whole or in an element) or not a list.
 */
export function knownList(get: () => unknown): unknown[] | undefined {
    return known(() => {
        const v = get();
        if (v === undefined || v === null) return [];
        return Array.isArray(v) ? [...v] : undefined;
    });
}

/** True when the application carries the tag every connector application gets. */
export function isTaggedConnectorApp(app: StackResource): boolean {
    const tags = stringList(knownList(() => app.props.tags));
    return tags.some((t) => t === MANAGED_TAG || t.startsWith(`${MANAGED_TAG}:`));
}

function componentOf(r: StackResource): StackResource | undefined {
    for (let p = r.parent; p; p = p.parent) if (p.type === Types.component) return p;
    return undefined;
}

/** The resources `r` takes `property` from. */
function sources(r: StackResource, property: string): readonly StackResource[] {
    return r.propertyDependencies?.[property] ?? [];
}

/** Builds the stack's connectors; resources that belong to none are left out. */
export function connectorsOf(resources: readonly StackResource[]): Connector[] {
    const byKey = new Map<string, Connector>();
    for (const r of resources) {
        if (r.type !== Types.component) continue;
        const profile = known(() => r.props.profile);
        const base = known(() => r.props.profileBase);
        byKey.set(r.urn, {
            name: r.name,
            profile: typeof profile === "string" ? profile : undefined,
            base: typeof base === "string" ? base : undefined,
            grants: [],
            credentials: [],
        });
    }
    const appConnector = new Map<string, Connector>();
    for (const app of resources) {
        if (app.type !== Types.application) continue;
        const component = componentOf(app);
        let connector = component ? byKey.get(component.urn) : undefined;
        if (!connector && isTaggedConnectorApp(app)) {
            const tags = stringList(knownList(() => app.props.tags));
            const profile = tags.find((t) => t.startsWith(PROFILE_TAG_PREFIX))?.slice(PROFILE_TAG_PREFIX.length);
            connector = { name: app.name, profile, grants: [], credentials: [] };
            byKey.set(app.urn, connector);
        }
        if (!connector) continue;
        connector.application = app;
        appConnector.set(app.urn, connector);
    }
    const spConnector = new Map<string, Connector>();
    for (const sp of resources) {
        if (sp.type !== Types.servicePrincipal) continue;
        const component = componentOf(sp);
        const viaApp = [...sources(sp, "clientId"), ...(sp.dependencies ?? [])].map((d) => appConnector.get(d.urn)).find(Boolean);
        const connector = (component && byKey.get(component.urn)) || viaApp;
        if (connector) spConnector.set(sp.urn, connector);
    }
    const owner = (r: StackResource, property: string, via: Map<string, Connector>) => {
        const component = componentOf(r);
        if (component && byKey.has(component.urn)) return byKey.get(component.urn);
        return sources(r, property).map((d) => via.get(d.urn)).find(Boolean);
    };
    for (const r of resources) {
        if (r.type === Types.appRoleAssignment || r.type === Types.roleAssignment) owner(r, "principalObjectId", spConnector)?.grants.push(r);
        else if (r.type === Types.delegatedGrant) owner(r, "servicePrincipalObjectId", spConnector)?.grants.push(r);
        else if (r.type === Types.certificate || r.type === Types.password) owner(r, "applicationId", appConnector)?.credentials.push(r);
    }
    return [...byKey.values()];
}
