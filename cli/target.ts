/**
 * Turns what the user wrote (flags, or one entry of a drift file) into a probe input.
 *
 * @module
 */
import {
    ConfigError,
    expectationsOf,
    findCloud,
    parseClientId,
    parseTenantId,
    resolveProfile,
    type ProfileSpec,
    type ResolvedProfile,
} from "../catalog";
import type { ProbeInput } from "../probe/types";
import { loadCredential, type CredentialRef } from "./credentials";

/** One connection to check, as written by the user. */
export interface TargetSpec extends CredentialRef {
    name?: string;
    tenantId?: unknown;
    clientId?: unknown;
    cloud?: unknown;
    profile?: unknown;
    base?: string;
    mode?: "add" | "replace";
    appRoles?: string[];
    delegatedScopes?: string[];
    directoryRoles?: string[];
    warnDays?: unknown;
}

/** A validated target: the probe input plus what the report needs to print. */
export interface Target {
    readonly name: string;
    readonly input: ProbeInput;
    readonly profile: ResolvedProfile;
}

/**
 * Validates a {@link TargetSpec}; `at(key)` names properties in errors. `endpoint` is the
 * emulator override (never used for a real tenant).
 */
export function buildTarget(
    spec: TargetSpec,
    at: (key: string) => string,
    opts: { endpoint?: string; baseDir?: string; stdin?: () => string } = {},
): Target {
    const tenantId = parseTenantId(spec.tenantId, at("tenantId"));
    const clientId = parseClientId(spec.clientId, at("clientId"));
    const cloudText = spec.cloud === undefined ? "AzureCloud" : String(spec.cloud);
    const cloud = findCloud(cloudText);
    if (!cloud) {
        throw new ConfigError(at("cloud"), `unknown cloud "${cloudText}"`, "Use AzureCloud, AzureGCC, AzureGCCHigh, AzureDoD or AzureChina (or the console's label, e.g. \"Azure GCC-H\")");
    }
    const profileSpec: ProfileSpec =
        typeof spec.profile === "object" && spec.profile !== null
            ? (spec.profile as ProfileSpec)
            : {
                  profile: spec.profile === undefined ? "" : String(spec.profile),
                  base: spec.base,
                  mode: spec.mode,
                  appRoles: spec.appRoles,
                  delegatedScopes: spec.delegatedScopes,
                  directoryRoles: spec.directoryRoles,
              };
    const profile = resolveProfile(profileSpec, (key) => at(key));
    let warnDays: number | undefined;
    if (spec.warnDays !== undefined) {
        warnDays = Number(spec.warnDays);
        if (!Number.isInteger(warnDays) || warnDays < 0) {
            throw new ConfigError(at("warnDays"), `must be a whole number of days ≥ 0, got "${String(spec.warnDays)}"`, "e.g. 30");
        }
    }
    const credential = loadCredential(spec, { prefix: (k) => at(k), baseDir: opts.baseDir, stdin: opts.stdin });
    return {
        name: spec.name ?? `${profile.name}@${tenantId}`,
        profile,
        input: {
            tenantId,
            clientId,
            cloud: cloud.name,
            credential,
            expectations: expectationsOf(profile),
            ...(opts.endpoint ? { endpoints: { baseUrl: opts.endpoint.replace(/\/+$/, "") } } : {}),
            ...(warnDays !== undefined ? { warnDays } : {}),
        },
    };
}
