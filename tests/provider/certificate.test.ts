import { strict as assert } from "node:assert";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { check, create, diff, dueForRenewal, renewalClock, update } from "../../providers/certificate/runtime";
import { UNKNOWN } from "../../providers/connection/types";

const HOUR = 3_600_000;
const inputs = { commonName: "Active Roles Sync - M365", validityHours: 730, renewBeforeHours: 240 };

describe("ConnectorCertificate runtime (generated certificates)", function () {
    this.timeout(30_000);
    let made: { id: string; outs: Record<string, any> };
    before(async () => {
        made = (await create(inputs)) as typeof made;
    });

    it("create: an RSA-2048 client-auth certificate for the name, valid validityHours from now, with its own key", () => {
        const cert = new X509Certificate(made.outs.certificatePem);
        assert.equal(cert.subject, "CN=Active Roles Sync - M365");
        assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
        assert.equal(Date.parse(cert.validTo) - Date.parse(cert.validFrom), 730 * HOUR);
        assert.ok(Math.abs(Date.parse(cert.validFrom) - Date.now()) < 60_000, "valid from now");
        assert.deepEqual(cert.keyUsage, ["1.3.6.1.5.5.7.3.2"], "extended key usage: client authentication only");
        assert.ok(cert.checkPrivateKey(createPrivateKey(made.outs.privateKeyPem)));
        assert.match(made.outs.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/, "PKCS#8");
        assert.equal(made.outs.thumbprintSha1, cert.fingerprint.replace(/:/g, ""));
        assert.equal(made.id, made.outs.thumbprintSha1.toLowerCase());
        assert.equal(made.outs.notAfter, new Date(cert.validTo).toISOString().replace(".000Z", "Z"));
    });

    it("create: every certificate has its own key and serial", async () => {
        const other = await create(inputs);
        assert.notEqual(other.outs.privateKeyPem, made.outs.privateKeyPem);
        assert.notEqual(new X509Certificate(other.outs.certificatePem).serialNumber, new X509Certificate(made.outs.certificatePem).serialNumber);
    });

    it("check: names each bad input, says why; unknowns during preview are not judged", async () => {
        const bad = await check({}, { commonName: "", validityHours: 9000, renewBeforeHours: 10 });
        assert.deepEqual(bad.failures?.map((f) => f.property), ["commonName", "validityHours"]);
        const window = await check({}, { ...inputs, renewBeforeHours: 730 });
        assert.deepEqual(window.failures?.map((f) => f.property), ["renewBeforeHours"]);
        assert.match(window.failures![0].reason, /less than validityHours; otherwise every `pulumi up` would re-issue/);
        assert.deepEqual((await check({}, { ...inputs, commonName: UNKNOWN })).failures, []);
        assert.deepEqual((await check({}, inputs)).failures, []);
    });

    it("diff: nothing while outside the renewal window; renewBeforeHours alone is an update", async () => {
        assert.deepEqual(await diff(made.id, made.outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
        const r = await diff(made.id, made.outs, { ...inputs, renewBeforeHours: 24 });
        assert.deepEqual(r, { changes: true, replaces: [], deleteBeforeReplace: false });
        const u = await update(made.id, made.outs, { ...inputs, renewBeforeHours: 24 });
        assert.equal(u.outs.renewBeforeHours, 24);
        assert.equal(u.outs.certificatePem, made.outs.certificatePem, "the certificate stays");
    });

    it("diff: a new name or validity replaces the certificate, created before the old one is deleted", async () => {
        assert.deepEqual((await diff(made.id, made.outs, { ...inputs, commonName: "other" })).replaces, ["commonName"]);
        const v = await diff(made.id, made.outs, { ...inputs, validityHours: 1000 });
        assert.deepEqual(v.replaces, ["validityHours"]);
        assert.equal(v.deleteBeforeReplace, false);
    });

    it("diff: inside the renewal window the certificate is replaced (renewal)", async () => {
        const saved = process.env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS;
        try {
            // 730 h = 30.4 days of validity, renewal from 10 days before the end: due after 20.4 days.
            process.env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS = "20";
            assert.deepEqual((await diff(made.id, made.outs, inputs)).replaces, []);
            process.env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS = "20.5";
            assert.deepEqual(await diff(made.id, made.outs, inputs), { changes: true, replaces: ["notAfter"], deleteBeforeReplace: false });
        } finally {
            if (saved === undefined) delete process.env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS;
            else process.env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS = saved;
        }
    });

    it("dueForRenewal and renewalClock", () => {
        const now = new Date("2026-06-01T00:00:00Z");
        assert.equal(dueForRenewal("2026-06-11T00:00:00Z", 240, now), true);
        assert.equal(dueForRenewal("2026-06-11T00:00:01Z", 240, now), false);
        const t = Date.now();
        assert.ok(Math.abs(renewalClock({ M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "2" }).getTime() - (t + 48 * HOUR)) < 5_000);
        assert.ok(Math.abs(renewalClock({}).getTime() - t) < 5_000);
    });
});
