import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { parseCertificatePem } from "../../catalog";
import { installMocks, isSecret, selfSigned, valueOf, type Recorder } from "../resources/fixtures";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0a0b0c0d-1111-4222-8333-444455556666";
const CLIENT2 = "0a0b0c0d-1111-4222-8333-444455557777";
const PROGRAM = require.resolve("../../index");
type Program = {
    settings: Record<string, Record<string, pulumi.Output<string>>>;
    details: Record<string, Record<string, pulumi.Output<string | undefined>>>;
    connections: Record<string, Record<string, pulumi.Output<unknown>>>;
    expiry?: Record<string, pulumi.Output<{ expiresAt: string | null; warnDays: number; renewal: string }>>;
    rotation?: Record<string, pulumi.Output<Record<string, unknown> | undefined>>;
};
const CONNECTION = "pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection";

function setStackConfig(values: Record<string, unknown>): void {
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) all[`m365-connectors:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    pulumi.runtime.setAllConfig(all);
}

/** Runs index.ts afresh (mocks first, then the import) and waits for its outputs. */
async function runProgram(config: Record<string, unknown>, previousOutputs: Record<string, unknown> = {}): Promise<{ rec: Recorder; program: Program }> {
    const rec = await installMocks();
    rec.previousOutputs = previousOutputs;
    setStackConfig(config);
    delete require.cache[PROGRAM];
    const program = (await (require(PROGRAM) as () => Promise<Program>)()) as Program;
    for (const group of [program.settings, program.details, program.connections, { all: program.expiry ?? {} }, { all: program.rotation ?? {} }]) {
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

        // Every managed connector is proved by a ConnectorConnection created after its grants.
        const connections = rec.ofType(CONNECTION);
        assert.deepEqual(connections.map((c) => c.name).sort(), ["ars-azuread-connection", "ars-m365-connection", "custom-secret-connection", "snow-connection"]);
        assert.deepEqual(Object.keys(program.connections).sort(), ["ars-azuread", "ars-m365", "custom-secret", "snow"]);
        assert.ok(connections.every((c) => c.secretInputs.includes("credential")), "the credential input is a secret");
    });

    it("verify-only (Manual configuration): only ConnectorConnections, no azuread provider or resource; settings from config", async () => {
        const { certPem, keyPem } = await selfSigned({});
        const { rec, program } = await runProgram({
            tenantId: TENANT,
            environment: "AzureGCCHigh",
            endpointOverride: "https://127.0.0.1:8443",
            connectors: [
                { name: "ars", profile: "activeroles-m365", existingApplication: { clientId: CLIENT, manage: "verify-only" }, credential: { pem: certPem, keyPem } },
                { name: "snow", profile: "snow-atlas-m365", existingApplication: { clientId: CLIENT2, manage: "verify-only" }, credential: { clientSecret: "configured-secret-value" } },
            ],
        });
        assert.deepEqual(rec.resources.filter((r) => r.type !== CONNECTION).map((r) => r.type), [], "nothing but connections");
        const conns = rec.ofType(CONNECTION);
        assert.deepEqual(conns.map((c) => [c.name, c.inputs.clientId, c.inputs.cloud, c.inputs.endpointOverride]).sort(), [
            ["ars", CLIENT, "AzureGCCHigh", "https://127.0.0.1:8443"],
            ["snow", CLIENT2, "AzureGCCHigh", "https://127.0.0.1:8443"],
        ]);
        assert.ok(conns.every((c) => c.secretInputs.includes("credential")));
        const ars = program.settings.ars;
        assert.equal(await valueOf(ars["Application ID"]), CLIENT);
        assert.equal(await valueOf(ars["Certificate thumbprint"]), parseCertificatePem(certPem).thumbprintSha1);
        assert.equal(await valueOf(ars["Tenant environment type"]), "Azure GCC-H");
        assert.equal(await isSecret(program.settings.snow["Client secret"]), true);
        assert.equal(await valueOf(program.details.ars.mode), "verify-only");
    });

    it("plans a certificate rollover from the stack's own last rotation output: both certificates, the next one exported and proved", async () => {
        const owner = "6f1b2c3d-1111-4222-8333-444455556666";
        const config = { tenantId: TENANT, warnDays: 45, connectors: [{ name: "ars", profile: "activeroles-azuread", owners: [owner] }] };
        const first = await runProgram(config);
        assert.equal(first.rec.calls.filter((c) => c.token === "pulumi:pulumi:readStackOutputs")[0]?.inputs.name, "organization/m365-connectors/test", "reads its own stack");
        const state = (await valueOf(first.program.rotation!.ars)) as { inUse: string; slots: Record<string, { thumbprint: string; notAfter: string; attachedAt: string }> };
        assert.equal(state.inUse, "a");
        assert.equal(state.slots.a.thumbprint, await valueOf(first.program.settings.ars["Certificate thumbprint"]));
        const expiry = await valueOf(first.program.expiry!.ars);
        assert.equal(expiry.expiresAt, state.slots.a.notAfter);
        assert.equal(expiry.warnDays, 45);
        assert.match(expiry.renewal, /`pulumi up --stack test`/);
        assert.equal(await valueOf(first.program.details.ars.nextCertificateThumbprint), undefined);
        assert.deepEqual(first.rec.ofType("azuread:index/application:Application")[0].inputs.owners, [owner], "owners reach the application");

        // The previous run's certificate is 10 days from its end: inside renewBeforeDays (30).
        const due = { ...state, slots: { a: { ...state.slots.a, notAfter: new Date(Date.now() + 10 * 86_400_000).toISOString() } } };
        const { rec, program } = await runProgram(config, { rotation: { ars: due } });
        assert.deepEqual(rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate").map((r) => r.name).sort(), ["ars-certificate", "ars-certificate-b"]);
        const next = await valueOf(program.details.ars.nextCertificateThumbprint);
        assert.match(next!, /^[0-9A-F]{40}$/);
        assert.equal(await isSecret(program.details.ars.nextPfxBase64), true);
        assert.match((await valueOf(program.expiry!.ars)).renewal, new RegExp(`set the certificate thumbprint to ${next}.*rotate --confirm-switched --connector ars --stack test`));
        const [conn] = rec.ofType(CONNECTION);
        assert.match(conn.inputs.nextCredential.certificatePem, /BEGIN CERTIFICATE/);
        assert.ok(conn.secretInputs.includes("nextCredential"), "the next key reaches the connection as a secret");
    });

    it("stops before declaring anything when the last rotation output cannot be read, or a change would drop the certificate in use", async () => {
        const run = async (connector: Record<string, unknown>, rotation: unknown) => {
            const rec = await installMocks();
            rec.previousOutputs = { rotation };
            setStackConfig({ tenantId: TENANT, connectors: [connector] });
            delete require.cache[PROGRAM];
            await assert.rejects((require(PROGRAM) as () => Promise<unknown>)(), (e: Error) => {
                assert.ok(e instanceof pulumi.RunError, e.message);
                return (rejected = e.message, true);
            });
            assert.deepEqual(rec.resources.map((r) => r.type), [], "nothing registered");
        };
        let rejected = "";
        await run({ name: "ars", profile: "activeroles-azuread" }, { ars: { inUse: "b", slots: {} } });
        assert.match(rejected, /the `rotation` output of the last update cannot be read for ars/);
        const rolling = { inUse: "a", next: "b", slots: { a: { attachedAt: "2026-11-01T00:00:00Z", thumbprint: "A".repeat(40) }, b: { attachedAt: "2026-11-20T00:00:00Z", thumbprint: "B".repeat(40) } } };
        await run({ name: "ars", profile: "activeroles-azuread", credential: { certificateSlots: 1 } }, { ars: rolling });
        assert.match(rejected, /^m365-connectors:connectors\[0\]\.credential\.certificateSlots: is 1, but a certificate rollover is under way/);
    });

    it("fails on bad config before creating any resource", async () => {
        const rec = await installMocks();
        setStackConfig({ tenantId: TENANT, connectors: [{ name: "a", profile: "activeroles-m365" }, { name: "b", profile: "nope" }] });
        delete require.cache[PROGRAM];
        // Reported as a Pulumi run error (the message and its fix, no stack trace).
        await assert.rejects((require(PROGRAM) as () => Promise<unknown>)(), (e: Error) => e instanceof pulumi.RunError && e.message.startsWith(`m365-connectors:connectors[1].profile: unknown profile "nope".`));
        assert.equal(rec.resources.length, 0);
    });
});
