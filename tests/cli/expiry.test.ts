import { strict as assert } from "node:assert";
import { describeExpiring, expiringCredentials } from "../../cli/gitops/expiry";
import { exitCodeOf, formatSummary } from "../../cli/gitops/summary";
import type { TenantResult } from "../../cli/gitops/types";

const NOW = new Date("2026-12-04T00:00:00Z");
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

describe("gitops drift: credentials inside their alert window (the stack's expiry output)", () => {
    const expiry = {
        "ars-m365": { expiresAt: inDays(12.5), warnDays: 30, renewal: "run `pulumi up --stack contoso`" },
        snow: { expiresAt: inDays(100), warnDays: 30, renewal: "x" },
        old: { expiresAt: inDays(-2), warnDays: 30, renewal: "renew it" },
        unknown: { expiresAt: null, warnDays: 30, renewal: "x" },
    };

    it("lists each connector inside warnDays, soonest first, with the days left and the renewal", () => {
        assert.deepEqual(expiringCredentials(expiry, NOW), [
            { connector: "old", expiresAt: inDays(-2), daysLeft: -2, renewal: "renew it" },
            { connector: "ars-m365", expiresAt: inDays(12.5), daysLeft: 12, renewal: "run `pulumi up --stack contoso`" },
        ]);
        assert.deepEqual(expiringCredentials({ snow: expiry.snow }, NOW), [], "100 days left is outside 30");
        assert.deepEqual(expiringCredentials(undefined, NOW), [], "a stack without the output (older program, verify-only) has none");
        assert.equal(describeExpiring("contoso", expiringCredentials(expiry, NOW)[1]), "contoso: connector ars-m365: the credential expires in 12 day(s) (" + inDays(12.5) + "); run `pulumi up --stack contoso`");
        assert.match(describeExpiring("contoso", expiringCredentials(expiry, NOW)[0]), /the credential expired 2 day\(s\) ago/);
    });

    it("fails the run (exit 1) and names the connector in the summary, even without drift", () => {
        const base: TenantResult = { stack: "contoso", file: "tenants/contoso.yaml", verb: "drift", status: "ok", changes: {}, changed: [], durationMs: 1000 };
        assert.equal(exitCodeOf([base]), 0);
        const expiring = { ...base, expiring: expiringCredentials(expiry, NOW) };
        assert.equal(exitCodeOf([base, expiring]), 1);
        assert.match(formatSummary([expiring]), /contoso\s+drift\s+OK\s+-\s+1\.0s\s+old credential expired; ars-m365 credential expires in 12 day\(s\)\n\n1 tenant\(s\): 1 ok; exit 1/);
    });
});
