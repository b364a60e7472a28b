/**
 * A Graph or Exchange refusal (403) when the token already carries every role the connector
 * expects: no replication can fix it, so waitUntilPasses gives up at once instead of waiting
 * for its deadline.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { runProbe, waitUntilPasses } from "../../probe";
import { checkOf as check, failingOf as failing, seedScenario, useProbeEmulator } from "./scenario";

describe("waitUntilPasses: a refusal no grant can fix is final", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    useProbeEmulator((e) => (emulator = e));

    it("Graph 403 with every expected role granted (custom: Organization.Read.All only, reads users): ProbeFailedError in < 5 s", async () => {
        const s = await seedScenario(emulator, { profile: "custom", base: "snow-atlas-m365", mode: "replace", appRoles: ["Organization.Read.All"] });
        const r = await runProbe(s.input);
        assert.deepEqual(failing(r), ["graphRead"], JSON.stringify(r.checks));
        assert.equal(check(r, "appRoles").status, "pass");
        assert.match(check(r, "graphRead").evidence ?? "", /GET \/users\?\$top=1 → 403 Authorization_RequestDenied/);
        assert.equal(check(r, "graphRead").transient, false);
        const started = Date.now();
        await assert.rejects(waitUntilPasses(s.input, { deadlineMs: 20_000, initialDelayMs: 200 }), (e: Error & { failingChecks?: string[] }) => {
            assert.equal(e.name, "ProbeFailedError");
            assert.deepEqual(e.failingChecks, ["graphRead"]);
            assert.match(e.message, /For users, grant User\.Read\.All/);
            return true;
        });
        assert.ok(Date.now() - started < 5000, `gave up after ${Date.now() - started} ms`);
    });

    it("Exchange 403 for a token with Exchange.ManageAsApp and Exchange Administrator: ProbeFailedError in < 5 s", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.injectFault({ route: "exchange", status: 403, times: Infinity });
        const started = Date.now();
        await assert.rejects(waitUntilPasses(s.input, { deadlineMs: 20_000, initialDelayMs: 200 }), (e: Error & { failingChecks?: string[] }) => {
            assert.equal(e.name, "ProbeFailedError");
            assert.deepEqual(e.failingChecks, ["exchangeCommand"]);
            assert.match(e.message, /InvokeCommand Get-AcceptedDomain → 403/);
            return true;
        });
        assert.ok(Date.now() - started < 5000, `gave up after ${Date.now() - started} ms`);
    });

    it("a Graph 403 while a grant is still missing is waited on, and passes once the grant replicates", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "User.Read.All");
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Directory.Read.All");
        emulator.setReplicationLag(1000);
        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Microsoft Graph", "User.Read.All");
        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Microsoft Graph", "Directory.Read.All");
        const attempts: string[][] = [];
        const r = await waitUntilPasses(s.input, { deadlineMs: 20_000, initialDelayMs: 200, maxDelayMs: 500, onAttempt: (rep) => attempts.push(failing(rep)) });
        assert.equal(r.status, "pass");
        assert.deepEqual(attempts[0], ["appRoles", "graphRead"]);
    });
});
