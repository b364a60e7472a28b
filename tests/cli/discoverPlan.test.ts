/**
 * cli/discover/plan.ts and importFile.ts without a tenant: connector names, extra delegated scopes
 * on a grant the profile manages, applications that match but cannot be adopted, and the import
 * entries of an adoption.
 */
import { strict as assert } from "node:assert";
import { connectorName, planDiscovery } from "../../cli/discover/plan";
import { importEntries, providerInputs } from "../../cli/discover/importFile";
import { heldRightsOf, type DiscoveredApplication, type DiscoveredGrants } from "../../probe/discover";

const GRAPH_SP = "11111111-1111-4111-8111-111111111111";
const EXO_SP = "22222222-2222-4222-8222-222222222222";

function app(n: number, grants: DiscoveredGrants, extra: Partial<DiscoveredApplication> = {}): DiscoveredApplication {
    const id = (d: number) => `${String(n).padStart(8, "0")}-0000-4000-8000-00000000000${d}`;
    return {
        objectId: id(1), clientId: id(2), displayName: `App ${n}`, redirectUris: [], servicePrincipalObjectId: id(3),
        credentials: [{ type: "certificate", keyId: id(4), thumbprint: "AB".repeat(20) }], owners: [], grants, held: heldRightsOf(grants), ...extra,
    };
}

const ars365 = (scopes: string[]): DiscoveredGrants => ({
    appRoles: [{ resource: "Office 365 Exchange Online", value: "Exchange.ManageAsApp", id: "ara-1", resourceSpId: EXO_SP }],
    delegated: [{ resource: "Microsoft Graph", id: "grant-1", resourceSpId: GRAPH_SP, scopes }],
    roles: ["Directory Writers", "Exchange Administrator", "User Administrator"].map((name, i) => ({ name, templateId: ["9360feb5-f418-4baa-8175-e2a00bac4301", "29232cdf-9323-42fd-ade2-1d097af3e4de", "fe930be7-5e62-47db-91af-98c3a49a38b1"][i], id: `ra-${i}`, scope: "/" })),
});

describe("discover plan", () => {
    it("connector names are valid and unique, from the display name", () => {
        const taken = new Set<string>(["active-roles"]);
        assert.equal(connectorName("Active Roles", taken, "x"), "active-roles-2");
        assert.equal(connectorName("  Ünïcode — Sync!! ", new Set(), "x"), "unicode-sync");
        assert.equal(connectorName("***", new Set(), "activeroles-m365"), "activeroles-m365");
        assert.match(connectorName("a".repeat(80), new Set(), "x"), /^a{40}$/);
    });

    it("an extra delegated scope on the grant the profile manages is written into the connector (custom + base), so the grant is not narrowed", () => {
        const [f] = planDiscovery([app(1, ars365(["User.Read", "openid"]))]);
        assert.equal(f.verdict.kind, "superset");
        assert.deepEqual(f.adoption?.entry.profile, "custom");
        assert.deepEqual([f.adoption?.entry.base, f.adoption?.entry.delegatedScopes], ["activeroles-m365", ["openid"]]);
        assert.deepEqual(f.adoption?.unmanaged, []);
        const grant = importEntries(f.app, f.adoption!).find((e) => e.name.endsWith("-delegated-microsoft-graph"));
        assert.equal(grant?.id, "/oauth2PermissionGrants/grant-1");
    });

    it("a scope the catalog does not know on that grant blocks the adoption, with the reason", () => {
        const [f] = planDiscovery([app(2, ars365(["User.Read", "Mail.Send"]))]);
        assert.equal(f.adoption, undefined);
        assert.match(f.blocked ?? "", /Mail\.Send \(Microsoft Graph, delegated\), which the catalog does not know/);
    });

    it("import entries: the component, then consent, delegated grant and role assignments with their import IDs", () => {
        const [f] = planDiscovery([app(3, ars365(["User.Read"]), { displayName: "ARS" })]);
        assert.deepEqual(importEntries(f.app, f.adoption!).map((e) => [e.name, e.id ?? "component"]), [
            ["ars", "component"],
            ["ars-consent-office-365-exchange-online-exchange-manageasapp", `/servicePrincipals/${EXO_SP}/appRoleAssignedTo/ara-1`],
            ["ars-delegated-microsoft-graph", "/oauth2PermissionGrants/grant-1"],
            ["ars-role-directory-writers", "/roleManagement/directory/roleAssignments/ra-0"],
            ["ars-role-exchange-administrator", "/roleManagement/directory/roleAssignments/ra-1"],
            ["ars-role-user-administrator", "/roleManagement/directory/roleAssignments/ra-2"],
        ]);
    });

    it("the provider inputs follow the cloud (the azuread environment of the catalog, or the emulator's metadata host) and the SDK's environment defaults", () => {
        const t = "33333333-3333-4333-8333-333333333333";
        assert.deepEqual(providerInputs({ tenantId: t, cloud: "AzureGCCHigh" }, "6.9.1", {}), { environment: "usgovernmentl4", tenantId: t, useMsi: "false", version: "6.9.1" });
        assert.deepEqual(providerInputs({ tenantId: t, cloud: "AzureCloud", metadataHost: "127.0.0.1:1" }, "6.9.1", {}), { environment: "public", metadataHost: "127.0.0.1:1", tenantId: t, useMsi: "false", version: "6.9.1" });
        // The SDK's own defaults from the environment, as the program's provider gets them.
        assert.deepEqual(providerInputs({ tenantId: t, cloud: "AzureChina" }, "6.9.1", { ARM_USE_MSI: "true", ARM_MSI_ENDPOINT: "http://169.254.169.254/x", ARM_ENVIRONMENT: "usgovernment" }), {
            environment: "china", msiEndpoint: "http://169.254.169.254/x", tenantId: t, useMsi: "true", version: "6.9.1",
        });
    });
});
