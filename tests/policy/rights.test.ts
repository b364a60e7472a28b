import { strict as assert } from "node:assert";
import { extraRightsPolicy, privilegedRightsPolicy } from "../../policy/rightsPolicies";
import { run, StackBuilder } from "./fixtures";

describe("policy: rights a connector's profile does not list (rule a)", () => {
    it("blocks a privileged directory role and Graph permission on a custom connector, naming resource, right, profile and remedy", async () => {
        const s = new StackBuilder();
        const c = s.connector("greedy", "custom", { base: "snow-atlas-m365" });
        c.appRole("Microsoft Graph", "Directory.Read.All");
        c.appRole("Microsoft Graph", "Directory.ReadWrite.All");
        const role = c.role("Global Administrator");
        const v = await run(privilegedRightsPolicy, s);
        assert.equal(v.length, 2, JSON.stringify(v));
        const global = v.find((x) => x.urn === role.urn)!;
        assert.match(global.message, /^directory-role assignment "greedy-role-Global Administrator" gives connector "greedy" the directory role Global Administrator, which Microsoft lists as privileged \(manages every aspect of the tenant; https:\/\/learn\.microsoft\.com\/entra\/identity\/role-based-access-control\/permissions-reference\),/);
        assert.match(global.message, /its profile "custom" \(based on "snow-atlas-m365"\) does not ask for it\. Remove "Global Administrator" from the connector's directoryRoles in the stack config; or, after review, waive it: add "Global Administrator" to allowedRights\["greedy"\] of policy "connector-privileged-rights"/);
        assert.ok(v.some((x) => /application permission Microsoft Graph\/Directory\.ReadWrite\.All/.test(x.message) && /appRoles/.test(x.message)));
        assert.equal(privilegedRightsPolicy.enforcementLevel, "mandatory");
    });

    it("passes the profile's own privileged roles (Active Roles' Directory Writers, User Administrator) and honours waivers", async () => {
        const s = new StackBuilder();
        const c = s.connector("ars", "activeroles-m365");
        c.appRole("Office 365 Exchange Online", "Exchange.ManageAsApp");
        c.delegated("User.Read");
        c.role("Directory Writers");
        c.role("Exchange Administrator");
        c.role("User Administrator");
        assert.deepEqual(await run(privilegedRightsPolicy, s), []);
        assert.deepEqual(await run(extraRightsPolicy, s), []);

        const g = new StackBuilder();
        const greedy = g.connector("greedy", "custom");
        greedy.role("Global Administrator");
        greedy.appRole("Microsoft Graph", "RoleManagement.ReadWrite.Directory");
        assert.equal((await run(privilegedRightsPolicy, g)).length, 2);
        assert.deepEqual(await run(privilegedRightsPolicy, g, { allowedRights: { greedy: ["Global Administrator", "RoleManagement.ReadWrite.Directory"] } }), []);
        assert.equal((await run(privilegedRightsPolicy, g, { allowedRights: { other: ["Global Administrator"] } })).length, 2, "a waiver for another connector does not apply");
        assert.equal((await run(privilegedRightsPolicy, g, { allowedRights: { "*": ["Microsoft Graph/RoleManagement.ReadWrite.Directory"] } })).length, 1);
    });

    it("reports (advisory) non-privileged extras, including delegated scopes, and leaves them out of the mandatory policy", async () => {
        const s = new StackBuilder();
        const c = s.connector("snow", "snow-atlas-m365");
        c.appRole("Microsoft Graph", "Directory.Read.All");
        c.appRole("Microsoft Graph", "Group.Read.All");
        c.delegated("offline_access", "Directory.Read.All");
        c.role("Directory Readers");
        const v = await run(extraRightsPolicy, s);
        assert.deepEqual(
            v.map((x) => / the (application permission|delegated permission|directory role) (.+?) but its profile/.exec(x.message)?.slice(1, 3).join(": ")).sort(),
            ["application permission: Microsoft Graph/Group.Read.All", "delegated permission: Directory.Read.All", "directory role: Directory Readers"],
        );
        assert.ok(v.every((x) => /profile "snow-atlas-m365" does not ask for it\. Remove the /.test(x.message)), v[0]?.message);
        assert.equal(extraRightsPolicy.enforcementLevel, "advisory");
        assert.deepEqual(await run(privilegedRightsPolicy, s), []);
    });

    it("reads plain @pulumi/azuread code: a tagged application, its service principal and grants linked by property dependencies", async () => {
        const s = new StackBuilder();
        const app = s.add("azuread:index/application:Application", "plain", { tags: ["m365-connectors", "m365-connectors-profile:activeroles-azuread"] });
        const sp = s.add("azuread:index/servicePrincipal:ServicePrincipal", "plain-sp", { clientId: "x" }, { deps: { clientId: app } });
        s.add("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "plain-dw", { roleId: "9360feb5-f418-4baa-8175-e2a00bac4301", principalObjectId: "y" }, { deps: { principalObjectId: sp } });
        const ga = s.add("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "plain-ga", { roleId: "62e90394-69f5-4237-9190-012177145e10", principalObjectId: "y" }, { deps: { principalObjectId: sp } });
        // An application without the tag is not a connector: its grants are not checked.
        const other = s.add("azuread:index/application:Application", "unrelated", { tags: [] });
        const otherSp = s.add("azuread:index/servicePrincipal:ServicePrincipal", "unrelated-sp", {}, { deps: { clientId: other } });
        s.add("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "unrelated-ga", { roleId: "62e90394-69f5-4237-9190-012177145e10" }, { deps: { principalObjectId: otherSp } });
        const v = await run(privilegedRightsPolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [ga.urn]);
        assert.match(v[0].message, /connector "plain" the directory role Global Administrator.*profile "activeroles-azuread" does not ask for it/);
    });

    it("skips grants whose right is unknown during a preview, and names IDs outside the catalog", async () => {
        const s = new StackBuilder();
        const c = s.connector("c", "custom", { base: "activeroles-azuread" });
        s.add("azuread:index/appRoleAssignment:AppRoleAssignment", "c-unknown", { appRoleId: (await import("./fixtures")).UNKNOWN }, { parent: c.component });
        s.add("azuread:index/appRoleAssignment:AppRoleAssignment", "c-foreign", { appRoleId: "aaaaaaaa-0000-4000-8000-000000000001" }, { parent: c.component });
        const v = await run(extraRightsPolicy, s);
        assert.equal(v.length, 1);
        assert.match(v[0].message, /app-role assignment "c-foreign" gives connector "c" the application permission app role aaaaaaaa-0000-4000-8000-000000000001/);
    });

    it("names a role activated in the same stack (azuread.DirectoryRole) and assigned by its object ID, unknown during a preview", async () => {
        const { UNKNOWN } = await import("./fixtures");
        const s = new StackBuilder();
        const c = s.connector("c", "activeroles-azuread");
        const ga = s.add("azuread:index/directoryRole:DirectoryRole", "ga", { displayName: "Global Administrator", objectId: UNKNOWN });
        const dw = s.add("azuread:index/directoryRole:DirectoryRole", "dw", { templateId: "9360feb5-f418-4baa-8175-e2a00bac4301", objectId: UNKNOWN });
        const gaAssignment = s.add("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "c-ga", { roleId: UNKNOWN, principalObjectId: UNKNOWN }, { parent: c.component, deps: { roleId: ga, principalObjectId: c.sp } });
        s.add("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "c-dw", { roleId: UNKNOWN, principalObjectId: UNKNOWN }, { parent: c.component, deps: { roleId: dw, principalObjectId: c.sp } });
        const v = await run(privilegedRightsPolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [gaAssignment.urn], "Directory Writers is the profile's; Global Administrator is not");
        assert.match(v[0].message, /the directory role Global Administrator, which Microsoft lists as privileged/);
    });
});
