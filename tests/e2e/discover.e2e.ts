/**
 * Bring an existing tenant, on the real engine: a tenant configured by hand (seeded in the
 * emulator as each wizard leaves it), `m365-connectors discover --write --import`, then the real
 * `pulumi import --file` with the real azuread plugin, then `pulumi preview` of the repository's
 * program with the written tenant file. Every consent and role assignment is imported and shows no
 * change; what remains to create is only what cannot be imported (the stack's own credential,
 * the connection proof); `gitops preview` over the tenant folder says the same. After `pulumi up`
 * the tenant still holds the same grant objects and the next preview (and `gitops preview`) shows
 * no changes at all.
 *
 * Emulator only: the hand-made configuration is seeded through the emulator's directory API.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { parse } from "yaml";
import { resolveProfile, type ProfileSpec } from "../../catalog";
import { runGitOps } from "../../cli/gitops";
import { createSelfSignedCertificate } from "../../emulator";
import { runCli } from "../cli/run";
import { azureadPluginDir, newStackName, PROGRAM_DIR, pulumiBin, PulumiSandbox, type CommandResult } from "./helpers";
import { TenantTarget } from "./target";

const text = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

/** One step of `pulumi preview --json`. */
interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly newState?: { readonly type: string };
    readonly oldState?: { readonly type: string };
}

/** Resource types the program creates that `pulumi import` cannot adopt (see cli/discover/importFile.ts). */
const NOT_IMPORTABLE = [
    "pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection",
    "pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate",
    "azuread:index/applicationCertificate:ApplicationCertificate",
    "azuread:index/applicationPassword:ApplicationPassword",
];

describe("e2e: discover an existing tenant, pulumi import, pulumi preview", function () {
    this.timeout(1_200_000);

    let sandbox: PulumiSandbox;
    let tenant: TenantTarget;
    let stack: string;
    let tenantFile: string;
    let importFile: string;
    let grantsBefore: Record<string, string[]>;
    const clients: Record<string, string> = {};

    // The runner's Automation API finds the CLI on this process's PATH (scripts/e2e.js puts it
    // there); name it explicitly so the suite also runs from scripts/test.js.
    const gitopsPreview = async () =>
        runGitOps("preview", {
            tenantsDir: join(sandbox.dir, "tenants"), concurrency: 1, workDir: PROGRAM_DIR, envVars: { ...sandbox.env, ...tenant.pulumiEnv() },
            pulumiCommand: await PulumiCommand.get({ root: dirname(pulumiBin()), skipVersionCheck: true }),
        });
    const pulumi = (args: string[]): Promise<CommandResult> =>
        sandbox.pulumi([...args, "--stack", stack, "--config-file", tenantFile, "--color", "never"], { env: tenant.pulumiEnv() });

    before(async () => {
        tenant = await TenantTarget.emulated("AzureCloud", 0);
        sandbox = new PulumiSandbox(pulumiBin(), [azureadPluginDir()]);
        const cert = await createSelfSignedCertificate({ commonName: "Active Roles Sync" });
        const seed = (key: string, displayName: string, spec: ProfileSpec, kind: "certificate" | "secret") => {
            clients[key] = tenant.emulator!.directory.seedConnector({
                tenantId: tenant.tenantId, displayName, profile: resolveProfile(spec),
                credential: kind === "certificate" ? { kind, certificatePem: cert.certificatePem } : { kind, secret: `hand~${key}~0123456789abcdef` },
            }).clientId;
        };
        seed("auto", "Active Roles M365 auto", { profile: "activeroles-m365" }, "certificate");
        seed("manual", "Active Roles M365 manual", { profile: "custom", base: "activeroles-m365", appRoles: ["Directory.Read.All"] }, "certificate");
        seed("snow", "Snow Atlas M365", { profile: "snow-atlas-m365" }, "secret");
        seed("unrelated", "Payroll export", { profile: "custom", appRoles: ["Group.Read.All"] }, "secret");
        seed("near", "Active Roles half done", { profile: "custom", appRoles: ["Office 365 Exchange Online/Exchange.ManageAsApp"], delegatedScopes: ["User.Read"], directoryRoles: ["Directory Writers", "Exchange Administrator"] }, "certificate");
        stack = newStackName("brownfield");
        mkdirSync(join(sandbox.dir, "tenants"));
        tenantFile = join(sandbox.dir, "tenants", `${stack}.yaml`);
        importFile = join(sandbox.dir, "import.json");
        await sandbox.initStack(stack);
        const snap = await tenant.snapshot();
        grantsBefore = { appRoleAssignments: snap.appRoleAssignments, delegatedGrants: snap.delegatedGrants, roleAssignments: snap.roleAssignments };
    });

    after(async () => {
        if (sandbox && process.env.M365C_E2E_KEEP !== "1") sandbox.dispose();
        await tenant?.dispose();
    });

    it("discover writes a tenant file adopting the three configured connectors and the import document of their grants", async () => {
        const env = { ...tenant.pulumiEnv(), ARM_TENANT_ID: tenant.tenantId };
        const r = await runCli(["discover", "--endpoint", tenant.emulator!.url, "--write", tenantFile, "--import", importFile], { env });
        assert.equal(r.code, 0, text(r));
        assert.match(r.stdout, /3 adopted, 1 reported without adopting/);
        assert.match(r.stdout, /INCOMPLETE\s+"Active Roles half done"/);
        const connectors = parse(readFileSync(tenantFile, "utf8")).config["m365-connectors:connectors"];
        assert.deepEqual(connectors.map((c: { existingApplication: { clientId: string } }) => c.existingApplication.clientId).sort(), [clients.auto, clients.manual, clients.snow].sort());
        assert.ok(!readFileSync(tenantFile, "utf8").includes("0123456789abcdef"), "no secret in the tenant file");
    });

    it("pulumi import --file adopts every consent and role assignment; the next preview changes none of them and creates only what cannot be imported", async () => {
        const imported = await pulumi(["import", "--file", importFile, "--yes", "--generate-code=false"]);
        assert.equal(imported.code, 0, text(imported));
        const doc = JSON.parse(readFileSync(importFile, "utf8"));
        const grants = doc.resources.filter((x: { component?: boolean }) => !x.component).length;
        // 2 × Microsoft 365 (1 consent + 1 delegated + 3 roles) + Snow Atlas (4 consents + 1 delegated)
        assert.equal(grants, 15);
        assert.match(imported.stdout, new RegExp(`= ${grants + 3} imported`), imported.stdout);

        const preview = await pulumi(["preview", "--json"]);
        assert.equal(preview.code, 0, text(preview));
        const steps = (JSON.parse(preview.stdout).steps ?? []) as PreviewStep[];
        const typeOf = (s: PreviewStep) => s.newState?.type ?? s.oldState?.type ?? "";
        const changed = steps.filter((s) => s.op !== "same" && s.op !== "create");
        assert.deepEqual(changed.map((s) => `${s.op} ${s.urn}`), [], "nothing is updated, replaced or deleted");
        const created = steps.filter((s) => s.op === "create");
        assert.deepEqual([...new Set(created.map(typeOf).filter((t) => !NOT_IMPORTABLE.includes(t)))], [], "only what cannot be imported is created");
        const same = new Set(steps.filter((s) => s.op === "same").map((s) => s.urn.split("::").pop()));
        for (const r of doc.resources) assert.ok(same.has(r.name), `${r.name} is unchanged`);
        // The `tenant` provider the import created is the one the program declares: a create or an
        // update of it would be in `changed` or fail the check on created types above.
        // What remains: per connector its proof, and a credential of its own (Snow Atlas: a secret; Active Roles: a generated certificate).
        assert.equal(created.filter((s) => typeOf(s).endsWith("ConnectorConnection")).length, 3);
        assert.equal(created.filter((s) => typeOf(s).endsWith("ApplicationPassword")).length, 1);
        assert.equal(created.filter((s) => typeOf(s).endsWith("ApplicationCertificate")).length, 2);

        // The GitOps runner over the committed tenant file says the same.
        const run = await gitopsPreview();
        const result = run.results.find((x) => x.stack === stack)!;
        assert.equal(result.status, "changes", run.summary);
        // (and two default providers, neither a tenant object: the dynamic resources' one, and the
        // engine's built-in one, through which the program reads its last `rotation` output)
        const allowed = [...NOT_IMPORTABLE, "pulumi:providers:pulumi-nodejs", "pulumi:providers:pulumi"].map((t) => `create ${t}`);
        assert.deepEqual([...new Set(result.changed.map((c) => `${c.op} ${c.type}`))].filter((c) => !allowed.includes(c)), [], run.summary);
    });

    it("pulumi up adds only the credentials and the proofs: the hand-made grant objects are the same, every connection passes, and the next preview shows no changes", async () => {
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(up.code, 0, text(up));
        const snap = await tenant.snapshot();
        assert.deepEqual({ appRoleAssignments: snap.appRoleAssignments, delegatedGrants: snap.delegatedGrants, roleAssignments: snap.roleAssignments }, grantsBefore);
        const out = JSON.parse((await sandbox.ok(["stack", "output", "--json", "--stack", stack])).stdout) as { connections: Record<string, { status: string }> };
        assert.deepEqual(Object.values(out.connections).map((c) => c.status), ["pass", "pass", "pass"]);
        const again = await pulumi(["preview", "--expect-no-changes"]);
        assert.equal(again.code, 0, text(again));
        const run = await gitopsPreview();
        assert.equal(run.exitCode, 0, run.summary);
        assert.equal(run.results.find((x) => x.stack === stack)?.status, "ok", run.summary);
    });
});
