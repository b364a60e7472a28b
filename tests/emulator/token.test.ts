import { ServerError } from "@azure/msal-node";
import * as assert from "node:assert/strict";
import { constants, createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify, X509Certificate } from "node:crypto";
import { DirectoryRoles, ResourceApps, resolveProfile } from "../../catalog";
import { createSelfSignedCertificate, type CertificateAndKey } from "../../emulator/ca";
import { verifyClientAssertion } from "../../emulator/entra/assertion";
import { keyCredentialFromPem, newApplication } from "../../emulator/store/factory";
import type { RunningEmulator, SeededConnector } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, claimsOf, EXO_SCOPE, GRAPH_SCOPE, msalApp, newTenantId, seedWithSecret, testCertificates, tokenFor, tokenRequest } from "./util";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** A client assertion built with node:crypto, independent of the emulator's own JWT code. */
function assertion(cert: CertificateAndKey, payload: Record<string, unknown>, opts: { alg?: "PS256" | "RS256"; signWith?: string } = {}): string {
    const alg = opts.alg ?? "PS256";
    const der = new X509Certificate(cert.certificatePem).raw;
    const header = alg === "PS256" ? { alg, typ: "JWT", "x5t#S256": createHash("sha256").update(der).digest("base64url") } : { alg, typ: "JWT", x5t: createHash("sha1").update(der).digest("base64url") };
    const input = `${b64(header)}.${b64(payload)}`;
    const key = createPrivateKey(opts.signWith ?? cert.privateKeyPem);
    const sig = sign("sha256", Buffer.from(input), alg === "PS256" ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : key);
    return `${input}.${sig.toString("base64url")}`;
}

const errorCodes = (body: any) => ({ error: body.error, codes: body.error_codes });
const DAY = 86_400_000;

describe("emulator: Entra token endpoint", () => {
    const tenantId = newTenantId();
    const otherTenantId = newTenantId();
    let emu: RunningEmulator;
    let certs: CertificateAndKey[];
    let snow: SeededConnector & { secret: string };
    let m365: SeededConnector;
    let admin: SeededConnector & { secret: string };
    let tokenUrl: string;
    const now = () => Math.floor(Date.now() / 1000);

    before(async () => {
        certs = await testCertificates();
        emu = await startTestEmulator({
            tenants: [
                { tenantId, displayName: "Fabrikam", domains: ["fabrikam.onmicrosoft.com", "fabrikam.com"] },
                { tenantId: otherTenantId, displayName: "Other" },
            ],
        });
        snow = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        m365 = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "activeroles-m365" }), credential: { kind: "certificate", certificatePem: certs[0].certificatePem } });
        admin = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Application.ReadWrite.All"] });
        tokenUrl = `${emu.url}/${tenantId}/oauth2/v2.0/token`;
    });
    after(() => emu.stop());

    it("issues a Graph token for a client secret (msal-node) with the grants' roles and v1 claims", async () => {
        const token = await tokenFor(emu, tenantId, snow.clientId, { secret: snow.secret });
        const c = claimsOf(token);
        assert.equal(c.aud, "https://graph.microsoft.com");
        assert.equal(c.iss, `https://sts.windows.net/${tenantId}/`);
        assert.equal(c.tid, tenantId);
        assert.equal(c.appid, snow.clientId);
        assert.equal(c.azp, snow.clientId);
        assert.equal(c.appidacr, "1");
        assert.equal(c.idtyp, "app");
        assert.equal(c.oid, snow.servicePrincipalObjectId);
        assert.equal(c.sub, snow.servicePrincipalObjectId);
        assert.deepEqual([...(c.roles as string[])].sort(), ["Directory.Read.All", "Organization.Read.All", "Reports.Read.All", "User.Read.All"]);
        assert.equal("wids" in c, false, "no directory roles, no wids claim");
        assert.ok((c.exp as number) - (c.iat as number) === 3599);
    });

    it("answers Entra's success body", async () => {
        const r = await tokenRequest(emu, tenantId, { client_id: snow.clientId, client_secret: snow.secret, scope: GRAPH_SCOPE });
        assert.equal(r.status, 200);
        assert.deepEqual(Object.keys(r.body).sort(), ["access_token", "expires_in", "ext_expires_in", "token_type"]);
        assert.equal(r.body.token_type, "Bearer");
        assert.equal(r.body.expires_in, 3599);
    });

    it("accepts a certificate with thumbprintSha256 (PS256, x5t#S256) and puts wids and Exchange roles in an Exchange token", async () => {
        const token = await tokenFor(emu, tenantId, m365.clientId, { certificate: certs[0], thumbprint: "sha256" }, EXO_SCOPE);
        const c = claimsOf(token);
        assert.equal(c.aud, "https://outlook.office365.com");
        assert.equal(c.appidacr, "2");
        assert.deepEqual(c.roles, ["Exchange.ManageAsApp"]);
        const expected = ["Directory Writers", "Exchange Administrator", "User Administrator"].map((n) => DirectoryRoles[n as keyof typeof DirectoryRoles]);
        assert.deepEqual([...(c.wids as string[])].sort(), expected.sort());
    });

    it("accepts a certificate with the deprecated thumbprint (RS256, x5t); no roles claim without Graph app roles", async () => {
        const c = claimsOf(await tokenFor(emu, tenantId, m365.clientId, { certificate: certs[0], thumbprint: "sha1" }));
        assert.equal(c.aud, "https://graph.microsoft.com");
        assert.equal("roles" in c, false);
        assert.equal((c.wids as string[]).length, 3);
    });

    it("finds the tenant by verified domain, in any case", async () => {
        const c = claimsOf(await tokenFor(emu, "Fabrikam.COM", snow.clientId, { secret: snow.secret }));
        assert.equal(c.tid, tenantId);
    });

    it("signs tokens with the key its JWKS publishes (kid = x5t)", async () => {
        const token = await tokenFor(emu, tenantId, snow.clientId, { secret: snow.secret });
        const config = await call(`${emu.url}/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
        assert.equal(config.status, 200);
        assert.equal(config.body.issuer, `${emu.url}/${tenantId}/v2.0`);
        assert.equal(config.body.token_endpoint, tokenUrl);
        const keys = await call(config.body.jwks_uri as string);
        const [h, p, s] = token.split(".");
        const header = JSON.parse(Buffer.from(h, "base64url").toString());
        const jwk = keys.body.keys.find((k: { kid: string }) => k.kid === header.kid);
        assert.ok(jwk, "kid found in JWKS");
        assert.equal(header.alg, "RS256");
        assert.equal(header.x5t, header.kid);
        assert.ok(verify("sha256", Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(s, "base64url")));
    });

    describe("rejections, in Entra's shape", () => {
        it("90002 invalid_request (400) for an unknown tenant; correlation_id echoes client-request-id", async () => {
            const missing = randomUUID();
            const corr = randomUUID();
            const r = await call(`${emu.url}/${missing}/oauth2/v2.0/token?client-request-id=${corr}`, { form: { grant_type: "client_credentials", client_id: snow.clientId, client_secret: snow.secret, scope: GRAPH_SCOPE } });
            assert.equal(r.status, 400);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_request", codes: [90002] });
            assert.match(r.body.error_description, new RegExp(`^AADSTS90002: Tenant '${missing}' not found\\..*\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: ${corr}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`, "s"));
            assert.equal(r.body.correlation_id, corr);
            assert.equal(r.body.error_uri, "https://login.microsoftonline.com/error?code=90002");
        });

        it("90002 invalid_tenant from the OpenID configuration of an unknown tenant", async () => {
            const r = await call(`${emu.url}/nowhere.example/v2.0/.well-known/openid-configuration`);
            assert.equal(r.status, 400);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_tenant", codes: [90002] });
        });

        it("700016 unauthorized_client (400) for an app that is not in the tenant", async () => {
            for (const [tenant, client] of [[tenantId, randomUUID()], [otherTenantId, snow.clientId]]) {
                const r = await tokenRequest(emu, tenant, { client_id: client, client_secret: snow.secret, scope: GRAPH_SCOPE });
                assert.equal(r.status, 400);
                assert.deepEqual(errorCodes(r.body), { error: "unauthorized_client", codes: [700016] });
                assert.match(r.body.error_description, new RegExp(`^AADSTS700016: Application with identifier '${client}' was not found in the directory`));
            }
        });

        it("7000112 unauthorized_client (400) for a disabled service principal, secret or certificate; enabled again, tokens are issued", async () => {
            const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
            const directory = emu.directory;
            directory.setServicePrincipalEnabled(tenantId, c.clientId, false);
            const r = await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE });
            assert.equal(r.status, 400);
            assert.deepEqual(errorCodes(r.body), { error: "unauthorized_client", codes: [7000112] });
            assert.match(r.body.error_description, new RegExp(`^AADSTS7000112: Application '${c.clientId}'\\(Snow Atlas[^)]*\\) is disabled\\.\\r\\n`));
            directory.setServicePrincipalEnabled(tenantId, m365.clientId, false);
            try {
                const err = await msalApp(emu, tenantId, m365.clientId, { certificate: certs[0], thumbprint: "sha256" }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }).then(
                    () => assert.fail("expected a rejection"),
                    (e: unknown) => e as ServerError,
                );
                assert.deepEqual([err.errorCode, String(err.errorNo)], ["unauthorized_client", "7000112"]);
            } finally {
                directory.setServicePrincipalEnabled(tenantId, m365.clientId, true);
            }
            directory.setServicePrincipalEnabled(tenantId, c.clientId, true);
            assert.equal((await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE })).status, 200);
        });

        it("7000215 invalid_client (401) for a wrong secret, as msal-node's ServerError", async () => {
            const err = await msalApp(emu, tenantId, snow.clientId, { secret: "wrong" }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }).then(
                () => assert.fail("expected a rejection"),
                (e: unknown) => e,
            );
            assert.ok(err instanceof ServerError);
            assert.equal(err.errorCode, "invalid_client");
            assert.equal(String(err.errorNo), "7000215");
            assert.equal(err.status, 401);
        });

        it("7000222 invalid_client (401) for an expired secret", async () => {
            const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
            emu.directory.removeCredentials(tenantId, c.clientId);
            emu.directory.addCredential(tenantId, c.clientId, { kind: "secret", secret: "old-secret", endDateTime: new Date(Date.now() - 86_400_000).toISOString() });
            const r = await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: "old-secret", scope: GRAPH_SCOPE });
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [7000222] });
        });

        it("7000215 for a secret whose startDateTime is still ahead (no code documented for a secret not valid yet: it does not match)", async () => {
            const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
            const g = await tokenFor(emu, tenantId, admin.clientId, { secret: admin.secret });
            const addPassword = (passwordCredential: Record<string, string>) =>
                call(`${emu.url}/v1.0/applications/${c.applicationObjectId}/addPassword`, { token: g, body: { passwordCredential } });
            const later = await addPassword({ displayName: "later", startDateTime: new Date(Date.now() + DAY).toISOString() });
            assert.equal(later.status, 200);
            const r = await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: later.body.secretText, scope: GRAPH_SCOPE });
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [7000215] });
            const started = await addPassword({ displayName: "now" });
            assert.equal((await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: started.body.secretText, scope: GRAPH_SCOPE })).status, 200);
        });

        it("accepts the secret in HTTP Basic", async () => {
            const basic = Buffer.from(`${encodeURIComponent(snow.clientId)}:${encodeURIComponent(snow.secret)}`).toString("base64");
            const r = await tokenRequest(emu, tenantId, { scope: GRAPH_SCOPE }, { Authorization: `Basic ${basic}` });
            assert.equal(r.status, 200);
        });

        it("700027 invalid_client (401) for a certificate the app does not have", async () => {
            const err = await msalApp(emu, tenantId, m365.clientId, { certificate: certs[1], thumbprint: "sha256" }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }).then(
                () => assert.fail("expected a rejection"),
                (e: unknown) => e as ServerError,
            );
            assert.equal(String(err.errorNo), "700027");
            assert.equal(err.status, 401);
            assert.match(err.errorMessage, /Reason - The key was not found\./);
        });

        it("700027 'The key used is expired.' for a registered certificate past its endDateTime", async () => {
            const expired = await createSelfSignedCertificate({ commonName: "expired", notBefore: new Date(Date.now() - 3 * DAY), notAfter: new Date(Date.now() - DAY) });
            const c = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "activeroles-azuread" }), credential: { kind: "certificate", certificatePem: expired.certificatePem } });
            const err = await msalApp(emu, tenantId, c.clientId, { certificate: expired, thumbprint: "sha256" }).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }).then(
                () => assert.fail("expected a rejection"),
                (e: unknown) => e as ServerError,
            );
            assert.equal(err.errorCode, "invalid_client");
            assert.equal(String(err.errorNo), "700027");
            assert.equal(err.status, 401);
            const thumbprint = createHash("sha256").update(new X509Certificate(expired.certificatePem).raw).digest("hex").toUpperCase();
            assert.match(err.errorMessage, new RegExp(`Reason - The key used is expired\\., Thumbprint of key used by client: '${thumbprint}'`));
        });

        it("700027 'The key was not found.' for a registered certificate whose startDateTime is still ahead", async () => {
            const future = await createSelfSignedCertificate({ commonName: "not yet valid", notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 30 * DAY) });
            const c = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "activeroles-azuread" }), credential: { kind: "certificate", certificatePem: future.certificatePem } });
            const a = assertion(future, { aud: tokenUrl, iss: c.clientId, sub: c.clientId, jti: randomUUID(), nbf: now(), exp: now() + 600 });
            const r = await tokenRequest(emu, tenantId, { client_id: c.clientId, scope: GRAPH_SCOPE, client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: a });
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [700027] });
            assert.match(r.body.error_description, /Reason - The key was not found\./);
        });

        const form = (a: string) => ({ client_id: m365.clientId, scope: GRAPH_SCOPE, client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: a });
        const claims = (over: Record<string, unknown> = {}) => ({ aud: tokenUrl, iss: m365.clientId, sub: m365.clientId, jti: randomUUID(), nbf: now(), exp: now() + 600, ...over });

        it("700027 for a signature that does not verify with the registered certificate", async () => {
            const r = await tokenRequest(emu, tenantId, form(assertion(certs[0], claims(), { signWith: certs[1].privateKeyPem })));
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [700027] });
            assert.match(r.body.error_description, /did not match the expected signature value/);
        });

        it("50012 for an assertion whose aud is not the token endpoint", async () => {
            const r = await tokenRequest(emu, tenantId, form(assertion(certs[0], claims({ aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token" }))));
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [50012] });
        });

        it("700024 for an expired assertion", async () => {
            const r = await tokenRequest(emu, tenantId, form(assertion(certs[0], claims({ nbf: now() - 1200, exp: now() - 600 }))));
            assert.equal(r.status, 401);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [700024] });
        });

        it("50027 when iss/sub are not the client ID, or no thumbprint header is sent", async () => {
            const r = await tokenRequest(emu, tenantId, form(assertion(certs[0], claims({ iss: randomUUID() }))));
            assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [50027] });
            const noThumb = `${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims())}.c2ln`;
            assert.deepEqual(errorCodes((await tokenRequest(emu, tenantId, form(noThumb))).body), { error: "invalid_client", codes: [50027] });
        });

        it("50027 for an assertion without one of the claims certificate-credentials.md requires: jti, nbf, exp", async () => {
            for (const claim of ["jti", "nbf", "exp"] as const) {
                const { [claim]: _left, ...rest } = claims();
                const r = await tokenRequest(emu, tenantId, form(assertion(certs[0], rest)));
                assert.equal(r.status, 401, claim);
                assert.deepEqual(errorCodes(r.body), { error: "invalid_client", codes: [50027] }, claim);
                assert.match(r.body.error_description, new RegExp(`^AADSTS50027: Invalid JWT token\\. The client assertion has no '${claim}' claim\\.`), claim);
            }
            const { iat: _iat, ...noIat } = { ...claims(), iat: now() };
            assert.equal((await tokenRequest(emu, tenantId, form(assertion(certs[0], noIat)))).status, 200, "iat is optional");
        });

        it("accepts RS256 + x5t and the same assertion (same jti) twice", async () => {
            const a = assertion(certs[0], claims(), { alg: "RS256" });
            assert.equal((await tokenRequest(emu, tenantId, form(a))).status, 200);
            assert.equal((await tokenRequest(emu, tenantId, form(a))).status, 200);
        });

        it("70011 invalid_scope (400) unless the scope is exactly one <resource>/.default", async () => {
            for (const scope of ["User.Read", `${GRAPH_SCOPE} ${EXO_SCOPE}`, "https://graph.microsoft.com/User.Read"]) {
                const r = await tokenRequest(emu, tenantId, { client_id: snow.clientId, client_secret: snow.secret, scope });
                assert.equal(r.status, 400, scope);
                assert.deepEqual(errorCodes(r.body), { error: "invalid_scope", codes: [70011] });
            }
        });

        it("500011 invalid_resource (400) for a resource unknown in the tenant; an app-ID scope works", async () => {
            const r = await tokenRequest(emu, tenantId, { client_id: snow.clientId, client_secret: snow.secret, scope: "https://management.azure.com/.default" });
            assert.equal(r.status, 400);
            assert.deepEqual(errorCodes(r.body), { error: "invalid_resource", codes: [500011] });
            assert.match(r.body.error_description, /^AADSTS500011: The resource principal named https:\/\/management\.azure\.com was not found in the tenant named Fabrikam\./);
            const byId = await tokenRequest(emu, tenantId, { client_id: snow.clientId, client_secret: snow.secret, scope: `${ResourceApps["Microsoft Graph"]}/.default` });
            assert.equal(byId.status, 200);
            assert.equal(claimsOf(byId.body.access_token).aud, ResourceApps["Microsoft Graph"]);
        });

        it("900144 invalid_request (400) without scope; 7000218 invalid_client (401) without a credential", async () => {
            const noScope = await tokenRequest(emu, tenantId, { client_id: snow.clientId, client_secret: snow.secret });
            assert.equal(noScope.status, 400);
            assert.deepEqual(errorCodes(noScope.body), { error: "invalid_request", codes: [900144] });
            const noCred = await tokenRequest(emu, tenantId, { client_id: snow.clientId, scope: GRAPH_SCOPE });
            assert.equal(noCred.status, 401);
            assert.deepEqual(errorCodes(noCred.body), { error: "invalid_client", codes: [7000218] });
        });
    });

    describe("verifyClientAssertion: which registered keys count", () => {
        const appWith = (usage: "Verify" | "Sign") => {
            const app = newApplication({ displayName: "unit" });
            return { ...app, keyCredentials: [{ ...keyCredentialFromPem(certs[0].certificatePem), usage }] };
        };
        const signed = (clientId: string) => assertion(certs[0], { aud: tokenUrl, iss: clientId, sub: clientId, jti: randomUUID(), nbf: now(), exp: now() + 600 });

        it("a key with usage Verify verifies the assertion", () => {
            const app = appWith("Verify");
            assert.deepEqual(verifyClientAssertion(signed(app.appId), app, app.appId, [tokenUrl]), { ok: true });
        });

        it("a key with another usage (Sign) is not a sign-in credential: 700027 key not found", () => {
            const app = appWith("Sign");
            const r = verifyClientAssertion(signed(app.appId), app, app.appId, [tokenUrl]);
            assert.equal(r.ok, false);
            assert.equal(!r.ok && r.error, "assertionKeyNotFound");
        });
    });
});
