/**
 * Fault matrix: what the probe does when the service misbehaves, each row against the emulator.
 *
 * - transient: 429 with Retry-After waits at least that long, then passes; 503 and 504 back off,
 *   then pass; on every route (token, Graph, Graph $batch, Exchange).
 * - replication lag: grants written under lag are waited for with waitUntilPasses' defaults.
 * - permanent token errors (AADSTS 700016, 7000215, 7000222, 700027, 90002): never retried (one
 *   token request per resource reaches the emulator, and waitUntilPasses gives up at once), each
 *   with its meaning and remedy.
 */
import { strict as assert } from "node:assert";
import type { FaultRoute, RunningEmulator } from "../../emulator/types";
import { runProbe, waitUntilPasses } from "../../probe";
import { AadstsRemedies } from "../../probe/remedies";
import { certificate } from "../probe/fixtures";
import { checkOf as check, failingOf as failing, seedScenario, useProbeEmulator } from "../probe/scenario";
import { captureDuring, record, registerSecrets } from "./capture";

describe("reliability: fault matrix", function () {
    this.timeout(60_000);
    captureDuring();
    let emulator: RunningEmulator;
    useProbeEmulator((e) => (emulator = e));

    describe("transient faults are retried and the probe passes", () => {
        // Which profile sends a request on the route: activeroles-m365 reads Graph with one GET and
        // calls Exchange; activeroles-azuread reads two things, in one $batch.
        const routes: { route: Exclude<FaultRoute, "any" | "discovery">; profile: string }[] = [
            { route: "token", profile: "activeroles-m365" },
            { route: "graph", profile: "activeroles-m365" },
            { route: "graphBatch", profile: "activeroles-azuread" },
            { route: "exchange", profile: "activeroles-m365" },
        ];
        for (const { route, profile } of routes) {
            it(`${route}: 429 with Retry-After 1 s → waits at least 1 s, then passes`, async () => {
                const s = await seedScenario(emulator, { profile });
                emulator.resetStats();
                emulator.injectFault({ route, status: 429, retryAfterSeconds: 1 });
                const started = Date.now();
                const r = await runProbe(s.input);
                record(r);
                assert.equal(r.status, "pass", JSON.stringify(r.checks));
                assert.ok(Date.now() - started >= 1000, `took ${Date.now() - started} ms`);
                assert.ok(r.timings.waitedMs >= 1000, `waited ${r.timings.waitedMs} ms`);
                const baseline = route === "token" ? 2 : 1; // two tokens (Graph, Exchange) or one request
                assert.equal(emulator.stats()[route], baseline + 1, "the throttled request was sent once more");
            });
            for (const status of [503, 504]) {
                it(`${route}: ${status} without Retry-After → backs off, then passes`, async () => {
                    const s = await seedScenario(emulator, { profile });
                    emulator.resetStats();
                    emulator.injectFault({ route, status });
                    const r = await runProbe(s.input);
                    record(r);
                    assert.equal(r.status, "pass", JSON.stringify(r.checks));
                    // Default policy: 500 ms base, jittered to 50–100 %.
                    assert.ok(r.timings.waitedMs >= 250 && r.timings.waitedMs <= 500, `waited ${r.timings.waitedMs} ms`);
                    assert.equal(emulator.stats()[route], (route === "token" ? 2 : 1) + 1);
                });
            }
        }
    });

    it("replication lag: grants written under a 1.5 s lag → waitUntilPasses (defaults) waits, then passes", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-m365" });
        emulator.directory.revokeAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        emulator.directory.removeDirectoryRole(s.tenantId, s.clientId, "User Administrator");
        emulator.setReplicationLag(1500);
        const written = Date.now();
        emulator.directory.grantAppRole(s.tenantId, s.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        emulator.directory.assignDirectoryRole(s.tenantId, s.clientId, "User Administrator");
        const attempts: string[][] = [];
        const r = await waitUntilPasses(s.input, { deadlineMs: 30_000, onAttempt: (rep) => attempts.push(failing(rep)) });
        record(r);
        assert.equal(r.status, "pass");
        assert.ok(Date.now() - written >= 1500, `green after ${Date.now() - written} ms, before the lag ended`);
        assert.deepEqual(attempts[0], ["appRoles", "directoryRoles", "exchangeCommand"]);
        assert.deepEqual(attempts[attempts.length - 1], []);
    });

    describe("permanent token errors are not retried and say what to do", () => {
        // Each row: how to provoke it, with the activeroles-m365 expectations (a Graph and an
        // Exchange token: two resources).
        const SECRET = "rel~right-secret-value-1";
        const WRONG = "rel~wrong-secret-value-2";
        const rows: { code: string; what: string; arrange: (e: RunningEmulator) => Promise<Parameters<typeof runProbe>[0]> }[] = [
            {
                code: "AADSTS700016",
                what: "unknown application (client) ID",
                arrange: async (e) => ({ ...(await seedScenario(e, { profile: "activeroles-m365" })).input, clientId: "0badc0de-0000-4000-8000-000000000016" }),
            },
            {
                code: "AADSTS7000215",
                what: "wrong client secret",
                arrange: async (e) =>
                    (await seedScenario(e, { profile: "activeroles-m365" }, { seeded: { kind: "secret", secret: SECRET }, credential: { kind: "secret", clientSecret: WRONG } })).input,
            },
            {
                code: "AADSTS7000222",
                what: "expired client secret",
                arrange: async (e) => {
                    const ended = new Date(Date.now() - 86_400_000).toISOString();
                    return (await seedScenario(e, { profile: "activeroles-m365" }, { seeded: { kind: "secret", secret: SECRET, endDateTime: ended }, credential: { kind: "secret", clientSecret: SECRET } })).input;
                },
            },
            {
                code: "AADSTS700027",
                what: "certificate not registered on the app",
                arrange: async (e) => {
                    const other = await certificate(365);
                    registerSecrets(other.privateKeyPem);
                    return { ...(await seedScenario(e, { profile: "activeroles-m365" })).input, credential: { kind: "certificate", ...other } };
                },
            },
            {
                code: "AADSTS90002",
                what: "unknown tenant",
                arrange: async (e) => ({ ...(await seedScenario(e, { profile: "activeroles-m365" })).input, tenantId: "0badc0de-0000-4000-8000-000000090002" }),
            },
        ];
        before(() => registerSecrets(SECRET, WRONG));

        for (const row of rows) {
            it(`${row.code} (${row.what}): one token request per resource, not transient, with its remedy`, async () => {
                const input = await row.arrange(emulator);
                if (input.credential.kind === "certificate") registerSecrets(input.credential.privateKeyPem);
                emulator.resetStats();
                const r = await runProbe(input);
                record(r);
                assert.equal(emulator.stats().token, 2, "exactly one token request for Graph and one for Exchange");
                for (const name of ["graphToken", "exchangeToken"]) {
                    const c = check(r, name);
                    assert.equal(c.status, "fail", name);
                    assert.equal(c.transient, false, `${name} must not be retried`);
                    assert.ok(c.evidence?.startsWith(row.code), `${name} evidence: ${c.evidence}`);
                    assert.equal(c.remedy, AadstsRemedies[row.code].remedy);
                    assert.ok(c.summary.includes(AadstsRemedies[row.code].meaning), c.summary);
                }
                assert.equal(r.timings.waitedMs, 0, "no retry waits");

                // The consistency helper gives up at once: no waiting for replication either.
                emulator.resetStats();
                const started = Date.now();
                await assert.rejects(waitUntilPasses(input, { deadlineMs: 30_000 }), (e: Error & { failingChecks?: string[] }) => {
                    record(e);
                    assert.equal(e.name, "ProbeFailedError");
                    assert.ok(e.failingChecks?.includes("graphToken"));
                    assert.ok(e.message.includes(row.code) && e.message.includes(AadstsRemedies[row.code].remedy), e.message);
                    return true;
                });
                assert.ok(Date.now() - started < 3000, `gave up after ${Date.now() - started} ms`);
                assert.equal(emulator.stats().token, 2, "one probe, one token request per resource");
            });
        }
    });
});
