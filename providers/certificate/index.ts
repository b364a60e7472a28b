/**
 * The connector certificate: a dynamic resource holding a generated certificate and its key.
 *
 * @module
 */
export { ConnectorCertificate, CERTIFICATE_SECRET_OUTPUTS, type ConnectorCertificateArgs } from "./resource";
export { certificateProvider } from "./provider";
