/**
 * A table whose writes become visible at a set time: the emulator's model of Entra's eventual
 * consistency ("A successful write to Microsoft Entra does not guarantee that an immediate read
 * will reflect that change", https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/).
 *
 * Each write appends a version `{visibleAt, row, writer}` (a delete appends `row: undefined`). A
 * read at time `at` sees the last-written version that is visible at `at`; `LATEST` sees every
 * write.
 *
 * A client sees its own writes at once (a {@link ReadView} with `reader` = the writer): Entra
 * "provides read-write consistency for applications targeting a secondary replica by routing its
 * writes to the primary replica, and synchronously pulling the writes back to the secondary
 * replica" of the client's logical session (Microsoft Entra architecture,
 * https://learn.microsoft.com/entra/architecture/architecture). Everyone else — other clients,
 * the token endpoint issuing the roles a grant gives — sees a write only after the lag. Clients
 * that create an object and read it back with the same token (the azuread provider, which PATCHes
 * a new service principal without retrying a 404, hashicorp/terraform-provider-azuread#1802)
 * depend on that.
 *
 * @module
 */
import type { Row } from "./rows";

/** Read at this time to see every write, replicated or not. */
export const LATEST = Number.POSITIVE_INFINITY;

/** A read: when, and by whom (a client sees its own writes at once). */
export interface ReadView {
    readonly at: number;
    /** The reading client's object ID (its token's `oid`). */
    readonly reader?: string;
}
/** A read time, or a {@link ReadView}. */
export type ReadAt = number | ReadView;

/** A write: when others see it, and who made it. */
export interface WriteStamp {
    readonly visibleAt: number;
    /** The writing client's object ID (its token's `oid`). */
    readonly writer?: string;
}

interface Version<T> {
    readonly visibleAt: number;
    readonly writer?: string;
    readonly row: T | undefined;
}

const viewOf = (at: ReadAt): ReadView => (typeof at === "number" ? { at } : at);
const stampOf = (w: number | WriteStamp): WriteStamp => (typeof w === "number" ? { visibleAt: w } : w);
const visible = (v: Version<unknown>, r: ReadView) => v.visibleAt <= r.at || (r.reader !== undefined && v.writer === r.reader);

/** Rows by ID, each a history of versions that become visible at set times. */
export class VersionedTable<T extends Row> {
    private readonly rows = new Map<string, Version<T>[]>();

    /** Stores `row` (insert or replace), visible from `when` (to its writer at once). */
    put(row: T, when: number | WriteStamp): void {
        this.append(row.id, { ...stampOf(when), row });
    }

    /** Deletes the row with `id`, from `when` (for its writer at once). */
    remove(id: string, when: number | WriteStamp): void {
        if (this.rows.has(id)) this.append(id, { ...stampOf(when), row: undefined });
    }

    /** The row with `id` as seen at `at`. */
    get(id: string, at: ReadAt): T | undefined {
        return this.seen(this.rows.get(id), viewOf(at));
    }

    /** Every row as seen at `at`, in first-write order. */
    list(at: ReadAt): T[] {
        const r = viewOf(at);
        const out: T[] = [];
        for (const versions of this.rows.values()) {
            const row = this.seen(versions, r);
            if (row) out.push(row);
        }
        return out;
    }

    /** The first row seen at `at` that satisfies `test`. */
    find(at: ReadAt, test: (row: T) => boolean): T | undefined {
        const r = viewOf(at);
        for (const versions of this.rows.values()) {
            const row = this.seen(versions, r);
            if (row && test(row)) return row;
        }
        return undefined;
    }

    /** The newest of `versions` that `r` sees. */
    private seen(versions: Version<T>[] | undefined, r: ReadView): T | undefined {
        if (!versions) return undefined;
        for (let i = versions.length - 1; i >= 0; i--) {
            if (visible(versions[i], r)) return versions[i].row;
        }
        return undefined;
    }

    private append(id: string, version: Version<T>): void {
        const versions = this.rows.get(id) ?? [];
        versions.push(version);
        // Forget versions hidden for good by a later write that is already visible.
        const now = Date.now();
        let newestVisible = -1;
        for (let i = versions.length - 1; i >= 0; i--) {
            if (versions[i].visibleAt <= now) {
                newestVisible = i;
                break;
            }
        }
        this.rows.set(id, newestVisible > 0 ? versions.slice(newestVisible) : versions);
    }
}
