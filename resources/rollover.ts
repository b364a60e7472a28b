/**
 * The certificate rollover plan: which certificates the application holds now, in which slot,
 * and which one the connector uses. Pure: a function of the validated credential, the state the
 * last `pulumi up` exported (the `rotation` stack output) and the clock.
 *
 * Microsoft's guidance for application credentials is overlap: add the new key, move the client
 * to it, then remove the old one. With two slots (`a`, `b`) a certificate stays in its slot for
 * its whole life, so the Entra key credential is never replaced in place:
 *
 * 1. Steady: one certificate, in use.
 * 2. Renewal (a generated certificate inside `renewBeforeDays`, or a provided `nextPem`): the next
 *    certificate is added in the other slot. The connector keeps using the old one; the stack
 *    exports the next one and the date the old one goes.
 * 3. Switch-over: once `switchOverDays` have passed since the next certificate was added, or the
 *    operator confirmed the connector uses it (`switchedTo`), the next `pulumi up` removes the old
 *    certificate and the next one is in use.
 *
 * Why the state comes from the last run: a Pulumi program declares its resources before any of
 * them is read, so whether a renewal is under way (and since when) must be known up front. The
 * program reads its own previous `rotation` output (program/rotationState.ts).
 *
 * @module
 */
import { ConfigError } from "../catalog";
import type { CertificatePlan, ProvidedCertificate } from "./credentialSpec";

const DAY_MS = 86_400_000;

/** A certificate slot. */
export type SlotName = "a" | "b";

/** What the last run recorded about one slot. */
export interface SlotRecord {
    /** SHA-1 thumbprint, uppercase hex (unknown until the certificate exists). */
    readonly thumbprint?: string;
    /** When the certificate expires, RFC 3339. */
    readonly notAfter?: string;
    /** When the certificate was first declared on the application, RFC 3339. */
    readonly attachedAt: string;
    /** True when the certificate came from the config (`pem` / `nextPem`), not generated. */
    readonly provided?: boolean;
}

/** The rollover state of one connector, as the `rotation` stack output carries it. */
export interface RolloverState {
    /** The slot of the certificate the connector uses. */
    readonly inUse: SlotName;
    /** The slot of the next certificate, during a rollover. */
    readonly next?: SlotName;
    /** The slots that hold a certificate. */
    readonly slots: Partial<Record<SlotName, SlotRecord>>;
    /** When the old certificate is removed (during a rollover), RFC 3339. */
    readonly removeAfter?: string;
}

/** One certificate to declare. */
export interface SlotDeclaration {
    readonly slot: SlotName;
    /** When it was first declared (kept from the previous state). */
    readonly attachedAt: string;
    /** The certificate, when the user provides it; otherwise it is generated. */
    readonly provided?: ProvidedCertificate;
}

/** The plan of one run. */
export interface RolloverPlan {
    /** The certificate the connector uses. */
    readonly inUse: SlotDeclaration;
    /** The next certificate, during a rollover. */
    readonly next?: SlotDeclaration;
    /** When the old certificate is removed, RFC 3339 (during a rollover). */
    readonly removeAfter?: string;
}

const other = (s: SlotName): SlotName => (s === "a" ? "b" : "a");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Reads a `rotation` entry of an earlier run; anything malformed counts as no state. */
export function parseRolloverState(value: unknown): RolloverState | undefined {
    if (!value || typeof value !== "object") return undefined;
    const v = value as Record<string, unknown>;
    const isSlot = (s: unknown): s is SlotName => s === "a" || s === "b";
    if (!isSlot(v.inUse) || (v.next !== undefined && v.next !== null && !isSlot(v.next))) return undefined;
    const slots: Partial<Record<SlotName, SlotRecord>> = {};
    const raw = (v.slots ?? {}) as Record<string, unknown>;
    for (const s of ["a", "b"] as const) {
        const r = raw[s] as Record<string, unknown> | undefined;
        if (!r || typeof r.attachedAt !== "string" || Number.isNaN(Date.parse(r.attachedAt))) continue;
        slots[s] = {
            attachedAt: r.attachedAt,
            ...(typeof r.thumbprint === "string" ? { thumbprint: r.thumbprint.toUpperCase() } : {}),
            ...(typeof r.notAfter === "string" ? { notAfter: r.notAfter } : {}),
            ...(r.provided === true ? { provided: true } : {}),
        };
    }
    if (!slots[v.inUse]) return undefined;
    const next = isSlot(v.next) && slots[v.next] ? v.next : undefined;
    return { inUse: v.inUse, ...(next ? { next } : {}), slots };
}

/**
 * Refuses a credential change that would take the certificate in use off the application at once
 * although the stack is rolling certificates over. `property` names the credential in errors.
 *
 * - One generated slot while a rollover is under way: one of the two certificates would go now,
 *   and the connector may already use either.
 * - A generated certificate with two slots after a provided one was in use: the provided PEM is
 *   no longer in the config, so it cannot stay beside the new one.
 */
export function checkRolloverChange(plan: CertificatePlan, prev: RolloverState | undefined, property: string): void {
    if (!prev || plan.provided) return;
    const inUse = prev.slots[prev.inUse];
    if (plan.slots === 1 && prev.next) {
        const next = prev.slots[prev.next];
        throw new ConfigError(
            `${property}.certificateSlots`,
            `is 1, but a certificate rollover is under way (next certificate ${next?.thumbprint ?? "?"} added ${next?.attachedAt ?? "?"}): one slot would remove one of the two certificates now, and the connector may use either`,
            "Finish the rollover first (`m365-connectors rotate --confirm-switched`, or the first `pulumi up` after its removal date), then set certificateSlots: 1",
        );
    }
    if (plan.slots === 2 && inUse?.provided) {
        throw new ConfigError(
            `${property}.pem`,
            `is gone, but the certificate in use (${inUse.thumbprint ?? "?"}) was provided in pem: without its PEM the stack cannot keep it on the application beside a generated one, so it would be removed at once`,
            "Keep pem and keyPem until the connector uses another certificate (roll with nextPem), or set certificateSlots: 1 to replace it at once (the connector fails until it gets the new certificate)",
        );
    }
}

/** The slot of a one-slot generated certificate: the one in use (so a finished rollover's slot `b` stays), `a` on the first run. */
export function singleSlot(prev: RolloverState | undefined, now: Date): SlotDeclaration {
    const slot = prev?.inUse ?? "a";
    return { slot, attachedAt: prev?.slots[slot]?.attachedAt ?? iso(now.getTime()) };
}

/** The plan for a certificate credential with two slots (or a provided one; see the module comment). */
export function planRollover(plan: CertificatePlan, prev: RolloverState | undefined, now: Date): RolloverPlan {
    return plan.provided ? providedRollover(plan, plan.provided, prev, now) : generatedRollover(plan, prev, now);
}

function generatedRollover(plan: CertificatePlan, prev: RolloverState | undefined, now: Date): RolloverPlan {
    const fresh = (slot: SlotName): SlotDeclaration => ({ slot, attachedAt: iso(now.getTime()) });
    if (!prev) return { inUse: fresh("a") };
    const current: SlotDeclaration = { slot: prev.inUse, attachedAt: prev.slots[prev.inUse]!.attachedAt };
    if (prev.next) {
        const nextRecord = prev.slots[prev.next]!;
        const next: SlotDeclaration = { slot: prev.next, attachedAt: nextRecord.attachedAt };
        return switchOver(plan, current, next, nextRecord.thumbprint, now);
    }
    const notAfter = prev.slots[prev.inUse]!.notAfter;
    const due = notAfter !== undefined && Date.parse(notAfter) - plan.renewBeforeDays * DAY_MS <= now.getTime();
    if (!due) return { inUse: current };
    const next = fresh(other(prev.inUse));
    return { inUse: current, next, removeAfter: iso(now.getTime() + plan.switchOverDays * DAY_MS) };
}

function providedRollover(plan: CertificatePlan, provided: ProvidedCertificate, prev: RolloverState | undefined, now: Date): RolloverPlan {
    const slotOf = (thumbprint: string) => (["a", "b"] as const).find((s) => prev?.slots[s]?.thumbprint === thumbprint);
    const declare = (slot: SlotName, cert: ProvidedCertificate): SlotDeclaration => {
        const record = prev?.slots[slot];
        const attachedAt = record?.thumbprint === cert.info.thumbprintSha1 ? record.attachedAt : iso(now.getTime());
        return { slot, attachedAt, provided: cert };
    };
    // A certificate already on the application keeps its slot; a new one takes the slot in use
    // (a direct replacement, as with one slot) or, as the next certificate, the other one.
    const inUseBefore = prev?.inUse ?? "a";
    const nextBefore = plan.next ? slotOf(plan.next.info.thumbprintSha1) : undefined;
    const currentSlot = slotOf(provided.info.thumbprintSha1) ?? (nextBefore === inUseBefore ? other(inUseBefore) : inUseBefore);
    const current = declare(currentSlot, provided);
    if (!plan.next) return { inUse: current };
    const next = declare(slotOf(plan.next.info.thumbprintSha1) ?? other(currentSlot), plan.next);
    return switchOver(plan, current, next, plan.next.info.thumbprintSha1, now);
}

/** During a rollover: keep both until the switch-over ends or is confirmed, then only the next one. */
function switchOver(plan: CertificatePlan, current: SlotDeclaration, next: SlotDeclaration, nextThumbprint: string | undefined, now: Date): RolloverPlan {
    const removeAfter = Date.parse(next.attachedAt) + plan.switchOverDays * DAY_MS;
    const confirmed = plan.switchedTo !== undefined && plan.switchedTo === nextThumbprint;
    if (confirmed || now.getTime() >= removeAfter) return { inUse: next };
    return { inUse: current, next, removeAfter: iso(removeAfter) };
}
