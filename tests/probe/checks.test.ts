import { strict as assert } from "node:assert";
import { DirectoryRoles, expectationsOf, resolveProfile } from "../../catalog";
import { appRolesCheck, credentialExpiryCheck, directoryRolesCheck, exchangeCommandCheck, grantPending, graphReadCheck, tokenCheck } from "../../probe/checks";
import type { TokenClaims, TokenOutcome } from "../../probe/tokens";
import { decodeClaims } from "../../probe/tokens";
import { jwt } from "./fixtures";

const m365 = expectationsOf(resolveProfile({ profile: "activeroles-m365" }));
const snow = expectationsOf(resolveProfile({ profile: "snow-atlas-m365" }));
const claims = (roles: string[], wids: string[] = []): TokenClaims => ({ roles, wids });
const allM365Wids = [DirectoryRoles["Directory Writers"], DirectoryRoles["Exchange Administrator"], DirectoryRoles["User Administrator"]];
const failed = (failure: Extract<TokenOutcome, { ok: false }>["failure"]): TokenOutcome => ({ ok: false, failure, waitedMs: 0 });

describe("probe/checks: findings, evidence and remedies", () => {
    it("decodes roles and wids from a token without verifying it", () => {
        const c = decodeClaims(jwt({ aud: "https://graph.microsoft.com", roles: ["User.Read.All"], wids: [DirectoryRoles["Directory Writers"]] }));
        assert.deepEqual(c.roles, ["User.Read.All"]);
        assert.deepEqual(c.wids, [DirectoryRoles["Directory Writers"]]);
        assert.deepEqual(decodeClaims("opaque").roles, []);
    });

    it("maps each permanent AADSTS code to its meaning and remedy, not transient", () => {
        const cases: [string, RegExp][] = [
            ["AADSTS7000215", /secret's Value/],
            ["AADSTS7000222", /New client secret/],
            ["AADSTS700027", /Upload the certificate/],
            ["AADSTS700016", /Application \(client\) ID/],
            ["AADSTS90002", /tenant ID/],
        ];
        for (const [code, remedy] of cases) {
            const r = tokenCheck("graphToken", "https://graph.microsoft.com/.default", failed({ aadsts: code, status: 401, message: "x" }));
            assert.equal(r.status, "fail");
            assert.equal(r.transient, false, code);
            assert.match(r.evidence ?? "", new RegExp(`^${code}: HTTP 401`));
            assert.match(r.remedy ?? "", remedy, code);
        }
    });

    it("calls a token endpoint still throttling after the retries transient, with its Retry-After", () => {
        const r = tokenCheck("exchangeToken", "s", failed({ errorCode: "throttled", status: 429, message: "slow down", retryAfterMs: 5000 }));
        assert.equal(r.transient, true);
        assert.match(r.evidence ?? "", /HTTP 429, Retry-After 5 s/);
        assert.equal(tokenCheck("exchangeToken", "s", undefined).status, "skip");
    });

    it("appRoles: names the permission without consent and how to grant it", () => {
        const r = appRolesCheck(m365, { graph: claims([]), exchange: claims([]) });
        assert.equal(r.status, "fail");
        assert.equal(r.transient, true);
        assert.match(r.evidence ?? "", /missing Exchange\.ManageAsApp on Office 365 Exchange Online/);
        assert.equal(r.remedy, "Grant admin consent for Exchange.ManageAsApp on Office 365 Exchange Online (Azure portal > App registrations > API permissions > Grant admin consent); if you just granted it, wait for replication");
        assert.equal(appRolesCheck(m365, { graph: claims([]), exchange: claims(["Exchange.ManageAsApp"]) }).status, "pass");
        assert.equal(appRolesCheck(m365, { graph: claims([]) }).status, "skip");
        const snowResult = appRolesCheck(snow, { graph: claims(["Directory.Read.All", "User.Read.All", "Reports.Read.All"]) });
        assert.match(snowResult.summary, /Organization\.Read\.All/);
    });

    it("directoryRoles: missing role names, and an Exchange-capable role for Exchange", () => {
        assert.equal(directoryRolesCheck(m365, claims([], allM365Wids)).status, "pass");
        const noUserAdmin = directoryRolesCheck(m365, claims([], allM365Wids.slice(0, 2)));
        assert.equal(noUserAdmin.status, "fail");
        assert.match(noUserAdmin.evidence ?? "", /missing User Administrator/);
        assert.match(noUserAdmin.remedy ?? "", /Assign the User Administrator role/);
        const custom = expectationsOf(resolveProfile({ profile: "custom", appRoles: ["Office 365 Exchange Online/Exchange.ManageAsApp"] }));
        const noExo = directoryRolesCheck(custom, claims([], [DirectoryRoles["Directory Writers"]]));
        assert.equal(noExo.status, "fail");
        assert.match(noExo.summary, /Exchange Online accepts/);
        assert.equal(directoryRolesCheck(custom, claims([], [DirectoryRoles["Global Reader"]])).status, "pass");
        assert.equal(directoryRolesCheck(snow, claims([])).status, "skip");
    });

    it("appRoles: checks each resource whose token exists and lists the others as not checked", () => {
        const both = expectationsOf(resolveProfile({ profile: "custom", base: "snow-atlas-m365", appRoles: ["Office 365 Exchange Online/Exchange.ManageAsApp"] }));
        const snowRoles = ["Directory.Read.All", "Organization.Read.All", "User.Read.All", "Reports.Read.All"];
        const missingOne = appRolesCheck(both, { graph: claims(snowRoles.slice(0, 3)) });
        assert.equal(missingOne.status, "fail");
        assert.equal(missingOne.transient, true);
        assert.match(missingOne.summary, /without admin consent: Reports\.Read\.All$/);
        assert.equal(missingOne.evidence, "missing Reports.Read.All on Microsoft Graph in the token's roles claim; not checked: Office 365 Exchange Online (no Exchange token)");
        const graphOnly = appRolesCheck(both, { graph: claims(snowRoles) });
        assert.equal(graphOnly.status, "pass");
        assert.match(graphOnly.summary, /all 4 application permission\(s\) granted on the resources checked/);
        assert.equal(graphOnly.evidence, "not checked: Office 365 Exchange Online (no Exchange token)");
        const exchangeOnly = appRolesCheck(both, { exchange: claims([]) });
        assert.equal(exchangeOnly.status, "fail");
        assert.match(exchangeOnly.evidence ?? "", /missing Exchange\.ManageAsApp .*; not checked: Microsoft Graph \(no Graph token\)$/);
        assert.equal(appRolesCheck(both, {}).status, "skip");
        assert.equal(appRolesCheck(both, { graph: claims(snowRoles), exchange: claims(["Exchange.ManageAsApp"]) }).evidence, undefined);
    });

    it("graphRead: a 403 is waited on only while a grant is pending, with the permission it needs", () => {
        const results = [
            { read: "organization" as const, path: "/organization", status: 200 },
            { read: "users" as const, path: "/users?$top=1", status: 403, errorCode: "Authorization_RequestDenied", errorMessage: "Insufficient privileges" },
            { read: "subscribedSkus" as const, path: "/subscribedSkus", status: 200 },
        ];
        const r = graphReadCheck(snow, results, true);
        assert.equal(r.status, "fail");
        assert.equal(r.transient, true);
        assert.match(r.evidence ?? "", /GET \/users\?\$top=1 → 403 Authorization_RequestDenied/);
        assert.match(r.remedy ?? "", /User\.Read\.All/);
        const granted = graphReadCheck(snow, results, false);
        assert.equal(granted.transient, false, "every expected role is in the token: no replication can fix the 403");
        assert.match(granted.remedy ?? "", /User\.Read\.All/);
        assert.equal(graphReadCheck(snow, [{ read: "users", path: "/users", status: 429 }], false).transient, true);
        assert.equal(graphReadCheck(snow, [{ read: "users", path: "/users", status: 404 }], true).transient, false);
    });

    it("grantPending: true only when appRoles or directoryRoles fails", () => {
        const c = (name: "appRoles" | "directoryRoles", status: "pass" | "fail" | "skip") => ({ name, status, summary: "" });
        assert.equal(grantPending(c("appRoles", "fail"), c("directoryRoles", "pass")), true);
        assert.equal(grantPending(c("appRoles", "skip"), c("directoryRoles", "fail")), true);
        assert.equal(grantPending(c("appRoles", "pass"), c("directoryRoles", "skip")), false);
        assert.equal(grantPending(c("appRoles", "skip"), c("directoryRoles", "skip")), false);
    });

    it("exchangeCommand: the remedy follows what the token lacks; transient only when it lacks consent or a role", () => {
        const forbidden = { cmdlet: "Get-AcceptedDomain", status: 403, errorCode: "Forbidden", waitedMs: 0 };
        assert.match(exchangeCommandCheck(m365, forbidden, claims([], allM365Wids)).remedy ?? "", /Grant admin consent for Exchange\.ManageAsApp/);
        assert.match(exchangeCommandCheck(m365, forbidden, claims(["Exchange.ManageAsApp"], [DirectoryRoles["Directory Writers"]])).remedy ?? "", /Assign the Exchange Administrator role/);
        assert.equal(exchangeCommandCheck(m365, forbidden, claims([], allM365Wids)).transient, true);
        assert.equal(exchangeCommandCheck(m365, forbidden, claims(["Exchange.ManageAsApp"], [DirectoryRoles["Directory Writers"]])).transient, true);
        const both = exchangeCommandCheck(m365, forbidden, claims(["Exchange.ManageAsApp"], allM365Wids));
        assert.equal(both.transient, false, "a 403 for a token with both grants");
        assert.match(both.remedy ?? "", /yet Exchange refused Get-AcceptedDomain: .*waiting will not change it$/);
        // Exchange has been seen answering 401 for a missing role (office-docs-powershell#7970): still a grant, still waited on.
        assert.equal(exchangeCommandCheck(m365, { ...forbidden, status: 401 }, claims([], allM365Wids)).transient, true);
        assert.equal(exchangeCommandCheck(m365, { ...forbidden, status: 401 }, claims(["Exchange.ManageAsApp"], allM365Wids)).transient, false);
        assert.equal(exchangeCommandCheck(m365, { ...forbidden, status: 503 }, claims(["Exchange.ManageAsApp"], allM365Wids)).transient, true);
        assert.equal(exchangeCommandCheck(m365, { ...forbidden, status: 200, value: [] }, claims([])).status, "pass");
        assert.equal(exchangeCommandCheck(snow, undefined, undefined).status, "skip");
    });

    it("credentialExpiry: pass, warn within warnDays, fail when expired, skip when unknown", () => {
        const now = new Date("2026-11-24T00:00:00Z");
        const at = (days: number) => ({ kind: "certificate" as const, fingerprint: "f", expiresAt: new Date(now.getTime() + days * 86_400_000 + 3_600_000) });
        assert.equal(credentialExpiryCheck(at(90), now, 30).status, "pass");
        const warn = credentialExpiryCheck(at(10), now, 30);
        assert.equal(warn.status, "warn");
        assert.match(warn.evidence ?? "", /10 day\(s\) left/);
        assert.match(warn.remedy ?? "", /upload a new certificate/);
        assert.equal(credentialExpiryCheck(at(-2), now, 30).status, "fail");
        assert.equal(credentialExpiryCheck({ kind: "secret", fingerprint: "f" }, now, 30).status, "skip");
    });
});
