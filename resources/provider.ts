/**
 * The explicit `@pulumi/azuread` provider for one tenant in one cloud.
 *
 * Every Entra resource of a connector goes through an explicit provider whose `environment` and
 * `tenantId` come from the catalog, so a stack can never write to the wrong cloud because of an
 * ambient `ARM_ENVIRONMENT` or `azuread:*` setting. Authentication of the *deploying* identity is
 * left to the provider's usual sources (Azure CLI login, `ARM_CLIENT_ID`/`ARM_CLIENT_SECRET`,
 * OIDC, managed identity) unless {@link TenantProviderArgs.auth} says otherwise.
 *
 * @module
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { Clouds, parseTenantId, type CloudName } from "../catalog";

/**
 * Authentication settings passed through to `azuread.Provider`. `tenantId`, `environment` and
 * `metadataHost` are not accepted here: they always come from the catalog.
 */
export type TenantProviderAuth = Omit<azuread.ProviderArgs, "tenantId" | "environment" | "metadataHost">;

/** Arguments of {@link createTenantProvider}. */
export interface TenantProviderArgs {
    /** Directory (tenant) ID, a GUID. */
    readonly tenantId: string;
    /** The cloud the tenant lives in; picks the provider `environment` (catalog `Clouds[cloud].azureadEnvironment`). */
    readonly cloud: CloudName;
    /**
     * How the deploying identity signs in (e.g. `{ useCli: true }` or `{ clientId, clientSecret }`).
     * Default: the provider's own defaults (Azure CLI, `ARM_*` environment variables).
     * `clientCertificate` is wrapped as a secret here because the SDK does not do it.
     */
    readonly auth?: TenantProviderAuth;
    /**
     * `host:port` of a local stand-in for Entra and Graph (the emulator): the provider then reads
     * its login and Graph endpoints from `https://<metadataHost>/metadata/endpoints` instead of
     * the cloud's (`environment` is not set then, as the provider asks). Never for a real tenant.
     */
    readonly metadataHost?: string;
}

/** Creates the `azuread.Provider` for `args.tenantId` in `args.cloud`. */
export function createTenantProvider(name: string, args: TenantProviderArgs, opts?: pulumi.ResourceOptions): azuread.Provider {
    const tenantId = parseTenantId(args.tenantId);
    const auth = args.auth ?? {};
    return new azuread.Provider(
        name,
        {
            ...auth,
            ...(auth.clientCertificate !== undefined ? { clientCertificate: pulumi.secret(auth.clientCertificate) } : {}),
            tenantId,
            ...(args.metadataHost ? { metadataHost: args.metadataHost } : { environment: Clouds[args.cloud].azureadEnvironment }),
        },
        opts,
    );
}
