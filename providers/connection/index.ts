/**
 * The connector connection: a dynamic resource that proves a connector's connection and shows
 * drift on refresh.
 *
 * @module
 */
export { ConnectorConnection, SECRET_OUTPUTS, type ConnectorConnectionArgs, type ConnectorConnectionCredentialArgs } from "./resource";
export { connectExistingApplication, type ExistingApplicationArgs } from "./existing";
export { connectionProvider, loadRuntime, RUNTIME_FILE, RUNTIME_MODULE } from "./provider";
export { validateInputs, type InputFailure } from "./validate";
export { UNKNOWN, DEFAULT_CONSISTENCY_TIMEOUT_SECONDS, type ConnectionCredentialInputs, type Finding, type ResolvedInputs, type ResolvedOutputs } from "./types";
