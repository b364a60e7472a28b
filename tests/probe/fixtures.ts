/**
 * Test fixtures for the probe and provider tests: certificates (emulator/ca.ts), tokens with
 * chosen claims, a resolved profile's expectations.
 */
import { createSelfSignedCertificate } from "../../emulator/ca";

const DAY = 86_400_000;

/** A self-signed certificate + key valid from yesterday for `days` days (negative: expired). */
export async function certificate(days = 365): Promise<{ certificatePem: string; privateKeyPem: string }> {
    const now = Date.now();
    const notAfter = new Date(now + days * DAY);
    const notBefore = new Date(Math.min(now - DAY, notAfter.getTime() - 2 * DAY));
    const c = await createSelfSignedCertificate({ notBefore, notAfter });
    return { certificatePem: c.certificatePem, privateKeyPem: c.privateKeyPem };
}

/** An unsigned JWT with the given payload (the probe reads claims without verifying). */
export function jwt(payload: Record<string, unknown>): string {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}
