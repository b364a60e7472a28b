/**
 * The program: one `azuread.Provider` for the stack's tenant, one {@link ConnectorApplication}
 * per managed connector with its ConnectorConnection (created after every grant), one lone
 * ConnectorConnection per verify-only connector (no azuread resource, no provider), and the
 * stack outputs an operator copies into each product's console.
 *
 * @module
 */
import type * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { parseCertificatePem, type CredentialKind, type ResolvedProfile } from "../catalog";
import { connectExistingApplication, type ConnectorConnection } from "../providers/connection";
import { ConnectorApplication, connect, createTenantProvider, type RolloverState, type TenantProviderAuth } from "../resources";
import type { CredentialSpec } from "../resources";
import type { ConnectorConfig, StackConfig } from "./config";
import { credentialExpiry, type CredentialExpiry } from "./expiry";
import type { VerifyOnlyConnector } from "./verifyOnly";

/** Name of the stack's azuread provider (`pulumi import` documents refer to it: cli/discover/importFile.ts). */
export const TENANT_PROVIDER_NAME = "tenant";

/** Options of {@link deployStack}. */
export interface DeployOptions {
    /** How the deploying identity signs in; default: the azuread provider's own sources. */
    readonly providerAuth?: TenantProviderAuth;
    /** Clock for the secret schedule and the certificate rollover plan; default now. */
    readonly now?: Date;
    /** The previous run's certificate rollover state per connector (program/rotationState.ts). */
    readonly rotation?: Readonly<Record<string, RolloverState>>;
}

/** One deployed connector. */
export interface DeployedConnector {
    readonly name: string;
    readonly profile: ResolvedProfile;
    readonly credentialType: CredentialKind;
    /** The managed application; absent in verify-only mode. */
    readonly app?: ConnectorApplication;
    /** The proof of the connection (probed on create, update and refresh). */
    readonly connection: ConnectorConnection;
    /** Console values of a verify-only connector, from its config (the app is not ours). */
    readonly configured?: ConsoleValues;
    /** The credential as configured (managed connectors). */
    readonly credential?: CredentialSpec;
    /** The verify-only settings (verify-only connectors). */
    readonly verifyOnly?: VerifyOnlyConnector;
}

/** The values behind a console's settings. */
export interface ConsoleValues {
    readonly tenantId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    readonly tenantEnvironmentType: pulumi.Output<string>;
    /** Certificate thumbprint (SHA-1, uppercase hex) or the client secret (a secret). */
    readonly credential: pulumi.Output<string>;
}

/** What {@link deployStack} created. */
export interface DeployedStack {
    /** The tenant's provider, shared by every managed connector; absent when every connector is verify-only. */
    readonly provider?: azuread.Provider;
    /** The connectors by name, with their resolved profiles. */
    readonly connectors: readonly DeployedConnector[];
    /** The validated config it was deployed from. */
    readonly config: StackConfig;
}

/** Creates the provider and the connectors of a validated stack config. */
export function deployStack(config: StackConfig, opts: DeployOptions = {}): DeployedStack {
    const managed = config.connectors.some((c) => !c.verifyOnly);
    // With endpointOverride (the local emulator), the azuread provider reads its endpoints from the emulator's metadata document.
    const metadataHost = config.endpointOverride ? new URL(config.endpointOverride).host : undefined;
    const provider = managed ? createTenantProvider(TENANT_PROVIDER_NAME, { tenantId: config.tenantId, cloud: config.cloud.name, auth: opts.providerAuth, metadataHost }) : undefined;
    const connectors = config.connectors.map((c) => (c.verifyOnly ? verifyOnly(config, c) : managedConnector(config, c, provider!, opts)));
    return { provider, connectors, config };
}

function managedConnector(config: StackConfig, c: ConnectorConfig, provider: azuread.Provider, opts: DeployOptions): DeployedConnector {
    const app = new ConnectorApplication(c.name, {
        tenantId: config.tenantId,
        cloud: config.cloud.name,
        profile: c.profile,
        displayName: c.displayName,
        credential: c.credential,
        existingApplication: c.existingApplication,
        ...(c.owners ? { owners: [...c.owners] } : {}),
        provider,
        now: opts.now,
        rollover: opts.rotation?.[c.name],
    });
    const connection = connect(app, `${c.name}-connection`, { warnDays: config.warnDays, ...(config.endpointOverride ? { endpointOverride: config.endpointOverride } : {}) });
    return { name: c.name, profile: c.profile, credentialType: c.credentialType, app, connection, credential: c.credential };
}

function verifyOnly(config: StackConfig, c: ConnectorConfig): DeployedConnector {
    const v = c.verifyOnly!;
    const cred = v.credential;
    const connection = connectExistingApplication(c.name, {
        tenantId: config.tenantId,
        clientId: v.clientId,
        cloud: config.cloud.name,
        profile: { profile: c.profile.name, ...(c.profile.base ? { base: c.profile.base } : {}) },
        credential:
            cred.kind === "certificate"
                ? { certificatePem: cred.certificatePem, privateKeyPem: pulumi.secret(cred.privateKeyPem) }
                : { clientSecret: pulumi.secret(cred.clientSecret), ...(cred.secretExpiresAt ? { secretExpiresAt: cred.secretExpiresAt } : {}) },
        ...(config.endpointOverride ? { endpointOverride: config.endpointOverride } : {}),
        warnDays: config.warnDays,
    });
    const configured: ConsoleValues = {
        tenantId: pulumi.output(config.tenantId),
        clientId: pulumi.output(v.clientId),
        tenantEnvironmentType: pulumi.output(config.cloud.environmentType),
        credential: cred.kind === "certificate" ? pulumi.output(parseCertificatePem(cred.certificatePem).thumbprintSha1) : pulumi.secret(cred.clientSecret),
    };
    return { name: c.name, profile: c.profile, credentialType: c.credentialType, connection, configured, verifyOnly: v };
}

/**
 * The settings a product's console asks for, labelled in its words: for Active Roles "Tenant ID",
 * "Application ID", "Certificate thumbprint", "Tenant environment type"; for Snow Atlas "Tenant
 * ID", "Client ID", "Client secret" (a secret). Managed connectors read them from the application
 * component; verify-only connectors from what the connection observed (and the configured secret).
 */
export function consoleSettings(c: DeployedConnector): Record<string, pulumi.Output<string>> {
    const labels = c.profile.settingsLabels;
    const credentialLabel =
        c.credentialType === "certificate"
            ? /certificate/i.test(labels.credential) ? labels.credential : "Certificate thumbprint"
            : /secret/i.test(labels.credential) ? labels.credential : "Client secret";
    const v = c.app ? applicationValues(c.app, c.credentialType) : c.configured!;
    return {
        [labels.tenantId]: v.tenantId,
        [labels.clientId]: v.clientId,
        [credentialLabel]: v.credential,
        ...(labels.environment ? { [labels.environment]: v.tenantEnvironmentType } : {}),
    };
}

function applicationValues(app: ConnectorApplication, credentialType: CredentialKind): ConsoleValues {
    const text = (o: pulumi.Output<string | undefined>) => o.apply((x) => x ?? "");
    return {
        tenantId: app.tenantId,
        clientId: app.clientId,
        tenantEnvironmentType: app.tenantEnvironmentType,
        credential: credentialType === "certificate" ? text(app.certificateThumbprint) : pulumi.secret(text(app.clientSecret)),
    };
}

/** Details beyond the console settings: object IDs, expiry, and for certificates the PFX (secret). */
export function connectorDetails(c: DeployedConnector): Record<string, pulumi.Output<string | undefined>> {
    const app = c.app;
    if (!app) {
        return { profile: pulumi.output(c.profile.name), mode: pulumi.output("verify-only"), credentialType: pulumi.output(c.credentialType) };
    }
    return {
        profile: pulumi.output(c.profile.name),
        cloud: app.cloud,
        applicationObjectId: app.applicationObjectId,
        servicePrincipalObjectId: app.servicePrincipalObjectId,
        credentialType: app.credentialType,
        credentialExpiresAt: app.credentialExpiresAt,
        ...(c.credentialType === "certificate"
            ? {
                  certificateThumbprintSha256: app.certificateThumbprintSha256,
                  pfxBase64: app.pfxBase64,
                  pfxPassword: app.pfxPassword,
                  // During a rollover: what the operator installs next, and when the one in use goes.
                  nextCertificateThumbprint: app.nextCertificateThumbprint,
                  nextPfxBase64: app.nextPfxBase64,
                  nextPfxPassword: app.nextPfxPassword,
                  certificateRemovedAfter: app.certificateRemovedAfter,
              }
            : {}),
    };
}

/** What the connection proved at the last `pulumi up` / `pulumi refresh`, per connector. */
export function connectionStatus(c: DeployedConnector) {
    return {
        status: c.connection.status,
        failingChecks: c.connection.failingChecks,
        credentialDaysLeft: c.connection.credentialDaysLeft,
        /** The nextCredential check's last status: `pass` or `fail` during a certificate rollover, `skip` otherwise. */
        nextCredential: c.connection.checks.apply((checks) => checks?.nextCredential ?? "skip"),
        lastVerified: c.connection.lastVerified,
    };
}

/**
 * The stack outputs, each keyed by connector name: `settings`, `details`, `connections`,
 * `expiry` (program/expiry.ts) and `rotation`, the certificate rollover state the next run reads
 * back (program/rotationState.ts). `stack` names the stack in renewal advice.
 */
export function stackOutputs(deployed: DeployedStack, stack: string = pulumi.getStack()) {
    const settings: Record<string, Record<string, pulumi.Output<string>>> = {};
    const details: Record<string, Record<string, pulumi.Output<string | undefined>>> = {};
    const connections: Record<string, ReturnType<typeof connectionStatus>> = {};
    const rotation: Record<string, pulumi.Output<RolloverState | undefined>> = {};
    const expiry: Record<string, pulumi.Output<CredentialExpiry>> = {};
    for (const c of deployed.connectors) {
        expiry[c.name] = credentialExpiry(c, deployed.config, stack);
        settings[c.name] = consoleSettings(c);
        details[c.name] = connectorDetails(c);
        connections[c.name] = connectionStatus(c);
        if (c.app && c.credentialType === "certificate") rotation[c.name] = c.app.rotation;
    }
    return { settings, details, connections, expiry, rotation };
}
