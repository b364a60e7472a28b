import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, daysUntil, keyMatchesCertificate, parseCertificatePem, parsePrivateKeyPem, thumbprintToBase64Url } from "../../catalog";
import { selfSigned } from "../resources/fixtures";

/** `openssl x509 -fingerprint` output, e.g. `sha1 Fingerprint=AB:CD:…`, or undefined without openssl. */
function opensslFingerprint(pem: string, digest: "sha1" | "sha256"): string | undefined {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "m365c-")), "cert.pem");
    fs.writeFileSync(file, pem);
    const r = spawnSync("openssl", ["x509", "-noout", "-fingerprint", `-${digest}`, "-in", file], { encoding: "utf8" });
    fs.rmSync(path.dirname(file), { recursive: true });
    return r.status === 0 ? r.stdout.trim().split("=")[1].replace(/:/g, "") : undefined;
}

describe("catalog/certificates.ts", () => {
    const notBefore = new Date("2026-01-01T00:00:00Z");
    const notAfter = new Date("2026-12-31T00:00:00Z");
    let cert: { certPem: string; keyPem: string };
    before(async () => {
        cert = await selfSigned({ notBefore, notAfter, commonName: "connector" });
    });

    it("computes the thumbprint the Azure portal shows: SHA-1 of the DER, uppercase hex", () => {
        const info = parseCertificatePem(cert.certPem);
        const der = new X509Certificate(cert.certPem).raw;
        assert.equal(info.thumbprintSha1, createHash("sha1").update(der).digest("hex").toUpperCase());
        assert.equal(info.thumbprintSha256, createHash("sha256").update(der).digest("hex").toUpperCase());
        assert.match(info.thumbprintSha1, /^[0-9A-F]{40}$/);
        const fromOpenssl = opensslFingerprint(cert.certPem, "sha1");
        if (fromOpenssl !== undefined) {
            assert.equal(info.thumbprintSha1, fromOpenssl);
            assert.equal(info.thumbprintSha256, opensslFingerprint(cert.certPem, "sha256"));
        }
        assert.equal(info.derBase64, der.toString("base64"));
        assert.equal(info.subject, "CN=connector");
    });

    it("reads the validity window and counts days left", () => {
        const info = parseCertificatePem(cert.certPem);
        assert.equal(info.notBefore.toISOString(), notBefore.toISOString());
        assert.equal(info.notAfter.toISOString(), notAfter.toISOString());
        assert.equal(daysUntil(info.notAfter, new Date("2026-12-01T00:00:00Z")), 30);
        assert.equal(daysUntil(info.notAfter, new Date("2027-01-02T00:00:00Z")), -2);
    });

    it("finds the certificate inside a bundle with other text and normalizes the PEM", () => {
        const info = parseCertificatePem(`Bag Attributes\n    friendlyName: x\n${cert.certPem}\n${cert.certPem}`);
        assert.equal(info.thumbprintSha1, parseCertificatePem(cert.certPem).thumbprintSha1);
        assert.match(info.pem, /^-----BEGIN CERTIFICATE-----\n/);
    });

    it("tells whether a private key belongs to the certificate", () => {
        const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        assert.equal(keyMatchesCertificate(cert.certPem, cert.keyPem), true);
        assert.equal(keyMatchesCertificate(cert.certPem, createPrivateKey(cert.keyPem).export({ type: "pkcs1", format: "pem" }).toString()), true, "PKCS#1 too");
        assert.equal(keyMatchesCertificate(cert.certPem, other), false);
    });

    it("rejects what is not a certificate or a usable key, naming the property and never echoing the input", () => {
        const fails = (fn: () => unknown, message: string) => assert.throws(fn, (e: Error) => e instanceof ConfigError && e.message === message);
        fails(() => parseCertificatePem(42, "pem"), "pem: is not a PEM certificate (no -----BEGIN CERTIFICATE----- block). Provide the certificate in PEM form; convert a .cer/.crt with `openssl x509 -inform der -in cert.cer -out cert.pem`");
        fails(() => parseCertificatePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"), "certificatePem: contains a PEM block that is not a valid X.509 certificate. Export the certificate again in PEM (Base-64) form");
        fails(() => parsePrivateKeyPem(cert.certPem, "key"), "key: is not a PEM private key (no -----BEGIN PRIVATE KEY----- block). Provide the certificate's unencrypted private key in PEM form");
        fails(() => parsePrivateKeyPem("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----", "key"), "key: could not be read as a private key. Export the key again in PEM (PKCS#8) form");
        const encrypted = createPrivateKey(cert.keyPem).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
        fails(() => parsePrivateKeyPem(encrypted, "key"), "key: is an encrypted private key. Decrypt it first (`openssl pkey -in key.pem -out plain.pem`) and keep the result as a Pulumi secret");
        assert.equal(parsePrivateKeyPem(cert.keyPem).asymmetricKeyType, "rsa");
    });

    it("converts a hex thumbprint to the x5t header form", () => {
        const info = parseCertificatePem(cert.certPem);
        assert.equal(thumbprintToBase64Url(info.thumbprintSha1), createHash("sha1").update(new X509Certificate(cert.certPem).raw).digest("base64url"));
        assert.equal(thumbprintToBase64Url(info.thumbprintSha256).length, 43);
    });
});
