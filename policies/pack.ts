/**
 * The Meridian policy list and the offline evaluator: `import { policies, evaluatePolicies } from "meridian/policies"`.
 * This module does not start a policy pack (the `PolicyPack` constructor starts serving at once):
 * `policies/index.ts` does that, for the Pulumi CLI.
 */
import type { Policies } from "@pulumi/policy/policy";
import { cantRunReason, configOf, enforcedLevel, policyConfigProblems as checkPolicyConfig, evaluatePolicies as evaluate, type EvaluateOptions, type PolicyPackConfigFile, type PolicyResourceInput, type PolicyViolation } from "./evaluate";
import { budget } from "./rules/cost/budget";
import { ceilings } from "./rules/cost/ceilings";
import { sizes } from "./rules/cost/sizes";
import { encryptionAtRest } from "./rules/encryption/at-rest";
import { encryptionInTransit } from "./rules/encryption/in-transit";
import { keyRotation } from "./rules/encryption/key-rotation";
import { hardening } from "./rules/exposure/hardening";
import { openIngress } from "./rules/exposure/open-ingress";
import { publicBuckets } from "./rules/exposure/public-buckets";
import { publicEndpoints } from "./rules/exposure/public-endpoints";
import { publicIam } from "./rules/exposure/public-iam";
import { unauthenticatedServices } from "./rules/exposure/unauthenticated-services";
import { alertSubscribers } from "./rules/resilience/alert-subscribers";
import { backups } from "./rules/resilience/backups";
import { dataProtection } from "./rules/resilience/data-protection";
import { drBudget, drSummary, type DrBudgetConfig, type DrSummary } from "./rules/resilience/dr-budget";
import { highAvailability } from "./rules/resilience/high-availability";
import { observability } from "./rules/resilience/observability";
import { requiredTags } from "./rules/tagging/required-tags";

export type { EvaluateOptions, PolicyPackConfigFile, PolicyResourceInput, PolicyViolation } from "./evaluate";
export type { ConfigAcknowledgement, PolicyAcknowledgement } from "./acknowledge";
export { estimateMonthlyCost, type CostEstimate, type CostLine, type ServiceUsage } from "./pricing/estimate";
export { PRICES } from "./pricing/prices";
export { drSummary, rtoParts, type DrSummary, type PromotionPart, type ScaleUpPart } from "./rules/resilience/dr-budget";
export { SCALE_UP_TIMES, type ScaleUpEstimate, type ServerlessScaleUp } from "./rules/resilience/rto-parts";

/** Every rule of the pack, in the order they run. */
export const policies: Policies = [
  requiredTags,
  encryptionAtRest,
  encryptionInTransit,
  keyRotation,
  publicEndpoints,
  openIngress,
  publicBuckets,
  publicIam,
  unauthenticatedServices,
  hardening,
  backups,
  dataProtection,
  highAvailability,
  observability,
  drBudget,
  alertSubscribers,
  sizes,
  ceilings,
  budget,
];

/** Runs the pack's rules over resources as the engine reports them. */
export function evaluatePolicies(resources: readonly PolicyResourceInput[], options: EvaluateOptions = {}): Promise<PolicyViolation[]> {
  return evaluate(policies, resources, options);
}

/**
 * The violations that are really mandatory checks the analyzer could not run (a value they read was unknown at
 * preview, so CrossGuard reported "can't run" as an advisory instead).
 */
export function mandatoryChecksNotRun(violations: readonly PolicyViolation[], config: PolicyPackConfigFile = {}): PolicyViolation[] {
  const byName = new Map(policies.map((p) => [p.name, p]));
  return violations.filter((v) => cantRunReason(v.message) !== undefined && byName.has(v.policyName) && enforcedLevel(byName.get(v.policyName)!, config) === "mandatory");
}

/** The problems the Pulumi CLI would refuse a `--policy-pack-config` file for (empty when it is good). */
export function policyConfigProblems(config: PolicyPackConfigFile): string[] {
  return checkPolicyConfig(policies, config);
}

/** The stack's DR numbers against the targets the dr-budget rule itself sees (its defaults, then `config`'s entry). */
export function stackDrSummary(resources: Parameters<typeof drSummary>[0], config?: PolicyPackConfigFile): DrSummary {
  return drSummary(resources, configOf(drBudget, { config }) as unknown as DrBudgetConfig);
}
