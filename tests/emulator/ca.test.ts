import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureCaFiles, issueServerCertificate } from "../../emulator/ca";
import { startTestEmulator } from "./helpers";

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

describe("emulator: CA, trust and shutdown", () => {
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "m365c-ca-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("ensureCaFiles creates a CA (key mode 0600) once and loads it afterwards", () => {
        const caDir = join(dir, "ca");
        const first = ensureCaFiles(caDir);
        assert.equal(statSync(first.keyPath).mode & 0o777, 0o600);
        const ca = new X509Certificate(first.certPem);
        assert.equal(ca.ca, true, "basicConstraints CA:TRUE");
        const second = ensureCaFiles(caDir);
        assert.equal(second.certPem, first.certPem);
        assert.equal(second.keyPem, first.keyPem);
    });

    it("issues a leaf for 127.0.0.1 and localhost (SAN IP + DNS, EKU serverAuth) that the CA signed", async () => {
        const ca = ensureCaFiles(join(dir, "ca"));
        const leaf = new X509Certificate((await issueServerCertificate(ca)).certificatePem);
        assert.ok(leaf.checkIssued(new X509Certificate(ca.certPem)));
        assert.ok(leaf.verify(new X509Certificate(ca.certPem).publicKey));
        assert.equal(leaf.checkIP("127.0.0.1"), "127.0.0.1");
        assert.equal(leaf.checkHost("localhost"), "localhost");
        assert.deepEqual(leaf.keyUsage, [SERVER_AUTH]);
        assert.equal(leaf.ca, false);
    });

    it("reexecWithTrustedCa re-runs the script with NODE_EXTRA_CA_CERTS and exits with the child's code", function () {
        this.timeout(60_000);
        const caDir = join(dir, "ca");
        const script = join(dir, "script.ts");
        writeFileSync(
            script,
            `import { reexecWithTrustedCa } from ${JSON.stringify(resolve("emulator/trust"))};\n` +
                `void reexecWithTrustedCa(${JSON.stringify(caDir)}).then((ca) => { console.log("trusted " + process.env.NODE_EXTRA_CA_CERTS + " " + ca.certPath); process.exit(7); });\n`,
        );
        const env: NodeJS.ProcessEnv = { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" };
        delete env.NODE_EXTRA_CA_CERTS;
        const r = spawnSync(process.execPath, ["-r", "ts-node/register", script], { env, encoding: "utf8", cwd: resolve(".") });
        const certPath = join(caDir, "ca.pem");
        assert.equal(r.status, 7, r.stderr);
        assert.equal(r.stdout.trim(), `trusted ${certPath} ${certPath}`);
    });

    it("stop() closes idle keep-alive connections and resolves promptly (idempotent)", async () => {
        const emu = await startTestEmulator();
        const agent = new Agent({ keepAlive: true });
        const socketClosed = new Promise<void>((resolveClosed) => {
            const req = request(`${emu.url}/nowhere`, { agent }, (res) => {
                res.resume();
                res.on("end", () => req.socket?.once("close", () => resolveClosed()));
            });
            req.end();
        });
        await new Promise((r) => setTimeout(r, 50));
        const started = Date.now();
        await Promise.all([emu.stop(), emu.stop()]);
        await socketClosed;
        agent.destroy();
        assert.ok(Date.now() - started < 1000, "no wait for the keep-alive timeout");
    });
});
