import { strict as assert } from "node:assert";
import { ConfigError, ProfileNames, Profiles, expectationsOf, parsePermissionName, resolveProfile } from "../../catalog";

const GRAPH = "00000003-0000-0000-c000-000000000000";
const EXO = "00000002-0000-0ff1-ce00-000000000000";
const EOP = "00000007-0000-0ff1-ce00-000000000000";
const throwsConfig = (fn: () => unknown, message: string | RegExp) =>
    assert.throws(fn, (e: Error) => {
        assert.ok(e instanceof ConfigError, `a ConfigError, got ${e.name}`);
        if (typeof message === "string") assert.equal(e.message, message);
        else assert.match(e.message, message);
        return true;
    });

describe("catalog/resolve.ts", () => {
    it("parses permission names, Graph by default", () => {
        assert.deepEqual(parsePermissionName("User.Read.All"), { resource: "Microsoft Graph", value: "User.Read.All" });
        assert.deepEqual(parsePermissionName("Office 365 Exchange Online/Exchange.ManageAsApp"), { resource: "Office 365 Exchange Online", value: "Exchange.ManageAsApp" });
        assert.equal(parsePermissionName("Exchange/Exchange.ManageAsApp"), undefined);
        assert.equal(parsePermissionName("Microsoft Graph/"), undefined);
    });

    it("resolves the Active Roles Microsoft 365 profile as the wizard configures it", () => {
        const p = resolveProfile({ profile: "activeroles-m365" });
        assert.deepEqual(p.appRoles.map((r) => [r.resourceAppId, r.value, r.id]), [[EXO, "Exchange.ManageAsApp", "dc50a0fb-09a3-484d-be87-e023b12c6440"]]);
        assert.deepEqual(p.delegatedScopes.map((s) => [s.resourceAppId, s.value]), [[GRAPH, "User.Read"]]);
        assert.deepEqual(p.directoryRoles.map((r) => r.name), ["Directory Writers", "Exchange Administrator", "User Administrator"]);
        assert.deepEqual(p.requiredResourceAccess, [
            { resourceAppId: EXO, resourceAccess: [{ id: "dc50a0fb-09a3-484d-be87-e023b12c6440", type: "Role" }] },
            { resourceAppId: GRAPH, resourceAccess: [{ id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: "Scope" }] },
        ]);
        assert.equal(p.credential, "certificate");
        assert.equal(p.exchange, true);
        assert.deepEqual(p.settingsLabels, { tenantId: "Tenant ID", clientId: "Application ID", credential: "Certificate thumbprint", environment: "Tenant environment type" });
    });

    it("resolves Snow Atlas: four Graph application permissions, offline_access (no User.Read), localhost, a secret", () => {
        const p = resolveProfile({ profile: "snow-atlas-m365" });
        assert.deepEqual(p.appRoles.map((r) => r.value), ["Directory.Read.All", "Organization.Read.All", "User.Read.All", "Reports.Read.All"]);
        assert.deepEqual(p.delegatedScopes.map((s) => s.value), ["offline_access"]);
        assert.deepEqual(p.directoryRoles, []);
        assert.deepEqual(p.webRedirectUris, ["http://localhost/"]);
        assert.equal(p.signInAudience, "AzureADMyOrg");
        assert.equal(p.credential, "secret");
        assert.equal(p.exchange, false);
    });

    it("resolves every named profile except an empty custom one", () => {
        for (const name of ProfileNames.filter((n) => n !== "custom")) assert.equal(resolveProfile({ profile: name }).name, name);
        assert.equal(Profiles.custom.credential, "certificate");
    });

    it("custom: adds to a base, replaces it, de-duplicates, and names Exchange on either resource app", () => {
        const added = resolveProfile({ profile: "custom", base: "snow-atlas-m365", appRoles: ["AuditLog.Read.All", "User.Read.All"], directoryRoles: ["Global Reader", "Global Reader"] });
        assert.deepEqual(added.appRoles.map((r) => r.value), ["Directory.Read.All", "Organization.Read.All", "User.Read.All", "Reports.Read.All", "AuditLog.Read.All"]);
        assert.deepEqual(added.directoryRoles.map((r) => r.name), ["Global Reader"]);
        assert.equal(added.credential, "secret", "the base's credential");
        assert.equal(added.base, "snow-atlas-m365");
        const replaced = resolveProfile({ profile: "custom", base: "activeroles-m365", mode: "replace", appRoles: ["Microsoft Exchange Online Protection/Exchange.ManageAsApp"], directoryRoles: ["Exchange Administrator"] });
        assert.deepEqual(replaced.appRoles.map((r) => [r.resourceAppId, r.id]), [[EOP, "455e5cd2-84e8-4751-8344-5672145dfa17"]]);
        assert.deepEqual(replaced.delegatedScopes, []);
        assert.equal(replaced.exchange, true);
        const alone = resolveProfile({ profile: "custom", delegatedScopes: ["openid"] });
        assert.deepEqual(alone.requiredResourceAccess, [{ resourceAppId: GRAPH, resourceAccess: [{ id: "37f7f235-527c-4136-accd-4a02d197296e", type: "Scope" }] }]);
    });

    it("fails loudly, naming every unknown name and the property", () => {
        throwsConfig(() => resolveProfile({ profile: "custom", appRoles: ["User.Read.All", "Mail.Send", "Teams/Chat.Read"] }, "connectors[2]"),
            `connectors[2].appRoles: unknown application permission "Mail.Send", "Teams/Chat.Read". Use a name from the catalog (catalog/ids.ts), written "Permission.Value" for Microsoft Graph or "Resource App/Permission.Value"`);
        throwsConfig(() => resolveProfile({ profile: "custom", delegatedScopes: ["User.ReadWrite"] }), /^delegatedScopes: unknown delegated permission "User.ReadWrite"\./);
        throwsConfig(() => resolveProfile({ profile: "custom", directoryRoles: ["Company Administrator"] }), /^directoryRoles: unknown directory role "Company Administrator"\. Use a built-in role's display name: Directory Writers, .*Helpdesk Administrator$/);
        throwsConfig(() => resolveProfile({ profile: "" }), "profile: a profile is required. Use one of: activeroles-m365, activeroles-azuread, snow-atlas-m365, custom");
        throwsConfig(() => resolveProfile({ profile: "custom", base: "custom" }), `base: "custom" cannot be its own base. Name a concrete profile or leave base out`);
        throwsConfig(() => resolveProfile({ profile: "snow-atlas-m365", mode: "replace" }), /^mode: only the "custom" profile takes a base or mode "replace"\./);
        throwsConfig(() => resolveProfile({ profile: "custom", base: "snow-atlas-m365", mode: "merge" as "add" }), `mode: unknown mode "merge". Use "add" or "replace"`);
        throwsConfig(() => resolveProfile({ profile: "x" }, (k) => `--${k}`), /^--profile: unknown profile "x"\./);
    });

    it("derives the probe's expectations from the resolved profile", () => {
        const e = expectationsOf(resolveProfile({ profile: "activeroles-m365" }));
        assert.deepEqual(e.appRoles, [{ resource: "Office 365 Exchange Online", value: "Exchange.ManageAsApp" }]);
        assert.deepEqual(e.directoryRoles.map((r) => r.templateId), ["9360feb5-f418-4baa-8175-e2a00bac4301", "29232cdf-9323-42fd-ade2-1d097af3e4de", "fe930be7-5e62-47db-91af-98c3a49a38b1"]);
        assert.equal(e.exchange, true);
        assert.deepEqual(expectationsOf(resolveProfile({ profile: "snow-atlas-m365" })).graphReads, ["organization", "users", "subscribedSkus"]);
    });
});
