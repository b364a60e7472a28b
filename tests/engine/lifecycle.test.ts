import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { startTestEmulator } from "../emulator/helpers";
import { seedScenario, type Scenario } from "../probe/scenario";
import { registerUnderMocks } from "../provider/helpers";
import { DiffChanges, startHost, type Host } from "../../cli/providerHost";

type Props = Record<string, unknown>;

/**
 * The full lifecycle the engine drives during `pulumi up`, `pulumi refresh` and `pulumi destroy`,
 * in Pulumi's own dynamic-provider host, with the provider exactly as the SDK serialized it.
 */
describe("ConnectorConnection in Pulumi's dynamic-provider host against the emulator", function () {
    this.timeout(90_000);
    let emulator: RunningEmulator;
    let host: Host;
    let s: Scenario;
    let inputs: Props;
    let providerCode: string;

    before(async () => {
        emulator = await startTestEmulator();
        s = await seedScenario(emulator, { profile: "activeroles-m365" });
        if (s.credential.kind !== "certificate") throw new Error("activeroles-m365 signs in with a certificate");
        const credential = { certificatePem: s.credential.certificatePem, privateKeyPem: s.credential.privateKeyPem };
        inputs = { tenantId: s.tenantId, clientId: s.clientId, cloud: "AzureCloud", profile: { profile: "activeroles-m365" }, credential, endpointOverride: emulator.url, consistencyTimeoutSeconds: 20 };
        const reg = await registerUnderMocks(inputs as never);
        providerCode = reg.serializedProvider;
        host = await startHost();
        await host.configure();
    });
    after(async () => {
        await host?.stop();
        await emulator?.stop();
    });

    it("the serialized provider holds no credential and no client", () => {
        const key = (inputs.credential as { privateKeyPem: string }).privateKeyPem;
        for (const bad of ["PRIVATE KEY", key.split("\n")[1], "ConfidentialClientApplication", "acquireToken", emulator.url]) {
            assert.ok(!providerCode.includes(bad), `serialized provider contains ${bad}`);
        }
    });

    it("Check → Create → Read → (consent revoked) Read shows drift → Diff → (granted) Update → Delete", async () => {
        const news = { ...inputs, __provider: providerCode };
        const checked = await host.check({}, news);
        assert.deepEqual(checked.failures, []);

        const created = await host.create(checked.inputs);
        assert.equal(created.id, `${s.tenantId}/${s.clientId}`);
        assert.equal(created.properties.status, "pass");
        assert.equal(created.properties.__provider, providerCode);
        assert.deepEqual((created.properties.observedAppRoles as Props)["Office 365 Exchange Online"], ["Exchange.ManageAsApp"]);
        const settings = created.properties.settings as Props;
        assert.equal(settings.tenantEnvironmentType, "Azure Cloud");
        assert.match(String(settings.certificateThumbprint), /^[0-9A-F]{40}$/);

        const refreshed = await host.read(created.id, created.properties, checked.inputs);
        assert.equal(refreshed.properties.status, "pass");
        assert.ok(refreshed.inputs, "read returns the inputs (SDK ≥ 3.216)");
        assert.equal(refreshed.inputs?.tenantId, s.tenantId);

        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const drift = await host.read(created.id, refreshed.properties, refreshed.inputs ?? {});
        assert.equal(drift.properties.status, "fail");
        assert.deepEqual(drift.properties.failingChecks, ["appRoles", "exchangeCommand"]);
        assert.deepEqual((drift.properties.observedAppRoles as Props)["Office 365 Exchange Online"], []);
        assert.equal((drift.properties.checks as Props).appRoles, "fail");
        assert.notEqual(drift.properties.lastVerified, refreshed.properties.lastVerified);

        const diff = await host.diff(created.id, drift.properties, news);
        assert.equal(diff.changes, DiffChanges.some, "a failing connection is proved again by the next up");

        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const updated = await host.update(created.id, drift.properties, news);
        assert.equal(updated.properties.status, "pass");
        assert.deepEqual(updated.properties.failingChecks, []);

        await host.delete(created.id, updated.properties);
        const key = (inputs.credential as { privateKeyPem: string }).privateKeyPem.split("\n")[1];
        assert.ok(!host.stderr().includes(key), "the host logged key material");
    });

    it("Create that cannot pass fails over gRPC with the report, and no secret in the error", async () => {
        const bad = { ...inputs, credential: { clientSecret: "definitely~wrong" }, __provider: providerCode };
        await assert.rejects(host.create(bad), (e: Error) => {
            assert.match(e.message, /the connection test failed/);
            assert.match(e.message, /AADSTS7000215/);
            assert.ok(!e.message.includes("definitely~wrong"));
            return true;
        });
    });
});
