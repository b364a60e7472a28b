/**
 * The guardrails' names, default enforcement levels and limits: data, apart from the rules.
 * Every value here can be changed per stack in a policy config file
 * (`pulumi preview --policy-pack policy --policy-pack-config policy-config.json`).
 *
 * @module
 */

/** Policy names, as they appear in `pulumi preview` output and in policy config files. */
export const PolicyNames = {
    privilegedRights: "connector-privileged-rights",
    extraRights: "connector-extra-rights",
    credentialLifetime: "connector-credential-lifetime",
    secretInsteadOfCertificate: "connector-secret-instead-of-certificate",
    singleTenant: "connector-single-tenant",
    owners: "connector-owners",
    redirectUris: "connector-redirect-uris",
} as const;

/** Limits of {@link PolicyNames.credentialLifetime} unless configured. */
export const LifetimeDefaults = {
    /** Certificates: at most 12 months (Entra's keyCredential guidance: at most one year). */
    maxCertificateMonths: 12,
    /** Client secrets: at most 180 days. */
    maxSecretDays: 180,
} as const;

/**
 * Waivers: connector name (or `"*"` for every connector) → rights accepted although the
 * profile does not list them, written like profile entries: `"Directory.ReadWrite.All"`
 * (Microsoft Graph), `"Office 365 Exchange Online/Exchange.ManageAsApp"`, `"Global Administrator"`.
 */
export type AllowedRights = Readonly<Record<string, readonly string[]>>;

/** JSON schema of `allowedRights`, shared by both rights policies. */
export const allowedRightsSchema = {
    type: "object",
    description: "Connector name (or * for all) -> rights accepted although its profile does not list them.",
    additionalProperties: { type: "array", items: { type: "string" } },
} as const;

/** Config of {@link PolicyNames.credentialLifetime}. */
export interface LifetimeConfig {
    readonly maxCertificateMonths: number;
    readonly maxSecretDays: number;
}
