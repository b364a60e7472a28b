/**
 * The real Pulumi engine, through the CLI, against the emulator: `pulumi up` proves two existing
 * connectors (Active Roles Microsoft 365 with a certificate, Snow Atlas with a client secret) and
 * exports their console settings; revoking admin consent makes
 * `pulumi refresh --preview-only --expect-no-changes` fail and show the drift; restoring it makes
 * it pass; the exported state holds no plaintext credential; `pulumi destroy` is clean.
 */
import * as assert from "node:assert/strict";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import {
    connectorEntry,
    connectorSecrets,
    newStackName,
    newTenantId,
    NS,
    pemLines,
    PulumiSandbox,
    readText,
    seedApp,
    startTrustedEmulator,
    type SeededApp,
} from "./helpers";

describe("e2e: pulumi CLI up / refresh / destroy against the emulator", function () {
    this.timeout(300_000);

    let emulator: RunningEmulator;
    let sandbox: PulumiSandbox;
    let ars: SeededApp;
    let snow: SeededApp;
    const stack = newStackName("e2e-cli");
    let configFile: string;
    const withStack = (args: string[]) => [...args, "--stack", stack, "--config-file", configFile];
    // `--diff` prints each drifted property (old => new), not just "~ update".
    const driftCheck = () => sandbox.pulumi(withStack(["refresh", "--preview-only", "--expect-no-changes", "--diff", "--color", "never"]));

    before(async () => {
        sandbox = new PulumiSandbox();
        emulator = await startTrustedEmulator();
        const tenantId = newTenantId();
        ars = await seedApp(emulator, tenantId, "activeroles-m365");
        snow = await seedApp(emulator, tenantId, "snow-atlas-m365");
        configFile = join(sandbox.dir, `Pulumi.${stack}.yaml`);
        await sandbox.initStack(stack);
        await sandbox.writeConfigFile(
            configFile,
            stack,
            {
                [`${NS}:tenantId`]: tenantId,
                [`${NS}:environment`]: "AzureCloud",
                [`${NS}:endpointOverride`]: emulator.url,
                [`${NS}:connectors`]: [connectorEntry("ars-m365", ars), connectorEntry("snow-m365", snow)],
            },
            { ...connectorSecrets(0, ars), ...connectorSecrets(1, snow) },
        );
    });

    after(async () => {
        if (sandbox && process.env.M365C_E2E_KEEP !== "1") {
            await sandbox.pulumi(withStack(["destroy", "--yes", "--skip-preview"]));
            await sandbox.pulumi(["stack", "rm", stack, "--yes", "--force"]);
            sandbox.dispose();
        }
        await emulator?.stop();
    });

    it("keeps the credentials out of the config file (ciphertext only)", () => {
        const text = readText(configFile);
        assert.ok(!text.includes(snow.clientSecret!), "client secret in plaintext");
        for (const line of pemLines(ars.privateKeyPem!)) assert.ok(!text.includes(line), "private key in plaintext");
        assert.match(text, /secure: v1:/);
    });

    it("pulumi up proves both connections and exports the console settings", async () => {
        await sandbox.ok(withStack(["up", "--yes", "--skip-preview", "--color", "never"]));
        const out = await sandbox.ok(["stack", "output", "--json", "--stack", stack]);
        const outputs = JSON.parse(out.stdout) as { settings: Record<string, Record<string, string>>; connections: Record<string, { status: string }> };
        assert.deepEqual(Object.keys(outputs.settings["ars-m365"]).sort(), ["Application ID", "Certificate thumbprint", "Tenant ID", "Tenant environment type"]);
        assert.equal(outputs.settings["ars-m365"]["Tenant ID"], ars.tenantId);
        assert.equal(outputs.settings["ars-m365"]["Application ID"], ars.clientId);
        assert.match(outputs.settings["ars-m365"]["Certificate thumbprint"], /^[0-9A-F]{40}$/);
        assert.equal(outputs.settings["ars-m365"]["Tenant environment type"], "Azure Cloud");
        assert.equal(outputs.settings["snow-m365"]["Client ID"], snow.clientId);
        assert.notEqual(outputs.connections["ars-m365"].status, "fail");
        assert.notEqual(outputs.connections["snow-m365"].status, "fail");
    });

    it("pulumi refresh --preview-only --expect-no-changes passes while nothing changed", async () => {
        const r = await driftCheck();
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    });

    it("revoked admin consent is drift: the refresh preview exits non-zero and shows it", async () => {
        emulator.directory.revokeAppRole(ars.tenantId, ars.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const r = await driftCheck();
        const text = `${r.stdout}\n${r.stderr}`;
        if (process.env.M365C_E2E_VERBOSE === "1") console.log(text);
        assert.notEqual(r.code, 0, text);
        assert.match(text, /ars-m365/);
        assert.match(text, /status\s*: "pass" => "fail"/);
        assert.match(text, /appRoles\s*: "pass" => "fail"/);
        assert.match(text, /without admin consent: Exchange\.ManageAsApp/);
        assert.match(text, /no changes were expected/i);
        assert.doesNotMatch(text, /snow-m365.*update/, "only the revoked connector drifted");
    });

    it("restoring consent clears the drift", async () => {
        emulator.directory.grantAppRole(ars.tenantId, ars.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const r = await driftCheck();
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    });

    it("pulumi stack export holds no plaintext credential", async () => {
        const r = await sandbox.ok(["stack", "export", "--stack", stack, "--show-secrets=false"]);
        assert.ok(r.stdout.includes("ConnectorConnection"), "the export holds the connections");
        assert.ok(!r.stdout.includes(snow.clientSecret!), "client secret in plaintext");
        for (const line of pemLines(ars.privateKeyPem!)) assert.ok(!r.stdout.includes(line), "private key in plaintext");
        assert.match(r.stdout, /4dabf18193072939515e22adb298388d/, "secrets are stored as secret values");
    });

    it("pulumi destroy is clean", async () => {
        await sandbox.ok(withStack(["destroy", "--yes", "--skip-preview", "--color", "never"]));
        const r = await sandbox.ok(["stack", "export", "--stack", stack]);
        const resources = (JSON.parse(r.stdout) as { deployment: { resources?: unknown[] } }).deployment.resources ?? [];
        assert.equal(resources.length, 0);
    });
});
