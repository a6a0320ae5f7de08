/** meridian-exposure-open-ingress: no security group lets the whole internet in on a non-web port. */
import { parseCidr } from "../../../components/network/internal/cidr";
import { resourceRule } from "../rule";

export interface OpenIngressConfig {
  /** Ports the internet may reach. */
  readonly allowedPorts: number[];
}

function violation(cidr: unknown, from: unknown, to: unknown, protocol: unknown, allowed: number[]): string | undefined {
  const c = typeof cidr === "string" ? parseCidr(cidr) : undefined;
  if (!c || c.prefix !== 0) return undefined;
  const lo = Number(from ?? 0);
  const hi = Number(to ?? 65535);
  const all = protocol === "-1" || protocol === "all";
  if (!all && lo === hi && allowed.includes(lo)) return undefined;
  return `0.0.0.0/0 may reach ${all ? "every port" : lo === hi ? `port ${lo}` : `ports ${lo}-${hi}`} (allowed from the internet: ${allowed.join(", ")})`;
}

export const openIngress = resourceRule<OpenIngressConfig>({
  name: "meridian-exposure-open-ingress",
  finding: "No security group rule admits 0.0.0.0/0 except on the allowed web ports.",
  why: "SSH, database and admin ports open to the internet are the most common way in.",
  remediation: "Narrow the source to known CIDRs or security groups, or put the service behind a load balancer.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { allowedPorts: { type: "array", items: { type: "number" }, default: [80, 443] } } },
  checks: {
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (p, report, { config }) => {
      const v = violation(p["cidrIpv4"], p["fromPort"], p["toPort"], p["ipProtocol"], config.allowedPorts);
      if (v) report(v);
    },
    "aws:ec2/securityGroupRule:SecurityGroupRule": (p, report, { config }) => {
      if (p["type"] !== "ingress") return;
      for (const cidr of p["cidrBlocks"] ?? []) {
        const v = violation(cidr, p["fromPort"], p["toPort"], p["protocol"], config.allowedPorts);
        if (v) report(v);
      }
    },
    "aws:ec2/securityGroup:SecurityGroup": (p, report, { config }) => {
      for (const rule of p["ingress"] ?? []) {
        for (const cidr of rule.cidrBlocks ?? []) {
          const v = violation(cidr, rule.fromPort, rule.toPort, rule.protocol, config.allowedPorts);
          if (v) report(v);
        }
      }
    },
  },
});
