/**
 * The program: one `azuread.Provider` for the stack's tenant, one {@link ConnectorApplication}
 * per configured connector, and the stack outputs an operator copies into each product's console.
 *
 * @module
 */
import type * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import type { CredentialKind, ResolvedProfile } from "../catalog";
import { ConnectorApplication, createTenantProvider, type TenantProviderAuth } from "../resources";
import type { StackConfig } from "./config";

/** Options of {@link deployStack}. */
export interface DeployOptions {
    /** How the deploying identity signs in; default: the azuread provider's own sources. */
    readonly providerAuth?: TenantProviderAuth;
    /** Clock for the secret schedule; default now. */
    readonly now?: Date;
}

/** What {@link deployStack} created. */
export interface DeployedStack {
    /** The tenant's provider, shared by every connector. */
    readonly provider: azuread.Provider;
    /** The connectors by name, with their resolved profiles. */
    readonly connectors: ReadonlyArray<{ readonly name: string; readonly profile: ResolvedProfile; readonly credentialType: CredentialKind; readonly app: ConnectorApplication }>;
}

/** Creates the provider and the connectors of a validated stack config. */
export function deployStack(config: StackConfig, opts: DeployOptions = {}): DeployedStack {
    const provider = createTenantProvider("tenant", { tenantId: config.tenantId, cloud: config.cloud.name, auth: opts.providerAuth });
    const connectors = config.connectors.map((c) => ({
        name: c.name,
        profile: c.profile,
        credentialType: c.credentialType,
        app: new ConnectorApplication(c.name, {
            tenantId: config.tenantId,
            cloud: config.cloud.name,
            profile: c.profile,
            displayName: c.displayName,
            credential: c.credential,
            existingApplication: c.existingApplication,
            provider,
            now: opts.now,
        }),
    }));
    return { provider, connectors };
}

/**
 * The settings a product's console asks for, labelled in its words: for Active Roles "Tenant ID",
 * "Application ID", "Certificate thumbprint", "Tenant environment type"; for Snow Atlas "Tenant
 * ID", "Client ID", "Client secret" (a secret).
 */
export function consoleSettings(profile: ResolvedProfile, credentialType: CredentialKind, app: ConnectorApplication): Record<string, pulumi.Output<string>> {
    const labels = profile.settingsLabels;
    const text = (o: pulumi.Output<string | undefined>) => o.apply((v) => v ?? "");
    const credentialLabel =
        credentialType === "certificate"
            ? /certificate/i.test(labels.credential) ? labels.credential : "Certificate thumbprint"
            : /secret/i.test(labels.credential) ? labels.credential : "Client secret";
    return {
        [labels.tenantId]: app.tenantId,
        [labels.clientId]: app.clientId,
        [credentialLabel]: credentialType === "certificate" ? text(app.certificateThumbprint) : pulumi.secret(text(app.clientSecret)),
        ...(labels.environment ? { [labels.environment]: app.tenantEnvironmentType } : {}),
    };
}

/** Details beyond the console settings: object IDs, expiry, and for certificates the PFX (secret). */
export function connectorDetails(profile: ResolvedProfile, credentialType: CredentialKind, app: ConnectorApplication): Record<string, pulumi.Output<string | undefined>> {
    return {
        profile: pulumi.output(profile.name),
        cloud: app.cloud,
        applicationObjectId: app.applicationObjectId,
        servicePrincipalObjectId: app.servicePrincipalObjectId,
        credentialType: app.credentialType,
        credentialExpiresAt: app.credentialExpiresAt,
        ...(credentialType === "certificate"
            ? { certificateThumbprintSha256: app.certificateThumbprintSha256, pfxBase64: app.pfxBase64, pfxPassword: app.pfxPassword }
            : {}),
    };
}

/** The stack outputs: `settings` and `details`, each keyed by connector name. */
export function stackOutputs(deployed: DeployedStack) {
    const settings: Record<string, Record<string, pulumi.Output<string>>> = {};
    const details: Record<string, Record<string, pulumi.Output<string | undefined>>> = {};
    for (const c of deployed.connectors) {
        settings[c.name] = consoleSettings(c.profile, c.credentialType, c.app);
        details[c.name] = connectorDetails(c.profile, c.credentialType, c.app);
    }
    return { settings, details };
}
