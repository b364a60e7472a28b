/**
 * A connector's self-signed certificate: RSA 2048, SHA-256, `digitalSignature` and
 * `keyEncipherment` key usage, `clientAuth` extended key usage, subject `CN=<commonName>`: what
 * the Active Roles wizards and Microsoft's app-only guidance create for a certificate credential
 * (https://learn.microsoft.com/entra/identity-platform/howto-create-self-signed-certificate).
 *
 * @module
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { randomBytes, webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

const RSA: RsaHashedKeyGenParams = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };

/** A generated certificate: PEM certificate and PKCS#8 PEM private key. */
export interface GeneratedCertificate {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** Generates a certificate valid from `notBefore` to `notAfter`. */
export async function generateCertificate(commonName: string, notBefore: Date, notAfter: Date): Promise<GeneratedCertificate> {
    const keys = (await subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
    // A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 octets, non-negative).
    const serial = randomBytes(16);
    serial[0] &= 0x7f;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial.toString("hex"),
        name: `CN=${commonName.replace(/([,+"\\<>;=])/g, "\\$1")}`,
        notBefore,
        notAfter,
        signingAlgorithm: RSA,
        keys,
        extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
    });
    return {
        certificatePem: cert.toString("pem"),
        privateKeyPem: x509.PemConverter.encode(await subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY"),
    };
}
