/**
 * Verification of the access tokens this emulator issued, as Graph and Exchange do it: signature
 * (RS256, our `kid`), lifetime, then the caller checks the audience. Verified tokens are cached by
 * their string, so a benchmark's thousands of calls with one token cost one RSA verification.
 *
 * @module
 */
import { decodeJwt, verifyJwtSignature } from "./jwt";
import type { SigningKeys } from "./keys";

/** The claims of an access token the emulator issued (see entra/issue.ts). */
export interface AccessClaims {
    readonly aud: string;
    readonly iss: string;
    readonly tid: string;
    readonly appid: string;
    readonly azp: string;
    readonly appidacr: string;
    readonly oid: string;
    readonly sub: string;
    readonly idtyp: string;
    readonly iat: number;
    readonly nbf: number;
    readonly exp: number;
    readonly roles?: readonly string[];
    readonly wids?: readonly string[];
}

/** The outcome of {@link BearerVerifier.verify}: the claims, or why the token is refused (Graph and Exchange word each reason their own way). */
export type BearerResult =
    | { readonly ok: true; readonly claims: AccessClaims }
    | { readonly ok: false; readonly reason: "empty" | "invalid" | "expired" };

const CACHE_LIMIT = 10_000;

/** Verifies `Authorization: Bearer` headers against the emulator's signing key, caching verified tokens (one RSA check per token, not per request). */
export class BearerVerifier {
    private readonly cache = new Map<string, AccessClaims>();

    constructor(private readonly keys: SigningKeys) {}

    /** Checks an `Authorization` header value at `nowSeconds`. */
    verify(authorization: string | undefined, nowSeconds = Date.now() / 1000): BearerResult {
        const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
        if (!m) return { ok: false, reason: "empty" };
        const token = m[1];
        let claims = this.cache.get(token);
        if (!claims) {
            const jwt = decodeJwt(token);
            if (!jwt || jwt.header.alg !== "RS256" || jwt.header.kid !== this.keys.kid) return { ok: false, reason: "invalid" };
            if (!verifyJwtSignature(jwt, "RS256", this.keys.publicKey)) return { ok: false, reason: "invalid" };
            const p = jwt.payload as Partial<AccessClaims>;
            if (typeof p.aud !== "string" || typeof p.tid !== "string" || typeof p.exp !== "number" || typeof p.nbf !== "number") {
                return { ok: false, reason: "invalid" };
            }
            claims = p as AccessClaims;
            if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
            this.cache.set(token, claims);
        }
        // No clock skew: the emulator's clock is the clients' clock.
        if (nowSeconds >= claims.exp || nowSeconds < claims.nbf) return { ok: false, reason: "expired" };
        return { ok: true, claims };
    }
}

/** Whether the token's `aud` is the resource URL (any trailing slash, any case) or its app ID. */
export function audienceIs(aud: string, resourceUrl: string, resourceAppId: string): boolean {
    const a = aud.toLowerCase().replace(/\/+$/, "");
    return a === resourceUrl.toLowerCase().replace(/\/+$/, "") || a === resourceAppId.toLowerCase();
}
