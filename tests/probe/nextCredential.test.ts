import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator/types";
import { runProbe } from "../../probe";
import { certificate } from "./fixtures";
import { checkOf as check, failingOf as failing, seedScenario, useProbeEmulator } from "./scenario";

describe("runProbe: the next certificate of a rollover (nextCredential)", function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    useProbeEmulator((e) => (emulator = e));

    it("skips without a rollover", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const r = await runProbe(s.input);
        assert.equal(r.status, "pass");
        assert.equal(check(r, "nextCredential").status, "skip");
    });

    it("passes when the next certificate is on the application beside the one in use, naming its thumbprint", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const next = await certificate(365);
        emulator.directory.addCredential(s.tenantId, s.clientId, { kind: "certificate", certificatePem: next.certificatePem });
        const r = await runProbe({ ...s.input, nextCredential: { kind: "certificate", ...next } });
        assert.equal(r.status, "pass");
        const c = check(r, "nextCredential");
        assert.equal(c.status, "pass");
        assert.match(c.summary, /^the next certificate [0-9A-F]{40} signs in/);
        // The settings keep the certificate in use.
        assert.notEqual(r.settings.certificateThumbprint, /([0-9A-F]{40})/.exec(c.summary)![1]);
    });

    it("fails with Entra's code when the next certificate is not on the application, and says not to switch", async () => {
        const s = await seedScenario(emulator, { profile: "activeroles-azuread" });
        const stranger = await certificate(365);
        const r = await runProbe({ ...s.input, nextCredential: { kind: "certificate", ...stranger } });
        assert.deepEqual(failing(r), ["nextCredential"]);
        const c = check(r, "nextCredential");
        assert.equal(c.code, "AADSTS700027");
        assert.match(c.summary, /^the next certificate [0-9A-F]{40} cannot sign in yet/);
        assert.match(c.remedy ?? "", /Do not switch the connector to the next certificate [0-9A-F]{40} until this check passes/);
        assert.equal(check(r, "graphToken").status, "pass", "the certificate in use still works");
    });
});
