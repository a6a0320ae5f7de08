/**
 * meridian-resilience-dr-budget (stack rule): the DNS failover budget fits the RTO target and the replication's
 * RPO guard fits the RPO target. Reads the budgets the components export (`failoverBudget`, `rpoGuardSeconds`).
 */
import type { StackValidationPolicy } from "@pulumi/policy/policy";

export interface DrBudgetConfig {
  readonly rtoTargetSeconds: number;
  readonly rpoTargetSeconds: number;
}

export interface DrSummary {
  /** The slowest DNS failover budget in the stack, or null when it has no DNS failover. */
  readonly failoverSeconds: number | null;
  /** Each failover name's budget, seconds, by its fully qualified name. */
  readonly failoverByName: Record<string, number>;
  readonly rtoTargetSeconds: number;
  /** The largest replication lag that pages someone, or null when it has no replication. */
  readonly rpoGuardSeconds: number | null;
  readonly rpoTargetSeconds: number;
}

const DNS_TYPES = ["meridian:dns:GlobalDnsFailover", "meridian:dns:CloudDnsRouting", "meridian:dns:TrafficManagerRouting"];

/** The stack's DR numbers from its components' outputs: one function for the rule and the plan report. */
export function drSummary(resources: ReadonlyArray<{ type: string; props: Record<string, any> }>, config: DrBudgetConfig): DrSummary {
  const dns = resources.filter((r) => DNS_TYPES.includes(r.type));
  const budgets = dns.map((r) => Number(r.props["failoverBudget"]?.totalSeconds)).filter(Number.isFinite);
  const failoverByName = Object.fromEntries(
    dns.filter((r) => typeof r.props["fqdn"] === "string" && Number.isFinite(Number(r.props["failoverBudget"]?.totalSeconds))).map((r) => [r.props["fqdn"] as string, Number(r.props["failoverBudget"].totalSeconds)]),
  );
  const guards = resources.filter((r) => r.type === "meridian:database:DmsReplication").map((r) => Number(r.props["rpoGuardSeconds"])).filter(Number.isFinite);
  return {
    failoverSeconds: budgets.length ? Math.max(...budgets) : null,
    failoverByName,
    rtoTargetSeconds: config.rtoTargetSeconds,
    rpoGuardSeconds: guards.length ? Math.max(...guards) : null,
    rpoTargetSeconds: config.rpoTargetSeconds,
  };
}

export const drBudget: StackValidationPolicy = {
  name: "meridian-resilience-dr-budget",
  description:
    "The DNS failover budget (health-check detection + TTL) is within the RTO target, and the replication lag that pages someone is within the RPO target. " +
    "Why: the targets are promises; these are the numbers the stack's own settings make true or false.",
  remediationSteps: "Shorten the health-check interval, threshold or TTL; lower DmsReplication maxLagSeconds; or change the target on purpose.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      rtoTargetSeconds: { type: "integer", minimum: 1, default: 300 },
      rpoTargetSeconds: { type: "integer", minimum: 1, default: 60 },
    },
  },
  validateStack: (args, reportViolation) => {
    const dr = drSummary(args.resources, args.getConfig<DrBudgetConfig>());
    if (dr.failoverSeconds !== null && dr.failoverSeconds > dr.rtoTargetSeconds) reportViolation(`DNS failover takes up to ${dr.failoverSeconds} s, over the RTO target of ${dr.rtoTargetSeconds} s`);
    if (dr.rpoGuardSeconds !== null && dr.rpoGuardSeconds > dr.rpoTargetSeconds) reportViolation(`replication pages at ${dr.rpoGuardSeconds} s of lag, over the RPO target of ${dr.rpoTargetSeconds} s`);
  },
};
