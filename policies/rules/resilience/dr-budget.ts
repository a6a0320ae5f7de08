/**
 * meridian-resilience-dr-budget (stack rule): the RTO — DNS failover (detection + TTL), the standby's promotion and
 * its scale-up — fits the RTO target, and the replication's RPO guard fits the RPO target. Reads the budgets the
 * components export (`failoverBudget`, `rpoGuardSeconds`, `promotionBudget`) and computes the scale-up from the
 * stack's autoscalers, Deployments and node pools (rto-parts.ts: it joins an app to its cluster, which no single
 * component knows).
 */
import type { StackValidationPolicy } from "@pulumi/policy/policy";
import { appScaleUps, FAILOVER_REPLICAS, serverlessScaleUps, type ScaleUpEstimate, type ServerlessScaleUp } from "./rto-parts";

export interface DrBudgetConfig {
  readonly rtoTargetSeconds: number;
  readonly rpoTargetSeconds: number;
  /** The replicas the surviving cloud's app must reach (the strategy's scenario 1: 10). @default 10 */
  readonly failoverReplicas?: number;
}

/** The standby's promotion, seconds: the replication's `promotionBudget` and the app's switch to the standby database. */
export interface PromotionPart {
  readonly stopTaskSeconds: number;
  readonly resetSequencesSeconds: number;
  readonly makeWritableSeconds: number;
  /**
   * 0: each cloud's workloads already connect to their own cloud's database (stacks/environments: the app and the
   * serverless service get `databases[cloud].connection()`), so the standby's app needs no change to use the standby.
   */
  readonly appSwitchSeconds: number;
  readonly totalSeconds: number;
}

/** The surviving cloud's scale-up to the failover size: each app and serverless service, and the slowest. */
export interface ScaleUpPart {
  readonly apps: ScaleUpEstimate[];
  readonly serverless: ServerlessScaleUp[];
  /** The slowest of them (they scale in parallel; either cloud may be the survivor, so the slowest counts). */
  readonly seconds: number;
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
  // The RTO's parts (absent in reports before 0.5.0).
  /** Health-check detection and TTL of the slowest DNS failover (they sum to `failoverSeconds`), or null. */
  readonly detectionSeconds: number | null;
  readonly ttlSeconds: number | null;
  /** The standby's promotion, or null when the stack has no replication. */
  readonly promotion: PromotionPart | null;
  /** The surviving cloud's scale-up to `failoverReplicas`, or null when nothing scales (no app, no serverless service). */
  readonly scaleUp: ScaleUpPart | null;
  readonly failoverReplicas: number;
  /** failover + promotion + scale-up: the RTO the stack's settings make, or null when it has no DNS failover. */
  readonly rtoSeconds: number | null;
}

const DNS_TYPES = ["meridian:dns:GlobalDnsFailover", "meridian:dns:CloudDnsRouting", "meridian:dns:TrafficManagerRouting"];

/** The stack's DR numbers from its components' outputs: one function for the rule and the plan report. */
export function drSummary(resources: ReadonlyArray<{ type: string; name?: string; props: Record<string, any>; provider?: string | { readonly urn?: string } }>, config: DrBudgetConfig): DrSummary {
  const dns = resources.filter((r) => DNS_TYPES.includes(r.type));
  const budgets = dns.map((r) => Number(r.props["failoverBudget"]?.totalSeconds)).filter(Number.isFinite);
  const failoverByName = Object.fromEntries(
    dns.filter((r) => typeof r.props["fqdn"] === "string" && Number.isFinite(Number(r.props["failoverBudget"]?.totalSeconds))).map((r) => [r.props["fqdn"] as string, Number(r.props["failoverBudget"].totalSeconds)]),
  );
  const replications = resources.filter((r) => r.type === "meridian:database:DmsReplication");
  const guards = replications.map((r) => Number(r.props["rpoGuardSeconds"])).filter(Number.isFinite);
  const failoverSeconds = budgets.length ? Math.max(...budgets) : null;
  const slowest = dns.find((r) => Number(r.props["failoverBudget"]?.totalSeconds) === failoverSeconds)?.props["failoverBudget"];
  // The slowest replication's promotion (a stack has one today).
  const promotions = replications.map((r) => r.props["promotionBudget"]).filter((p) => Number.isFinite(Number(p?.totalSeconds)));
  const p = promotions.sort((a, b) => Number(b.totalSeconds) - Number(a.totalSeconds))[0];
  const promotion: PromotionPart | null = p
    ? {
        stopTaskSeconds: Number(p.stopTaskSeconds),
        resetSequencesSeconds: Number(p.resetSequencesSeconds),
        makeWritableSeconds: Number(p.makeWritableSeconds),
        appSwitchSeconds: 0,
        totalSeconds: Number(p.totalSeconds),
      }
    : null;
  const failoverReplicas = config.failoverReplicas ?? FAILOVER_REPLICAS;
  const apps = appScaleUps(resources, failoverReplicas);
  const serverless = serverlessScaleUps(resources);
  const scaleUp: ScaleUpPart | null = apps.length + serverless.length > 0 ? { apps, serverless, seconds: Math.max(...apps.map((a) => a.seconds), ...serverless.map((s) => s.seconds)) } : null;
  return {
    failoverSeconds,
    failoverByName,
    rtoTargetSeconds: config.rtoTargetSeconds,
    rpoGuardSeconds: guards.length ? Math.max(...guards) : null,
    rpoTargetSeconds: config.rpoTargetSeconds,
    detectionSeconds: slowest ? Number(slowest.detectionSeconds) : null,
    ttlSeconds: slowest ? Number(slowest.ttlSeconds) : null,
    promotion,
    scaleUp,
    failoverReplicas,
    rtoSeconds: failoverSeconds === null ? null : failoverSeconds + (promotion?.totalSeconds ?? 0) + (scaleUp?.seconds ?? 0),
  };
}

/** `90 s DNS (60 detection + 30 TTL) + 90 s promotion + 60 s scale-up = 240 s`: the RTO and its parts, in one line. */
export function rtoParts(dr: DrSummary): string {
  const parts = [
    `${dr.failoverSeconds} s DNS (${dr.detectionSeconds} s detection + ${dr.ttlSeconds} s TTL)`,
    ...(dr.promotion ? [`${dr.promotion.totalSeconds} s promotion`] : []),
    ...(dr.scaleUp ? [`${dr.scaleUp.seconds} s scale-up`] : []),
  ];
  return `${parts.join(" + ")} = ${dr.rtoSeconds} s`;
}

export const drBudget: StackValidationPolicy = {
  name: "meridian-resilience-dr-budget",
  description:
    "The RTO the stack's settings make — DNS failover (health-check detection + TTL) + the standby database's promotion + the surviving cloud's scale-up to the failover size — is within the RTO target, the failover size fits the surviving cloud, and the replication lag that pages someone is within the RPO target. " +
    "Why: the targets are promises; these are the numbers the stack's own settings make true or false.",
  remediationSteps:
    "Shorten the health-check interval, threshold or TTL; raise the app's minReplicas or the node pools' minimum so the survivor needs no new nodes (or raise their maximum so the failover size fits); lower DmsReplication maxLagSeconds; or change the target on purpose.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      rtoTargetSeconds: { type: "integer", minimum: 1, default: 300 },
      rpoTargetSeconds: { type: "integer", minimum: 1, default: 60 },
      failoverReplicas: { type: "integer", minimum: 1, default: FAILOVER_REPLICAS },
    },
  },
  validateStack: (args, reportViolation) => {
    const dr = drSummary(args.resources, args.getConfig<DrBudgetConfig>());
    if (dr.failoverSeconds !== null && dr.failoverSeconds > dr.rtoTargetSeconds) reportViolation(`DNS failover takes up to ${dr.failoverSeconds} s, over the RTO target of ${dr.rtoTargetSeconds} s`);
    else if (dr.rtoSeconds !== null && dr.rtoSeconds > dr.rtoTargetSeconds) reportViolation(`failover takes up to ${rtoParts(dr)}, over the RTO target of ${dr.rtoTargetSeconds} s`);
    // Only where failing over is possible (a DNS failover): a single-cloud stack's autoscaler is not a failover size.
    if (dr.failoverSeconds !== null) {
      for (const a of dr.scaleUp?.apps ?? []) {
        if (!a.reachable) reportViolation(`${a.app} on ${a.cloud} cannot reach the failover size of ${a.targetReplicas} replicas: ${a.problem}`);
      }
    }
    if (dr.rpoGuardSeconds !== null && dr.rpoGuardSeconds > dr.rpoTargetSeconds) reportViolation(`replication pages at ${dr.rpoGuardSeconds} s of lag, over the RPO target of ${dr.rpoTargetSeconds} s`);
  },
};
