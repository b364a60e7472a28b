import { strict as assert } from "node:assert";
import { CloudNames, Clouds } from "../../catalog";
import type { RunningEmulator } from "../../emulator/types";
import { clearTokenCache, runProbe } from "../../probe";
import { startTestEmulator } from "../emulator/helpers";
import { ProfileMatrix, seedScenario } from "./scenario";

describe("runProbe against the emulator: every profile in every cloud passes", function () {
    this.timeout(60_000);
    for (const cloud of CloudNames) {
        describe(cloud, () => {
            let emulator: RunningEmulator;
            before(async () => {
                emulator = await startTestEmulator({ cloud });
            });
            after(async () => emulator?.stop());

            for (const spec of ProfileMatrix) {
                const label = spec.profile === "custom" ? `custom (base ${spec.base} + ${spec.appRoles?.join(", ")})` : spec.profile;
                it(label, async () => {
                    const s = await seedScenario(emulator, spec);
                    clearTokenCache();
                    const report = await runProbe(s.input);
                    const failing = report.checks.filter((c) => c.status === "fail");
                    assert.equal(report.status, "pass", JSON.stringify(failing, null, 1));
                    assert.equal(report.settings.tenantEnvironmentType, Clouds[cloud].environmentType);
                    assert.equal(report.settings.applicationId, s.clientId);
                    if (s.credential.kind === "certificate") assert.match(report.settings.certificateThumbprint ?? "", /^[0-9A-F]{40}$/);
                    else assert.equal(report.settings.certificateThumbprint, undefined);
                    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
                    assert.equal(byName.graphToken, "pass");
                    assert.equal(byName.exchangeToken, s.profile.exchange ? "pass" : "skip");
                    assert.equal(byName.exchangeCommand, s.profile.exchange ? "pass" : "skip");
                    assert.equal(byName.graphRead, "pass");
                    for (const r of s.profile.appRoles) assert.ok(report.observed.appRoles[r.resource]?.includes(r.value), `observed ${r.value}`);
                    for (const r of s.profile.directoryRoles) assert.ok(report.observed.directoryRoles.includes(r.name), `observed ${r.name}`);
                    assert.match(report.observed.organizationName ?? "", /^Contoso \d+$/);
                    assert.ok(report.observed.domains?.some((d) => d.endsWith(".onmicrosoft.com")));
                    assert.ok((report.observed.credentialDaysLeft ?? 0) > 100);
                });
            }
        });
    }
});
