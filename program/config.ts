/**
 * Stack configuration: one stack is one tenant. {@link parseStackConfig} is pure and validates
 * everything before any resource is created; every error is a {@link ConfigError} naming the key
 * path (`m365-connectors:connectors[1].profile`) and saying what to do.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudNames, Clouds, ConfigError, findCloud, parseGuid, parseTenantId, resolveProfile, type Cloud, type CredentialKind, type ResolvedProfile } from "../catalog";
import { DEFAULT_WARN_DAYS } from "../probe/probe";
import { booleanOr, checkExistingApplication, checkObject, integerIn, nonEmptyString, planCredential, stringList, type CredentialPlan, type CredentialSpec, type ExistingApplication } from "../resources";
import { isVerifyOnly, parseVerifyOnly, type VerifyOnlyConnector } from "./verifyOnly";

/** The config namespace (the Pulumi project name). */
export const CONFIG_NAMESPACE = "m365-connectors";

/** The cloud used when `environment` is not set. */
export const DEFAULT_ENVIRONMENT = "AzureCloud";

/** Keys a connector entry may have. */
export const CONNECTOR_KEYS = ["name", "profile", "base", "mode", "appRoles", "delegatedScopes", "directoryRoles", "displayName", "owners", "credential", "existingApplication"] as const;

/** Config values as read from the stack, not yet checked. */
export interface RawStackConfig {
    /** `m365-connectors:tenantId`. */
    readonly tenantId?: unknown;
    /** `m365-connectors:environment`. */
    readonly environment?: unknown;
    /** `m365-connectors:connectors`. */
    readonly connectors?: unknown;
    /** `m365-connectors:endpointOverride` (the local emulator only). */
    readonly endpointOverride?: unknown;
    /** `m365-connectors:preflight`. */
    readonly preflight?: unknown;
    /** `m365-connectors:warnDays`. */
    readonly warnDays?: unknown;
}

/** One validated connector. */
export interface ConnectorConfig {
    /** Unique name; prefixes every resource name and keys the stack outputs. */
    readonly name: string;
    /** Application display name (default: `name`). */
    readonly displayName: string;
    /** The profile with every permission and role resolved to IDs. */
    readonly profile: ResolvedProfile;
    /** The credential as written (already validated). */
    readonly credential?: CredentialSpec;
    /** The credential kind after defaults. */
    readonly credentialType: CredentialKind;
    /** The validated credential of a managed connector (its property path is `connectors[N].credential`). */
    readonly credentialPlan?: CredentialPlan;
    /** The application to adopt, when set. */
    readonly existingApplication?: ExistingApplication;
    /** Object IDs of the owners of a created application (users or service principals). */
    readonly owners?: readonly string[];
    /** Set in existing-application ("Manual configuration") mode: only the connection is proved. */
    readonly verifyOnly?: VerifyOnlyConnector;
}

/** A validated stack. */
export interface StackConfig {
    /** Directory (tenant) ID, lower case. */
    readonly tenantId: string;
    /** The tenant's cloud. */
    readonly cloud: Cloud;
    /** At least one connector. */
    readonly connectors: readonly ConnectorConfig[];
    /** Base URL every request goes to instead of the cloud's endpoints: the local emulator only. */
    readonly endpointOverride?: string;
    /** Check the deployer's rights before declaring anything (program/preflight.ts); default true. */
    readonly preflight: boolean;
    /** A credential expiring within this many days is an alert (the `expiry` output, `gitops drift`); default 30. */
    readonly warnDays: number;
}

const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/;

/** Reads the raw values from Pulumi config (no validation: see {@link parseStackConfig}). */
export function readStackConfig(config: pulumi.Config = new pulumi.Config(CONFIG_NAMESPACE)): RawStackConfig {
    return {
        tenantId: config.get("tenantId"),
        environment: config.get("environment"),
        connectors: config.getObject<unknown>("connectors"),
        endpointOverride: config.get("endpointOverride"),
        preflight: config.getObject<unknown>("preflight"),
        warnDays: config.getObject<unknown>("warnDays"),
    };
}

/** Validates the stack config. `now` is the time provided certificates are checked against. */
export function parseStackConfig(raw: RawStackConfig, now: Date = new Date()): StackConfig {
    if (raw.tenantId === undefined) {
        throw new ConfigError(key("tenantId"), "is required", "Run `pulumi config set tenantId <Directory (tenant) ID>`");
    }
    const tenantId = parseTenantId(raw.tenantId, key("tenantId"));
    const cloud = parseEnvironment(raw.environment ?? DEFAULT_ENVIRONMENT);
    if (!Array.isArray(raw.connectors) || raw.connectors.length === 0) {
        throw new ConfigError(key("connectors"), raw.connectors === undefined ? "is required" : "must be a non-empty list of connectors", "Add at least one connector, e.g. `- { name: sync-m365, profile: activeroles-m365 }` (see Pulumi.example.yaml)");
    }
    const connectors = raw.connectors.map((c, i) => parseConnector(c, key(`connectors[${i}]`), now));
    rejectDuplicates(connectors.map((c) => c.name), "name");
    rejectDuplicates(connectors.map((c) => c.displayName), "displayName");
    rejectDuplicates(connectors.map((c) => c.existingApplication?.clientId ?? c.verifyOnly?.clientId), "existingApplication.clientId");
    const endpointOverride = parseEndpointOverride(raw.endpointOverride);
    const preflight = booleanOr(raw.preflight, key("preflight"), true);
    const warnDays = integerIn(raw.warnDays ?? DEFAULT_WARN_DAYS, key("warnDays"), 1, 365, "a credential expiring within this many days is reported");
    return { tenantId, cloud, connectors, preflight, warnDays, ...(endpointOverride ? { endpointOverride } : {}) };
}

function parseEndpointOverride(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
        url = new URL(String(value));
    } catch {
        url = undefined;
    }
    if (!url || url.protocol !== "https:" || url.pathname.replace(/\/+$/, "") !== "") {
        throw new ConfigError(key("endpointOverride"), `must be an https base URL without a path, got ${JSON.stringify(value)}`, "It is for the local emulator only (e.g. https://127.0.0.1:8443); leave it unset for a real tenant");
    }
    return url.origin;
}

function parseEnvironment(value: unknown): Cloud {
    const cloud = typeof value === "string" ? findCloud(value) : undefined;
    if (!cloud) {
        const labels = CloudNames.map((n) => `${n} ("${Clouds[n].environmentType}")`).join(", ");
        throw new ConfigError(key("environment"), `unknown environment ${JSON.stringify(value)}`, `Use a cloud name or its Active Roles label: ${labels}`);
    }
    return cloud;
}

function parseConnector(value: unknown, property: string, now: Date): ConnectorConfig {
    const c = checkObject(value, property, CONNECTOR_KEYS);
    const at = (k: string) => `${property}.${k}`;
    if (typeof c.name !== "string" || !NAME.test(c.name)) {
        throw new ConfigError(at("name"), `must be 1–40 letters, digits or dashes, starting and ending with a letter or digit, got ${JSON.stringify(c.name)}`, "Name the connector like a resource, e.g. sync-m365");
    }
    const profile = resolveProfile(
        {
            profile: c.profile as string,
            base: c.base as string | undefined,
            mode: c.mode as "add" | "replace" | undefined,
            appRoles: stringList(c.appRoles, at("appRoles")),
            delegatedScopes: stringList(c.delegatedScopes, at("delegatedScopes")),
            directoryRoles: stringList(c.directoryRoles, at("directoryRoles")),
        },
        property,
    );
    const displayName = nonEmptyString(c.displayName ?? c.name, at("displayName"), 120);
    if (isVerifyOnly(c.existingApplication, at("existingApplication.manage"))) {
        const verifyOnly = parseVerifyOnly(c.existingApplication, c.credential, profile, property, now);
        return { name: c.name, displayName, profile, credentialType: verifyOnly.credential.kind, verifyOnly };
    }
    const credentialPlan = planCredential(c.credential, profile, at("credential"), now);
    const credentialType = credentialPlan.type;
    const existingApplication = checkExistingApplication(c.existingApplication, at("existingApplication"));
    const owners = parseOwners(c.owners, at("owners"), existingApplication !== undefined);
    return { name: c.name, displayName, profile, credential: c.credential as CredentialSpec | undefined, credentialType, credentialPlan, existingApplication, ...(owners ? { owners } : {}) };
}

/**
 * `owners`: object IDs of the users or service principals who own a created application (Entra
 * lets owners manage it; an application without owners is a finding of the guardrails pack).
 * An adopted application keeps the owners it has, so the key is refused there.
 */
function parseOwners(value: unknown, property: string, adopted: boolean): string[] | undefined {
    if (value === undefined) return undefined;
    if (adopted) throw new ConfigError(property, "applies to applications this stack creates; an adopted application keeps its owners", "Remove owners, or manage them in App registrations > Owners");
    if (!Array.isArray(value) || value.length === 0) throw new ConfigError(property, "must be a non-empty list of object IDs", "e.g. owners: [<object ID of a user or service principal>]");
    const ids = value.map((v, i) => parseGuid(v, `${property}[${i}]`, "Object ID", "Users > the user > Overview, or Enterprise applications > Object ID"));
    return [...new Set(ids)];
}

function rejectDuplicates(values: readonly (string | undefined)[], field: string): void {
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
        if (v === undefined) return;
        const first = seen.get(v.toLowerCase());
        if (first !== undefined) {
            throw new ConfigError(key(`connectors[${i}].${field}`), `"${v}" is already used by connectors[${first}]`, `Give every connector its own ${field}`);
        }
        seen.set(v.toLowerCase(), i);
    });
}
