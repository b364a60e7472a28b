/**
 * Rule (b): credential lifetime. A connector's certificate may live at most `maxCertificateMonths`
 * and a client secret at most `maxSecretDays` (policy config; defaults in ./config.ts). A client
 * secret on a connector whose profile signs in with a certificate is reported (advisory).
 *
 * @module
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { LifetimeDefaults, PolicyNames, type LifetimeConfig } from "./config";
import { addMonths, lifetimeOf } from "./lifetime";
import { Types, connectorsOf, type StackResource } from "./model";
import { describeProfile, referenceProfile } from "./rights";

const DAY_MS = 86_400_000;
// Clock skew between the program computing an end date and the policy reading it.
const SLACK_MS = 60 * 60 * 1000;

function days(ms: number): number {
    return Math.round((ms / DAY_MS) * 10) / 10;
}

/** Builds the lifetime policy; `now` is the clock (tests pin it). */
export function credentialLifetimePolicy(now: () => Date = () => new Date()): StackValidationPolicy {
    return {
        name: PolicyNames.credentialLifetime,
        description: `A connector's certificate or client secret lives longer than the limit (default ${LifetimeDefaults.maxCertificateMonths} months for certificates, ${LifetimeDefaults.maxSecretDays} days for secrets).`,
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                maxCertificateMonths: { type: "integer", minimum: 1, default: LifetimeDefaults.maxCertificateMonths },
                maxSecretDays: { type: "integer", minimum: 1, default: LifetimeDefaults.maxSecretDays },
            },
        },
        validateStack: (args, report) => {
            const config: LifetimeConfig = { ...LifetimeDefaults, ...args.getConfig<Partial<LifetimeConfig>>() };
            const at = now();
            for (const c of connectorsOf(args.resources as unknown as StackResource[])) {
                for (const r of c.credentials) {
                    const message = lifetimeViolation(c.name, r, config, at);
                    if (message) report(message, r.urn);
                }
            }
        },
    };
}

/** The violation message for credential `r`, or undefined when it is within limits (or unknown yet). */
export function lifetimeViolation(connector: string, r: StackResource, config: LifetimeConfig, now: Date): string | undefined {
    const life = lifetimeOf(r, now);
    if (life === "unknown") return undefined;
    const cert = r.type === Types.certificate;
    const limit = cert ? addMonths(life.start, config.maxCertificateMonths) : new Date(life.start.getTime() + config.maxSecretDays * DAY_MS);
    const limitText = cert ? `${config.maxCertificateMonths} months` : `${config.maxSecretDays} days`;
    const kind = cert ? "certificate" : "client secret";
    const waive = `or raise ${cert ? "maxCertificateMonths" : "maxSecretDays"} of policy "${PolicyNames.credentialLifetime}" in the policy config file`;
    const fix = cert
        ? `Issue it for at most ${limitText} (connector credential.validityMonths)`
        : `Give it an end date at most ${limitText} after its start (connector credential.secretLifetimeDays)`;
    if (!life.end) {
        return `${kind} "${r.name}" of connector "${connector}" has no end date, so Entra picks one (about two years), above the limit of ${limitText}. ${fix}, ${waive}.`;
    }
    if (life.end.getTime() <= limit.getTime() + SLACK_MS) return undefined;
    return (
        `${kind} "${r.name}" of connector "${connector}" is valid for ${days(life.end.getTime() - life.start.getTime())} days ` +
        `(${life.fromNow ? "from now" : `from ${life.start.toISOString()}`} to ${life.end.toISOString()}), above the limit of ${limitText}. ${fix}, ${waive}.`
    );
}

/** Reports client secrets on connectors whose profile signs in with a certificate. */
export const secretInsteadOfCertificatePolicy: StackValidationPolicy = {
    name: PolicyNames.secretInsteadOfCertificate,
    description: "A connector signs in with a client secret although its profile uses a certificate.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        for (const c of connectorsOf(args.resources as unknown as StackResource[])) {
            const profile = referenceProfile(c);
            // Without a profile (plain azuread code) or with a custom one: custom connectors default to certificates.
            const usesCertificate = (profile?.credential ?? "certificate") === "certificate";
            if (!usesCertificate) continue;
            for (const r of c.credentials.filter((x) => x.type === Types.password)) {
                report(
                    `client secret "${r.name}" of connector "${c.name}": its ${describeProfile(c)} signs in with a certificate, which is never sent over the wire and cannot be phished like a secret. ` +
                        `Set the connector's credential.type to "certificate"; to keep the secret, set "${PolicyNames.secretInsteadOfCertificate}": "disabled" in the policy config file.`,
                    r.urn,
                );
            }
        }
    },
};
