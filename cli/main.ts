/**
 * The `m365-connectors` command line: `check`, `preflight`, `discover`, `drift`, `rotate`, `gitops`, `emulator`.
 *
 * @module
 */
import { isConnectorError } from "../catalog";
import { CHECK_USAGE, checkCommand } from "./check";
import { DRIFT_USAGE, driftCommand } from "./drift";
import { ExitCodes, type ExitCode } from "./exitCodes";
import { PREFLIGHT_USAGE, preflightCommand } from "./preflight";
import { ROTATE_USAGE, rotateCommand } from "./rotate";
import { processIo, type Io } from "./io";

const USAGE = `Usage: m365-connectors <command> [options]

Commands:
  check      probe one connection ("Test connection"), with remedies
  preflight  can the deployer (who runs pulumi up) do what the connectors need? each right, with the fix
  discover   find connector applications configured by hand; write the stack config and pulumi import file adopting them
  drift      probe many connections from a file; a table of what drifted
  rotate     --confirm-switched: the connector uses the next certificate; remove the old one now
  gitops     preview / up / drift one Pulumi stack per tenant (CI)
  emulator   run the local tenant emulator (Entra ID + Graph + Exchange admin API)

Run "m365-connectors <command> --help" for a command's options.`;

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<ExitCode> {
    const [command, ...rest] = argv;
    const wantsHelp = rest.includes("--help") || rest.includes("-h");
    try {
        switch (command) {
            case "check":
                if (wantsHelp) return help(io, CHECK_USAGE);
                return await checkCommand(rest, io);
            case "preflight":
                if (wantsHelp) return help(io, PREFLIGHT_USAGE);
                return await preflightCommand(rest, io);
            case "discover": {
                const discover = await import("./discover/command");
                if (wantsHelp) return help(io, discover.DISCOVER_USAGE);
                return await discover.discoverCommand(rest, io);
            }
            case "drift":
                if (wantsHelp) return help(io, DRIFT_USAGE);
                return await driftCommand(rest, io);
            case "rotate":
                if (wantsHelp) return help(io, ROTATE_USAGE);
                return await rotateCommand(rest, io);
            case "emulator": {
                const emulator = await import("../emulator/main");
                const code = await emulator.main(rest);
                return code === 0 ? ExitCodes.ok : code === 2 ? ExitCodes.badInput : ExitCodes.failed;
            }
            case "gitops": {
                const gitops = await import("./gitops");
                return await gitops.gitopsCommand(rest, io);
            }
            case undefined:
            case "help":
            case "--help":
            case "-h":
                return help(io, USAGE);
            default:
                io.err(`m365-connectors: unknown command "${command}"\n\n${USAGE}`);
                return ExitCodes.badInput;
        }
    } catch (e) {
        io.progress(undefined);
        if (isConnectorError(e) && e.code === "ERR_BAD_INPUT") {
            io.err(`m365-connectors: ${e.message}`);
            return ExitCodes.badInput;
        }
        // node:util parseArgs errors (unknown option, missing value) are bad input too.
        const code = (e as { code?: string }).code;
        if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
            io.err(`m365-connectors: ${(e as Error).message}`);
            return ExitCodes.badInput;
        }
        io.err(`m365-connectors: ${isConnectorError(e) ? e.message : `unexpected error: ${(e as Error).message}`}`);
        return ExitCodes.failed;
    }
}

function help(io: Io, text: string): ExitCode {
    io.out(text);
    return ExitCodes.ok;
}
