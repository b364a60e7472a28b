#!/usr/bin/env node
// Entry point of the `m365-connectors` command. Runs the compiled CLI (`npm run build`), or,
// in a source checkout without a build, the TypeScript sources through ts-node.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const compiled = path.join(root, "dist", "cli", "main.js");
let cli;
if (fs.existsSync(compiled)) {
    cli = require(compiled);
} else {
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    cli = require(path.join(root, "cli", "main.ts"));
}
cli.main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`m365-connectors: unexpected error: ${e && e.message}\n`); process.exitCode = 1; },
);
