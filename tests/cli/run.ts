/**
 * Runs the command line as a user does: `node bin/m365-connectors.js …` in a child process.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

/** The CLI entry point. */
export const BIN = path.resolve(__dirname, "..", "..", "bin", "m365-connectors.js");

/** What one run printed and how it exited. */
export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the CLI with `args`; `env` is merged over `baseEnv` (default this process's environment); `stdin` is written and closed. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; baseEnv?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: { ...(opts.baseEnv ?? process.env), ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(opts.stdin ?? "");
    });
}
