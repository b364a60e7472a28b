import { strict as assert } from "node:assert";
import { ownersPolicy, redirectUrisPolicy, singleTenantPolicy } from "../../policy/applicationPolicies";
import { run, StackBuilder, UNKNOWN } from "./fixtures";

describe("policy: the connector application itself (rules c, d, e)", () => {
    it("blocks a multi-tenant connector application and passes single-tenant or unset audiences", async () => {
        const s = new StackBuilder();
        const multi = s.connector("multi", "activeroles-azuread", { app: { signInAudience: "AzureADMultipleOrgs" } });
        s.connector("single", "activeroles-azuread");
        s.connector("unset", "activeroles-azuread", { app: { signInAudience: undefined } });
        s.connector("later", "activeroles-azuread", { app: { signInAudience: UNKNOWN } });
        const v = await run(singleTenantPolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [multi.app.urn]);
        assert.match(v[0].message, /^application "multi-app" of connector "multi" has signInAudience "AzureADMultipleOrgs".*Set signInAudience to "AzureADMyOrg"/);
        assert.equal(singleTenantPolicy.enforcementLevel, "mandatory");
    });

    it("reports (advisory) a connector application without owners, not one with owners or with owners unknown yet", async () => {
        const s = new StackBuilder();
        const none = s.connector("none", "activeroles-azuread", { app: { owners: null } });
        const empty = s.connector("empty", "activeroles-azuread", { app: { owners: [] } });
        s.connector("owned", "activeroles-azuread");
        s.connector("later", "activeroles-azuread", { app: { owners: [UNKNOWN] } });
        const v = await run(ownersPolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [none.app.urn, empty.app.urn]);
        assert.match(v[0].message, /application "none-app" of connector "none" has no owners\. Name the accountable users or service principals: set owners \(object IDs\) on the connector in the stack config \(m365-connectors:connectors\[N\]\.owners\).*"connector-owners": "disabled"/);
        assert.equal(ownersPolicy.enforcementLevel, "advisory");
    });

    it("blocks redirect URIs the profile does not list, in web, SPA and public-client platforms; passes the profile's own", async () => {
        const s = new StackBuilder();
        s.connector("snow", "snow-atlas-m365", { app: { web: { redirectUris: ["http://localhost/"] } } });
        const extra = s.connector("snow2", "snow-atlas-m365", { app: { web: { redirectUris: ["http://localhost/", "https://evil.example/cb"] }, singlePageApplication: { redirectUris: ["https://spa.example/"] } } });
        const ars = s.connector("ars", "activeroles-m365", { app: { publicClient: { redirectUris: ["http://localhost/"] } } });
        const v = await run(redirectUrisPolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [extra.app.urn, extra.app.urn, ars.app.urn]);
        assert.match(v[0].message, /^application "snow2-app" of connector "snow2" has redirect URI "https:\/\/evil\.example\/cb" in web\.redirectUris, which its profile "snow-atlas-m365" does not list \(allowed: http:\/\/localhost\/\)\. Remove it from the application\.$/);
        assert.match(v[1].message, /"https:\/\/spa\.example\/" in singlePageApplication\.redirectUris/);
        assert.match(v[2].message, /profile "activeroles-m365" does not list \(it lists none\)/);
        assert.equal(redirectUrisPolicy.enforcementLevel, "mandatory");
    });

    it("ignores applications that are not connectors", async () => {
        const s = new StackBuilder();
        s.add("azuread:index/application:Application", "web-portal", { signInAudience: "AzureADMultipleOrgs", owners: [], web: { redirectUris: ["https://portal.example/"] } });
        for (const p of [singleTenantPolicy, ownersPolicy, redirectUrisPolicy]) assert.deepEqual(await run(p, s), []);
    });
});
