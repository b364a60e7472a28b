#!/usr/bin/env node
// `npm run test:e2e`: the real Pulumi engine against the emulator (tests/e2e).
// `npm run test:live` (`--live`): the managed-mode suite against a real test tenant (M365C_LIVE_*).
//
// 1. scripts/ensure-pulumi.sh provides the pinned Pulumi CLI (builds it with Go when needed). If
//    it fails, so does this suite, with the script's reason; only when Go itself is missing (and
//    no pinned CLI is installed) is the suite skipped, saying so.
// 2. scripts/ensure-azuread-plugin.sh provides the azuread resource plugin for the managed-mode
//    suite (tests/e2e/managed.e2e.ts). If it fails, its reason goes to that suite
//    (M365C_AZUREAD_PLUGIN_ERROR), which then fails with it; the other suites still run.
// 3. scripts/test.js does the rest exactly as for `npm test` (tsc build, emulator CA,
//    NODE_EXTRA_CA_CERTS, which the Pulumi processes inherit), running mocha with
//    tests/e2e/mocharc.json on `tests/e2e/**/*.e2e.ts` (not `*.test.ts`: `npm test` skips them).
// Extra arguments go to mocha, e.g. `npm run test:e2e -- --grep GitOps` or a spec file
// (`npm run test:e2e -- tests/e2e/gitops.e2e.ts`), which then replaces the default spec.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const t0 = Date.now();

/**
 * Runs scripts/<script>: its stderr is shown; returns the value of its `<key>=` stdout line and
 * the seconds taken, or the reason it failed (its "FAILED at step" line, without the prefix).
 */
function ensure(script, key) {
    const started = Date.now();
    const r = spawnSync("bash", [path.join(root, "scripts", script)], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    process.stderr.write(r.stderr || "");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const value = r.status === 0 ? new RegExp(`^${key}=(.+)$`, "m").exec(r.stdout)?.[1] : undefined;
    if (value) return { value, seconds, stdout: r.stdout };
    const failed = (r.stderr || "").split("\n").find((l) => l.includes("FAILED at step"));
    const reason = failed ?? (r.status === 0 ? `scripts/${script} printed no ${key} line` : `exit ${r.status ?? r.signal}`);
    return { error: reason.replace(/^[\w-]+: /, ""), status: r.status };
}

const cli = ensure("ensure-pulumi.sh", "PULUMI_BIN");
if (cli.error) {
    if (cli.error.includes("FAILED at step 'find go'")) {
        console.log(`test:e2e SKIPPED: ${cli.error}`);
        process.exit(0);
    }
    console.error(`test:e2e FAILED: no Pulumi CLI: ${cli.error}`);
    process.exit(cli.status || 1);
}
const bin = cli.value;
console.log(`test:e2e: Pulumi CLI ${/^PULUMI_VERSION=(.+)$/m.exec(cli.stdout)?.[1] ?? "?"} in ${bin} (${cli.seconds}s)`);

const plugin = ensure("ensure-azuread-plugin.sh", "AZUREAD_PLUGIN");
const pluginDir = plugin.value;
const pluginError = plugin.error;
console.log(pluginDir ? `test:e2e: azuread plugin in ${pluginDir} (${plugin.seconds}s)` : `test:e2e: no azuread plugin, the managed-mode suite will fail: ${pluginError}`);

const argv = process.argv.slice(2);
const live = argv.includes("--live");
const args = argv.filter((a) => a !== "--live");
const spec = args.some((a) => a.endsWith(".ts")) ? [] : live ? ["tests/e2e/managed.e2e.ts"] : ["tests/e2e/**/*.e2e.ts"];
// Live runs reach a real tenant: no loopback-only network guard (tests/e2e/mocharc.live.json).
const config = live ? "tests/e2e/mocharc.live.json" : "tests/e2e/mocharc.json";
const r = spawnSync(process.execPath, [path.join(root, "scripts", "test.js"), "--config", config, ...spec, ...args], {
    cwd: root,
    stdio: "inherit",
    env: {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH || ""}`,
        M365C_PULUMI_BIN: bin,
        ...(pluginDir ? { M365C_AZUREAD_PLUGIN: pluginDir } : { M365C_AZUREAD_PLUGIN_ERROR: pluginError }),
        ...(live ? { M365C_LIVE: "1" } : {}),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    },
});
console.log(`test:e2e: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exit(r.status === null ? 1 : r.status);
