import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { resolveProfile, ResourceApps } from "../../catalog";
import { Store } from "../../emulator/store/store";
import { LATEST } from "../../emulator/store/table";
import { newAppRoleAssignment } from "../../emulator/store/factory";
import type { AppRole } from "../../emulator/store/rows";
import { createDirectory } from "../../emulator/directory";
import { newTenantId } from "./util";

describe("emulator store: the app roles an app-only token carries (TenantState.appRoleValues)", () => {
    const role = (value: string, over: Partial<AppRole> = {}): AppRole => ({
        id: randomUUID(),
        value, displayName: value, description: value, allowedMemberTypes: ["Application"], isEnabled: true, origin: "Application", ...over,
    });

    it("leaves out roles that are disabled or not assignable to applications", () => {
        const tenantId = newTenantId();
        const store = new Store("AzureCloud");
        const tenant = store.addTenant({ tenantId });
        const client = createDirectory(store).seedConnector({ tenantId, profile: resolveProfile({ profile: "custom", delegatedScopes: ["User.Read"] }), credential: { kind: "secret", secret: "s" } });
        const principal = tenant.servicePrincipals.get(client.servicePrincipalObjectId, LATEST);
        const graph = tenant.spByAppId(ResourceApps["Microsoft Graph"], LATEST);
        assert.ok(principal && graph);
        const roles = [
            role("Enabled.App"),
            role("Disabled.App", { isEnabled: false }),
            role("Users.Only", { allowedMemberTypes: ["User"] }),
            role("Users.And.Apps", { allowedMemberTypes: ["User", "Application"] }),
        ];
        const resource = { ...graph, appRoles: roles };
        tenant.servicePrincipals.put(resource, 0);
        for (const r of roles) tenant.appRoleAssignments.put(newAppRoleAssignment(principal, resource, r.id), 0);
        assert.deepEqual(tenant.appRoleValues(principal.id, resource, LATEST).sort(), ["Enabled.App", "Users.And.Apps"]);
    });
});
