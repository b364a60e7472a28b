import { strict as assert } from "node:assert";
import { validateInputs } from "../../providers/connection/validate";
import { UNKNOWN } from "../../providers/connection/types";
import { certificate } from "../probe/fixtures";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE";
type Cred = { certificatePem: string; privateKeyPem: string };

describe("ConnectorConnection check: every input validated, one failure per property", () => {
    let good: Cred;
    let other: Cred;
    let expired: Cred;
    before(async () => {
        [good, other, expired] = await Promise.all([certificate(365), certificate(365), certificate(-1)]);
    });

    const base = (over: Record<string, unknown> = {}) => ({ tenantId: TENANT, clientId: CLIENT, cloud: "AzureCloud", profile: { profile: "activeroles-m365" }, credential: good, ...over });
    const failuresOf = (news: Record<string, unknown>) => validateInputs(news).failures;
    const only = (news: Record<string, unknown>, property: string, reason: RegExp) => {
        const f = failuresOf(news);
        assert.equal(f.length, 1, JSON.stringify(f));
        assert.equal(f[0].property, property);
        assert.match(f[0].reason, reason);
        return f[0];
    };

    it("accepts good inputs and normalizes GUIDs and the cloud label", () => {
        const { inputs, failures } = validateInputs(base({ cloud: "Azure GCC-H" }));
        assert.deepEqual(failures, []);
        assert.equal(inputs.clientId, CLIENT.toLowerCase());
        assert.equal(inputs.cloud, "AzureGCCHigh");
        const named = validateInputs(base({ profile: "activeroles-m365" }));
        assert.deepEqual(named.failures, []);
        assert.deepEqual(named.inputs.profile, { profile: "activeroles-m365" }, "a bare profile name is normalized");
        assert.deepEqual(failuresOf(base({ credential: { clientSecret: "s3cr3t~value", secretExpiresAt: "2099-01-01T00:00:00Z" }, profile: { profile: "snow-atlas-m365" } })), []);
    });

    const matrix: [string, Record<string, unknown>, string, RegExp][] = [
        ["malformed tenant GUID", { tenantId: "contoso.onmicrosoft.com" }, "tenantId", /must be a GUID.*Directory \(tenant\) ID/],
        ["malformed client ID", { clientId: "1234" }, "clientId", /must be a GUID.*Application \(client\) ID/],
        ["unknown cloud", { cloud: "AzureGermany" }, "cloud", /unknown cloud "AzureGermany"/],
        ["unknown profile", { profile: { profile: "sharepoint" } }, "profile.profile", /unknown profile "sharepoint".*activeroles-m365/],
        ["unknown custom permission", { profile: { profile: "custom", appRoles: ["Mail.Bogus"] } }, "profile.appRoles", /unknown application permission "Mail.Bogus"/],
        ["neither profile nor expectations", { profile: undefined }, "profile", /either profile or expectations/],
        ["empty secret", { credential: { clientSecret: "  " } }, "credential.clientSecret", /is empty/],
        ["secret that is not a string", { credential: { clientSecret: 123 } }, "credential.clientSecret", /must be a string, got a number/],
        ["unknown profile given by name", { profile: "sharepoint" }, "profile.profile", /unknown profile "sharepoint"/],
        ["expired secret date", { credential: { clientSecret: "v", secretExpiresAt: "2020-01-01T00:00:00Z" } }, "credential.secretExpiresAt", /expired on 2020-01-01/],
        ["both credential kinds", { credential: { clientSecret: "v", certificatePem: "c" } }, "credential", /exactly one kind/],
        ["non-https override", { endpointOverride: "http://127.0.0.1:1" }, "endpointOverride", /https/],
        ["negative warnDays", { warnDays: -1 }, "warnDays", /from 0 to 3650/],
        ["zero timeout", { consistencyTimeoutSeconds: 0 }, "consistencyTimeoutSeconds", /from 1 to 3600/],
    ];
    for (const [what, over, property, reason] of matrix) {
        it(`refuses ${what} (${property})`, () => void only(base(over), property, reason));
    }

    it("refuses a certificate that is not PEM, a key that does not match it, and an expired certificate", () => {
        only(base({ credential: { certificatePem: "MIIB...", privateKeyPem: good.privateKeyPem } }), "credential.certificatePem", /not a PEM certificate/);
        only(base({ credential: { certificatePem: good.certificatePem, privateKeyPem: other.privateKeyPem } }), "credential.privateKeyPem", /does not belong to the certificate/);
        only(base({ credential: expired }), "credential.certificatePem", /the certificate expired on/);
    });

    it("validates explicit expectations field by field", () => {
        const f = failuresOf(base({ profile: undefined, expectations: { appRoles: [{ resource: "Graph", value: "" }], directoryRoles: [{ name: "X", templateId: "nope" }], exchange: "yes", graphReads: ["mail"] } }));
        assert.deepEqual(f.map((x) => x.property).sort(), [
            "expectations.appRoles[0].resource",
            "expectations.appRoles[0].value",
            "expectations.directoryRoles[0].templateId",
            "expectations.exchange",
            "expectations.graphReads[0]",
        ]);
    });

    it("tolerates Pulumi's preview unknowns anywhere", () => {
        assert.deepEqual(failuresOf(base({ tenantId: UNKNOWN, clientId: UNKNOWN, cloud: UNKNOWN, credential: UNKNOWN, profile: UNKNOWN })), []);
        assert.deepEqual(failuresOf(base({ credential: { certificatePem: UNKNOWN, privateKeyPem: UNKNOWN } })), []);
        assert.deepEqual(failuresOf(base({ profile: { profile: "custom", appRoles: [UNKNOWN] } })), []);
    });

    it("never puts secret material in a reason", () => {
        const secret = "Zz9~super-secret-value";
        const reasons = [
            ...failuresOf(base({ credential: { clientSecret: secret, secretExpiresAt: "garbage" } })),
            ...failuresOf(base({ credential: { certificatePem: good.certificatePem, privateKeyPem: other.privateKeyPem } })),
        ].map((f) => f.reason).join("\n");
        assert.ok(!reasons.includes(secret));
        assert.ok(!reasons.includes("PRIVATE KEY"));
    });
});
