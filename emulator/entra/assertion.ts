/**
 * Validation of a client assertion (certificate credential) the way Entra describes it
 * (entra-docs `certificate-credentials.md`, ../shared/reference/m365-entra-exchange-facts.md §5):
 * header `alg` PS256 with `x5t#S256` (current) or RS256 with `x5t` (older); the thumbprint names
 * one of the app's registered certificates; the signature verifies with it; `aud` is the token
 * endpoint; `iss` = `sub` = client ID; `nbf`/`exp` bound the time. `jti` reuse is accepted: msal
 * reuses one assertion for up to 10 minutes (../shared/reference/emulator-msal-graph-facts.md §0.6).
 *
 * @module
 */
import { X509Certificate } from "node:crypto";
import { decodeJwt, thumbprints, verifyJwtSignature, type JwtAlg } from "../jwt";
import type { ApplicationRow, KeyCredential } from "../store/rows";
import type { AadstsArgs, AadstsName } from "./aadsts";

export type AssertionResult = { readonly ok: true } | { readonly ok: false; readonly error: AadstsName; readonly args: AadstsArgs };

/** Clock skew tolerated on `nbf` and `exp`, seconds. */
const SKEW_SECONDS = 60;

const fail = (error: AadstsName, args: AadstsArgs = {}): AssertionResult => ({ ok: false, error, args });
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace("Z", "0000Z");

function findKey(app: ApplicationRow, header: Record<string, unknown>): { key?: KeyCredential; thumbprint: string } | undefined {
    const s256 = header["x5t#S256"];
    const s1 = header.x5t;
    if (typeof s256 !== "string" && typeof s1 !== "string") return undefined;
    const useSha256 = typeof s256 === "string";
    const wanted = (useSha256 ? s256 : s1) as string;
    const thumbprint = Buffer.from(wanted, "base64url").toString("hex").toUpperCase();
    const key = app.keyCredentials.find((k) => {
        const t = thumbprints(Buffer.from(k.key, "base64"));
        return useSha256 ? t.x5tS256 === wanted : t.x5t === wanted;
    });
    return { key, thumbprint };
}

/**
 * Checks `assertion` for `app`. `audiences` are the token endpoint URLs the client may have
 * used (without query), compared case-insensitively.
 */
export function verifyClientAssertion(assertion: string, app: ApplicationRow, clientId: string, audiences: readonly string[], nowMs = Date.now()): AssertionResult {
    const jwt = decodeJwt(assertion);
    if (!jwt) return fail("assertionMalformed", { detail: "The client assertion is not a JWT." });
    const alg = jwt.header.alg;
    if (alg !== "PS256" && alg !== "RS256") return fail("assertionMalformed", { detail: `Unsupported signing algorithm '${String(alg)}'.` });
    const found = findKey(app, jwt.header);
    if (!found) return fail("assertionMalformed", { detail: "No certificate thumbprint specified in token header." });
    const { key, thumbprint } = found;
    if (!key) return fail("assertionKeyNotFound", { thumbprint, clientId });
    if (Date.parse(key.endDateTime) <= nowMs) return fail("assertionKeyExpired", { thumbprint });
    const cert = new X509Certificate(Buffer.from(key.key, "base64"));
    if (!verifyJwtSignature(jwt, alg as JwtAlg, cert.publicKey)) return fail("assertionBadSignature", { thumbprint });

    const p = jwt.payload;
    if (p.iss !== clientId || p.sub !== clientId) {
        return fail("assertionMalformed", { detail: "The 'iss' and 'sub' claims of the client assertion must be the client ID." });
    }
    const aud = typeof p.aud === "string" ? p.aud.toLowerCase() : "";
    if (!audiences.some((a) => a.toLowerCase() === aud)) return fail("assertionAudience");
    const now = nowMs / 1000;
    if (typeof p.exp !== "number") return fail("assertionMalformed", { detail: "The client assertion has no 'exp' claim." });
    const nbf = typeof p.nbf === "number" ? p.nbf : 0;
    if (now > p.exp + SKEW_SECONDS || now < nbf - SKEW_SECONDS) {
        return fail("assertionTime", {
            detail: `Current time: ${new Date(nowMs).toISOString()}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(p.exp)}.`,
        });
    }
    return { ok: true };
}
