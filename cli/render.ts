/**
 * Text a person reads: one probe report, and the drift summary table.
 *
 * @module
 */
import type { CheckResult, ProbeReport } from "../probe/types";

const MARK: Record<CheckResult["status"], string> = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "skip" };

/** Labels of the settings, in the words of the connector's console. */
export interface SettingsLabels {
    readonly tenantId: string;
    readonly clientId: string;
    readonly credential: string;
    readonly environment?: string;
}

/** Renders one report: each check with evidence and remedy, then the settings to paste. */
export function renderReport(title: string, report: ProbeReport, labels: SettingsLabels): string {
    const lines = [title, ""];
    const width = Math.max(...report.checks.map((c) => c.name.length));
    for (const c of report.checks) {
        lines.push(`  ${MARK[c.status]}  ${c.name.padEnd(width)}  ${c.summary}`);
        if (c.status === "pass" || c.status === "skip") continue;
        if (c.evidence) lines.push(`        ${"".padEnd(width)}  evidence: ${c.evidence}`);
        if (c.remedy) lines.push(`        ${"".padEnd(width)}  fix: ${c.remedy}`);
    }
    const o = report.observed;
    lines.push("", "Observed:");
    for (const [resource, roles] of Object.entries(o.appRoles)) {
        lines.push(`  app roles on ${resource}: ${roles.length ? roles.join(", ") : "(none)"}`);
    }
    lines.push(`  directory roles: ${o.directoryRoles.length ? o.directoryRoles.join(", ") : "(none)"}`);
    if (o.organizationName) lines.push(`  organization: ${o.organizationName}`);
    if (o.domains?.length) lines.push(`  domains: ${o.domains.join(", ")}`);
    if (o.credentialExpiresAt) lines.push(`  credential expires: ${o.credentialExpiresAt} (${o.credentialDaysLeft} days left)`);

    const s = report.settings;
    const rows: [string, string][] = [
        [labels.tenantId, s.tenantId],
        [labels.clientId, s.applicationId],
    ];
    if (s.certificateThumbprint) rows.push([labels.credential, s.certificateThumbprint]);
    if (labels.environment) rows.push([labels.environment, s.tenantEnvironmentType]);
    const w = Math.max(...rows.map(([k]) => k.length));
    lines.push("", "Settings for the connector's console:");
    for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);

    const failed = report.checks.filter((c) => c.status === "fail").length;
    const warned = report.checks.filter((c) => c.status === "warn").length;
    const verdict = report.status === "pass" ? "PASS" : report.status === "warn" ? `PASS with ${warned} warning(s)` : `FAIL (${failed} check(s) failed)`;
    lines.push("", `Result: ${verdict} in ${Math.round(report.timings.totalMs)} ms`);
    return lines.join("\n");
}

/** One row of the drift table. */
export interface DriftRow {
    readonly tenant: string;
    readonly connector: string;
    /** `ok`, `warn`, `drift` (a check failed) or `error` (bad input, unreachable). */
    readonly status: "ok" | "warn" | "drift" | "error";
    readonly failing: readonly string[];
    readonly daysLeft?: number;
    readonly message?: string;
}

/** Renders the drift summary as an aligned table plus a totals line. */
export function renderDriftTable(rows: readonly DriftRow[]): string {
    const header = ["TENANT", "CONNECTOR", "STATUS", "FAILING CHECKS", "CREDENTIAL DAYS LEFT"];
    const body = rows.map((r) => [
        r.tenant,
        r.connector,
        r.status.toUpperCase(),
        r.failing.length ? r.failing.join(",") : r.message ?? "-",
        r.daysLeft === undefined ? "-" : String(r.daysLeft),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
    const count = (s: DriftRow["status"]) => rows.filter((r) => r.status === s).length;
    return [
        fmt(header),
        ...body.map(fmt),
        "",
        `${rows.length} connection(s): ${count("ok")} ok, ${count("warn")} warn, ${count("drift")} drift, ${count("error")} error`,
    ].join("\n");
}
