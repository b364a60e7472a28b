/**
 * `ConnectorCertificate`: a connector's self-signed certificate and its private key, kept in the
 * Pulumi state (the key as a secret) and re-issued by the first `pulumi up` inside its renewal
 * window. It stands where `@pulumi/tls` `PrivateKey` + `SelfSignedCert` stood: same certificate
 * profile and renewal rule (`early_renewal_hours`), but no extra provider plugin to download, and
 * the renewal decision is ours to extend (see README "Credentials and rotation").
 *
 * Type token: `pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate`.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { certificateProvider } from "./provider";

/** Arguments of {@link ConnectorCertificate}. */
export interface ConnectorCertificateArgs {
    /** Subject common name, e.g. the application's display name. */
    commonName: pulumi.Input<string>;
    /** Validity in hours from creation, 1–8784. */
    validityHours: pulumi.Input<number>;
    /** Hours before expiry from which `pulumi up` re-issues the certificate; less than `validityHours`. */
    renewBeforeHours: pulumi.Input<number>;
}

/** Outputs that hold secrets. */
export const CERTIFICATE_SECRET_OUTPUTS = ["privateKeyPem"];

/** A generated RSA-2048 certificate for app-only sign-in. */
export class ConnectorCertificate extends pulumi.dynamic.Resource {
    /** The certificate, PEM. */
    declare readonly certificatePem: pulumi.Output<string>;
    /** Its private key, PKCS#8 PEM (secret). */
    declare readonly privateKeyPem: pulumi.Output<string>;
    /** Start of validity, RFC 3339. */
    declare readonly notBefore: pulumi.Output<string>;
    /** End of validity, RFC 3339. */
    declare readonly notAfter: pulumi.Output<string>;
    /** SHA-1 of the DER, uppercase hex, as the Azure portal shows it. */
    declare readonly thumbprintSha1: pulumi.Output<string>;
    /** SHA-256 of the DER, uppercase hex. */
    declare readonly thumbprintSha256: pulumi.Output<string>;

    constructor(name: string, args: ConnectorCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            certificateProvider,
            name,
            {
                ...args,
                certificatePem: undefined,
                privateKeyPem: undefined,
                notBefore: undefined,
                notAfter: undefined,
                thumbprintSha1: undefined,
                thumbprintSha256: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: CERTIFICATE_SECRET_OUTPUTS }),
            "m365-connectors",
            "ConnectorCertificate",
        );
    }
}
