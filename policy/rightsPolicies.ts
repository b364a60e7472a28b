/**
 * Rule (a): rights given to a connector's service principal (app-role assignments, delegated
 * grants, directory-role assignments) that its profile does not list. Privileged ones
 * (catalog/privileged.ts) are blocked (`mandatory`); the rest are reported (`advisory`).
 *
 * @module
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { PolicyNames, allowedRightsSchema, type AllowedRights } from "./config";
import { connectorsOf, type Connector, type StackResource } from "./model";
import { describeProfile, extraRights, isWaived, type Right } from "./rights";

const KIND_OF_RESOURCE: Record<Right["kind"], string> = {
    "application permission": "app-role assignment",
    "delegated permission": "delegated permission grant",
    "directory role": "directory-role assignment",
};

/** The message of a right the profile does not list. */
export function extraRightMessage(c: Connector, right: Right, policy: string): string {
    const what = `${KIND_OF_RESOURCE[right.kind]} "${right.resource.name}" gives connector "${c.name}" the ${right.kind} ${right.label}`;
    const why = right.privileged ? `, which Microsoft lists as privileged (${right.privileged.why}; ${right.privileged.source}),` : "";
    const remedy =
        c.profile === "custom"
            ? `Remove "${right.label}" from the connector's ${right.kind === "directory role" ? "directoryRoles" : right.kind === "delegated permission" ? "delegatedScopes" : "appRoles"} in the stack config`
            : `Remove the ${KIND_OF_RESOURCE[right.kind]}`;
    return (
        `${what}${why} but its ${describeProfile(c)} does not ask for it. ${remedy}; ` +
        `or, after review, waive it: add "${right.label}" to allowedRights["${c.name}"] of policy "${policy}" in the policy config file.`
    );
}

function rightsPolicy(name: string, description: string, enforcementLevel: "mandatory" | "advisory", pick: (r: Right) => boolean): StackValidationPolicy {
    return {
        name,
        description,
        enforcementLevel,
        configSchema: { properties: { allowedRights: allowedRightsSchema } },
        validateStack: (args, report) => {
            const waivers = args.getConfig<{ allowedRights?: AllowedRights }>().allowedRights;
            for (const c of connectorsOf(args.resources as unknown as StackResource[])) {
                for (const right of extraRights(c).filter(pick)) {
                    if (!isWaived(waivers, c.name, right)) report(extraRightMessage(c, right, name), right.resource.urn);
                }
            }
        },
    };
}

/** Blocks privileged rights a connector's profile does not list. */
export const privilegedRightsPolicy = rightsPolicy(
    PolicyNames.privilegedRights,
    "A connector's service principal gets a privileged directory role or high-risk Microsoft Graph permission that its profile does not list.",
    "mandatory",
    (r) => r.privileged !== undefined,
);

/** Reports other rights a connector's profile does not list. */
export const extraRightsPolicy = rightsPolicy(
    PolicyNames.extraRights,
    "A connector's service principal gets a permission or directory role that its profile does not list.",
    "advisory",
    (r) => r.privileged === undefined,
);
