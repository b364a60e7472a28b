/**
 * PKCS#12 (PFX) files for the Windows certificate store, built with node-forge (pure JS).
 *
 * The Active Roles Synchronization Service signs in with a certificate from the Windows store
 * (`Connect-ExchangeOnline -CertificateThumbprint` works only there), so the operator imports a
 * password-protected PFX. Pure functions; callers run them inside `.apply` on secret values and
 * wrap the result with `pulumi.secret`.
 *
 * Stability: a PFX normally contains random salts and IVs, so every `pulumi up` would produce a
 * different file and a spurious output change. Here the salts and IVs come from an HMAC keyed by
 * the password and the key, so the same key, certificate and password always give the same bytes.
 * Reusing them for identical content reveals nothing beyond "same file".
 *
 * @module
 */
import { createHmac, createPrivateKey } from "node:crypto";
import forge from "node-forge";
import { ConfigError } from "../catalog";
import type { PfxEncryption } from "./credentialSpec";

/** What {@link buildPfx} needs. */
export interface PfxInput {
    /** Unencrypted RSA private key, PEM (PKCS#8 or PKCS#1). */
    readonly privateKeyPem: string;
    /** The certificate, PEM. */
    readonly certificatePem: string;
    /** The PFX password. */
    readonly password: string;
    /** `aes256` (PBES2, AES-256-CBC, PBKDF2) or `3des` (pbeWithSHAAnd3-KeyTripleDES-CBC). */
    readonly encryption: PfxEncryption;
    /** Friendly name shown by the Windows certificate store. */
    readonly friendlyName?: string;
}

/** PBKDF2 / PKCS#12 KDF iteration count; OpenSSL's default. */
const ITERATIONS = 2048;

/**
 * Derives a stable PFX password from the private key: HMAC-SHA-256 over a fixed label, keyed by
 * the key's PKCS#8 DER, base64url, 32 characters. Anyone holding the key can recompute it, which
 * costs nothing: the PFX holds that key anyway. It exists so the PFX is never unprotected at rest.
 */
export function derivePfxPassword(privateKeyPem: string): string {
    const der = createPrivateKey(privateKeyPem).export({ type: "pkcs8", format: "der" });
    return createHmac("sha256", der).update("m365-connectors/pfx-password/v1").digest("base64url").slice(0, 32);
}

/** Builds the PFX and returns its DER bytes. Deterministic for the same input. */
export function buildPfx(input: PfxInput): Buffer {
    const key = forge.pki.privateKeyFromPem(pkcs8(input.privateKeyPem));
    const cert = forge.pki.certificateFromPem(input.certificatePem);
    const seed = createHmac("sha256", input.password).update(pkcs8(input.privateKeyPem)).update(input.certificatePem).digest();
    const asn1 = withSeededRandom(seed, () =>
        forge.pkcs12.toPkcs12Asn1(key, cert, input.password, {
            algorithm: input.encryption,
            // Passed through to forge's encryptPrivateKeyInfo (not in its typings): PBKDF2 with
            // HMAC-SHA-256, as OpenSSL 3 writes. Ignored for 3des.
            ...({ prfAlgorithm: "sha256" } as object),
            count: ITERATIONS,
            saltSize: 16,
            generateLocalKeyId: true,
            ...(input.friendlyName ? { friendlyName: input.friendlyName } : {}),
        }),
    );
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

function pkcs8(pem: string): string {
    return createPrivateKey(pem).export({ type: "pkcs8", format: "pem" }).toString();
}

type RandomBytes = (count: number) => string;

/**
 * Runs `fn` with forge's random source replaced by an HMAC-SHA-256 counter stream over `seed`.
 * `toPkcs12Asn1` is synchronous and calls only `getBytes`/`getBytesSync` (salts, IVs), so the
 * swap cannot leak into other code.
 */
function withSeededRandom<T>(seed: Buffer, fn: () => T): T {
    const random = forge.random as unknown as { getBytes: RandomBytes; getBytesSync: RandomBytes };
    const saved = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
    let counter = 0;
    const stream: RandomBytes = (count) => {
        let out = Buffer.alloc(0);
        while (out.length < count) out = Buffer.concat([out, createHmac("sha256", seed).update(String(counter++)).digest()]);
        return out.subarray(0, count).toString("binary");
    };
    random.getBytes = stream;
    random.getBytesSync = stream;
    try {
        return fn();
    } finally {
        random.getBytes = saved.getBytes;
        random.getBytesSync = saved.getBytesSync;
    }
}

/**
 * Reads the first certificate and private key of a PKCS#12 (PFX) file, as PEM (the key as
 * PKCS#8). Throws a {@link ConfigError} naming `property` when it cannot (wrong password, no key).
 */
export function readPfx(pfx: Buffer, password: string, property: string): { certificatePem: string; privateKeyPem: string } {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
        p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString("binary")), password);
    } catch {
        throw new ConfigError(property, "is not a PKCS#12 (PFX) file this password opens", "Check the file and its password (ARM_CLIENT_CERTIFICATE_PASSWORD)");
    }
    const cert = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]?.[0]?.cert;
    const key =
        p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0]?.key ??
        p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0]?.key;
    if (!cert || !key) throw new ConfigError(property, "holds no certificate with its private key", "Export the certificate with its private key (a .pfx)");
    return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: pkcs8(forge.pki.privateKeyToPem(key)) };
}
