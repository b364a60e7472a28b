import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, claimsOf, newTenantId, seedWithSecret, tokenRequest } from "./util";

describe("emulator: clouds", () => {
    const tenantId = newTenantId();
    let gcch: RunningEmulator;
    let global: RunningEmulator;
    let gcchConnector: ReturnType<typeof seedWithSecret>;

    before(async () => {
        [gcch, global] = await Promise.all([
            startTestEmulator({ cloud: "AzureGCCHigh", tenants: [{ tenantId }] }),
            startTestEmulator({ tenants: [{ tenantId }] }),
        ]);
        gcchConnector = seedWithSecret(gcch, tenantId, { profile: "snow-atlas-m365" });
    });
    after(() => Promise.all([gcch.stop(), global.stop()]));

    const gcchToken = (scope: string) => tokenRequest(gcch, tenantId, { client_id: gcchConnector.clientId, client_secret: gcchConnector.secret, scope });

    it("GCC High refuses Global-cloud scopes with 500011 invalid_resource", async () => {
        for (const scope of ["https://graph.microsoft.com/.default", "https://outlook.office365.com/.default"]) {
            const r = await gcchToken(scope);
            assert.equal(r.status, 400, scope);
            assert.deepEqual([r.body.error, r.body.error_codes], ["invalid_resource", [500011]]);
            assert.equal(r.body.error_uri, "https://login.microsoftonline.us/error?code=500011");
        }
    });

    it("GCC High issues graph.microsoft.us and outlook.office365.us tokens, and its Graph accepts the former", async () => {
        const graph = await gcchToken("https://graph.microsoft.us/.default");
        assert.equal(graph.status, 200);
        assert.equal(claimsOf(graph.body.access_token).aud, "https://graph.microsoft.us");
        assert.equal((await call(`${gcch.url}/v1.0/organization`, { token: graph.body.access_token })).status, 200);
        const exo = await gcchToken("https://outlook.office365.us/.default");
        assert.equal(claimsOf(exo.body.access_token).aud, "https://outlook.office365.us");
        const r = await call(`${gcch.url}/v1.0/organization`, { token: exo.body.access_token });
        assert.deepEqual([r.status, r.body.error.message], [401, "Access token validation failure. Invalid audience."]);
    });

    it("a token from one emulator is not accepted by another (its signing key differs)", async () => {
        const token = (await gcchToken("https://graph.microsoft.us/.default")).body.access_token as string;
        const r = await call(`${global.url}/v1.0/organization`, { token });
        assert.deepEqual([r.status, r.body.error.code], [401, "InvalidAuthenticationToken"]);
    });

    it("advertises the cloud's Graph host in the OpenID configuration", async () => {
        const r = await call(`${gcch.url}/${tenantId}/v2.0/.well-known/openid-configuration`);
        assert.equal(r.body.msgraph_host, "graph.microsoft.us");
        assert.equal(r.body.cloud_instance_name, "microsoftonline.us");
    });
});
