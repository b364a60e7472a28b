/**
 * e2e helpers: the Pulumi CLI from scripts/ensure-pulumi.sh, a throw-away local backend with a
 * passphrase secrets provider, an emulator whose CA the Pulumi processes trust, and tenant
 * connectors seeded as an existing application would leave them.
 *
 * Pulumi runs as child processes while the emulator answers from this process, so commands are
 * spawned asynchronously (a synchronous spawn would block the emulator's event loop).
 *
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { resolveProfile, type ProfileName } from "../../catalog";
import { createSelfSignedCertificate, type RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../emulator/helpers";

/** The repository root. */
export const ROOT = resolve(__dirname, "..", "..");

/**
 * The Pulumi project the e2e suites deploy: the repository's own program (Pulumi.yaml, index.ts),
 * in verify-only mode (pulumiCli.e2e.ts, gitops.e2e.ts: only ConnectorConnections) and in managed
 * mode with the azuread plugin (managed.e2e.ts).
 */
export const PROGRAM_DIR = ROOT;

/** The config namespace (project name) of both programs. */
export const NS = "m365-connectors";

/** Result of a Pulumi command. */
export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Returns the directory of the pinned Pulumi CLI: `M365C_PULUMI_BIN` (set by scripts/e2e.js), or
 * the last line of `scripts/ensure-pulumi.sh`, which fails with its reason when it cannot build it.
 */
export function pulumiBin(): string {
    const fromEnv = process.env.M365C_PULUMI_BIN;
    if (fromEnv && existsSync(join(fromEnv, "pulumi"))) return fromEnv;
    const r = spawnSync("bash", [join(ROOT, "scripts", "ensure-pulumi.sh")], { encoding: "utf8" });
    const bin = /^PULUMI_BIN=(.+)$/m.exec(r.stdout ?? "")?.[1];
    if (r.status !== 0 || !bin) throw new Error(`scripts/ensure-pulumi.sh failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").filter((l) => l.includes("FAILED")).join(" ") || r.stderr}`);
    return bin;
}

/**
 * Returns the directory of the azuread resource plugin: `M365C_AZUREAD_PLUGIN` (set by
 * scripts/e2e.js), or the last line of `scripts/ensure-azuread-plugin.sh`, which fails with its
 * reason when it can neither find nor build the plugin.
 */
export function azureadPluginDir(): string {
    const failed = process.env.M365C_AZUREAD_PLUGIN_ERROR;
    if (failed) throw new Error(`no azuread resource plugin (scripts/ensure-azuread-plugin.sh): ${failed}`);
    const fromEnv = process.env.M365C_AZUREAD_PLUGIN;
    if (fromEnv && existsSync(join(fromEnv, "pulumi-resource-azuread"))) return fromEnv;
    const r = spawnSync("bash", [join(ROOT, "scripts", "ensure-azuread-plugin.sh")], { encoding: "utf8" });
    const dir = /^AZUREAD_PLUGIN=(.+)$/m.exec(r.stdout ?? "")?.[1];
    if (r.status !== 0 || !dir) throw new Error(`scripts/ensure-azuread-plugin.sh failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").filter((l) => l.includes("FAILED")).join(" ") || r.stderr}`);
    return dir;
}

/** A throw-away Pulumi environment: local file backend, passphrase, PULUMI_HOME, all in one temp folder. */
export class PulumiSandbox {
    /** The temp folder (backend, home, config files). */
    readonly dir = mkdtempSync(join(tmpdir(), "m365c-e2e-"));
    /** The passphrase of every stack in this sandbox. */
    readonly passphrase = randomBytes(12).toString("hex");
    /** Environment for Pulumi processes (merged over this process's, which carries NODE_EXTRA_CA_CERTS). */
    readonly env: Record<string, string>;

    /** `bin`: the Pulumi CLI's directory; `pluginDirs`: more directories for PATH (resource plugins). */
    constructor(bin: string = pulumiBin(), pluginDirs: readonly string[] = []) {
        this.env = {
            PATH: [bin, ...pluginDirs, process.env.PATH ?? ""].join(":"),
            PULUMI_BACKEND_URL: `file://${join(this.dir, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: this.passphrase,
            PULUMI_HOME: join(this.dir, "home"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        };
        for (const d of ["backend", "home"]) spawnSync("mkdir", ["-p", join(this.dir, d)]);
    }

    /**
     * Runs `pulumi <args> --non-interactive` in `cwd` (default the program); never rejects on a
     * non-zero exit. Pulumi writes `Pulumi.<stack>.yaml` (the passphrase salt) into the project on
     * `stack init` and `stack output`; the suite keeps each stack's config in its own file, so one
     * that did not exist before the command is removed after it.
     */
    async pulumi(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
        const cwd = opts.cwd ?? PROGRAM_DIR;
        const stack = args.includes("--stack") ? args[args.indexOf("--stack") + 1] : args[0] === "stack" && args[1] === "init" ? args[2] : undefined;
        const stray = stack ? join(cwd, `Pulumi.${stack}.yaml`) : undefined;
        const existed = stray ? existsSync(stray) : true;
        try {
            return await new Promise<CommandResult>((done, fail) => {
                const child = spawn("pulumi", [...args, "--non-interactive"], { cwd, env: { ...process.env, ...this.env, ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
                let stdout = "";
                let stderr = "";
                child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
                child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
                child.on("error", fail);
                child.on("close", (code) => done({ code: code ?? 1, stdout, stderr }));
                child.stdin.end(opts.input ?? "");
            });
        } finally {
            if (stray && !existed) rmSync(stray, { force: true });
        }
    }

    /** Like {@link pulumi}, but rejects with the command's output when it exits non-zero. */
    async ok(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
        const r = await this.pulumi(args, opts);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r;
    }

    /** Creates `stack` in the backend with the passphrase secrets provider. */
    async initStack(stack: string, cwd: string = PROGRAM_DIR): Promise<void> {
        await this.ok(["stack", "init", stack, "--secrets-provider", "passphrase", "--no-select"], { cwd });
    }

    /**
     * Writes a stack config file: `plain` values as YAML, then each `secrets` entry (a `--path`
     * key → value) with `pulumi config set --secret`, so the file holds only ciphertext for them.
     */
    async writeConfigFile(file: string, stack: string, plain: Record<string, unknown>, secrets: Record<string, string>): Promise<void> {
        writeFileSync(file, stringify({ config: plain }));
        for (const [path, value] of Object.entries(secrets)) {
            await this.ok(["config", "set", "--stack", stack, "--config-file", file, "--secret", "--path", path], { input: value });
        }
    }

    /** Removes the temp folder. */
    dispose(): void {
        rmSync(this.dir, { recursive: true, force: true });
    }
}

/** A connector seeded in the emulator as an existing, fully granted application. */
export interface SeededApp {
    readonly tenantId: string;
    readonly clientId: string;
    readonly profile: ProfileName;
    /** For certificate profiles. */
    readonly certificatePem?: string;
    readonly privateKeyPem?: string;
    /** For secret profiles. */
    readonly clientSecret?: string;
}

/**
 * Starts an emulator the Pulumi processes trust: its TLS certificate comes from the CA that
 * `NODE_EXTRA_CA_CERTS` names (scripts/test.js), which every child process inherits.
 */
export async function startTrustedEmulator(): Promise<RunningEmulator> {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the suite with `npm run test:e2e`");
    return startTestEmulator();
}

/** Adds a tenant and seeds one connector of `profile` with a new certificate or secret. */
export async function seedApp(emulator: RunningEmulator, tenantId: string, profile: ProfileName): Promise<SeededApp> {
    emulator.directory.addTenant({ tenantId, displayName: `Contoso ${tenantId.slice(0, 4)}` });
    const resolved = resolveProfile({ profile });
    if (resolved.credential === "certificate") {
        const cert = await createSelfSignedCertificate({ commonName: `e2e ${profile}` });
        const s = emulator.directory.seedConnector({ tenantId, profile: resolved, credential: { kind: "certificate", certificatePem: cert.certificatePem } });
        return { tenantId, clientId: s.clientId, profile, certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem };
    }
    const clientSecret = `e2e~${randomBytes(24).toString("base64url")}`;
    const s = emulator.directory.seedConnector({ tenantId, profile: resolved, credential: { kind: "secret", secret: clientSecret } });
    return { tenantId, clientId: s.clientId, profile, clientSecret };
}

/** The `connectors` config entry of a seeded app, without its secret (set separately with `--secret`). */
export function connectorEntry(name: string, app: SeededApp): Record<string, unknown> {
    return {
        name,
        profile: app.profile,
        existingApplication: { clientId: app.clientId, manage: "verify-only" },
        credential: app.certificatePem ? { pem: app.certificatePem } : {},
    };
}

/** The `--path` config keys and values of a seeded app's secrets, for connector `index`. */
export function connectorSecrets(index: number, app: SeededApp): Record<string, string> {
    const at = `${NS}:connectors[${index}].credential`;
    return app.privateKeyPem ? { [`${at}.keyPem`]: app.privateKeyPem } : { [`${at}.clientSecret`]: app.clientSecret ?? "" };
}

/** The base64 lines of a PEM body, to look for in exported state (JSON keeps each line intact). */
export function pemLines(pem: string): string[] {
    return pem
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !l.startsWith("-----"));
}

/** A fresh tenant ID and a unique stack name. */
export const newTenantId = (): string => randomUUID();
export const newStackName = (prefix: string): string => `${prefix}-${randomBytes(3).toString("hex")}`;

/** Reads a file as text (tests inspect config files). */
export const readText = (file: string): string => readFileSync(file, "utf8");
