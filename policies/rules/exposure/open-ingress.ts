/**
 * meridian-exposure-open-ingress: no security group, firewall rule or network security group lets the whole internet
 * in on a port other than the allowed web ports.
 *
 * "The whole internet" is any /0 block (IPv4 `0.0.0.0/0` or IPv6 `::/0`), and on Azure the `*`, `Internet`, `Any`
 * and `0.0.0.0` tags. A rule that admits every protocol, or a protocol without ports, opens every port. ICMP from
 * anywhere is a finding on GCP and Azure (Trivy's AVD-GCP-0027 and AVD-AZU-0047 flag any protocol), not on AWS, where
 * neither Checkov nor Trivy flags it.
 */
import { resourceRule } from "../rule";

export interface OpenIngressConfig {
  /** Ports the internet may reach. */
  readonly allowedPorts: number[];
}

/** A source that is the whole internet: any /0 block, IPv4 or IPv6. */
const isWorldCidr = (cidr: unknown): boolean => typeof cidr === "string" && cidr.trim().endsWith("/0");

/** Azure's address prefixes for any source (Checkov's NSGRulePortAccessRestricted list, plus any /0 block). */
const AZURE_ANY = new Set(["*", "0.0.0.0", "internet", "any"]);
const isAzureWorld = (prefix: unknown): boolean => typeof prefix === "string" && (AZURE_ANY.has(prefix.trim().toLowerCase()) || isWorldCidr(prefix));

const ICMP = new Set(["icmp", "icmpv6", "1", "58"]);
const isIcmp = (protocol: unknown): boolean => typeof protocol === "string" && ICMP.has(protocol.toLowerCase());

/** An inclusive port range; `[0, 65535]` is every port. */
type Range = readonly [number, number];
const EVERY: Range = [0, 65535];

function describe(ranges: readonly Range[]): string {
  if (ranges.some(([lo, hi]) => lo <= 0 && hi >= 65535)) return "every port";
  const parts = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return ranges.length === 1 && ranges[0]![0] === ranges[0]![1] ? `port ${parts[0]}` : `ports ${parts.join(", ")}`;
}

/** The message for `source` reaching `ranges`, or undefined when every range is a single allowed port. */
function finding(source: string, ranges: readonly Range[], allowed: readonly number[]): string | undefined {
  if (ranges.length === 0 || ranges.every(([lo, hi]) => lo === hi && allowed.includes(lo))) return undefined;
  return `${source} may reach ${describe(ranges)} (allowed from the internet: ${allowed.join(", ")})`;
}

/** The ports an AWS rule opens: all for protocol -1/all, or from 0 to 0 (as Checkov reads it), else fromPort-toPort. */
function awsRanges(from: unknown, to: unknown, protocol: unknown): Range[] {
  const p = String(protocol ?? "").toLowerCase();
  if (p === "-1" || p === "all") return [EVERY];
  const lo = Number(from ?? 0);
  const hi = Number(to ?? 65535);
  if (lo === 0 && hi === 0) return [EVERY];
  return [[lo, hi]];
}

/** Checks one AWS ingress rule (inline, `SecurityGroupRule` or `SecurityGroupIngressRule`) for world sources. */
function awsRule(sources: unknown[], from: unknown, to: unknown, protocol: unknown, allowed: readonly number[], report: (m: string) => void): void {
  if (isIcmp(protocol)) return;
  for (const source of sources) {
    if (!isWorldCidr(source)) continue;
    const f = finding(String(source).trim(), awsRanges(from, to, protocol), allowed);
    if (f) report(f);
  }
}

/** Parses port strings `"22"`, `"8000-8080"`, `"*"` (GCP and Azure); an unreadable one counts as every port. */
function portRanges(ports: readonly unknown[]): Range[] {
  return ports.map((raw) => {
    const s = String(raw).trim();
    if (s === "*") return EVERY;
    const dash = s.indexOf("-");
    const lo = Number(dash < 0 ? s : s.slice(0, dash));
    const hi = Number(dash < 0 ? s : s.slice(dash + 1));
    return Number.isInteger(lo) && Number.isInteger(hi) ? ([lo, hi] as Range) : EVERY;
  });
}

/** Checks one Azure security rule (inline in an NSG or a `SecurityRule`). */
function azureRule(r: Record<string, any>, allowed: readonly number[], report: (m: string) => void): void {
  if (String(r["access"] ?? "").toLowerCase() !== "allow" || String(r["direction"] ?? "").toLowerCase() !== "inbound") return;
  const sources = [r["sourceAddressPrefix"], ...(r["sourceAddressPrefixes"] ?? [])].filter(isAzureWorld) as string[];
  if (sources.length === 0) return;
  const prefix = r["name"] ? `security rule ${r["name"]}: ` : "";
  if (isIcmp(r["protocol"])) {
    report(`${prefix}${sources[0]} may reach the network over ICMP`);
    return;
  }
  const ports = [r["destinationPortRange"], ...(r["destinationPortRanges"] ?? [])].filter((x) => x !== undefined && x !== null && x !== "");
  const f = finding(sources[0]!, ports.length === 0 ? [EVERY] : portRanges(ports), allowed);
  if (f) report(prefix + f);
}

export const openIngress = resourceRule<OpenIngressConfig>({
  name: "meridian-exposure-open-ingress",
  finding: "No security group rule, firewall rule or network security rule admits the whole internet (0.0.0.0/0, ::/0, Internet, *) except on the allowed web ports.",
  why: "SSH, database and admin ports open to the internet are the most common way in.",
  remediation: "Narrow the source to known CIDRs or security groups, or put the service behind a load balancer.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { allowedPorts: { type: "array", items: { type: "number" }, default: [80, 443] } } },
  checks: {
    // ----- AWS
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { refs: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AVD-AWS-0107"], check: (p, report, { config }) => {
      awsRule([p["cidrIpv4"], p["cidrIpv6"]], p["fromPort"], p["toPort"], p["ipProtocol"], config.allowedPorts, report);
    } },
    "aws:ec2/securityGroupRule:SecurityGroupRule": { refs: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AVD-AWS-0107"], check: (p, report, { config }) => {
      if (p["type"] !== "ingress" || p["self"] === true) return;
      awsRule([...(p["cidrBlocks"] ?? []), ...(p["ipv6CidrBlocks"] ?? [])], p["fromPort"], p["toPort"], p["protocol"], config.allowedPorts, report);
    } },
    "aws:ec2/securityGroup:SecurityGroup": { refs: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AVD-AWS-0107"], check: (p, report, { config }) => {
      for (const rule of p["ingress"] ?? []) {
        if (rule?.self === true) continue;
        awsRule([...(rule?.cidrBlocks ?? []), ...(rule?.ipv6CidrBlocks ?? [])], rule?.fromPort, rule?.toPort, rule?.protocol, config.allowedPorts, report);
      }
    } },

    // ----- GCP
    "gcp:compute/firewall:Firewall": { refs: ["CKV_GCP_2", "CKV_GCP_3", "CKV_GCP_88", "AVD-GCP-0027"], check: (p, report, { config }) => {
      if (p["disabled"] === true || String(p["direction"] ?? "INGRESS").toUpperCase() !== "INGRESS") return;
      const source = ((p["sourceRanges"] ?? []) as unknown[]).find(isWorldCidr);
      if (source === undefined) return;
      for (const allow of p["allows"] ?? []) {
        const protocol = String(allow?.protocol ?? "").toLowerCase();
        if (isIcmp(protocol)) {
          report(`${protocol}: ${String(source).trim()} may reach the network over ICMP`);
          continue;
        }
        const ports: unknown[] = allow?.ports ?? [];
        const f = finding(String(source).trim(), protocol === "all" || ports.length === 0 ? [EVERY] : portRanges(ports), config.allowedPorts);
        if (f) report(`${protocol}: ${f}`);
      }
    } },

    // ----- Azure
    "azure-native:network:NetworkSecurityGroup": { refs: ["CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_77", "AVD-AZU-0047"], check: (p, report, { config }) => {
      for (const rule of p["securityRules"] ?? []) azureRule(rule ?? {}, config.allowedPorts, report);
    } },
    "azure-native:network:SecurityRule": { refs: ["CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_77", "AVD-AZU-0047"], check: (p, report, { config }) => {
      azureRule(p, config.allowedPorts, report);
    } },
  },
});
