/**
 * Secrets stay secret: no private key, client secret or PFX in anything a person or the Pulumi
 * state sees in clear — captured logs (stdout/stderr of every reliability suite, scanned by the
 * root hook in ./capture.ts once all have run), error messages, the serialized provider, and
 * outputs not marked secret: ConnectorConnection's outputs from the provider itself (create,
 * refresh) outside `additionalSecretOutputs`, and ConnectorApplication's outputs under mocks.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { resolveProfile } from "../../catalog";
import type { RunningEmulator } from "../../emulator/types";
import { connectionProvider, loadRuntime } from "../../providers/connection/provider";
import { SECRET_OUTPUTS } from "../../providers/connection/resource";
import { startTestEmulator } from "../emulator/helpers";
import { certificate } from "../probe/fixtures";
import { seedScenario, type Scenario } from "../probe/scenario";
import { registerUnderMocks } from "../provider/helpers";
import { installMocks, isSecret, selfSigned, settle, valueOf } from "../resources/fixtures";
import { captureDuring, record, registerSecrets, secretsIn } from "./capture";

type Props = Record<string, unknown>;
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const NOW = new Date("2026-03-01T00:00:00Z");

/** Fails when `value` (any shape) contains secret material; `where` names it. */
function assertClean(where: string, value: unknown): void {
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
    record(text);
    assert.deepEqual(secretsIn(text).map((m) => m.slice(0, 12)), [], `secret material in ${where}`);
}

function inputsFor(s: Scenario, emulator: RunningEmulator, over: Props = {}): Props {
    const c = s.credential;
    const credential = c.kind === "certificate" ? { certificatePem: c.certificatePem, privateKeyPem: c.privateKeyPem } : { clientSecret: c.clientSecret, secretExpiresAt: c.expiresAt };
    return { tenantId: s.tenantId, clientId: s.clientId, cloud: "AzureCloud", profile: { profile: s.profile.name }, credential, endpointOverride: emulator.url, consistencyTimeoutSeconds: 2, ...over };
}

/** Every output of the provider that the engine does not make secret must be clean. */
function assertPublicOutputsClean(what: string, outs: Props): void {
    for (const [key, value] of Object.entries(outs)) {
        if (SECRET_OUTPUTS.includes(key)) continue;
        assertClean(`${what}: output ${key}`, value);
    }
}

describe("reliability: secrets stay secret", function () {
    this.timeout(60_000);
    captureDuring();
    let emulator: RunningEmulator;
    let cert: Scenario;
    let secret: Scenario;
    before(async () => {
        emulator = await startTestEmulator();
        cert = await seedScenario(emulator, { profile: "activeroles-m365" });
        secret = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        for (const s of [cert, secret]) registerSecrets(s.credential.kind === "certificate" ? s.credential.privateKeyPem : s.credential.clientSecret);
    });
    after(async () => emulator?.stop());
    beforeEach(() => loadRuntime().clearTokenCache());

    it("the scanner finds a leaked private key, client secret or PFX (not vacuous)", () => {
        const key = cert.credential.kind === "certificate" ? cert.credential.privateKeyPem : "";
        const pfx = "MIIKWQIBAzCCCh8GCSqGSIb3DQEHAaCCChAEggoMMIIKCDCCBL8GCSqGSIb3DQEHBqCCBLAwggSsAgEAMIIEpQYJKoZIhvcNAQcBMBwGCiqGSIb3DQEMAQYwDgQI".repeat(3);
        registerSecrets(pfx);
        const body = key.split("\n").slice(2, 4).join("");
        assert.ok(secretsIn(`evidence: ${body}`).length > 0, "a line of the key body");
        assert.ok(secretsIn(`-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx`).length > 0, "any PEM private key");
        assert.ok(secretsIn(`value=${secret.credential.kind === "secret" ? secret.credential.clientSecret : ""}`).length > 0, "the client secret");
        assert.ok(secretsIn(`pfx ${pfx}`).length > 0, "the PFX");
        assert.deepEqual(secretsIn('no -----BEGIN PRIVATE KEY----- block'), [], "the armour alone in advice is fine");
    });

    it("ConnectorConnection: create and refresh outputs hold no secret outside additionalSecretOutputs", async () => {
        assert.deepEqual(SECRET_OUTPUTS, ["credential", "nextCredential"]);
        for (const s of [cert, secret]) {
            const checked = await connectionProvider.check!({}, inputsFor(s, emulator));
            assert.deepEqual(checked.failures, []);
            const created = await connectionProvider.create(checked.inputs);
            assertPublicOutputsClean(`create (${s.profile.name})`, created.outs);
            // Refresh after drift: findings carry evidence and remedies.
            if (s === cert) emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
            else emulator.directory.removeCredentials(s.tenantId, s.clientId);
            const read = await connectionProvider.read!(created.id, created.outs as Props);
            assert.equal((read.props as Props).status, "fail");
            assertPublicOutputsClean(`refresh after drift (${s.profile.name})`, read.props as Props);
        }
    });

    it("ConnectorConnection: errors of create, check and a rejected credential name no secret", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        registerSecrets(s.credential.kind === "certificate" ? s.credential.privateKeyPem : undefined);
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "User Administrator");
        await assert.rejects(connectionProvider.create(inputsFor(s, emulator)), (e: Error) => {
            assert.equal(e.name, "ConsistencyTimeoutError");
            assertClean("consistency timeout error", `${e.message}\n${e.stack}`);
            return true;
        });
        const wrong = "Wr0ng~secret-value-for-the-error-path";
        registerSecrets(wrong);
        await assert.rejects(connectionProvider.create(inputsFor(secret, emulator, { credential: { clientSecret: wrong } })), (e: Error) => {
            assert.equal(e.name, "ProbeFailedError");
            assert.match(e.message, /AADSTS7000215/);
            assertClean("rejected credential error", `${e.message}\n${e.stack}`);
            return true;
        });
        const other = await certificate(365);
        registerSecrets(other.privateKeyPem);
        const checked = await connectionProvider.check!({}, inputsFor(s, emulator, { credential: { certificatePem: s.input.credential.kind === "certificate" ? s.input.credential.certificatePem : "", privateKeyPem: other.privateKeyPem }, cloud: "Mars" }));
        assert.deepEqual(checked.failures?.map((f) => f.property).sort(), ["cloud", "credential.privateKeyPem"]);
        assertClean("check failures", checked.failures);
    });

    it("ConnectorConnection under mocks: the credential is a secret input and the serialized provider holds none", async () => {
        for (const s of [cert, secret]) {
            const reg = await registerUnderMocks(inputsFor(s, emulator) as never);
            assert.ok(reg.additionalSecretOutputs.includes("credential"));
            assert.equal((reg.rawCredential as Props)["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "credential input is not a secret");
            assertClean("serialized provider", reg.serializedProvider);
        }
        const text = (await pulumi.runtime.serializeFunction(() => connectionProvider, { allowSecrets: true })).text;
        assertClean("serializeFunction(connectionProvider)", text);
    });

    it("ConnectorApplication + its connection under mocks: secret outputs are secret, the rest hold no secret", async () => {
        type Resources = typeof import("../../resources");
        const provided = await selfSigned({ commonName: "byo", notBefore: new Date(NOW.getTime() - 86_400_000), notAfter: new Date(NOW.getTime() + 200 * 86_400_000) });
        const cases: [string, (M: Resources) => InstanceType<Resources["ConnectorApplication"]>][] = [
            ["generated certificate", (M) => new M.ConnectorApplication("gen", { tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "activeroles-m365" }), credential: { validityMonths: 6 } })],
            ["provided certificate", (M) => new M.ConnectorApplication("byo", { tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "activeroles-azuread" }), credential: { pem: provided.certPem, keyPem: provided.keyPem, pfxPassword: "correct horse battery" }, now: NOW })],
            ["client secret", (M) => new M.ConnectorApplication("snow", { tenantId: TENANT, cloud: "AzureCloud", profile: resolveProfile({ profile: "snow-atlas-m365" }), credential: { secretSlots: 2, rotationDays: 60, secretLifetimeDays: 150 }, now: NOW })],
        ];
        const secretOutputs = ["privateKeyPem", "pfxBase64", "pfxPassword", "clientSecret"] as const;
        const publicOutputs = ["tenantId", "cloud", "tenantEnvironmentType", "clientId", "applicationObjectId", "servicePrincipalObjectId", "credentialType", "credentialExpiresAt", "certificateThumbprint", "certificateThumbprintSha256", "certificatePem"] as const;
        for (const [what, make] of cases) {
            const rec = await installMocks();
            const M = await import("../../resources");
            const app = make(M);
            const conn = M.connect(app, `conn-${what.replace(/\W+/g, "-")}`);
            await settle(app);
            await valueOf(conn.urn);
            for (const k of secretOutputs) {
                assert.equal(await isSecret(app[k]), true, `${what}: ${k} is secret`);
                registerSecrets(await valueOf(app[k]));
            }
            for (const k of publicOutputs) assertClean(`${what}: output ${k}`, (await valueOf(app[k])) ?? null);
            for (const r of rec.resources) {
                const open = Object.fromEntries(Object.entries(r.inputs).filter(([k]) => !r.secretInputs.includes(k)));
                assertClean(`${what}: inputs of ${r.type} ${r.name} not marked secret`, open);
            }
            const registered = rec.resources.find((r) => r.type.endsWith(":ConnectorConnection"));
            assert.ok(registered?.secretInputs.includes("credential"), `${what}: the connection's credential input is secret`);
        }
    });
});
