import { strict as assert } from "node:assert";
import { CloudNames, Clouds } from "../../catalog";
import { resolveEndpoints } from "../../probe/endpoints";

const TENANT = "11111111-2222-3333-4444-555555555555";

describe("probe/endpoints: every URL from the cloud table", () => {
    for (const cloud of CloudNames) {
        it(`${cloud}: login, Graph and Exchange from the catalog, no discovery needed`, () => {
            const row = Clouds[cloud];
            const e = resolveEndpoints(cloud, TENANT.toUpperCase());
            assert.equal(e.authority, `${row.loginEndpoint}/${TENANT}`);
            assert.equal(e.tokenEndpoint, `${row.loginEndpoint}/${TENANT}/oauth2/v2.0/token`);
            assert.equal(e.graphRoot, `${row.graph.endpoint}/`);
            assert.equal(e.exchangeBaseUrl, `${row.exchange.endpoint}/adminapi/beta/${TENANT}`);
            assert.equal(e.graphScope, row.graph.scope);
            assert.equal(e.exchangeScope, row.exchange.scope);
            assert.ok(e.graphHosts.has(new URL(row.graph.endpoint).hostname));
            const meta = JSON.parse(e.authorityMetadata) as Record<string, string>;
            for (const k of ["token_endpoint", "authorization_endpoint", "issuer", "jwks_uri"]) assert.ok(meta[k].startsWith(e.authority), k);
            const disco = JSON.parse(e.cloudDiscoveryMetadata) as { metadata: { aliases: string[] }[] };
            assert.deepEqual(disco.metadata[0].aliases, [new URL(row.loginEndpoint).host]);
        });
    }

    it("the override replaces the three base URLs and keeps the cloud's scopes", () => {
        const e = resolveEndpoints("AzureGCCHigh", TENANT, { baseUrl: "https://127.0.0.1:41234/" });
        assert.equal(e.authority, `https://127.0.0.1:41234/${TENANT}`);
        assert.equal(e.graphRoot, "https://127.0.0.1:41234/");
        assert.equal(e.exchangeBaseUrl, `https://127.0.0.1:41234/adminapi/beta/${TENANT}`);
        assert.deepEqual([...e.graphHosts], ["127.0.0.1"]);
        assert.deepEqual(e.knownAuthorities, ["127.0.0.1:41234"]);
        assert.equal(e.graphScope, "https://graph.microsoft.us/.default");
        assert.equal(e.exchangeScope, "https://outlook.office365.us/.default");
    });

    it("refuses a non-https or malformed override, naming the property", () => {
        assert.throws(() => resolveEndpoints("AzureCloud", TENANT, { baseUrl: "http://127.0.0.1:1" }), (e: Error & { property?: string }) => e.property === "endpoints.baseUrl" && /https/.test(e.message));
        assert.throws(() => resolveEndpoints("AzureCloud", TENANT, { baseUrl: "not a url" }), /is not a URL/);
    });
});
