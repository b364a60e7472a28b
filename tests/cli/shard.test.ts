/**
 * GitOps sharding (`gitops … --shard i/n`): every tenant file in exactly one shard for any n,
 * the same file always in the same shard, and bad values refused before anything runs.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gitopsCommand, inShard, loadTenants, parseShard, shardOf } from "../../cli/gitops";

describe("gitops --shard i/n", () => {
    const stacks = Array.from({ length: 200 }, (_, i) => `tenant-${i.toString(36)}-${(i * 7919) % 1000}`);

    it("puts every stack in exactly one shard, for every n from 1 to 32", () => {
        for (let n = 1; n <= 32; n++) {
            const seen = new Map<string, number>();
            for (let i = 1; i <= n; i++) for (const t of inShard(stacks.map((stack) => ({ stack })), { index: i, count: n })) seen.set(t.stack, (seen.get(t.stack) ?? 0) + 1);
            assert.equal(seen.size, stacks.length, `n=${n}: every stack is in a shard`);
            assert.ok([...seen.values()].every((c) => c === 1), `n=${n}: no stack is in two shards`);
        }
    });

    it("assigns by stack name alone: the same shard every run, and another file does not move it", () => {
        const before = stacks.map((s) => shardOf(s, 4));
        assert.deepEqual(stacks.map((s) => shardOf(s, 4)), before);
        assert.deepEqual(["contoso", "fabrikam"].map((s) => shardOf(s, 4)), ["contoso", "fabrikam"].map((s) => shardOf(s, 4)));
        const counts = [1, 2, 3, 4].map((i) => before.filter((b) => b === i).length);
        assert.ok(counts.every((c) => c > 25), `200 stacks spread over 4 shards: ${counts.join(", ")}`);
    });

    it("selects the tenant files of a folder", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "m365c-shard-"));
        try {
            for (const s of ["alpha", "beta", "gamma", "delta", "epsilon"]) writeFileSync(path.join(dir, `${s}.yaml`), "config: {}\n");
            const all = loadTenants(dir);
            const union = [1, 2, 3].flatMap((i) => inShard(all, { index: i, count: 3 }).map((t) => t.stack)).sort();
            assert.deepEqual(union, all.map((t) => t.stack).sort());
            assert.deepEqual(inShard(all), all, "no shard: every tenant");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a bad value, naming --shard, before anything runs (exit 2)", async () => {
        for (const bad of ["0/4", "5/4", "1/0", "x", "2", "1/300"]) assert.throws(() => parseShard(bad), /--shard: must be i\/n with 1 ≤ i ≤ n ≤ 256/, bad);
        assert.deepEqual(parseShard(" 2/4 "), { index: 2, count: 4 });
        const errors: string[] = [];
        const code = await gitopsCommand(["drift", "--shard", "3/2"], { out: () => undefined, err: (t) => errors.push(t) });
        assert.equal(code, 2);
        assert.match(errors.join("\n"), /gitops: --shard: must be i\/n/);
    });

    it("gitops merge: one table and one exit code from the shards' --json files; a shard that did not report fails it", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "m365c-merge-"));
        try {
            const result = (stack: string, status: string) => ({ stack, file: `tenants/${stack}.yaml`, verb: "drift", status, changes: { same: 3 }, changed: [], durationMs: 1200 });
            writeFileSync(path.join(dir, "shard-1.json"), JSON.stringify({ exitCode: 0, results: [result("fabrikam", "ok")] }));
            writeFileSync(path.join(dir, "shard-2.json"), JSON.stringify({ exitCode: 1, results: [result("contoso", "drift"), result("adatum", "ok")] }));
            const out: string[] = [];
            const err: string[] = [];
            const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
            const code = await gitopsCommand(["merge", path.join(dir, "shard-1.json"), path.join(dir, "shard-2.json")], io);
            assert.equal(code, 1, "a drifted tenant in any shard fails the merged run");
            const table = out.join("\n");
            assert.deepEqual(table.split("\n").slice(1, 4).map((l) => l.split(/\s+/)[0]), ["adatum", "contoso", "fabrikam"], "one table, sorted by tenant");
            assert.match(table, /3 tenant\(s\): 2 ok, 1 drift; exit 1/);

            writeFileSync(path.join(dir, "clean.json"), JSON.stringify({ exitCode: 0, results: [result("fabrikam", "ok")] }));
            assert.equal(await gitopsCommand(["merge", path.join(dir, "clean.json")], io), 0);
            assert.equal(await gitopsCommand(["merge", path.join(dir, "clean.json"), path.join(dir, "never-written.json")], io), 1);
            assert.match(err.join("\n"), /a shard did not report: .*never-written\.json \(ENOENT\)/);
            assert.equal(await gitopsCommand(["merge"], io), 2);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
