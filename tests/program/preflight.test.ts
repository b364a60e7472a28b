/**
 * The deployer preflight (program/preflight.ts) against the emulator: which rights a stack needs,
 * a deployer that holds them passes, a missing one stops the program naming the permission and
 * the fix, a wrong secret names ARM_CLIENT_SECRET, and it is skipped (saying why) without a
 * client-secret sign-in, for verify-only stacks, or when turned off.
 */
import { strict as assert } from "node:assert";
import { ConnectorError, CredentialRejectedError, ErrorCodes, holdsRight, MANAGED_TAG, ownershipTag, PermissionMissingError } from "../../catalog";
import type { RunningEmulator } from "../../emulator/types";
import { parseStackConfig, type RawStackConfig } from "../../program/config";
import { deployerNeeds, preflightDeployer } from "../../program/preflight";
import { startTestEmulator } from "../emulator/helpers";
import { call, GRAPH_SCOPE, newTenantId, seedWithSecret, tokenRequest } from "../emulator/util";

const ALL = ["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All", "RoleManagement.ReadWrite.Directory"];

describe("deployer preflight", () => {
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    const config = (raw: Partial<RawStackConfig>) => parseStackConfig({ tenantId, endpointOverride: emu.url, connectors: [{ name: "ars", profile: "activeroles-m365" }], ...raw });
    const env = (clientId: string, secret: string) => ({ ARM_CLIENT_ID: clientId, ARM_CLIENT_SECRET: secret });

    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }] });
    });
    after(() => emu.stop());

    it("needs only what the managed connectors declare", () => {
        const raw = (connectors: unknown[]) => parseStackConfig({ tenantId, connectors });
        assert.deepEqual(deployerNeeds(raw([{ name: "a", profile: "activeroles-azuread" }])), { applications: true, appRoleAssignments: false, delegatedGrants: false, roleAssignments: true });
        assert.deepEqual(deployerNeeds(raw([{ name: "s", profile: "snow-atlas-m365" }])), { applications: true, appRoleAssignments: true, delegatedGrants: true, roleAssignments: false });
    });

    it("passes a deployer with the four Graph permissions", async () => {
        const d = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL });
        assert.deepEqual(await preflightDeployer(config({}), env(d.clientId, d.secret)), { status: "pass", rights: ["applications", "appRoleAssignments", "delegatedGrants", "roleAssignments"] });
    });

    it("passes a deployer holding the directory roles instead (Application Administrator + Privileged Role Administrator)", () => {
        const wids = ["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "e8611ab8-c189-46e8-94e1-60213ab1f814"];
        for (const r of ["applications", "appRoleAssignments", "delegatedGrants", "roleAssignments"] as const) assert.equal(holdsRight(r, { roles: [], wids }), true, r);
        assert.equal(holdsRight("roleAssignments", { roles: [], wids: [wids[0]] }), false);
    });

    it("stops a deployer without RoleManagement.ReadWrite.Directory, naming it and the fix, before anything is declared", async () => {
        const d = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL.filter((p) => !p.startsWith("RoleManagement")) });
        await assert.rejects(preflightDeployer(config({}), env(d.clientId, d.secret)), (e: unknown) => {
            assert.ok(e instanceof PermissionMissingError);
            assert.equal((e as ConnectorError).code, ErrorCodes.permissionMissing);
            assert.match((e as Error).message, new RegExp(`^\\[preflight\\] the deployer \\(ARM_CLIENT_ID ${d.clientId}\\) lacks RoleManagement\\.ReadWrite\\.Directory in tenant ${tenantId}`));
            assert.match((e as Error).message, /To assign directory roles, grant the deployer the Microsoft Graph application permission RoleManagement\.ReadWrite\.Directory with admin consent .*or assign it the Privileged Role Administrator role\. Then run pulumi up again; nothing was created/);
            assert.doesNotMatch((e as Error).message, /AppRoleAssignment|DelegatedPermissionGrant/, "only the missing right");
            assert.ok(!(e as Error).message.includes(d.secret));
            return true;
        });
        // A stack that assigns no directory role does not need it.
        assert.equal((await preflightDeployer(config({ connectors: [{ name: "s", profile: "snow-atlas-m365" }] }), env(d.clientId, d.secret))).status, "pass");
    });

    it("names ARM_CLIENT_SECRET and Entra's answer when the deployer cannot sign in, without the secret", async () => {
        const d = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL });
        await assert.rejects(preflightDeployer(config({}), env(d.clientId, "not-the-secret")), (e: unknown) => {
            assert.ok(e instanceof CredentialRejectedError);
            assert.match((e as Error).message, /^ARM_CLIENT_SECRET: the deployer .* cannot sign in .*\(AADSTS7000215: .*\)\..*Nothing was created/);
            assert.ok(!(e as Error).message.includes("not-the-secret"));
            return true;
        });
    });

    it("is skipped, saying why: no client-secret sign-in, verify-only stacks, preflight: false", async () => {
        const none = await preflightDeployer(config({}), {});
        assert.equal(none.status, "skipped");
        assert.match((none as { reason: string }).reason, /does not sign in with ARM_CLIENT_ID and ARM_CLIENT_SECRET/);
        const off = await preflightDeployer(config({ preflight: false }), env("x", "y"));
        assert.deepEqual(off, { status: "skipped", reason: "m365-connectors:preflight is false" });
        const verifyOnly = config({ connectors: [{ name: "s", profile: "snow-atlas-m365", existingApplication: { clientId: "0a0b0c0d-1111-4222-8333-444455556666", manage: "verify-only" }, credential: { clientSecret: "x" } }] });
        assert.equal((await preflightDeployer(verifyOnly, env("x", "y"))).status, "skipped");
    });

    it("stops before creating an application whose name another application has, naming the displayName and how to adopt it", async () => {
        const d = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL });
        const owner = { project: "m365-connectors", stack: "prod" };
        const named = config({ connectors: [{ name: "ars", profile: "activeroles-azuread", displayName: "Made by hand" }] });
        emu.directory.seedConnector({ tenantId, profile: named.connectors[0].profile, credential: { kind: "secret", secret: "x-secret-value-123" }, displayName: "Made by hand" });
        await assert.rejects(preflightDeployer(named, env(d.clientId, d.secret), owner), (e: unknown) => {
            assert.ok(e instanceof ConnectorError && e.code === ErrorCodes.badInput);
            assert.match((e as Error).message, /^m365-connectors:connectors\[0\]\.displayName: an application named "Made by hand" already exists in tenant .* that this stack did not create \(object ID [0-9a-f-]{36}, client ID [0-9a-f-]{36}\)\. Adopt it: set existingApplication: \{ objectId: [0-9a-f-]{36}, clientId: [0-9a-f-]{36} \} on that connector.*or choose another displayName\. Nothing was created/);
            return true;
        });
        // Adopting it, or a name nobody has, passes.
        const adopted = config({ connectors: [{ name: "ars", profile: "activeroles-azuread", displayName: "Made by hand", existingApplication: { objectId: "0a0b0c0d-1111-4222-8333-444455556666", clientId: "0a0b0c0d-1111-4222-8333-444455557777" } }] });
        assert.equal((await preflightDeployer(adopted, env(d.clientId, d.secret), owner)).status, "pass");
        assert.equal((await preflightDeployer(config({ connectors: [{ name: "ars", profile: "activeroles-azuread", displayName: "Nobody has this name" }] }), env(d.clientId, d.secret), owner)).status, "pass");
    });

    it("an application this stack created for the connector (its ownership tag) is not a clash", async () => {
        const d = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ALL });
        const token = (await tokenRequest(emu, tenantId, { client_id: d.clientId, client_secret: d.secret, scope: GRAPH_SCOPE })).body.access_token as string;
        const made = await call(`${emu.url}/v1.0/applications`, { token, body: { displayName: "Ours already", tags: [MANAGED_TAG, ownershipTag("m365-connectors", "prod", "ars")] } });
        assert.equal(made.status, 201);
        const cfg = config({ connectors: [{ name: "ars", profile: "activeroles-azuread", displayName: "Ours already" }] });
        assert.equal((await preflightDeployer(cfg, env(d.clientId, d.secret), { project: "m365-connectors", stack: "prod" })).status, "pass");
        await assert.rejects(preflightDeployer(cfg, env(d.clientId, d.secret), { project: "m365-connectors", stack: "other" }), /already exists .* that this stack did not create/);
    });

    it("refuses a preflight value that is not a boolean, naming the key", () => {
        assert.throws(() => config({ preflight: "yes" }), (e: Error) => e.message.startsWith(`m365-connectors:preflight: must be true or false, got "yes"`));
    });
});
