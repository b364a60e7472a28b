/**
 * catalog/discovery.ts: which profile an application's rights fit, and when discovery must not
 * decide (ambiguous, incomplete).
 */
import { strict as assert } from "node:assert";
import { classifyRights, describeRight, type HeldRights } from "../../catalog";

const graph = (value: string) => ({ resource: "Microsoft Graph", value });
const ars365: HeldRights = {
    appRoles: [{ resource: "Office 365 Exchange Online", value: "Exchange.ManageAsApp" }],
    delegatedScopes: [graph("User.Read")],
    directoryRoles: ["Directory Writers", "Exchange Administrator", "User Administrator"],
};
const snow: HeldRights = {
    appRoles: ["Directory.Read.All", "Organization.Read.All", "User.Read.All", "Reports.Read.All"].map(graph),
    delegatedScopes: [graph("offline_access")],
    directoryRoles: [],
};

describe("catalog discovery: classifyRights", () => {
    it("an exact match names the profile, and the smaller profiles its rights also cover", () => {
        const v = classifyRights(ars365);
        assert.equal(v.kind, "exact");
        assert.ok(v.kind === "exact");
        assert.equal(v.fit.profile, "activeroles-m365");
        assert.deepEqual(v.alsoCovers, ["activeroles-azuread"]);
        assert.equal(classifyRights(snow).kind, "exact");
        assert.equal(classifyRights({ appRoles: [], delegatedScopes: [], directoryRoles: ["Directory Writers"] }).kind, "exact");
    });

    it("a superset names every extra right", () => {
        const v = classifyRights({ ...snow, directoryRoles: ["Global Reader"], appRoles: [...snow.appRoles, graph("Group.Read.All")] });
        assert.ok(v.kind === "superset");
        assert.equal(v.fit.profile, "snow-atlas-m365");
        assert.deepEqual(v.fit.extra.map(describeRight), ["Group.Read.All (Microsoft Graph, application)", "Global Reader (directory role)"]);
    });

    it("complete for two profiles of which neither includes the other is ambiguous", () => {
        const v = classifyRights({ ...snow, directoryRoles: ["Directory Writers"] });
        assert.ok(v.kind === "ambiguous");
        assert.deepEqual(v.candidates.map((c) => c.profile).sort(), ["activeroles-azuread", "snow-atlas-m365"]);
    });

    it("missing one right is incomplete, even when the rights held complete a smaller profile", () => {
        const v = classifyRights({ ...ars365, directoryRoles: ["Directory Writers", "Exchange Administrator"] });
        assert.ok(v.kind === "incomplete");
        assert.deepEqual(v.nearest.map((n) => [n.profile, n.missing]), [["activeroles-m365", ["role:User Administrator"]]]);
        const w = classifyRights({ ...snow, appRoles: snow.appRoles.slice(1) });
        assert.ok(w.kind === "incomplete");
        assert.deepEqual(w.nearest[0].missing, ["app:Microsoft Graph/Directory.Read.All"]);
    });

    it("nothing in common with any profile is unrelated; a role on a narrower scope counts as a different right", () => {
        assert.equal(classifyRights({ appRoles: [graph("Group.Read.All")], delegatedScopes: [], directoryRoles: [] }).kind, "unrelated");
        assert.equal(classifyRights({ appRoles: [], delegatedScopes: [], directoryRoles: ["Directory Writers (scope /administrativeUnits/x)"] }).kind, "unrelated");
    });
});
