import { strict as assert } from "node:assert";
import { generateKeyPairSync, createPrivateKey } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ConfigError, parseCertificatePem } from "../../catalog";
import { parseStackConfig, type RawStackConfig } from "../../program/config";
import { rsaKeyPem, selfSigned } from "../resources/fixtures";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const NOW = new Date("2026-03-01T00:00:00Z");
const KEYS = "name, profile, base, mode, appRoles, delegatedScopes, directoryRoles, displayName, owners, credential, existingApplication";
const CREDENTIAL_KEYS = "validityMonths, renewBeforeDays, pem, keyPem, pfxPassword, pfxEncryption, certificateSlots, switchOverDays, switchedTo, nextPem, nextKeyPem, secretLifetimeDays, rotationDays, secretSlots, type";
const GUID_HINT = "must be a GUID like 00000000-0000-0000-0000-000000000000";
const stack = (...connectors: unknown[]): RawStackConfig => ({ tenantId: TENANT, connectors });
const ars = (extra: object = {}) => ({ name: "ars", profile: "activeroles-m365", ...extra });

describe("parseStackConfig", () => {
    let certs: Record<"good" | "expired" | "future" | "long" | "other", { certPem: string; keyPem: string }>;
    let ecKeyPem: string;
    before(async () => {
        const day = 86_400_000;
        const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        ecKeyPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        certs = {
            good: await selfSigned({ notBefore: new Date(NOW.getTime() - day), notAfter: new Date(NOW.getTime() + 300 * day) }),
            expired: await selfSigned({ notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2026-01-01T00:00:00Z") }),
            future: await selfSigned({ notBefore: new Date("2026-04-01T00:00:00Z"), notAfter: new Date("2026-10-01T00:00:00Z") }),
            long: await selfSigned({ notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2028-01-01T00:00:00Z") }),
            other: { ...(await selfSigned({ keyPem: otherKey })), keyPem: rsaKeyPem() },
        };
    });
    const tp = (c: { certPem: string }) => parseCertificatePem(c.certPem).thumbprintSha1;

    it("accepts a stack with all profiles and normalizes it", () => {
        const config = parseStackConfig(
            { tenantId: TENANT.toUpperCase(), environment: "Azure GCC-H", connectors: [ars(), { name: "snow", profile: "snow-atlas-m365", displayName: "Snow" }, { name: "c", profile: "custom", base: "activeroles-azuread", credential: { type: "secret" } }] },
            NOW,
        );
        assert.equal(config.tenantId, TENANT);
        assert.equal(config.cloud.name, "AzureGCCHigh");
        assert.deepEqual(config.connectors.map((c) => [c.name, c.displayName, c.profile.name, c.credentialType]), [
            ["ars", "ars", "activeroles-m365", "certificate"],
            ["snow", "Snow", "snow-atlas-m365", "secret"],
            ["c", "c", "custom", "secret"],
        ]);
        assert.equal(parseStackConfig(stack(ars()), NOW).cloud.name, "AzureCloud", "environment defaults to AzureCloud");
    });

    it("accepts a provided certificate and an adopted application", () => {
        const existingApplication = { objectId: "11111111-1111-4111-8111-111111111111", clientId: "22222222-2222-4222-8222-222222222222" };
        const config = parseStackConfig(stack(ars({ credential: { pem: certs.good.certPem, keyPem: certs.good.keyPem }, existingApplication })), NOW);
        assert.deepEqual(config.connectors[0].existingApplication, { ...existingApplication, servicePrincipalObjectId: undefined, createServicePrincipal: false, manage: "grants-and-credential" });
    });

    it("accepts owners of a created application (object IDs, lower case, deduplicated) and refuses them on an adopted one", () => {
        const owner = "6F1B2C3D-1111-4222-8333-444455556666";
        assert.deepEqual(parseStackConfig(stack(ars({ owners: [owner, owner.toLowerCase()] })), NOW).connectors[0].owners, [owner.toLowerCase()]);
        assert.throws(() => parseStackConfig(stack(ars({ owners: ["me"] })), NOW), /^ConfigError: m365-connectors:connectors\[0\]\.owners\[0\]: /);
        assert.throws(() => parseStackConfig(stack(ars({ owners: [] })), NOW), /owners: must be a non-empty list of object IDs/);
        const adopted = ars({ owners: [owner], existingApplication: { objectId: "11111111-1111-4111-8111-111111111111", clientId: "22222222-2222-4222-8222-222222222222" } });
        assert.throws(() => parseStackConfig(stack(adopted), NOW), /owners: applies to applications this stack creates; an adopted application keeps its owners/);
    });

    it("accepts Pulumi.example.yaml", () => {
        const file = parse(fs.readFileSync(path.resolve(__dirname, "../../Pulumi.example.yaml"), "utf8")) as { config: Record<string, unknown> };
        const c = file.config;
        const config = parseStackConfig({ tenantId: c["m365-connectors:tenantId"], environment: c["m365-connectors:environment"], connectors: c["m365-connectors:connectors"] }, NOW);
        assert.deepEqual(config.connectors.map((x) => x.profile.name).sort(), ["activeroles-azuread", "activeroles-m365", "custom", "snow-atlas-m365"]);
    });

    // [case, raw config (a function when it needs the certificates), exact message]
    const bad: [string, RawStackConfig | (() => RawStackConfig), string | RegExp | (() => string)][] = [
        ["missing tenant", { connectors: [ars()] }, "m365-connectors:tenantId: is required. Run `pulumi config set tenantId <Directory (tenant) ID>`"],
        ["malformed tenant", { tenantId: "contoso.onmicrosoft.com", connectors: [ars()] }, `m365-connectors:tenantId: ${GUID_HINT}, got "contoso.onmicrosoft.com". Copy the Directory (tenant) ID from the Azure portal (Microsoft Entra ID > Overview)`],
        ["unknown environment", { tenantId: TENANT, environment: "AzureGermany", connectors: [ars()] }, `m365-connectors:environment: unknown environment "AzureGermany". Use a cloud name or its Active Roles label: AzureCloud ("Azure Cloud"), AzureGCC ("Azure GCC"), AzureGCCHigh ("Azure GCC-H"), AzureDoD ("Azure DoD"), AzureChina ("Azure China (21Vianet)")`],
        ["missing connectors", { tenantId: TENANT }, "m365-connectors:connectors: is required. Add at least one connector, e.g. `- { name: sync-m365, profile: activeroles-m365 }` (see Pulumi.example.yaml)"],
        ["empty connector list", stack(), "m365-connectors:connectors: must be a non-empty list of connectors. Add at least one connector, e.g. `- { name: sync-m365, profile: activeroles-m365 }` (see Pulumi.example.yaml)"],
        ["connector not an object", stack("ars"), `m365-connectors:connectors[0]: must be an object, got "ars". Write it as a YAML mapping with keys among: ${KEYS}`],
        ["misspelt key", stack(ars(), { name: "x", profiel: "custom" }), `m365-connectors:connectors[1].profiel: is not a known setting. Use one of: ${KEYS}`],
        ["bad name", stack(ars({ name: "my connector" })), `m365-connectors:connectors[0].name: must be 1–40 letters, digits or dashes, starting and ending with a letter or digit, got "my connector". Name the connector like a resource, e.g. sync-m365`],
        ["duplicate names", stack(ars(), ars({ name: "ARS", displayName: "other" })), `m365-connectors:connectors[1].name: "ARS" is already used by connectors[0]. Give every connector its own name`],
        ["duplicate display names", stack(ars({ displayName: "Sync" }), ars({ name: "b", displayName: "sync" })), `m365-connectors:connectors[1].displayName: "sync" is already used by connectors[0]. Give every connector its own displayName`],
        ["unknown profile", stack(ars(), { name: "b", profile: "snow" }), "m365-connectors:connectors[1].profile: unknown profile \"snow\". Use one of: activeroles-m365, activeroles-azuread, snow-atlas-m365, custom"],
        ["unknown permission", stack(ars({ appRoles: ["User.ReadAll", "Exchange Online/Exchange.ManageAsApp"] })), `m365-connectors:connectors[0].appRoles: unknown application permission "User.ReadAll", "Exchange Online/Exchange.ManageAsApp". Use a name from the catalog (catalog/ids.ts), written "Permission.Value" for Microsoft Graph or "Resource App/Permission.Value"`],
        ["delegated name as app role", stack(ars({ appRoles: ["offline_access"] })), `m365-connectors:connectors[0].appRoles: unknown application permission "offline_access". Use a name from the catalog (catalog/ids.ts), written "Permission.Value" for Microsoft Graph or "Resource App/Permission.Value"`],
        ["unknown role", stack(ars({ directoryRoles: ["Directory Writer"] })), /^m365-connectors:connectors\[0\]\.directoryRoles: unknown directory role "Directory Writer"\. Use a built-in role's display name: Directory Writers, /],
        ["permissions not a list", stack(ars({ appRoles: "User.Read.All" })), `m365-connectors:connectors[0].appRoles: must be a list of names, got "User.Read.All". Write a YAML list, e.g. ["User.Read.All"]`],
        ["base on a fixed profile", stack(ars({ base: "snow-atlas-m365" })), `m365-connectors:connectors[0].base: only the "custom" profile takes a base or mode "replace". Set profile: custom to change what "activeroles-m365" asks for`],
        ["empty custom", stack({ name: "c", profile: "custom" }), "m365-connectors:connectors[0].profile: a custom profile needs a base or at least one permission or role. Add appRoles, delegatedScopes or directoryRoles, or set base"],
        ["credential type for the profile", stack(ars({ credential: { type: "secret" } })), "m365-connectors:connectors[0].credential.type: the activeroles-m365 connector signs in with a certificate, not a secret. Remove credential.type, or use profile: custom with base: activeroles-m365"],
        ["unknown credential type", stack({ name: "c", profile: "custom", base: "activeroles-m365", credential: { type: "password" } }), `m365-connectors:connectors[0].credential.type: must be one of "certificate", "secret", got "password". Use one of the listed values`],
        ["misspelt credential key", stack(ars({ credential: { validityMonth: 6 } })), `m365-connectors:connectors[0].credential.validityMonth: is not a known setting. Use one of: ${CREDENTIAL_KEYS}`],
        ["validity over 12 months", stack(ars({ credential: { validityMonths: 24 } })), "m365-connectors:connectors[0].credential.validityMonths: must be a whole number from 1 to 12, got 24 (Entra accepts certificate credentials for at most one year). Set a value from 1 to 12"],
        ["validity as text", stack(ars({ credential: { validityMonths: "12" } })), `m365-connectors:connectors[0].credential.validityMonths: must be a whole number from 1 to 12, got "12" (Entra accepts certificate credentials for at most one year). Set a value from 1 to 12`],
        ["secret setting on a certificate", stack(ars({ credential: { rotationDays: 30 } })), "m365-connectors:connectors[0].credential.rotationDays: applies to client secrets, but credential.type is certificate. Remove rotationDays or change credential.type"],
        ["secret outlives no rotation", stack({ name: "s", profile: "snow-atlas-m365", credential: { rotationDays: 90, secretSlots: 2 } }), "m365-connectors:connectors[0].credential.secretLifetimeDays: must be longer than rotationDays × secretSlots (90 × 2 = 180) so every secret outlives its turn. Raise secretLifetimeDays or lower rotationDays"],
        ["three secret slots", stack({ name: "s", profile: "snow-atlas-m365", credential: { secretSlots: 3 } }), "m365-connectors:connectors[0].credential.secretSlots: must be one of 1, 2, got 3. Use one of the listed values"],
        ["short PFX password", stack(ars({ credential: { pfxPassword: "1234" } })), "m365-connectors:connectors[0].credential.pfxPassword: must be a string of at least 8 characters. Set it with `pulumi config set --secret --path`, or leave it out to derive one"],
        ["certificate without key", () => stack(ars({ credential: { pem: certs.good.certPem } })), "m365-connectors:connectors[0].credential.keyPem: is required when providing a certificate: give both pem and keyPem. Add the missing PEM, or remove both to generate a certificate"],
        ["not a PEM", stack(ars({ credential: { pem: "MIIC...", keyPem: "x" } })), "m365-connectors:connectors[0].credential.pem: is not a PEM certificate (no -----BEGIN CERTIFICATE----- block). Provide the certificate in PEM form; convert a .cer/.crt with `openssl x509 -inform der -in cert.cer -out cert.pem`"],
        ["key of another certificate", () => stack(ars({ credential: { pem: certs.other.certPem, keyPem: certs.other.keyPem } })), () => `m365-connectors:connectors[0].credential.keyPem: does not belong to the certificate ${tp(certs.other)}. Provide the private key that was generated with this certificate`],
        ["EC key", () => stack(ars({ credential: { pem: certs.good.certPem, keyPem: ecKeyPem } })), "m365-connectors:connectors[0].credential.keyPem: is a key of type ec; Entra certificate credentials need RSA. Issue an RSA (2048-bit or larger) certificate"],
        ["encrypted key", () => stack(ars({ credential: { pem: certs.good.certPem, keyPem: createPrivateKey(rsaKeyPem()).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }) } })), "m365-connectors:connectors[0].credential.keyPem: is an encrypted private key. Decrypt it first (`openssl pkey -in key.pem -out plain.pem`) and keep the result as a Pulumi secret"],
        ["expired certificate", () => stack(ars({ credential: { pem: certs.expired.certPem, keyPem: certs.expired.keyPem } })), () => `m365-connectors:connectors[0].credential.pem: certificate ${tp(certs.expired)} expired on 2026-01-01T00:00:00.000Z. Issue a new certificate, or remove pem/keyPem to generate one`],
        ["not yet valid certificate", () => stack(ars({ credential: { pem: certs.future.certPem, keyPem: certs.future.keyPem } })), () => `m365-connectors:connectors[0].credential.pem: certificate ${tp(certs.future)} is not valid before 2026-04-01T00:00:00.000Z. Wait until it is valid, or fix the issuing machine's clock`],
        ["certificate valid too long", () => stack(ars({ credential: { pem: certs.long.certPem, keyPem: certs.long.keyPem } })), () => `m365-connectors:connectors[0].credential.pem: certificate ${tp(certs.long)} is valid from 2026-01-01T00:00:00.000Z to 2028-01-01T00:00:00.000Z, longer than validityMonths (12). Issue a certificate valid for at most 12 months, or raise validityMonths (maximum 12)`],
        ["bad existing client ID", stack(ars({ existingApplication: { objectId: "11111111-1111-4111-8111-111111111111", clientId: "my-app" } })), `m365-connectors:connectors[0].existingApplication.clientId: ${GUID_HINT}, got "my-app". Copy the Application (client) ID from the Azure portal (App registrations > your app > Overview)`],
        ["unknown manage mode", stack(ars({ existingApplication: { objectId: "11111111-1111-4111-8111-111111111111", clientId: "22222222-2222-4222-8222-222222222222", manage: "frobnicate" } })), `m365-connectors:connectors[0].existingApplication.manage: must be one of "grants-and-credential", "verify-only", got "frobnicate". Use grants-and-credential to manage the grants of an existing app, verify-only to only prove its connection`],
        ["verify-only with an object ID", stack(ars({ existingApplication: { objectId: "11111111-1111-4111-8111-111111111111", clientId: "22222222-2222-4222-8222-222222222222", manage: "verify-only" } })), /^m365-connectors:connectors\[0\]\.existingApplication\.objectId: is not a known setting/],
        ["verify-only without a credential", stack(ars({ existingApplication: { clientId: "22222222-2222-4222-8222-222222222222", manage: "verify-only" } })), /^m365-connectors:connectors\[0\]\.credential: is required in verify-only mode\./],
        ["verify-only with the wrong credential kind", stack(ars({ existingApplication: { clientId: "22222222-2222-4222-8222-222222222222", manage: "verify-only" }, credential: { clientSecret: "s3cret-value" } })), /^m365-connectors:connectors\[0\]\.credential: activeroles-m365 connectors sign in with a certificate, not a secret\./],
        ["verify-only with an expired certificate", () => stack(ars({ existingApplication: { clientId: "22222222-2222-4222-8222-222222222222", manage: "verify-only" }, credential: { pem: certs.expired.certPem, keyPem: certs.expired.keyPem } })), /^m365-connectors:connectors\[0\]\.credential\.pem: the certificate expired on 2026-01-01/],
        ["verify-only with an empty secret", stack({ name: "snow", profile: "snow-atlas-m365", existingApplication: { clientId: "22222222-2222-4222-8222-222222222222", manage: "verify-only" }, credential: { clientSecret: " " } }), /^m365-connectors:connectors\[0\]\.credential\.clientSecret: must be a non-empty string\./],
        ["endpointOverride that is not https", { ...stack(ars()), endpointOverride: "http://127.0.0.1:8443" }, /^m365-connectors:endpointOverride: must be an https base URL without a path/],
    ];
    for (const [what, raw, message] of bad) {
        it(`rejects: ${what}`, () => {
            const want = typeof message === "function" ? message() : message;
            assert.throws(
                () => parseStackConfig(typeof raw === "function" ? raw() : raw, NOW),
                (e: Error) => {
                    assert.ok(e instanceof ConfigError, `a ConfigError, got ${e.name}`);
                    if (want instanceof RegExp) assert.match(e.message, want);
                    else assert.equal(e.message, want);
                    return true;
                },
            );
        });
    }

    it("never puts key material in an error message", () => {
        const keyBody = certs.other.keyPem.split("\n")[1];
        try {
            parseStackConfig(stack(ars({ credential: { pem: certs.other.certPem, keyPem: certs.other.keyPem } })), NOW);
            assert.fail("should throw");
        } catch (e) {
            assert.ok(!(e as Error).message.includes(keyBody));
        }
    });
});
