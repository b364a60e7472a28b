/**
 * Certificate helpers on `node:crypto`: parse PEM, thumbprints as the Azure portal shows them,
 * validity window, and whether a private key belongs to the certificate.
 *
 * Pure functions (no I/O). Error messages never include key material.
 *
 * @module
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { importPrivateKeyPem } from "./rsaKey";
import { ConfigError } from "./errors";

/** What we know about one certificate. */
export interface CertificateInfo {
    /** SHA-1 of the DER, uppercase hex: the "Thumbprint" column of the Azure portal and of Active Roles. */
    readonly thumbprintSha1: string;
    /** SHA-256 of the DER, uppercase hex. */
    readonly thumbprintSha256: string;
    /** Subject distinguished name. */
    readonly subject: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** The certificate's DER, base64 (the `key` of a Graph keyCredential). */
    readonly derBase64: string;
    /** The normalized PEM. */
    readonly pem: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Parses the first certificate of a PEM text, or throws a {@link ConfigError} naming `property`. */
export function parseCertificatePem(pem: unknown, property = "certificatePem"): CertificateInfo {
    return readCertificatePem(pem, property).info;
}

/**
 * {@link parseCertificatePem} that also returns the certificate's public key (a `KeyObject`, kept
 * apart from the plain-data {@link CertificateInfo}, which may end up in outputs).
 */
export function readCertificatePem(pem: unknown, property = "certificatePem"): { info: CertificateInfo; publicKey: KeyObject } {
    const block = typeof pem === "string" ? PEM_CERT.exec(pem)?.[0] : undefined;
    if (!block) {
        throw new ConfigError(property, "is not a PEM certificate (no -----BEGIN CERTIFICATE----- block)", "Provide the certificate in PEM form; convert a .cer/.crt with `openssl x509 -inform der -in cert.cer -out cert.pem`");
    }
    let cert: X509Certificate;
    try {
        cert = new X509Certificate(block);
    } catch {
        throw new ConfigError(property, "contains a PEM block that is not a valid X.509 certificate", "Export the certificate again in PEM (Base-64) form");
    }
    return { info: describe(cert), publicKey: cert.publicKey };
}

function describe(cert: X509Certificate): CertificateInfo {
    return {
        ...certificateThumbprints(cert.raw),
        subject: cert.subject,
        notBefore: new Date(cert.validFrom),
        notAfter: new Date(cert.validTo),
        derBase64: cert.raw.toString("base64"),
        pem: cert.toString(),
    };
}

/** SHA-1 and SHA-256 thumbprints of a certificate's DER, upper-case hex (as the portal shows them). */
export function certificateThumbprints(der: Buffer): { thumbprintSha1: string; thumbprintSha256: string } {
    const hex = (algorithm: string) => createHash(algorithm).update(der).digest("hex").toUpperCase();
    return { thumbprintSha1: hex("sha1"), thumbprintSha256: hex("sha256") };
}

/** Parses a PEM private key (PKCS#8 or PKCS#1, unencrypted), or throws naming `property`. */
export function parsePrivateKeyPem(pem: unknown, property = "privateKeyPem"): KeyObject {
    if (typeof pem !== "string" || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
        throw new ConfigError(property, "is not a PEM private key (no -----BEGIN PRIVATE KEY----- block)", "Provide the certificate's unencrypted private key in PEM form");
    }
    if (/ENCRYPTED/.test(pem)) {
        throw new ConfigError(property, "is an encrypted private key", "Decrypt it first (`openssl pkey -in key.pem -out plain.pem`) and keep the result as a Pulumi secret");
    }
    try {
        return importPrivateKeyPem(pem);
    } catch {
        throw new ConfigError(property, "could not be read as a private key", "Export the key again in PEM (PKCS#8) form");
    }
}

/** True when the private key is the one the certificate's public key belongs to. */
export function keyMatchesCertificate(certificatePem: string, privateKeyPem: string): boolean {
    const cert = new X509Certificate(PEM_CERT.exec(certificatePem)?.[0] ?? certificatePem);
    return createPublicKey(importPrivateKeyPem(privateKeyPem)).equals(cert.publicKey);
}

/** Whole days from `now` until `notAfter` (negative once expired). */
export function daysUntil(notAfter: Date, now: Date = new Date()): number {
    return Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
}

/** Base64url of a hex thumbprint: the `x5t` / `x5t#S256` header form. */
export function thumbprintToBase64Url(hexThumbprint: string): string {
    return Buffer.from(hexThumbprint, "hex").toString("base64url");
}
