/**
 * The `expiry` stack output: per connector, when the credential the connector uses expires, the
 * alert threshold (`m365-connectors:warnDays`) and what renews it. Dates, not day counts, so the
 * output stays true between runs: `gitops drift` compares it with the clock every night and fails
 * naming the connector once it is inside the threshold (cli/gitops/expiry.ts).
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { parseCertificatePem } from "../catalog";
import type { StackConfig } from "./config";
import type { DeployedConnector } from "./stack";

/** One connector's entry of the `expiry` output. */
export interface CredentialExpiry {
    /** When the credential the connector uses expires, RFC 3339 (null when unknown). */
    readonly expiresAt: string | null;
    /** Alert from this many days before `expiresAt`. */
    readonly warnDays: number;
    /** What to do inside the window, in words and commands. */
    readonly renewal: string;
}

/** The renewal advice for a managed connector; `next` is the next certificate's thumbprint during a rollover. */
export function renewalAdvice(c: DeployedConnector, stack: string, next: string | undefined): string {
    const up = `\`pulumi up --stack ${stack}\` (or \`m365-connectors gitops up --stack ${stack}\`)`;
    if (c.credentialType === "secret") {
        return `run ${up}: the client secret rotates at the start of each rotation period; give the new secret (settings.${c.name}) to the connector`;
    }
    if (next) {
        return (
            `the next certificate ${next} is on the application: import details.${c.name}.nextPfxBase64 on the sync server, set the certificate thumbprint to ${next} in the connector's settings, ` +
            `then run \`m365-connectors rotate --confirm-switched --connector ${c.name} --stack ${stack}\``
        );
    }
    const provided = c.credential?.pem !== undefined;
    if (provided) return `issue the renewed certificate, set it as credential.nextPem / nextKeyPem of connector ${c.name}, and run ${up}: both certificates stay on the application while the connector switches`;
    return `run ${up}: it adds the next certificate beside the one in use (or replaces it, with certificateSlots: 1); then import its PFX and set its thumbprint in the connector`;
}

/** The `expiry` entry of one connector. */
export function credentialExpiry(c: DeployedConnector, config: StackConfig, stack: string): pulumi.Output<CredentialExpiry> {
    const warnDays = config.warnDays;
    if (c.app) {
        return pulumi
            .all([c.app.credentialExpiresAt, c.app.nextCertificateThumbprint])
            .apply(([expiresAt, next]) => ({ expiresAt: expiresAt ?? null, warnDays, renewal: renewalAdvice(c, stack, next) }));
    }
    const v = c.verifyOnly;
    const expiresAt =
        v?.credential.kind === "certificate" ? parseCertificatePem(v.credential.certificatePem).notAfter.toISOString() : v?.credential.kind === "secret" ? (v.credential.secretExpiresAt ?? null) : null;
    const renewal = `renew the credential of the application ${v?.clientId ?? ""} (App registrations > Certificates & secrets), give it to the connector, and update connector ${c.name}'s credential in the stack config`;
    return pulumi.output({ expiresAt, warnDays, renewal });
}
