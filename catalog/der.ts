/**
 * A minimal DER reader (ITU-T X.690): enough to walk the few structures read without OpenSSL's
 * decoders (catalog/rsaKey.ts, catalog/certificateDer.ts), which cost 0.3–1 ms per call in
 * OpenSSL 3. Definite lengths only; anything it cannot read returns undefined, and the callers
 * then fall back to node:crypto.
 *
 * @module
 */

/** The universal tags these readers meet. */
export const TAG = {
    INTEGER: 0x02,
    BIT_STRING: 0x03,
    OCTET_STRING: 0x04,
    NULL: 0x05,
    OID: 0x06,
    UTC_TIME: 0x17,
    GENERALIZED_TIME: 0x18,
    SEQUENCE: 0x30,
    /** `[0]` constructed, context-specific (a certificate's explicit version). */
    CONTEXT_0: 0xa0,
} as const;

/** DER of the rsaEncryption OID 1.2.840.113549.1.1.1 (RFC 8017 A.1). */
export const RSA_ENCRYPTION_OID = Buffer.from("2a864886f70d010101", "hex");

/** One DER element: its tag, its value and where the next element starts. */
export interface Tlv {
    readonly tag: number;
    readonly value: Buffer;
    readonly end: number;
}

/** Reads the element at `at`, or undefined when the bytes are not DER this reader accepts. */
export function readTlv(der: Buffer, at: number): Tlv | undefined {
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
export function children(value: Buffer): Tlv[] | undefined {
    const out: Tlv[] = [];
    for (let at = 0; at < value.length; ) {
        const tlv = readTlv(value, at);
        if (!tlv) return undefined;
        out.push(tlv);
        at = tlv.end;
    }
    return out;
}

/** The value of a buffer that is exactly one element with `tag`, or undefined. */
export function only(der: Buffer, tag: number): Buffer | undefined {
    const tlv = readTlv(der, 0);
    return tlv && tlv.tag === tag && tlv.end === der.length ? tlv.value : undefined;
}

/** Base64url of a non-negative INTEGER's magnitude (leading zero bytes dropped), or undefined for a negative one. */
export function unsignedBase64Url(value: Buffer): string | undefined {
    if (value.length === 0 || value[0] & 0x80) return undefined;
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    return value.subarray(i).toString("base64url");
}

/** The DER inside the first PEM block labelled `label`, or undefined. */
export function pemBlockDer(pem: string, label: string): Buffer | undefined {
    const begin = `-----BEGIN ${label}-----`;
    const from = pem.indexOf(begin);
    if (from < 0) return undefined;
    const to = pem.indexOf(`-----END ${label}-----`, from + begin.length);
    if (to < 0) return undefined;
    const body = pem.slice(from + begin.length, to);
    return /^[A-Za-z0-9+/=\s]+$/.test(body) ? Buffer.from(body.replace(/\s+/g, ""), "base64") : undefined;
}
