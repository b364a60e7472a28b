/**
 * The credential a connector signs in with, as the user writes it, and its validation into a
 * {@link CredentialPlan}. Pure: used by {@link ConnectorApplication} and by the stack-config
 * parser, so both fail with the same {@link ConfigError} before any resource exists.
 *
 * @module
 */
import { ConfigError, keyMatchesCertificate, parseCertificatePem, parsePrivateKeyPem, type CertificateInfo, type CredentialKind, type ResolvedProfile } from "../catalog";
import { checkObject, integerIn, oneOf } from "./check";

/** Defaults of {@link CredentialSpec}. */
export const CredentialDefaults = {
    /** Generated certificates live 12 months (Entra's keyCredential guidance: at most one year). */
    validityMonths: 12,
    /** A generated certificate is re-issued on the first `pulumi up` in its last 30 days. */
    renewBeforeDays: 30,
    /** A client secret expires 180 days after its rotation period starts. */
    secretLifetimeDays: 180,
    /** A client secret is replaced every 90 days (on the first `pulumi up` of each period). */
    rotationDays: 90,
    /** One secret; 2 keeps the previous secret valid for one more period while consumers switch. */
    secretSlots: 1,
    /** PFX key encryption: AES-256 (PBES2). Use `3des` for Windows Server 2016 and older. */
    pfxEncryption: "aes256",
    /** With two certificate slots, the old certificate stays on the application 14 days after the next one is added. */
    switchOverDays: 14,
} as const;

/** PFX encryption choices: AES-256-CBC/PBKDF2 (Windows 10 1709 / Server 2019+) or 3DES/SHA-1 (any Windows). */
export const PfxEncryptions = ["aes256", "3des"] as const;
/** One of {@link PfxEncryptions}. */
export type PfxEncryption = (typeof PfxEncryptions)[number];

/** Hours per month used for generated certificates: 12 months = 8760 h = 365 days. */
export const HOURS_PER_MONTH = 730;

/**
 * A credential as written in stack config or component args. Certificate keys and secret keys
 * are mutually exclusive. Without `pem`/`keyPem` a certificate is generated (`ConnectorCertificate`).
 */
export interface CredentialSpec {
    /** `certificate` or `secret`; default: the profile's credential. Only `custom` may change it. */
    type?: CredentialKind;
    /** Certificate validity in months, 1–12 (default 12). For a provided certificate: the longest validity accepted. */
    validityMonths?: number;
    /** Generated certificate: days before expiry from which `pulumi up` re-issues it, 0–90 (default 30). */
    renewBeforeDays?: number;
    /** Provided certificate, PEM. Requires `keyPem`. */
    pem?: string;
    /** Provided certificate's unencrypted RSA private key, PEM. Keep it in secret config. */
    keyPem?: string;
    /** Password of the PFX output, at least 8 characters; default derived from the private key (stable). */
    pfxPassword?: string;
    /** PFX key encryption, `aes256` (default) or `3des`. */
    pfxEncryption?: PfxEncryption;
    /** Client secret lifetime in days from the start of its rotation period, 1–730 (default 180). */
    secretLifetimeDays?: number;
    /** Client secret rotation period in days (default 90). */
    rotationDays?: number;
    /** Client secrets kept side by side, 1 or 2 (default 1); see README "Credentials and rotation". */
    secretSlots?: 1 | 2;
    /**
     * Certificates on the application during a renewal, 1 or 2. With 2 (the default for generated
     * certificates in the Active Roles profiles) the next certificate is added beside the one in
     * use and the old one is removed only after the switch-over; 1 replaces it at once.
     */
    certificateSlots?: 1 | 2;
    /** Days the old certificate stays after the next one is added, 1–89 (default 14); less than renewBeforeDays. */
    switchOverDays?: number;
    /**
     * The thumbprint of the next certificate once the connector uses it (set by
     * `m365-connectors rotate --confirm-switched`): the next `pulumi up` removes the old one at once.
     */
    switchedTo?: string;
    /** Provided certificates: the next certificate, PEM, added beside `pem` for a rollover. Requires `nextKeyPem`. */
    nextPem?: string;
    /** The next certificate's unencrypted RSA private key, PEM. Keep it in secret config. */
    nextKeyPem?: string;
}

/** Keys of {@link CredentialSpec} that only apply to certificates. */
const certificateKeys = [
    "validityMonths",
    "renewBeforeDays",
    "pem",
    "keyPem",
    "pfxPassword",
    "pfxEncryption",
    "certificateSlots",
    "switchOverDays",
    "switchedTo",
    "nextPem",
    "nextKeyPem",
] as const;
/** Keys of {@link CredentialSpec} that only apply to client secrets. */
const secretKeys = ["secretLifetimeDays", "rotationDays", "secretSlots"] as const;

/** A certificate the user provided: its PEM, its key and what was read from it. */
export interface ProvidedCertificate {
    readonly certificatePem: string;
    readonly keyPem: string;
    readonly info: CertificateInfo;
}

/** A validated certificate credential: generated, or provided by the user. */
export interface CertificatePlan {
    /** Always `certificate`. */
    readonly type: "certificate";
    /** Validity of a generated certificate, or the longest accepted for a provided one. */
    readonly validityMonths: number;
    /** Days before expiry from which a generated certificate is re-issued. */
    readonly renewBeforeDays: number;
    /** Set when the user provided the certificate. */
    readonly provided?: ProvidedCertificate;
    /** A provided next certificate (`nextPem`), rolled over beside {@link provided}. */
    readonly next?: ProvidedCertificate;
    /** Certificates kept side by side during a renewal. */
    readonly slots: 1 | 2;
    /** Days the old certificate stays after the next one is added (two slots). */
    readonly switchOverDays: number;
    /** Thumbprint (uppercase hex) the operator confirmed the connector now uses. */
    readonly switchedTo?: string;
    /** The configured PFX password; undefined means derive one from the key. */
    readonly pfxPassword?: string;
    /** How the PFX key bag is encrypted. */
    readonly pfxEncryption: PfxEncryption;
}

/** A validated client-secret credential. */
export interface SecretPlan {
    /** Always `secret`. */
    readonly type: "secret";
    /** Days a secret lives from the start of its rotation period. */
    readonly lifetimeDays: number;
    /** Length of a rotation period in days. */
    readonly rotationDays: number;
    /** Secrets kept side by side. */
    readonly slots: 1 | 2;
}

/** A validated credential. */
export type CredentialPlan = CertificatePlan | SecretPlan;

/**
 * Validates a credential spec for `profile`. `property` names the spec in errors
 * (e.g. `m365-connectors:connectors[0].credential`); `now` is the time certificates are checked against.
 */
export function planCredential(spec: unknown, profile: ResolvedProfile, property: string, now: Date = new Date()): CredentialPlan {
    const s = (spec === undefined ? {} : checkObject(spec, property, [...certificateKeys, ...secretKeys, "type"])) as Record<string, unknown>;
    const at = (k: string) => `${property}.${k}`;
    const type = s.type === undefined ? profile.credential : oneOf(s.type, at("type"), ["certificate", "secret"] as const);
    if (profile.name !== "custom" && type !== profile.credential) {
        throw new ConfigError(at("type"), `the ${profile.name} connector signs in with a ${profile.credential}, not a ${type}`, `Remove credential.type, or use profile: custom with base: ${profile.name}`);
    }
    const foreign = (type === "certificate" ? secretKeys : certificateKeys).find((k) => s[k] !== undefined);
    if (foreign) throw new ConfigError(at(foreign), `applies to ${type === "certificate" ? "client secrets" : "certificates"}, but credential.type is ${type}`, `Remove ${foreign} or change credential.type`);
    return type === "certificate" ? planCertificate(s, at, now, profile.certificateSlots) : planSecret(s, at);
}

function planCertificate(s: Record<string, unknown>, at: (k: string) => string, now: Date, profileSlots: 1 | 2): CertificatePlan {
    const validityMonths = integerIn(s.validityMonths ?? CredentialDefaults.validityMonths, at("validityMonths"), 1, 12, "Entra accepts certificate credentials for at most one year");
    const renewBeforeDays = integerIn(s.renewBeforeDays ?? CredentialDefaults.renewBeforeDays, at("renewBeforeDays"), 0, 90);
    if (renewBeforeDays * 24 >= validityMonths * HOURS_PER_MONTH) {
        throw new ConfigError(
            at("renewBeforeDays"),
            `${renewBeforeDays} days is not shorter than the certificate's validity (${validityMonths} month${validityMonths === 1 ? "" : "s"} = ${(validityMonths * HOURS_PER_MONTH) / 24} days), so every \`pulumi up\` would issue a new certificate`,
            "Lower renewBeforeDays or raise validityMonths",
        );
    }
    const pfxEncryption = oneOf(s.pfxEncryption ?? CredentialDefaults.pfxEncryption, at("pfxEncryption"), PfxEncryptions);
    if (s.pfxPassword !== undefined && (typeof s.pfxPassword !== "string" || s.pfxPassword.length < 8)) {
        throw new ConfigError(at("pfxPassword"), "must be a string of at least 8 characters", "Set it with `pulumi config set --secret --path`, or leave it out to derive one");
    }
    const pfxPassword = s.pfxPassword as string | undefined;
    pairRequired(s, "pem", "keyPem", at);
    pairRequired(s, "nextPem", "nextKeyPem", at);
    const provided = s.pem === undefined ? undefined : checkProvided(s.pem, s.keyPem, validityMonths, at, now, "pem", "keyPem");
    if (s.nextPem !== undefined && !provided) {
        throw new ConfigError(at("nextPem"), "rolls over a provided certificate (pem), but none is provided", "Generated certificates roll over by themselves: remove nextPem and nextKeyPem, or provide pem and keyPem");
    }
    const next = s.nextPem === undefined ? undefined : checkProvided(s.nextPem, s.nextKeyPem, validityMonths, at, now, "nextPem", "nextKeyPem");
    if (next && provided && next.info.thumbprintSha1 === provided.info.thumbprintSha1) {
        throw new ConfigError(at("nextPem"), `is the same certificate as pem (${next.info.thumbprintSha1})`, "Give the new certificate as nextPem, or remove nextPem");
    }
    const slots = oneOf(s.certificateSlots ?? (next ? 2 : provided ? 1 : profileSlots), at("certificateSlots"), [1, 2] as const);
    if (next && slots !== 2) throw new ConfigError(at("certificateSlots"), "must be 2 when nextPem is given: both certificates stay on the application during the switch-over", "Remove certificateSlots, or remove nextPem");
    for (const k of ["switchOverDays", "switchedTo"] as const) {
        if (s[k] !== undefined && slots !== 2) throw new ConfigError(at(k), "applies to certificate rollovers with certificateSlots: 2", `Remove ${k}, or set certificateSlots: 2`);
    }
    // Unset, the switch-over fits inside a short renewal window (it must end before the old certificate does).
    const switchOverDays = integerIn(s.switchOverDays ?? Math.max(1, Math.min(CredentialDefaults.switchOverDays, renewBeforeDays - 1)), at("switchOverDays"), 1, 89);
    if (slots === 2) checkSwitchOver(switchOverDays, renewBeforeDays, provided, next, at);
    const switchedTo = s.switchedTo === undefined ? undefined : parseThumbprint(s.switchedTo, at("switchedTo"));
    return { type: "certificate", validityMonths, renewBeforeDays, provided, next, slots, switchOverDays, switchedTo, pfxPassword, pfxEncryption };
}

/** `a` and `b` are given together or not at all. */
function pairRequired(s: Record<string, unknown>, a: string, b: string, at: (k: string) => string): void {
    if ((s[a] === undefined) !== (s[b] === undefined)) {
        const missing = s[a] === undefined ? a : b;
        throw new ConfigError(at(missing), `is required when providing a certificate: give both ${a} and ${b}`, `Add the missing PEM, or remove both${a === "pem" ? " to generate a certificate" : ""}`);
    }
}

/**
 * The old certificate must outlive the switch-over. A generated certificate is renewed
 * `renewBeforeDays` before it expires, so the switch-over must be shorter than that; a provided
 * one expires `pem`'s notAfter, which must come after `nextPem` is valid plus the switch-over.
 */
function checkSwitchOver(days: number, renewBeforeDays: number, provided: ProvidedCertificate | undefined, next: ProvidedCertificate | undefined, at: (k: string) => string): void {
    if (!provided && renewBeforeDays < 2) {
        throw new ConfigError(at("renewBeforeDays"), `${renewBeforeDays} day(s) leaves no time to switch: with two certificate slots the next certificate is added renewBeforeDays before the old one expires`, "Raise renewBeforeDays to at least 2 (default 30), or set certificateSlots: 1");
    }
    if (!provided && days >= renewBeforeDays) {
        throw new ConfigError(
            at("switchOverDays"),
            `${days} days reaches past the old certificate's life: it is renewed ${renewBeforeDays} days before it expires, so the connector would still use it after it expired`,
            "Lower switchOverDays below renewBeforeDays, or raise renewBeforeDays",
        );
    }
    if (provided && next) {
        const ends = next.info.notBefore.getTime() + days * 86_400_000;
        if (ends > provided.info.notAfter.getTime()) {
            throw new ConfigError(
                at("switchOverDays"),
                `${days} days reaches past the old certificate's life: pem (${provided.info.thumbprintSha1}) expires ${provided.info.notAfter.toISOString()}, before a switch-over starting when nextPem is valid (${next.info.notBefore.toISOString()}) ends`,
                "Lower switchOverDays, or issue nextPem earlier",
            );
        }
    }
}

/** A SHA-1 thumbprint: 40 hex digits (colons and spaces allowed), returned uppercase. */
function parseThumbprint(value: unknown, property: string): string {
    const hex = typeof value === "string" ? value.replace(/[\s:]/g, "").toUpperCase() : "";
    if (!/^[0-9A-F]{40}$/.test(hex)) {
        throw new ConfigError(property, "must be a certificate's SHA-1 thumbprint (40 hex digits)", "Use the details.<connector>.nextCertificateThumbprint stack output, or run `m365-connectors rotate --confirm-switched`");
    }
    return hex;
}

function checkProvided(pem: unknown, keyPem: unknown, validityMonths: number, at: (k: string) => string, now: Date, pemKey: string, keyKey: string): ProvidedCertificate {
    const info = parseCertificatePem(pem, at(pemKey));
    const key = parsePrivateKeyPem(keyPem, at(keyKey));
    if (key.asymmetricKeyType !== "rsa") {
        throw new ConfigError(at(keyKey), `is a key of type ${key.asymmetricKeyType ?? "unknown"}; Entra certificate credentials need RSA`, "Issue an RSA (2048-bit or larger) certificate");
    }
    if (!keyMatchesCertificate(pem as string, keyPem as string)) {
        throw new ConfigError(at(keyKey), `does not belong to the certificate ${info.thumbprintSha1}`, "Provide the private key that was generated with this certificate");
    }
    if (info.notAfter.getTime() <= now.getTime()) {
        throw new ConfigError(at(pemKey), `certificate ${info.thumbprintSha1} expired on ${info.notAfter.toISOString()}`, pemKey === "pem" ? "Issue a new certificate, or remove pem/keyPem to generate one" : `Issue a new certificate as ${pemKey}/${keyKey}, or remove them`);
    }
    if (info.notBefore.getTime() > now.getTime()) {
        throw new ConfigError(at(pemKey), `certificate ${info.thumbprintSha1} is not valid before ${info.notBefore.toISOString()}`, "Wait until it is valid, or fix the issuing machine's clock");
    }
    const limit = new Date(info.notBefore);
    limit.setUTCMonth(limit.getUTCMonth() + validityMonths);
    limit.setUTCDate(limit.getUTCDate() + 1); // a day of slack for CAs that round the end up
    if (info.notAfter.getTime() > limit.getTime()) {
        throw new ConfigError(at(pemKey), `certificate ${info.thumbprintSha1} is valid from ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}, longer than validityMonths (${validityMonths})`, "Issue a certificate valid for at most 12 months, or raise validityMonths (maximum 12)");
    }
    return { certificatePem: pem as string, keyPem: keyPem as string, info };
}

function planSecret(s: Record<string, unknown>, at: (k: string) => string): SecretPlan {
    const lifetimeDays = integerIn(s.secretLifetimeDays ?? CredentialDefaults.secretLifetimeDays, at("secretLifetimeDays"), 1, 730, "Entra's portal offers at most 24 months");
    const rotationDays = integerIn(s.rotationDays ?? CredentialDefaults.rotationDays, at("rotationDays"), 1, 730);
    const slots = oneOf(s.secretSlots ?? CredentialDefaults.secretSlots, at("secretSlots"), [1, 2] as const);
    if (lifetimeDays <= rotationDays * slots) {
        throw new ConfigError(
            at("secretLifetimeDays"),
            `must be longer than rotationDays × secretSlots (${rotationDays} × ${slots} = ${rotationDays * slots}) so every secret outlives its turn`,
            "Raise secretLifetimeDays or lower rotationDays",
        );
    }
    return { type: "secret", lifetimeDays, rotationDays, slots };
}
