/**
 * How long a credential resource lets a connector sign in, read from what the stack declares:
 * `startDate`/`endDate`, the deprecated `endDateRelative`, a certificate's own validity, or the
 * validity of the generated certificate it is made from. Pure.
 *
 * @module
 */
import { parseCertificatePem } from "../catalog";
import { Types, known, type StackResource } from "./model";

/** A credential's validity window; `end` undefined: no end date is declared. */
export interface Lifetime {
    readonly start: Date;
    readonly end?: Date;
    /** True when no start date is declared and `start` is the time of the check. */
    readonly fromNow?: boolean;
}

const HOUR_MS = 3_600_000;

/** Parses a Go duration of hours/minutes/seconds (`8760h`, `4320h30m`) into milliseconds. */
export function parseDuration(text: string): number | undefined {
    const m = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
    if (!m || !text.trim()) return undefined;
    return (Number(m[1] ?? 0) * 60 * 60 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

function date(value: unknown): Date | undefined {
    if (typeof value !== "string") return undefined;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The validity of credential resource `r`, or `"unknown"` when a preview cannot tell yet (the end
 * date comes from a certificate that does not exist yet and carries no declared validity).
 */
export function lifetimeOf(r: StackResource, now: Date): Lifetime | "unknown" {
    const declared = date(known(() => r.props.startDate));
    const start = declared ?? now;
    const fromNow = declared === undefined;
    const end = date(known(() => r.props.endDate));
    if (end) return { start, end, fromNow };
    const relative = known(() => r.props.endDateRelative);
    const ms = typeof relative === "string" ? parseDuration(relative) : undefined;
    if (ms !== undefined) return { start, end: new Date(start.getTime() + ms), fromNow };
    if (r.type === Types.certificate) {
        const pem = known(() => r.props.value);
        if (typeof pem === "string" && pem.includes("BEGIN CERTIFICATE")) {
            const info = parseCertificatePem(pem, r.name);
            return { start: info.notBefore, end: info.notAfter };
        }
        // A certificate generated in the same stack: its declared validity.
        for (const d of r.propertyDependencies?.value ?? []) {
            const hours = known(() => d.props.validityHours);
            if (typeof hours === "number") return { start: now, end: new Date(now.getTime() + hours * HOUR_MS), fromNow: true };
        }
        return "unknown"; // Entra takes the end date from a certificate that does not exist yet
    }
    // ApplicationPassword without an end date: Entra picks one (about two years).
    return { start, fromNow };
}

/** `start` plus `months` calendar months. */
export function addMonths(start: Date, months: number): Date {
    const d = new Date(start.getTime());
    d.setUTCMonth(d.getUTCMonth() + months);
    return d;
}
