import { strict as assert } from "node:assert";
import { createHash, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { resolveProfile } from "../../catalog";
import { CERTIFICATE_TYPE, installMocks, isSecret, selfSigned, settle, valueOf } from "./fixtures";

type Resources = typeof import("../../resources");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const NOW = new Date("2026-03-01T00:00:00Z");
const sha1Hex = (pem: string) => createHash("sha1").update(new X509Certificate(pem).raw).digest("hex").toUpperCase();

describe("ConnectorApplication: credentials", () => {
    let M: Resources;
    before(async () => {
        await installMocks();
        M = await import("../../resources");
    });

    it("generated certificate: portal thumbprint, expiry, secret key and an importable PFX", async () => {
        const rec = await installMocks();
        const app = new M.ConnectorApplication("gen", { tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "activeroles-m365" }), credential: { validityMonths: 6, renewBeforeDays: 10, certificateSlots: 1 } });
        await settle(app);
        const certPem = (await valueOf(app.certificatePem))!;
        assert.equal(await valueOf(app.certificateThumbprint), sha1Hex(certPem));
        assert.match((await valueOf(app.certificateThumbprint))!, /^[0-9A-F]{40}$/);
        assert.match((await valueOf(app.certificateThumbprintSha256))!, /^[0-9A-F]{64}$/);
        const generated = rec.ofType(CERTIFICATE_TYPE)[0];
        assert.equal(generated.inputs.validityHours, 6 * 730);
        assert.equal(generated.inputs.renewBeforeHours, 240);
        assert.equal(generated.inputs.commonName, "gen");
        const x509 = new X509Certificate(certPem);
        assert.equal(x509.subject, "CN=gen");
        assert.equal(Date.parse(x509.validTo) - Date.parse(x509.validFrom), 6 * 730 * 3_600_000, "valid for validityHours");
        assert.match(x509.keyUsage?.join(",") ?? "", /1\.3\.6\.1\.5\.5\.7\.3\.2/, "client authentication EKU");
        const attached = rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate")[0];
        const notAfter = new X509Certificate(certPem).validTo;
        assert.equal(attached.inputs.endDate, new Date(notAfter).toISOString().replace(".000Z", "Z"));
        assert.equal(await valueOf(app.credentialExpiresAt), attached.inputs.endDate);
        for (const secret of [app.privateKeyPem, app.pfxBase64, app.pfxPassword, app.clientSecret]) assert.equal(await isSecret(secret), true);
        assert.equal(await isSecret(app.certificateThumbprint), false);
        assert.equal(await valueOf(app.clientSecret), undefined);

        const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from((await valueOf(app.pfxBase64))!, "base64").toString("binary")), (await valueOf(app.pfxPassword))!);
        const certBag = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]![0];
        assert.equal(sha1Hex(forge.pki.certificateToPem(certBag.cert!)), sha1Hex(certPem));
        assert.equal(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]!.length, 1);
        const again = M.buildPfx({ privateKeyPem: (await valueOf(app.privateKeyPem))!, certificatePem: certPem, password: (await valueOf(app.pfxPassword))!, encryption: "aes256", friendlyName: "gen" });
        assert.equal(again.toString("base64"), await valueOf(app.pfxBase64), "the PFX is stable across runs");
    });

    it("provided certificate: no generated certificate, the PEM is attached as is, the configured PFX password is used", async () => {
        const rec = await installMocks();
        const { certPem, keyPem } = await selfSigned({ commonName: "byo" });
        const app = new M.ConnectorApplication("byo", {
            tenantId: TENANT, cloud: "AzureGCCHigh", profile: resolveProfile({ profile: "activeroles-azuread" }),
            credential: { pem: certPem, keyPem, pfxPassword: "correct horse battery", pfxEncryption: "3des" },
        });
        await settle(app);
        assert.equal(rec.ofType(CERTIFICATE_TYPE).length, 0);
        assert.equal(rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate")[0].inputs.value, certPem);
        assert.equal(await valueOf(app.certificateThumbprint), sha1Hex(certPem));
        assert.equal(await valueOf(app.pfxPassword), "correct horse battery");
        assert.equal(await isSecret(app.privateKeyPem), true);
        const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from((await valueOf(app.pfxBase64))!, "base64").toString("binary")), "correct horse battery");
        assert.equal(pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!.length, 1);
        assert.equal(app.connectionInputs.credential.type, "certificate");
    });

    it("client secret: one password, rotation key = period start, end date = start + lifetime, value secret", async () => {
        const rec = await installMocks();
        const app = new M.ConnectorApplication("snow", { tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "snow-atlas-m365" }), now: NOW });
        await settle(app);
        const [p] = rec.ofType("azuread:index/applicationPassword:ApplicationPassword");
        assert.equal(p.name, "snow-secret");
        assert.deepEqual(p.inputs.rotateWhenChanged, { rotation: "2025-12-08" });
        assert.equal(p.inputs.endDate, "2026-06-06T00:00:00Z");
        assert.equal(await valueOf(app.clientSecret), "secret-value-snow-secret");
        assert.equal(await isSecret(app.clientSecret), true);
        assert.equal(await valueOf(app.credentialExpiresAt), "2026-06-06T00:00:00Z");
        assert.equal(await valueOf(app.certificateThumbprint), undefined);
        assert.equal(await valueOf(app.pfxBase64), undefined);
        const conn = app.connectionInputs;
        assert.equal(conn.credential.type, "secret");
        assert.equal(conn.credential.type === "secret" && (await isSecret(conn.credential.clientSecret)), true);
    });

    it("client secret with two slots: both exist, the newest is handed out", async () => {
        const rec = await installMocks();
        const app = new M.ConnectorApplication("snow2", {
            tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "snow-atlas-m365" }), now: NOW,
            credential: { secretSlots: 2, rotationDays: 60, secretLifetimeDays: 150 },
        });
        await settle(app);
        const passwords = rec.ofType("azuread:index/applicationPassword:ApplicationPassword");
        assert.deepEqual(passwords.map((p) => p.name).sort(), ["snow2-secret-a", "snow2-secret-b"]);
        const schedule = M.secretSchedule(NOW, 60, 150, 2);
        const current = schedule.find((s) => s.current)!;
        assert.equal(await valueOf(app.clientSecret), `secret-value-snow2-secret-${current.slot}`);
        for (const s of schedule) {
            const p = passwords.find((x) => x.name === `snow2-secret-${s.slot}`)!;
            assert.deepEqual(p.inputs.rotateWhenChanged, { rotation: s.rotationKey });
            assert.equal(p.inputs.endDate, s.endDate);
        }
    });

    it("connectionInputs: the seam for the connection resource", async () => {
        await installMocks();
        const profile = resolveProfile({ profile: "activeroles-m365" });
        const app = new M.ConnectorApplication("seam", { tenantId: TENANT, cloud: "AzureDoD", profile });
        await settle(app);
        const c = app.connectionInputs;
        assert.equal(c.cloud, "AzureDoD");
        assert.equal(c.dependsOn, app.grants);
        assert.equal(app.grants.length, 1 + 1 + 3 + 1, "consent + delegated grant + 3 roles + certificate");
        assert.equal(await valueOf(c.clientId), await valueOf(app.clientId));
        assert.equal(await valueOf(c.tenantId), TENANT);
        assert.deepEqual(c.expectations.directoryRoles.map((r) => r.name), ["Directory Writers", "Exchange Administrator", "User Administrator"]);
        assert.equal(c.expectations.exchange, true);
        assert.equal(c.credential.type === "certificate" && (await isSecret(c.credential.privateKeyPem)), true);
        assert.equal(await valueOf(app.tenantEnvironmentType), "Azure DoD");
    });
});
