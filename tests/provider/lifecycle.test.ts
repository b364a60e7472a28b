import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { connectionProvider, loadRuntime } from "../../providers/connection/provider";
import type { ResolvedOutputs } from "../../providers/connection/types";
import { startTestEmulator } from "../emulator/helpers";
import { seedScenario, type Scenario } from "../probe/scenario";

type Props = Record<string, unknown>;

/** Resource inputs for a seeded scenario, as the resource would send them. */
function inputsFor(s: Scenario, emulator: RunningEmulator, over: Props = {}): Props {
    const c = s.credential;
    const credential = c.kind === "certificate" ? { certificatePem: c.certificatePem, privateKeyPem: c.privateKeyPem } : { clientSecret: c.clientSecret, secretExpiresAt: c.expiresAt };
    return { tenantId: s.tenantId, clientId: s.clientId, cloud: "AzureCloud", profile: { profile: s.profile.name }, credential, endpointOverride: emulator.url, consistencyTimeoutSeconds: 10, ...over };
}

describe("ConnectorConnection provider methods against the emulator", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    before(async () => {
        emulator = await startTestEmulator();
    });
    after(async () => emulator?.stop());
    beforeEach(() => loadRuntime().clearTokenCache());

    it("create → read (pass) → consent revoked → read shows drift → diff asks to re-prove → grant → update passes → delete", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        const news = inputsFor(s, emulator);
        const checked = await connectionProvider.check!({}, news);
        assert.deepEqual(checked.failures, []);

        const created = await connectionProvider.create(checked.inputs);
        assert.equal(created.id, `${s.tenantId}/${s.clientId}`);
        const outs = created.outs as ResolvedOutputs;
        assert.equal(outs.status, "pass");
        assert.equal(outs.settings.tenantEnvironmentType, "Azure Cloud");
        assert.match(outs.settings.certificateThumbprint ?? "", /^[0-9A-F]{40}$/);
        assert.deepEqual(outs.observedAppRoles["Office 365 Exchange Online"], ["Exchange.ManageAsApp"]);
        assert.deepEqual([...outs.observedDirectoryRoles].sort(), ["Directory Writers", "Exchange Administrator", "User Administrator"]);
        assert.deepEqual(outs.failingChecks, []);

        const fresh = await connectionProvider.read!(created.id, outs as unknown as Props);
        assert.equal((fresh.props as ResolvedOutputs).status, "pass");
        assert.deepEqual(fresh.inputs, { ...checked.inputs, consistencyTimeoutSeconds: 10 });

        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const drift = await connectionProvider.read!(created.id, fresh.props as Props);
        const d = drift.props as ResolvedOutputs;
        assert.equal(d.status, "fail");
        assert.deepEqual(d.failingChecks, ["appRoles", "exchangeCommand"]);
        assert.deepEqual(d.observedAppRoles["Office 365 Exchange Online"], []);
        assert.equal(d.checks.appRoles, "fail");
        assert.match(d.findings[0].remedy ?? "", /Grant admin consent for Exchange\.ManageAsApp/);
        assert.deepEqual(drift.inputs, fresh.inputs, "refresh keeps the inputs");

        const diff = await connectionProvider.diff!(created.id, d as unknown as Props, checked.inputs);
        assert.equal(diff.changes, true);

        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const updated = await connectionProvider.update!(created.id, d as unknown as Props, checked.inputs);
        assert.equal((updated.outs as ResolvedOutputs).status, "pass");
        await connectionProvider.delete!(created.id, updated.outs);
        const after = await connectionProvider.read!(created.id, updated.outs as Props);
        assert.equal((after.props as ResolvedOutputs).status, "pass", "delete changed nothing in the tenant");
    });

    it("create waits for a grant that is still replicating", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Reports.Read.All");
        emulator.setReplicationLag(1500);
        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Reports.Read.All");
        emulator.setReplicationLag(0);
        const started = Date.now();
        const created = await connectionProvider.create(inputsFor(s, emulator));
        assert.equal((created.outs as ResolvedOutputs).status, "pass");
        assert.ok(Date.now() - started >= 1400);
        assert.equal((created.outs as ResolvedOutputs).credentialDaysLeft, 179);
    });

    it("create fails with the report when a role is missing (after the consistency timeout), without secrets in the message", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "Directory Writers");
        await assert.rejects(connectionProvider.create(inputsFor(s, emulator, { consistencyTimeoutSeconds: 1 })), (e: Error & { failingChecks?: string[] }) => {
            assert.equal(e.name, "ConsistencyTimeoutError");
            assert.ok(e.failingChecks?.includes("directoryRoles"));
            assert.ok(!e.message.includes("PRIVATE KEY"));
            return true;
        });
    });

    it("create fails at once with ProbeFailedError and the report text for a rejected secret", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        await assert.rejects(connectionProvider.create(inputsFor(s, emulator, { credential: { clientSecret: "wrong~secret" } })), (e: Error & { failingChecks?: string[] }) => {
            assert.equal(e.name, "ProbeFailedError");
            assert.deepEqual(e.failingChecks, ["graphToken"]);
            assert.match(e.message, /Connection test FAIL/);
            assert.match(e.message, /FAIL  graphToken/);
            assert.match(e.message, /AADSTS7000215/);
            assert.ok(!e.message.includes("wrong~secret"));
            return true;
        });
    });
});
