/**
 * The `gitops` command: parses its arguments, runs {@link runGitOps}, prints the summary (and,
 * in GitHub Actions, adds it to the job summary) and resolves to the exit code. The
 * `m365-connectors gitops` subcommand delegates here; `npm run gitops -- <verb> …` runs it
 * directly.
 *
 * @module
 */
import { appendFileSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeExpiring } from "./expiry";
import { runGitOps } from "./runGitOps";
import { parseShard } from "./shard";
import { exitCodeOf, formatSummary } from "./summary";
import { DEFAULT_CONCURRENCY, ExitCodes, type ExitCode, type TenantResult } from "./types";

/** Usage text of `gitops`. */
export const GITOPS_USAGE = `Usage: m365-connectors gitops <preview|up|drift> [--tenants DIR] [--stack NAME]... [--concurrency N]
                              [--shard I/N] [--refresh] [--work-dir DIR] [--secrets-provider URL] [--verbose] [--json]
                              [--policy-pack DIR [--policy-pack-config FILE]]...

       m365-connectors gitops merge FILE...   (one table and exit code from the --json output of each shard)

One Pulumi stack per tenant file DIR/<stack>.yaml (default DIR: tenants), a Pulumi stack
configuration file passed with --config-file. Verbs:
  preview   pulumi preview per tenant (pull requests)
  up        pulumi up per tenant (merge to main)
  drift     pulumi refresh --preview-only --expect-no-changes per tenant (schedule)
--refresh makes preview and up refresh the state first, so up re-applies what drifted.
--policy-pack DIR runs a policy pack (e.g. policy, the least-privilege guardrails) on preview and up;
a mandatory violation fails that tenant. --policy-pack-config FILE configures it (one per pack).
--shard I/N runs only the I-th of N shards of the tenants (stable by stack name: one CI job each).
Backend and secrets come from the environment (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, …).
Exit codes: 0 clean, 1 a tenant drifted or failed, 2 bad input (nothing ran).`;

/** Where the command writes. */
export interface GitOpsIo {
    /** Writes a line (or block) to standard output. */
    out(text: string): void;
    /** Writes a line to standard error. */
    err(text: string): void;
}

const processIo: GitOpsIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Runs `gitops` with `argv` (the arguments after `gitops`); resolves to the exit code. */
export async function gitopsCommand(argv: string[], io: GitOpsIo = processIo): Promise<ExitCode> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: true,
            options: {
                tenants: { type: "string", default: "tenants" },
                stack: { type: "string", multiple: true },
                concurrency: { type: "string" },
                shard: { type: "string" },
                "work-dir": { type: "string" },
                "secrets-provider": { type: "string" },
                refresh: { type: "boolean" },
                "policy-pack": { type: "string", multiple: true },
                "policy-pack-config": { type: "string", multiple: true },
                verbose: { type: "boolean" },
                json: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (e) {
        io.err(`gitops: ${(e as Error).message}\n\n${GITOPS_USAGE}`);
        return ExitCodes.badInput;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.out(GITOPS_USAGE);
        return ExitCodes.ok;
    }
    if (positionals[0] === "merge") return mergeShards(positionals.slice(1), io);
    if (positionals.length !== 1) {
        io.err(`gitops: give exactly one verb, got ${positionals.length === 0 ? "none" : positionals.join(" ")}\n\n${GITOPS_USAGE}`);
        return ExitCodes.badInput;
    }
    let shard;
    try {
        shard = values.shard === undefined ? undefined : parseShard(values.shard);
    } catch (e) {
        io.err(`gitops: ${(e as Error).message}`);
        return ExitCodes.badInput;
    }
    const run = await runGitOps(positionals[0], {
        ...(shard ? { shard } : {}),
        tenantsDir: values.tenants,
        concurrency: values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency),
        ...(values.stack ? { stacks: values.stack } : {}),
        ...(values.refresh ? { refresh: true } : {}),
        // Pulumi runs in the program's folder: relative paths are the caller's, made absolute here.
        ...(values["policy-pack"] ? { policyPacks: values["policy-pack"].map((p) => resolve(p)) } : {}),
        ...(values["policy-pack-config"] ? { policyPackConfigs: values["policy-pack-config"].map((p) => resolve(p)) } : {}),
        ...(values["work-dir"] ? { workDir: values["work-dir"] } : {}),
        ...(values["secrets-provider"] ? { secretsProvider: values["secrets-provider"] } : {}),
        ...(values.verbose ? { onOutput: (stack: string, line: string) => io.err(`[${stack}] ${line}`) } : {}),
    });
    if (run.exitCode === ExitCodes.badInput) {
        io.err(run.summary);
        return run.exitCode;
    }
    io.out(values.json ? JSON.stringify({ exitCode: run.exitCode, results: run.results }, null, 2) : run.summary);
    for (const r of run.results.filter((x) => x.status === "failed")) io.err(`${r.stack}: ${r.error ?? "failed"}`);
    for (const r of run.results) for (const e of r.expiring ?? []) io.err(describeExpiring(r.stack, e));
    writeJobSummary(positionals[0], run.summary);
    return run.exitCode;
}

/**
 * `gitops merge FILE...`: the results of several shard runs (each the `--json` output of one
 * `--shard i/n` job) as one table, with the exit code of them all. A file that is missing or
 * unreadable means a shard did not report: that is a failure (exit 1), named.
 */
function mergeShards(files: readonly string[], io: GitOpsIo): ExitCode {
    if (files.length === 0) {
        io.err(`gitops: merge needs the --json output file of each shard\n\n${GITOPS_USAGE}`);
        return ExitCodes.badInput;
    }
    const results: TenantResult[] = [];
    const missing: string[] = [];
    for (const file of files) {
        try {
            const run = JSON.parse(readFileSync(file, "utf8")) as { results?: TenantResult[] };
            if (!Array.isArray(run.results)) throw new Error("no results");
            results.push(...run.results);
        } catch (e) {
            missing.push(`${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
    }
    results.sort((a, b) => a.stack.localeCompare(b.stack));
    const summary = formatSummary(results);
    io.out(summary);
    for (const m of missing) io.err(`gitops merge: a shard did not report: ${m}`);
    for (const r of results) for (const e of r.expiring ?? []) io.err(describeExpiring(r.stack, e));
    writeJobSummary(`${results[0]?.verb ?? ""} (all shards)`.trim(), missing.length ? `${summary}\n\nshards that did not report: ${missing.join(", ")}` : summary);
    return missing.length ? ExitCodes.failed : exitCodeOf(results);
}

/** In GitHub Actions, appends the table to the job summary (`GITHUB_STEP_SUMMARY`). */
function writeJobSummary(verb: string, summary: string): void {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file) appendFileSync(file, `### m365-connectors gitops ${verb}\n\n\`\`\`\n${summary}\n\`\`\`\n`);
}

if (require.main === module) {
    gitopsCommand(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`gitops: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
            process.exitCode = ExitCodes.failed;
        },
    );
}
