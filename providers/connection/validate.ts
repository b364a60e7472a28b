/**
 * `check` of the ConnectorConnection provider: every input validated, one failure per property
 * (`{property, reason}`), reasons with the remedy and never with secret material. Values still
 * unknown during a preview (Pulumi's sentinel) are not judged.
 *
 * @module
 */
import {
    ConfigError,
    findCloud,
    GraphReads,
    isGuid,
    keyMatchesCertificate,
    parseCertificatePem,
    parseClientId,
    parsePrivateKeyPem,
    parseTenantId,
    resolveProfile,
    ResourceApps,
    type ProfileSpec,
} from "../../catalog";
import { UNKNOWN, type ResolvedInputs } from "./types";

/** A `check` failure: the property path and why. */
export interface InputFailure {
    property: string;
    reason: string;
}

/** True when `v` is, or contains, Pulumi's preview "unknown" sentinel. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

const reasonOf = (e: unknown) => (e instanceof ConfigError ? e.message.replace(/^[^:]*: /, "") : String((e as Error)?.message ?? e));

/** Runs `fn`; a thrown error becomes a failure of `property` (or of the ConfigError's own property). */
function attempt(failures: InputFailure[], property: string, fn: () => void): void {
    try {
        fn();
    } catch (e) {
        failures.push({ property: e instanceof ConfigError && e.property ? e.property : property, reason: reasonOf(e) });
    }
}

function validateCredential(c: unknown, now: Date, failures: InputFailure[]): void {
    if (c === UNKNOWN) return;
    if (!c || typeof c !== "object") {
        failures.push({ property: "credential", reason: "is required: { certificatePem, privateKeyPem } or { clientSecret, secretExpiresAt? }" });
        return;
    }
    const cred = c as Record<string, unknown>;
    const hasCert = cred.certificatePem !== undefined || cred.privateKeyPem !== undefined;
    const hasSecret = cred.clientSecret !== undefined;
    if (hasCert === hasSecret) {
        failures.push({ property: "credential", reason: "give either certificatePem + privateKeyPem, or clientSecret (exactly one kind)" });
        return;
    }
    if (hasSecret) {
        if (cred.clientSecret !== UNKNOWN && typeof cred.clientSecret !== "string") {
            failures.push({ property: "credential.clientSecret", reason: `must be a string, got a ${typeof cred.clientSecret}; paste the client secret's Value (App registrations > Certificates & secrets)` });
        } else if (cred.clientSecret !== UNKNOWN && cred.clientSecret.trim() === "") {
            failures.push({ property: "credential.clientSecret", reason: "is empty; paste the client secret's Value (App registrations > Certificates & secrets)" });
        }
        const at = cred.secretExpiresAt;
        if (at !== undefined && at !== UNKNOWN) {
            const d = new Date(String(at));
            if (typeof at !== "string" || Number.isNaN(d.getTime())) failures.push({ property: "credential.secretExpiresAt", reason: "is not an ISO 8601 date (e.g. 2027-01-31T00:00:00Z)" });
            else if (d <= now) failures.push({ property: "credential.secretExpiresAt", reason: `the client secret expired on ${d.toISOString()}; create a new secret (App registrations > Certificates & secrets)` });
        }
        return;
    }
    validateCertificatePair(cred, "credential", now, failures);
}

/** A certificate with its private key at `property` (`credential` or `nextCredential`). */
function validateCertificatePair(cred: Record<string, unknown>, property: string, now: Date, failures: InputFailure[]): void {
    let certOk = false;
    let keyOk = false;
    if (cred.certificatePem !== UNKNOWN) {
        attempt(failures, `${property}.certificatePem`, () => {
            const cert = parseCertificatePem(cred.certificatePem, `${property}.certificatePem`);
            if (cert.notAfter <= now) throw new ConfigError(`${property}.certificatePem`, `the certificate expired on ${cert.notAfter.toISOString()}; create and upload a new certificate`);
            certOk = true;
        });
    }
    if (cred.privateKeyPem !== UNKNOWN) {
        attempt(failures, `${property}.privateKeyPem`, () => {
            parsePrivateKeyPem(cred.privateKeyPem, `${property}.privateKeyPem`);
            keyOk = true;
        });
    }
    if (certOk && keyOk && !keyMatchesCertificate(cred.certificatePem as string, cred.privateKeyPem as string)) {
        failures.push({ property: `${property}.privateKeyPem`, reason: "does not belong to the certificate (the public keys differ); give the key generated with this certificate" });
    }
}

/** The next certificate of a rollover: optional; when given, a certificate with its key, beside a certificate credential. */
function validateNextCredential(next: unknown, credential: unknown, now: Date, failures: InputFailure[]): void {
    if (next === undefined || next === null || next === UNKNOWN) return;
    if (typeof next !== "object" || (next as Record<string, unknown>).certificatePem === undefined || (next as Record<string, unknown>).privateKeyPem === undefined) {
        failures.push({ property: "nextCredential", reason: "must be { certificatePem, privateKeyPem }: the next certificate of a rollover and its key" });
        return;
    }
    if (credential && typeof credential === "object" && (credential as Record<string, unknown>).clientSecret !== undefined) {
        failures.push({ property: "nextCredential", reason: "applies to certificate credentials only; client secrets roll over with secretSlots" });
        return;
    }
    validateCertificatePair(next as Record<string, unknown>, "nextCredential", now, failures);
}

function validateExpectations(x: unknown, failures: InputFailure[]): void {
    if (containsUnknown(x)) return;
    const e = x as Record<string, unknown>;
    if (!e || typeof e !== "object") return void failures.push({ property: "expectations", reason: "must be an object { appRoles, directoryRoles, exchange, graphReads }" });
    const list = (k: string) => (Array.isArray(e[k]) ? (e[k] as unknown[]) : (failures.push({ property: `expectations.${k}`, reason: "must be an array" }), []));
    list("appRoles").forEach((r, i) => {
        const role = r as { resource?: unknown; value?: unknown };
        if (typeof role?.resource !== "string" || !(role.resource in ResourceApps)) failures.push({ property: `expectations.appRoles[${i}].resource`, reason: `must be one of: ${Object.keys(ResourceApps).join(", ")}` });
        if (typeof role?.value !== "string" || role.value === "") failures.push({ property: `expectations.appRoles[${i}].value`, reason: "must be the permission's value, e.g. Exchange.ManageAsApp" });
    });
    list("directoryRoles").forEach((r, i) => {
        const role = r as { name?: unknown; templateId?: unknown };
        if (typeof role?.name !== "string") failures.push({ property: `expectations.directoryRoles[${i}].name`, reason: "must be the role's display name" });
        if (!isGuid(role?.templateId)) failures.push({ property: `expectations.directoryRoles[${i}].templateId`, reason: "must be the role template ID (a GUID)" });
    });
    list("graphReads").forEach((r, i) => {
        if (!(GraphReads as readonly unknown[]).includes(r)) failures.push({ property: `expectations.graphReads[${i}]`, reason: `must be one of: ${GraphReads.join(", ")}` });
    });
    if (typeof e.exchange !== "boolean") failures.push({ property: "expectations.exchange", reason: "must be true or false" });
}

function validateNumber(v: unknown, property: string, min: number, max: number, failures: InputFailure[]): void {
    if (v === undefined || v === UNKNOWN) return;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) failures.push({ property, reason: `must be a number from ${min} to ${max}` });
}

/**
 * Validates and normalizes the new inputs (GUIDs lower-cased, the cloud by name). Returns the
 * inputs to store and the failures; inputs are returned even when there are failures.
 */
export function validateInputs(news: Record<string, unknown>, now: Date = new Date()): { inputs: ResolvedInputs; failures: InputFailure[] } {
    const failures: InputFailure[] = [];
    const inputs = { ...news } as unknown as ResolvedInputs & Record<string, unknown>;
    if (news.tenantId !== UNKNOWN) attempt(failures, "tenantId", () => (inputs.tenantId = parseTenantId(news.tenantId, "tenantId")));
    if (news.clientId !== UNKNOWN) attempt(failures, "clientId", () => (inputs.clientId = parseClientId(news.clientId, "clientId")));
    if (news.cloud !== undefined && news.cloud !== UNKNOWN) {
        const cloud = typeof news.cloud === "string" ? findCloud(news.cloud) : undefined;
        if (cloud) inputs.cloud = cloud.name;
        else failures.push({ property: "cloud", reason: `unknown cloud "${String(news.cloud).slice(0, 40)}"; use AzureCloud, AzureGCC, AzureGCCHigh, AzureDoD or AzureChina` });
    }
    const hasProfile = news.profile !== undefined;
    const hasExpectations = news.expectations !== undefined;
    if (hasProfile === hasExpectations) {
        failures.push({ property: hasProfile ? "expectations" : "profile", reason: "give either profile or expectations (exactly one)" });
    } else if (hasProfile && !containsUnknown(news.profile)) {
        // A bare profile name is accepted and normalized to { profile: name }.
        if (typeof news.profile === "string") inputs.profile = { profile: news.profile };
        attempt(failures, "profile", () => void resolveProfile(inputs.profile as ProfileSpec, "profile"));
    } else if (hasExpectations) {
        validateExpectations(news.expectations, failures);
    }
    validateCredential(news.credential, now, failures);
    validateNextCredential(news.nextCredential, news.credential, now, failures);
    if (news.endpointOverride !== undefined && news.endpointOverride !== UNKNOWN) {
        let ok = false;
        try {
            ok = new URL(String(news.endpointOverride)).protocol === "https:";
        } catch {
            ok = false;
        }
        if (!ok) failures.push({ property: "endpointOverride", reason: "must be the emulator's https base URL, e.g. https://127.0.0.1:41234" });
    }
    validateNumber(news.warnDays, "warnDays", 0, 3650, failures);
    validateNumber(news.consistencyTimeoutSeconds, "consistencyTimeoutSeconds", 1, 3600, failures);
    return { inputs, failures };
}
