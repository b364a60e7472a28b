/**
 * Pulumi dynamic providers of this package; today one, the connector connection.
 *
 * @module
 */
export {
    ConnectorConnection,
    connectExistingApplication,
    type ConnectorConnectionArgs,
    type ConnectorConnectionCredentialArgs,
    type ExistingApplicationArgs,
} from "./connection";
