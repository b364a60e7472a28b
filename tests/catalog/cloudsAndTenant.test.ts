import { strict as assert } from "node:assert";
import { CloudNames, Clouds, ConfigError, ErrorCodes, findCloud, isCloudName, isGuid, parseClientId, parseTenantId } from "../../catalog";

describe("catalog/clouds.ts", () => {
    it("has one row per cloud with the azuread environment of each", () => {
        assert.deepEqual(
            CloudNames.map((n) => [n, Clouds[n].name, Clouds[n].azureadEnvironment]),
            [
                ["AzureCloud", "AzureCloud", "global"],
                ["AzureGCC", "AzureGCC", "global"],
                ["AzureGCCHigh", "AzureGCCHigh", "usgovernmentl4"],
                ["AzureDoD", "AzureDoD", "usgovernmentl5"],
                ["AzureChina", "AzureChina", "china"],
            ],
        );
    });

    it("GCC uses the worldwide endpoints", () => {
        const { loginEndpoint, graph, exchange, portal } = Clouds.AzureGCC;
        assert.deepEqual({ loginEndpoint, graph, exchange, portal }, { loginEndpoint: Clouds.AzureCloud.loginEndpoint, graph: Clouds.AzureCloud.graph, exchange: Clouds.AzureCloud.exchange, portal: Clouds.AzureCloud.portal });
        assert.equal(Clouds.AzureGCC.environmentType, "Azure GCC");
    });

    it("records both documented China login hosts", () => {
        assert.equal(Clouds.AzureChina.loginEndpoint, "https://login.chinacloudapi.cn");
        assert.equal(Clouds.AzureChina.loginAlternative?.value, "https://login.partner.microsoftonline.cn");
        assert.match(Clouds.AzureChina.loginAlternative?.source ?? "", /^https:\/\/learn\.microsoft\.com\//);
        assert.equal(Clouds.AzureChina.graph.endpoint, "https://microsoftgraph.chinacloudapi.cn");
        assert.equal(Clouds.AzureChina.exchange.endpoint, "https://partner.outlook.cn");
    });

    it("uses the US Government endpoints for GCC High and DoD", () => {
        assert.equal(Clouds.AzureGCCHigh.loginEndpoint, "https://login.microsoftonline.us");
        assert.equal(Clouds.AzureGCCHigh.graph.endpoint, "https://graph.microsoft.us");
        assert.equal(Clouds.AzureGCCHigh.exchange.endpoint, "https://outlook.office365.us");
        assert.equal(Clouds.AzureDoD.graph.endpoint, "https://dod-graph.microsoft.us");
        assert.equal(Clouds.AzureDoD.exchange.endpoint, "https://webmail.apps.mil");
        for (const n of ["AzureGCCHigh", "AzureDoD"] as const) assert.equal(Clouds[n].exchange.resourceAlternative?.value, "Microsoft Exchange Online Protection");
    });

    it("derives every .default scope from its endpoint, with no trailing slashes", () => {
        for (const n of CloudNames) {
            const c = Clouds[n];
            assert.equal(c.graph.scope, `${c.graph.endpoint}/.default`);
            assert.equal(c.exchange.scope, `${c.exchange.endpoint}/.default`);
            for (const url of [c.loginEndpoint, c.graph.endpoint, c.exchange.endpoint, c.portal]) assert.match(url, /^https:\/\/[^/]+$/);
        }
    });

    it("finds a cloud by name or by its Active Roles label, case-insensitively", () => {
        assert.equal(findCloud("AzureGCCHigh")?.name, "AzureGCCHigh");
        assert.equal(findCloud("azure gcc-h")?.name, "AzureGCCHigh");
        assert.equal(findCloud(" Azure Cloud ")?.name, "AzureCloud");
        assert.equal(findCloud("azuredod")?.name, "AzureDoD");
        assert.equal(findCloud("AzureGermany"), undefined);
        assert.equal(isCloudName("AzureChina"), true);
        assert.equal(isCloudName("china"), false);
    });
});

describe("catalog/tenant.ts", () => {
    it("accepts GUIDs in any case and returns them in lower case", () => {
        assert.equal(parseTenantId("72F988BF-86F1-41AF-91AB-2D7CD011DB47"), "72f988bf-86f1-41af-91ab-2d7cd011db47");
        assert.equal(parseClientId("00000003-0000-0000-c000-000000000000"), "00000003-0000-0000-c000-000000000000");
        assert.equal(isGuid("{72f988bf-86f1-41af-91ab-2d7cd011db47}"), false);
        assert.equal(isGuid("72f988bf86f141af91ab2d7cd011db47"), false);
    });

    const bad: [unknown, string][] = [
        ["contoso.onmicrosoft.com", `"contoso.onmicrosoft.com"`],
        ["", "an empty string"],
        [undefined, "undefined"],
        [42, "number"],
        ["72f988bf-86f1-41af-91ab-2d7cd011db4", `"72f988bf-86f1-41af-91ab-2d7cd011db4"`],
        // A client secret pasted into the wrong field is not echoed.
        ["Xy8Q~abcDEFghiJKLmnoPQRstuVWXyz0123456789", "a 41-character value (not shown: it may be a secret)"],
    ];
    for (const [value, shown] of bad) {
        it(`rejects ${shown} as a tenant ID, naming the property`, () => {
            assert.throws(() => parseTenantId(value, "m365-connectors:tenantId"), (e: Error) =>
                e instanceof ConfigError && e.code === ErrorCodes.badInput && e.property === "m365-connectors:tenantId" &&
                e.message === `m365-connectors:tenantId: must be a GUID like 00000000-0000-0000-0000-000000000000, got ${shown}. Copy the Directory (tenant) ID from the Azure portal (Microsoft Entra ID > Overview)`);
        });
    }

    it("tells where the client ID is shown", () => {
        assert.throws(() => parseClientId("app"), (e: Error) => e.message.endsWith("Copy the Application (client) ID from the Azure portal (App registrations > your app > Overview)"));
    });
});
