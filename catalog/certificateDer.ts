/**
 * What a probe needs from an X.509 certificate, read from its DER (./der.ts) without OpenSSL:
 * the validity dates and, for an RSA key, its modulus and exponent (RFC 5280 §4.1: `Certificate`,
 * `TBSCertificate`, `Validity`, `SubjectPublicKeyInfo`; RFC 8017 A.1.1 `RSAPublicKey`).
 * `new X509Certificate()` costs about 0.3 ms and decoding a public key about as much again; a
 * drift run reads one certificate per connection. Anything this reader does not handle returns
 * undefined, and the caller uses node:crypto's X509Certificate instead.
 *
 * @module
 */
import { children, only, RSA_ENCRYPTION_OID, TAG, unsignedBase64Url } from "./der";

/** The parts of a certificate {@link readCertificateDer} reads. */
export interface CertificateDerFacts {
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** The RSA public key as JWK members (base64url), when the key is rsaEncryption. */
    readonly rsa?: { readonly n: string; readonly e: string };
}

/** RFC 5280 §4.1.2.5: UTCTime `YYMMDDHHMMSSZ` (YY < 50 is 20YY) or GeneralizedTime `YYYYMMDDHHMMSSZ`. */
function readTime(tag: number, value: Buffer): Date | undefined {
    const text = value.toString("latin1");
    const m = tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
    if (!m) return undefined;
    const year = tag === TAG.UTC_TIME ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
    const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `SubjectPublicKeyInfo` of an rsaEncryption key as `{ n, e }`, or undefined for another key type. */
function rsaPublicKey(spki: Buffer): { n: string; e: string } | undefined {
    const [algorithm, bits] = children(spki) ?? [];
    const oid = algorithm?.tag === TAG.SEQUENCE ? children(algorithm.value)?.[0] : undefined;
    if (!oid || oid.tag !== TAG.OID || !oid.value.equals(RSA_ENCRYPTION_OID) || bits?.tag !== TAG.BIT_STRING || bits.value[0] !== 0) return undefined;
    const key = only(bits.value.subarray(1), TAG.SEQUENCE);
    const parts = key && children(key);
    if (!parts || parts.length !== 2 || parts.some((p) => p.tag !== TAG.INTEGER)) return undefined;
    const [n, e] = parts.map((p) => unsignedBase64Url(p.value));
    return n && e ? { n, e } : undefined;
}

/** Reads a certificate's DER, or undefined when it is not a structure this reader handles. */
export function readCertificateDer(der: Buffer): CertificateDerFacts | undefined {
    const certificate = only(der, TAG.SEQUENCE);
    const [tbs] = (certificate && children(certificate)) ?? [];
    const fields = tbs?.tag === TAG.SEQUENCE ? children(tbs.value) : undefined;
    if (!fields) return undefined;
    // version [0] is optional; then serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo.
    const at = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
    const validity = fields[at + 3];
    const spki = fields[at + 5];
    if (fields[at]?.tag !== TAG.INTEGER || validity?.tag !== TAG.SEQUENCE || spki?.tag !== TAG.SEQUENCE) return undefined;
    const times = children(validity.value);
    if (!times || times.length !== 2) return undefined;
    const notBefore = readTime(times[0].tag, times[0].value);
    const notAfter = readTime(times[1].tag, times[1].value);
    if (!notBefore || !notAfter) return undefined;
    const rsa = rsaPublicKey(spki.value);
    return rsa ? { notBefore, notAfter, rsa } : { notBefore, notAfter };
}
