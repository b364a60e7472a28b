/**
 * Managed mode on the real engine: the repository's own program (index.ts) with the real azuread
 * resource plugin, against the emulator (or a real test tenant: `npm run test:live`). `pulumi up`
 * creates the application, service principal, consent, roles and credential of each connector and
 * the connection proves them; drift behind Pulumi's back is seen and repaired; user errors reach
 * the user readable, with the fix; `pulumi destroy` leaves the tenant as it was.
 *
 * Every assertion on the tenant reads it through Microsoft Graph with the deployer's token
 * (./target.ts), and the steps "behind Pulumi's back" are Graph calls too, so the suite means the
 * same against a real tenant. Steps that need a second deployer or a second cloud run on the
 * emulator only, and say so when skipped.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DirectoryRoles } from "../../catalog";
import { runCli } from "../cli/run";
import { azureadPluginDir, newStackName, NS, pemLines, PROGRAM_DIR, pulumiBin, PulumiSandbox, type CommandResult } from "./helpers";
import { DEPLOYER_PERMISSIONS, TenantTarget, type ConnectorState } from "./target";

const live = process.env.M365C_LIVE === "1";
const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const text = (r: CommandResult) => `${r.stdout}\n${r.stderr}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Replication lag of the emulator's writes: the provider's and the connection's waits must survive it. */
const LAG_MS = 1_000;

type Outputs = {
    settings: Record<string, Record<string, string>>;
    details: Record<string, Record<string, string>>;
    connections: Record<string, { status: string; failingChecks: string[] }>;
};

/** One stack of the program on one target, with its own config file. */
class Stack {
    readonly name: string;
    readonly configFile: string;
    constructor(readonly sandbox: PulumiSandbox, readonly target: TenantTarget, prefix: string) {
        this.name = newStackName(prefix);
        this.configFile = join(sandbox.dir, `Pulumi.${this.name}.yaml`);
    }
    async init(connectors: unknown[], extra: Record<string, unknown> = {}): Promise<void> {
        await this.sandbox.initStack(this.name);
        await this.sandbox.writeConfigFile(this.configFile, this.name, { ...this.target.stackConfig(NS), [`${NS}:connectors`]: connectors, ...extra }, {});
    }
    /** `pulumi <args> --stack S --config-file F` as the target's deployer; never rejects. */
    cmd(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
        return this.sandbox.pulumi([...args, "--stack", this.name, "--config-file", this.configFile, "--color", "never"], { env: { ...this.target.pulumiEnv(), ...env } });
    }
    async ok(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
        const r = await this.cmd(args, env);
        assert.equal(r.code, 0, `pulumi ${args.join(" ")} exited ${r.code}\n${text(r)}`);
        return r;
    }
    up(env: Record<string, string> = {}): Promise<CommandResult> {
        return this.cmd(["up", "--yes", "--skip-preview"], env);
    }
    driftCheck(): Promise<CommandResult> {
        return this.cmd(["refresh", "--preview-only", "--expect-no-changes", "--diff"]);
    }
    async outputs(): Promise<Outputs> {
        return JSON.parse((await this.sandbox.ok(["stack", "output", "--json", "--show-secrets", "--stack", this.name])).stdout) as Outputs;
    }
    async destroy(): Promise<void> {
        await this.ok(["destroy", "--yes", "--skip-preview"]);
        await this.sandbox.pulumi(["stack", "rm", this.name, "--yes", "--force"]);
    }
}

/** Polls `read` until `done` holds (replication), at most `seconds`. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, seconds = live ? 300 : 15): Promise<T> {
    const until = Date.now() + seconds * 1000;
    for (;;) {
        const v = await read();
        if (done(v) || Date.now() > until) return v;
        await sleep(500);
    }
}

describe("e2e: managed mode with the real azuread provider", function () {
    this.timeout(1_200_000);

    let sandbox: PulumiSandbox;
    let tenant: TenantTarget;
    let initial: Record<string, string[]>;
    const stacks: Stack[] = [];
    let main: Stack;
    const arsName = `e2e ARS M365 ${run}`;
    const snowName = `e2e Snow ${run}`;
    let ars: ConnectorState;
    let snow: ConnectorState;
    /** A second deployer without RoleManagement.ReadWrite.Directory (emulator only), made before the "before" snapshot. */
    let weakDeployer: TenantTarget | undefined;

    const newStack = (prefix: string, target: TenantTarget = tenant) => {
        const s = new Stack(sandbox, target, prefix);
        stacks.push(s);
        return s;
    };

    before(async function () {
        if (live) {
            const t = TenantTarget.live();
            if (typeof t === "string") {
                console.log(`      skipped: no live tenant: ${t}`);
                this.skip();
            }
            tenant = t as TenantTarget;
        } else {
            tenant = await TenantTarget.emulated("AzureCloud", LAG_MS);
        }
        sandbox = new PulumiSandbox(pulumiBin(), [azureadPluginDir()]);
        if (tenant.emulated) {
            weakDeployer = tenant.withDeployer(tenant.addDeployer("deployer without role management", DEPLOYER_PERMISSIONS.filter((p) => p !== "RoleManagement.ReadWrite.Directory")));
        }
        // The second deployer replicates like any write: wait until the tenant shows it.
        initial = await eventually(() => tenant.snapshot(), (s) => !weakDeployer || s.applications.some((a) => a.startsWith("deployer without role management ")));
        main = newStack("managed");
        await main.init([
            { name: "ars-m365", profile: "activeroles-m365", displayName: arsName, credential: { validityMonths: 1, renewBeforeDays: 10 } },
            { name: "snow-m365", profile: "snow-atlas-m365", displayName: snowName },
        ]);
    });

    after(async () => {
        if (sandbox && process.env.M365C_E2E_KEEP !== "1") {
            for (const s of stacks.reverse()) await s.cmd(["destroy", "--yes", "--skip-preview"]);
            sandbox.dispose();
        }
        await tenant?.dispose();
    });

    it("pulumi up creates the application, service principal, consent, roles and credential of each connector, and each connection passes", async () => {
        await main.ok(["up", "--yes", "--skip-preview"]);
        const out = await main.outputs();
        ars = (await tenant.connectorState(arsName))!;
        snow = (await tenant.connectorState(snowName))!;
        assert.ok(ars && snow, "both applications exist");

        assert.deepEqual(out.settings["ars-m365"], {
            "Tenant ID": tenant.tenantId,
            "Application ID": ars.clientId,
            "Certificate thumbprint": ars.certificateThumbprints[0],
            "Tenant environment type": "Azure Cloud",
        });
        assert.equal(ars.certificateThumbprints.length, 1);
        assert.equal(ars.signInAudience, "AzureADMyOrg");
        assert.ok(ars.servicePrincipalObjectId);
        assert.deepEqual(ars.appRoles, ["Office 365 Exchange Online/Exchange.ManageAsApp"]);
        assert.deepEqual(ars.delegatedScopes, ["Microsoft Graph/User.Read"]);
        assert.deepEqual(ars.directoryRoleTemplateIds, [DirectoryRoles["Directory Writers"], DirectoryRoles["Exchange Administrator"], DirectoryRoles["User Administrator"]].sort());
        assert.equal(out.details["ars-m365"].applicationObjectId, ars.objectId);
        assert.match(out.details["ars-m365"].pfxBase64, /^[A-Za-z0-9+/]+=*$/);
        assert.equal(out.connections["ars-m365"].status, "pass");

        assert.equal(out.settings["snow-m365"]["Tenant ID"], tenant.tenantId);
        assert.equal(out.settings["snow-m365"]["Client ID"], snow.clientId);
        assert.match(out.settings["snow-m365"]["Client secret"], /\S{16,}/);
        assert.deepEqual(snow.appRoles, ["Directory.Read.All", "Organization.Read.All", "Reports.Read.All", "User.Read.All"].map((v) => `Microsoft Graph/${v}`));
        assert.deepEqual(snow.delegatedScopes, ["Microsoft Graph/offline_access"]);
        assert.deepEqual(snow.directoryRoleTemplateIds, []);
        assert.deepEqual(snow.redirectUris, ["http://localhost/"]);
        assert.equal(snow.secretCount, 1);
        assert.equal(out.connections["snow-m365"].status, "pass");
    });

    it("pulumi refresh --preview-only --expect-no-changes is clean right after", async () => {
        const r = await main.driftCheck();
        assert.equal(r.code, 0, text(r));
    });

    it("consent revoked behind Pulumi's back is drift of both the azuread resource and the connection; pulumi up --refresh repairs it", async () => {
        await tenant.revokeAppRole(ars.servicePrincipalObjectId!, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const gone = await eventually(() => tenant.connectorState(arsName), (s) => s!.appRoles.length === 0);
        assert.deepEqual(gone!.appRoles, []);
        await sleep(LAG_MS + 500); // Graph reads and tokens see the same replicated state

        const drift = await main.driftCheck();
        const t = text(drift);
        if (process.env.M365C_E2E_VERBOSE === "1") console.log(t);
        assert.notEqual(drift.code, 0, t);
        assert.match(t, /ars-m365-consent-office-365-exchange-online-exchange-manageasapp/, "the AppRoleAssignment is reported");
        assert.match(t, /-\s+azuread:index:AppRoleAssignment: \(delete\)|deleted|- .*AppRoleAssignment/i, "…as gone");
        assert.match(t, /status\s*: "pass" => "fail"/, "the connection drifted");
        assert.match(t, /without admin consent: Exchange\.ManageAsApp/);
        assert.doesNotMatch(t, /snow-m365-connection.*update/, "only the revoked connector drifted");

        await main.ok(["up", "--refresh", "--yes", "--skip-preview"]);
        const repaired = await tenant.connectorState(arsName);
        assert.deepEqual(repaired!.appRoles, ["Office 365 Exchange Online/Exchange.ManageAsApp"]);
        assert.equal((await main.outputs()).connections["ars-m365"].status, "pass");
        await sleep(LAG_MS + 500);
        const clean = await main.driftCheck();
        assert.equal(clean.code, 0, text(clean));
    });

    // The Active Roles connector holds a 1-month certificate renewed from 10 days before its end
    // (due after 20.4 days, expiring after 30.4), so switchOverDays defaults to 9: a rollover started on
    // day 21 ends on day 30, before the old certificate expires. M365C_CERTIFICATE_CLOCK_OFFSET_DAYS
    // moves the clock of renewal decisions (certificates keep real dates).
    it("certificate rollover, before the switch: the next certificate joins the one in use, both sign in, settings keep the old thumbprint", async () => {
        const old = (await main.outputs()).settings["ars-m365"]["Certificate thumbprint"];
        const r = await main.up({ M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "21" });
        assert.equal(r.code, 0, text(r));
        const out = (await main.outputs()) as Outputs & { expiry: Record<string, { renewal: string }> };
        const next = out.details["ars-m365"].nextCertificateThumbprint;
        assert.match(next, /^[0-9A-F]{40}$/);
        assert.equal(out.settings["ars-m365"]["Certificate thumbprint"], old, "the connector keeps its certificate");
        assert.ok(Math.abs(Date.parse(out.details["ars-m365"].certificateRemovedAfter) - (Date.now() + 30 * 86_400_000)) < 10 * 60_000, "removed 9 days after the next certificate was added (day 21 + 9)");
        assert.ok(out.details["ars-m365"].nextPfxBase64.length > 1000, "the next PFX is exported");
        const state = await eventually(() => tenant.connectorState(arsName), (s) => s!.certificateThumbprints.length === 2);
        assert.deepEqual([...state!.certificateThumbprints].sort(), [old, next].sort(), "both certificates are on the application");
        assert.equal(out.connections["ars-m365"].status, "pass");
        assert.equal((out.connections["ars-m365"] as unknown as { nextCredential: string }).nextCredential, "pass", "the next certificate is proved");
        assert.match(out.expiry["ars-m365"].renewal, new RegExp(`set the certificate thumbprint to ${next}.*m365-connectors rotate --confirm-switched --connector ars-m365`));
        // Every later run inside the switch-over plans the same thing.
        const during = await main.cmd(["preview", "--expect-no-changes"], { M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "29" });
        assert.equal(during.code, 0, `nothing changes during the switch-over: ${text(during)}`);
    });

    it("certificate rollover, the switch: m365-connectors rotate --confirm-switched removes the old certificate at once; the connection passes throughout", async () => {
        const before = await main.outputs();
        const next = before.details["ars-m365"].nextCertificateThumbprint;
        const stray = join(PROGRAM_DIR, `Pulumi.${main.name}.yaml`);
        const env = { ...process.env, ...sandbox.env, ...tenant.pulumiEnv(), M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "26" };
        const r = await runCli(["rotate", "--confirm-switched", "--connector", "ars-m365", "--stack", main.name, "--config-file", main.configFile, "--cwd", PROGRAM_DIR], { baseEnv: env });
        rmSync(stray, { force: true });
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, new RegExp(`credential\\.switchedTo = ${next}`));
        const out = await main.outputs();
        assert.equal(out.settings["ars-m365"]["Certificate thumbprint"], next, "the next certificate is the one in use");
        assert.equal(out.details["ars-m365"].nextCertificateThumbprint, undefined);
        const state = await eventually(() => tenant.connectorState(arsName), (s) => s!.certificateThumbprints.length === 1);
        assert.deepEqual(state!.certificateThumbprints, [next], "only the new certificate is on the application");
        assert.equal(out.connections["ars-m365"].status, "pass");
        const again = await main.cmd(["preview", "--expect-no-changes"]);
        assert.equal(again.code, 0, `after the switch nothing is pending: ${text(again)}`);
    });

    it("certificate rollover without a confirmation: the first pulumi up after switchOverDays removes the old certificate", async () => {
        const inUse = (await main.outputs()).settings["ars-m365"]["Certificate thumbprint"];
        assert.equal((await main.up({ M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "21" })).code, 0);
        const next = (await main.outputs()).details["ars-m365"].nextCertificateThumbprint;
        assert.match(next, /^[0-9A-F]{40}$/);
        const early = await main.up({ M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "29" });
        assert.equal(early.code, 0, text(early));
        assert.equal((await main.outputs()).settings["ars-m365"]["Certificate thumbprint"], inUse, "day 29: still switching");
        const late = await main.up({ M365C_CERTIFICATE_CLOCK_OFFSET_DAYS: "30.2" });
        assert.equal(late.code, 0, text(late));
        const out = await main.outputs();
        assert.equal(out.settings["ars-m365"]["Certificate thumbprint"], next);
        const state = await eventually(() => tenant.connectorState(arsName), (s) => s!.certificateThumbprints.length === 1);
        assert.deepEqual(state!.certificateThumbprints, [next]);
        assert.equal(out.connections["ars-m365"].status, "pass");
    });

    it("pulumi stack export holds no plaintext private key, client secret or PFX", async () => {
        const plain = (await sandbox.ok(["stack", "export", "--show-secrets", "--stack", main.name])).stdout;
        const key = /-----BEGIN PRIVATE KEY-----[^"]+-----END PRIVATE KEY-----/.exec(plain.replace(/\\n/g, "\n"))?.[0];
        assert.ok(key, "the generated key is in the state (as a secret)");
        const out = await main.outputs();
        const exported = (await sandbox.ok(["stack", "export", "--stack", main.name])).stdout;
        for (const line of pemLines(key!)) assert.ok(!exported.includes(line), "private key in plaintext");
        assert.ok(!exported.includes(out.settings["snow-m365"]["Client secret"]), "client secret in plaintext");
        assert.ok(!exported.includes(out.details["ars-m365"].pfxBase64.slice(0, 64)), "PFX in plaintext");
        assert.ok(!exported.includes(out.details["ars-m365"].pfxPassword), "PFX password in plaintext");
        assert.match(exported, /4dabf18193072939515e22adb298388d/, "they are stored as secrets");
    });

    it("a second stack with the same display name is stopped with how to adopt the application, and creates nothing; without the preflight, preventDuplicateNames stops it", async () => {
        const dup = newStack("dup");
        await dup.init([{ name: "ars-azuread", profile: "activeroles-azuread", displayName: arsName }]);
        const r = await dup.up();
        const t = text(r);
        assert.notEqual(r.code, 0, t);
        assert.match(t, new RegExp(`m365-connectors:connectors\\[0\\]\\.displayName: an application named "${arsName}" already exists in tenant ${tenant.tenantId} that this stack did not create \\(object ID ${ars.objectId}, client ID ${ars.clientId}\\)`), t);
        assert.match(t, new RegExp(`Adopt it: set existingApplication: \\{ objectId: ${ars.objectId}, clientId: ${ars.clientId} \\}`));
        assert.match(t, /Nothing was created/);
        // The stack that made it is not stopped by its own application (its ownership tag): shown by every `up` of `main` above.

        await dup.sandbox.ok(["config", "set", "--stack", dup.name, "--config-file", dup.configFile, `${NS}:preflight`, "false"]);
        const raw = await dup.up();
        const rt = text(raw);
        assert.notEqual(raw.code, 0, rt);
        // The azuread provider's own message names the application and its object ID.
        assert.match(rt, new RegExp(`An existing "azuread_application" with name "${arsName}" \\(ID: "${ars.objectId}"\\) was found and \`prevent_duplicate_names\` was specified`), rt);
        const apps = (await tenant.snapshot()).applications.filter((a) => a.startsWith(`${arsName} `));
        assert.equal(apps.length, 1, "no twin was created");
    });

    it("a deployer without RoleManagement.ReadWrite.Directory is stopped before anything is created, with the permission and the fix", async function () {
        if (!weakDeployer) {
            console.log("      skipped: needs a second deployer in the tenant (emulator only)");
            this.skip();
        }
        const weak = weakDeployer!;
        const name = `e2e no roles ${run}`;
        const stack = newStack("weak", weak);
        await stack.init([{ name: "ars-azuread", profile: "activeroles-azuread", displayName: name }]);
        const r = await stack.up();
        const t = text(r);
        assert.notEqual(r.code, 0, t);
        assert.match(t, /lacks RoleManagement\.ReadWrite\.Directory/, t);
        assert.match(t, /grant the deployer the Microsoft Graph application permission RoleManagement\.ReadWrite\.Directory with admin consent.*or assign it the Privileged Role Administrator role/s);
        assert.match(t, /nothing was created/);
        assert.doesNotMatch(t, /\s+at .*\.(ts|js):\d+/, "no stack trace");
        assert.equal(await tenant.connectorState(name), undefined, "no application was created");

        // Without the preflight, Entra's own refusal reaches the user from the azuread provider.
        await stack.sandbox.ok(["config", "set", "--stack", stack.name, "--config-file", stack.configFile, `${NS}:preflight`, "false"]);
        const raw = await stack.up();
        assert.notEqual(raw.code, 0);
        assert.match(text(raw), /Assigning directory role[\s\S]*403[\s\S]*Authorization_RequestDenied: Insufficient privileges to complete the operation/);
    });

    it("adopt mode (existingApplication) manages consent, roles and the credential of an application made by hand, without creating one", async () => {
        const name = `e2e adopted ${run}`;
        const made = await tenant.registerApplication(name);
        try {
            const stack = newStack("adopt");
            await stack.init([{ name: "ars-azuread", profile: "activeroles-azuread", displayName: name, existingApplication: { objectId: made.objectId, clientId: made.clientId } }]);
            const r = await stack.up();
            assert.equal(r.code, 0, text(r));
            const state = (await tenant.connectorState(name))!;
            assert.equal(state.objectId, made.objectId, "the same application");
            assert.deepEqual(state.directoryRoleTemplateIds, [DirectoryRoles["Directory Writers"]]);
            assert.equal(state.certificateThumbprints.length, 1);
            const out = await stack.outputs();
            assert.equal(out.settings["ars-azuread"]["Application ID"], made.clientId);
            assert.equal(out.settings["ars-azuread"]["Certificate thumbprint"], state.certificateThumbprints[0]);
            assert.equal(out.connections["ars-azuread"].status, "pass");

            await stack.destroy();
            stacks.splice(stacks.indexOf(stack), 1);
            const after = await eventually(() => tenant.connectorState(name), (s) => s!.certificateThumbprints.length === 0 && s!.directoryRoleTemplateIds.length === 0);
            assert.ok(after, "destroy leaves the adopted application in place");
            assert.deepEqual(after!.directoryRoleTemplateIds, [], "…without the role it granted");
            assert.deepEqual(after!.certificateThumbprints, [], "…and without the certificate it added");
            assert.equal(after!.servicePrincipalObjectId, made.servicePrincipalObjectId, "…and with its service principal");
        } finally {
            await tenant.deleteApplication(made.objectId);
        }
    });

    it("the Azure AD connector in GCC High: the provider and the connection use that cloud", async function () {
        if (!tenant.emulated) {
            console.log("      skipped: the live tenant is in one cloud (set M365C_LIVE_CLOUD to run the suite in another)");
            this.skip();
        }
        const gcch = await TenantTarget.emulated("AzureGCCHigh", LAG_MS);
        try {
            const stack = newStack("gcch", gcch);
            const name = `e2e ARS AAD GCCH ${run}`;
            await stack.init([{ name: "ars-azuread", profile: "activeroles-azuread", displayName: name }]);
            const r = await stack.up();
            assert.equal(r.code, 0, text(r));
            const state = (await gcch.connectorState(name))!;
            const out = await stack.outputs();
            assert.deepEqual(out.settings["ars-azuread"], {
                "Tenant ID": gcch.tenantId,
                "Application ID": state.clientId,
                "Certificate thumbprint": state.certificateThumbprints[0],
                "Tenant environment type": "Azure GCC-H",
            });
            assert.deepEqual(state.directoryRoleTemplateIds, [DirectoryRoles["Directory Writers"]]);
            assert.equal(out.connections["ars-azuread"].status, "pass");
            await stack.destroy();
            stacks.splice(stacks.indexOf(stack), 1);
            assert.equal(await gcch.connectorState(name), undefined);
        } finally {
            await gcch.dispose();
        }
    });

    it("pulumi destroy removes everything the stacks created: the tenant is as it was", async () => {
        for (const s of [...stacks].reverse()) {
            await s.destroy();
            stacks.splice(stacks.indexOf(s), 1);
        }
        const after = await eventually(() => tenant.snapshot(), (s) => JSON.stringify(s) === JSON.stringify(initial));
        assert.deepEqual(after, initial);
    });
});
