/**
 * The real work of the ConnectorConnection provider. provider.ts loads this module, compiled, at
 * call time (it is never serialized into the Pulumi state): every method here may use the probe,
 * msal-node and the catalog freely, and the probe's token cache lives for the host process.
 *
 * - check: validate.ts.
 * - diff: any input change → update (re-probe); a tenant or client change → replace. A stored
 *   status of `fail` (drift seen by a refresh) also asks for an update, so `pulumi up` proves the
 *   connection again instead of keeping a broken one silently.
 * - create / update: wait for the grants to replicate (probe/consistency.ts), then keep the report.
 * - read (`pulumi refresh`): probe again with new tokens and return what it observes (drift shows
 *   as changed outputs), plus the stored inputs.
 * - delete: changes nothing in the tenant; the Entra application and its grants belong to other
 *   resources.
 *
 * @module
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ConfigError, expectationsOf, resolveProfile, type CloudName } from "../../catalog";
import { clearTokenCache, failingChecks, runProbe, waitUntilPasses, type ProbeInput, type ProbeReport } from "../../probe";
import {
    DEFAULT_CONSISTENCY_TIMEOUT_SECONDS,
    InputKeys,
    NEW_CREDENTIAL_GRACE_SECONDS,
    type Finding,
    type ResolvedInputs,
    type ResolvedOutputs,
} from "./types";
import { containsUnknown, validateInputs } from "./validate";

export { clearTokenCache };

/** Inputs whose change means another connection: the resource is replaced. */
const REPLACE_KEYS = ["tenantId", "clientId"] as const;

/** Maps resolved inputs to the probe's input. Throws ConfigError for inputs `check` would refuse. */
export function probeInputOf(inputs: ResolvedInputs, forceTokenRefresh = false): ProbeInput {
    const c = inputs.credential ?? {};
    const credential: ProbeInput["credential"] =
        c.clientSecret !== undefined
            ? { kind: "secret", clientSecret: c.clientSecret, ...(c.secretExpiresAt ? { expiresAt: c.secretExpiresAt } : {}) }
            : { kind: "certificate", certificatePem: c.certificatePem ?? "", privateKeyPem: c.privateKeyPem ?? "" };
    const expectations = inputs.expectations ?? (inputs.profile ? expectationsOf(resolveProfile(inputs.profile, "profile")) : undefined);
    if (!expectations) throw new ConfigError("profile", "give either profile or expectations");
    return {
        tenantId: inputs.tenantId,
        clientId: inputs.clientId,
        cloud: (inputs.cloud ?? "AzureCloud") as CloudName,
        credential,
        expectations,
        ...(inputs.endpointOverride ? { endpoints: { baseUrl: inputs.endpointOverride } } : {}),
        ...(inputs.warnDays !== undefined ? { warnDays: inputs.warnDays } : {}),
        ...(inputs.nextCredential ? { nextCredential: { kind: "certificate" as const, ...inputs.nextCredential } } : {}),
        forceTokenRefresh,
    };
}

/** Drops `undefined` (protobuf Structs cannot carry it) and copies. */
function plain<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

/** Only the input keys of stored props (read returns them as the refreshed inputs). */
export function inputsOf(props: Record<string, unknown>): ResolvedInputs {
    const out: Record<string, unknown> = {};
    for (const k of InputKeys) if (props[k] !== undefined) out[k] = props[k];
    return out as unknown as ResolvedInputs;
}

/** The outputs for inputs and a probe report. */
export function outputsOf(inputs: ResolvedInputs, report: ProbeReport): ResolvedOutputs {
    const findings: Finding[] = report.checks
        .filter((c) => c.status === "fail" || c.status === "warn")
        .map((c) => ({ check: c.name, status: c.status, summary: c.summary, evidence: c.evidence, remedy: c.remedy }));
    return plain({
        ...inputsOf(inputs as unknown as Record<string, unknown>),
        settings: report.settings,
        observedAppRoles: Object.fromEntries(Object.entries(report.observed.appRoles).map(([k, v]) => [k, [...v]])),
        observedDirectoryRoles: [...report.observed.directoryRoles],
        organizationName: report.observed.organizationName ?? null,
        checks: Object.fromEntries(report.checks.map((c) => [c.name, c.status])),
        status: report.status,
        failingChecks: failingChecks(report).map((c) => c.name),
        findings,
        credentialDaysLeft: report.observed.credentialDaysLeft ?? null,
        lastVerified: report.checkedAt,
    } satisfies ResolvedOutputs);
}

/** The resource ID: one connection per tenant and application. */
export function connectionId(inputs: ResolvedInputs): string {
    return `${inputs.tenantId}/${inputs.clientId}`;
}

async function proveConnection(inputs: ResolvedInputs): Promise<ResolvedOutputs> {
    const seconds = inputs.consistencyTimeoutSeconds ?? DEFAULT_CONSISTENCY_TIMEOUT_SECONDS;
    // A create or update usually follows the very writes that made the app, its grants and its
    // credential, so rejections a new credential causes while it replicates are waited on too.
    const report = await waitUntilPasses(probeInputOf(inputs), { deadlineMs: seconds * 1000, credentialGraceMs: NEW_CREDENTIAL_GRACE_SECONDS * 1000 });
    return outputsOf(inputs, report);
}

/** `check`: validates every input. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const { inputs, failures } = validateInputs(news);
    return { inputs, failures };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `diff`: see the module comment. */
export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const changed = InputKeys.filter((k) => containsUnknown(news[k]) || !same(olds[k], news[k]));
    const replaces = REPLACE_KEYS.filter((k) => changed.includes(k));
    const reprove = olds.status === "fail";
    return { changes: changed.length > 0 || reprove, replaces, deleteBeforeReplace: false };
}

/** `create`: waits for consistency, probes, fails with the report text when the probe fails. */
export async function create(news: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = news as unknown as ResolvedInputs;
    return { id: connectionId(inputs), outs: await proveConnection(inputs) };
}

/** `read` (refresh): probes with new tokens; returns the observations and the stored inputs. */
export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = inputsOf(props);
    if (!inputs.credential) throw new ConfigError("credential", "is not in the stored state, so the connection cannot be probed (import is not supported)");
    const report = await runProbe(probeInputOf(inputs, true));
    return { id, props: outputsOf(inputs, report), inputs: plain(inputs) };
}

/** `update`: proves the connection again with the new inputs. */
export async function update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    return { outs: await proveConnection(news as unknown as ResolvedInputs) };
}

/** `delete`: nothing to do in the tenant (the connection is a proof, not a thing). */
export async function deleteConnection(): Promise<void> {
    // Intentionally empty: deleting the proof changes nothing remote.
}
