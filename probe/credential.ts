/**
 * What the probe knows about the credential without the network: thumbprints, expiry, the
 * msal-node credential options and a fingerprint for the client cache. Never returns or logs the
 * secret material itself.
 *
 * @module
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import type { ClientAssertionCallback } from "@azure/msal-node";
import { certificateThumbprints, ConfigError, daysUntil, parsePrivateKeyPem, pemBlockDer, readCertificateDer, readCertificatePem, rsaJwkFromPem } from "../catalog";
import { certificateAssertion } from "./assertion";
import type { ProbeCredential } from "./types";

/** Public facts about a credential. */
export interface CredentialFacts {
    readonly kind: ProbeCredential["kind"];
    /** SHA-1 thumbprint, uppercase hex (certificates). */
    readonly thumbprintSha1?: string;
    /** SHA-256 thumbprint, uppercase hex (certificates): what msal-node puts in `x5t#S256`. */
    readonly thumbprintSha256?: string;
    /** Certificate notAfter or secret expiry, when known. */
    readonly expiresAt?: Date;
    /** SHA-256 over the credential material: a cache key that reveals nothing. */
    readonly fingerprint: string;
}

/** A credential read once: its public facts and, for a certificate, the key that signs assertions. */
export interface ReadCredential {
    readonly facts: CredentialFacts;
    /** The parsed private key (certificates). Stays in memory, like msal-node's own copy of the PEM. */
    readonly signingKey?: KeyObject;
}

/** Credentials already read, by {@link CredentialFacts.fingerprint}; bounded, oldest dropped first. */
const readCredentials = new Map<string, ReadCredential>();
const READ_CACHE_SIZE = 512;

/** Forgets every credential read so far (with the token cache: probe/tokens.ts `clearTokenCache`). */
export function forgetCredentials(): void {
    readCredentials.clear();
}

/**
 * Reads a {@link ProbeCredential}: once per distinct credential, so a warm probe or a second
 * probe of the same credential parses nothing. Throws a {@link ConfigError} naming the property
 * for a malformed certificate, a key that is not the certificate's, an empty secret or a bad date.
 */
export function readCredential(credential: ProbeCredential): ReadCredential {
    const fingerprint = fingerprintOf(credential);
    let read = readCredentials.get(fingerprint);
    if (!read) {
        read = parseCredential(credential, fingerprint);
        if (readCredentials.size >= READ_CACHE_SIZE) readCredentials.delete(readCredentials.keys().next().value as string);
        readCredentials.set(fingerprint, read);
    }
    return read;
}

/** SHA-256 over the credential material as given: a cache key that reveals nothing. */
function fingerprintOf(credential: ProbeCredential): string {
    if (credential?.kind === "certificate") return sha256(`cert\n${String(credential.certificatePem)}\n${String(credential.privateKeyPem)}`);
    if (credential?.kind === "secret") return sha256(`secret\n${String(credential.clientSecret)}\n${String(credential.expiresAt)}`);
    return sha256(`other\n${String((credential as { kind?: unknown } | undefined)?.kind)}`);
}

/**
 * An RSA certificate credential read from DER without OpenSSL's decoders (catalog/certificateDer.ts,
 * catalog/rsaKey.ts): thumbprints over the DER, the expiry, and the key imported as a JWK once its
 * modulus and exponent are the certificate's. Undefined for anything else (another key type, a
 * structure the readers do not handle, a key that does not match), which then takes the
 * X509Certificate path below, with its errors.
 */
function readRsaCertificateCredential(certificatePem: unknown, privateKeyPem: unknown, fingerprint: string): ReadCredential | undefined {
    if (typeof certificatePem !== "string" || typeof privateKeyPem !== "string") return undefined;
    const der = pemBlockDer(certificatePem, "CERTIFICATE");
    const cert = der && readCertificateDer(der);
    const jwk = cert?.rsa && rsaJwkFromPem(privateKeyPem);
    if (!der || !cert?.rsa || !jwk || jwk.n !== cert.rsa.n || jwk.e !== cert.rsa.e) return undefined;
    let signingKey: KeyObject;
    try {
        signingKey = createPrivateKey({ key: jwk, format: "jwk" });
    } catch {
        return undefined;
    }
    const facts: CredentialFacts = { kind: "certificate", ...certificateThumbprints(der), expiresAt: cert.notAfter, fingerprint };
    return { facts, signingKey };
}

function parseCredential(credential: ProbeCredential, fingerprint: string): ReadCredential {
    if (credential?.kind === "certificate") {
        const quick = readRsaCertificateCredential(credential.certificatePem, credential.privateKeyPem, fingerprint);
        if (quick) return quick;
        const { info: cert, publicKey } = readCertificatePem(credential.certificatePem, "credential.certificatePem");
        const key = parsePrivateKeyPem(credential.privateKeyPem, "credential.privateKeyPem");
        if (!createPublicKey(key).equals(publicKey)) {
            throw new ConfigError("credential.privateKeyPem", "does not belong to the certificate (public keys differ)", "Provide the private key that was generated with this certificate");
        }
        const facts: CredentialFacts = {
            kind: "certificate",
            thumbprintSha1: cert.thumbprintSha1,
            thumbprintSha256: cert.thumbprintSha256,
            expiresAt: cert.notAfter,
            fingerprint,
        };
        return { facts, signingKey: key };
    }
    if (credential?.kind !== "secret") {
        throw new ConfigError("credential", `unknown credential kind "${String((credential as { kind?: unknown } | undefined)?.kind)}"`, `Use "certificate" or "secret"`);
    }
    if (typeof credential.clientSecret !== "string" || credential.clientSecret.trim() === "") {
        throw new ConfigError("credential.clientSecret", "is empty", "Paste the client secret's Value (Certificates & secrets > Client secrets)");
    }
    let expiresAt: Date | undefined;
    if (credential.expiresAt !== undefined) {
        expiresAt = new Date(credential.expiresAt);
        if (Number.isNaN(expiresAt.getTime())) {
            throw new ConfigError("credential.expiresAt", `is not an ISO 8601 date: "${String(credential.expiresAt).slice(0, 40)}"`, "Use the secret's Expires date, e.g. 2027-01-31T00:00:00Z");
        }
    }
    return { facts: { kind: "secret", expiresAt, fingerprint } };
}

/**
 * msal-node `auth` credential options: the client secret, or for a certificate a
 * `clientAssertion` callback signing PS256 assertions with `x5t#S256` for `tokenEndpoint`
 * (./assertion.ts), the first one started at once.
 */
export function msalCredentialOptions(
    credential: ProbeCredential,
    read: ReadCredential,
    clientId: string,
    tokenEndpoint: string,
): { clientSecret: string } | { clientAssertion: ClientAssertionCallback } {
    if (credential.kind === "secret") return { clientSecret: credential.clientSecret };
    if (!read.signingKey || !read.facts.thumbprintSha256) throw new Error("a certificate credential was read without its key");
    return { clientAssertion: certificateAssertion(clientId, read.facts.thumbprintSha256, read.signingKey, { expectedAudience: tokenEndpoint }) };
}

/** Whole days left before the credential expires, or undefined when the expiry is unknown. */
export function credentialDaysLeft(facts: CredentialFacts, now: Date): number | undefined {
    return facts.expiresAt ? daysUntil(facts.expiresAt, now) : undefined;
}

function sha256(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}
