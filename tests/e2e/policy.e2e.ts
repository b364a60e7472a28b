/**
 * The guardrails policy pack (policy/) on the real engine: `pulumi preview --policy-pack policy`
 * of the repository's own program with the real azuread plugin, against the emulator. A stack
 * whose custom connector adds Global Administrator and Directory.ReadWrite.All is blocked with
 * the policy's message; the same stack within the profile passes; the limits are policy config
 * (`--policy-pack-config`). Nothing is deployed: previews only.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { runGitOps } from "../../cli/gitops";
import { azureadPluginDir, newStackName, NS, PROGRAM_DIR, PulumiSandbox, pulumiBin, ROOT, type CommandResult } from "./helpers";
import { TenantTarget } from "./target";

const text = (r: CommandResult) => `${r.stdout}\n${r.stderr}`;
const POLICY_DIR = join(ROOT, "policy");

describe("e2e: the guardrails policy pack blocks over-privileged connectors at pulumi preview", function () {
    this.timeout(900_000);

    let sandbox: PulumiSandbox;
    let tenant: TenantTarget;

    /** Creates a stack with `connectors` and runs `pulumi preview` with the pack (and `extra` args). */
    async function preview(connectors: unknown[], extra: string[] = []): Promise<CommandResult> {
        const stack = newStackName("policy");
        const configFile = join(sandbox.dir, `Pulumi.${stack}.yaml`);
        await sandbox.initStack(stack);
        await sandbox.writeConfigFile(configFile, stack, { ...tenant.stackConfig(NS), [`${NS}:connectors`]: connectors }, {});
        return sandbox.pulumi(["preview", "--stack", stack, "--config-file", configFile, "--color", "never", "--policy-pack", POLICY_DIR, ...extra], {
            env: tenant.pulumiEnv(),
        });
    }

    before(async () => {
        tenant = await TenantTarget.emulated("AzureCloud");
        sandbox = new PulumiSandbox(pulumiBin(), [azureadPluginDir()]);
    });

    after(async () => {
        sandbox?.dispose();
        await tenant?.dispose();
    });

    it("blocks a custom connector that adds Global Administrator and Directory.ReadWrite.All, naming the resource, the right and the remedy", async () => {
        const r = await preview([
            {
                name: "greedy",
                profile: "custom",
                base: "snow-atlas-m365",
                appRoles: ["Directory.ReadWrite.All"],
                directoryRoles: ["Global Administrator"],
            },
        ]);
        const out = text(r);
        assert.notEqual(r.code, 0, `preview must fail\n${out}`);
        assert.match(out, /connector-privileged-rights/);
        assert.match(out, /mandatory/);
        assert.match(out, /directory-role assignment "greedy-role-global-administrator" gives connector "greedy" the directory role Global Administrator, which Microsoft lists as privileged/);
        assert.match(out, /app-role assignment "greedy-consent-microsoft-graph-directory-readwrite-all" gives connector "greedy" the application permission Microsoft Graph\/Directory\.ReadWrite\.All/);
        assert.match(out, /profile "custom" \(based on "snow-atlas-m365"\) does not ask for it/);
        assert.match(out, /allowedRights\["greedy"\]/);
    });

    it("passes the same connector within its profile (advisories only), and a waiver in the policy config lets the extra rights through", async () => {
        const within = await preview([{ name: "modest", profile: "custom", base: "snow-atlas-m365", appRoles: ["Group.Read.All"] }]);
        const out = text(within);
        assert.equal(within.code, 0, `preview must pass\n${out}`);
        assert.match(out, /connector-extra-rights/, "the non-privileged extra is reported");
        assert.match(out, /Microsoft Graph\/Group\.Read\.All/);
        assert.doesNotMatch(out, /connector-privileged-rights/);

        const config = join(sandbox.dir, "waiver.json");
        writeFileSync(config, JSON.stringify({ "connector-privileged-rights": { allowedRights: { greedy: ["Global Administrator", "Directory.ReadWrite.All"] } } }));
        const waived = await preview(
            [{ name: "greedy", profile: "custom", base: "snow-atlas-m365", appRoles: ["Directory.ReadWrite.All"], directoryRoles: ["Global Administrator"] }],
            ["--policy-pack-config", config],
        );
        assert.equal(waived.code, 0, `the waived preview must pass\n${text(waived)}`);
    });

    it("takes limits and enforcement levels from --policy-pack-config (the README's example file)", async () => {
        const r = await preview([{ name: "snow", profile: "snow-atlas-m365" }], ["--policy-pack-config", join(POLICY_DIR, "policy-config.example.json")]);
        const out = text(r);
        assert.notEqual(r.code, 0, `preview must fail\n${out}`);
        assert.match(out, /\[mandatory\]\s+connector-credential-lifetime/);
        assert.match(out, /client secret "snow-secret" of connector "snow" is valid for [\d.]+ days \(from now to [^)]+\), above the limit of 90 days\. .*secretLifetimeDays.*maxSecretDays/);
        assert.doesNotMatch(out, /connector-owners/, "disabled in the example config");
    });

    it("the GitOps runner runs the pack on preview (--policy-pack): the over-privileged tenant fails, named with the policy and resource", async () => {
        const tenantsDir = join(sandbox.dir, "tenants");
        mkdirSync(tenantsDir);
        const greedy = newStackName("greedy");
        const modest = newStackName("modest");
        for (const [stack, connector] of [
            [greedy, { name: "greedy", profile: "custom", base: "snow-atlas-m365", directoryRoles: ["Global Administrator"] }],
            [modest, { name: "modest", profile: "snow-atlas-m365" }],
        ] as const) {
            await sandbox.initStack(stack);
            await sandbox.writeConfigFile(join(tenantsDir, `${stack}.yaml`), stack, { ...tenant.stackConfig(NS), [`${NS}:connectors`]: [connector] }, {});
        }
        // The pinned CLI (<root>/bin/pulumi), whether or not it is on this process's PATH.
        const pulumiCommand = await PulumiCommand.get({ root: dirname(pulumiBin()), skipVersionCheck: true });
        const envVars = { ...sandbox.env, ...tenant.pulumiEnv() };
        const run = await runGitOps("preview", { tenantsDir, concurrency: 2, workDir: PROGRAM_DIR, envVars, pulumiCommand, policyPacks: [POLICY_DIR] });
        const failed = run.results.find((r) => r.stack === greedy)!;
        const passed = run.results.find((r) => r.stack === modest)!;
        assert.equal(run.exitCode, 1, run.summary);
        assert.equal(failed.status, "failed", JSON.stringify(failed));
        assert.match(failed.error ?? "", /policy connector-privileged-rights \(azuread:index:DirectoryRoleAssignment: greedy-role-global-administrator\)/);
        assert.equal(passed.status, "changes", JSON.stringify(passed));
    });
});
