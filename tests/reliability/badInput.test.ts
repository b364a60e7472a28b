/**
 * Bad-input matrix: the consolidated contract for what a user can get wrong, in the stack config
 * (`parseStackConfig`) and in the connection resource's inputs (`check`, providers/connection/
 * validate.ts). Every row names the property that must be blamed and what the reason must say.
 * Rows already pinned word for word in tests/program/config.test.ts and
 * tests/provider/validate.test.ts are not repeated; these are the others.
 */
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { ConfigError } from "../../catalog";
import { parseStackConfig, type RawStackConfig } from "../../program/config";
import { UNKNOWN } from "../../providers/connection/types";
import { validateInputs } from "../../providers/connection/validate";
import { certificate } from "../probe/fixtures";
import { captureDuring, record, registerSecrets } from "./capture";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const NOW = new Date("2026-03-01T00:00:00Z");
const SECRET = "Bi9~bad-input-matrix-secret";
const NS = "m365-connectors:";
const OBJ = "11111111-1111-4111-8111-111111111111";
const APP = "22222222-2222-4222-8222-222222222222";
const stack = (...connectors: unknown[]): RawStackConfig => ({ tenantId: TENANT, connectors });
const ars = (extra: object = {}) => ({ name: "ars", profile: "activeroles-m365", ...extra });
const snow = (extra: object = {}) => ({ name: "snow", profile: "snow-atlas-m365", ...extra });

describe("reliability: bad-input matrix", () => {
    captureDuring();
    before(() => registerSecrets(SECRET));

    describe("stack config (parseStackConfig): the key path and a reason with the remedy", () => {
        // [case, raw config, property (without the namespace), reason]
        const rows: [string, RawStackConfig, string, RegExp][] = [
            ["tenant ID as a number", { tenantId: 42, connectors: [ars()] }, "tenantId", /must be a GUID .*got number.*Directory \(tenant\) ID/],
            ["environment as a number", { tenantId: TENANT, environment: 5, connectors: [ars()] }, "environment", /unknown environment 5\. Use a cloud name or its Active Roles label: AzureCloud/],
            ["connectors as a mapping, not a list", { tenantId: TENANT, connectors: { ars: ars() } }, "connectors", /must be a non-empty list of connectors\. Add at least one connector/],
            ["connector without a name", stack({ profile: "activeroles-m365" }), "connectors[0].name", /must be 1–40 letters, digits or dashes.*got undefined.*e\.g\. sync-m365/],
            ["name of 41 characters", stack(ars({ name: "a".repeat(41) })), "connectors[0].name", /must be 1–40 letters/],
            ["name starting with a dash", stack(ars({ name: "-ars" })), "connectors[0].name", /starting and ending with a letter or digit, got "-ars"/],
            ["empty display name", stack(ars({ displayName: "" })), "connectors[0].displayName", /must be a non-empty string of at most 120 characters/],
            ["display name of 121 characters", stack(ars({ displayName: "d".repeat(121) })), "connectors[0].displayName", /at most 120 characters/],
            ["mode replace on a fixed profile", stack(ars({ mode: "replace" })), "connectors[0].mode", /only the "custom" profile takes a base or mode "replace"\. Set profile: custom/],
            ["unknown mode", stack({ name: "c", profile: "custom", base: "activeroles-m365", mode: "merge" }), "connectors[0].mode", /unknown mode "merge"\. Use "add" or "replace"/],
            ["custom as its own base", stack({ name: "c", profile: "custom", base: "custom" }), "connectors[0].base", /"custom" cannot be its own base\. Name a concrete profile/],
            ["delegated scopes not a list", stack(ars({ delegatedScopes: "User.Read" })), "connectors[0].delegatedScopes", /must be a list of names.*Write a YAML list/],
            ["unknown delegated scope", stack(ars({ delegatedScopes: ["User.Reed"] })), "connectors[0].delegatedScopes", /unknown delegated permission "User\.Reed"\. Use a name from the catalog/],
            ["credential not a mapping", stack(ars({ credential: "cert" })), "connectors[0].credential", /must be an object, got "cert"\. Write it as a YAML mapping with keys among: validityMonths/],
            ["secret lifetime of 0 days", stack(snow({ credential: { secretLifetimeDays: 0 } })), "connectors[0].credential.secretLifetimeDays", /must be a whole number from 1 to 730, got 0/],
            ["renew 400 days before expiry", stack(ars({ credential: { renewBeforeDays: 400 } })), "connectors[0].credential.renewBeforeDays", /must be a whole number from 0 to 90, got 400/],
            ["renewal window as long as the validity", stack(ars({ credential: { validityMonths: 1, renewBeforeDays: 31 } })), "connectors[0].credential.renewBeforeDays", /31 days is not shorter than the certificate's validity \(1 month = 30\.4166\d* days\), so every `pulumi up` would issue a new certificate.*Lower renewBeforeDays or raise validityMonths/],
            ["unknown PFX encryption", stack(ars({ credential: { pfxEncryption: "rc2" } })), "connectors[0].credential.pfxEncryption", /must be one of "aes256", "3des", got "rc2"/],
            ["certificate PEM for a secret profile", stack(snow({ credential: { pem: "x" } })), "connectors[0].credential.pem", /applies to certificates, but credential\.type is secret\. Remove pem/],
            ["adopted app with a malformed object ID", stack(ars({ existingApplication: { objectId: "x", clientId: APP } })), "connectors[0].existingApplication.objectId", /must be a GUID .*got "x"\. Copy the Object ID/],
            ["adopted app with an unknown key", stack(ars({ existingApplication: { objectId: OBJ, clientId: APP, appId: "x" } })), "connectors[0].existingApplication.appId", /is not a known setting\. Use one of: objectId, clientId/],
            ["the same app adopted twice", stack(ars({ existingApplication: { objectId: OBJ, clientId: APP } }), ars({ name: "b", displayName: "b", existingApplication: { objectId: OBJ, clientId: APP } })), "connectors[1].existingApplication.clientId", /is already used by connectors\[0\]\. Give every connector its own existingApplication\.clientId/],
            ["createServicePrincipal with a given service principal", stack(ars({ existingApplication: { objectId: OBJ, clientId: APP, servicePrincipalObjectId: OBJ, createServicePrincipal: true } })), "connectors[0].existingApplication.createServicePrincipal", /cannot be true when servicePrincipalObjectId is given/],
            ["createServicePrincipal as text", stack(ars({ existingApplication: { objectId: OBJ, clientId: APP, createServicePrincipal: "yes" } })), "connectors[0].existingApplication.createServicePrincipal", /must be true or false, got "yes"/],
        ];
        for (const [what, raw, property, reason] of rows) {
            it(`${what} → ${property}`, () => {
                assert.throws(
                    () => parseStackConfig(raw, NOW),
                    (e: Error) => {
                        record(e);
                        assert.ok(e instanceof ConfigError, `a ConfigError, got ${e.name}`);
                        assert.equal(e.property, NS + property);
                        assert.ok(e.message.startsWith(`${NS}${property}: `), e.message);
                        assert.match(e.message, reason);
                        return true;
                    },
                );
            });
        }
    });

    describe("connection resource (check): one failure per property, a reason with the remedy", () => {
        let good: { certificatePem: string; privateKeyPem: string };
        let encryptedKey: string;
        before(async () => {
            good = await certificate(365);
            const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
            encryptedKey = key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
            registerSecrets(good.privateKeyPem, encryptedKey);
        });
        const base = (over: Record<string, unknown> = {}) => ({ tenantId: TENANT, clientId: CLIENT, cloud: "AzureCloud", profile: { profile: "activeroles-m365" }, credential: good, ...over });
        const secret = (over: Record<string, unknown> = {}) => ({ clientSecret: SECRET, ...over });
        const none = { appRoles: [], directoryRoles: [], exchange: false, graphReads: [] };

        // [case, inputs over the good ones (a function when it needs the certificate), property, reason]
        const rows: [string, Record<string, unknown> | (() => Record<string, unknown>), string, RegExp][] = [
            ["no credential", { credential: undefined }, "credential", /is required: \{ certificatePem, privateKeyPem \} or \{ clientSecret/],
            ["credential as a string", { credential: SECRET }, "credential", /is required: \{ certificatePem, privateKeyPem \} or \{ clientSecret/],
            ["empty credential object", { credential: {} }, "credential", /give either certificatePem \+ privateKeyPem, or clientSecret \(exactly one kind\)/],
            ["both profile and expectations", { expectations: none }, "expectations", /give either profile or expectations \(exactly one\)/],
            ["secret expiry not a date", { credential: secret({ secretExpiresAt: "tomorrow" }) }, "credential.secretExpiresAt", /is not an ISO 8601 date \(e\.g\. 2027-01-31T00:00:00Z\)/],
            ["secret expiry as a number", { credential: secret({ secretExpiresAt: 5 }) }, "credential.secretExpiresAt", /is not an ISO 8601 date/],
            ["secret not a string", { credential: { clientSecret: 123 } }, "credential.clientSecret", /paste the client secret's Value/],
            ["private key without its certificate", () => ({ credential: { privateKeyPem: good.privateKeyPem } }), "credential.certificatePem", /is not a PEM certificate.*Provide the certificate in PEM form/],
            ["certificate without its private key", () => ({ credential: { certificatePem: good.certificatePem } }), "credential.privateKeyPem", /is not a PEM private key.*Provide the certificate's unencrypted private key/],
            ["encrypted private key", () => ({ credential: { certificatePem: good.certificatePem, privateKeyPem: encryptedKey } }), "credential.privateKeyPem", /is an encrypted private key\. Decrypt it first/],
            ["tenant ID as a number", { tenantId: 42 }, "tenantId", /must be a GUID .*got number.*Directory \(tenant\) ID/],
            ["tenant ID missing", { tenantId: undefined }, "tenantId", /must be a GUID .*got undefined/],
            ["client ID missing", { clientId: undefined }, "clientId", /must be a GUID .*Application \(client\) ID/],
            ["cloud as a number", { cloud: 42 }, "cloud", /unknown cloud "42"; use AzureCloud, AzureGCC, AzureGCCHigh/],
            ["warnDays as text", { warnDays: "30" }, "warnDays", /must be a number from 0 to 3650/],
            ["warnDays too large", { warnDays: 4000 }, "warnDays", /must be a number from 0 to 3650/],
            ["timeout over an hour", { consistencyTimeoutSeconds: 3601 }, "consistencyTimeoutSeconds", /must be a number from 1 to 3600/],
            ["timeout NaN", { consistencyTimeoutSeconds: NaN }, "consistencyTimeoutSeconds", /must be a number from 1 to 3600/],
            ["endpoint override not a URL", { endpointOverride: "not a url" }, "endpointOverride", /must be the emulator's https base URL, e\.g\. https:\/\/127\.0\.0\.1/],
            ["base on a fixed profile", { profile: { profile: "activeroles-m365", base: "snow-atlas-m365" } }, "profile.base", /only the "custom" profile takes a base.*Set profile: custom/],
            ["empty custom profile", { profile: { profile: "custom" } }, "profile.profile", /a custom profile needs a base or at least one permission or role/],
            ["unknown directory role", { profile: { profile: "custom", directoryRoles: ["Global Admin"] } }, "profile.directoryRoles", /unknown directory role "Global Admin"\. Use a built-in role's display name: Directory Writers/],
            ["unknown delegated scope", { profile: { profile: "custom", delegatedScopes: ["Mail.Sendd"] } }, "profile.delegatedScopes", /unknown delegated permission "Mail\.Sendd"/],
            ["expectations not an object", { profile: undefined, expectations: "x" }, "expectations", /must be an object \{ appRoles, directoryRoles, exchange, graphReads \}/],
        ];
        for (const [what, over, property, reason] of rows) {
            it(`${what} → ${property}`, () => {
                const failures = validateInputs(base(typeof over === "function" ? over() : over), NOW).failures;
                record(failures);
                const mine = failures.filter((f) => f.property === property);
                assert.equal(mine.length, 1, `one failure for ${property}: ${JSON.stringify(failures)}`);
                assert.match(mine[0].reason, reason);
                assert.ok(!mine[0].reason.startsWith(property), "the reason does not repeat the property");
                assert.equal(new Set(failures.map((f) => f.property)).size, failures.length, "one failure per property");
            });
        }

        it("expectations with lists that are not lists → one failure per list", () => {
            const failures = validateInputs(base({ profile: undefined, expectations: { appRoles: "x", directoryRoles: {}, exchange: true, graphReads: null } }), NOW).failures;
            record(failures);
            assert.deepEqual(failures, [
                { property: "expectations.appRoles", reason: "must be an array" },
                { property: "expectations.directoryRoles", reason: "must be an array" },
                { property: "expectations.graphReads", reason: "must be an array" },
            ]);
        });

        it("several bad inputs at once → each named, none hidden by another", () => {
            const failures = validateInputs(base({ tenantId: "contoso", cloud: "Mars", warnDays: -1, endpointOverride: "http://x", credential: secret({ secretExpiresAt: "soon" }) }), NOW).failures;
            record(failures);
            assert.deepEqual(failures.map((f) => f.property).sort(), ["cloud", "credential.secretExpiresAt", "endpointOverride", "tenantId", "warnDays"]);
        });

        it("preview unknowns inside a credential are not judged, known parts still are", () => {
            const failures = validateInputs(base({ credential: { clientSecret: UNKNOWN, secretExpiresAt: "soon" } }), NOW).failures;
            assert.deepEqual(failures.map((f) => f.property), ["credential.secretExpiresAt"]);
        });
    });
});
