import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { runProbe, waitUntilPasses } from "../../probe";
import { failingOf as failing, seedScenario, useProbeEmulator } from "./scenario";

describe("runProbe against the emulator: throttling, replication lag, round trips", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    useProbeEmulator((e) => (emulator = e));

    for (const route of ["token", "graphBatch", "exchange"] as const) {
        it(`throttled on ${route} (429, Retry-After 1, twice), then passing: waited ≥ 1 s`, async () => {
            const s = await seedScenario(emulator, { profile: route === "exchange" ? "activeroles-m365" : "snow-atlas-m365" });
            emulator.injectFault({ route, status: 429, retryAfterSeconds: 1, times: 2 });
            const started = Date.now();
            const r = await runProbe(s.input);
            assert.equal(r.status, "pass", JSON.stringify(r.checks));
            assert.ok(r.timings.waitedMs >= 2000, `waited ${r.timings.waitedMs} ms`);
            assert.ok(Date.now() - started >= 2000);
            assert.equal(emulator.stats()[route], 3, "two throttled requests and the one that passed");
        });
    }

    it("5xx past the retry budget: a transient failure; the next probe starts afresh (msal's throttle cache is not kept)", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        emulator.injectFault({ route: "token", status: 503, times: Infinity });
        const r = await runProbe({ ...s.input, retry: { maxAttempts: 2, baseDelayMs: 50 } });
        assert.deepEqual(failing(r), ["graphToken"]);
        assert.equal(r.checks[0].transient, true);
        assert.match(r.checks[0].evidence ?? "", /HTTP 503/);
        emulator.clearFaults();
        // msal-node would refuse an identical request locally for 60 s after a 503 without Retry-After.
        const again = await runProbe(s.input);
        assert.equal(again.status, "pass", JSON.stringify(again.checks));
    });

    it("replication lag then grant: waitUntilPasses passes once the grant is visible, after ≥ the lag", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        emulator.setReplicationLag(1500);
        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        const granted = Date.now();
        const attempts: string[][] = [];
        const r = await waitUntilPasses(s.input, { deadlineMs: 20_000, initialDelayMs: 200, maxDelayMs: 800, onAttempt: (rep) => attempts.push(failing(rep)) });
        assert.equal(r.status, "pass");
        assert.ok(Date.now() - granted >= 1400, `passed after ${Date.now() - granted} ms`);
        assert.ok(attempts.length >= 2);
        assert.deepEqual(attempts[0], ["appRoles", "exchangeCommand"]);
    });

    it("N consecutive passes are required when asked", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        let n = 0;
        await waitUntilPasses(s.input, { deadlineMs: 10_000, initialDelayMs: 50, consecutive: 3, onAttempt: () => n++ });
        assert.equal(n, 3);
    });

    it("at the deadline: ConsistencyTimeoutError naming the checks still failing, with their evidence", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.setReplicationLag(30_000);
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "User Administrator");
        emulator.setReplicationLag(0);
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "Directory Writers");
        await assert.rejects(waitUntilPasses(s.input, { deadlineMs: 1200, initialDelayMs: 200 }), (e: Error & { code?: string; failingChecks?: string[] }) => {
            assert.equal(e.name, "ConsistencyTimeoutError");
            assert.equal(e.code, "ERR_CONSISTENCY_TIMEOUT");
            assert.deepEqual(e.failingChecks, ["directoryRoles"]);
            assert.match(e.message, /directoryRoles: .*missing Directory Writers/);
            assert.match(e.message, /Assign the Directory Writers role/);
            return true;
        });
    });

    it("a failure no waiting can fix (wrong secret) throws ProbeFailedError at once", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        const started = Date.now();
        await assert.rejects(waitUntilPasses({ ...s.input, credential: { kind: "secret", clientSecret: "wrong-value" } }, { deadlineMs: 30_000 }), (e: Error & { failingChecks?: string[] }) => {
            assert.equal(e.name, "ProbeFailedError");
            assert.deepEqual(e.failingChecks, ["graphToken"]);
            assert.match(e.message, /AADSTS7000215/);
            assert.ok(!e.message.includes("wrong-value"));
            return true;
        });
        assert.ok(Date.now() - started < 5000);
    });

    it("a brand-new app still replicating (AADSTS700016) is waited on within credentialGraceMs, then passes", async () => {
        emulator.setReplicationLag(1200);
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const created = Date.now();
        const first = await runProbe(s.input);
        assert.equal(first.checks[0].code, "AADSTS700016", "the app is not visible to the token endpoint yet");
        const r = await waitUntilPasses(s.input, { deadlineMs: 20_000, initialDelayMs: 200, maxDelayMs: 500, credentialGraceMs: 10_000 });
        assert.equal(r.status, "pass", JSON.stringify(r.checks));
        assert.ok(Date.now() - created >= 1100, `passed after ${Date.now() - created} ms`);
    });

    it("after credentialGraceMs, the same rejection is final: ProbeFailedError naming graphToken", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        const started = Date.now();
        await assert.rejects(
            waitUntilPasses({ ...s.input, credential: { kind: "secret", clientSecret: "still-wrong" } }, { deadlineMs: 20_000, initialDelayMs: 200, maxDelayMs: 400, credentialGraceMs: 1500 }),
            (e: Error & { failingChecks?: string[] }) => e.name === "ProbeFailedError" && e.failingChecks?.[0] === "graphToken" && /AADSTS7000215/.test(e.message),
        );
        const took = Date.now() - started;
        assert.ok(took >= 1400 && took < 6000, `gave up after ${took} ms`);
    });

    it("round trips: a cold probe costs 2 (tokens in parallel, then Graph + Exchange in parallel), a warm one 1; no discovery", async () => {
        const L = 300;
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.setLatency(L);
        emulator.resetStats();
        const cold = await runProbe(s.input);
        assert.equal(cold.status, "pass");
        const coldStats = emulator.stats();
        assert.deepEqual([coldStats.token, coldStats.graph, coldStats.graphBatch, coldStats.exchange, coldStats.discovery], [2, 1, 0, 1, 0]);
        assert.ok(cold.timings.totalMs >= 2 * L && cold.timings.totalMs < 3 * L, `cold ${cold.timings.totalMs} ms`);
        emulator.resetStats();
        const warm = await runProbe(s.input);
        const warmStats = emulator.stats();
        assert.deepEqual([warmStats.token, warmStats.graph, warmStats.exchange, warmStats.discovery], [0, 1, 1, 0]);
        assert.ok(warm.timings.totalMs >= L && warm.timings.totalMs < 2 * L, `warm ${warm.timings.totalMs} ms`);
        assert.ok(warm.checks[0].summary.includes("(cached)"));
    });

    it("one read inside a $batch throttled (429, Retry-After 1): only it is sent again, in a smaller batch, after the wait", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        emulator.injectFault({ route: "graph", pathIncludes: "/users", status: 429, retryAfterSeconds: 1, times: 1 });
        emulator.resetStats();
        const r = await runProbe(s.input);
        assert.equal(r.status, "pass", JSON.stringify(r.checks));
        assert.ok(r.timings.waitedMs >= 1000, `waited ${r.timings.waitedMs} ms`);
        assert.equal(emulator.stats().graphBatch, 2);
    });

    it("several Graph reads go in one $batch", async () => {
        const s = await seedScenario(emulator, { profile: "snow-atlas-m365" });
        const r = await runProbe(s.input);
        assert.equal(r.status, "pass");
        const st = emulator.stats();
        assert.deepEqual([st.token, st.graphBatch, st.graph], [1, 1, 0]);
    });
});
