/** meridian-cost-budget (stack rule): the estimated monthly cost is within the environment's budget. */
import type { StackValidationPolicy } from "@pulumi/policy/policy";
import { estimateMonthlyCost, type ServiceUsage } from "../../pricing/estimate";

export interface BudgetConfig {
  /** USD per month; 0 means no budget. */
  readonly monthlyBudgetUsd: number;
  /** Expected usage of usage-priced services (the plan's --usage file), by resource name. */
  readonly usage?: Record<string, ServiceUsage>;
}

export const budget: StackValidationPolicy = {
  name: "meridian-cost-budget",
  description:
    "The stack's estimated monthly cost (policies/pricing, list prices) is within the environment's budget. " +
    "Why: a budget checked at review time is cheaper than one discovered on the invoice.",
  remediationSteps: "Shrink what the cost table shows as largest, or raise monthlyBudgetUsd in the environment's policy config on purpose.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: { properties: { monthlyBudgetUsd: { type: "number", minimum: 0, default: 0 }, usage: { type: "object" } } },
  validateStack: (args, reportViolation) => {
    const { monthlyBudgetUsd, usage } = args.getConfig<BudgetConfig>();
    if (!monthlyBudgetUsd) return;
    const estimate = estimateMonthlyCost(
      args.resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.props })),
      { usage },
    );
    if (estimate.totalMonthlyUsd > monthlyBudgetUsd) {
      const top = [...estimate.byResource].sort((a, b) => b.monthlyUsd - a.monthlyUsd).slice(0, 3).map((l) => `${l.urn.split("::").pop()} $${l.monthlyUsd}`);
      reportViolation(`estimated $${estimate.totalMonthlyUsd}/month is over the budget of $${monthlyBudgetUsd} (largest: ${top.join(", ")})`);
    }
  },
};
