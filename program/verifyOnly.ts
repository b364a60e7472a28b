/**
 * Existing-application mode, the wizards' "Manual configuration": the application, its grants
 * and its credential exist already (made by hand or by another tool). The stack only proves the
 * connection with a ConnectorConnection and creates no `@pulumi/azuread` resource, so it needs no
 * provider plugin and no rights to change the tenant.
 *
 * Written in stack config as `existingApplication: { clientId, manage: verify-only }` with
 * `credential: { pem, keyPem }` (certificate) or `credential: { clientSecret, secretExpiresAt }`.
 *
 * @module
 */
import {
    ConfigError,
    keyMatchesCertificate,
    parseCertificatePem,
    parseClientId,
    parsePrivateKeyPem,
    type CredentialKind,
    type ResolvedProfile,
} from "../catalog";
import { checkObject, ManageModes } from "../resources";

/** The credential of a verify-only connector, plain values (kept secret by the resource). */
export type VerifyCredential =
    | { readonly kind: "certificate"; readonly certificatePem: string; readonly privateKeyPem: string }
    | { readonly kind: "secret"; readonly clientSecret: string; readonly secretExpiresAt?: string };

/** A validated verify-only connector. */
export interface VerifyOnlyConnector {
    /** The existing application's (client) ID. */
    readonly clientId: string;
    readonly credential: VerifyCredential;
}

/**
 * What the program can do with an existing application: `grants-and-credential` (the
 * ConnectorApplication component manages consent, roles and a credential on it) or `verify-only`
 * (only the connection is proved).
 */
export const ProgramManageModes = [...ManageModes, "verify-only"] as const;

/**
 * True when a raw connector entry asks for verify-only mode; throws a {@link ConfigError} naming
 * `property` for a `manage` value that is neither mode.
 */
export function isVerifyOnly(existingApplication: unknown, property: string): boolean {
    if (typeof existingApplication !== "object" || existingApplication === null) return false;
    const manage = (existingApplication as { manage?: unknown }).manage;
    if (manage !== undefined && !(ProgramManageModes as readonly unknown[]).includes(manage)) {
        throw new ConfigError(property, `must be one of ${ProgramManageModes.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(manage)}`, "Use grants-and-credential to manage the grants of an existing app, verify-only to only prove its connection");
    }
    return manage === "verify-only";
}

/**
 * Validates a verify-only connector's `existingApplication` and `credential`. `property` is the
 * connector's key path; `now` is the time the certificate is checked against.
 */
export function parseVerifyOnly(existingApplication: unknown, credential: unknown, profile: ResolvedProfile, property: string, now: Date): VerifyOnlyConnector {
    const at = (k: string) => `${property}.${k}`;
    const e = checkObject(existingApplication, at("existingApplication"), ["clientId", "manage"]);
    const clientId = parseClientId(e.clientId, at("existingApplication.clientId"));
    if (credential === undefined) {
        throw new ConfigError(at("credential"), "is required in verify-only mode", "Set credential.pem + credential.keyPem (certificate) or credential.clientSecret, with `pulumi config set --secret` for the secret parts");
    }
    const c = checkObject(credential, at("credential"), ["pem", "keyPem", "clientSecret", "secretExpiresAt"]);
    const kind: CredentialKind = c.clientSecret !== undefined ? "secret" : "certificate";
    if (profile.name !== "custom" && kind !== profile.credential) {
        throw new ConfigError(at("credential"), `${profile.name} connectors sign in with a ${profile.credential}, not a ${kind}`, profile.credential === "certificate" ? "Give credential.pem and credential.keyPem" : "Give credential.clientSecret");
    }
    if (kind === "secret") {
        if (c.pem !== undefined || c.keyPem !== undefined) throw new ConfigError(at("credential"), "give either pem + keyPem or clientSecret, not both", "Remove one of them");
        if (typeof c.clientSecret !== "string" || !c.clientSecret.trim()) throw new ConfigError(at("credential.clientSecret"), "must be a non-empty string", "Set it with `pulumi config set --secret`");
        let secretExpiresAt: string | undefined;
        if (c.secretExpiresAt !== undefined) {
            const d = new Date(String(c.secretExpiresAt));
            if (Number.isNaN(d.getTime())) throw new ConfigError(at("credential.secretExpiresAt"), `"${String(c.secretExpiresAt)}" is not a date`, "Use ISO 8601, e.g. 2027-05-01");
            secretExpiresAt = d.toISOString();
        }
        return { clientId, credential: { kind, clientSecret: c.clientSecret, ...(secretExpiresAt ? { secretExpiresAt } : {}) } };
    }
    if (c.pem === undefined || c.keyPem === undefined) {
        throw new ConfigError(at(c.pem === undefined ? "credential.pem" : "credential.keyPem"), "is required for a certificate", "Give the certificate (pem) and its private key (keyPem, as a secret)");
    }
    const cert = parseCertificatePem(c.pem, at("credential.pem"));
    parsePrivateKeyPem(c.keyPem, at("credential.keyPem"));
    if (!keyMatchesCertificate(c.pem as string, c.keyPem as string)) {
        throw new ConfigError(at("credential.keyPem"), "does not belong to the certificate in credential.pem", "Use the private key the certificate was issued for");
    }
    if (cert.notAfter.getTime() <= now.getTime()) {
        throw new ConfigError(at("credential.pem"), `the certificate expired on ${cert.notAfter.toISOString()}`, "Register a new certificate on the application and configure it here");
    }
    return { clientId, credential: { kind, certificatePem: c.pem as string, privateKeyPem: c.keyPem as string } };
}
