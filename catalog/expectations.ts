/**
 * What the probe expects to observe for a connector: the app roles each resource's token must
 * carry, the directory roles in `wids`, whether Exchange is probed and which Graph reads run.
 *
 * @module
 */
import { ExchangeCapableRoles, DirectoryRoles, type ResourceAppName } from "./ids";
import type { GraphRead } from "./profiles";
import type { ResolvedProfile } from "./resolve";

/** The expectations of one connector, derived from its resolved profile. */
export interface ProbeExpectations {
    /** App roles that must appear in the `roles` claim of the token for their resource. */
    readonly appRoles: readonly { readonly resource: ResourceAppName; readonly value: string }[];
    /** Directory roles (template IDs) that must appear in the `wids` claim. */
    readonly directoryRoles: readonly { readonly name: string; readonly templateId: string }[];
    /** Whether the connector uses the Exchange Online admin API. */
    readonly exchange: boolean;
    /** Graph reads the connector depends on. */
    readonly graphReads: readonly GraphRead[];
}

/** Derives the probe's expectations from a resolved profile. */
export function expectationsOf(profile: ResolvedProfile): ProbeExpectations {
    return {
        appRoles: profile.appRoles.map((p) => ({ resource: p.resource, value: p.value })),
        directoryRoles: profile.directoryRoles.map((r) => ({ name: r.name, templateId: r.templateId })),
        exchange: profile.exchange,
        graphReads: profile.graphReads,
    };
}

/** Template IDs of the roles Exchange Online accepts for app-only RBAC. */
export const exchangeCapableTemplateIds: readonly string[] = ExchangeCapableRoles.map((n) => DirectoryRoles[n]);
