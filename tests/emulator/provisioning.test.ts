/**
 * What the azuread provider (managed mode) asks of the emulator, checked call by call against
 * Graph's documented behaviour: the metadata document, the emulator's origin as a Graph
 * identifier, `/beta`, documented properties kept as written (complex values merged on PATCH),
 * undeclared properties refused, owners, a certificate key sent as base64 PEM, and the deployer's
 * permissions enforced.
 */
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, claimsOf, newTenantId, seedWithSecret, testCertificates, tokenRequest } from "./util";

describe("emulator: what the azuread provider calls", () => {
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    let t: string;
    let oid: string;
    const graph = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => call(`${emu.url}/${path}`, { token: t, ...init });

    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }] });
        const deployer = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Application.ReadWrite.All"] });
        // The provider asks for `<microsoftGraphResourceId>/.default`: the emulator's own origin.
        const r = await tokenRequest(emu, tenantId, { client_id: deployer.clientId, client_secret: deployer.secret, scope: `${emu.url}/.default` });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        t = r.body.access_token;
        oid = String(claimsOf(t).oid);
        assert.equal(claimsOf(t).aud, emu.url);
    });
    after(() => emu.stop());

    it("serves the cloud metadata document with its origin as login and Graph", async () => {
        const r = await call(`${emu.url}/metadata/endpoints?api-version=2022-09-01`);
        assert.equal(r.status, 200);
        assert.equal(r.body.authentication.loginEndpoint, emu.url);
        assert.equal(r.body.microsoftGraphResourceId, `${emu.url}/`);
        assert.ok(r.body.name && r.body.resourceManager, "the fields go-azure-sdk requires");
    });

    it("creates an application with owners@odata.bind, keeps documented properties, refuses undeclared ones, serves /beta", async () => {
        const created = await graph("v1.0/applications", {
            body: {
                "@odata.type": "#microsoft.graph.application",
                displayName: "provisioned",
                api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [] },
                info: { marketingUrl: null },
                "owners@odata.bind": [`${emu.url}/v1.0/directoryObjects/${oid}`],
            },
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = created.body.id;
        assert.equal(created.body.api.requestedAccessTokenVersion, 2);
        assert.deepEqual(created.body.api.preAuthorizedApplications, [], "documented defaults fill the rest");
        assert.equal(created.body.publisherDomain.endsWith(".onmicrosoft.com"), true);

        const patched = await graph(`v1.0/applications/${id}`, { method: "PATCH", body: { api: { knownClientApplications: [] }, id } });
        assert.equal(patched.status, 204, "a read-only id sent back is ignored");
        const read = await graph(`v1.0/applications/${id}`);
        assert.equal(read.body.api.requestedAccessTokenVersion, 2, "a PATCH of part of a complex value keeps the rest");

        const bad = await graph(`v1.0/applications/${id}`, { method: "PATCH", body: { colour: "blue" } });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.message, "The property 'colour' does not exist on type 'microsoft.graph.application'. Make sure to only use property names that are defined by the type or mark the type as open type.");

        const beta = await graph(`beta/applications/${id}?$select=oauth2RequirePostResponse`);
        assert.equal(beta.status, 200);
        assert.equal(beta.body.oauth2RequirePostResponse, false);
        assert.match(beta.body["@odata.context"], /\/beta\/\$metadata#applications\(oauth2RequirePostResponse\)/);

        const owners = await graph(`v1.0/applications/${id}/owners`);
        assert.deepEqual(owners.body.value.map((o: { id: string; "@odata.type": string }) => [o.id, o["@odata.type"]]), [[oid, "#microsoft.graph.servicePrincipal"]]);
    });

    it("creates, patches and un-owns a service principal; removing an owner that is not one is 404", async () => {
        const app = (await graph("v1.0/applications", { body: { displayName: "with sp" } })).body;
        const sp = await graph("v1.0/servicePrincipals", { body: { appId: app.appId, description: "temp", "owners@odata.bind": [`${emu.url}/v1.0/directoryObjects/${oid}`] } });
        assert.equal(sp.status, 201, JSON.stringify(sp.body));
        assert.equal((await graph(`v1.0/servicePrincipals/${sp.body.id}`, { method: "PATCH", body: { description: null } })).status, 204);
        const beta = await graph(`beta/servicePrincipals/${sp.body.id}?$select=samlMetadataUrl`);
        assert.deepEqual([beta.status, beta.body.samlMetadataUrl], [200, null]);
        assert.equal((await graph(`v1.0/servicePrincipals/${sp.body.id}`)).body.description, null);
        assert.equal((await graph(`v1.0/servicePrincipals/${sp.body.id}/owners/${oid}/$ref`, { method: "DELETE" })).status, 204);
        assert.deepEqual((await graph(`v1.0/servicePrincipals/${sp.body.id}/owners`)).body.value, []);
        assert.equal((await graph(`v1.0/servicePrincipals/${sp.body.id}/owners/${oid}/$ref`, { method: "DELETE" })).body.error.code, "Request_ResourceNotFound");
    });

    it("takes a certificate key as base64 DER or as base64 of its PEM (what the provider sends), and keeps keys sent back without `key`", async () => {
        const [c1, c2] = await testCertificates();
        const app = (await graph("v1.0/applications", { body: { displayName: "with keys" } })).body;
        const der = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");
        const first = await graph(`v1.0/applications/${app.id}`, { method: "PATCH", body: { keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: Buffer.from(c1.certificatePem).toString("base64"), keyId: "11111111-1111-4111-8111-111111111111", endDateTime: "2030-01-01T00:00:00Z" }] } });
        assert.equal(first.status, 204, JSON.stringify(first.body));
        const both = await graph(`v1.0/applications/${app.id}`, {
            method: "PATCH",
            body: { keyCredentials: [{ keyId: "11111111-1111-4111-8111-111111111111", key: null }, { type: "AsymmetricX509Cert", usage: "Verify", key: der(c2.certificatePem) }] },
        });
        assert.equal(both.status, 204, JSON.stringify(both.body));
        const keys = (await graph(`v1.0/applications/${app.id}?$select=keyCredentials`)).body.keyCredentials;
        assert.deepEqual(keys.map((k: { key: string }) => k.key), [der(c1.certificatePem), der(c2.certificatePem)]);
        assert.equal(keys[0].endDateTime, "2030-01-01T00:00:00Z", "the end date sent is kept as sent");
    });

    it("enforces the deployer's permissions: no RoleManagement.ReadWrite.Directory, no role assignment (403 Authorization_RequestDenied)", async () => {
        const app = (await graph("v1.0/applications", { body: { displayName: "needs a role" } })).body;
        const sp = (await graph("v1.0/servicePrincipals", { body: { appId: app.appId } })).body;
        const r = await graph("v1.0/roleManagement/directory/roleAssignments", { body: { roleDefinitionId: "9360feb5-f418-4baa-8175-e2a00bac4301", principalId: sp.id, directoryScopeId: "/" } });
        assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."]);
    });
});
