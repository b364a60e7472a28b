/**
 * `ConnectorConnection`: a dynamic resource that proves a connector's connection (the product's
 * "Test connection") on create and update, and again on every `pulumi refresh`, where drift
 * (consent revoked, role removed, credential expiring or rejected) shows as changed outputs.
 *
 * Type token: `pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection`.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import type { CloudName, ProbeExpectations, ProfileSpec } from "../../catalog";
import type { ConnectionSettings } from "../../probe";
import { connectionProvider } from "./provider";
import type { Finding, ResolvedOutputs } from "./types";

/** The credential: a certificate with its key, or a client secret (give one kind). Always a Pulumi secret. */
export interface ConnectorConnectionCredentialArgs {
    /** The certificate, PEM (its SHA-1 thumbprint becomes `settings.certificateThumbprint`). */
    certificatePem?: pulumi.Input<string>;
    /** The certificate's unencrypted private key, PEM. */
    privateKeyPem?: pulumi.Input<string>;
    /** The client secret's value. */
    clientSecret?: pulumi.Input<string>;
    /** When the client secret expires, ISO 8601; enables the expiry warning. */
    secretExpiresAt?: pulumi.Input<string>;
}

/** Arguments of {@link ConnectorConnection}. */
export interface ConnectorConnectionArgs {
    /** Directory (tenant) ID, a GUID. */
    tenantId: pulumi.Input<string>;
    /** Application (client) ID, a GUID. */
    clientId: pulumi.Input<string>;
    /** The cloud ("tenant environment type"); default `AzureCloud`. Its endpoints come from the catalog. */
    cloud?: pulumi.Input<CloudName>;
    /**
     * The connector profile, with custom lists (catalog ProfileSpec), e.g. `{ profile: "activeroles-m365" }`.
     * Give this or {@link expectations}.
     */
    profile?: pulumi.Input<ProfileSpec>;
    /** What a working connection must show (roles in tokens, wids, Exchange, Graph reads). Give this or {@link profile}. */
    expectations?: pulumi.Input<ProbeExpectations>;
    /** How the connector signs in; wrapped with `pulumi.secret`. */
    credential: pulumi.Input<ConnectorConnectionCredentialArgs>;
    /**
     * During a certificate rollover: the next certificate (already on the application) and its
     * key; the `nextCredential` check proves it signs in. Wrapped with `pulumi.secret`.
     */
    nextCredential?: pulumi.Input<{ certificatePem: pulumi.Input<string>; privateKeyPem: pulumi.Input<string> }>;
    /** Base URL of the local emulator: login, Graph and Exchange are all served under it. Tests and demo only. */
    endpointOverride?: pulumi.Input<string>;
    /** Warn when the credential expires within this many days; default 30. */
    warnDays?: pulumi.Input<number>;
    /** How long create/update wait for new grants to replicate before failing, seconds; default 300. */
    consistencyTimeoutSeconds?: pulumi.Input<number>;
}

/** Outputs that hold secrets: the stored credential (the provider needs it to probe again on refresh). */
export const SECRET_OUTPUTS = ["credential", "nextCredential"];

/**
 * Proves a connector's connection. Create and update wait until new grants have replicated, then
 * run the probe and fail with its report when a check fails. `pulumi refresh` runs the probe again
 * and records what it observes. Deleting the resource changes nothing in the tenant.
 */
export class ConnectorConnection extends pulumi.dynamic.Resource {
    /** Tenant ID, application ID, certificate thumbprint (SHA-1, as the portal shows it), tenant environment type. */
    declare readonly settings: pulumi.Output<ConnectionSettings>;
    /** App roles per resource application, from the tokens' `roles` claims. */
    declare readonly observedAppRoles: pulumi.Output<Record<string, string[]>>;
    /** Directory roles, from the token's `wids` claim. */
    declare readonly observedDirectoryRoles: pulumi.Output<string[]>;
    /** Organization display name, from Graph (null when the profile does not read it). */
    declare readonly organizationName: pulumi.Output<string | null>;
    /** Check name → pass / warn / fail / skip. */
    declare readonly checks: pulumi.Output<ResolvedOutputs["checks"]>;
    /** Overall status of the last probe. */
    declare readonly status: pulumi.Output<"pass" | "warn" | "fail">;
    /** Names of the checks that failed at the last probe. */
    declare readonly failingChecks: pulumi.Output<string[]>;
    /** Warn and fail checks with evidence and remedy. */
    declare readonly findings: pulumi.Output<Finding[]>;
    /** Whole days until the credential expires (null when unknown). */
    declare readonly credentialDaysLeft: pulumi.Output<number | null>;
    /** When the connection was last proved (ISO 8601). */
    declare readonly lastVerified: pulumi.Output<string>;

    constructor(name: string, args: ConnectorConnectionArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            connectionProvider,
            name,
            {
                tenantId: args.tenantId,
                clientId: args.clientId,
                cloud: args.cloud,
                profile: args.profile,
                expectations: args.expectations,
                credential: pulumi.secret(args.credential),
                nextCredential: args.nextCredential === undefined ? undefined : pulumi.secret(args.nextCredential),
                endpointOverride: args.endpointOverride,
                warnDays: args.warnDays,
                consistencyTimeoutSeconds: args.consistencyTimeoutSeconds,
                settings: undefined,
                observedAppRoles: undefined,
                observedDirectoryRoles: undefined,
                organizationName: undefined,
                checks: undefined,
                status: undefined,
                failingChecks: undefined,
                findings: undefined,
                credentialDaysLeft: undefined,
                lastVerified: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }),
            "m365-connectors",
            "ConnectorConnection",
        );
    }
}
