/**
 * A connector's credential on its application: certificates (generated as
 * {@link ConnectorCertificate}s, or provided) attached as `azuread.ApplicationCertificate`s in
 * the slots of the rollover plan (resources/rollover.ts), or client secrets as
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
import { renewalClock } from "../providers/certificate/clock";
import { HOURS_PER_MONTH, type CertificatePlan, type CredentialPlan, type SecretPlan } from "./credentialSpec";
import { buildPfx, derivePfxPassword } from "./pfx";
import { planRollover, singleSlot, type RolloverState, type SlotDeclaration } from "./rollover";
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
    /** The certificate rollover state the last run exported for this connector (resources/rollover.ts). */
    readonly previous?: RolloverState;
    /** The clock of the rollover plan; default the renewal clock (providers/certificate/clock.ts). */
    readonly rolloverNow?: Date;
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
    /** During a certificate rollover: the next certificate, already on the application. */
    readonly next?: AttachedCertificate;
    /** During a certificate rollover: when the old certificate is removed, RFC 3339. */
    readonly removeAfter?: string;
    /** Certificates: the rollover state to export for the next run. */
    readonly rotation?: pulumi.Output<RolloverState>;
}

/** Creates the credential of `plan` on the application whose resource ID is `applicationId` (`/applications/{objectId}`). */
export function createCredential(name: string, plan: CredentialPlan, applicationId: pulumi.Input<string>, opts: CredentialOptions): CredentialOutputs {
    return plan.type === "certificate" ? certificate(name, plan, applicationId, opts) : secrets(name, plan, applicationId, opts);
}

function certificate(name: string, plan: CertificatePlan, applicationId: pulumi.Input<string>, opts: CredentialOptions): CredentialOutputs {
    // One generated slot renews in place (ConnectorCertificate's own window); otherwise the rollover plan decides.
    const rollover = plan.slots === 2 || plan.provided ? planRollover(plan, opts.previous, opts.rolloverNow ?? renewalClock()) : undefined;
    // One slot stays in the slot in use; its first date is kept so the exported state does not change on every run.
    const inUseDeclaration = rollover?.inUse ?? singleSlot(opts.previous, opts.rolloverNow ?? renewalClock());
    const inUse = attachSlot(name, plan, inUseDeclaration, applicationId, opts, rollover ? 0 : plan.renewBeforeDays * 24);
    const next = rollover?.next ? attachSlot(name, plan, rollover.next, applicationId, opts, 0) : undefined;
    const record = (c: AttachedCertificate, d: SlotDeclaration) =>
        pulumi.all([c.thumbprint, c.expiresAt]).apply(([thumbprint, notAfter]) => ({ thumbprint, notAfter, attachedAt: d.attachedAt, ...(d.provided ? { provided: true } : {}) }));
    const rotation = pulumi
        .all([record(inUse, inUseDeclaration), next ? record(next, rollover!.next!) : undefined])
        .apply(([current, upcoming]): RolloverState => ({
            inUse: inUseDeclaration.slot,
            ...(upcoming ? { next: rollover!.next!.slot, removeAfter: rollover!.removeAfter } : {}),
            slots: { [inUseDeclaration.slot]: current, ...(upcoming ? { [rollover!.next!.slot]: upcoming } : {}) },
        }));
    return {
        resources: [inUse.resource, ...(next ? [next.resource] : [])],
        expiresAt: inUse.expiresAt,
        certificatePem: inUse.certificatePem,
        privateKeyPem: inUse.privateKeyPem,
        pfxBase64: inUse.pfxBase64,
        pfxPassword: inUse.pfxPassword,
        ...(next ? { next, removeAfter: rollover!.removeAfter } : {}),
        rotation,
    };
}

/** One certificate on the application, in its slot. */
export interface AttachedCertificate {
    /** The `ApplicationCertificate`. */
    readonly resource: pulumi.Resource;
    /** Certificate, PEM. */
    readonly certificatePem: pulumi.Output<string>;
    /** Private key, PKCS#8 PEM (secret). */
    readonly privateKeyPem: pulumi.Output<string>;
    /** PKCS#12 of both, base64 (secret). */
    readonly pfxBase64: pulumi.Output<string>;
    /** The PFX password (secret). */
    readonly pfxPassword: pulumi.Output<string>;
    /** SHA-1 thumbprint, uppercase hex. */
    readonly thumbprint: pulumi.Output<string>;
    /** notAfter, RFC 3339. */
    readonly expiresAt: pulumi.Output<string>;
}

/**
 * Declares the certificate of one slot: generated (a ConnectorCertificate) or provided, and its
 * `ApplicationCertificate`. Slot `a` keeps the names one slot always had (`<name>-cert`,
 * `<name>-certificate`), so turning on two slots changes nothing on the application.
 */
function attachSlot(name: string, plan: CertificatePlan, d: SlotDeclaration, applicationId: pulumi.Input<string>, opts: CredentialOptions, renewBeforeHours: number): AttachedCertificate {
    const suffix = d.slot === "a" ? "" : `-${d.slot}`;
    let certificatePem: pulumi.Output<string>;
    let privateKeyPem: pulumi.Output<string>;
    if (d.provided) {
        certificatePem = pulumi.output(d.provided.certificatePem);
        privateKeyPem = pulumi.secret(d.provided.keyPem);
    } else {
        const cert = new ConnectorCertificate(
            `${name}-cert${suffix}`,
            { commonName: opts.commonName, validityHours: plan.validityMonths * HOURS_PER_MONTH, renewBeforeHours },
            { parent: opts.parent },
        );
        certificatePem = cert.certificatePem;
        privateKeyPem = pulumi.secret(cert.privateKeyPem);
    }
    const info = certificatePem.apply((pem) => parseCertificatePem(pem, `${name}.certificatePem`));
    const expiresAt = info.apply((i) => rfc3339(i.notAfter));
    const resource = new azuread.ApplicationCertificate(
        `${name}-certificate${suffix}`,
        { applicationId, type: "AsymmetricX509Cert", encoding: "pem", value: certificatePem, endDate: expiresAt },
        { parent: opts.parent, provider: opts.provider },
    );
    const pfxPassword = pulumi.secret(plan.pfxPassword !== undefined ? pulumi.output(plan.pfxPassword) : privateKeyPem.apply(derivePfxPassword));
    const pfxBase64 = pulumi.secret(
        pulumi.all([privateKeyPem, certificatePem, pfxPassword]).apply(([keyPem, certPem, password]) =>
            buildPfx({ privateKeyPem: keyPem, certificatePem: certPem, password, encryption: plan.pfxEncryption, friendlyName: opts.commonName }).toString("base64"),
        ),
    );
    return { resource, certificatePem, privateKeyPem, pfxBase64, pfxPassword, thumbprint: info.apply((i) => i.thumbprintSha1), expiresAt };
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
