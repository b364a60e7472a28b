/**
 * Reading a {@link ProbeReport}: the failing checks, a text a person reads, and the error thrown
 * when a probe that had to pass did not.
 *
 * @module
 */
import { ProbeFailedError } from "../catalog";
import type { CheckResult, ProbeReport } from "./types";

/** The checks that failed, in report order. */
export function failingChecks(report: ProbeReport): CheckResult[] {
    return report.checks.filter((c) => c.status === "fail");
}

/** One line per failing check: `name: summary (evidence)`. */
export function describeFailures(checks: readonly CheckResult[]): string {
    return checks.map((c) => `${c.name}: ${c.summary}${c.evidence ? ` (${c.evidence})` : ""}`).join("; ");
}

/** The report as text: a header, then one line per check with evidence and remedy under it. */
export function formatReport(report: ProbeReport): string {
    const s = report.settings;
    const lines = [
        `Connection test ${report.status.toUpperCase()}: application ${s.applicationId}, tenant ${s.tenantId} (${s.tenantEnvironmentType})` +
            (s.certificateThumbprint ? `, certificate ${s.certificateThumbprint}` : ""),
    ];
    const width = Math.max(...report.checks.map((c) => c.name.length));
    for (const c of report.checks) {
        lines.push(`  ${c.status.toUpperCase().padEnd(4)}  ${c.name.padEnd(width)}  ${c.summary}`);
        if (c.status === "fail" || c.status === "warn") {
            if (c.evidence) lines.push(`        evidence: ${c.evidence}`);
            if (c.remedy) lines.push(`        remedy:   ${c.remedy}`);
        }
    }
    return lines.join("\n");
}

/** The error for a probe that had to pass and failed: names the failing checks, carries the report text. */
export function probeFailedError(report: ProbeReport): ProbeFailedError {
    const failing = failingChecks(report);
    return new ProbeFailedError(`the connection test failed:\n${formatReport(report)}\n`, failing.map((c) => c.name));
}
