/**
 * The GitOps runner (cli/gitops/) on the Automation API with two tenants on the emulator: preview,
 * up, a clean drift run, then consent revoked in one tenant → exit 1 naming that tenant only;
 * bad input → exit 2 before any stack runs.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { gitopsCommand, runGitOps, type GitOpsOptions, type GitOpsRun } from "../../cli/gitops";
import { connectorEntry, connectorSecrets, newStackName, newTenantId, NS, PROGRAM_DIR, PulumiSandbox, seedApp, startTrustedEmulator, type SeededApp } from "./helpers";

describe("e2e: GitOps runner (Automation API) with two tenants", function () {
    this.timeout(300_000);

    let emulator: RunningEmulator;
    let sandbox: PulumiSandbox;
    let tenantsDir: string;
    let options: GitOpsOptions;
    const alpha = newStackName("alpha");
    const beta = newStackName("beta");
    let alphaApp: SeededApp;
    let betaApp: SeededApp;
    const byStack = (run: GitOpsRun, stack: string) => run.results.find((r) => r.stack === stack)!;
    const show = (run: GitOpsRun) => `${run.summary}\n${run.results.map((r) => r.error ?? "").join("\n")}`;

    before(async () => {
        sandbox = new PulumiSandbox();
        emulator = await startTrustedEmulator();
        alphaApp = await seedApp(emulator, newTenantId(), "snow-atlas-m365");
        betaApp = await seedApp(emulator, newTenantId(), "activeroles-m365");
        tenantsDir = join(sandbox.dir, "tenants");
        mkdirSync(tenantsDir);
        writeFileSync(join(tenantsDir, "README.md"), "not a tenant file: ignored\n");
        for (const [stack, app, name] of [[alpha, alphaApp, "snow-m365"], [beta, betaApp, "ars-m365"]] as const) {
            await sandbox.initStack(stack);
            await sandbox.writeConfigFile(
                join(tenantsDir, `${stack}.yaml`),
                stack,
                { [`${NS}:tenantId`]: app.tenantId, [`${NS}:endpointOverride`]: emulator.url, [`${NS}:connectors`]: [connectorEntry(name, app)] },
                connectorSecrets(0, app),
            );
        }
        options = { tenantsDir, concurrency: 2, workDir: PROGRAM_DIR, envVars: sandbox.env };
    });

    after(async () => {
        if (sandbox && process.env.M365C_E2E_KEEP !== "1") {
            for (const stack of [alpha, beta]) {
                await sandbox.pulumi(["destroy", "--yes", "--skip-preview", "--stack", stack, "--config-file", join(tenantsDir, `${stack}.yaml`)]);
            }
            sandbox.dispose();
        }
        await emulator?.stop();
    });

    it("refuses bad input with exit code 2 before running any stack", async () => {
        const verb = await runGitOps("apply", options);
        assert.equal(verb.exitCode, 2);
        assert.match(verb.summary, /unknown verb "apply".*preview, up, drift/);
        const empty = join(sandbox.dir, "empty");
        mkdirSync(empty);
        assert.equal((await runGitOps("drift", { ...options, tenantsDir: empty })).exitCode, 2);
        assert.equal((await runGitOps("drift", { ...options, concurrency: 0 })).exitCode, 2);
        assert.equal((await runGitOps("drift", { ...options, stacks: ["nope"] })).exitCode, 2);
        const err: string[] = [];
        const io = { out: (t: string) => err.push(t), err: (t: string) => err.push(t) };
        assert.equal(await gitopsCommand(["drift", "--concurrency", "many", "--tenants", tenantsDir], io), 2);
        assert.equal(await gitopsCommand(["drift", "up"], io), 2);
        assert.match(err.join("\n"), /concurrency: must be a whole number/);
        const bad = join(sandbox.dir, "bad");
        mkdirSync(bad);
        writeFileSync(join(bad, "acme.yaml"), "config:\n  m365-connectors:tenantId: x\nconnectors: []\n");
        assert.match((await runGitOps("up", { ...options, tenantsDir: bad })).summary, /acme\.yaml: connectors: is not a key of a Pulumi stack configuration file/);
        writeFileSync(join(bad, "acme.yaml"), "config: [\n");
        assert.match((await runGitOps("up", { ...options, tenantsDir: bad })).summary, /acme\.yaml: is not valid YAML/);
    });

    it("preview shows what up would create in each tenant (exit 0)", async () => {
        const run = await runGitOps("preview", options);
        assert.equal(run.exitCode, 0, show(run));
        for (const stack of [alpha, beta]) {
            assert.equal(byStack(run, stack).status, "changes");
            assert.equal(byStack(run, stack).changes.create, 2, "the stack and its connection");
        }
    });

    it("up (with --refresh, as in CI) proves every tenant's connection (exit 0)", async () => {
        const run = await runGitOps("up", { ...options, refresh: true });
        assert.equal(run.exitCode, 0, show(run));
        assert.deepEqual(run.results.map((r) => r.status), ["ok", "ok"]);
    });

    it("drift finds nothing while the tenants match their stacks (exit 0)", async () => {
        const run = await runGitOps("drift", options);
        assert.equal(run.exitCode, 0, show(run));
        assert.deepEqual(run.results.map((r) => r.status), ["ok", "ok"]);
    });

    it("consent revoked in one tenant: drift exits 1 and names that tenant only", async () => {
        emulator.directory.revokeAppRole(betaApp.tenantId, betaApp.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const run = await runGitOps("drift", options);
        if (process.env.M365C_E2E_VERBOSE === "1") console.log(run.summary);
        assert.equal(run.exitCode, 1, show(run));
        assert.equal(byStack(run, alpha).status, "ok");
        const drifted = byStack(run, beta);
        assert.equal(drifted.status, "drift", show(run));
        assert.equal(drifted.changed.length, 1);
        assert.equal(drifted.changed[0].name, "ars-m365");
        assert.ok(drifted.changed[0].properties.includes("status"), drifted.changed[0].properties.join(","));
        const betaRow = run.summary.split("\n").find((l) => l.startsWith(beta)) ?? "";
        assert.match(betaRow, /DRIFT.*ars-m365/);
        assert.match(run.summary, /exit 1$/);
    });

    it("restored consent: the gitops command reports the tenant clean again (exit 0)", async () => {
        emulator.directory.grantAppRole(betaApp.tenantId, betaApp.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const out: string[] = [];
        const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
        // The command takes backend and passphrase from the environment, as in CI.
        const saved = { ...process.env };
        Object.assign(process.env, sandbox.env);
        try {
            const code = await gitopsCommand(["drift", "--tenants", tenantsDir, "--stack", beta, "--work-dir", PROGRAM_DIR], io);
            assert.equal(code, 0, out.join("\n"));
        } finally {
            for (const k of Object.keys(sandbox.env)) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        }
        assert.match(out.join("\n"), new RegExp(`^${beta}\\s+drift\\s+OK`, "m"));
        assert.match(out.join("\n"), /1 tenant\(s\): 1 ok; exit 0/);
    });

    it("a credential inside warnDays fails the nightly drift run, naming the tenant, the connector and how to renew", async () => {
        const file = join(tenantsDir, `${beta}.yaml`);
        // The seeded certificate lives a year: with warnDays 365 it is inside the window.
        await sandbox.ok(["config", "set", "--stack", beta, "--config-file", file, `${NS}:warnDays`, "365"]);
        const up = await runGitOps("up", { ...options, stacks: [beta] });
        assert.equal(up.exitCode, 0, show(up));
        const out: string[] = [];
        const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
        const saved = { ...process.env };
        Object.assign(process.env, sandbox.env);
        try {
            const code = await gitopsCommand(["drift", "--tenants", tenantsDir, "--work-dir", PROGRAM_DIR], io);
            assert.equal(code, 1, out.join("\n"));
        } finally {
            for (const k of Object.keys(sandbox.env)) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        }
        const text = out.join("\n");
        assert.match(text, new RegExp(`^${beta}\\s+drift\\s+OK\\s.*ars-m365 credential expires in 36[45] day\\(s\\)`, "m"), "the summary row names the connector");
        assert.match(text, new RegExp(`^${alpha}\\s+drift\\s+OK`, "m"));
        assert.match(text, new RegExp(`^${beta}: connector ars-m365: the credential expires in 36[45] day\\(s\\) \\(.+\\); renew the credential of the application ${betaApp.clientId}`, "m"));
        assert.match(text, /2 tenant\(s\): 2 ok; exit 1/);
    });
});
