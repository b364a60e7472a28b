/**
 * A table whose writes become visible at a set time: the emulator's model of Entra's eventual
 * consistency ("A successful write to Microsoft Entra does not guarantee that an immediate read
 * will reflect that change", https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/).
 *
 * Each write appends a version `{visibleAt, row}` (a delete appends `row: undefined`). A read at
 * time `at` sees the last-written version that is visible at `at`; `LATEST` sees every write.
 *
 * @module
 */
import type { Row } from "./rows";

/** Read at this time to see every write, replicated or not. */
export const LATEST = Number.POSITIVE_INFINITY;

interface Version<T> {
    readonly visibleAt: number;
    readonly row: T | undefined;
}

/** Rows by ID, each a history of versions that become visible at set times. */
export class VersionedTable<T extends Row> {
    private readonly rows = new Map<string, Version<T>[]>();

    /** Stores `row` (insert or replace), visible from `visibleAt`. */
    put(row: T, visibleAt: number): void {
        this.append(row.id, { visibleAt, row });
    }

    /** Deletes the row with `id`, from `visibleAt`. */
    remove(id: string, visibleAt: number): void {
        if (this.rows.has(id)) this.append(id, { visibleAt, row: undefined });
    }

    /** The row with `id` as seen at `at`. */
    get(id: string, at: number): T | undefined {
        const versions = this.rows.get(id);
        if (!versions) return undefined;
        for (let i = versions.length - 1; i >= 0; i--) {
            if (versions[i].visibleAt <= at) return versions[i].row;
        }
        return undefined;
    }

    /** Every row as seen at `at`, in first-write order. */
    list(at: number): T[] {
        const out: T[] = [];
        for (const id of this.rows.keys()) {
            const row = this.get(id, at);
            if (row) out.push(row);
        }
        return out;
    }

    /** The first row seen at `at` that satisfies `test`. */
    find(at: number, test: (row: T) => boolean): T | undefined {
        for (const id of this.rows.keys()) {
            const row = this.get(id, at);
            if (row && test(row)) return row;
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
