/**
 * Starting the emulator in tests. `scripts/test.js` creates the CA (`ensureCaFiles(".emulator/ca")`),
 * points `NODE_EXTRA_CA_CERTS` at it and `M365C_EMULATOR_CA_DIR` at its directory before mocha
 * starts, so clients in the test process (msal-node, graph-client, fetch) trust emulators that issue
 * their TLS certificate from that CA. Import {@link startTestEmulator} from any test suite.
 *
 * @module
 */
import { ensureCaFiles } from "../../emulator/ca";
import { startEmulator } from "../../emulator/index";
import type { EmulatorOptions, RunningEmulator } from "../../emulator/types";

/** Starts an emulator whose TLS certificate this test process trusts. Stop it in `after`. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const dir = process.env.M365C_EMULATOR_CA_DIR;
    if (!dir) {
        throw new Error("M365C_EMULATOR_CA_DIR is not set: run the tests with `node scripts/test.js` (npm test), which creates the emulator CA and trusts it");
    }
    return startEmulator({ ...options, ca: options.ca ?? ensureCaFiles(dir) });
}
