import { strict as assert } from "node:assert";
import { credentialLifetimePolicy, secretInsteadOfCertificatePolicy } from "../../policy/credentialPolicies";
import { parseDuration } from "../../policy/lifetime";
import { certificate } from "../probe/fixtures";
import { run, StackBuilder, UNKNOWN } from "./fixtures";

const NOW = new Date("2026-12-04T12:00:00Z");
const lifetime = credentialLifetimePolicy(() => NOW);
const plusDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

describe("policy: credential lifetime and secrets instead of certificates (rule b)", () => {
    it("blocks a secret valid longer than 180 days, and one without an end date, saying what to change", async () => {
        const s = new StackBuilder();
        const long = s.connector("snow", "snow-atlas-m365").secret({ endDate: plusDays(181) });
        const open = s.connector("forever", "snow-atlas-m365").secret({});
        const v = await run(lifetime, s);
        assert.equal(v.length, 2, JSON.stringify(v));
        assert.equal(v[0].urn, long.urn);
        assert.match(v[0].message, /^client secret "snow-secret" of connector "snow" is valid for 181 days \(from now to 2027-06-03T12:00:00\.000Z\), above the limit of 180 days\. Give it an end date at most 180 days after its start \(connector credential\.secretLifetimeDays\), or raise maxSecretDays of policy "connector-credential-lifetime" in the policy config file\.$/);
        assert.equal(v[1].urn, open.urn);
        assert.match(v[1].message, /client secret "forever-secret" of connector "forever" has no end date, so Entra picks one \(about two years\)/);
        assert.equal(lifetime.enforcementLevel, "mandatory");
    });

    it("passes secrets within the limit (the program's default 180-day schedule) and takes the limit from policy config", async () => {
        const s = new StackBuilder();
        s.connector("snow", "snow-atlas-m365").secret({ endDate: plusDays(180) });
        s.connector("rel", "snow-atlas-m365").secret({ startDate: "2026-12-01T00:00:00Z", endDateRelative: "4320h" });
        assert.deepEqual(await run(lifetime, s), []);
        const strict = await run(lifetime, s, { maxSecretDays: 30 });
        assert.equal(strict.length, 2);
        assert.match(strict[1].message, /valid for 180 days \(from 2026-12-01T00:00:00\.000Z to 2027-05-30T00:00:00\.000Z\), above the limit of 30 days/);
    });

    it("checks certificates: end date, the certificate's own validity, or the generated certificate's declared validity; unknown ones wait", async () => {
        const threeYears = (await certificate(3 * 365)).certificatePem;
        const underAYear = (await certificate(360)).certificatePem; // notBefore is a day back
        const s = new StackBuilder();
        const byDate = s.connector("a", "activeroles-azuread").certificate({ endDate: plusDays(400) });
        const byPem = s.connector("b", "activeroles-azuread").certificate({ value: threeYears, endDate: UNKNOWN });
        const b2 = s.connector("c", "activeroles-azuread");
        const generated = s.add("pulumi-nodejs:dynamic:Resource", "c-cert", { validityHours: 3 * 8760 }, { parent: b2.component });
        const byValidity = b2.certificate({ value: UNKNOWN, endDate: UNKNOWN }, generated);
        s.connector("d", "activeroles-azuread").certificate({ value: UNKNOWN, endDate: UNKNOWN });
        s.connector("e", "activeroles-azuread").certificate({ value: underAYear });
        const v = await run(lifetime, s);
        assert.deepEqual(v.map((x) => x.urn), [byDate.urn, byPem.urn, byValidity.urn]);
        assert.match(v[0].message, /^certificate "a-certificate" of connector "a" is valid for 400 days .*above the limit of 12 months\. Issue it for at most 12 months \(connector credential\.validityMonths\), or raise maxCertificateMonths/);
        assert.deepEqual(await run(lifetime, s, { maxCertificateMonths: 60 }), []);

        const ok = new StackBuilder();
        const c = ok.connector("ok", "activeroles-azuread");
        const gen = ok.add("pulumi-nodejs:dynamic:Resource", "ok-cert", { validityHours: 12 * 730 }, { parent: c.component });
        c.certificate({ value: UNKNOWN, endDate: UNKNOWN }, gen);
        assert.deepEqual(await run(lifetime, ok), []);
    });

    it("parses Go durations of endDateRelative", () => {
        assert.equal(parseDuration("8760h"), 8760 * 3_600_000);
        assert.equal(parseDuration("1h30m15s"), (3600 + 1800 + 15) * 1000);
        assert.equal(parseDuration("10d"), undefined);
        assert.equal(parseDuration(""), undefined);
    });

    it("reports (advisory) a client secret where the profile signs in with a certificate, not on a secret profile", async () => {
        const s = new StackBuilder();
        const ars = s.connector("ars", "activeroles-m365").secret({ endDate: plusDays(90) });
        s.connector("snow", "snow-atlas-m365").secret({ endDate: plusDays(90) });
        s.connector("snowish", "custom", { base: "snow-atlas-m365" }).secret({ endDate: plusDays(90) });
        s.connector("certs", "activeroles-azuread").certificate({ endDate: plusDays(90) });
        const v = await run(secretInsteadOfCertificatePolicy, s);
        assert.deepEqual(v.map((x) => x.urn), [ars.urn]);
        assert.match(v[0].message, /^client secret "ars-secret" of connector "ars": its profile "activeroles-m365" signs in with a certificate.*Set the connector's credential\.type to "certificate"; to keep the secret, set "connector-secret-instead-of-certificate": "disabled"/);
        assert.equal(secretInsteadOfCertificatePolicy.enforcementLevel, "advisory");
    });
});
