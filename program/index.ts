/**
 * The stack program's parts: config parsing and the connectors it deploys.
 *
 * @module
 */
export { CONFIG_NAMESPACE, CONNECTOR_KEYS, DEFAULT_ENVIRONMENT, parseStackConfig, readStackConfig, type ConnectorConfig, type RawStackConfig, type StackConfig } from "./config";
export { connectorDetails, consoleSettings, deployStack, stackOutputs, type DeployOptions, type DeployedStack } from "./stack";
export { deployerNeeds, preflightDeployer, type PreflightOutcome } from "./preflight";
export { runStack, type StackOutputs } from "./main";
