import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { ConfigError, resolveProfile } from "../../catalog";
import * as M from "../../resources";
import { parseRolloverState, planCredential, planRollover, type CertificatePlan, type RolloverState } from "../../resources";
import { installMocks, isSecret, selfSigned, settle, valueOf } from "./fixtures";

const DAY = 86_400_000;
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ars = resolveProfile({ profile: "activeroles-m365" });
const T0 = new Date("2026-06-01T00:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
const generated = (spec: Record<string, unknown> = {}) => planCredential(spec, ars, "credential", T0) as CertificatePlan;
const THUMB_A = "A".repeat(40);
const THUMB_B = "B".repeat(40);

/** What the program would export after a run with `plan` at `now`, given the certificates it made. */
function exported(plan: ReturnType<typeof planRollover>, certs: Record<string, { thumbprint: string; notAfter: string }>): RolloverState {
    const rec = (d: { slot: "a" | "b"; attachedAt: string }) => ({ ...certs[d.slot], attachedAt: d.attachedAt });
    return {
        inUse: plan.inUse.slot,
        ...(plan.next ? { next: plan.next.slot, removeAfter: plan.removeAfter } : {}),
        slots: { [plan.inUse.slot]: rec(plan.inUse), ...(plan.next ? { [plan.next.slot]: rec(plan.next) } : {}) },
    };
}

describe("certificate rollover plan (two slots)", () => {
    it("walks a generated certificate through steady, renewal, switch-over and steady again, never dropping the one in use early", () => {
        const plan = generated(); // 12 months, renewBeforeDays 30, switchOverDays 14
        const certs = { a: { thumbprint: THUMB_A, notAfter: iso(at(365)) }, b: { thumbprint: THUMB_B, notAfter: iso(at(700)) } };
        // First run: slot a only.
        const first = planRollover(plan, undefined, T0);
        assert.deepEqual(first, { inUse: { slot: "a", attachedAt: iso(T0) } });
        let state = exported(first, certs);
        // Any run before the renewal window: unchanged.
        assert.deepEqual(planRollover(plan, state, at(334)), first);
        // Inside renewBeforeDays: the next certificate joins slot b; a stays in use.
        const renewal = planRollover(plan, state, at(336));
        assert.equal(renewal.inUse.slot, "a");
        assert.deepEqual(renewal.next, { slot: "b", attachedAt: iso(at(336)) });
        assert.equal(renewal.removeAfter, iso(at(350)));
        state = exported(renewal, certs);
        // During the switch-over every run keeps both, with the same removal date.
        for (const day of [337, 349]) assert.deepEqual(planRollover(plan, state, at(day)), renewal, `day ${day}`);
        // After switchOverDays: only b, in use. The old one goes before it expires (day 365).
        const after = planRollover(plan, state, at(350));
        assert.deepEqual(after, { inUse: { slot: "b", attachedAt: iso(at(336)) } });
        assert.ok(at(350) < at(365));
        // Steady on b until b's own window.
        assert.deepEqual(planRollover(plan, exported(after, certs), at(400)), after);
    });

    it("removes the old certificate at once when the switch is confirmed with the next thumbprint, and not for another one", () => {
        const certs = { a: { thumbprint: THUMB_A, notAfter: iso(at(365)) }, b: { thumbprint: THUMB_B, notAfter: iso(at(700)) } };
        const state = exported(planRollover(generated(), exported(planRollover(generated(), undefined, T0), certs), at(340)), certs);
        assert.equal(state.next, "b");
        assert.deepEqual(planRollover(generated({ switchedTo: THUMB_B.toLowerCase() }), state, at(341)), { inUse: { slot: "b", attachedAt: iso(at(340)) } });
        // A stale confirmation (the previous rollover's thumbprint) changes nothing.
        assert.equal(planRollover(generated({ switchedTo: THUMB_A }), state, at(341)).next?.slot, "b");
    });

    it("a late first run inside the window still overlaps for the whole switch-over (counted from when the next one was added)", () => {
        const certs = { a: { thumbprint: THUMB_A, notAfter: iso(at(365)) }, b: { thumbprint: THUMB_B, notAfter: iso(at(720)) } };
        const state = exported(planRollover(generated(), undefined, T0), certs);
        const late = planRollover(generated(), state, at(360)); // nobody ran up from day 335 to 360
        assert.equal(late.removeAfter, iso(at(374)));
        assert.equal(planRollover(generated(), exported(late, certs), at(361)).next?.slot, "b");
    });

    it("a provided certificate rolls over with nextPem: both declared, nextPem in the free slot; then only the new one", async () => {
        const old = await selfSigned({ notBefore: at(-300), notAfter: at(60) });
        const key2 = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        const renewed = await selfSigned({ notBefore: at(-1), notAfter: at(300), keyPem: key2 });
        const single = planCredential({ pem: old.certPem, keyPem: old.keyPem }, ars, "credential", T0) as CertificatePlan;
        assert.equal(single.slots, 1, "a provided certificate alone keeps one slot");
        const first = planRollover(single, undefined, T0);
        assert.equal(first.inUse.slot, "a");
        assert.equal(first.inUse.provided?.certificatePem, old.certPem);
        const thumbs = { a: { thumbprint: single.provided!.info.thumbprintSha1, notAfter: iso(at(60)) } } as Record<string, { thumbprint: string; notAfter: string }>;
        const rolling = planCredential({ pem: old.certPem, keyPem: old.keyPem, nextPem: renewed.certPem, nextKeyPem: renewed.keyPem }, ars, "credential", T0) as CertificatePlan;
        assert.equal(rolling.slots, 2);
        const during = planRollover(rolling, exported(first, thumbs), at(1));
        assert.equal(during.inUse.slot, "a");
        assert.equal(during.next?.slot, "b");
        assert.equal(during.next?.provided?.certificatePem, renewed.certPem);
        thumbs.b = { thumbprint: rolling.next!.info.thumbprintSha1, notAfter: iso(at(300)) };
        const done = planRollover(rolling, exported(during, thumbs), at(15));
        assert.equal(done.inUse.slot, "b");
        assert.equal(done.next, undefined);
        // The user then moves nextPem to pem: it stays in slot b, nothing is replaced.
        const moved = planCredential({ pem: renewed.certPem, keyPem: renewed.keyPem }, ars, "credential", T0) as CertificatePlan;
        assert.deepEqual(planRollover(moved, exported(done, thumbs), at(16)), done);
    });

    it("reads back only well-formed state", () => {
        assert.equal(parseRolloverState(undefined), undefined);
        assert.equal(parseRolloverState({ inUse: "c", slots: {} }), undefined);
        assert.equal(parseRolloverState({ inUse: "a", slots: {} }), undefined, "the slot in use must be recorded");
        assert.deepEqual(parseRolloverState({ inUse: "a", next: "b", slots: { a: { attachedAt: "2026-01-01T00:00:00Z", thumbprint: "ab".repeat(20) } } }), {
            inUse: "a",
            slots: { a: { attachedAt: "2026-01-01T00:00:00Z", thumbprint: "AB".repeat(20) } },
        });
    });
});

describe("certificate rollover settings: bad input names the key", () => {
    const bad = async (): Promise<[string, Record<string, unknown>, RegExp][]> => {
        const old = await selfSigned({ notBefore: at(-300), notAfter: at(60) });
        const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        const renewed = await selfSigned({ notBefore: at(-1), notAfter: at(300), keyPem: other });
        const ending = await selfSigned({ notBefore: at(-300), notAfter: at(10) });
        return [
            ["three slots", { certificateSlots: 3 }, /^credential\.certificateSlots: must be one of/],
            ["switchOverDays past the old certificate's life", { switchOverDays: 30 }, /^credential\.switchOverDays: 30 days reaches past the old certificate's life: it is renewed 30 days before it expires.*Lower switchOverDays below renewBeforeDays/],
            ["switchOverDays with one slot", { certificateSlots: 1, switchOverDays: 5 }, /^credential\.switchOverDays: applies to certificate rollovers with certificateSlots: 2/],
            ["two slots and no renewal window", { renewBeforeDays: 1 }, /^credential\.renewBeforeDays: 1 day\(s\) leaves no time to switch/],
            ["nextPem whose key does not match", { pem: old.certPem, keyPem: old.keyPem, nextPem: renewed.certPem, nextKeyPem: old.keyPem }, /^credential\.nextKeyPem: does not belong to the certificate/],
            ["nextPem without nextKeyPem", { pem: old.certPem, keyPem: old.keyPem, nextPem: renewed.certPem }, /^credential\.nextKeyPem: is required/],
            ["nextPem for a generated certificate", { nextPem: renewed.certPem, nextKeyPem: other }, /^credential\.nextPem: rolls over a provided certificate/],
            ["nextPem equal to pem", { pem: old.certPem, keyPem: old.keyPem, nextPem: old.certPem, nextKeyPem: old.keyPem }, /^credential\.nextPem: is the same certificate as pem/],
            ["nextPem with one slot", { pem: old.certPem, keyPem: old.keyPem, nextPem: renewed.certPem, nextKeyPem: other, certificateSlots: 1 }, /^credential\.certificateSlots: must be 2 when nextPem is given/],
            // nextPem valid from day -1, plus 14 days of switch-over, ends after pem's day 10.
            ["a provided switch-over past pem's expiry", { pem: ending.certPem, keyPem: ending.keyPem, nextPem: renewed.certPem, nextKeyPem: other }, /^credential\.switchOverDays: 14 days reaches past the old certificate's life: pem/],
            ["switchedTo that is not a thumbprint", { switchedTo: "the new one" }, /^credential\.switchedTo: must be a certificate's SHA-1 thumbprint/],
        ];
    };
    it("each case is a ConfigError naming the key and what to do", async () => {
        for (const [what, spec, message] of await bad()) {
            assert.throws(() => planCredential(spec, ars, "credential", T0), (e: Error) => {
                assert.ok(e instanceof ConfigError, `${what}: a ConfigError, got ${e.name}`);
                assert.match(e.message, message, what);
                return true;
            });
        }
    });
});

describe("credential changes that would take the certificate in use off the application are refused", () => {
    const rolling: RolloverState = { inUse: "a", next: "b", slots: { a: { attachedAt: iso(T0), thumbprint: THUMB_A }, b: { attachedAt: iso(at(1)), thumbprint: THUMB_B } } };
    const providedInUse: RolloverState = { inUse: "a", slots: { a: { attachedAt: iso(T0), thumbprint: THUMB_A, provided: true } } };

    it("one slot while a rollover is under way", () => {
        assert.throws(() => M.checkRolloverChange(generated({ certificateSlots: 1 }), rolling, "credential"), (e: Error) => {
            assert.ok(e instanceof ConfigError);
            assert.match(e.message, new RegExp(`^credential\\.certificateSlots: is 1, but a certificate rollover is under way \\(next certificate ${THUMB_B}.*Finish the rollover first`));
            return true;
        });
        assert.doesNotThrow(() => M.checkRolloverChange(generated({ certificateSlots: 1 }), { inUse: "b", slots: { b: rolling.slots.b! } }, "credential"), "after the rollover it is fine");
        assert.doesNotThrow(() => M.checkRolloverChange(generated(), rolling, "credential"), "two slots carry on");
    });

    it("a generated certificate with two slots after a provided one in use (its PEM is gone from the config)", () => {
        assert.throws(() => M.checkRolloverChange(generated(), providedInUse, "credential"), /^ConfigError: credential\.pem: is gone, but the certificate in use \(A{40}\) was provided in pem.*set certificateSlots: 1 to replace it at once/);
        assert.doesNotThrow(() => M.checkRolloverChange(generated({ certificateSlots: 1 }), providedInUse, "credential"), "one slot: a direct replacement, as asked");
        assert.equal(parseRolloverState(providedInUse)?.slots.a?.provided, true, "the provided flag survives the output");
    });
});

describe("ConnectorApplication during a rollover", () => {
    it("declares both certificates, exports the next one (PFX secret) and its removal date, and hands both to the connection", async () => {
        const rec = await installMocks();
        const now = new Date();
        const app0 = new M.ConnectorApplication("roll", { tenantId: TENANT, cloud: "AzureCloud", profile: ars, now });
        await settle(app0);
        const state0 = (await valueOf(app0.rotation))!;
        assert.equal(state0.inUse, "a");
        assert.equal(state0.slots.a?.thumbprint, await valueOf(app0.certificateThumbprint));
        assert.equal(await valueOf(app0.nextCertificateThumbprint), undefined);
        assert.deepEqual(rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate").map((r) => r.name), ["roll-certificate"]);

        // The next run 340 days later (inside renewBeforeDays of a 365-day certificate).
        const rec2 = await installMocks();
        const later = new Date(Date.parse(state0.slots.a!.notAfter!) - 20 * DAY);
        const app = new M.ConnectorApplication("roll", { tenantId: TENANT, cloud: "AzureCloud", profile: ars, now: later, rollover: state0 });
        await settle(app);
        assert.deepEqual(rec2.ofType("azuread:index/applicationCertificate:ApplicationCertificate").map((r) => r.name).sort(), ["roll-certificate", "roll-certificate-b"]);
        assert.deepEqual(rec2.ofType("pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate").map((r) => r.name).sort(), ["roll-cert", "roll-cert-b"]);
        const next = (await valueOf(app.nextCertificateThumbprint))!;
        assert.match(next, /^[0-9A-F]{40}$/);
        assert.notEqual(next, await valueOf(app.certificateThumbprint), "settings keep the certificate in use");
        assert.equal(await valueOf(app.certificateRemovedAfter), iso(new Date(later.getTime() + 14 * DAY)));
        assert.equal(await isSecret(app.nextPfxBase64), true);
        assert.equal(await isSecret(app.nextPfxPassword), true);
        const c = app.connectionInputs.credential;
        assert.ok(c.type === "certificate" && c.next, "the connection gets the next certificate");
        assert.equal(await isSecret(c.next.privateKeyPem), true);
        const state = (await valueOf(app.rotation))!;
        assert.equal(state.next, "b");
        assert.equal(state.slots.b?.thumbprint, next);
    });

    it("with one slot keeps a single certificate that renews itself (today's behaviour), in the slot in use", async () => {
        const rec = await installMocks();
        // After a finished rollover the certificate in use is in slot b: one slot keeps it there.
        const app = new M.ConnectorApplication("one", { tenantId: TENANT, cloud: "AzureCloud", profile: ars, credential: { certificateSlots: 1 }, rollover: { inUse: "b", slots: { b: { attachedAt: iso(T0) } } } });
        await settle(app);
        assert.deepEqual(rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate").map((r) => r.name), ["one-certificate-b"]);
        assert.equal(rec.ofType("pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate")[0].inputs.renewBeforeHours, 30 * 24);
        assert.equal((await valueOf(app.rotation))?.inUse, "b");
        // Its exported state keeps its first date, so the stack outputs are the same run after run.
        const again = new M.ConnectorApplication("one-again", { tenantId: TENANT, cloud: "AzureCloud", profile: ars, credential: { certificateSlots: 1 }, rollover: { inUse: "a", slots: { a: { attachedAt: iso(T0) } } } });
        await settle(again);
        assert.equal((await valueOf(again.rotation))?.slots.a?.attachedAt, iso(T0));
    });
});
