/**
 * The deployer preflight in the program: before it declares anything, check that the identity
 * the azuread provider will sign in with holds every right the stack's managed connectors need
 * and that the Microsoft service principals they are granted rights on exist (probe/deployer.ts,
 * the same checks as `m365-connectors preflight`), and stop with each failure and its fix —
 * instead of a 403 from Graph halfway through `pulumi up`, with part of the connectors created.
 *
 * It runs when the deployer signs in with a client secret from the environment the azuread
 * provider reads (`ARM_CLIENT_ID`, `ARM_CLIENT_SECRET`); other sign-ins (Azure CLI, OIDC, managed
 * identity, certificate) are not checked here and Entra checks each write as it comes.
 * `m365-connectors:preflight: false` turns it off.
 *
 * @module
 */
import { ConfigError, CredentialRejectedError, DeployerRights, PermissionMissingError, deployerNeedsOf, ownershipTag, requiredRights, resourceAppsOf, type DeployerNeeds, type DeployerRightName } from "../catalog";
import { checkDeployer, preflightChecks } from "../probe";
import type { StackConfig } from "./config";

/** What the preflight did. */
export type PreflightOutcome =
    | { readonly status: "pass"; readonly rights: readonly DeployerRightName[] }
    | { readonly status: "skipped"; readonly reason: string };

/** The profiles of the managed connectors of a stack (verify-only ones write nothing). */
const managedProfiles = (config: StackConfig) => config.connectors.filter((c) => !c.verifyOnly).map((c) => c.profile);

/** The rights the managed connectors of `config` ask of the deployer. */
export function deployerNeeds(config: StackConfig): DeployerNeeds {
    return deployerNeedsOf(managedProfiles(config));
}

/**
 * Checks the deployer of `config`; throws a {@link PermissionMissingError} naming every missing
 * right or service principal and its fix, a {@link ConfigError} naming the `displayName` of a
 * connector whose application would clash with one this stack did not create (with how to adopt
 * it), or a {@link CredentialRejectedError} when the deployer cannot sign in. `stack` names the
 * Pulumi project and stack (the ownership tag of the applications it creates).
 */
export async function preflightDeployer(config: StackConfig, env: NodeJS.ProcessEnv = process.env, stack?: { project: string; stack: string }): Promise<PreflightOutcome> {
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
        servicePrincipals: resourceAppsOf(managedProfiles(config)),
        applications: stack
            ? config.connectors.flatMap((c, i) =>
                  c.verifyOnly || c.existingApplication ? [] : [{ displayName: c.displayName, ownerTag: ownershipTag(stack.project, stack.stack, c.name), property: `m365-connectors:connectors[${i}].displayName` }],
              )
            : [],
        ...(config.endpointOverride ? { endpoints: { baseUrl: config.endpointOverride } } : {}),
    });
    const failed = preflightChecks(found, rights).filter((c) => c.status === "fail");
    const who = `the deployer (ARM_CLIENT_ID ${clientId})`;
    if (!found.ok) {
        const [signIn] = failed;
        throw new CredentialRejectedError(`${who} cannot sign in to tenant ${config.tenantId}`, {
            property: "ARM_CLIENT_SECRET",
            evidence: signIn.evidence,
            remedy: `${signIn.remedy}. Nothing was created`,
        });
    }
    const clashes = found.applications.filter((a) => a.conflict);
    const rightsFailed = failed.filter((c) => !clashes.some((a) => c.name === `displayName:${a.displayName}`));
    if (rightsFailed.length === 0 && clashes.length > 0) {
        const [a] = clashes;
        const remedy = failed.find((c) => c.name === `displayName:${a.displayName}`)?.remedy;
        throw new ConfigError(
            a.property,
            `an application named "${a.displayName}" already exists in tenant ${config.tenantId} that this stack did not create (object ID ${a.conflict!.objectId}, client ID ${a.conflict!.clientId})`,
            `${remedy}. Nothing was created`,
        );
    }
    if (rightsFailed.length > 0) {
        const lacks = rightsFailed.filter((c) => c.name in DeployerRights).map((c) => DeployerRights[c.name as DeployerRightName].grant);
        const noSp = rightsFailed.filter((c) => c.name.startsWith("servicePrincipal:")).map((c) => c.name.slice("servicePrincipal:".length));
        const what = [lacks.length ? `lacks ${lacks.join(", ")}` : "", noSp.length ? `finds no service principal of ${noSp.join(", ")}` : ""].filter(Boolean).join(" and ") || "cannot read the tenant's applications";
        throw new PermissionMissingError(`${who} ${what} in tenant ${config.tenantId}, which this stack needs`, {
            check: "preflight",
            evidence: rightsFailed.map((c) => c.evidence ?? c.summary).join("; "),
            remedy: `${rightsFailed.map((c) => c.remedy).join("; ")}. Then run pulumi up again; nothing was created. (Set m365-connectors:preflight to false to skip this check.)`,
        });
    }
    return { status: "pass", rights };
}
