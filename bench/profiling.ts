/**
 * Profiling the benchmarks' child processes: with `BENCH_CPU_PROF=<dir>` in the environment, every
 * child a benchmark forks (the emulator, P3's drift client) runs with `--cpu-prof` and writes a
 * `.cpuprofile` into that directory when it exits (open it in Chrome DevTools or VS Code).
 * `--cpu-prof` is not allowed in `NODE_OPTIONS`, so the children are given it here.
 *
 * @module
 */
import { resolve } from "node:path";

/** `execArgv` for a forked benchmark child: empty, or `--cpu-prof` into `BENCH_CPU_PROF`. */
export function childExecArgv(env: NodeJS.ProcessEnv = process.env): string[] {
    const dir = env.BENCH_CPU_PROF?.trim();
    return dir ? ["--cpu-prof", `--cpu-prof-dir=${resolve(dir)}`] : [];
}
