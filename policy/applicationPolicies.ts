/**
 * Rules (c), (d), (e) on a connector's `azuread.Application`: single-tenant sign-in audience,
 * at least one owner, and no redirect URIs beyond the profile's.
 *
 * @module
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { PolicyNames } from "./config";
import { connectorsOf, known, knownList, type Connector, type StackResource } from "./model";
import { describeProfile, referenceProfile } from "./rights";

type AppCheck = (c: Connector, app: StackResource) => string[];

function appPolicy(name: string, description: string, enforcementLevel: "mandatory" | "advisory", check: AppCheck): StackValidationPolicy {
    return {
        name,
        description,
        enforcementLevel,
        validateStack: (args, report) => {
            for (const c of connectorsOf(args.resources as unknown as StackResource[])) {
                if (c.application) for (const message of check(c, c.application)) report(message, c.application.urn);
            }
        },
    };
}

/** The only audience a connector application may have. */
export const SINGLE_TENANT = "AzureADMyOrg";

/** Rule (c): a connector application must be single-tenant. */
export const singleTenantPolicy = appPolicy(
    PolicyNames.singleTenant,
    "A connector application accepts sign-ins from other tenants (signInAudience other than AzureADMyOrg).",
    "mandatory",
    (c, app) => {
        const audience = known(() => app.props.signInAudience);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        return [
            `application "${app.name}" of connector "${c.name}" has signInAudience "${String(audience)}": a sync connector's credential would then be accepted for other tenants' directories. ` +
                `Set signInAudience to "${SINGLE_TENANT}" (single tenant), as every connector profile does.`,
        ];
    },
);

/** Rule (d): a connector application should have an owner. */
export const ownersPolicy = appPolicy(
    PolicyNames.owners,
    "A connector application has no owners, so nobody is accountable for its credential and rights.",
    "advisory",
    (c, app) => {
        // Unknown during a preview (an owner created in the same stack): say nothing yet.
        const owners = knownList(() => app.props.owners);
        if (owners === undefined || owners.length > 0) return [];
        return [
            `application "${app.name}" of connector "${c.name}" has no owners. ` +
                `Name the accountable users or service principals: set owners (object IDs) on the connector in the stack config (m365-connectors:connectors[N].owners), ` +
                `or pass owners to ConnectorApplication or to the azuread.Application; to accept it, set "${PolicyNames.owners}": "disabled" in the policy config file.`,
        ];
    },
);

function uris(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Rule (e): no redirect URIs beyond the profile's web redirect URIs. */
export const redirectUrisPolicy = appPolicy(
    PolicyNames.redirectUris,
    "A connector application has redirect URIs its profile does not list (tokens could be sent to them).",
    "mandatory",
    (c, app) => {
        const allowed = referenceProfile(c)?.webRedirectUris ?? [];
        const declared = [
            ...uris(knownList(() => app.props.web?.redirectUris)).map((u) => ({ where: "web.redirectUris", u, ok: allowed.includes(u) })),
            ...uris(knownList(() => app.props.singlePageApplication?.redirectUris)).map((u) => ({ where: "singlePageApplication.redirectUris", u, ok: false })),
            ...uris(knownList(() => app.props.publicClient?.redirectUris)).map((u) => ({ where: "publicClient.redirectUris", u, ok: false })),
        ];
        return declared
            .filter((d) => !d.ok)
            .map(
                (d) =>
                    `application "${app.name}" of connector "${c.name}" has redirect URI "${d.u}" in ${d.where}, which its ${describeProfile(c)} does not list ` +
                    `(${allowed.length ? `allowed: ${allowed.join(", ")}` : "it lists none"}). Remove it from the application.`,
            );
    },
);
