/**
 * The emulator in a child process, for benchmarks: Microsoft's side of a measurement should not
 * share the client's event loop, CPU time or memory (P3 counts the client's peak RSS alone).
 * {@link startEmulatorProcess} forks ./emulatorChild.ts and drives it over IPC with the
 * {@link EmulatorCommands}; the child issues its TLS leaf from the CA in `caDir`, which this
 * process trusts (`NODE_EXTRA_CA_CERTS`, see bench/index.ts).
 *
 * @module
 */
import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { ProfileSpec } from "../catalog";
import type { EmulatorOptions, FaultRoute, FaultRule, RequestRecord, SeedCredential, SeededConnector } from "../emulator/types";
import { childExecArgv } from "./profiling";

/** One connector to seed: a tenant of its own, a profile, the credential registered on the app. */
export interface SeedRequest {
    readonly tenantId: string;
    readonly profile: ProfileSpec;
    readonly credential: SeedCredential;
}

/** What the child does on request; arguments and results cross the process boundary as JSON. */
export interface EmulatorCommands {
    /** Creates each tenant and seeds its connector as `pulumi up` leaves it. */
    seed(connectors: readonly SeedRequest[]): SeededConnector[];
    grantAppRole(tenantId: string, clientId: string, resource: string, value: string): void;
    revokeAppRole(tenantId: string, clientId: string, resource: string, value: string): void;
    assignDirectoryRole(tenantId: string, clientId: string, roleName: string): void;
    removeDirectoryRole(tenantId: string, clientId: string, roleName: string): void;
    injectFault(rule: FaultRule): void;
    clearFaults(): void;
    setLatency(ms: number): void;
    setReplicationLag(ms: number): void;
    resetStats(): void;
    stats(): Record<FaultRoute, number>;
    requestLog(): RequestRecord[];
    /** The child's own resources: current and peak RSS (MB), CPU time so far (user + system, ms). */
    usage(): { rssMb: number; peakRssMb: number; cpuMs: number };
}

/** Options of the child's emulator (JSON-serializable ones only; `ca` comes from `caDir`). */
export type EmulatorProcessOptions = Omit<EmulatorOptions, "ca" | "faults" | "tenants"> & {
    /** Directory of the CA files (emulator/ca.ts `ensureCaFiles`). */
    readonly caDir: string;
};

/** A running emulator child. */
export interface EmulatorProcess {
    readonly url: string;
    readonly pid: number;
    call<K extends keyof EmulatorCommands>(command: K, ...args: Parameters<EmulatorCommands[K]>): Promise<ReturnType<EmulatorCommands[K]>>;
    /** Stops the emulator and waits for the child to exit. */
    stop(): Promise<void>;
}

/** Parent → child. */
export interface CommandMessage {
    readonly id: number;
    readonly command: keyof EmulatorCommands | "start" | "stop";
    readonly args: unknown[];
}

/** Child → parent. */
export type ReplyMessage = { readonly id: number; readonly result?: unknown } | { readonly id: number; readonly error: string };

/** The compiled child module (also when this module runs under ts-node, as in tests). */
export const EMULATOR_CHILD_FILE = __filename.endsWith(".ts")
    ? resolve(__dirname, "..", "dist", "bench", "emulatorChild.js")
    : resolve(__dirname, "emulatorChild.js");

/** Forks the emulator child and starts its emulator. */
export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
    const child: ChildProcess = fork(EMULATOR_CHILD_FILE, [], { execArgv: childExecArgv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let nextId = 1;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.on("message", (m: ReplyMessage) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if ("error" in m) p.reject(new Error(`emulator child: ${m.error}`));
        else p.resolve(m.result);
    });
    child.once("exit", (code) => {
        for (const p of pending.values()) p.reject(new Error(`emulator child exited (code ${code})`));
        pending.clear();
    });
    child.on("error", () => undefined); // a send on a closed channel: reported to its caller below
    const send = (command: CommandMessage["command"], args: unknown[]): Promise<unknown> =>
        new Promise((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            child.send({ id, command, args } satisfies CommandMessage, (e) => {
                if (!e) return;
                pending.delete(id);
                reject(new Error(`emulator child: cannot send ${command}: ${e.message}`));
            });
        });
    const { url } = (await send("start", [options])) as { url: string };
    return {
        url,
        pid: child.pid ?? 0,
        call: (command, ...args) => send(command, args) as never,
        stop: async () => {
            if (child.exitCode === null && child.connected) await send("stop", []).catch(() => undefined);
            await exited;
        },
    };
}
