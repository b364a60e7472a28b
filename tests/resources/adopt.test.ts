import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, resolveProfile } from "../../catalog";
import { installMocks, resourceSpObjectId, settle, valueOf } from "./fixtures";

type Resources = typeof import("../../resources");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const EXISTING = { objectId: "11111111-1111-4111-8111-111111111111", clientId: "22222222-2222-4222-8222-222222222222" };
const APP = "azuread:index/application:Application";
const SP = "azuread:index/servicePrincipal:ServicePrincipal";
const LOOKUP = "azuread:index/getServicePrincipal:getServicePrincipal";

describe("ConnectorApplication: adopting an existing application", () => {
    let M: Resources;
    before(async () => {
        await installMocks();
        M = await import("../../resources");
    });
    const profile = resolveProfile({ profile: "activeroles-m365" });

    it("creates no Application and looks the service principal up by client ID", async () => {
        const rec = await installMocks();
        const app = new M.ConnectorApplication("adopt", { tenantId: TENANT, cloud: "AzureCloud", profile, existingApplication: EXISTING });
        await settle(app);
        assert.equal(rec.ofType(APP).length, 0);
        assert.equal(rec.ofType(SP).length, 0);
        assert.equal(app.application, undefined);
        assert.ok(rec.calls.some((c) => c.token === LOOKUP && c.inputs.clientId === EXISTING.clientId));
        assert.equal(await valueOf(app.clientId), EXISTING.clientId);
        assert.equal(await valueOf(app.applicationObjectId), EXISTING.objectId);
        assert.equal(await valueOf(app.servicePrincipalObjectId), resourceSpObjectId(EXISTING.clientId));
        const cert = rec.ofType("azuread:index/applicationCertificate:ApplicationCertificate")[0];
        assert.equal(cert.inputs.applicationId, `/applications/${EXISTING.objectId}`);
        for (const r of rec.ofType("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment")) {
            assert.equal(r.inputs.principalObjectId, resourceSpObjectId(EXISTING.clientId));
        }
    });

    it("uses a given service principal object ID without any lookup", async () => {
        const rec = await installMocks();
        const spId = "33333333-3333-4333-8333-333333333333";
        const app = new M.ConnectorApplication("adopt-sp", { tenantId: TENANT, cloud: "AzureCloud", profile, existingApplication: { ...EXISTING, servicePrincipalObjectId: spId } });
        await settle(app);
        assert.equal(rec.calls.filter((c) => c.inputs.clientId === EXISTING.clientId).length, 0);
        assert.equal(await valueOf(app.servicePrincipalObjectId), spId);
        assert.ok(rec.ofType("azuread:index/appRoleAssignment:AppRoleAssignment").every((r) => r.inputs.principalObjectId === spId));
    });

    it("creates the service principal when asked, never with useExisting", async () => {
        const rec = await installMocks();
        const app = new M.ConnectorApplication("adopt-new-sp", { tenantId: TENANT, cloud: "AzureCloud", profile, existingApplication: { ...EXISTING, createServicePrincipal: true } });
        await settle(app);
        const [sp] = rec.ofType(SP);
        assert.deepEqual(sp.inputs, { clientId: EXISTING.clientId });
        assert.equal(rec.ofType(APP).length, 0);
    });
});

describe("ConnectorApplication: arguments", () => {
    let M: Resources;
    before(async () => {
        await installMocks();
        M = await import("../../resources");
    });
    const profile = resolveProfile({ profile: "snow-atlas-m365" });

    it("shares a given provider instead of creating one", async () => {
        const rec = await installMocks();
        const provider = M.createTenantProvider("shared", { tenantId: TENANT, cloud: "AzureChina" });
        const a = new M.ConnectorApplication("one", { tenantId: TENANT, cloud: "AzureChina", profile, provider });
        const b = new M.ConnectorApplication("two", { tenantId: TENANT, cloud: "AzureChina", profile, provider });
        await Promise.all([settle(a), settle(b)]);
        const providers = rec.ofType("pulumi:providers:azuread");
        assert.deepEqual(providers.map((p) => [p.name, p.inputs.environment]), [["shared", "china"]]);
    });

    it("registers every public output", async () => {
        await installMocks();
        const app = new M.ConnectorApplication("outs", { tenantId: TENANT, cloud: "AzureCloud", profile });
        await settle(app);
        const { getMonitor } = await import("@pulumi/pulumi/runtime/settings");
        const monitor = getMonitor() as unknown as { resources: Map<string, { state: { toJavaScript?: () => Record<string, unknown> } }> };
        const urn = await valueOf(app.urn);
        // registerOutputs reaches the monitor once every output has resolved: wait for it.
        for (let i = 0; i < 200 && !monitor.resources.get(urn)!.state.toJavaScript; i++) await new Promise((r) => setTimeout(r, 10));
        const registered = Object.keys(monitor.resources.get(urn)!.state.toJavaScript!()).sort();
        const declared = ["tenantId", "cloud", "tenantEnvironmentType", "clientId", "applicationObjectId", "servicePrincipalObjectId", "credentialType", "credentialExpiresAt", "certificateThumbprint", "certificateThumbprintSha256", "certificatePem", "privateKeyPem", "pfxBase64", "pfxPassword", "clientSecret", "nextCertificateThumbprint", "nextCertificatePem", "nextPfxBase64", "nextPfxPassword", "certificateRemovedAfter", "rotation"];
        const outputs = app as unknown as Record<string, pulumi.Output<unknown>>;
        const defined = [];
        declared.push("profile", "profileBase"); // read by the guardrails policy pack (policy/model.ts)
        for (const k of declared) {
            assert.ok(pulumi.Output.isInstance(outputs[k]), `${k} is an Output`);
            if ((await valueOf(outputs[k])) !== undefined) defined.push(k);
        }
        // Undefined values (the certificate fields of a secret credential) are dropped by the engine.
        assert.ok(registered.every((k) => declared.includes(k)), `only declared outputs: ${registered}`);
        assert.ok(defined.every((k) => registered.includes(k)), `every defined output registered: ${registered}`);
        assert.ok(defined.length >= 9);
        assert.ok(registered.includes("profile"));
        assert.equal(await valueOf(outputs.profile), profile.name);
    });

    const bad: [string, Partial<import("../../resources").ConnectorApplicationArgs>, string][] = [
        ["tenant ID", { tenantId: "contoso.onmicrosoft.com" }, `tenantId: must be a GUID like 00000000-0000-0000-0000-000000000000, got "contoso.onmicrosoft.com". Copy the Directory (tenant) ID from the Azure portal (Microsoft Entra ID > Overview)`],
        ["cloud", { cloud: "AzurePublic" as never }, `cloud: unknown cloud "AzurePublic". Use one of: AzureCloud, AzureGCC, AzureGCCHigh, AzureDoD, AzureChina`],
        ["display name", { displayName: " " }, `displayName: must be a non-empty string of at most 120 characters, got " ". Set a text value`],
        ["credential type", { credential: { type: "certificate" } }, `credential.type: the snow-atlas-m365 connector signs in with a secret, not a certificate. Remove credential.type, or use profile: custom with base: snow-atlas-m365`],
        ["existing app", { existingApplication: { objectId: "x", clientId: EXISTING.clientId } }, `existingApplication.objectId: must be a GUID like 00000000-0000-0000-0000-000000000000, got "x". Copy the Object ID from the Azure portal (App registrations > your app > Overview)`],
    ];
    for (const [what, args, message] of bad) {
        it(`rejects a bad ${what} before registering anything`, async () => {
            const rec = await installMocks();
            assert.throws(() => new M.ConnectorApplication("bad", { tenantId: TENANT, cloud: "AzureCloud", profile, ...args }), (e: Error) => e instanceof ConfigError && e.message === message);
            assert.equal(rec.resources.length, 0);
        });
    }
});
