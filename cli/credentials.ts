/**
 * Reading a connector's credential for the command line: certificate and key from files, a
 * client secret from an environment variable or standard input — never from an argument, which
 * would land in shell history and the process list.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, keyMatchesCertificate, parseCertificatePem, parsePrivateKeyPem } from "../catalog";
import type { ProbeCredential } from "../probe/types";

/** Where a credential comes from, as the user wrote it (flags or a drift file entry). */
export interface CredentialRef {
    /** Path of the certificate, PEM. */
    certificate?: string;
    /** Path of its private key, PEM (unencrypted). */
    privateKey?: string;
    /** Name of the environment variable holding the client secret. */
    secretEnv?: string;
    /** Read the client secret from standard input. */
    secretStdin?: boolean;
    /** When the secret expires (ISO 8601), so the probe can warn before it. */
    secretExpiresAt?: string;
}

function readText(path: string, property: string, baseDir: string): string {
    try {
        return readFileSync(resolve(baseDir, path), "utf8");
    } catch (e) {
        throw new ConfigError(property, `cannot read file "${path}" (${(e as NodeJS.ErrnoException).code ?? "error"})`, "Check the path; relative paths are resolved from the drift file's folder or the current directory");
    }
}

/**
 * Loads the credential a {@link CredentialRef} points at. `prefix` names the properties in
 * errors (`--certificate` for flags, `connections[2].certificate` for a drift file).
 */
export function loadCredential(
    ref: CredentialRef,
    opts: { prefix: (name: keyof CredentialRef) => string; baseDir?: string; stdin?: () => string },
): ProbeCredential {
    const at = opts.prefix;
    const baseDir = opts.baseDir ?? process.cwd();
    const hasCert = ref.certificate !== undefined || ref.privateKey !== undefined;
    const hasSecret = ref.secretEnv !== undefined || ref.secretStdin === true;
    if (hasCert && hasSecret) {
        throw new ConfigError(at("certificate"), "give either a certificate and key or a client secret, not both", "Remove one of them");
    }
    if (hasCert) {
        if (!ref.certificate) throw new ConfigError(at("certificate"), "is required with a private key", "Give the certificate file (PEM)");
        if (!ref.privateKey) throw new ConfigError(at("privateKey"), "is required with a certificate", "Give the certificate's private key file (PEM)");
        const certificatePem = readText(ref.certificate, at("certificate"), baseDir);
        const privateKeyPem = readText(ref.privateKey, at("privateKey"), baseDir);
        parseCertificatePem(certificatePem, at("certificate"));
        parsePrivateKeyPem(privateKeyPem, at("privateKey"));
        if (!keyMatchesCertificate(certificatePem, privateKeyPem)) {
            throw new ConfigError(at("privateKey"), "does not belong to the certificate", "Use the key the certificate was issued for");
        }
        return { kind: "certificate", certificatePem, privateKeyPem };
    }
    if (ref.secretEnv !== undefined) {
        const value = process.env[ref.secretEnv];
        if (!value || !value.trim()) {
            throw new ConfigError(at("secretEnv"), `environment variable ${ref.secretEnv} is empty or not set`, `Export ${ref.secretEnv} with the client secret value`);
        }
        return { kind: "secret", clientSecret: value.trim(), ...expiry(ref, at) };
    }
    if (ref.secretStdin) {
        const value = (opts.stdin ?? (() => readFileSync(0, "utf8")))().trim();
        if (!value) throw new ConfigError(at("secretStdin"), "standard input was empty", "Pipe the client secret in, e.g. `printenv SECRET | m365-connectors check … --secret-stdin`");
        return { kind: "secret", clientSecret: value, ...expiry(ref, at) };
    }
    throw new ConfigError(at("certificate"), "no credential given", "Give --certificate and --private-key, or --secret-env NAME, or --secret-stdin");
}

function expiry(ref: CredentialRef, at: (name: keyof CredentialRef) => string): { expiresAt?: string } {
    if (ref.secretExpiresAt === undefined) return {};
    const d = new Date(ref.secretExpiresAt);
    if (Number.isNaN(d.getTime())) {
        throw new ConfigError(at("secretExpiresAt"), `"${ref.secretExpiresAt}" is not a date`, "Use ISO 8601, e.g. 2027-05-01");
    }
    return { expiresAt: d.toISOString() };
}
