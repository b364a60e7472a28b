/**
 * Validation of a client assertion (certificate credential) the way Entra describes it
 * (entra-docs `certificate-credentials.md`, ../shared/reference/m365-entra-exchange-facts.md §5):
 * header `alg` PS256 with `x5t#S256` (current) or RS256 with `x5t` (older); the thumbprint names
 * one of the app's registered certificates; the signature verifies with it; the claims the doc
 * lists as required (`aud`, `exp`, `iss`, `jti`, `nbf`, `sub`; `iat` is optional) are present;
 * `aud` is the token endpoint; `iss` = `sub` = client ID; `nbf`/`exp` bound the time. `jti` reuse
 * is accepted: msal reuses one assertion for up to 10 minutes
 * (../shared/reference/emulator-msal-graph-facts.md §0.6).
 *
 * A registered key counts only when its `usage` is `Verify` (resources/keycredential: the value a
 * certificate credential for sign-in carries, m365-entra-exchange-facts.md §5 "Credentials") and
 * its `startDateTime` has passed. No documented AADSTS code for a key that is not valid yet was
 * found, so such a key is treated as not registered: the same answer as an unknown certificate.
 *
 * @module
 */
import { X509Certificate, type KeyObject } from "node:crypto";
import { decodeJwt, thumbprints, verifyJwtSignature, type JwtAlg } from "../jwt";
import type { ApplicationRow, KeyCredential } from "../store/rows";
import type { AadstsArgs, AadstsName } from "./aadsts";

/** The outcome of {@link verifyClientAssertion}: ok, or the AADSTS error to answer with. */
export type AssertionResult = { readonly ok: true } | { readonly ok: false; readonly error: AadstsName; readonly args: AadstsArgs };

/** Clock skew tolerated on `nbf` and `exp`, seconds. */
const SKEW_SECONDS = 60;

/** What a registered certificate yields once parsed: its thumbprint headers and public key. */
interface ParsedKey {
    readonly x5t: string;
    readonly x5tS256: string;
    readonly publicKey: KeyObject;
}

/**
 * Parsed keys by row. Rows are immutable (store/rows.ts), so a row's parse never goes stale, and
 * a key dropped from the directory is dropped from here with its row. Parsing the DER on every
 * token request cost more CPU than verifying the signature.
 */
const parsedKeys = new WeakMap<KeyCredential, ParsedKey>();

function parsed(key: KeyCredential): ParsedKey {
    let p = parsedKeys.get(key);
    if (!p) {
        const der = Buffer.from(key.key, "base64");
        const { x5t, x5tS256 } = thumbprints(der);
        p = { x5t, x5tS256, publicKey: new X509Certificate(der).publicKey };
        parsedKeys.set(key, p);
    }
    return p;
}

const fail = (error: AadstsName, args: AadstsArgs = {}): AssertionResult => ({ ok: false, error, args });
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace("Z", "0000Z");

/**
 * The thumbprint the header names and the app's keys registered for it: usage `Verify`, started by
 * `nowMs`. Undefined when the header names no thumbprint.
 */
function findKeys(app: ApplicationRow, header: Record<string, unknown>, nowMs: number): { keys: KeyCredential[]; thumbprint: string } | undefined {
    const s256 = header["x5t#S256"];
    const s1 = header.x5t;
    if (typeof s256 !== "string" && typeof s1 !== "string") return undefined;
    const useSha256 = typeof s256 === "string";
    const wanted = (useSha256 ? s256 : s1) as string;
    const thumbprint = Buffer.from(wanted, "base64url").toString("hex").toUpperCase();
    const keys = app.keyCredentials.filter((k) => {
        if (k.usage !== "Verify" || Date.parse(k.startDateTime) > nowMs) return false;
        const t = parsed(k);
        return useSha256 ? t.x5tS256 === wanted : t.x5t === wanted;
    });
    return { keys, thumbprint };
}

/** Claims certificate-credentials.md lists as required that are checked for presence here (`aud`, `iss`, `sub` are compared to values below). */
const REQUIRED_CLAIMS = [
    { name: "jti", present: (v: unknown) => typeof v === "string" && v.length > 0 },
    { name: "nbf", present: (v: unknown) => typeof v === "number" },
    { name: "exp", present: (v: unknown) => typeof v === "number" },
] as const;

/**
 * Checks `assertion` for `app`. `audiences` are the token endpoint URLs the client may have
 * used (without query), compared case-insensitively.
 */
export function verifyClientAssertion(assertion: string, app: ApplicationRow, clientId: string, audiences: readonly string[], nowMs = Date.now()): AssertionResult {
    const jwt = decodeJwt(assertion);
    if (!jwt) return fail("assertionMalformed", { detail: "The client assertion is not a JWT." });
    const alg = jwt.header.alg;
    if (alg !== "PS256" && alg !== "RS256") return fail("assertionMalformed", { detail: `Unsupported signing algorithm '${String(alg)}'.` });
    const found = findKeys(app, jwt.header, nowMs);
    if (!found) return fail("assertionMalformed", { detail: "No certificate thumbprint specified in token header." });
    const { keys, thumbprint } = found;
    if (!keys.length) return fail("assertionKeyNotFound", { thumbprint, clientId });
    const key = keys.find((k) => Date.parse(k.endDateTime) > nowMs);
    if (!key) return fail("assertionKeyExpired", { thumbprint });
    if (!verifyJwtSignature(jwt, alg as JwtAlg, parsed(key).publicKey)) return fail("assertionBadSignature", { thumbprint });

    const p = jwt.payload;
    // AADSTS50027 InvalidJwtToken covers a JWT that "doesn't contain" a required claim
    // (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
    const missing = REQUIRED_CLAIMS.find((c) => !c.present(p[c.name]));
    if (missing) return fail("assertionMalformed", { detail: `The client assertion has no '${missing.name}' claim.` });
    if (p.iss !== clientId || p.sub !== clientId) {
        return fail("assertionMalformed", { detail: "The 'iss' and 'sub' claims of the client assertion must be the client ID." });
    }
    const aud = typeof p.aud === "string" ? p.aud.toLowerCase() : "";
    if (!audiences.some((a) => a.toLowerCase() === aud)) return fail("assertionAudience");
    const now = nowMs / 1000;
    const exp = p.exp as number;
    const nbf = p.nbf as number;
    if (now > exp + SKEW_SECONDS || now < nbf - SKEW_SECONDS) {
        return fail("assertionTime", {
            detail: `Current time: ${new Date(nowMs).toISOString()}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(exp)}.`,
        });
    }
    return { ok: true };
}
