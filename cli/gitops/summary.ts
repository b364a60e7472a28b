/**
 * The summary printed at the end of a run: one row per tenant, then a totals line with the exit
 * code. Plain text (no colour) so it reads the same in a terminal, a CI log and a job summary.
 *
 * @module
 */
import type { OpMap } from "@pulumi/pulumi/automation";
import { ExitCodes, type ExitCode, type TenantResult, type TenantStatus } from "./types";

/** Exit code for a set of results: 1 if any tenant drifted, failed or has a credential inside its alert window, else 0. */
export function exitCodeOf(results: readonly TenantResult[]): ExitCode {
    return results.some((r) => r.status === "drift" || r.status === "failed" || (r.expiring?.length ?? 0) > 0) ? ExitCodes.failed : ExitCodes.ok;
}

/** Formats the summary table and totals line. */
export function formatSummary(results: readonly TenantResult[]): string {
    const header = ["TENANT", "VERB", "RESULT", "CHANGES", "TIME", "DETAIL"];
    const rows = results.map((r) => [r.stack, r.verb, r.status.toUpperCase(), formatOps(r.changes), `${(r.durationMs / 1000).toFixed(1)}s`, detailOf(r)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
    const counts = new Map<TenantStatus, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const totals = [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(", ");
    const code = exitCodeOf(results);
    return [line(header), ...rows.map(line), "", `${results.length} tenant(s): ${totals}; exit ${code}`].join("\n");
}

/** `1 update, 2 same`, or `-` when the engine reported nothing. */
export function formatOps(ops: OpMap): string {
    const parts = Object.entries(ops)
        .filter(([, n]) => (n ?? 0) > 0)
        .map(([op, n]) => `${n} ${op}`);
    return parts.length > 0 ? parts.join(", ") : "-";
}

/** What changed (`snow-m365: status, failingChecks`) or, for a failure, the first error line. */
function detailOf(r: TenantResult): string {
    if (r.status === "failed") return (r.error ?? "failed").split("\n")[0].slice(0, 160);
    const expiring = (r.expiring ?? []).map((e) => `${e.connector} credential ${e.daysLeft < 0 ? "expired" : `expires in ${e.daysLeft} day(s)`}`);
    return [...r.changed.map((c) => (c.properties.length > 0 ? `${c.name} (${c.op}: ${c.properties.join(", ")})` : `${c.name} (${c.op})`)), ...expiring].join("; ");
}
