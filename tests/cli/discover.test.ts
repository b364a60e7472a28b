/**
 * `m365-connectors discover` as a user runs it (child process) against the emulator, seeded the
 * way each set-up leaves a tenant: Active Roles "Auto configuration" (Microsoft 365 connector),
 * the manual configuration with an extra permission, the Snow Atlas portal steps, an unrelated
 * application and a near miss (the Microsoft 365 connector without User Administrator). The
 * written stack config must pass the program's own validation, and the import document must name
 * the resources the component declares.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { DirectoryRoles, resolveProfile } from "../../catalog";
import { createSelfSignedCertificate } from "../../emulator";
import type { RunningEmulator } from "../../emulator/types";
import { parseStackConfig } from "../../program/config";
import { startTestEmulator } from "../emulator/helpers";
import { call, newTenantId, seedWithSecret, tokenFor } from "../emulator/util";
import { runCli } from "./run";

const CLEAN = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ARM_|AZURE_)/.test(k)));
const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { env, baseEnv: CLEAN });

describe("m365-connectors discover (child process)", function () {
    this.timeout(60_000);
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    let dir: string;
    let deployer: { clientId: string; secret: string };
    const ids: Record<string, { clientId: string; applicationObjectId: string; servicePrincipalObjectId: string }> = {};
    const env = () => ({ ARM_CLIENT_ID: deployer.clientId, ARM_CLIENT_SECRET: deployer.secret });
    const args = (...extra: string[]) => ["discover", "--tenant-id", tenantId, "--endpoint", emu.url, ...extra];

    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }] });
        dir = mkdtempSync(path.join(tmpdir(), "m365c-discover-"));
        deployer = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Directory.Read.All", "Application.ReadWrite.All"] });
        const cert = await createSelfSignedCertificate({ commonName: "Active Roles" });
        const seed = (key: string, displayName: string, spec: Parameters<typeof resolveProfile>[0], credential: "certificate" | "secret") => {
            ids[key] = emu.directory.seedConnector({
                tenantId, displayName, profile: resolveProfile(spec),
                credential: credential === "certificate" ? { kind: "certificate", certificatePem: cert.certificatePem } : { kind: "secret", secret: `s~${key}-0123456789abcdefghij` },
            });
        };
        // Seed 001 "Auto configuration": the three roles, Exchange.ManageAsApp and User.Read consented.
        seed("auto", "Active Roles Sync - M365", { profile: "activeroles-m365" }, "certificate");
        // Manual configuration where the admin also granted Graph Directory.Read.All.
        seed("manual", "ARS manual", { profile: "custom", base: "activeroles-m365", appRoles: ["Directory.Read.All"] }, "certificate");
        // Seed 003: Snow Atlas portal steps.
        seed("snow", "Snow Atlas", { profile: "snow-atlas-m365" }, "secret");
        seed("unrelated", "HR export", { profile: "custom", appRoles: ["Group.Read.All"] }, "secret");
        // The Microsoft 365 connector without User Administrator.
        seed("near", "ARS half done", { profile: "custom", appRoles: ["Office 365 Exchange Online/Exchange.ManageAsApp"], delegatedScopes: ["User.Read"], directoryRoles: ["Directory Writers", "Exchange Administrator"] }, "certificate");
        // An owner on the auto-configured application, added as an admin would.
        const owner = emu.directory.addUser(tenantId, { userPrincipalName: "alice@contoso.example", displayName: "Alice" });
        const token = await tokenFor(emu, tenantId, deployer.clientId, { secret: deployer.secret });
        const r = await call(`${emu.url}/v1.0/applications/${ids.auto.applicationObjectId}/owners/$ref`, { token, body: { "@odata.id": `${emu.url}/v1.0/directoryObjects/${owner}` } });
        assert.equal(r.status, 204, r.text);
    });
    after(async () => {
        rmSync(dir, { recursive: true, force: true });
        await emu.stop();
    });

    it("lists each application with its verdict, IDs, credentials and owners; the unrelated one only by name (exit 0)", async () => {
        const r = await cli(args(), env());
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const block = (name: string) => r.stdout.split("\n\n").find((b) => b.includes(`"${name}"`)) ?? "";
        assert.match(block("Active Roles Sync - M365"), /^ADOPT\s+"Active Roles Sync - M365" \(client ID [0-9a-f-]{36}\): activeroles-m365 \(exact\) as connector active-roles-sync-m365/);
        assert.match(block("Active Roles Sync - M365"), new RegExp(`application ${ids.auto.applicationObjectId}, service principal ${ids.auto.servicePrincipalObjectId}`));
        assert.match(block("Active Roles Sync - M365"), /credentials: certificate [0-9A-F]{40} \(key ID [0-9a-f-]{36}\) expires \d{4}-\d\d-\d\d/);
        assert.match(block("Active Roles Sync - M365"), /owners: alice@contoso\.example \(user\)/);
        assert.match(block("ARS manual"), /^ADOPT\s+"ARS manual" .*activeroles-m365 \(holds more\) as connector ars-manual/);
        assert.match(block("ARS manual"), /extra rights: Directory\.Read\.All \(Microsoft Graph, application\)/);
        assert.match(block("Snow Atlas"), /^ADOPT\s+"Snow Atlas" .*snow-atlas-m365 \(exact\)/);
        assert.match(block("Snow Atlas"), /credentials: client secret s~s… \(key ID/);
        assert.match(block("ARS half done"), /^INCOMPLETE\s+"ARS half done"/);
        assert.match(block("ARS half done"), /activeroles-m365: missing User Administrator \(directory role\)/);
        assert.doesNotMatch(r.stdout, /ADOPT\s+"ARS half done"/, "a near miss is never adopted, not even as the Azure AD connector whose rights it holds");
        assert.match(r.stdout, /OTHER\s+1 application holds none of the profiles' rights: "HR export"/);
        assert.doesNotMatch(r.stdout, new RegExp(deployer.clientId), "the deployer itself is left out");
        assert.match(r.stdout, /3 adopted, 1 reported without adopting/);
        assert.ok(!(r.stdout + r.stderr).includes(deployer.secret), "the deployer's secret is never printed");
        assert.ok(!(r.stdout + r.stderr).includes("0123456789abcdefghij"), "nor a connector's secret");
    });

    it("--json says the same: verdict, profile, extras, what is missing", async () => {
        const r = await cli(args("--json"), env());
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        const by = (clientId: string) => out.applications.find((a: { clientId: string }) => a.clientId === clientId);
        assert.equal(out.status, "pass");
        assert.deepEqual([by(ids.auto.clientId).verdict, by(ids.auto.clientId).profile, by(ids.auto.clientId).alsoCovers], ["exact", "activeroles-m365", ["activeroles-azuread"]]);
        assert.deepEqual([by(ids.manual.clientId).verdict, by(ids.manual.clientId).extra], ["superset", ["app:Microsoft Graph/Directory.Read.All"]]);
        assert.equal(by(ids.snow.clientId).verdict, "exact");
        assert.equal(by(ids.unrelated.clientId).verdict, "unrelated");
        assert.equal(by(ids.near.clientId).verdict, "incomplete");
        assert.deepEqual(by(ids.near.clientId).nearest.map((n: { profile: string; missing: string[] }) => [n.profile, n.missing]), [["activeroles-m365", ["role:User Administrator"]]]);
        assert.equal(by(ids.near.clientId).adopted, null);
        assert.deepEqual(by(ids.auto.clientId).owners, [{ id: by(ids.auto.clientId).owners[0].id, type: "user", displayName: "Alice", userPrincipalName: "alice@contoso.example" }]);
    });

    it("--write writes a stack config that adopts the three matches and that the program's config parser accepts; --import names the component's resources", async () => {
        const file = path.join(dir, "contoso.yaml");
        const importFile = path.join(dir, "import.json");
        const r = await cli(args("--write", file, "--import", importFile), env());
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`Wrote ${file.replace(/[.]/g, "\\.")}`));
        assert.match(r.stdout, new RegExp(`pulumi import --file ${importFile.replace(/[.]/g, "\\.")} --stack contoso --config-file ${file.replace(/[.]/g, "\\.")} --yes`));
        const text = readFileSync(file, "utf8");
        assert.match(text, /also holds, left as it is \(not managed by this stack\): Directory\.Read\.All \(Microsoft Graph, application\)/);
        const config = parse(text).config;
        const parsed = parseStackConfig({
            tenantId: config["m365-connectors:tenantId"],
            environment: config["m365-connectors:environment"],
            endpointOverride: config["m365-connectors:endpointOverride"],
            connectors: config["m365-connectors:connectors"],
        });
        assert.deepEqual(parsed.connectors.map((c) => [c.name, c.profile.name, c.existingApplication?.clientId]), [
            ["active-roles-sync-m365", "activeroles-m365", ids.auto.clientId],
            ["ars-manual", "activeroles-m365", ids.manual.clientId],
            ["snow-atlas", "snow-atlas-m365", ids.snow.clientId],
        ]);
        assert.equal(parsed.connectors[0].existingApplication?.servicePrincipalObjectId, ids.auto.servicePrincipalObjectId);

        const doc = JSON.parse(readFileSync(importFile, "utf8"));
        assert.equal(doc.nameTable.tenant, `urn:pulumi:contoso::m365-connectors::pulumi:providers:azuread::tenant`);
        assert.deepEqual(doc.providerInputs.tenant, { environment: "public", metadataHost: new URL(emu.url).host, tenantId, useMsi: "false", version: require("@pulumi/azuread/package.json").version });
        const auto = doc.resources.filter((x: { name: string; parent?: string }) => x.name === "active-roles-sync-m365" || x.parent === "active-roles-sync-m365");
        assert.deepEqual(auto.map((x: { type: string; name: string }) => `${x.type} ${x.name}`), [
            "m365-connectors:index:ConnectorApplication active-roles-sync-m365",
            "azuread:index/appRoleAssignment:AppRoleAssignment active-roles-sync-m365-consent-office-365-exchange-online-exchange-manageasapp",
            "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant active-roles-sync-m365-delegated-microsoft-graph",
            "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment active-roles-sync-m365-role-directory-writers",
            "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment active-roles-sync-m365-role-exchange-administrator",
            "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment active-roles-sync-m365-role-user-administrator",
        ]);
        assert.ok(auto.slice(1).every((x: { provider: string; parent: string }) => x.provider === "tenant" && x.parent === "active-roles-sync-m365"));
        assert.match(auto[1].id, new RegExp(`^/servicePrincipals/[0-9a-f-]{36}/appRoleAssignedTo/\\S+$`));
        assert.match(auto[2].id, /^\/oauth2PermissionGrants\/\S+$/);
        // The manual app's extra Directory.Read.All is left as it is: not in the document.
        assert.deepEqual(doc.resources.filter((x: { name: string }) => /directory-read-all/.test(x.name)).map((x: { name: string }) => x.name), ["snow-atlas-consent-microsoft-graph-directory-read-all"]);
        // Each assignment ID is the one Graph shows for the right.
        const token = await tokenFor(emu, tenantId, deployer.clientId, { secret: deployer.secret });
        const roles = await call(`${emu.url}/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${ids.auto.servicePrincipalObjectId}'`, { token });
        const writers = roles.body.value.find((x: { roleDefinitionId: string }) => x.roleDefinitionId === DirectoryRoles["Directory Writers"]);
        assert.equal(auto[3].id, `/roleManagement/directory/roleAssignments/${writers.id}`);
    });

    it("refuses to overwrite a file without --force, and bad input names the option (exit 2, nothing read)", async () => {
        const file = path.join(dir, "exists.yaml");
        writeFileSync(file, "config: {}\n");
        let r = await cli(args("--write", file), env());
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /--write: .*exists\.yaml exists.*add --force/);
        r = await cli(args("--import", path.join(dir, "i.json")), env());
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--import: needs --write/);
        r = await cli(args("--write", path.join(dir, "bad name.yaml")), env());
        assert.equal(r.code, 2);
        assert.match(r.stderr, /"bad name" is not a valid stack name/);
        r = await cli(["discover", "--endpoint", emu.url], env());
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--tenant-id: is required/);
        r = await cli(args(), {});
        assert.equal(r.code, 2);
        assert.match(r.stderr, /ARM_CLIENT_ID: is not set/);
        assert.ok(!existsSync(path.join(dir, "i.json")));
    });

    it("a deployer that cannot read the grants gets Graph's refusal and the fix (exit 1)", async () => {
        const weak = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Application.Read.All"] });
        const r = await cli(args("--json"), { ARM_CLIENT_ID: weak.clientId, ARM_CLIENT_SECRET: weak.secret });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const out = JSON.parse(r.stdout);
        assert.equal(out.status, "fail");
        assert.match(out.error, /403 Authorization_RequestDenied/);
    });
});
