/**
 * The child side of ./emulatorProcess.ts: one emulator, driven by IPC messages. It exits when
 * told to stop or when its parent goes away.
 *
 * @module
 */
import { resolveProfile } from "../catalog";
import { ensureCaFiles } from "../emulator/ca";
import { startEmulator } from "../emulator/index";
import type { RunningEmulator } from "../emulator/types";
import type { CommandMessage, EmulatorCommands, EmulatorProcessOptions, ReplyMessage } from "./emulatorProcess";

let emulator: RunningEmulator | undefined;
const mbOf = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function running(): RunningEmulator {
    if (!emulator) throw new Error("the emulator is not started");
    return emulator;
}

const commands: EmulatorCommands = {
    seed: (connectors) =>
        connectors.map((c) => {
            const emu = running();
            emu.directory.addTenant({ tenantId: c.tenantId });
            return emu.directory.seedConnector({ tenantId: c.tenantId, profile: resolveProfile(c.profile), credential: c.credential });
        }),
    grantAppRole: (...a) => running().directory.grantAppRole(...a),
    revokeAppRole: (...a) => running().directory.revokeAppRole(...a),
    assignDirectoryRole: (...a) => running().directory.assignDirectoryRole(...a),
    removeDirectoryRole: (...a) => running().directory.removeDirectoryRole(...a),
    injectFault: (rule) => running().injectFault(rule),
    clearFaults: () => running().clearFaults(),
    setLatency: (ms) => running().setLatency(ms),
    setReplicationLag: (ms) => running().setReplicationLag(ms),
    resetStats: () => running().resetStats(),
    stats: () => ({ ...running().stats() }),
    requestLog: () => [...running().requestLog()],
    usage: () => {
        const r = process.resourceUsage();
        return { rssMb: mbOf(process.memoryUsage.rss()), peakRssMb: mbOf(r.maxRSS * 1024), cpuMs: Math.round((r.userCPUTime + r.systemCPUTime) / 1000) };
    },
};

async function handle(m: CommandMessage): Promise<unknown> {
    if (m.command === "start") {
        const { caDir, ...options } = m.args[0] as EmulatorProcessOptions;
        emulator = await startEmulator({ ...options, ca: ensureCaFiles(caDir) });
        return { url: emulator.url };
    }
    if (m.command === "stop") {
        await emulator?.stop();
        emulator = undefined;
        setImmediate(() => process.disconnect());
        return undefined;
    }
    const fn = commands[m.command] as (...args: unknown[]) => unknown;
    if (typeof fn !== "function") throw new Error(`unknown command ${String(m.command)}`);
    return fn(...m.args);
}

process.on("message", (m: CommandMessage) => {
    handle(m).then(
        (result) => process.send?.({ id: m.id, result } satisfies ReplyMessage),
        (e: unknown) => process.send?.({ id: m.id, error: (e as Error).message ?? String(e) } satisfies ReplyMessage),
    );
});
process.on("disconnect", () => {
    void (emulator?.stop() ?? Promise.resolve()).then(() => process.exit(0));
});
