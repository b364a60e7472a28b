/**
 * A fast path for reading unencrypted RSA private keys from PEM.
 *
 * OpenSSL 3's PEM/DER decoders (what `createPrivateKey(pem)` runs) take about 1 ms for an
 * RSA-2048 key on the machines benchmarked here, while importing the same key as a JWK takes
 * about 0.02 ms (BENCHMARKS.md). A drift run reads one key per connection and the provider one
 * per refresh, so the key's DER is read here (./der.ts; RFC 8017 A.1.2 `RSAPrivateKey`, inside
 * RFC 5208 `PrivateKeyInfo` for PKCS#8) and handed to node:crypto as a JWK (RFC 7518 §6.3).
 *
 * Anything else (another key type, multi-prime RSA, trailing data, a structure that does not
 * parse) returns undefined and the caller falls back to `createPrivateKey(pem)`, which reads all
 * that OpenSSL reads and reports what it cannot.
 *
 * @module
 */
import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { children, only, pemBlockDer, RSA_ENCRYPTION_OID, TAG, unsignedBase64Url } from "./der";

/** RFC 8017 A.1.2 two-prime `RSAPrivateKey` as a JWK, or undefined. */
function rsaPrivateKeyJwk(der: Buffer): JsonWebKey | undefined {
    const seq = only(der, TAG.SEQUENCE);
    const items = seq && children(seq);
    if (!items || items.length !== 9 || items.some((t) => t.tag !== TAG.INTEGER)) return undefined;
    const [version, ...numbers] = items.map((t) => t.value);
    if (version.length !== 1 || version[0] !== 0) return undefined; // 1 = multi-prime
    const [n, e, d, p, q, dp, dq, qi] = numbers.map(unsignedBase64Url);
    if ([n, e, d, p, q, dp, dq, qi].some((v) => v === undefined)) return undefined;
    return { kty: "RSA", n, e, d, p, q, dp, dq, qi };
}

/** RFC 5208 `PrivateKeyInfo` holding an rsaEncryption key, as a JWK, or undefined. */
function pkcs8Jwk(der: Buffer): JsonWebKey | undefined {
    const seq = only(der, TAG.SEQUENCE);
    const items = seq && children(seq);
    // version, algorithm, privateKey, then optional attributes / public key (RFC 5958).
    if (!items || items.length < 3 || items[0].tag !== TAG.INTEGER || items[1].tag !== TAG.SEQUENCE || items[2].tag !== TAG.OCTET_STRING) return undefined;
    const algorithm = children(items[1].value);
    if (!algorithm || algorithm[0]?.tag !== TAG.OID || !algorithm[0].value.equals(RSA_ENCRYPTION_OID)) return undefined;
    if (algorithm.length > 2 || (algorithm[1] && (algorithm[1].tag !== TAG.NULL || algorithm[1].value.length !== 0))) return undefined;
    return rsaPrivateKeyJwk(items[2].value);
}

/** The JWK of an unencrypted RSA PEM private key (PKCS#8 or PKCS#1), or undefined when this reader does not handle it. */
export function rsaJwkFromPem(pem: string): JsonWebKey | undefined {
    const pkcs8 = pemBlockDer(pem, "PRIVATE KEY");
    if (pkcs8) return pkcs8Jwk(pkcs8);
    const pkcs1 = pemBlockDer(pem, "RSA PRIVATE KEY");
    return pkcs1 ? rsaPrivateKeyJwk(pkcs1) : undefined;
}

/** The private key of a PEM text: the JWK fast path for RSA, else node:crypto's PEM reader (which may throw). */
export function importPrivateKeyPem(pem: string): KeyObject {
    const jwk = rsaJwkFromPem(pem);
    if (jwk) {
        try {
            return createPrivateKey({ key: jwk, format: "jwk" });
        } catch {
            // Not a key OpenSSL accepts as a JWK: let the PEM reader decide and explain.
        }
    }
    return createPrivateKey(pem);
}
