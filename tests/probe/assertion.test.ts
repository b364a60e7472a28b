import { strict as assert } from "node:assert";
import { createHash, X509Certificate } from "node:crypto";
import { ConfidentialClientApplication } from "@azure/msal-node";
import * as jose from "jose";
import { parsePrivateKeyPem, parseCertificatePem } from "../../catalog";
import { ASSERTION_LIFETIME_SECONDS, certificateAssertion, RENEW_BEFORE_SECONDS, signClientAssertion } from "../../probe/assertion";
import { clearTokenCache, resolveEndpoints } from "../../probe";
import { readCredential } from "../../probe/credential";
import { certificate } from "./fixtures";

const TOKEN_ENDPOINT = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token";
const CLIENT_ID = "00000000-0000-4000-8000-00000000c11e";

describe("probe/assertion: the certificate credential's client assertion", () => {
    let cert: { certificatePem: string; privateKeyPem: string };
    before(async () => {
        cert = await certificate();
    });

    it("is the JWT msal-node builds: PS256 with x5t#S256, the claims Entra requires, verifiable by jose with the certificate", async () => {
        const info = parseCertificatePem(cert.certificatePem);
        const jwt = await signClientAssertion({ clientId: CLIENT_ID, audience: TOKEN_ENDPOINT, thumbprintSha256: info.thumbprintSha256, privateKey: parsePrivateKeyPem(cert.privateKeyPem), nowSeconds: 1_800_000_000 });

        const header = jose.decodeProtectedHeader(jwt);
        const der = new X509Certificate(cert.certificatePem).raw;
        assert.deepEqual(header, { alg: "PS256", typ: "JWT", "x5t#S256": createHash("sha256").update(der).digest("base64url") });

        const publicKey = new X509Certificate(cert.certificatePem).publicKey;
        const { payload } = await jose.jwtVerify(jwt, publicKey, {
            algorithms: ["PS256"],
            audience: TOKEN_ENDPOINT,
            issuer: CLIENT_ID,
            subject: CLIENT_ID,
            currentDate: new Date(1_800_000_100 * 1000),
        });
        assert.equal(payload.nbf, 1_800_000_000);
        assert.equal(payload.iat, 1_800_000_000);
        assert.equal(payload.exp, 1_800_000_000 + ASSERTION_LIFETIME_SECONDS);
        assert.match(String(payload.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        // The private key appears nowhere in the assertion.
        assert.ok(!jwt.includes(cert.privateKeyPem.split("\n")[1]));
    });

    it("is signed once and shared by concurrent requests, kept until two minutes before it expires, renewed for another endpoint", async () => {
        const info = parseCertificatePem(cert.certificatePem);
        let now = 1_800_000_000_000;
        const callback = certificateAssertion(CLIENT_ID, info.thumbprintSha256, parsePrivateKeyPem(cert.privateKeyPem), { clock: () => now });
        const [a, b] = await Promise.all([callback({ clientId: CLIENT_ID, tokenEndpoint: TOKEN_ENDPOINT }), callback({ clientId: CLIENT_ID, tokenEndpoint: TOKEN_ENDPOINT })]);
        assert.equal(a, b, "the Graph and Exchange token requests of one probe carry one assertion");

        now += (ASSERTION_LIFETIME_SECONDS - RENEW_BEFORE_SECONDS - 1) * 1000;
        assert.equal(await callback({ clientId: CLIENT_ID, tokenEndpoint: TOKEN_ENDPOINT }), a, "still has more than two minutes");
        now += 2000;
        const renewed = await callback({ clientId: CLIENT_ID, tokenEndpoint: TOKEN_ENDPOINT });
        assert.notEqual(renewed, a, "renewed near its expiry");
        assert.equal(jose.decodeJwt(renewed).nbf, Math.floor(now / 1000));

        const other = "https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token";
        const forOther = await callback({ clientId: CLIENT_ID, tokenEndpoint: other });
        assert.equal(jose.decodeJwt(forOther).aud, other);
        await assert.rejects(callback({ clientId: CLIENT_ID }), /did not pass the token endpoint/);
    });
});

describe("probe/assertion: signing starts before msal-node asks", () => {
    it("the prefetched assertion is the one msal-node gets, for the token endpoint it passes", async () => {
        const cert = await certificate();
        const info = parseCertificatePem(cert.certificatePem);
        const endpoints = resolveEndpoints("AzureGCCHigh", "11111111-1111-4111-8111-111111111111");
        let now = 1_800_000_000_000;
        const created = now;
        const callback = certificateAssertion(CLIENT_ID, info.thumbprintSha256, parsePrivateKeyPem(cert.privateKeyPem), { clock: () => now, expectedAudience: endpoints.tokenEndpoint });
        now += 10_000;
        const asked: string[] = [];
        const app = new ConfidentialClientApplication({
            auth: {
                clientId: CLIENT_ID,
                authority: endpoints.authority,
                authorityMetadata: endpoints.authorityMetadata,
                cloudDiscoveryMetadata: endpoints.cloudDiscoveryMetadata,
                knownAuthorities: [...endpoints.knownAuthorities],
                clientAssertion: async (config) => {
                    asked.push(config.tokenEndpoint ?? "");
                    return callback(config);
                },
            },
            system: {
                networkClient: {
                    sendGetRequestAsync: async () => ({ status: 404, headers: {}, body: {} as never }),
                    sendPostRequestAsync: async (_url, options) => {
                        const assertion = new URLSearchParams(String(options?.body)).get("client_assertion") ?? "";
                        asked.push(`nbf=${String(jose.decodeJwt(assertion).nbf)}`);
                        return { status: 400, headers: {}, body: { error: "invalid_client", error_description: "AADSTS700027: test stop." } as never };
                    },
                },
            },
        });
        await assert.rejects(app.acquireTokenByClientCredential({ scopes: [endpoints.graphScope] }));
        assert.deepEqual(asked, [endpoints.tokenEndpoint, `nbf=${created / 1000}`], "msal-node asked for our endpoint and sent the assertion signed at creation");
    });
});

describe("probe/credential: a credential is read once", () => {
    it("returns the same reading for the same credential until clearTokenCache, and re-validates a bad one every time", async () => {
        const cert = await certificate();
        const credential = { kind: "certificate" as const, ...cert };
        const first = readCredential(credential);
        assert.equal(readCredential({ ...credential }), first, "same material, same reading");
        assert.ok(first.signingKey, "a certificate's reading holds the key that signs");
        assert.equal(JSON.stringify(first.facts).includes("PRIVATE"), false, "the facts hold no key material");
        clearTokenCache();
        assert.notEqual(readCredential(credential), first, "read again after clearTokenCache");

        const other = await certificate();
        const mismatched = { kind: "certificate" as const, certificatePem: cert.certificatePem, privateKeyPem: other.privateKeyPem };
        assert.throws(() => readCredential(mismatched), /credential\.privateKeyPem.*does not belong/s);
        assert.throws(() => readCredential(mismatched), /credential\.privateKeyPem.*does not belong/s, "a failure is not cached as a success");
    });
});
