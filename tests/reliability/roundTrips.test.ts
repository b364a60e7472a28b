/**
 * The measuring tools of `npm run bench` P1: the emulator's request log and the longest chain of
 * sequential requests in it (bench/criticalPath.ts).
 */
import { strict as assert } from "node:assert";
import { sequentialRoundTrips } from "../../bench/criticalPath";
import type { RunningEmulator } from "../../emulator/types";
import { clearTokenCache, runProbe } from "../../probe";
import { startTestEmulator } from "../emulator/helpers";
import { seedScenario } from "../probe/scenario";
import { captureDuring } from "./capture";

describe("reliability: sequential round trips", function () {
    this.timeout(30_000);
    captureDuring();

    it("counts chains, not requests: parallel requests do not lengthen the chain", () => {
        const r = (startMs: number, endMs: number) => ({ startMs, endMs });
        assert.equal(sequentialRoundTrips([]), 0);
        assert.equal(sequentialRoundTrips([r(0, 10)]), 1);
        assert.equal(sequentialRoundTrips([r(0, 10), r(1, 11)]), 1, "two in parallel");
        assert.equal(sequentialRoundTrips([r(0, 10), r(1, 11), r(12, 20), r(12.5, 21)]), 2, "two, then two");
        assert.equal(sequentialRoundTrips([r(0, 10), r(10, 20), r(20, 30)]), 3, "back to back");
        assert.equal(sequentialRoundTrips([r(12, 20), r(0, 10), r(0, 30)]), 2, "order of the log does not matter; the long one overlaps both");
        assert.equal(sequentialRoundTrips([r(5, 5), r(5, 5)]), 2, "zero-length requests at one instant still chain");
    });

    describe("against the emulator's request log", () => {
        let emulator: RunningEmulator;
        before(async () => {
            emulator = await startTestEmulator({ recordRequests: true, latencyMs: 50 });
        });
        after(async () => emulator?.stop());

        it("a cold probe is 4 requests in 2 round trips, a warm one 2 in 1; resetStats empties the log", async () => {
            const s = await seedScenario(emulator, { profile: "activeroles-m365" });
            clearTokenCache();
            emulator.resetStats();
            assert.equal((await runProbe(s.input)).status, "pass");
            const cold = emulator.requestLog();
            assert.deepEqual(cold.map((x) => x.route).sort(), ["exchange", "graph", "token", "token"]);
            assert.ok(cold.every((x) => x.endMs - x.startMs >= 49 && x.status === 200), JSON.stringify(cold));
            assert.ok(cold.every((x) => !/secret|assertion/i.test(x.path)), "paths only, no bodies");
            assert.equal(sequentialRoundTrips(cold), 2);
            emulator.resetStats();
            assert.deepEqual(emulator.requestLog(), []);
            assert.equal((await runProbe(s.input)).status, "pass");
            const warm = emulator.requestLog();
            assert.equal(warm.length, 2);
            assert.equal(sequentialRoundTrips(warm), 1);
        });

        it("no log unless asked for", async () => {
            const plain = await startTestEmulator();
            try {
                const s = await seedScenario(plain, { profile: "activeroles-azuread" });
                assert.equal((await runProbe(s.input)).status, "pass");
                assert.deepEqual(plain.requestLog(), []);
            } finally {
                await plain.stop();
            }
        });
    });
});
