import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { runProbe, type CheckName } from "../../probe";
import { certificate } from "./fixtures";
import { checkOf as check, failingOf as failing, seedScenario, useProbeEmulator } from "./scenario";

describe("runProbe against the emulator: each failure gives the right check, evidence and remedy", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    useProbeEmulator((e) => (emulator = e));

    it("missing consent (Exchange.ManageAsApp revoked): appRoles and exchangeCommand fail with the consent remedy", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["appRoles", "exchangeCommand"]);
        const appRoles = check(r, "appRoles");
        assert.match(appRoles.evidence ?? "", /missing Exchange\.ManageAsApp on Office 365 Exchange Online/);
        assert.match(appRoles.remedy ?? "", /^Grant admin consent for Exchange\.ManageAsApp on Office 365 Exchange Online \(Azure portal > App registrations > API permissions > Grant admin consent\)/);
        assert.equal(appRoles.transient, true);
        // The emulator's answer for a token without Exchange.ManageAsApp (emulator/exchange/route.ts).
        assert.match(check(r, "exchangeCommand").evidence ?? "", new RegExp(`→ 403 Unauthorized \\(The application ${s.clientId} has no Exchange\\.ManageAsApp permission with admin consent\\.\\)$`));
        assert.match(check(r, "exchangeCommand").remedy ?? "", /Grant admin consent for Exchange\.ManageAsApp/);
        assert.deepEqual(r.observed.appRoles["Office 365 Exchange Online"], []);
    });

    it("missing Graph consent (snow-atlas, User.Read.All and Directory.Read.All revoked): appRoles and the users read fail", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "User.Read.All");
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Directory.Read.All");
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["appRoles", "graphRead"]);
        assert.match(check(r, "graphRead").evidence ?? "", /GET \/users\?\$top=1 → 403/);
        assert.match(check(r, "graphRead").remedy ?? "", /User\.Read\.All/);
        assert.equal(check(r, "graphRead").transient, true, "the 403 is the missing grant's: waiting for replication can fix it");
    });

    it("missing directory role (User Administrator removed): directoryRoles fails naming it", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "User Administrator");
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["directoryRoles"]);
        assert.match(check(r, "directoryRoles").evidence ?? "", /missing User Administrator/);
        assert.match(check(r, "directoryRoles").remedy ?? "", /Assign the User Administrator role to the application's service principal/);
        assert.ok(!r.observed.directoryRoles.includes("User Administrator"));
    });

    it("Exchange role missing (Exchange Administrator removed): directoryRoles and exchangeCommand fail", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "Exchange Administrator");
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["directoryRoles", "exchangeCommand"]);
        assert.match(check(r, "directoryRoles").summary, /missing Exchange Administrator; no role Exchange Online accepts/);
        assert.match(check(r, "exchangeCommand").remedy ?? "", /Assign the Exchange Administrator role/);
    });

    it("wrong secret: graphToken fails with AADSTS7000215, not transient; the rest is skipped", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        const r = await runProbe({ ...s.input, credential: { kind: "secret", clientSecret: "not-the-secret" } });
        assert.deepEqual(failing(r), ["graphToken"]);
        const t = check(r, "graphToken");
        assert.match(t.evidence ?? "", /^AADSTS7000215: HTTP 401/);
        assert.match(t.remedy ?? "", /secret's Value, not its Secret ID/);
        assert.equal(t.transient, false);
        assert.deepEqual(["appRoles", "graphRead"].map((n) => check(r, n as CheckName).status), ["skip", "skip"]);
        assert.ok(!JSON.stringify(r).includes("not-the-secret"));
    });

    it("unknown certificate: AADSTS700027 with the upload remedy", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const other = await certificate(365);
        const r = await runProbe({ ...s.input, credential: { kind: "certificate", ...other } });
        assert.deepEqual(failing(r), ["graphToken"]);
        assert.match(check(r, "graphToken").evidence ?? "", /^AADSTS700027/);
        assert.match(check(r, "graphToken").remedy ?? "", /Upload the certificate/);
    });

    it("expired secret: AADSTS7000222, and credentialExpiry fails", async () => {
        const endDateTime = new Date(Date.now() - 86_400_000).toISOString();
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" }, {
            seeded: { kind: "secret", secret: "old-secret", endDateTime },
            credential: { kind: "secret", clientSecret: "old-secret", expiresAt: endDateTime },
        });
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["graphToken", "credentialExpiry"]);
        assert.match(check(r, "graphToken").evidence ?? "", /^AADSTS7000222/);
        assert.match(check(r, "credentialExpiry").remedy ?? "", /create a new secret/);
        assert.ok((r.observed.credentialDaysLeft ?? 0) < 0);
    });

    it("credential expiring within warnDays: the connection works, the report warns", async () => {
        const soon = await certificate(10);
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" }, { seeded: { kind: "certificate", certificatePem: soon.certificatePem }, credential: { kind: "certificate", ...soon } });
        const r = await runProbe({ ...s.input, warnDays: 30 });
        assert.equal(r.status, "warn");
        assert.equal(check(r, "credentialExpiry").status, "warn");
        assert.equal(r.observed.credentialDaysLeft, 9);
    });

    it("unknown tenant: AADSTS90002, not transient", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const r = await runProbe({ ...s.input, tenantId: "99999999-0000-4000-8000-000000000000" });
        assert.match(check(r, "graphToken").evidence ?? "", /^AADSTS90002/);
        assert.equal(check(r, "graphToken").transient, false);
    });
});
