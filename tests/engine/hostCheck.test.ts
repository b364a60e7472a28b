import { strict as assert } from "node:assert";
import { certificate } from "../probe/fixtures";
import { registerUnderMocks } from "../provider/helpers";
import { DiffChanges, startHost, type Host } from "../../cli/providerHost";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

describe("ConnectorConnection in Pulumi's dynamic-provider host: check, diff, delete over gRPC", function () {
    this.timeout(60_000);
    let host: Host;
    let providerCode: string;
    let cred: { certificatePem: string; privateKeyPem: string };

    before(async () => {
        cred = await certificate(365);
        providerCode = (await registerUnderMocks({ tenantId: TENANT, clientId: CLIENT, profile: { profile: "activeroles-azuread" }, credential: cred })).serializedProvider;
        host = await startHost();
        await host.configure();
    });
    after(async () => host?.stop());

    const news = (over: Record<string, unknown> = {}) => ({
        tenantId: TENANT.toUpperCase(),
        clientId: CLIENT,
        cloud: "AzureCloud",
        profile: { profile: "activeroles-azuread" },
        credential: cred,
        ...over,
        __provider: providerCode,
    });

    it("Check: the serialized provider loads its compiled runtime in the host and names bad properties", async () => {
        const bad = await host.check({}, news({ tenantId: "contoso", credential: { certificatePem: cred.certificatePem, privateKeyPem: "nope" } }));
        assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["credential.privateKeyPem", "tenantId"]);
        const good = await host.check({}, news());
        assert.deepEqual(good.failures, []);
        assert.equal(good.inputs.tenantId, TENANT, "the normalized tenant ID");
        assert.equal(good.inputs.__provider, providerCode);
    });

    it("Diff: replace on a client change, update on a credential change, none otherwise", async () => {
        const olds = { ...news(), tenantId: TENANT, status: "pass" };
        assert.equal((await host.diff("id", olds, news({ tenantId: TENANT }))).changes, DiffChanges.none);
        const client = await host.diff("id", olds, news({ tenantId: TENANT, clientId: "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee" }));
        assert.equal(client.changes, DiffChanges.some);
        assert.deepEqual(client.replaces, ["clientId"]);
        const rotated = await host.diff("id", olds, news({ tenantId: TENANT, credential: { clientSecret: "x" } }));
        assert.equal(rotated.changes, DiffChanges.some);
        assert.deepEqual(rotated.replaces, []);
    });

    it("Delete: succeeds without touching anything, and the host logged no secret", async () => {
        await host.delete("id", news());
        assert.ok(!host.stderr().includes("PRIVATE KEY"), host.stderr());
    });
});
