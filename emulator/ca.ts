/**
 * Certificates for the emulator: its CA, the TLS leaf for 127.0.0.1 / localhost, and self-signed
 * RSA certificates (client credentials, the token-signing key).
 *
 * Built with @peculiar/x509 on Node's WebCrypto; @peculiar/x509 v2 needs a Reflect polyfill
 * (../shared/reference/emulator-msal-graph-facts.md §0.10). What Node needs to trust a local CA
 * (same file, §4): leaf with `subjectAltName=IP:127.0.0.1,DNS:localhost` and
 * `extendedKeyUsage=serverAuth`; CA with `basicConstraints=CA:TRUE` and `keyUsage=keyCertSign`.
 *
 * @module
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { spawnSync } from "node:child_process";
import { createPrivateKey, KeyObject, webcrypto } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorCa } from "./types";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

/** A CA written to disk by {@link ensureCaFiles}. */
export interface CaFiles extends EmulatorCa {
    /** The CA certificate (PEM): what `NODE_EXTRA_CA_CERTS` points at. */
    readonly certPath: string;
    /** Its private key (PKCS#8 PEM), mode 0600. */
    readonly keyPath: string;
}

/** A certificate and its unencrypted private key, both PEM. */
export interface CertificateAndKey {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

const EC: EcKeyGenParams & EcdsaParams = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const RSA: RsaHashedKeyGenParams = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
const DAY = 86_400_000;

async function pkcs8Pem(key: CryptoKey): Promise<string> {
    return x509.PemConverter.encode(await subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

/** Generates a new CA (ECDSA P-256, valid 10 years). */
export async function generateCa(commonName = "m365-connectors emulator CA"): Promise<EmulatorCa> {
    const keys = (await subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        name: `CN=${commonName}`,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 3650 * DAY),
        signingAlgorithm: EC,
        keys,
        extensions: [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
    });
    return { certPem: cert.toString("pem"), keyPem: await pkcs8Pem(keys.privateKey) };
}

/** Imports a PEM private key (EC P-256 or RSA) into WebCrypto for signing certificates. */
async function importSigningKey(keyPem: string): Promise<{ key: CryptoKey; algorithm: Algorithm | EcdsaParams }> {
    const keyObject = createPrivateKey(keyPem);
    const der = keyObject.export({ type: "pkcs8", format: "der" });
    if (keyObject.asymmetricKeyType === "ec") {
        const key = await subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
        return { key, algorithm: EC };
    }
    if (keyObject.asymmetricKeyType === "rsa") {
        const key = await subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
        return { key, algorithm: { name: "RSASSA-PKCS1-v1_5" } };
    }
    throw new Error(`emulator CA: unsupported key type ${keyObject.asymmetricKeyType ?? "unknown"} (use EC P-256 or RSA)`);
}

/** Issues the TLS leaf for `127.0.0.1` and `localhost` from `ca` (ECDSA P-256, valid 30 days). */
export async function issueServerCertificate(ca: EmulatorCa): Promise<CertificateAndKey> {
    const caCert = new x509.X509Certificate(ca.certPem);
    const signer = await importSigningKey(ca.keyPem);
    const keys = (await subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
        subject: "CN=127.0.0.1",
        issuer: caCert.subject,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 30 * DAY),
        signingAlgorithm: signer.algorithm,
        publicKey: keys.publicKey,
        signingKey: signer.key,
        extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
            new x509.SubjectAlternativeNameExtension([
                { type: "ip", value: "127.0.0.1" },
                { type: "dns", value: "localhost" },
            ]),
            await x509.AuthorityKeyIdentifierExtension.create(caCert),
        ],
    });
    return { certificatePem: cert.toString("pem"), privateKeyPem: await pkcs8Pem(keys.privateKey) };
}

/** Options of {@link createSelfSignedCertificate}. */
export interface SelfSignedOptions {
    /** Subject common name; default `m365-connectors test`. */
    commonName?: string;
    /** Default: now minus one day. */
    notBefore?: Date;
    /** Default: one year after now (the maximum Entra accepts for keyCredentials). */
    notAfter?: Date;
}

/**
 * A self-signed RSA-2048 certificate, as connectors register for app-only sign-in (and as the
 * emulator uses for its token-signing key). Returns PEMs and the key objects.
 */
export async function createSelfSignedCertificate(
    options: SelfSignedOptions = {},
): Promise<CertificateAndKey & { privateKey: KeyObject; certificateDer: Buffer }> {
    const keys = (await subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        name: `CN=${options.commonName ?? "m365-connectors test"}`,
        notBefore: options.notBefore ?? new Date(Date.now() - DAY),
        notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
        signingAlgorithm: RSA,
        keys,
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    });
    return {
        certificatePem: cert.toString("pem"),
        privateKeyPem: await pkcs8Pem(keys.privateKey),
        privateKey: KeyObject.from(keys.privateKey as unknown as webcrypto.CryptoKey),
        certificateDer: Buffer.from(cert.rawData),
    };
}

// --- CA files on disk --------------------------------------------------------------------------

const GENERATE_ENV = "M365C_EMULATOR_GENERATE_CA_DIR";
const paths = (dir: string) => ({ certPath: join(dir, "ca.pem"), keyPath: join(dir, "ca-key.pem") });

async function writeCaFiles(dir: string): Promise<void> {
    const { certPath, keyPath } = paths(dir);
    mkdirSync(dir, { recursive: true });
    const ca = await generateCa();
    const tmp = `.${process.pid}.tmp`;
    writeFileSync(keyPath + tmp, ca.keyPem, { mode: 0o600 });
    chmodSync(keyPath + tmp, 0o600);
    writeFileSync(certPath + tmp, ca.certPem);
    renameSync(keyPath + tmp, keyPath);
    renameSync(certPath + tmp, certPath);
}

/**
 * Returns the CA in `dir` (`ca.pem`, `ca-key.pem` mode 0600), creating it first when missing.
 * Synchronous because `scripts/test.js` calls it before starting mocha; the generator is
 * asynchronous (WebCrypto), so a missing CA is generated by running this module in a child
 * process and waiting for it.
 */
export function ensureCaFiles(dir: string): CaFiles {
    const { certPath, keyPath } = paths(dir);
    if (!existsSync(certPath) || !existsSync(keyPath)) {
        const args = __filename.endsWith(".ts") ? ["-r", "ts-node/register/transpile-only", __filename] : [__filename];
        const r = spawnSync(process.execPath, args, { env: { ...process.env, [GENERATE_ENV]: dir }, stdio: ["ignore", "inherit", "inherit"] });
        if (r.status !== 0 || !existsSync(certPath) || !existsSync(keyPath)) {
            throw new Error(`emulator CA: could not create ${certPath} (exit ${r.status ?? r.signal})`);
        }
    }
    return { certPath, keyPath, certPem: readFileSync(certPath, "utf8"), keyPem: readFileSync(keyPath, "utf8") };
}

if (require.main === module && process.env[GENERATE_ENV]) {
    writeCaFiles(process.env[GENERATE_ENV]).catch((e: unknown) => {
        console.error(`emulator CA: ${(e as Error).message}`);
        process.exitCode = 1;
    });
}
