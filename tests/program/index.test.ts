import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../catalog";
import { installMocks, isSecret, valueOf, type Recorder } from "../resources/fixtures";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const PROGRAM = require.resolve("../../index");
type Program = { settings: Record<string, Record<string, pulumi.Output<string>>>; details: Record<string, Record<string, pulumi.Output<string | undefined>>> };

function setStackConfig(values: Record<string, unknown>): void {
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) all[`m365-connectors:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    pulumi.runtime.setAllConfig(all);
}

/** Runs index.ts afresh (mocks first, then the import) and waits for its outputs. */
async function runProgram(config: Record<string, unknown>): Promise<{ rec: Recorder; program: Program }> {
    const rec = await installMocks();
    setStackConfig(config);
    delete require.cache[PROGRAM];
    const program = (await import("../../index")) as Program;
    for (const group of [program.settings, program.details]) {
        for (const outputs of Object.values(group)) await Promise.all(Object.values(outputs).map((o) => valueOf(o)));
    }
    return { rec, program };
}

describe("index.ts (the stack program)", () => {
    after(() => pulumi.runtime.setAllConfig({}));

    it("exports each console's settings, keyed by connector name, on one provider for the tenant", async () => {
        const { rec, program } = await runProgram({
            tenantId: TENANT,
            environment: "Azure GCC-H",
            connectors: [
                { name: "ars-m365", profile: "activeroles-m365" },
                { name: "ars-azuread", profile: "activeroles-azuread" },
                { name: "snow", profile: "snow-atlas-m365" },
                { name: "custom-secret", profile: "custom", appRoles: ["User.Read.All"], credential: { type: "secret" } },
            ],
        });
        const providers = rec.ofType("pulumi:providers:azuread");
        assert.deepEqual(providers.map((p) => [p.inputs.tenantId, p.inputs.environment]), [[TENANT, "usgovernmentl4"]]);
        assert.deepEqual(rec.ofType("m365-connectors:index:ConnectorApplication").map((c) => c.name).sort(), ["ars-azuread", "ars-m365", "custom-secret", "snow"]);

        assert.deepEqual(Object.keys(program.settings).sort(), ["ars-azuread", "ars-m365", "custom-secret", "snow"]);
        for (const name of ["ars-m365", "ars-azuread"]) {
            const s = program.settings[name];
            assert.deepEqual(Object.keys(s), ["Tenant ID", "Application ID", "Certificate thumbprint", "Tenant environment type"]);
            assert.equal(await valueOf(s["Tenant ID"]), TENANT);
            assert.match(await valueOf(s["Application ID"]), /^[0-9a-f-]{36}$/);
            assert.match(await valueOf(s["Certificate thumbprint"]), /^[0-9A-F]{40}$/);
            assert.equal(await valueOf(s["Tenant environment type"]), "Azure GCC-H");
            assert.equal(await isSecret(s["Certificate thumbprint"]), false);
            assert.equal(await isSecret(program.details[name].pfxBase64!), true);
            assert.equal(await isSecret(program.details[name].pfxPassword!), true);
        }
        const snow = program.settings.snow;
        assert.deepEqual(Object.keys(snow), ["Tenant ID", "Client ID", "Client secret"]);
        assert.equal(await isSecret(snow["Client secret"]), true);
        assert.equal(await valueOf(snow["Client secret"]), "secret-value-snow-secret");
        assert.equal(program.details.snow.pfxBase64, undefined);
        assert.deepEqual(Object.keys(program.settings["custom-secret"]), ["Tenant ID", "Application (client) ID", "Client secret"]);
        assert.equal(await valueOf(program.details["ars-m365"].profile), "activeroles-m365");
    });

    it("fails on bad config before creating any resource", async () => {
        const rec = await installMocks();
        setStackConfig({ tenantId: TENANT, connectors: [{ name: "a", profile: "activeroles-m365" }, { name: "b", profile: "nope" }] });
        delete require.cache[PROGRAM];
        await assert.rejects(import("../../index"), (e: Error) => e instanceof ConfigError && e.message.startsWith(`m365-connectors:connectors[1].profile: unknown profile "nope".`));
        assert.equal(rec.resources.length, 0);
    });
});
