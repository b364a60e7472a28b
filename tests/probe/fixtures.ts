/**
 * Test fixtures for the probe, provider and engine tests: self-signed certificates
 * (@peculiar/x509 on Node's WebCrypto) and unsigned tokens with chosen claims.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { randomBytes, webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const RSA: RsaHashedKeyGenParams = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
const DAY = 86_400_000;

/** A self-signed RSA certificate + PKCS#8 key, valid until `days` from now (negative: expired). */
export async function certificate(days = 365): Promise<{ certificatePem: string; privateKeyPem: string }> {
    const notAfter = new Date(Date.now() + days * DAY);
    const notBefore = new Date(Math.min(Date.now() - DAY, notAfter.getTime() - 2 * DAY));
    const keys = (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: randomBytes(8).toString("hex"),
        name: "CN=m365-connectors probe test",
        notBefore,
        notAfter,
        signingAlgorithm: RSA,
        keys,
    });
    const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey as unknown as webcrypto.CryptoKey);
    return { certificatePem: cert.toString("pem"), privateKeyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** An unsigned JWT with the given payload (the probe reads claims without verifying). */
export function jwt(payload: Record<string, unknown>): string {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}
