/**
 * Making a script's own clients trust the emulator's CA. Node reads `NODE_EXTRA_CA_CERTS` only
 * when the process starts; setting it later has no effect on `fetch` (msal-node, graph-client)
 * (../shared/reference/emulator-msal-graph-facts.md §0.2). So a script that is not already started
 * with it re-runs itself with it set.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { resolve } from "node:path";
import { ensureCaFiles, type CaFiles } from "./ca";

/**
 * Returns the CA in `caDir` (creating it when missing) when this process already trusts it
 * (`NODE_EXTRA_CA_CERTS` is its path). Otherwise re-runs the same node command
 * (`process.execPath`, `process.execArgv`, `process.argv.slice(1)`) with `NODE_EXTRA_CA_CERTS` set,
 * stdio inherited and SIGINT/SIGTERM forwarded, and exits with the child's code: the returned
 * promise then never settles.
 */
export async function reexecWithTrustedCa(caDir: string): Promise<CaFiles> {
    const ca = ensureCaFiles(caDir);
    const current = process.env.NODE_EXTRA_CA_CERTS;
    if (current && resolve(current) === resolve(ca.certPath)) return ca;
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        stdio: "inherit",
        env: { ...process.env, NODE_EXTRA_CA_CERTS: resolve(ca.certPath) },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on("SIGINT", forward("SIGINT"));
    process.on("SIGTERM", forward("SIGTERM"));
    return new Promise<never>(() => {
        child.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
        child.on("error", (e) => {
            console.error(`could not re-run with NODE_EXTRA_CA_CERTS: ${e.message}`);
            process.exit(1);
        });
    });
}
