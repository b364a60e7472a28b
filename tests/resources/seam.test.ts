import { strict as assert } from "node:assert";
import { resolveProfile } from "../../catalog";
import { installMocks, recordDependencies, settle, valueOf } from "./fixtures";

type Resources = typeof import("../../resources");

type Connection = typeof import("../../providers/connection");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/**
 * The seam between this component and the connection resource (providers/connection): a
 * ConnectorConnection can be built from `connectionInputs` alone and depends on every grant.
 */
describe("ConnectorApplication.connectionInputs → ConnectorConnection", () => {
    let M: Resources;
    let C: Connection;
    before(async () => {
        await installMocks();
        M = await import("../../resources");
        C = await import("../../providers/connection");
    });

    for (const profile of ["activeroles-m365", "snow-atlas-m365"] as const) {
        it(`${profile}: the connection is created from connectionInputs, after the grants`, async () => {
            const rec = await installMocks();
            const dependencies = recordDependencies();
            const app = new M.ConnectorApplication(`seam-${profile}`, { tenantId: TENANT, cloud: "AzureGCC", profile: resolveProfile({ profile }) });
            const inputs = app.connectionInputs;
            const { type: _type, ...credential } = inputs.credential;
            const conn = new C.ConnectorConnection(
                `seam-${profile}-connection`,
                { tenantId: inputs.tenantId, clientId: inputs.clientId, cloud: inputs.cloud, expectations: inputs.expectations, credential },
                { dependsOn: [...inputs.dependsOn] },
            );
            await settle(app);
            await valueOf(conn.urn);
            const [registered] = rec.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection");
            assert.ok(registered, "the connection was registered");
            const grantUrns = await Promise.all(app.grants.map((g) => valueOf(g.urn)));
            const connectionDeps = dependencies.get(await valueOf(conn.urn).then((u) => u.split("::").pop()!)) ?? [];
            for (const urn of grantUrns) assert.ok(connectionDeps.includes(urn), `the connection depends on ${urn.split("::").pop()}`);
            assert.equal(registered.inputs.tenantId, TENANT);
            assert.equal(registered.inputs.clientId, await valueOf(app.clientId));
            assert.equal(registered.inputs.cloud, "AzureGCC");
            assert.deepEqual(registered.inputs.expectations, JSON.parse(JSON.stringify(inputs.expectations)));
            assert.ok(registered.secretInputs.includes("credential"), "the credential reaches the connection as a secret");
            const cred = registered.inputs.credential as Record<string, string>;
            if (profile === "activeroles-m365") {
                assert.match(cred.certificatePem, /BEGIN CERTIFICATE/);
                assert.match(cred.privateKeyPem, /BEGIN PRIVATE KEY/);
            } else {
                assert.equal(cred.clientSecret, await valueOf(app.clientSecret));
                assert.equal(cred.secretExpiresAt, await valueOf(app.credentialExpiresAt));
            }
        });
    }
});
