/**
 * The emulator's token-signing key: an RSA key with a self-signed certificate, published as a
 * JWKS the way Entra publishes its keys (`kid` = `x5t` = base64url SHA-1 of the certificate, `x5c`;
 * ../shared/reference/emulator-msal-graph-facts.md §6.2).
 *
 * @module
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { createSelfSignedCertificate } from "./ca";
import { thumbprints } from "./jwt";

/** The signing key and what clients need to verify its signatures. */
export interface SigningKeys {
    readonly privateKey: KeyObject;
    readonly publicKey: KeyObject;
    /** `kid` and `x5t` header of issued tokens. */
    readonly kid: string;
    /** One JWKS entry (without `issuer`, added per tenant). */
    readonly jwk: Readonly<Record<string, unknown>>;
}

/** Creates a fresh signing key (one per emulator, so tokens of one emulator fail on another). */
export async function createSigningKeys(): Promise<SigningKeys> {
    const cert = await createSelfSignedCertificate({ commonName: "m365-connectors emulator token signing" });
    const publicKey = createPublicKey(cert.privateKey);
    const { x5t } = thumbprints(cert.certificateDer);
    const { n, e } = publicKey.export({ format: "jwk" });
    return {
        privateKey: cert.privateKey,
        publicKey,
        kid: x5t,
        jwk: { kty: "RSA", use: "sig", kid: x5t, x5t, n, e, x5c: [cert.certificateDer.toString("base64")] },
    };
}
