/**
 * One verb on one tenant's stack, through the Automation API, turned into a {@link TenantResult}.
 * Failures never throw: they become `failed` results carrying Pulumi's `error:` lines.
 *
 * @module
 */
import type { EngineEvent, OpMap, Stack, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { ChangedResource, GitOpsVerb, TenantResult, TenantStatus } from "./types";
import type { TenantFile } from "./tenants";

/** What Pulumi prints when `--expect-no-changes` finds changes. */
const EXPECT_NO_CHANGES = /no changes were expected( for \w+)? but changes (were proposed|occurred)/i;

/** Operations that change nothing (a refresh step that found no difference is `same` or `refresh`). */
const QUIET_OPS = new Set(["same", "read", "refresh"]);

/** Hooks for one tenant's run. */
export interface TenantRunHooks {
    /** Every line Pulumi prints. */
    readonly onOutput?: (line: string) => void;
    /** `preview` and `up` refresh first (`--refresh`). */
    readonly refresh?: boolean;
    /** Policy packs `preview` and `up` run (`--policy-pack`), with their config files. */
    readonly policyPacks?: readonly string[];
    readonly policyPackConfigs?: readonly string[];
}

/** Runs `verb` on `stack` with the tenant's configuration file; never throws. */
export async function runVerb(verb: GitOpsVerb, stack: Stack, tenant: TenantFile, hooks: TenantRunHooks = {}): Promise<TenantResult> {
    const started = Date.now();
    const changed = new Map<string, ChangedResource>();
    const onEvent = (e: EngineEvent) => recordChange(changed, e.resourcePreEvent?.metadata ?? e.resOutputsEvent?.metadata);
    const onOutput = lineWriter(hooks.onOutput);
    const common = { configFile: tenant.file, onEvent, onOutput, color: "never" as const, suppressProgress: true };
    const result = (status: TenantStatus, changes: OpMap, error?: string): TenantResult => ({
        stack: tenant.stack,
        file: tenant.file,
        verb,
        status,
        changes,
        changed: [...changed.values()],
        durationMs: Date.now() - started,
        ...(error !== undefined ? { error } : {}),
    });
    const policy = {
        ...(hooks.policyPacks?.length ? { policyPacks: [...hooks.policyPacks] } : {}),
        ...(hooks.policyPackConfigs?.length ? { policyPackConfigs: [...hooks.policyPackConfigs] } : {}),
    };
    try {
        switch (verb) {
            case "preview": {
                const r = await stack.preview({ ...common, ...policy, refresh: hooks.refresh });
                return result(hasChanges(r.changeSummary) ? "changes" : "ok", r.changeSummary);
            }
            case "up": {
                const r = await stack.up({ ...common, ...policy, refresh: hooks.refresh });
                return result("ok", r.summary.resourceChanges ?? {});
            }
            case "drift": {
                // `refresh --preview-only --expect-no-changes`: exits non-zero on drift, state untouched.
                const r = await stack.previewRefresh({ ...common, expectNoChanges: true });
                return result(hasChanges(r.changeSummary) ? "drift" : "ok", r.changeSummary);
            }
        }
    } catch (e) {
        const lines = errorLines(e);
        const onlyDrift = verb === "drift" && lines.length > 0 && lines.every((l) => EXPECT_NO_CHANGES.test(l));
        if (onlyDrift) return result("drift", countOps(changed));
        return result("failed", countOps(changed), lines.join("\n") || String((e as Error)?.message ?? e).slice(0, 500));
    }
}

/** True when `changes` counts an operation other than `same`. */
export function hasChanges(changes: OpMap): boolean {
    return Object.entries(changes).some(([op, n]) => !QUIET_OPS.has(op) && (n ?? 0) > 0);
}

/** Records a step whose operation changes something; the stack itself is left out. */
function recordChange(into: Map<string, ChangedResource>, m: StepEventMetadata | undefined): void {
    if (!m || QUIET_OPS.has(m.op) || m.type === "pulumi:pulumi:Stack") return;
    const properties = m.diffs?.length ? m.diffs : changedKeys(m.old?.outputs, m.new?.outputs);
    const name = m.urn.split("::").pop() ?? m.urn;
    const before = into.get(m.urn);
    into.set(m.urn, { name, type: m.type, op: m.op, properties: [...new Set([...(before?.properties ?? []), ...properties])].sort() });
}

/** Top-level keys whose values differ (refresh steps carry old and new outputs, not `diffs`). */
function changedKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
    if (!a || !b) return [];
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "__provider" && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function countOps(changed: Map<string, ChangedResource>): OpMap {
    const ops: Record<string, number> = {};
    for (const c of changed.values()) ops[c.op] = (ops[c.op] ?? 0) + 1;
    return ops as OpMap;
}

/**
 * The `error:` lines of a failed Pulumi command (CommandError's message holds its stdout and
 * stderr), and the mandatory policy violations (`- [mandatory]  <policy>  (<type>: <name>)`).
 */
export function errorLines(e: unknown): string[] {
    const text = String((e as Error)?.message ?? e);
    const lines = text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^error:/i.test(l) || /^- \[mandatory\]/.test(l))
        .map((l) => l.replace(/^error:\s*/i, "").replace(/^- \[mandatory\]\s+(\S+)\s+/, "policy $1 "));
    return [...new Set(lines)].slice(0, 8);
}

/** Splits streamed output into lines for `sink`. */
function lineWriter(sink: ((line: string) => void) | undefined): ((chunk: string) => void) | undefined {
    if (!sink) return undefined;
    let pending = "";
    return (chunk: string) => {
        const parts = (pending + chunk).split("\n");
        pending = parts.pop() ?? "";
        for (const line of parts) sink(line);
    };
}
