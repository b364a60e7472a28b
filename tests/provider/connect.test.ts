import { strict as assert } from "node:assert";
import { resolveProfile } from "../../catalog";
import { installMocks, recordDependencies, settle, valueOf } from "../resources/fixtures";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const TYPE = "pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection";


describe("connect(app) and connectExistingApplication: the two ways to a ConnectorConnection", () => {
    for (const profile of ["activeroles-m365", "snow-atlas-m365"] as const) {
        it(`connect(): ${profile} connection from the application's connectionInputs, after every grant`, async () => {
            const rec = await installMocks();
            const deps = recordDependencies();
            const { ConnectorApplication, connect } = { ...(await import("../../resources")), ...(await import("../../resources/connect")) };
            const app = new ConnectorApplication(`c-${profile}`, { tenantId: TENANT, cloud: "AzureGCCHigh", profile: resolveProfile({ profile }) });
            const conn = connect(app, `c-${profile}-connection`, { warnDays: 45 });
            await settle(app);
            await valueOf(conn.urn);
            const [registered] = rec.ofType(TYPE);
            assert.ok(registered);
            const grantUrns = await Promise.all(app.grants.map((g) => valueOf(g.urn)));
            assert.ok(grantUrns.length > 0);
            const connectionDeps = deps.get(`c-${profile}-connection`) ?? [];
            for (const urn of grantUrns) assert.ok(connectionDeps.includes(urn), `depends on ${urn}`);
            assert.equal(registered.inputs.cloud, "AzureGCCHigh");
            assert.equal(registered.inputs.warnDays, 45);
            assert.ok(registered.secretInputs.includes("credential"));
            const cred = registered.inputs.credential as Record<string, string>;
            if (profile === "snow-atlas-m365") {
                assert.ok(cred.clientSecret, "the secret");
                assert.equal(cred.secretExpiresAt, await valueOf(app.credentialExpiresAt));
            } else {
                assert.match(cred.certificatePem, /BEGIN CERTIFICATE/);
                assert.match(cred.privateKeyPem, /PRIVATE KEY/);
            }
        });
    }

    it("connectExistingApplication(): only the connection, no azuread resource, the profile by name", async () => {
        const rec = await installMocks();
        const { connectExistingApplication } = await import("../../providers/connection");
        const conn = connectExistingApplication("manual", { tenantId: TENANT, clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", profile: "snow-atlas-m365", credential: { clientSecret: "v" } });
        await valueOf(conn.urn);
        assert.deepEqual(rec.resources.map((r) => r.type), [TYPE]);
        assert.deepEqual(rec.resources[0].inputs.profile, { profile: "snow-atlas-m365" });
        assert.ok(rec.resources[0].secretInputs.includes("credential"));
    });
});
