/**
 * JWT helpers on node:crypto: RS256 signing of access tokens (off the event loop), RS256/PS256
 * verification of client assertions. msal-node signs PS256 assertions with PSS padding and a
 * 32-byte salt (../shared/reference/emulator-msal-graph-facts.md §2.4; entra-docs
 * `certificate-credentials.md`: "Use PSS padding").
 *
 * @module
 */
import { constants, createHash, sign, verify, type KeyObject } from "node:crypto";

/** A JWT split into its parts. */
export interface DecodedJwt {
    readonly header: Record<string, unknown>;
    readonly payload: Record<string, unknown>;
    /** `base64url(header).base64url(payload)`: the signed bytes. */
    readonly signingInput: string;
    readonly signature: Buffer;
}

/** The signature algorithms the emulator accepts on client assertions. */
export type JwtAlg = "RS256" | "PS256";

/** Base64url without padding (RFC 7515), as JWT parts and thumbprint headers use. */
export const b64url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

const json = (part: string): Record<string, unknown> | undefined => {
    try {
        const v: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
        return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
};

/** Splits and parses a compact JWT; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
    const parts = token.split(".");
    if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return undefined;
    const header = json(parts[0]);
    const payload = json(parts[1]);
    if (!header || !payload) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], "base64url") };
}

const pss = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });

/**
 * Signs `header.payload` with RS256 (or PS256) and resolves with the compact JWT. The RSA
 * operation runs on libuv's thread pool (node:crypto `sign` with a callback), so the event loop
 * keeps serving other requests while a token is signed.
 */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject, alg: JwtAlg = "RS256"): Promise<string> {
    const input = `${b64url(JSON.stringify({ ...header, alg }))}.${b64url(JSON.stringify(payload))}`;
    return new Promise((resolve, reject) =>
        sign("sha256", Buffer.from(input), alg === "PS256" ? pss(key) : key, (error, signature) => (error ? reject(error) : resolve(`${input}.${b64url(signature)}`))),
    );
}

/** Verifies a decoded JWT's signature with `alg` and the public key. */
export function verifyJwtSignature(jwt: DecodedJwt, alg: JwtAlg, publicKey: KeyObject): boolean {
    try {
        return verify("sha256", Buffer.from(jwt.signingInput), alg === "PS256" ? pss(publicKey) : publicKey, jwt.signature);
    } catch {
        return false;
    }
}

/** `x5t` (SHA-1) and `x5t#S256` (SHA-256) header values of a DER certificate. */
export function thumbprints(der: Buffer): { x5t: string; x5tS256: string; sha1Hex: string } {
    const sha1 = createHash("sha1").update(der).digest();
    return { x5t: b64url(sha1), x5tS256: b64url(createHash("sha256").update(der).digest()), sha1Hex: sha1.toString("hex").toUpperCase() };
}
