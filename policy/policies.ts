/**
 * Every guardrail of the pack, in the order `pulumi preview` lists them.
 *
 * @module
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { ownersPolicy, redirectUrisPolicy, singleTenantPolicy } from "./applicationPolicies";
import { credentialLifetimePolicy, secretInsteadOfCertificatePolicy } from "./credentialPolicies";
import { extraRightsPolicy, privilegedRightsPolicy } from "./rightsPolicies";

/** The pack's policies; `now` is the clock of the lifetime rule (tests pin it). */
export function guardrailPolicies(now?: () => Date): StackValidationPolicy[] {
    return [
        privilegedRightsPolicy,
        extraRightsPolicy,
        credentialLifetimePolicy(now),
        secretInsteadOfCertificatePolicy,
        singleTenantPolicy,
        ownersPolicy,
        redirectUrisPolicy,
    ];
}
