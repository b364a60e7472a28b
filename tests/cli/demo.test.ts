/**
 * `npm run demo` stays the offline main job: run the compiled demo as a user would and check it
 * shows what it promises (the build is done by scripts/test.js before mocha starts).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

describe("npm run demo (dist/cli/demo.js in a child process)", function () {
    this.timeout(90_000);

    it("creates, shows drift after consent is revoked, is clean after restore, proves Snow Atlas; exit 0 in < 30 s", () => {
        const root = path.resolve(__dirname, "..", "..");
        const started = Date.now();
        // Without NODE_EXTRA_CA_CERTS, as from a plain shell: the demo re-runs itself trusting the CA.
        const env = { ...process.env };
        delete env.NODE_EXTRA_CA_CERTS;
        const r = spawnSync(process.execPath, [path.join(root, "dist", "cli", "demo.js")], { cwd: root, env, encoding: "utf8" });
        const took = Date.now() - started;
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /ok: every check passes\n/);
        assert.match(r.stdout, /Certificate thumbprint\s+[0-9A-F]{40}/);
        assert.match(r.stdout, /ok: the drift is shown \(failing: appRoles, exchangeCommand\)/);
        assert.match(r.stdout, /fix: Grant admin consent for Exchange\.ManageAsApp/);
        assert.match(r.stdout, /ok: every check passes again/);
        assert.match(r.stdout, /nextCredential=pass[\s\S]*ok: the console keeps the thumbprint in use/, "the rollover proves the next certificate first");
        assert.match(r.stdout, /ok: no failed probe during the rollover \(pass, pass, pass\)/);
        assert.match(r.stdout, /Snow Atlas[\s\S]*ok: every check passes/);
        assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE KEY|demo-[a-z0-9]+-[a-z0-9]+/, "no credential printed");
        assert.ok(took < 30_000, `the demo took ${took} ms`);
    });
});
