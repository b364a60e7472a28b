import { strict as assert } from "node:assert";
import { webcrypto, X509Certificate } from "node:crypto";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { parseCertificatePem, pemBlockDer, readCertificateDer } from "../../catalog";
import { readCredential } from "../../probe/credential";
import { clearTokenCache } from "../../probe";
import { certificate } from "../probe/fixtures";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

async function selfSigned(keyAlgorithm: RsaHashedKeyGenParams | EcKeyGenParams, sign: Algorithm, notBefore: Date, notAfter: Date): Promise<string> {
    const keys = (await webcrypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: "01", name: "CN=der test", notBefore, notAfter, signingAlgorithm: sign, keys });
    return cert.toString("pem");
}

const RSA = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };

describe("catalog/certificateDer: a certificate's dates and RSA key without OpenSSL", () => {
    it("reads what X509Certificate reads: validity (UTCTime and GeneralizedTime) and the RSA modulus and exponent", async () => {
        const pems = [
            (await certificate()).certificatePem,
            (await certificate(-3)).certificatePem,
            await selfSigned(RSA, RSA, new Date("2026-01-01T00:00:00Z"), new Date("2051-06-30T12:34:56Z")),
        ];
        for (const pem of pems) {
            const der = pemBlockDer(pem, "CERTIFICATE");
            assert.ok(der);
            const facts = readCertificateDer(der);
            const x = new X509Certificate(pem);
            assert.equal(facts?.notBefore.getTime(), new Date(x.validFrom).getTime());
            assert.equal(facts?.notAfter.getTime(), new Date(x.validTo).getTime());
            const jwk = x.publicKey.export({ format: "jwk" });
            assert.deepEqual(facts?.rsa, { n: jwk.n, e: jwk.e });
        }
    });

    it("has no RSA key for an EC certificate, and reads nothing from damaged DER", async () => {
        const ec = await selfSigned({ name: "ECDSA", namedCurve: "P-256" }, { name: "ECDSA", hash: "SHA-256" } as Algorithm, new Date(Date.now() - 86_400_000), new Date(Date.now() + 86_400_000));
        const der = pemBlockDer(ec, "CERTIFICATE");
        assert.ok(der && readCertificateDer(der) && readCertificateDer(der)?.rsa === undefined);
        const rsaDer = pemBlockDer((await certificate()).certificatePem, "CERTIFICATE") as Buffer;
        assert.equal(readCertificateDer(rsaDer.subarray(0, rsaDer.length - 10)), undefined, "truncated");
        assert.equal(readCertificateDer(Buffer.concat([rsaDer, Buffer.from([0])])), undefined, "trailing byte");
        assert.equal(pemBlockDer("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", "CERTIFICATE"), undefined);
    });

    it("gives the probe the same credential facts as the X509Certificate path", async () => {
        clearTokenCache();
        const cert = await certificate(10);
        const facts = readCredential({ kind: "certificate", ...cert }).facts;
        const info = parseCertificatePem(cert.certificatePem);
        assert.deepEqual(
            { sha1: facts.thumbprintSha1, sha256: facts.thumbprintSha256, expires: facts.expiresAt?.getTime() },
            { sha1: info.thumbprintSha1, sha256: info.thumbprintSha256, expires: info.notAfter.getTime() },
        );
    });
});
