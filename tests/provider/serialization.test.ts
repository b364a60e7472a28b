import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { connectionProvider, RUNTIME_FILE, RUNTIME_MODULE } from "../../providers/connection/provider";
import { certificate } from "../probe/fixtures";
import { registerUnderMocks } from "./helpers";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const SECRET = "Qx8~not-in-the-serialized-provider";

/** Markers of things the serialized provider must not contain. */
const forbidden = (privateKeyPem: string) => [
    SECRET,
    "PRIVATE KEY",
    privateKeyPem.split("\n")[1],
    "ConfidentialClientApplication",
    "msal",
    "acquireTokenByClientCredential",
    "initWithMiddleware",
    "M365C_",
];

describe("ConnectorConnection serialization (the provider as Pulumi stores it)", () => {
    let cred: { certificatePem: string; privateKeyPem: string };
    before(async () => {
        cred = await certificate(365);
    });

    it("serializes to a small closure that captures only the two runtime locations", async () => {
        const s = await pulumi.runtime.serializeFunction(() => connectionProvider, { allowSecrets: true });
        assert.equal(s.containsSecrets, false);
        assert.ok(s.text.includes(JSON.stringify(RUNTIME_MODULE)));
        assert.ok(s.text.includes(JSON.stringify(RUNTIME_FILE)));
        assert.match(RUNTIME_FILE, /dist\/providers\/connection\/runtime\.js$/);
        for (const bad of forbidden(cred.privateKeyPem)) assert.ok(!s.text.includes(bad), `serialized provider contains ${bad}`);
        assert.ok(s.text.length < 8000, `serialized provider is ${s.text.length} chars`);
    });

    it("under mocks: the type token, the serialized provider without secrets, the credential secret", async () => {
        for (const credential of [cred, { clientSecret: SECRET, secretExpiresAt: "2099-01-01T00:00:00Z" }]) {
            const reg = await registerUnderMocks({ tenantId: TENANT, clientId: CLIENT, cloud: "AzureCloud", profile: { profile: "snow-atlas-m365" }, credential });
            assert.equal(reg.type, "pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection");
            for (const bad of forbidden(cred.privateKeyPem)) assert.ok(!reg.serializedProvider.includes(bad), `serialized provider contains ${bad}`);
            assert.ok(reg.additionalSecretOutputs.includes("credential"));
            assert.equal((reg.rawCredential as Record<string, unknown>)["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "credential input is not a secret");
        }
    });

    it("the provider methods load the compiled runtime at call time", async () => {
        const result = await connectionProvider.check!({}, { tenantId: "nope", clientId: CLIENT, profile: { profile: "activeroles-azuread" }, credential: cred });
        assert.deepEqual(result.failures?.map((f) => f.property), ["tenantId"]);
        const runtimePath = Object.keys(require.cache).find((k) => k.endsWith("/dist/providers/connection/runtime.js"));
        assert.equal(runtimePath, RUNTIME_FILE);
    });
});
