/**
 * Pulumi dynamic providers of this package: the connector connection (the proof) and the
 * connector certificate (a generated credential).
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
export { ConnectorCertificate, type ConnectorCertificateArgs } from "./certificate";
