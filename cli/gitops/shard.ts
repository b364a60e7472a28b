/**
 * Sharding the tenants of a GitOps run across CI runners: `--shard i/n` runs the tenants whose
 * stack name hashes to shard i of n. The assignment depends on the stack name alone (the first
 * four bytes of its SHA-256, modulo n), so it is stable across runs and machines, every tenant
 * lands in exactly one shard for any n, and adding a tenant file moves no other tenant.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { ConfigError } from "../../catalog";

/** One shard of a run: `index` (1-based) of `count`. */
export interface Shard {
    readonly index: number;
    readonly count: number;
}

/** The largest number of shards accepted (a CI matrix rarely has more jobs). */
export const MAX_SHARDS = 256;

/** Parses `i/n` (1 ≤ i ≤ n ≤ {@link MAX_SHARDS}); a ConfigError naming `--shard` otherwise. */
export function parseShard(text: string): Shard {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
        throw new ConfigError("--shard", `must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, got "${text}"`, "e.g. --shard 2/4 for the second of four runners (a CI matrix over 1..4)");
    }
    return { index, count };
}

/** The shard (1-based) of `count` that the stack named `stack` belongs to. */
export function shardOf(stack: string, count: number): number {
    return (createHash("sha256").update(stack).digest().readUInt32BE(0) % count) + 1;
}

/** The items of `shard` (all of them without one). */
export function inShard<T extends { readonly stack: string }>(items: readonly T[], shard?: Shard): T[] {
    return shard ? items.filter((t) => shardOf(t.stack, shard.count) === shard.index) : [...items];
}
