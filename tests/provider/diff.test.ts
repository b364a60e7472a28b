import { strict as assert } from "node:assert";
import { diff, inputsOf, outputsOf, probeInputOf } from "../../providers/connection/runtime";
import { UNKNOWN, type ResolvedInputs } from "../../providers/connection/types";
import type { ProbeReport } from "../../probe";

const inputs: ResolvedInputs = {
    tenantId: "11111111-2222-3333-4444-555555555555",
    clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    cloud: "AzureCloud",
    profile: { profile: "snow-atlas-m365" },
    credential: { clientSecret: "v1", secretExpiresAt: "2099-01-01T00:00:00Z" },
    warnDays: 30,
};

const report: ProbeReport = {
    status: "fail",
    checks: [
        { name: "graphToken", status: "pass", summary: "ok" },
        { name: "appRoles", status: "fail", summary: "missing", evidence: "missing Reports.Read.All", remedy: "Grant admin consent", transient: true },
        { name: "credentialExpiry", status: "warn", summary: "soon" },
    ],
    observed: { appRoles: { "Microsoft Graph": ["User.Read.All"] }, directoryRoles: [], organizationName: undefined, credentialDaysLeft: 12 },
    settings: { tenantId: inputs.tenantId, applicationId: inputs.clientId, tenantEnvironmentType: "Azure Cloud" },
    timings: { totalMs: 1, tokenMs: 1, callsMs: 0, waitedMs: 0 },
    checkedAt: "2026-11-24T00:00:00.000Z",
};

describe("ConnectorConnection diff, outputs and inputs", () => {
    const olds = outputsOf(inputs, { ...report, status: "pass", checks: report.checks.filter((c) => c.status === "pass") }) as unknown as Record<string, unknown>;
    const news = (over: Partial<ResolvedInputs> | Record<string, unknown>) => ({ ...inputs, ...over, __provider: "code" }) as Record<string, unknown>;

    it("no change → no update", async () => {
        assert.deepEqual(await diff("id", olds, news({})), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("credential, profile, cloud, warnDays changes → update (re-probe), not replace", async () => {
        for (const over of [{ credential: { clientSecret: "v2" } }, { profile: { profile: "custom", base: "snow-atlas-m365", appRoles: ["AuditLog.Read.All"] } }, { cloud: "AzureGCC" }, { warnDays: 10 }]) {
            const d = await diff("id", olds, news(over));
            assert.equal(d.changes, true, JSON.stringify(over));
            assert.deepEqual(d.replaces, []);
        }
    });

    it("tenant or client change → replace; an unknown value counts as a change", async () => {
        assert.deepEqual((await diff("id", olds, news({ tenantId: "99999999-2222-3333-4444-555555555555" }))).replaces, ["tenantId"]);
        assert.deepEqual((await diff("id", olds, news({ clientId: UNKNOWN }))).replaces, ["clientId"]);
    });

    it("a stored failing status (drift seen by refresh) asks up to prove the connection again", async () => {
        assert.equal((await diff("id", { ...olds, status: "fail" }, news({}))).changes, true);
    });

    it("outputs: settings, observations, checks summary, findings; no undefined anywhere", () => {
        const out = outputsOf(inputs, report);
        assert.deepEqual(out.checks, { graphToken: "pass", appRoles: "fail", credentialExpiry: "warn" });
        assert.deepEqual(out.failingChecks, ["appRoles"]);
        assert.deepEqual(out.findings.map((f) => f.check), ["appRoles", "credentialExpiry"]);
        assert.equal(out.credentialDaysLeft, 12);
        assert.equal(out.organizationName, null);
        assert.equal(out.lastVerified, report.checkedAt);
        assert.deepEqual(out.credential, inputs.credential);
        const walk = (v: unknown): boolean => v === undefined || (v !== null && typeof v === "object" && Object.values(v).some(walk));
        assert.ok(!walk(out));
        assert.deepEqual(inputsOf(out as unknown as Record<string, unknown>), inputs);
    });

    it("maps inputs to the probe: secret or certificate, profile resolved to expectations, emulator override", () => {
        const p = probeInputOf({ ...inputs, endpointOverride: "https://127.0.0.1:1" }, true);
        assert.deepEqual(p.credential, { kind: "secret", clientSecret: "v1", expiresAt: "2099-01-01T00:00:00Z" });
        assert.deepEqual(p.expectations.graphReads, ["organization", "users", "subscribedSkus"]);
        assert.deepEqual(p.endpoints, { baseUrl: "https://127.0.0.1:1" });
        assert.equal(p.forceTokenRefresh, true);
    });
});
