/**
 * `m365-connectors preflight` as a user runs it (child process) against the emulator: the
 * deployer from the environment (client secret, PFX certificate, or an access token), each right
 * and each Microsoft service principal checked with its fix, --json, exit codes 0/1/2, and no
 * credential printed.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { resolveProfile } from "../../catalog";
import { createSelfSignedCertificate } from "../../emulator";
import type { RunningEmulator } from "../../emulator/types";
import { buildPfx } from "../../resources";
import { startTestEmulator } from "../emulator/helpers";
import { call, GRAPH_SCOPE, newTenantId, seedWithSecret, tokenRequest } from "../emulator/util";
import { runCli } from "./run";

const ALL = ["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All", "RoleManagement.ReadWrite.Directory"];
// Only what the test sets: no ARM_* or token from the machine's own environment.
const CLEAN = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ARM_|AZURE_)/.test(k)));

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { env, baseEnv: CLEAN });

describe("m365-connectors preflight (child process)", function () {
    this.timeout(60_000);
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    let dir: string;
    let full: { clientId: string; secret: string };
    let weak: { clientId: string; secret: string };
    const args = (...extra: string[]) => ["preflight", "--tenant-id", tenantId, "--endpoint", emu.url, ...extra];
    const secretEnv = (d: { clientId: string; secret: string }) => ({ ARM_CLIENT_ID: d.clientId, ARM_CLIENT_SECRET: d.secret });

    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }] });
        dir = mkdtempSync(path.join(tmpdir(), "m365c-preflight-"));
        full = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL });
        weak = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL.filter((p) => !p.startsWith("RoleManagement")) });
    });
    after(async () => {
        rmSync(dir, { recursive: true, force: true });
        await emu.stop();
    });

    it("passes a deployer with the four Graph permissions: every right and every Microsoft service principal (exit 0)", async () => {
        const r = await cli(args(), secretEnv(full));
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`deployer ARM_CLIENT_ID ${full.clientId} \\(client secret\\)`));
        for (const name of ["signIn", "applications", "appRoleAssignments", "delegatedGrants", "roleAssignments", "servicePrincipal:Office 365 Exchange Online", "servicePrincipal:Microsoft Graph"]) {
            assert.match(r.stdout, new RegExp(`PASS  ${name.replace(/\./g, "\\.")}\\s`), name);
        }
        assert.match(r.stdout, /All 7 checks passed/);
        assert.ok(!r.stdout.includes(full.secret) && !r.stderr.includes(full.secret), "the secret is never printed");
    });

    it("names a missing right with its fix (exit 1), and --json says the same", async () => {
        const r = await cli(args(), secretEnv(weak));
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /FAIL  roleAssignments\s+cannot assign directory roles \(the token holds none of: RoleManagement\.ReadWrite\.Directory \| Privileged Role Administrator\)/);
        assert.match(r.stdout, /fix: To assign directory roles, grant the deployer the Microsoft Graph application permission RoleManagement\.ReadWrite\.Directory with admin consent/);
        assert.match(r.stdout, /1 of 7 checks failed/);
        const j = await cli(args("--json"), secretEnv(weak));
        assert.equal(j.code, 1);
        const report = JSON.parse(j.stdout) as { status: string; deployer: { signIn: string; clientId: string }; checks: { name: string; status: string; remedy?: string }[] };
        assert.equal(report.status, "fail");
        assert.deepEqual(report.deployer, { signIn: "secret", clientId: weak.clientId });
        assert.deepEqual(report.checks.filter((c) => c.status === "fail").map((c) => c.name), ["roleAssignments"]);
    });

    it("checks only what --profile needs: Snow Atlas assigns no directory role (exit 0 for the same deployer)", async () => {
        const r = await cli(args("--profile", "snow-atlas-m365", "--json"), secretEnv(weak));
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const report = JSON.parse(r.stdout) as { checks: { name: string }[] };
        assert.deepEqual(report.checks.map((c) => c.name), ["signIn", "applications", "appRoleAssignments", "delegatedGrants", "servicePrincipal:Microsoft Graph"]);
    });

    it("signs in with a PFX certificate (ARM_CLIENT_CERTIFICATE_PATH) or takes an access token (AZURE_ACCESS_TOKEN)", async () => {
        const cert = await createSelfSignedCertificate({ commonName: "deployer" });
        const d = emu.directory.seedConnector({ tenantId, profile: resolveProfile({ profile: "custom", appRoles: ALL }), credential: { kind: "certificate", certificatePem: cert.certificatePem } });
        const pfx = path.join(dir, "deployer.pfx");
        writeFileSync(pfx, buildPfx({ privateKeyPem: cert.privateKeyPem, certificatePem: cert.certificatePem, password: "pfx-password", encryption: "aes256", friendlyName: "deployer" }));
        const r = await cli(args(), { ARM_CLIENT_ID: d.clientId, ARM_CLIENT_CERTIFICATE_PATH: pfx, ARM_CLIENT_CERTIFICATE_PASSWORD: "pfx-password" });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /\(certificate\)/);
        const wrong = await cli(args(), { ARM_CLIENT_ID: d.clientId, ARM_CLIENT_CERTIFICATE_PATH: pfx, ARM_CLIENT_CERTIFICATE_PASSWORD: "nope" });
        assert.equal(wrong.code, 2);
        assert.match(wrong.stderr, /ARM_CLIENT_CERTIFICATE_PATH: is not a PKCS#12 \(PFX\) file this password opens/);

        const token = (await tokenRequest(emu, tenantId, { client_id: full.clientId, client_secret: full.secret, scope: GRAPH_SCOPE })).body.access_token as string;
        const t = await cli(args(), { AZURE_ACCESS_TOKEN: token });
        assert.equal(t.code, 0, t.stdout + t.stderr);
        assert.match(t.stdout, /deployer AZURE_ACCESS_TOKEN/);
        const other = await cli(["preflight", "--tenant-id", newTenantId(), "--endpoint", emu.url], { AZURE_ACCESS_TOKEN: token });
        assert.equal(other.code, 1);
        assert.match(other.stdout, /FAIL  signIn .*the token is for tenant/);
    });

    it("a wrong secret fails the sign-in with Entra's code and the fix, without printing it (exit 1)", async () => {
        const r = await cli(args(), { ARM_CLIENT_ID: full.clientId, ARM_CLIENT_SECRET: "wrong-secret-value" });
        assert.equal(r.code, 1);
        assert.match(r.stdout, /FAIL  signIn\s+the deployer cannot get a token.*AADSTS7000215/);
        assert.match(r.stdout, /fix: /);
        assert.ok(!r.stdout.includes("wrong-secret-value") && !r.stderr.includes("wrong-secret-value"));
    });

    it("a tenant without the Exchange Online service principal: named, with how to create it (exit 1)", async () => {
        const bare = newTenantId();
        emu.directory.addTenant({ tenantId: bare });
        const d = seedWithSecret(emu, bare, { profile: "custom", appRoles: ALL });
        const token = (await tokenRequest(emu, bare, { client_id: d.clientId, client_secret: d.secret, scope: GRAPH_SCOPE })).body.access_token as string;
        const exo = await call(`${emu.url}/v1.0/servicePrincipals(appId='00000002-0000-0ff1-ce00-000000000000')`, { token });
        assert.equal((await call(`${emu.url}/v1.0/servicePrincipals/${exo.body.id}`, { token, method: "DELETE" })).status, 204);
        const r = await cli(["preflight", "--tenant-id", bare, "--endpoint", emu.url, "--profile", "activeroles-m365"], secretEnv(d));
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /FAIL  servicePrincipal:Office 365 Exchange Online\s+Office 365 Exchange Online \(00000002-0000-0ff1-ce00-000000000000\) has no service principal in the tenant/);
        assert.match(r.stdout, /fix: Create the service principal of Office 365 Exchange Online in the tenant: `New-MgServicePrincipal -AppId 00000002-0000-0ff1-ce00-000000000000`/);
        assert.match(r.stdout, /PASS  servicePrincipal:Microsoft Graph/);
    });

    it("bad input names the flag or variable and checks nothing (exit 2)", async () => {
        const none = await cli(args(), {});
        assert.equal(none.code, 2);
        assert.match(none.stderr, /ARM_CLIENT_ID: is not set, and neither is AZURE_ACCESS_TOKEN\. Set ARM_CLIENT_ID with ARM_CLIENT_SECRET/);
        const tenant = await cli(["preflight", "--tenant-id", "contoso", "--endpoint", emu.url], secretEnv(full));
        assert.equal(tenant.code, 2);
        assert.match(tenant.stderr, /--tenant-id: must be a GUID/);
        const profile = await cli(args("--profile", "nope"), secretEnv(full));
        assert.equal(profile.code, 2);
        assert.match(profile.stderr, /--profile: unknown profile "nope"/);
        const inline = await cli([...args(), "--client-secret=abc"], {});
        assert.equal(inline.code, 2);
        assert.ok(!inline.stderr.includes("abc"));
    });
});
