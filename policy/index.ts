/**
 * The least-privilege guardrails policy pack: run it with
 * `pulumi preview --policy-pack policy [--policy-pack-config policy-config.json]`.
 * The rules are in ./policies.ts; README "Guardrails" says what each checks and how to waive it.
 *
 * @module
 */
import { PolicyPack } from "@pulumi/policy";
import { guardrailPolicies } from "./policies";

new PolicyPack("m365-connectors-guardrails", { policies: guardrailPolicies() });
