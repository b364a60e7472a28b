/**
 * The GitOps runner: one Pulumi stack per tenant file, a verb run on every tenant with bounded
 * concurrency through the Automation API, a summary table and a CI exit code.
 *
 * @module
 */
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../../catalog";
import { expiringCredentials } from "./expiry";
import { runVerb } from "./operations";
import { Mutex } from "./mutex";
import { mapPool } from "../pool";
import { exitCodeOf, formatSummary } from "./summary";
import { inShard } from "./shard";
import { loadTenants, type TenantFile } from "./tenants";
import { DEFAULT_CONCURRENCY, ExitCodes, GitOpsVerbs, MAX_CONCURRENCY, type GitOpsOptions, type GitOpsRun, type GitOpsVerb, type TenantResult } from "./types";

/**
 * Runs `verb` (`preview`, `up` or `drift`) on every tenant of `options.tenantsDir`. Never throws
 * for bad input or a failing tenant: bad input gives exit code 2 and no results; each tenant's
 * failure or drift is a result, and the exit code is 1 if any tenant drifted or failed, else 0.
 *
 * @example
 * const run = await runGitOps("drift", { tenantsDir: "tenants", concurrency: 4 });
 * console.log(run.summary);
 * process.exitCode = run.exitCode;
 */
export async function runGitOps(verb: string, options: GitOpsOptions): Promise<GitOpsRun> {
    let parsed: GitOpsVerb;
    let tenants: TenantFile[];
    let workDir: string;
    let concurrency: number;
    try {
        parsed = parseVerb(verb);
        concurrency = parseConcurrency(options.concurrency);
        workDir = resolve(options.workDir ?? defaultWorkDir());
        if (!existsSync(join(workDir, "Pulumi.yaml"))) {
            throw new ConfigError("workDir", `${workDir} holds no Pulumi.yaml`, "Point workDir at the Pulumi project (the repository root)");
        }
        tenants = inShard(loadTenants(options.tenantsDir, options.stacks), options.shard);
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return { exitCode: ExitCodes.badInput, results: [], summary: `gitops: ${e.message}` };
    }
    const setup = new Mutex();
    const results = await mapPool(tenants, concurrency, (tenant) => runTenant(parsed, tenant, workDir, options, setup));
    return { exitCode: exitCodeOf(results), results, summary: formatSummary(results) };
}

async function runTenant(verb: GitOpsVerb, tenant: TenantFile, workDir: string, options: GitOpsOptions, setup: Mutex): Promise<TenantResult> {
    const started = Date.now();
    // Pulumi writes `Pulumi.<stack>.yaml` (just the passphrase salt) into the project on
    // `stack init` and on `stack output --show-secrets`, which `stack.up()` runs to return the
    // outputs. The tenant file is the stack's configuration (`--config-file`), so a file that did
    // not exist before is removed again.
    const stray = join(workDir, `Pulumi.${tenant.stack}.yaml`);
    const existed = existsSync(stray);
    try {
        let stack: Stack;
        try {
            // One at a time: `stack select` writes the workspace's current-stack file.
            stack = await setup.run(() => openStack(tenant, workDir, options));
        } catch (e) {
            const error = String((e as Error)?.message ?? e).split("\n").find((l) => /error:/i.test(l))?.trim() ?? String(e).slice(0, 300);
            return { stack: tenant.stack, file: tenant.file, verb, status: "failed", changes: {}, changed: [], durationMs: Date.now() - started, error: `cannot open stack: ${error}` };
        }
        const onOutput = options.onOutput;
        const r = await runVerb(verb, stack, tenant, {
            refresh: options.refresh,
            policyPacks: options.policyPacks,
            policyPackConfigs: options.policyPackConfigs,
            onOutput: onOutput && ((line) => onOutput(tenant.stack, line)),
        });
        const expiring = verb === "drift" && r.status !== "failed" ? await expiringOf(stack) : [];
        return { ...r, ...(expiring.length > 0 ? { expiring } : {}), durationMs: Date.now() - started };
    } finally {
        if (!existed) rmSync(stray, { force: true });
    }
}

/** The stack's credentials inside their alert window, from its last `expiry` output (none when it has none yet). */
async function expiringOf(stack: Stack) {
    try {
        const outputs = await stack.outputs();
        return expiringCredentials(outputs.expiry?.value, new Date());
    } catch {
        return [];
    }
}

/** Selects the tenant's stack, creating it (with `options.secretsProvider`) when missing. */
function openStack(tenant: TenantFile, workDir: string, options: GitOpsOptions): Promise<Stack> {
    return LocalWorkspace.createOrSelectStack(
        { stackName: tenant.stack, workDir },
        {
            ...(options.envVars ? { envVars: { ...options.envVars } } : {}),
            ...(options.secretsProvider ? { secretsProvider: options.secretsProvider } : {}),
            ...(options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {}),
        },
    );
}

function parseVerb(verb: string): GitOpsVerb {
    if (!(GitOpsVerbs as readonly string[]).includes(verb)) {
        throw new ConfigError("verb", `unknown verb ${JSON.stringify(verb)}`, `Use one of: ${GitOpsVerbs.join(", ")}`);
    }
    return verb as GitOpsVerb;
}

function parseConcurrency(value: number | undefined): number {
    const n = value ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
        throw new ConfigError("concurrency", `must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${JSON.stringify(value)}`, "Lower it to what the runner's CPUs allow (each tenant runs a Pulumi engine and a Node program)");
    }
    return n;
}

/** The folder of this package's Pulumi.yaml: the first ancestor of this module that holds one. */
export function defaultWorkDir(): string {
    for (let dir = __dirname; ; dir = dirname(dir)) {
        if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
        if (dirname(dir) === dir) return process.cwd();
    }
}
