/**
 * The client-secret rotation schedule: which secrets exist now, their rotation keys and their
 * end dates. Pure and stable: within one rotation period every run computes the same values, so
 * `pulumi preview` shows no change until a period boundary passes.
 *
 * How it works: time is cut into periods of `rotationDays`, counted from 1970-01-01 UTC. With one
 * slot, the secret's `rotateWhenChanged` key is the start date of the current period; when the
 * period changes, the next `pulumi up` replaces the secret (a new one is created, then the old
 * one deleted, in the same update). With two slots, slot `a` is renewed in even periods and slot
 * `b` in odd ones, so the previous secret stays valid for one more period while consumers switch.
 * Each secret ends `lifetimeDays` after its period started, which the validator keeps longer than
 * `rotationDays × slots` so no secret expires before its replacement is due.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/** One client secret in the schedule. */
export interface SecretSlot {
    /** Slot name: `""` for a single slot, `a` or `b` for two. */
    readonly slot: string;
    /** Start of the period this secret belongs to, `YYYY-MM-DD`: the `rotateWhenChanged` value. */
    readonly rotationKey: string;
    /** When this secret expires, RFC 3339 (`endDate` of the `ApplicationPassword`). */
    readonly endDate: string;
    /** True for the newest secret: the one to hand to the connector. */
    readonly current: boolean;
    /** When this slot is next replaced, RFC 3339. */
    readonly nextRotation: string;
}

/** Formats a date as RFC 3339 without milliseconds, the form the azuread provider documents. */
export function rfc3339(d: Date): string {
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Computes the secrets that should exist at `now`. */
export function secretSchedule(now: Date, rotationDays: number, lifetimeDays: number, slots: 1 | 2): SecretSlot[] {
    const period = Math.floor(now.getTime() / (rotationDays * DAY_MS));
    const out: SecretSlot[] = [];
    for (let s = 0; s < slots; s++) {
        // The latest period p ≤ `period` with p ≡ s (mod slots): when this slot was last renewed.
        const renewed = period - ((((period - s) % slots) + slots) % slots);
        const start = new Date(renewed * rotationDays * DAY_MS);
        out.push({
            slot: slots === 1 ? "" : "ab"[s],
            rotationKey: start.toISOString().slice(0, 10),
            endDate: rfc3339(new Date(start.getTime() + lifetimeDays * DAY_MS)),
            current: renewed === period,
            nextRotation: rfc3339(new Date((renewed + slots) * rotationDays * DAY_MS)),
        });
    }
    return out;
}
