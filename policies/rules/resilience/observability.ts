/** meridian-resilience-observability: logs are kept for a set time, and failover records are health-checked. */
import { resourceRule } from "../rule";

export const observability = resourceRule({
  name: "meridian-resilience-observability",
  finding: "CloudWatch log groups have a retention, and Route 53 failover records carry a health check (or evaluate their alias target's health).",
  why: "logs kept forever cost money forever, and a failover record without a health check never fails over.",
  remediation: "Set retentionInDays; give each failover record a healthCheckId (GlobalDnsFailover does).",
  enforcementLevel: "mandatory",
  severity: "medium",
  checks: {
    "aws:cloudwatch/logGroup:LogGroup": (p, report) => {
      if (!p["retentionInDays"]) report("retentionInDays is not set: logs are kept forever");
    },
    "aws:route53/record:Record": (p, report) => {
      if (!(p["failoverRoutingPolicies"] ?? []).length) return;
      const alias = (p["aliases"] ?? [])[0];
      if (!p["healthCheckId"] && !(alias && alias.evaluateTargetHealth === true)) report("a failover record without healthCheckId (nor an alias evaluating target health)");
    },
  },
});
