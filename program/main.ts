/**
 * The stack program's body, run by index.ts: read and validate the config, check the deployer
 * (program/preflight.ts), read the previous run's certificate rollover state
 * (program/rotationState.ts), then declare everything and return the stack outputs.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, readStackConfig } from "./config";
import { deployerNeeds, preflightDeployer } from "./preflight";
import { checkRotationChanges, readPreviousRotation } from "./rotationState";
import { deployStack, stackOutputs } from "./stack";

/** The stack outputs: `settings`, `details` and `connections`, each keyed by connector name. */
export type StackOutputs = ReturnType<typeof stackOutputs>;

/** Runs the program: validates the whole config and the deployer's rights before declaring any resource. */
export async function runStack(env: NodeJS.ProcessEnv = process.env): Promise<StackOutputs> {
    const config = parseStackConfig(readStackConfig());
    const preflight = await preflightDeployer(config, env, { project: pulumi.getProject(), stack: pulumi.getStack() });
    if (preflight.status === "skipped" && config.preflight && deployerNeeds(config).applications) {
        await pulumi.log.info(`deployer preflight skipped: ${preflight.reason}`);
    }
    const rotation = await readPreviousRotation(config);
    checkRotationChanges(config, rotation);
    return stackOutputs(deployStack(config, { rotation }));
}
