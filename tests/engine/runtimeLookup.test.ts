import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { RUNTIME_FILE } from "../../providers/connection/provider";
import { certificate } from "../probe/fixtures";
import { registerUnderMocks } from "../provider/helpers";
import { startHost, type Host } from "../../cli/providerHost";

/**
 * How the serialized provider finds its runtime in the host: by package name from the program's
 * directory when the package is installed there, else at the absolute path captured when the
 * provider was serialized.
 */
describe("ConnectorConnection runtime lookup in the dynamic-provider host", function () {
    this.timeout(60_000);
    let program: string;
    let providerCode: string;
    let news: Record<string, unknown>;
    const hosts: Host[] = [];

    before(async () => {
        const cred = await certificate(365);
        news = { tenantId: "not-a-guid", clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", profile: { profile: "activeroles-azuread" }, credential: cred };
        providerCode = (await registerUnderMocks(news as never)).serializedProvider;
        // A program directory with the package installed: its runtime is a stand-in that marks itself.
        program = mkdtempSync(path.join(tmpdir(), "m365c-program-"));
        const runtimeDir = path.join(program, "node_modules", "pulumi-m365-connectors", "dist", "providers", "connection");
        mkdirSync(runtimeDir, { recursive: true });
        writeFileSync(path.join(program, "node_modules", "pulumi-m365-connectors", "package.json"), JSON.stringify({ name: "pulumi-m365-connectors", version: "0.0.0-test" }));
        writeFileSync(
            path.join(runtimeDir, "runtime.js"),
            `exports.check = async (olds, news) => ({ inputs: news, failures: [{ property: "runtime", reason: "installed package" }] });\n`,
        );
    });
    after(async () => {
        await Promise.all(hosts.map((h) => h.stop()));
        rmSync(program, { recursive: true, force: true });
    });

    it("uses the installed package when the program has it", async () => {
        const host = await startHost(process.env, program);
        hosts.push(host);
        const r = await host.check({}, { ...news, __provider: providerCode });
        assert.deepEqual(r.failures, [{ property: "runtime", reason: "installed package" }]);
    });

    it("falls back to the absolute path captured at serialization", async () => {
        assert.ok(providerCode.includes(JSON.stringify(RUNTIME_FILE)));
        const elsewhere = mkdtempSync(path.join(tmpdir(), "m365c-empty-"));
        try {
            const host = await startHost(process.env, elsewhere);
            hosts.push(host);
            const r = await host.check({}, { ...news, __provider: providerCode });
            assert.deepEqual(r.failures.map((f) => f.property), ["tenantId"]);
        } finally {
            rmSync(elsewhere, { recursive: true, force: true });
        }
    });
});
