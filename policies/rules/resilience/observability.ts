/** meridian-resilience-observability: logs are kept for a set time, load balancers log requests, and failover records are health-checked. */
import { resourceRule, isSet } from "../rule";

export const observability = resourceRule({
  name: "meridian-resilience-observability",
  finding:
    "CloudWatch log groups have a retention, Application Load Balancers and external backend services log their requests, and Route 53 failover records carry a health check (or evaluate their alias target's health).",
  why: "logs kept forever cost money forever; an entry point without request logs leaves nothing to investigate an incident with; and a failover record without a health check never fails over.",
  remediation: "Set retentionInDays; turn on access logs (AwsLoadBalancer and GcpLoadBalancer do); give each failover record a healthCheckId (GlobalDnsFailover does).",
  enforcementLevel: "mandatory",
  severity: "medium",
  checks: {
    "aws:cloudwatch/logGroup:LogGroup": (p, report) => {
      if (!p["retentionInDays"]) report("retentionInDays is not set: logs are kept forever");
    },
    "aws:lb/loadBalancer:LoadBalancer": (p, report) => {
      if ((p["loadBalancerType"] ?? "application") !== "application") return;
      if (p["accessLogs"]?.enabled !== true) report("accessLogs are not enabled: no record of the requests the entry point served");
    },
    "gcp:compute/backendService:BackendService": (p, report) => {
      if (!String(p["loadBalancingScheme"] ?? "EXTERNAL").startsWith("EXTERNAL")) return;
      if (p["logConfig"]?.enable !== true) report("logConfig.enable is not true: no record of the requests the entry point served");
    },
    "aws:route53/record:Record": (p, report) => {
      if (!(p["failoverRoutingPolicies"] ?? []).length) return;
      const alias = (p["aliases"] ?? [])[0];
      if (!isSet(p, "healthCheckId") && !(alias && alias.evaluateTargetHealth === true)) report("a failover record without healthCheckId (nor an alias evaluating target health)");
    },
  },
});
