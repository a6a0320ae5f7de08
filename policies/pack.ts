/**
 * The Meridian policy list and the offline evaluator: `import { policies, evaluatePolicies } from "meridian/policies"`.
 * This module does not start a policy pack (the `PolicyPack` constructor starts serving at once):
 * `policies/index.ts` does that, for the Pulumi CLI.
 */
import type { Policies } from "@pulumi/policy";
import { evaluatePolicies as evaluate, type EvaluateOptions, type PolicyResourceInput, type PolicyViolation } from "./evaluate";
import { requiredTags } from "./rules/tagging/required-tags";

export type { EvaluateOptions, PolicyPackConfigFile, PolicyResourceInput, PolicyViolation } from "./evaluate";

/** Every rule of the pack, in the order they run. */
export const policies: Policies = [requiredTags];

/** Runs the pack's rules over resources as the engine reports them. */
export function evaluatePolicies(resources: readonly PolicyResourceInput[], options: EvaluateOptions = {}): Promise<PolicyViolation[]> {
  return evaluate(policies, resources, options);
}
