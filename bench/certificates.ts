/**
 * Client certificates for the benchmarks: one distinct self-signed certificate per connection
 * (its own thumbprint, so its own msal-node client and token cache, as in real tenants), signed
 * with a few RSA-2048 keys shared round-robin. Generating 200 RSA keys takes about half a minute
 * on two cores; sharing keys changes nothing the benchmarks measure (each token request still
 * signs its own client assertion).
 *
 * @module
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { generateKeyPair, randomBytes, webcrypto } from "node:crypto";
import { promisify } from "node:util";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const DAY = 86_400_000;

/** A certificate and its private key, PEM. */
export interface BenchCertificate {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** `count` certificates valid for a year, over `keys` RSA-2048 keys. */
export async function benchCertificates(count: number, keys = 8): Promise<BenchCertificate[]> {
    const pairs = await Promise.all(
        Array.from({ length: Math.min(keys, count) }, async () => {
            const { privateKey, publicKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
            const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
            const crypto = {
                privateKey: await subtle.importKey("pkcs8", privateKey.export({ type: "pkcs8", format: "der" }), RSA, true, ["sign"]),
                publicKey: await subtle.importKey("spki", publicKey.export({ type: "spki", format: "der" }), RSA, true, ["verify"]),
            };
            return { pem, crypto };
        }),
    );
    return Promise.all(
        Array.from({ length: count }, async (_, i) => {
            const key = pairs[i % pairs.length];
            const cert = await x509.X509CertificateGenerator.createSelfSigned({
                serialNumber: randomBytes(8).toString("hex"),
                name: `CN=m365-connectors bench ${i + 1}`,
                notBefore: new Date(Date.now() - DAY),
                notAfter: new Date(Date.now() + 365 * DAY),
                signingAlgorithm: RSA,
                keys: key.crypto,
            });
            return { certificatePem: cert.toString("pem"), privateKeyPem: key.pem };
        }),
    );
}
