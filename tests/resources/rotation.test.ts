import { strict as assert } from "node:assert";
import { resolveProfile } from "../../catalog";
import { CredentialDefaults, derivePfxPassword, planCredential, rfc3339, secretSchedule } from "../../resources";
import { rsaKeyPem } from "./fixtures";

const DAY = 86_400_000;

describe("secret rotation schedule", () => {
    it("is stable within a period and rotates at its boundary", () => {
        const a = secretSchedule(new Date("2026-03-01T00:00:00Z"), 90, 180, 1);
        const b = secretSchedule(new Date("2026-03-06T23:59:59Z"), 90, 180, 1);
        const c = secretSchedule(new Date("2026-03-08T00:00:00Z"), 90, 180, 1);
        assert.deepEqual(a, b);
        assert.deepEqual(a, [{ slot: "", rotationKey: "2025-12-08", endDate: "2026-06-06T00:00:00Z", current: true, nextRotation: "2026-03-08T00:00:00Z" }]);
        assert.equal(c[0].rotationKey, "2026-03-08");
    });

    it("with two slots renews one per period and always has a secret valid past the next rotation", () => {
        for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 7 * DAY) {
            const now = new Date(t);
            const slots = secretSchedule(now, 60, 150, 2);
            assert.deepEqual(slots.map((s) => s.slot), ["a", "b"]);
            assert.equal(slots.filter((s) => s.current).length, 1);
            for (const s of slots) {
                assert.ok(Date.parse(s.endDate) > Date.parse(s.nextRotation), `${s.slot} outlives its next rotation at ${now.toISOString()}`);
                assert.ok(Date.parse(s.endDate) > t);
            }
            const [older] = slots.filter((s) => !s.current);
            const [current] = slots.filter((s) => s.current);
            assert.ok(older.rotationKey < current.rotationKey, "the other slot is the previous secret, still valid");
        }
    });

    it("formats RFC 3339 without milliseconds", () => {
        assert.equal(rfc3339(new Date("2026-05-01T10:20:30.456Z")), "2026-05-01T10:20:30Z");
    });
});

describe("credential plans", () => {
    const snow = resolveProfile({ profile: "snow-atlas-m365" });
    const ars = resolveProfile({ profile: "activeroles-m365" });

    it("defaults to the profile's credential with documented defaults", () => {
        assert.deepEqual(planCredential(undefined, snow, "credential"), { type: "secret", lifetimeDays: 180, rotationDays: 90, slots: 1 });
        assert.deepEqual(planCredential({}, ars, "credential"), {
            type: "certificate",
            validityMonths: 12,
            renewBeforeDays: 30,
            provided: undefined,
            next: undefined,
            slots: 2,
            switchOverDays: 14,
            switchedTo: undefined,
            pfxPassword: undefined,
            pfxEncryption: "aes256",
        });
        // Two slots are the Active Roles default; other certificate profiles keep one.
        assert.equal((planCredential({}, resolveProfile({ profile: "custom", appRoles: ["User.Read.All"] }), "credential") as { slots: number }).slots, 1);
        assert.equal(CredentialDefaults.validityMonths * 730, 8760, "12 months of generated validity = 365 days");
    });

    it("lets a custom profile switch the credential kind", () => {
        const custom = resolveProfile({ profile: "custom", base: "activeroles-azuread" });
        assert.equal(planCredential({ type: "secret" }, custom, "credential").type, "secret");
    });

    it("derives a stable PFX password from the key", () => {
        const p = derivePfxPassword(rsaKeyPem());
        assert.equal(p, derivePfxPassword(rsaKeyPem()));
        assert.match(p, /^[A-Za-z0-9_-]{32}$/);
    });
});
