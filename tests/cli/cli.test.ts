/**
 * The command line as a user runs it: `node bin/m365-connectors.js …` in a child process against
 * the emulator. Exit codes, the --json shape, the drift table, and that no credential is printed.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator/types";
import { CheckNames } from "../../probe/types";
import { startTestEmulator } from "../emulator/helpers";
import { seedScenario, type Scenario } from "../probe/scenario";
import { runCli, type Run } from "./run";

const cli = (args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> => runCli(args, opts);

describe("m365-connectors command line (child process)", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    let dir: string;
    let ars: Scenario;
    let snow: Scenario;
    let azuread: Scenario;
    let certFile: string;
    let keyFile: string;
    let secret: string;
    let keyBody: string;

    before(async () => {
        emulator = await startTestEmulator();
        dir = mkdtempSync(path.join(tmpdir(), "m365c-cli-"));
        ars = await seedScenario(emulator, { profile: "activeroles-m365" });
        snow = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        azuread = await seedScenario(emulator, { profile: "activeroles-azuread" });
        if (ars.credential.kind !== "certificate" || snow.credential.kind !== "secret") throw new Error("unexpected scenario credentials");
        certFile = path.join(dir, "ars.cert.pem");
        keyFile = path.join(dir, "ars.key.pem");
        writeFileSync(certFile, ars.credential.certificatePem);
        writeFileSync(keyFile, ars.credential.privateKeyPem, { mode: 0o600 });
        if (azuread.credential.kind === "certificate") {
            writeFileSync(path.join(dir, "azuread.cert.pem"), azuread.credential.certificatePem);
            writeFileSync(path.join(dir, "azuread.key.pem"), azuread.credential.privateKeyPem, { mode: 0o600 });
        }
        secret = snow.credential.clientSecret;
        keyBody = ars.credential.privateKeyPem.split("\n")[1];
    });
    after(async () => {
        await emulator?.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const noCredentialIn = (r: Run) => {
        const all = r.stdout + r.stderr;
        assert.ok(!all.includes(secret), "the client secret was printed");
        assert.ok(!all.includes(keyBody), "the private key was printed");
        assert.ok(!all.includes("PRIVATE KEY"), "a private key block was printed");
    };
    const arsArgs = () => ["--tenant-id", ars.tenantId, "--client-id", ars.clientId, "--profile", "activeroles-m365", "--certificate", certFile, "--private-key", keyFile, "--endpoint", emulator.url];
    const snowArgs = () => ["--tenant-id", snow.tenantId, "--client-id", snow.clientId, "--profile", "snow-atlas-m365", "--endpoint", emulator.url];

    it("check passes: exit 0, every check, the settings for the Active Roles console", async () => {
        const r = await cli(["check", ...arsArgs()]);
        assert.equal(r.code, 0, r.stderr);
        for (const name of CheckNames.filter((n) => n !== "nextCredential")) assert.match(r.stdout, new RegExp(`PASS\\s+${name}\\b`));
        // `check` proves one credential; the next certificate of a rollover is the stack's to prove.
        assert.match(r.stdout, /skip\s+nextCredential\s+no certificate rollover in progress/);
        assert.match(r.stdout, new RegExp(`Tenant ID\\s+${ars.tenantId}`));
        assert.match(r.stdout, new RegExp(`Application ID\\s+${ars.clientId}`));
        assert.match(r.stdout, /Certificate thumbprint\s+[0-9A-F]{40}\n/);
        assert.match(r.stdout, /Tenant environment type\s+Azure Cloud/);
        assert.match(r.stdout, /Result: PASS/);
        noCredentialIn(r);
    });

    it("check --json: one object with status, every check, observed roles and settings", async () => {
        const r = await cli(["check", ...snowArgs(), "--secret-env", "SNOW_SECRET", "--json"], { env: { SNOW_SECRET: secret } });
        assert.equal(r.code, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.equal(report.status, "pass");
        assert.deepEqual(report.checks.map((c: { name: string }) => c.name), [...CheckNames]);
        assert.deepEqual(report.connector, { name: `snow-atlas-m365@${snow.tenantId}`, profile: "snow-atlas-m365", cloud: "AzureCloud" });
        assert.deepEqual([...report.observed.appRoles["Microsoft Graph"]].sort(), ["Directory.Read.All", "Organization.Read.All", "Reports.Read.All", "User.Read.All"]);
        assert.equal(report.settings.applicationId, snow.clientId);
        assert.equal(typeof report.timings.totalMs, "number");
        noCredentialIn(r);
    });

    it("check reads the secret from stdin", async () => {
        const r = await cli(["check", ...snowArgs(), "--secret-stdin"], { stdin: `${secret}\n` });
        assert.equal(r.code, 0, r.stderr);
        noCredentialIn(r);
    });

    it("check fails with exit 1 when consent is revoked, naming the check and the fix", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Reports.Read.All");
        const r = await cli(["check", "--tenant-id", s.tenantId, "--client-id", s.clientId, "--profile", "snow-atlas-m365", "--endpoint", emulator.url, "--secret-env", "S"], {
            env: { S: s.credential.kind === "secret" ? s.credential.clientSecret : "" },
        });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /FAIL\s+appRoles\s+.*Reports\.Read\.All/);
        assert.match(r.stdout, /fix: Grant admin consent for Reports\.Read\.All/);
        assert.match(r.stdout, /Result: FAIL/);
    });

    it("a wrong secret: exit 1 with the AADSTS code, and the wrong value is not echoed", async () => {
        const wrong = "definitely-not-the-secret-0123";
        const r = await cli(["check", ...snowArgs(), "--secret-env", "S"], { env: { S: wrong } });
        assert.equal(r.code, 1);
        assert.match(r.stdout, /AADSTS7000215/);
        assert.ok(!(r.stdout + r.stderr).includes(wrong));
    });

    const badInput: [string, () => string[], RegExp][] = [
        ["a malformed tenant ID", () => ["check", ...arsArgs().map((a) => (a === ars.tenantId ? "contoso.onmicrosoft.com" : a))], /--tenant-id: must be a GUID/],
        ["a malformed client ID", () => ["check", ...arsArgs().map((a) => (a === ars.clientId ? "12345" : a))], /--client-id: must be a GUID/],
        ["an unknown profile", () => ["check", ...arsArgs().map((a) => (a === "activeroles-m365" ? "salesforce" : a))], /--profile: unknown profile "salesforce"/],
        ["an unknown cloud", () => ["check", ...arsArgs(), "--cloud", "Mars"], /--cloud: unknown cloud "Mars"/],
        ["an unknown extra permission", () => ["check", ...arsArgs().map((a) => (a === "activeroles-m365" ? "custom" : a)), "--base", "activeroles-m365", "--app-role", "Mail.Teleport"], /--app-role: unknown application permission "Mail\.Teleport"/],
        ["a secret on the command line", () => ["check", ...snowArgs(), `--secret=${"x".repeat(12)}`], /--secret: client secrets are not accepted as command-line arguments/],
        ["a missing credential", () => ["check", ...snowArgs()], /--certificate: no credential given/],
        ["an empty secret variable", () => ["check", ...snowArgs(), "--secret-env", "NOT_SET_ANYWHERE_M365C"], /--secret-env: environment variable NOT_SET_ANYWHERE_M365C is empty or not set/],
        ["a key that is not the certificate's", () => ["check", ...arsArgs().map((a) => (a === keyFile ? path.join(dir, "azuread.key.pem") : a))], /--private-key: does not belong to the certificate/],
        ["an unknown option", () => ["check", ...arsArgs(), "--frobnicate"], /Unknown option '--frobnicate'/],
        ["an unknown command", () => ["frobnicate"], /unknown command "frobnicate"/],
    ];
    for (const [what, args, message] of badInput) {
        it(`bad input → exit 2: ${what}`, async () => {
            const r = await cli(args());
            assert.equal(r.code, 2, r.stdout + r.stderr);
            assert.match(r.stderr, message);
            assert.ok(!r.stderr.includes("x".repeat(12)), "the secret given on the command line is echoed");
            assert.equal(r.stdout, "", "nothing is probed or printed on stdout");
        });
    }

    it("--help for each command exits 0", async () => {
        for (const args of [["--help"], ["check", "--help"], ["drift", "--help"], ["gitops", "--help"]]) {
            const r = await cli(args);
            assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
            assert.match(r.stdout, /Usage: m365-connectors/);
        }
    });

    describe("drift", () => {
        let file: string;
        let drifted: Scenario;
        before(async () => {
            drifted = await seedScenario(emulator, { profile: "activeroles-m365" });
            if (drifted.credential.kind !== "certificate") throw new Error("certificate expected");
            writeFileSync(path.join(dir, "drifted.cert.pem"), drifted.credential.certificatePem);
            writeFileSync(path.join(dir, "drifted.key.pem"), drifted.credential.privateKeyPem);
            emulator.directory.removeDirectoryRole(drifted.tenantId, drifted.clientId, "Exchange Administrator");
            file = path.join(dir, "connections.yaml");
            writeFileSync(
                file,
                [
                    "connections:",
                    `  - { name: ars, tenantId: ${ars.tenantId}, clientId: ${ars.clientId}, profile: activeroles-m365, certificate: ars.cert.pem, privateKey: ars.key.pem }`,
                    `  - { name: snow, tenantId: ${snow.tenantId}, clientId: ${snow.clientId}, cloud: AzureCloud, profile: snow-atlas-m365, secretEnv: SNOW_SECRET, secretExpiresAt: "${snow.credential.kind === "secret" ? snow.credential.expiresAt : ""}" }`,
                    `  - name: drifted`,
                    `    settings: { "Tenant ID": ${drifted.tenantId}, "Application ID": ${drifted.clientId}, "Tenant environment type": Azure Cloud }`,
                    `    profile: activeroles-m365`,
                    `    certificate: drifted.cert.pem`,
                    `    privateKey: drifted.key.pem`,
                ].join("\n"),
            );
        });

        it("a table of every connection; exit 1 because one drifted, naming its failing checks", async () => {
            const r = await cli(["drift", "--file", file, "--endpoint", emulator.url], { env: { SNOW_SECRET: secret } });
            assert.equal(r.code, 1, r.stderr);
            const lines = r.stdout.split("\n");
            assert.match(lines[0], /^TENANT\s+CONNECTOR\s+STATUS\s+FAILING CHECKS\s+CREDENTIAL DAYS LEFT$/);
            assert.match(r.stdout, new RegExp(`${ars.tenantId}\\s+ars\\s+OK\\s+-\\s+36[45]`));
            assert.match(r.stdout, new RegExp(`${snow.tenantId}\\s+snow\\s+OK\\s+-\\s+17[89]`));
            assert.match(r.stdout, new RegExp(`${drifted.tenantId}\\s+drifted\\s+DRIFT\\s+directoryRoles,exchangeCommand\\s`));
            assert.match(r.stdout, /3 connection\(s\): 2 ok, 0 warn, 1 drift, 0 error/);
            noCredentialIn(r);
        });

        it("--json: a summary and one entry per connection", async () => {
            const r = await cli(["drift", "--file", file, "--endpoint", emulator.url, "--json", "--concurrency", "2"], { env: { SNOW_SECRET: secret } });
            assert.equal(r.code, 1);
            const out = JSON.parse(r.stdout);
            assert.deepEqual(out.summary, { total: 3, ok: 2, warn: 0, drift: 1, error: 0 });
            const d = out.connections.find((c: { name: string }) => c.name === "drifted");
            assert.deepEqual(d.failingChecks, ["directoryRoles", "exchangeCommand"]);
            assert.equal(d.status, "drift");
            noCredentialIn(r);
        });

        it("exit 1 when a credential is inside its warning window, naming the connector and how to renew", async () => {
            const soon = path.join(dir, "soon.json");
            const expires = new Date(Date.now() + 12 * 86_400_000).toISOString();
            writeFileSync(soon, JSON.stringify([{ name: "snow-soon", tenantId: snow.tenantId, clientId: snow.clientId, profile: "snow-atlas-m365", secretEnv: "SNOW_SECRET", secretExpiresAt: expires }]));
            const r = await cli(["drift", "--file", soon, "--endpoint", emulator.url], { env: { SNOW_SECRET: secret } });
            assert.equal(r.code, 1, r.stdout + r.stderr);
            assert.match(r.stdout, /1 connection\(s\): 0 ok, 1 warn/);
            assert.match(r.stderr, /^expiring: snow-soon: the client secret expires in 1[12] day\(s\) \(warning at 30\).*create a new secret/m);
            noCredentialIn(r);
        });

        it("exit 0 when nothing drifted", async () => {
            const clean = path.join(dir, "clean.json");
            writeFileSync(clean, JSON.stringify([{ name: "snow", tenantId: snow.tenantId, clientId: snow.clientId, profile: "snow-atlas-m365", secretEnv: "SNOW_SECRET" }]));
            const r = await cli(["drift", "--file", clean, "--endpoint", emulator.url], { env: { SNOW_SECRET: secret } });
            assert.equal(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stdout, /1 connection\(s\): 1 ok/);
        });

        it("exit 2 for an inline credential, naming the entry; nothing is probed", async () => {
            const inline = path.join(dir, "inline.yaml");
            writeFileSync(inline, `- { name: snow, tenantId: ${snow.tenantId}, clientId: ${snow.clientId}, profile: snow-atlas-m365, clientSecret: ${secret} }\n`);
            emulator.resetStats();
            const r = await cli(["drift", "--file", inline, "--endpoint", emulator.url]);
            assert.equal(r.code, 2);
            assert.match(r.stderr, /connections\[0\]\.clientSecret: credentials are not accepted inline in a drift file/);
            assert.equal(emulator.stats().token, 0, "nothing was probed");
            noCredentialIn(r);
        });
    });
});
