/**
 * Small input checks shared by component args and stack config. Each throws a
 * {@link ConfigError} naming the property and saying what to write instead.
 *
 * @module
 */
import { ConfigError } from "../catalog";

const show = (v: unknown) => (typeof v === "string" ? `"${v.slice(0, 64)}"` : v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : String(v));

/**
 * Checks that `value` is a plain object whose keys are all in `allowed` (catches typos such as
 * `validityMonth`), and returns it.
 */
export function checkObject(value: unknown, property: string, allowed: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new ConfigError(property, `must be an object, got ${show(value)}`, `Write it as a YAML mapping with keys among: ${allowed.join(", ")}`);
    }
    const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
    if (unknown.length) {
        throw new ConfigError(`${property}.${unknown[0]}`, `is not a known setting`, `Use one of: ${allowed.join(", ")}`);
    }
    return value as Record<string, unknown>;
}

/** Checks that `value` is an integer in `min..max`, and returns it. */
export function integerIn(value: unknown, property: string, min: number, max: number, why?: string): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(property, `must be a whole number from ${min} to ${max}, got ${show(value)}${why ? ` (${why})` : ""}`, `Set a value from ${min} to ${max}`);
    }
    return value;
}

/** Checks that `value` is one of `choices`, and returns it. */
export function oneOf<T extends string | number>(value: unknown, property: string, choices: readonly T[]): T {
    if (!choices.includes(value as T)) {
        throw new ConfigError(property, `must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, got ${show(value)}`, `Use one of the listed values`);
    }
    return value as T;
}

/** Checks that `value` is a non-empty string of at most `max` characters, and returns it trimmed. */
export function nonEmptyString(value: unknown, property: string, max = 256): string {
    if (typeof value !== "string" || value.trim() === "" || value.length > max) {
        throw new ConfigError(property, `must be a non-empty string of at most ${max} characters, got ${show(value)}`, `Set a text value`);
    }
    return value.trim();
}

/** Checks that `value` is undefined or a list of non-empty strings, and returns it. */
export function stringList(value: unknown, property: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.trim() === "")) {
        throw new ConfigError(property, `must be a list of names, got ${show(value)}`, `Write a YAML list, e.g. ["User.Read.All"]`);
    }
    return value.map((v: string) => v.trim());
}

/** Checks that `value` is undefined or a boolean, and returns it (default `fallback`). */
export function booleanOr(value: unknown, property: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new ConfigError(property, `must be true or false, got ${show(value)}`, `Write true or false without quotes`);
    return value;
}
