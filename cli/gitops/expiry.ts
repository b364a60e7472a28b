/**
 * Credentials about to expire, from a stack's `expiry` output (program/expiry.ts): each entry
 * carries an absolute date and its alert threshold, so the last update's outputs are enough to
 * tell, on any later night, which connectors are inside their window.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/** A connector whose credential expires within its `warnDays`. */
export interface ExpiringCredential {
    /** Connector name. */
    readonly connector: string;
    /** RFC 3339. */
    readonly expiresAt: string;
    /** Whole days left (negative once expired). */
    readonly daysLeft: number;
    /** What renews it (the program's advice, with commands). */
    readonly renewal: string;
}

/** The entries of an `expiry` output value that are inside their window at `now`, soonest first. */
export function expiringCredentials(expiry: unknown, now: Date): ExpiringCredential[] {
    if (!expiry || typeof expiry !== "object") return [];
    const out: ExpiringCredential[] = [];
    for (const [connector, entry] of Object.entries(expiry as Record<string, unknown>)) {
        const e = entry as { expiresAt?: unknown; warnDays?: unknown; renewal?: unknown } | null;
        if (!e || typeof e.expiresAt !== "string" || typeof e.warnDays !== "number") continue;
        const at = Date.parse(e.expiresAt);
        if (Number.isNaN(at)) continue;
        const daysLeft = Math.floor((at - now.getTime()) / DAY_MS);
        if (daysLeft < e.warnDays) out.push({ connector, expiresAt: e.expiresAt, daysLeft, renewal: typeof e.renewal === "string" ? e.renewal : "renew the credential" });
    }
    return out.sort((a, b) => a.daysLeft - b.daysLeft);
}

/** One line per expiring credential: `<stack>: connector X: … expires in N day(s) (date); <renewal>`. */
export function describeExpiring(stack: string, e: ExpiringCredential): string {
    const when = e.daysLeft < 0 ? `expired ${-e.daysLeft} day(s) ago` : `expires in ${e.daysLeft} day(s)`;
    return `${stack}: connector ${e.connector}: the credential ${when} (${e.expiresAt}); ${e.renewal}`;
}
