/**
 * `npm run emulator [-- --port N --cloud NAME --lag-ms N --latency-ms N --tenant GUID --state-dir DIR]`:
 * runs the tenant emulator until Ctrl-C / SIGTERM, with one tenant and a connector of each
 * concrete profile seeded as `pulumi up` would leave it. Prints how to trust the CA, the tenant ID
 * and each connector's credentials (certificate profiles: cert + key PEM files under the state
 * directory; snow-atlas-m365: a client secret). Writes the same to `{state}/emulator.json` (0600).
 * `main(argv)` is reused by the `m365-connectors emulator` command.
 *
 * @module
 */
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CloudNames, isCloudName, isGuid, parseCertificatePem, resolveProfile, type CloudName, type ProfileName } from "../catalog";
import { createSelfSignedCertificate, ensureCaFiles } from "./ca";
import { startEmulator } from "./index";
import type { RunningEmulator } from "./types";

/** The options of `npm run emulator`, after parsing. */
export interface EmulatorCliOptions {
    readonly port: number;
    readonly cloud: CloudName;
    readonly lagMs: number;
    readonly latencyMs: number;
    readonly tenantId: string;
    readonly stateDir: string;
}

/** The command line's usage line, printed on bad input. */
export const USAGE = "usage: emulator [--port N] [--cloud AzureCloud|AzureGCC|AzureGCCHigh|AzureDoD|AzureChina] [--lag-ms N] [--latency-ms N] [--tenant GUID] [--state-dir DIR]";

/** Parses the command line; a message for bad input. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCliOptions | string {
    const o = { port: 8443, cloud: "AzureCloud" as CloudName, lagMs: 0, latencyMs: 0, tenantId: randomUUID() as string, stateDir: resolve(".emulator") };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split("=", 2);
        const value = inline ?? argv[++i];
        if (value === undefined) return `${flag} needs a value. ${USAGE}`;
        const int = (name: string, max: number) => {
            const n = Number(value);
            return Number.isInteger(n) && n >= 0 && n <= max ? n : `${name} must be an integer from 0 to ${max}, got "${value}"`;
        };
        let r: number | string | undefined;
        switch (flag) {
            case "--port": r = int("--port", 65535); if (typeof r === "number") o.port = r; break;
            case "--lag-ms": r = int("--lag-ms", 3_600_000); if (typeof r === "number") o.lagMs = r; break;
            case "--latency-ms": r = int("--latency-ms", 600_000); if (typeof r === "number") o.latencyMs = r; break;
            case "--cloud":
                if (!isCloudName(value)) return `--cloud must be one of ${CloudNames.join(", ")}, got "${value}"`;
                o.cloud = value;
                break;
            case "--tenant":
                if (!isGuid(value)) return `--tenant must be a GUID, got "${value}"`;
                o.tenantId = value.toLowerCase();
                break;
            case "--state-dir": o.stateDir = resolve(value); break;
            default: return `unknown option ${flag}. ${USAGE}`;
        }
        if (typeof r === "string") return r;
    }
    return o;
}

/** One seeded connector, as printed. */
export interface SeededDemoConnector {
    readonly profile: ProfileName;
    readonly clientId: string;
    readonly clientSecret?: string;
    readonly secretExpiresAt?: string;
    readonly certificatePath?: string;
    readonly privateKeyPath?: string;
    readonly thumbprintSha1?: string;
}

const writePrivate = (path: string, text: string) => {
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
};

/** Starts an emulator with one tenant and a connector per concrete profile. */
export async function startDemoTenant(o: EmulatorCliOptions): Promise<{ emulator: RunningEmulator; connectors: SeededDemoConnector[]; caPath: string }> {
    const ca = ensureCaFiles(join(o.stateDir, "ca"));
    const emulator = await startEmulator({
        port: o.port, cloud: o.cloud, ca, replicationLagMs: o.lagMs, latencyMs: o.latencyMs,
        tenants: [{ tenantId: o.tenantId, displayName: "Contoso (emulated)" }],
    });
    const credDir = join(o.stateDir, "credentials");
    mkdirSync(credDir, { recursive: true });
    const connectors: SeededDemoConnector[] = [];
    for (const profile of ["activeroles-m365", "activeroles-azuread", "snow-atlas-m365"] as const) {
        const resolved = resolveProfile({ profile });
        if (resolved.credential === "secret") {
            const secret = randomBytes(30).toString("base64url");
            const secretExpiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
            const s = emulator.directory.seedConnector({ tenantId: o.tenantId, profile: resolved, credential: { kind: "secret", secret, endDateTime: secretExpiresAt } });
            connectors.push({ profile, clientId: s.clientId, clientSecret: secret, secretExpiresAt });
        } else {
            const cert = await createSelfSignedCertificate({ commonName: `${profile} (emulator)` });
            const certificatePath = join(credDir, `${profile}.cert.pem`);
            const privateKeyPath = join(credDir, `${profile}.key.pem`);
            writeFileSync(certificatePath, cert.certificatePem);
            writePrivate(privateKeyPath, cert.privateKeyPem);
            const s = emulator.directory.seedConnector({ tenantId: o.tenantId, profile: resolved, credential: { kind: "certificate", certificatePem: cert.certificatePem } });
            connectors.push({ profile, clientId: s.clientId, certificatePath, privateKeyPath, thumbprintSha1: parseCertificatePem(cert.certificatePem).thumbprintSha1 });
        }
    }
    const caPath = resolve(o.stateDir, "ca", "ca.pem");
    writePrivate(join(o.stateDir, "emulator.json"), `${JSON.stringify({ url: emulator.url, cloud: o.cloud, tenantId: o.tenantId, caPath, connectors }, null, 2)}\n`);
    return { emulator, connectors, caPath };
}

function instructions(o: EmulatorCliOptions, emulator: RunningEmulator, connectors: readonly SeededDemoConnector[], caPath: string): string {
    const host = new URL(emulator.url).host;
    const lines = [
        `Tenant emulator (${o.cloud}) listening on ${emulator.url}`,
        "",
        "Trust its CA in the shell that runs clients (Node reads it at start-up):",
        `  export NODE_EXTRA_CA_CERTS=${caPath}`,
        "",
        `Tenant ID:  ${o.tenantId}`,
        `Authority:  ${emulator.url}/${o.tenantId}   (msal-node: knownAuthorities ["${host}"])`,
        `Graph:      ${emulator.url}/v1.0   (graph-client: baseUrl "${emulator.url}/", customHosts ["127.0.0.1"])`,
        `Exchange:   ${emulator.url}/adminapi/beta/${o.tenantId}/InvokeCommand`,
        "",
        "Connectors:",
    ];
    for (const c of connectors) {
        lines.push(`  ${c.profile}`, `    client ID:    ${c.clientId}`);
        if (c.clientSecret) lines.push(`    secret:       ${c.clientSecret}   (expires ${c.secretExpiresAt})`);
        if (c.certificatePath) {
            lines.push(`    certificate:  ${c.certificatePath}`, `    private key:  ${c.privateKeyPath}`, `    thumbprint:   ${c.thumbprintSha1}`);
        }
    }
    lines.push("", `The same, as JSON: ${join(o.stateDir, "emulator.json")}`, `Replication lag ${o.lagMs} ms, latency ${o.latencyMs} ms. Ctrl-C stops.`);
    return `${lines.join("\n")}\n`;
}

/** Runs the emulator until SIGINT/SIGTERM; resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2), out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
    const o = parseEmulatorArgs(argv);
    if (typeof o === "string") {
        err.write(`${o}\n`);
        return 2;
    }
    let started: Awaited<ReturnType<typeof startDemoTenant>>;
    try {
        started = await startDemoTenant(o);
    } catch (e) {
        err.write(`emulator: could not start: ${(e as Error).message}\n`);
        return 1;
    }
    out.write(instructions(o, started.emulator, started.connectors, started.caPath));
    const signal = await new Promise<NodeJS.Signals>((resolveSignal) => {
        const on = (s: NodeJS.Signals) => () => {
            process.off("SIGINT", onInt);
            process.off("SIGTERM", onTerm);
            resolveSignal(s);
        };
        const onInt = on("SIGINT");
        const onTerm = on("SIGTERM");
        process.on("SIGINT", onInt);
        process.on("SIGTERM", onTerm);
    });
    await started.emulator.stop();
    out.write(`\n${signal}: emulator stopped.\n`);
    return 0;
}

if (require.main === module) {
    void main().then((code) => {
        process.exitCode = code;
    });
}
