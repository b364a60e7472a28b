/**
 * A fast path for reading unencrypted RSA private keys from PEM.
 *
 * OpenSSL 3's PEM/DER decoders (what `createPrivateKey(pem)` runs) take about 1 ms for an
 * RSA-2048 key on the machines benchmarked here, while importing the same key as a JWK takes
 * about 0.02 ms (BENCHMARKS.md). A drift run reads one key per connection and the provider one
 * per refresh, so the key's DER is read here (RFC 8017 A.1.2 `RSAPrivateKey`, inside RFC 5208
 * `PrivateKeyInfo` for PKCS#8) and handed to node:crypto as a JWK (RFC 7518 §6.3).
 *
 * Anything else (another key type, multi-prime RSA, trailing data, a structure that does not
 * parse) returns undefined and the caller falls back to `createPrivateKey(pem)`, which reads all
 * that OpenSSL reads and reports what it cannot.
 *
 * @module
 */
import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";

/** DER of the rsaEncryption OID 1.2.840.113549.1.1.1 (RFC 8017 A.1). */
const RSA_ENCRYPTION_OID = Buffer.from("2a864886f70d010101", "hex");

const PKCS8 = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/;
const PKCS1 = /-----BEGIN RSA PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END RSA PRIVATE KEY-----/;

const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;

/** One DER element: its tag, its value and where the next element starts. */
interface Tlv {
    readonly tag: number;
    readonly value: Buffer;
    readonly end: number;
}

/** Reads the element at `at`, or undefined when the bytes are not DER this reader accepts. */
function readTlv(der: Buffer, at: number): Tlv | undefined {
    if (at + 2 > der.length) return undefined;
    const tag = der[at];
    let length = der[at + 1];
    let start = at + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes === 0 || bytes > 4 || start + bytes > der.length) return undefined;
        length = 0;
        for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
        start += bytes;
    }
    const end = start + length;
    return end > der.length ? undefined : { tag, value: der.subarray(start, end), end };
}

/** The elements of a constructed value, or undefined when one does not parse or bytes are left over. */
function children(value: Buffer): Tlv[] | undefined {
    const out: Tlv[] = [];
    for (let at = 0; at < value.length; ) {
        const tlv = readTlv(value, at);
        if (!tlv) return undefined;
        out.push(tlv);
        at = tlv.end;
    }
    return out;
}

/** A whole buffer that is exactly one element with `tag`. */
function only(der: Buffer, tag: number): Buffer | undefined {
    const tlv = readTlv(der, 0);
    return tlv && tlv.tag === tag && tlv.end === der.length ? tlv.value : undefined;
}

/** Base64url of a non-negative INTEGER's magnitude (leading zero bytes dropped), or undefined for a negative one. */
function unsigned(value: Buffer): string | undefined {
    if (value.length === 0 || value[0] & 0x80) return undefined;
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    return value.subarray(i).toString("base64url");
}

/** RFC 8017 A.1.2 two-prime `RSAPrivateKey` as a JWK, or undefined. */
function rsaPrivateKeyJwk(der: Buffer): JsonWebKey | undefined {
    const seq = only(der, TAG.SEQUENCE);
    const items = seq && children(seq);
    if (!items || items.length !== 9 || items.some((t) => t.tag !== TAG.INTEGER)) return undefined;
    const [version, ...numbers] = items.map((t) => t.value);
    if (version.length !== 1 || version[0] !== 0) return undefined; // 1 = multi-prime
    const [n, e, d, p, q, dp, dq, qi] = numbers.map(unsigned);
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
    const pkcs8 = PKCS8.exec(pem);
    if (pkcs8) return pkcs8Jwk(Buffer.from(pkcs8[1].replace(/\s+/g, ""), "base64"));
    const pkcs1 = PKCS1.exec(pem);
    return pkcs1 ? rsaPrivateKeyJwk(Buffer.from(pkcs1[1].replace(/\s+/g, ""), "base64")) : undefined;
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
