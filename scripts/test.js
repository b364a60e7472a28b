#!/usr/bin/env node
// `npm test`: type-check and build (Pulumi's dynamic-provider host runs the compiled provider
// runtime, without ts-node), make sure the emulator's CA exists, then run mocha with
// NODE_EXTRA_CA_CERTS pointing at it (Node reads that variable only at process start).
// Extra arguments are passed to mocha (e.g. `npm test -- tests/catalog`).
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const run = (cmd, args, env) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    if (r.status !== 0) process.exit(r.status === null ? 1 : r.status);
};

run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"]);

const caDir = path.join(root, ".emulator", "ca");
const env = { TS_NODE_TRANSPILE_ONLY: "true", M365C_EMULATOR_CA_DIR: caDir };
const caModule = path.join(root, "dist", "emulator", "ca.js");
if (fs.existsSync(caModule)) {
    const { ensureCaFiles } = require(caModule);
    env.NODE_EXTRA_CA_CERTS = ensureCaFiles(caDir).certPath;
}
// Paths given on the command line replace the default spec (mocha would add them to a spec
// set in .mocharc.json, so the default lives here).
const args = process.argv.slice(2);
const spec = args.some((a) => !a.startsWith("-")) ? [] : ["tests/**/*.test.ts"];
const mocha = require.resolve("mocha/bin/mocha.js");
run(process.execPath, [mocha, ...spec, ...args], env);
