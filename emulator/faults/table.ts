/**
 * The injected-fault table: rules in insertion order, each applied to the next `times` matching
 * requests. Deterministic: no randomness, the first matching rule with uses left wins.
 *
 * @module
 */
import type { FaultRoute, FaultRule } from "../types";

/** The routes a request can belong to (a rule's `route` may also be `any`). */
export type RequestRoute = Exclude<FaultRoute, "any">;
/** Every request route: the keys of the per-route request counters, and what a fault rule may name besides `any`. */
export const RequestRoutes: readonly RequestRoute[] = ["token", "discovery", "graph", "graphBatch", "exchange"];

interface ActiveRule {
    readonly rule: FaultRule;
    remaining: number;
}

function validate(rule: FaultRule): FaultRule {
    if (rule.route !== "any" && !RequestRoutes.includes(rule.route)) throw new Error(`fault rule: unknown route "${String(rule.route)}"`);
    if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) {
        throw new Error(`fault rule: status must be a 4xx/5xx code, got ${rule.status}`);
    }
    if (rule.status === undefined && !rule.latencyMs) throw new Error("fault rule: give a status, a latencyMs, or both");
    if (rule.tenantId !== undefined && (typeof rule.tenantId !== "string" || rule.tenantId === "")) throw new Error("fault rule: tenantId must be a tenant ID");
    if (rule.times !== undefined && !(rule.times === Infinity || (Number.isInteger(rule.times) && rule.times > 0))) {
        throw new Error(`fault rule: times must be a positive integer or Infinity, got ${rule.times}`);
    }
    return rule;
}

/** The injected faults of one emulator, consumed in order by the requests they match. */
export class FaultTable {
    private rules: ActiveRule[] = [];

    constructor(rules: readonly FaultRule[] = []) {
        rules.forEach((r) => this.add(r));
    }

    /** Adds a rule after the existing ones; throws for an invalid rule. */
    add(rule: FaultRule): void {
        this.rules.push({ rule: validate(rule), remaining: rule.times ?? 1 });
    }

    /** Removes every rule. */
    clear(): void {
        this.rules = [];
    }

    /**
     * Uses up one application of the first rule matching `route`, `path` and the request's tenant
     * (`bearerTenant` reads the `tid` of its bearer token, only when a rule asks), if any.
     */
    take(route: RequestRoute, path: string, bearerTenant: () => string | undefined = () => undefined): FaultRule | undefined {
        const lower = path.toLowerCase();
        let tid: string | undefined | null = null;
        const forTenant = (tenantId: string) => {
            const wanted = tenantId.toLowerCase();
            if (lower.includes(wanted)) return true;
            if (tid === null) tid = bearerTenant()?.toLowerCase();
            return tid === wanted;
        };
        for (const active of this.rules) {
            const { rule } = active;
            if (active.remaining <= 0) continue;
            if (rule.route !== "any" && rule.route !== route) continue;
            if (rule.pathIncludes !== undefined && !lower.includes(rule.pathIncludes.toLowerCase())) continue;
            if (rule.tenantId !== undefined && !forTenant(rule.tenantId)) continue;
            active.remaining -= 1;
            return rule;
        }
        return undefined;
    }
}
