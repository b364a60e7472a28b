/**
 * The client assertion of a certificate credential, signed with a private key parsed once.
 *
 * It is the JWT msal-node builds for `clientCertificate.thumbprintSha256`
 * (../shared/reference/emulator-msal-graph-facts.md §2.4; entra-docs `certificate-credentials.md`):
 * header `{alg: "PS256", typ: "JWT", "x5t#S256"}`, payload `{aud: <token endpoint>, iss, sub:
 * <client ID>, nbf, iat, exp: nbf + 600, jti}`, RSA-PSS with a 32-byte salt. It is handed to
 * msal-node as its `clientAssertion` callback instead of the PEM: msal-node's own path
 * (jsonwebtoken) parses the PEM key twice per assertion, which made key parsing the largest CPU
 * cost of a drift run over many connections (BENCHMARKS.md).
 *
 * Like msal-node's, one assertion is reused while it has time left (it keeps it for its whole 10
 * minutes, §0.6); here it is renewed once less than {@link RENEW_BEFORE_SECONDS} remain, so a
 * token request never carries an assertion about to expire.
 *
 * @module
 */
import { constants, randomUUID, sign, type KeyObject } from "node:crypto";
import type { ClientAssertionCallback } from "@azure/msal-node";
import { thumbprintToBase64Url } from "../catalog";

/** Lifetime of an assertion, seconds (msal-node's `exp = nbf + 600`). */
export const ASSERTION_LIFETIME_SECONDS = 600;

/** An assertion is renewed when fewer than this many seconds of its lifetime remain. */
export const RENEW_BEFORE_SECONDS = 120;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * Signs one PS256 client assertion for `clientId` at the token endpoint `audience`. The RSA
 * operation runs on libuv's thread pool (node:crypto `sign` with a callback), off the event loop
 * that drives the other probes of a drift run.
 */
export function signClientAssertion(args: { clientId: string; audience: string; thumbprintSha256: string; privateKey: KeyObject; nowSeconds: number }): Promise<string> {
    const header = { alg: "PS256", typ: "JWT", "x5t#S256": thumbprintToBase64Url(args.thumbprintSha256) };
    const nbf = args.nowSeconds;
    const payload = { aud: args.audience, iss: args.clientId, sub: args.clientId, nbf, iat: nbf, exp: nbf + ASSERTION_LIFETIME_SECONDS, jti: randomUUID() };
    const input = `${b64url(header)}.${b64url(payload)}`;
    const key = { key: args.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    return new Promise((resolve, reject) =>
        sign("sha256", Buffer.from(input), key, (error, signature) => (error ? reject(error) : resolve(`${input}.${signature.toString("base64url")}`))),
    );
}

/**
 * msal-node's `clientAssertion` callback for one application instance: signs an assertion for
 * the token endpoint msal-node passes and reuses it (per endpoint) until it nears expiry. With
 * `expectedAudience`, signing starts at once, on the thread pool, while msal-node prepares its
 * request; if msal-node then asks for another endpoint, that one is signed instead.
 */
export function certificateAssertion(
    clientId: string,
    thumbprintSha256: string,
    privateKey: KeyObject,
    options: { clock?: () => number; expectedAudience?: string } = {},
): ClientAssertionCallback {
    const clock = options.clock ?? Date.now;
    // The pending signature is shared, so the Graph and Exchange token requests of one probe,
    // made together, sign once.
    let current: { audience: string; jwt: Promise<string>; exp: number } | undefined;
    const assertionFor = (audience: string): Promise<string> => {
        const nowSeconds = Math.floor(clock() / 1000);
        if (!current || current.audience !== audience || current.exp - nowSeconds < RENEW_BEFORE_SECONDS) {
            const jwt = signClientAssertion({ clientId, audience, thumbprintSha256, privateKey, nowSeconds });
            const entry = { audience, jwt, exp: nowSeconds + ASSERTION_LIFETIME_SECONDS };
            current = entry;
            // A failed signature is not kept: the next request signs again.
            jwt.catch(() => {
                if (current === entry) current = undefined;
            });
        }
        return current.jwt;
    };
    if (options.expectedAudience) assertionFor(options.expectedAudience).catch(() => undefined);
    return ({ tokenEndpoint }) => {
        if (!tokenEndpoint) return Promise.reject(new Error("msal-node did not pass the token endpoint to the client assertion callback"));
        return assertionFor(tokenEndpoint);
    };
}
