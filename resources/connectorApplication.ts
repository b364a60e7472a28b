/**
 * `ConnectorApplication`: what a connector set-up wizard does by hand, declared once. It
 * registers (or adopts) an Entra application and its service principal, grants admin consent,
 * assigns directory roles and gives it a credential, all with `@pulumi/azuread` resources on an
 * explicit per-tenant provider.
 *
 * Proving the connection is not done here: {@link ConnectorApplication.connectionInputs} is the
 * seam where the connection resource attaches (`dependsOn: app.grants`).
 *
 * @module
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { Clouds, MANAGED_TAG, expectationsOf, ownershipTag, parseCertificatePem, type CloudName, type CredentialKind } from "../catalog";
import { planConnector, type ConnectionInputs, type ConnectorApplicationArgs, type ConnectorPlan } from "./connectorApplicationArgs";
import { createCredential } from "./credential";
import { createGrants } from "./grants";
import type { RolloverState } from "./rollover";
import { createTenantProvider } from "./provider";

/** An Entra application set up for one sync connector. */
export class ConnectorApplication extends pulumi.ComponentResource {
    /** The component's type token. */
    static readonly type = "m365-connectors:index:ConnectorApplication";

    /**
     * The connector profile's name (`custom` for custom profiles). An output so that policy packs
     * (policy/), which see a component's outputs, can tell what the connector is meant to get.
     */
    readonly profile: pulumi.Output<string>;
    /** For a `custom` profile: the profile it starts from, if any. */
    readonly profileBase: pulumi.Output<string | undefined>;
    /** Directory (tenant) ID. */
    readonly tenantId: pulumi.Output<string>;
    /** Our name of the cloud, e.g. `AzureGCCHigh`. */
    readonly cloud: pulumi.Output<CloudName>;
    /** The cloud as Active Roles' "Tenant environment type" shows it, e.g. `Azure GCC-H`. */
    readonly tenantEnvironmentType: pulumi.Output<string>;
    /** Application (client) ID. */
    readonly clientId: pulumi.Output<string>;
    /** Object ID of the application. */
    readonly applicationObjectId: pulumi.Output<string>;
    /** Object ID of the service principal. */
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** `certificate` or `secret`. */
    readonly credentialType: pulumi.Output<CredentialKind>;
    /** When the credential handed to the connector expires, RFC 3339. */
    readonly credentialExpiresAt: pulumi.Output<string>;
    /** Certificate thumbprint: SHA-1 of the DER, uppercase hex, as the Azure portal and Active Roles show it. */
    readonly certificateThumbprint: pulumi.Output<string | undefined>;
    /** SHA-256 of the certificate's DER, uppercase hex. */
    readonly certificateThumbprintSha256: pulumi.Output<string | undefined>;
    /** The certificate, PEM (public). */
    readonly certificatePem: pulumi.Output<string | undefined>;
    /** The certificate's private key, PKCS#8 PEM (secret). */
    readonly privateKeyPem: pulumi.Output<string | undefined>;
    /** Password-protected PKCS#12 of certificate and key, base64 (secret), for the Windows certificate store. */
    readonly pfxBase64: pulumi.Output<string | undefined>;
    /** The PFX password (secret). */
    readonly pfxPassword: pulumi.Output<string | undefined>;
    /** The newest client secret (secret). */
    readonly clientSecret: pulumi.Output<string | undefined>;
    /** During a certificate rollover: the next certificate's thumbprint (SHA-1, uppercase hex); the connector switches to it. */
    readonly nextCertificateThumbprint: pulumi.Output<string | undefined>;
    /** During a certificate rollover: the next certificate, PEM. */
    readonly nextCertificatePem: pulumi.Output<string | undefined>;
    /** During a certificate rollover: the next certificate's PFX, base64 (secret), protected by {@link pfxPassword}'s rule. */
    readonly nextPfxBase64: pulumi.Output<string | undefined>;
    /** During a certificate rollover: the next PFX's password (secret). */
    readonly nextPfxPassword: pulumi.Output<string | undefined>;
    /** During a certificate rollover: when the certificate in use is removed, RFC 3339. */
    readonly certificateRemovedAfter: pulumi.Output<string | undefined>;
    /** Certificates: the rollover state for the next run (the program exports it as the `rotation` output). */
    readonly rotation: pulumi.Output<RolloverState | undefined>;
    /** Every consent, role and credential resource: what a connection must depend on. */
    readonly grants: pulumi.Resource[];
    /** Everything the connection resource needs; see {@link ConnectionInputs}. */
    readonly connectionInputs: ConnectionInputs;
    /** The created application; undefined when an existing one is adopted. */
    readonly application?: azuread.Application;
    /** The created service principal; undefined when it is looked up or given. */
    readonly servicePrincipal?: azuread.ServicePrincipal;

    /**
     * Validates `args` (throwing a `ConfigError` before anything is registered), then declares the
     * application, service principal, grants and credential as children named `<name>-…`.
     */
    constructor(name: string, args: ConnectorApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planConnector(name, args); // validate everything before registering anything
        super(ConnectorApplication.type, name, {}, opts);
        const cloud = Clouds[args.cloud];
        const provider = args.provider ?? createTenantProvider(`${name}-azuread`, { tenantId: plan.tenantId, cloud: cloud.name, auth: args.providerAuth }, { parent: this });
        const childOpts = { parent: this, provider };

        const app = this.createApplication(name, args, plan, childOpts);
        const sp = this.createServicePrincipal(name, plan, app.clientId, childOpts);
        this.application = app.resource;
        this.servicePrincipal = sp.resource;
        const grants = createGrants(name, args.profile, sp.objectId, childOpts);
        const credential = createCredential(name, plan.credential, app.resourceId, {
            ...childOpts,
            commonName: plan.displayName,
            now: args.now ?? new Date(),
            previous: args.rollover,
            ...(args.now ? { rolloverNow: args.now } : {}),
        });

        const info = credential.certificatePem?.apply((pem) => parseCertificatePem(pem, `${name}.certificatePem`));
        this.profile = pulumi.output(args.profile.name);
        this.profileBase = pulumi.output(args.profile.base);
        this.tenantId = pulumi.output(plan.tenantId);
        this.cloud = pulumi.output(cloud.name);
        this.tenantEnvironmentType = pulumi.output(cloud.environmentType);
        this.clientId = app.clientId;
        this.applicationObjectId = app.objectId;
        this.servicePrincipalObjectId = sp.objectId;
        this.credentialType = pulumi.output(plan.credential.type);
        this.credentialExpiresAt = credential.expiresAt;
        this.certificateThumbprint = pulumi.output(info?.apply((i) => i.thumbprintSha1));
        this.certificateThumbprintSha256 = pulumi.output(info?.apply((i) => i.thumbprintSha256));
        this.certificatePem = pulumi.output(credential.certificatePem);
        this.privateKeyPem = pulumi.secret(pulumi.output(credential.privateKeyPem));
        this.pfxBase64 = pulumi.secret(pulumi.output(credential.pfxBase64));
        this.pfxPassword = pulumi.secret(pulumi.output(credential.pfxPassword));
        this.clientSecret = pulumi.secret(pulumi.output(credential.clientSecret));
        const next = credential.next;
        this.nextCertificateThumbprint = pulumi.output(next?.thumbprint);
        this.nextCertificatePem = pulumi.output(next?.certificatePem);
        this.nextPfxBase64 = pulumi.secret(pulumi.output(next?.pfxBase64));
        this.nextPfxPassword = pulumi.secret(pulumi.output(next?.pfxPassword));
        this.certificateRemovedAfter = pulumi.output(credential.removeAfter);
        this.rotation = pulumi.output(credential.rotation);
        this.grants = [...grants.appRoleAssignments, ...grants.delegatedGrants, ...grants.roleAssignments, ...credential.resources];
        this.connectionInputs = {
            tenantId: this.tenantId,
            clientId: this.clientId,
            cloud: cloud.name,
            applicationObjectId: this.applicationObjectId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
            credential:
                plan.credential.type === "certificate"
                    ? {
                          type: "certificate",
                          certificatePem: credential.certificatePem!,
                          privateKeyPem: credential.privateKeyPem!,
                          ...(next ? { next: { certificatePem: next.certificatePem, privateKeyPem: next.privateKeyPem } } : {}),
                      }
                    : { type: "secret", clientSecret: credential.clientSecret!, secretExpiresAt: credential.expiresAt },
            expectations: expectationsOf(args.profile),
            dependsOn: this.grants,
        };
        this.registerOutputs({
            profile: this.profile,
            profileBase: this.profileBase,
            tenantId: this.tenantId,
            cloud: this.cloud,
            tenantEnvironmentType: this.tenantEnvironmentType,
            clientId: this.clientId,
            applicationObjectId: this.applicationObjectId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
            credentialType: this.credentialType,
            credentialExpiresAt: this.credentialExpiresAt,
            certificateThumbprint: this.certificateThumbprint,
            certificateThumbprintSha256: this.certificateThumbprintSha256,
            certificatePem: this.certificatePem,
            privateKeyPem: this.privateKeyPem,
            pfxBase64: this.pfxBase64,
            pfxPassword: this.pfxPassword,
            clientSecret: this.clientSecret,
            nextCertificateThumbprint: this.nextCertificateThumbprint,
            nextCertificatePem: this.nextCertificatePem,
            nextPfxBase64: this.nextPfxBase64,
            nextPfxPassword: this.nextPfxPassword,
            certificateRemovedAfter: this.certificateRemovedAfter,
            rotation: this.rotation,
        });
    }

    /** Creates the application, or describes the adopted one. */
    private createApplication(name: string, args: ConnectorApplicationArgs, plan: ConnectorPlan, opts: pulumi.CustomResourceOptions) {
        if (plan.existing) {
            const e = plan.existing;
            return { clientId: pulumi.output(e.clientId), objectId: pulumi.output(e.objectId), resourceId: pulumi.output(`/applications/${e.objectId}`), resource: undefined };
        }
        const p = args.profile;
        const app = new azuread.Application(
            `${name}-app`,
            {
                displayName: plan.displayName,
                signInAudience: p.signInAudience,
                // Fail instead of creating a second app with the same name; adopt it with existingApplication.
                preventDuplicateNames: true,
                // Which stack and connector made it: the deployer preflight tells ours from a same-named one.
                tags: [MANAGED_TAG, ownershipTag(pulumi.getProject(), pulumi.getStack(), name)],
                owners: args.owners,
                requiredResourceAccesses: p.requiredResourceAccess.map((r) => ({
                    resourceAppId: r.resourceAppId,
                    resourceAccesses: r.resourceAccess.map((a) => ({ id: a.id, type: a.type })),
                })),
                ...(p.webRedirectUris.length ? { web: { redirectUris: [...p.webRedirectUris] } } : {}),
            },
            opts,
        );
        return { clientId: app.clientId, objectId: app.objectId, resourceId: app.id, resource: app };
    }

    /** Creates the service principal, or finds the adopted application's one. */
    private createServicePrincipal(name: string, plan: ConnectorPlan, clientId: pulumi.Output<string>, opts: pulumi.CustomResourceOptions) {
        const e = plan.existing;
        if (e?.servicePrincipalObjectId) return { objectId: pulumi.output(e.servicePrincipalObjectId), resource: undefined };
        if (e && !e.createServicePrincipal) {
            const found = azuread.getServicePrincipalOutput({ clientId: e.clientId }, { parent: this, provider: opts.provider });
            return { objectId: found.objectId, resource: undefined };
        }
        const sp = new azuread.ServicePrincipal(`${name}-sp`, { clientId }, opts);
        return { objectId: sp.objectId, resource: sp };
    }
}
