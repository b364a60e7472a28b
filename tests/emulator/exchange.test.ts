import * as assert from "node:assert/strict";
import { resolveProfile } from "../../catalog";
import type { CertificateAndKey } from "../../emulator/ca";
import type { RunningEmulator, SeededConnector } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, EXO_SCOPE, newTenantId, seedWithSecret, testCertificates, tokenFor } from "./util";

describe("emulator: Exchange Online admin API", () => {
    const tenantId = newTenantId();
    const otherTenantId = newTenantId();
    let emu: RunningEmulator;
    let certs: CertificateAndKey[];
    let m365: SeededConnector;
    let exoToken: () => Promise<string>;
    const invoke = (token: string | undefined, CmdletName: string, Parameters: Record<string, unknown> = {}, tenant = tenantId) =>
        call(`${emu.url}/adminapi/beta/${tenant}/InvokeCommand`, { token, body: { CmdletInput: { CmdletName, Parameters } } });

    before(async () => {
        certs = await testCertificates();
        emu = await startTestEmulator({
            tenants: [
                { tenantId, displayName: "Northwind", domains: ["northwind.onmicrosoft.com", "northwind.example"] },
                { tenantId: otherTenantId },
            ],
        });
        m365 = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "activeroles-m365" }), credential: { kind: "certificate", certificatePem: certs[0].certificatePem } });
        exoToken = () => tokenFor(emu, tenantId, m365.clientId, { certificate: certs[0], thumbprint: "sha256" }, EXO_SCOPE);
    });
    after(() => emu.stop());

    it("runs Get-OrganizationConfig and Get-AcceptedDomain for an Exchange.ManageAsApp token with an Exchange role", async () => {
        const token = await exoToken();
        const org = await invoke(token, "Get-OrganizationConfig");
        assert.equal(org.status, 200);
        assert.equal(typeof org.body["@odata.context"], "string");
        assert.equal(org.body.value[0].DisplayName, "Northwind");
        const domains = await invoke(token, "Get-AcceptedDomain");
        assert.deepEqual(
            domains.body.value.map((d: { DomainName: string; Default: boolean; InitialDomain: boolean }) => [d.DomainName, d.Default, d.InitialDomain]),
            [["northwind.onmicrosoft.com", true, true], ["northwind.example", false, false]],
        );
    });

    it("runs Get-Mailbox with ResultSize and Identity; an unknown identity fails in the admin API's error shape", async () => {
        const token = await exoToken();
        const two = await invoke(token, "Get-Mailbox", { ResultSize: 2 });
        assert.equal(two.body.value.length, 2);
        const one = await invoke(token, "Get-Mailbox", { Identity: "ADA@northwind.onmicrosoft.com" });
        assert.deepEqual(one.body.value.map((m: { PrimarySmtpAddress: string }) => m.PrimarySmtpAddress), ["ada@northwind.onmicrosoft.com"]);
        const none = await invoke(token, "Get-Mailbox", { Identity: "nobody" });
        assert.equal(none.status, 404);
        const parts = (none.body.error.details[0].message as string).split("|");
        assert.equal(parts.length, 3);
        assert.equal(parts[0], "ManagementObjectNotFoundException");
    });

    it("answers 401 for a missing token, a Graph token and another tenant's path", async () => {
        const none = await invoke(undefined, "Get-AcceptedDomain");
        assert.deepEqual([none.status, none.body.error.code], [401, "Unauthorized"]);
        assert.ok(none.headers.get("www-authenticate")?.startsWith("Bearer"));
        const graph = await tokenFor(emu, tenantId, m365.clientId, { certificate: certs[0], thumbprint: "sha256" });
        assert.equal((await invoke(graph, "Get-AcceptedDomain")).status, 401);
        assert.equal((await invoke(await exoToken(), "Get-AcceptedDomain", {}, otherTenantId)).status, 401);
    });

    it("answers 403 when the service principal has no Exchange-capable directory role, and 200 again once restored", async () => {
        emu.directory.removeDirectoryRole(tenantId, m365.clientId, "Exchange Administrator");
        const denied = await invoke(await exoToken(), "Get-AcceptedDomain");
        assert.equal(denied.status, 403);
        assert.equal(denied.body.error.message, `The role assigned to application ${m365.clientId} isn't supported in this scenario. Please check online documentation for assigning correct Directory Roles to Azure AD Application for EXO App-Only Authentication.`);
        emu.directory.assignDirectoryRole(tenantId, m365.clientId, "Global Reader");
        assert.equal((await invoke(await exoToken(), "Get-AcceptedDomain")).status, 200, "Global Reader is supported for EXO app-only");
        emu.directory.removeDirectoryRole(tenantId, m365.clientId, "Global Reader");
        emu.directory.assignDirectoryRole(tenantId, m365.clientId, "Exchange Administrator");
        assert.equal((await invoke(await exoToken(), "Get-AcceptedDomain")).status, 200);
    });

    it("answers 403 without the Exchange.ManageAsApp app role", async () => {
        emu.directory.revokeAppRole(tenantId, m365.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const r = await invoke(await exoToken(), "Get-AcceptedDomain");
        emu.directory.grantAppRole(tenantId, m365.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        assert.equal(r.status, 403);
        assert.match(r.body.error.message, /Exchange\.ManageAsApp/);
        assert.equal((await invoke(await exoToken(), "Get-AcceptedDomain")).status, 200);
    });

    it("answers 400 for an unknown cmdlet or a body without CmdletInput", async () => {
        const token = await exoToken();
        const unknown = await invoke(token, "Remove-Everything");
        assert.equal(unknown.status, 400);
        assert.equal((unknown.body.error.details[0].message as string).split("|")[0], "CommandNotFoundException");
        const bad = await call(`${emu.url}/adminapi/beta/${tenantId}/InvokeCommand`, { token, body: { nope: 1 } });
        assert.equal(bad.status, 400);
    });

    it("refuses a secret-only Graph connector (no Exchange grant) with 403", async () => {
        const snow = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        const token = await tokenFor(emu, tenantId, snow.clientId, { secret: snow.secret }, EXO_SCOPE);
        assert.equal((await invoke(token, "Get-OrganizationConfig")).status, 403);
    });
});
