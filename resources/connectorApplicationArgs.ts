/**
 * Arguments of {@link ConnectorApplication}, the connection seam it offers, and their validation.
 *
 * @module
 */
import type * as azuread from "@pulumi/azuread";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigError, isCloudName, parseClientId, parseGuid, CloudNames, type CloudName, type ProbeExpectations, type ResolvedProfile } from "../catalog";
import { booleanOr, checkObject, nonEmptyString, oneOf } from "./check";
import { planCredential, type CredentialPlan, type CredentialSpec } from "./credentialSpec";
import type { TenantProviderAuth } from "./provider";
import { checkRolloverChange, type RolloverState } from "./rollover";

/** What to manage on an adopted application. */
export const ManageModes = ["grants-and-credential"] as const;
/**
 * One of {@link ManageModes}. `grants-and-credential`: consent, roles and a credential are
 * managed; the application object itself is not. (The program's `verify-only` mode manages
 * nothing and only proves the connection, without this component: program/verifyOnly.ts.)
 */
export type ManageMode = (typeof ManageModes)[number];

/** An application that already exists in the tenant (the wizards' "update an existing one"). */
export interface ExistingApplication {
    /** The application's object ID (App registrations > Overview > Object ID). */
    readonly objectId: string;
    /** The application (client) ID. */
    readonly clientId: string;
    /**
     * The service principal's object ID (Enterprise applications > Object ID). Default: looked
     * up by client ID with `getServicePrincipal`, so it is never deleted by `pulumi destroy`.
     */
    readonly servicePrincipalObjectId?: string;
    /** Create the service principal (for apps registered through Graph without one). Default false. */
    readonly createServicePrincipal?: boolean;
    /** What to manage; the component's only mode is `grants-and-credential` (the default). */
    readonly manage?: ManageMode;
}

/** Arguments of {@link ConnectorApplication}. */
export interface ConnectorApplicationArgs {
    /** Directory (tenant) ID, a GUID. */
    readonly tenantId: string;
    /** The cloud ("tenant environment type") the tenant lives in. */
    readonly cloud: CloudName;
    /** What the connector needs, from the catalog's `resolveProfile`. */
    readonly profile: ResolvedProfile;
    /** Application display name, at most 120 characters. Default: the component name. */
    readonly displayName?: string;
    /** The credential; default: the profile's credential kind with default settings. */
    readonly credential?: CredentialSpec;
    /** Adopt this application instead of creating one. No `azuread.Application` is created. */
    readonly existingApplication?: ExistingApplication;
    /** Owners (object IDs) of a created application; needed when deploying with `Application.ReadWrite.OwnedBy`. */
    readonly owners?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The tenant's azuread provider (share one per tenant between connectors). Default: one is
     * created for `tenantId` and `cloud` (see `createTenantProvider`).
     */
    readonly provider?: azuread.Provider;
    /** Sign-in settings for the provider created when `provider` is not given. */
    readonly providerAuth?: TenantProviderAuth;
    /** The time used for the secret schedule, certificate checks and the rollover plan. Default: now. For tests. */
    readonly now?: Date;
    /**
     * The certificate rollover state the previous run exported for this connector (the stack
     * program passes its own last `rotation` output). Without it the first slot is assumed; see
     * README "Credentials and rotation".
     */
    readonly rollover?: RolloverState;
}

/** The credential the connection resource signs in with. All key material is secret. */
export type ConnectionCredential =
    | {
          readonly type: "certificate";
          /** Certificate, PEM. */
          readonly certificatePem: pulumi.Output<string>;
          /** Private key, PKCS#8 PEM (secret). */
          readonly privateKeyPem: pulumi.Output<string>;
          /** During a rollover: the next certificate and its key (secret), proved by the `nextCredential` check. */
          readonly next?: { readonly certificatePem: pulumi.Output<string>; readonly privateKeyPem: pulumi.Output<string> };
      }
    | {
          readonly type: "secret";
          /** Client secret (secret). */
          readonly clientSecret: pulumi.Output<string>;
          /** When the client secret expires, RFC 3339. */
          readonly secretExpiresAt: pulumi.Output<string>;
      };

/**
 * Everything a connection resource (providers/connection) needs to prove this connector works.
 * Create it with `{ dependsOn: inputs.dependsOn }` so it runs after consent, roles and credential.
 */
export interface ConnectionInputs {
    /** Directory (tenant) ID. */
    readonly tenantId: pulumi.Output<string>;
    /** Application (client) ID. */
    readonly clientId: pulumi.Output<string>;
    /** The cloud; endpoints come from the catalog. */
    readonly cloud: CloudName;
    /** Object ID of the application. */
    readonly applicationObjectId: pulumi.Output<string>;
    /** Object ID of the service principal. */
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** How to sign in. */
    readonly credential: ConnectionCredential;
    /** What a working connection must show (roles, wids, Exchange, Graph reads). */
    readonly expectations: ProbeExpectations;
    /** Every consent, role and credential resource: the connection must wait for them. */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** Validated arguments. */
export interface ConnectorPlan {
    /** Directory (tenant) ID, lower case. */
    readonly tenantId: string;
    /** Application display name (and generated certificate's common name). */
    readonly displayName: string;
    /** The validated credential. */
    readonly credential: CredentialPlan;
    /** The adopted application, with defaults applied. */
    readonly existing?: Required<Pick<ExistingApplication, "objectId" | "clientId" | "createServicePrincipal" | "manage">> & Pick<ExistingApplication, "servicePrincipalObjectId">;
}

/** Validates `existingApplication`; `property` names it in errors. */
export function checkExistingApplication(value: unknown, property: string): ConnectorPlan["existing"] {
    if (value === undefined) return undefined;
    const e = checkObject(value, property, ["objectId", "clientId", "servicePrincipalObjectId", "createServicePrincipal", "manage"]);
    const at = (k: string) => `${property}.${k}`;
    const objectId = parseGuid(e.objectId, at("objectId"), "Object ID", "App registrations > your app > Overview");
    const clientId = parseClientId(e.clientId, at("clientId"));
    const sp = e.servicePrincipalObjectId === undefined ? undefined : parseGuid(e.servicePrincipalObjectId, at("servicePrincipalObjectId"), "Object ID", "Enterprise applications > your app > Overview");
    const create = booleanOr(e.createServicePrincipal, at("createServicePrincipal"), false);
    if (create && sp) throw new ConfigError(at("createServicePrincipal"), "cannot be true when servicePrincipalObjectId is given", "Remove one of the two");
    const manage = oneOf(e.manage ?? "grants-and-credential", at("manage"), ManageModes);
    return { objectId, clientId, servicePrincipalObjectId: sp, createServicePrincipal: create, manage };
}

/** Validates {@link ConnectorApplicationArgs}; throws a {@link ConfigError} naming the argument. */
export function planConnector(name: string, args: ConnectorApplicationArgs): ConnectorPlan {
    if (!isCloudName(args.cloud)) throw new ConfigError("cloud", `unknown cloud ${JSON.stringify(args.cloud)}`, `Use one of: ${CloudNames.join(", ")}`);
    if (!args.profile?.name) throw new ConfigError("profile", "is required", "Pass the result of resolveProfile()");
    const credential = planCredential(args.credential, args.profile, "credential", args.now);
    if (credential.type === "certificate") checkRolloverChange(credential, args.rollover, "credential");
    return {
        tenantId: parseGuid(args.tenantId, "tenantId", "Directory (tenant) ID"),
        displayName: nonEmptyString(args.displayName ?? name, "displayName", 120),
        credential,
        existing: checkExistingApplication(args.existingApplication, "existingApplication"),
    };
}
