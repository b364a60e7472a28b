/**
 * Tenant and client ID checks. The Active Roles console enables "Log in to Azure" only for a
 * well-formed GUID; we apply the same rule to tenant and application (client) IDs.
 *
 * @module
 */
import { ConfigError } from "./errors";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a GUID in the 8-4-4-4-12 form. */
export function isGuid(value: unknown): value is string {
    return typeof value === "string" && GUID.test(value);
}

/**
 * How a rejected value is shown in an error. A client secret pasted into the wrong field must
 * not be echoed (Entra secrets are 16–64 characters, e.g. with `~`), so only values that cannot
 * be one are shown: short values, hex-and-dash typos of a GUID, and domain names.
 */
function shownValue(value: unknown): string {
    if (typeof value !== "string") return typeof value;
    if (value === "") return "an empty string";
    const harmless = value.length <= 12 || /^[0-9a-f-]{1,40}$/i.test(value) || (value.length <= 64 && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value));
    return harmless ? `"${value}"` : `a ${value.length}-character value (not shown: it may be a secret)`;
}

/**
 * Returns the GUID in lower case, or throws a {@link ConfigError} naming `property`.
 * `what` is the thing's name as the Azure portal shows it; `where` is the portal page showing it.
 */
export function parseGuid(value: unknown, property: string, what: string, where = "Microsoft Entra ID > Overview"): string {
    if (!isGuid(value)) {
        throw new ConfigError(property, `must be a GUID like 00000000-0000-0000-0000-000000000000, got ${shownValue(value)}`, `Copy the ${what} from the Azure portal (${where})`);
    }
    return value.toLowerCase();
}

/** Validates a tenant (directory) ID. */
export function parseTenantId(value: unknown, property = "tenantId"): string {
    return parseGuid(value, property, "Directory (tenant) ID");
}

/** Validates an application (client) ID. */
export function parseClientId(value: unknown, property = "clientId"): string {
    return parseGuid(value, property, "Application (client) ID", "App registrations > your app > Overview");
}
