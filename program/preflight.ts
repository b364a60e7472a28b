/**
 * The deployer preflight: before the program declares anything, check that the identity the
 * azuread provider will sign in with holds every right the stack's connectors need
 * (catalog/deployer.ts), and fail with each missing right and its fix — instead of a 403 from
 * Graph halfway through `pulumi up`, with part of the connectors created.
 *
 * It runs when the deployer signs in with a client secret from the environment the azuread
 * provider reads (`ARM_CLIENT_ID`, `ARM_CLIENT_SECRET`, https://registry.terraform.io/providers/hashicorp/azuread
 * "Authenticating using a Service Principal and a Client Secret"); other sign-ins (Azure CLI,
 * OIDC, managed identity, certificate) are not checked here and Entra checks each write as it
 * comes. `m365-connectors:preflight: false` turns it off.
 *
 * @module
 */
import { CredentialRejectedError, DeployerRights, PermissionMissingError, requiredRights, type DeployerNeeds, type DeployerRightName } from "../catalog";
import { AadstsRemedies, UNKNOWN_TOKEN_FAILURE_REMEDY, checkDeployer } from "../probe";
import type { StackConfig } from "./config";

/** What the preflight did. */
export type PreflightOutcome =
    | { readonly status: "pass"; readonly rights: readonly DeployerRightName[] }
    | { readonly status: "skipped"; readonly reason: string };

/** The rights the managed connectors of `config` ask of the deployer. */
export function deployerNeeds(config: StackConfig): DeployerNeeds {
    const managed = config.connectors.filter((c) => !c.verifyOnly);
    return {
        applications: managed.length > 0,
        appRoleAssignments: managed.some((c) => c.profile.appRoles.length > 0),
        delegatedGrants: managed.some((c) => c.profile.delegatedScopes.length > 0),
        roleAssignments: managed.some((c) => c.profile.directoryRoles.length > 0),
    };
}

/** The line that says how to give the deployer `right`. */
export function rightRemedy(right: DeployerRightName): string {
    const r = DeployerRights[right];
    return (
        `to ${r.does}, grant the deployer the Microsoft Graph application permission ${r.grant} with admin consent ` +
        `(App registrations > the deployer > API permissions > Add a permission > Microsoft Graph > Application permissions, then Grant admin consent), ` +
        `or assign it the ${r.role} role`
    );
}

/**
 * Checks the deployer of `config`; throws a {@link PermissionMissingError} naming every missing
 * right and its fix, or a {@link CredentialRejectedError} when the deployer cannot sign in.
 */
export async function preflightDeployer(config: StackConfig, env: NodeJS.ProcessEnv = process.env): Promise<PreflightOutcome> {
    if (!config.preflight) return { status: "skipped", reason: "m365-connectors:preflight is false" };
    const rights = requiredRights(deployerNeeds(config));
    if (rights.length === 0) return { status: "skipped", reason: "no managed connector: nothing is written to the tenant" };
    const clientId = env.ARM_CLIENT_ID?.trim();
    const clientSecret = env.ARM_CLIENT_SECRET;
    if (!clientId || !clientSecret) {
        return { status: "skipped", reason: "the deployer does not sign in with ARM_CLIENT_ID and ARM_CLIENT_SECRET (Azure CLI, OIDC, managed identity or a certificate): Entra checks each write as it comes" };
    }
    const found = await checkDeployer({
        tenantId: config.tenantId,
        cloud: config.cloud.name,
        clientId,
        credential: { kind: "secret", clientSecret },
        rights,
        ...(config.endpointOverride ? { endpoints: { baseUrl: config.endpointOverride } } : {}),
    });
    if (!found.ok) {
        const known = found.failure.aadsts ? AadstsRemedies[found.failure.aadsts] : undefined;
        throw new CredentialRejectedError(`the deployer (ARM_CLIENT_ID ${clientId}) cannot sign in to tenant ${config.tenantId}${known ? `: ${known.meaning}` : ""}`, {
            property: "ARM_CLIENT_SECRET",
            evidence: [found.failure.aadsts, found.failure.message].filter(Boolean).join(": "),
            remedy: `${known?.remedy ?? UNKNOWN_TOKEN_FAILURE_REMEDY}. Nothing was created`,
        });
    }
    if (found.missing.length > 0) {
        const names = found.missing.map((r) => DeployerRights[r].grant);
        throw new PermissionMissingError(`the deployer (ARM_CLIENT_ID ${clientId}) lacks ${names.join(", ")} in tenant ${config.tenantId}, which this stack needs`, {
            check: "preflight",
            evidence: `its Graph token holds none of: ${found.missing.map((r) => [...DeployerRights[r].appRoles, ...DeployerRights[r].directoryRoles].join(" | ")).join("; ")}`,
            remedy: `${found.missing.map(rightRemedy).join("; ")}. Then run pulumi up again; nothing was created. (Set m365-connectors:preflight to false to skip this check.)`,
        });
    }
    return { status: "pass", rights };
}
