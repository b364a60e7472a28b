/**
 * All tenants of one emulator, and the replication lag every write obeys.
 *
 * @module
 */
import type { CloudName } from "../../catalog";
import type { SeedTenant } from "../types";
import type { WriteStamp } from "./table";
import { TenantState } from "./tenant";

/** Every tenant of one emulator, found by ID or verified domain, and the replication lag of writes. */
export class Store {
    private readonly tenants = new Map<string, TenantState>();
    private lagMs: number;

    constructor(readonly cloud: CloudName, replicationLagMs = 0) {
        this.lagMs = replicationLagMs;
    }

    /** Sets the replication lag of later writes. */
    setLag(ms: number): void {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`replication lag must be a non-negative number of ms, got ${ms}`);
        this.lagMs = ms;
    }

    /** When a write made now becomes visible. */
    visibleAt(): number {
        return Date.now() + this.lagMs;
    }

    /** The stamp of a write made now by `writer` (its token's `oid`): visible to it at once, to others after the lag. */
    stamp(writer: string): WriteStamp {
        return { visibleAt: this.visibleAt(), writer };
    }

    /** Creates a tenant; returns the existing one when its ID is taken (idempotent). */
    addTenant(seed: SeedTenant): TenantState {
        const existing = this.tenants.get(seed.tenantId.toLowerCase());
        if (existing) return existing;
        const tenant = new TenantState(seed, this.cloud);
        for (const t of this.tenants.values()) {
            const clash = tenant.domains.find((d) => t.matches(d));
            if (clash) throw new Error(`emulator: domain ${clash} already belongs to tenant ${t.id}`);
        }
        this.tenants.set(tenant.id, tenant);
        return tenant;
    }

    /** The tenant whose ID (GUID, any case) or verified domain is `name`. */
    tenant(name: string): TenantState | undefined {
        const byId = this.tenants.get(name.toLowerCase());
        if (byId) return byId;
        for (const t of this.tenants.values()) if (t.matches(name)) return t;
        return undefined;
    }

    /** The tenant with ID `tenantId`, or an error naming it. */
    requireTenant(tenantId: string): TenantState {
        const t = this.tenant(tenantId);
        if (!t) throw new Error(`emulator: no tenant ${tenantId} (add it with directory.addTenant or the tenants option)`);
        return t;
    }
}
