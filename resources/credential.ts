/**
 * A connector's credential on its application: a certificate (generated as a
 * {@link ConnectorCertificate}, or provided) attached as `azuread.ApplicationCertificate`, or client secrets as
 * `azuread.ApplicationPassword` on the schedule of {@link secretSchedule}.
 *
 * Secrets (private key, PFX and its password, client secret) are returned as Pulumi secrets.
 *
 * @module
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { parseCertificatePem } from "../catalog";
import { ConnectorCertificate } from "../providers/certificate";
import { HOURS_PER_MONTH, type CertificatePlan, type CredentialPlan, type SecretPlan } from "./credentialSpec";
import { buildPfx, derivePfxPassword } from "./pfx";
import { rfc3339, secretSchedule } from "./rotation";

/** Options for {@link createCredential}. */
export interface CredentialOptions {
    /** The component the credential belongs to. */
    readonly parent: pulumi.Resource;
    /** The tenant's azuread provider (used for the Entra resources only). */
    readonly provider: azuread.Provider;
    /** Common name of a generated certificate, and the PFX friendly name. */
    readonly commonName: string;
    /** The time the secret schedule is computed at. */
    readonly now: Date;
}

/** What a credential produced. Certificate fields are undefined for secrets and the reverse. */
export interface CredentialOutputs {
    /** The Entra credential resources (`ApplicationCertificate` or `ApplicationPassword`s). */
    readonly resources: pulumi.Resource[];
    /** When the credential handed to the connector expires, RFC 3339. */
    readonly expiresAt: pulumi.Output<string>;
    /** Certificate, PEM (public). */
    readonly certificatePem?: pulumi.Output<string>;
    /** Certificate's private key, PKCS#8 PEM (secret). */
    readonly privateKeyPem?: pulumi.Output<string>;
    /** Password-protected PKCS#12, base64 (secret). */
    readonly pfxBase64?: pulumi.Output<string>;
    /** The PFX password (secret). */
    readonly pfxPassword?: pulumi.Output<string>;
    /** The newest client secret (secret). */
    readonly clientSecret?: pulumi.Output<string>;
}

/** Creates the credential of `plan` on the application whose resource ID is `applicationId` (`/applications/{objectId}`). */
export function createCredential(name: string, plan: CredentialPlan, applicationId: pulumi.Input<string>, opts: CredentialOptions): CredentialOutputs {
    return plan.type === "certificate" ? certificate(name, plan, applicationId, opts) : secrets(name, plan, applicationId, opts);
}

function certificate(name: string, plan: CertificatePlan, applicationId: pulumi.Input<string>, opts: CredentialOptions): CredentialOutputs {
    let certificatePem: pulumi.Output<string>;
    let privateKeyPem: pulumi.Output<string>;
    if (plan.provided) {
        certificatePem = pulumi.output(plan.provided.certificatePem);
        privateKeyPem = pulumi.secret(plan.provided.keyPem);
    } else {
        const cert = new ConnectorCertificate(
            `${name}-cert`,
            { commonName: opts.commonName, validityHours: plan.validityMonths * HOURS_PER_MONTH, renewBeforeHours: plan.renewBeforeDays * 24 },
            { parent: opts.parent },
        );
        certificatePem = cert.certificatePem;
        privateKeyPem = pulumi.secret(cert.privateKeyPem);
    }
    const notAfter = certificatePem.apply((pem) => rfc3339(parseCertificatePem(pem, `${name}.certificatePem`).notAfter));
    const attached = new azuread.ApplicationCertificate(
        `${name}-certificate`,
        { applicationId, type: "AsymmetricX509Cert", encoding: "pem", value: certificatePem, endDate: notAfter },
        { parent: opts.parent, provider: opts.provider },
    );
    const pfxPassword = pulumi.secret(plan.pfxPassword !== undefined ? pulumi.output(plan.pfxPassword) : privateKeyPem.apply(derivePfxPassword));
    const pfxBase64 = pulumi.secret(
        pulumi.all([privateKeyPem, certificatePem, pfxPassword]).apply(([keyPem, certPem, password]) =>
            buildPfx({ privateKeyPem: keyPem, certificatePem: certPem, password, encryption: plan.pfxEncryption, friendlyName: opts.commonName }).toString("base64"),
        ),
    );
    return { resources: [attached], expiresAt: notAfter, certificatePem, privateKeyPem, pfxBase64, pfxPassword };
}

function secrets(name: string, plan: SecretPlan, applicationId: pulumi.Input<string>, opts: CredentialOptions): CredentialOutputs {
    const schedule = secretSchedule(opts.now, plan.rotationDays, plan.lifetimeDays, plan.slots);
    const passwords = schedule.map(
        (s) =>
            new azuread.ApplicationPassword(
                s.slot ? `${name}-secret-${s.slot}` : `${name}-secret`,
                {
                    applicationId,
                    displayName: `${opts.commonName} ${s.slot ? `slot ${s.slot} ` : ""}rotation ${s.rotationKey}`,
                    endDate: s.endDate,
                    rotateWhenChanged: { rotation: s.rotationKey },
                },
                { parent: opts.parent, provider: opts.provider },
            ),
    );
    const current = passwords[schedule.findIndex((s) => s.current)];
    return { resources: passwords, expiresAt: current.endDate, clientSecret: pulumi.secret(current.value) };
}
