/**
 * `npm run bench:gitops`: what the GitOps runner costs per tenant (issue #13). `gitops drift` over
 * N tenants (default 50) against the emulator, at several concurrencies (default 1, 4, 16): wall
 * time and the peak resident memory of the runner with every process it started (Pulumi engines,
 * language hosts, programs, dynamic-provider hosts), sampled from /proc. Then a projection to
 * 1,000 tenants split over n shards (one CI runner each, the same machine).
 *
 * Each tenant is a verify-only Snow Atlas connector (one ConnectorConnection, no azuread plugin
 * needed), so the figure is the runner's own cost per stack: engine start, program, refresh,
 * one probe. Managed stacks add the azuread plugin's reads per resource on top.
 *
 * Options: `--tenants N`, `--concurrency 1,4,16`, `--json`. Needs the Pulumi CLI
 * (scripts/ensure-pulumi.sh builds it with Go). Progress goes to standard error.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { runGitOps } from "../cli/gitops";
import { reexecWithTrustedCa } from "../emulator/trust";
import { startEmulatorProcess } from "./emulatorProcess";
import { machineInfo } from "./report";

const ROOT = resolve(__dirname, "..", "..");
const log = (t: string) => process.stderr.write(`bench:gitops: ${t}\n`);

/** Resident memory (MB) of `root` and all its descendants, from /proc. */
function treeRssMb(root: number): number {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const name of readdirSync("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        try {
            const status = readFileSync(`/proc/${name}/status`, "utf8");
            const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
            const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
            rss.set(Number(name), kb);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
        } catch {
            // the process ended while we looked
        }
    }
    let total = 0;
    const stack = [root];
    while (stack.length) {
        const pid = stack.pop()!;
        total += rss.get(pid) ?? 0;
        stack.push(...(children.get(pid) ?? []));
    }
    return total / 1024;
}

interface Run {
    readonly concurrency: number;
    readonly wallMs: number;
    readonly peakRssMb: number;
    readonly perTenantMs: number;
    readonly results: Record<string, number>;
}

async function main(): Promise<void> {
    const caDir = join(ROOT, ".emulator", "ca");
    await reexecWithTrustedCa(caDir);
    const machine = machineInfo(); // load average before the run
    const { values } = parseArgs({ options: { tenants: { type: "string", default: "50" }, concurrency: { type: "string", default: "1,4,16" }, json: { type: "boolean" } } });
    const count = Number(values.tenants);
    const concurrencies = String(values.concurrency).split(",").map(Number);

    const ensure = spawnSync("bash", [join(ROOT, "scripts", "ensure-pulumi.sh")], { encoding: "utf8" });
    const bin = /^PULUMI_BIN=(.+)$/m.exec(ensure.stdout ?? "")?.[1];
    if (!bin) throw new Error(`no Pulumi CLI: ${ensure.stderr}`);
    const dir = mkdtempSync(join(tmpdir(), "m365c-bench-gitops-"));
    const env = {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: `file://${join(dir, "backend")}`,
        PULUMI_CONFIG_PASSPHRASE: randomBytes(12).toString("hex"),
        PULUMI_HOME: join(dir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
    Object.assign(process.env, env); // the Automation API's workspaces read these
    for (const d of ["backend", "home", "tenants"]) mkdirSync(join(dir, d), { recursive: true });

    const emu = await startEmulatorProcess({ caDir });
    const runs: Run[] = [];
    try {
        log(`seeding ${count} tenants and writing their tenant files…`);
        const seeds = Array.from({ length: count }, () => ({ tenantId: randomUUID(), secret: `bench~${randomBytes(18).toString("base64url")}` }));
        const seeded = await emu.call("seed", seeds.map((s) => ({ tenantId: s.tenantId, profile: { profile: "snow-atlas-m365" as const }, credential: { kind: "secret" as const, secret: s.secret } })));
        seeded.forEach((s, i) => {
            // Plain-text secret in a throw-away tenant file: a benchmark only (README: set secrets with --secret).
            const config = {
                "m365-connectors:tenantId": s.tenantId,
                "m365-connectors:endpointOverride": emu.url,
                "m365-connectors:connectors": [{ name: "snow", profile: "snow-atlas-m365", existingApplication: { clientId: s.clientId, manage: "verify-only" }, credential: { clientSecret: seeds[i].secret } }],
            };
            writeFileSync(join(dir, "tenants", `t${String(i).padStart(4, "0")}.yaml`), stringify({ config }));
        });
        const options = { tenantsDir: join(dir, "tenants"), workDir: ROOT, secretsProvider: "passphrase", envVars: env };
        log(`gitops up of ${count} stacks (set-up, not measured)…`);
        const up = await runGitOps("up", { ...options, concurrency: 16 });
        if (up.exitCode !== 0) throw new Error(`set-up failed:\n${up.summary}`);

        for (const concurrency of concurrencies) {
            log(`gitops drift, ${count} tenants, concurrency ${concurrency}…`);
            let peak = 0;
            const timer = setInterval(() => (peak = Math.max(peak, treeRssMb(process.pid))), 200);
            const started = performance.now();
            const drift = await runGitOps("drift", { ...options, concurrency });
            const wallMs = performance.now() - started;
            clearInterval(timer);
            const results: Record<string, number> = {};
            for (const r of drift.results) results[r.status] = (results[r.status] ?? 0) + 1;
            runs.push({ concurrency, wallMs: Math.round(wallMs), peakRssMb: Math.round(peak), perTenantMs: Math.round(wallMs / count), results });
        }
    } finally {
        await emu.stop();
        rmSync(dir, { recursive: true, force: true });
    }

    const best = runs.reduce((a, b) => (b.perTenantMs < a.perTenantMs ? b : a));
    const projection = [1, 4, 10, 20].map((shards) => ({ shards, tenantsPerShard: Math.ceil(1000 / shards), minutes: Math.round((Math.ceil(1000 / shards) * best.perTenantMs) / 600) / 100 }));
    const report = { machine, load: loadavg().map((l) => Math.round(l * 100) / 100), tenants: count, runs, projection: { basis: `concurrency ${best.concurrency}, ${best.perTenantMs} ms per tenant`, rows: projection } };
    if (values.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
    }
    const lines = [`gitops drift over ${count} tenants (verify-only Snow Atlas connector each)`, "", "concurrency  wall       per tenant  peak RSS (runner + children)  results"];
    for (const r of runs) lines.push(`${String(r.concurrency).padEnd(11)}  ${`${(r.wallMs / 1000).toFixed(1)} s`.padEnd(9)}  ${`${r.perTenantMs} ms`.padEnd(10)}  ${`${r.peakRssMb} MB`.padEnd(28)}  ${JSON.stringify(r.results)}`);
    lines.push("", `1,000 tenants, ${report.projection.basis}, one runner of this size per shard:`);
    for (const p of projection) lines.push(`  ${String(p.shards).padStart(2)} shard(s): ${p.tenantsPerShard} tenants each, ≈ ${p.minutes} min`);
    const m = report.machine;
    lines.push("", `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAvgStart} → ${report.load[0]}`);
    process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((e: unknown) => {
    process.stderr.write(`bench:gitops: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
