/**
 * The cost estimator: a pure function of resources' inputs (plus an optional usage file for usage-priced
 * services) → monthly USD per resource and in total. A billable resource whose size is not in the price tables is
 * named in `unpriced`, never priced at zero in silence; a usage-priced one without usage is priced at zero with a
 * basis that says so.
 */
import { HOURS_PER_MONTH, PRICES } from "./prices";

export interface CostResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, any>;
}

/** Expected monthly usage of a usage-priced service, keyed by its resource name. */
export interface ServiceUsage {
  readonly requestsPerMonth: number;
  /** Average request duration, ms. */
  readonly avgDurationMs: number;
}

export interface CostLine {
  readonly urn: string;
  readonly type: string;
  readonly monthlyUsd: number;
  /** How the figure was reached. */
  readonly basis: string;
}

export interface CostEstimate {
  readonly totalMonthlyUsd: number;
  readonly byResource: CostLine[];
  /** The monthly figure by cloud (`aws`, `gcp`, `azure`), largest first. */
  readonly byCloud: ReadonlyArray<{ readonly cloud: string; readonly monthlyUsd: number }>;
  /** The monthly figure by service (the provider's module, e.g. `aws:rds`, `gcp:container`), largest first. */
  readonly byService: ReadonlyArray<{ readonly service: string; readonly cloud: string; readonly monthlyUsd: number; readonly resources: number }>;
  /** Billable resources the tables could not price (their size is unknown to them). */
  readonly unpriced: string[];
}

type Priced = { usd: number; basis: string } | { unpriced: string } | undefined;

const month = (hourly: number) => hourly * HOURS_PER_MONTH;
const round = (usd: number) => Math.round(usd * 100) / 100;

function lookup<T extends Record<string, number>>(table: T, key: unknown): number | undefined {
  return typeof key === "string" && Object.prototype.hasOwnProperty.call(table, key) ? table[key as keyof T] : undefined;
}

function usageCost(r: CostResource, usage: Record<string, ServiceUsage>, perRequest: number, compute: (seconds: number) => number): Priced {
  const u = usage[r.name];
  if (!u) return { usd: 0, basis: "usage-priced: no usage given (pass a usage file)" };
  const seconds = (u.requestsPerMonth * u.avgDurationMs) / 1000;
  return { usd: (u.requestsPerMonth / 1e6) * perRequest + compute(seconds), basis: `${u.requestsPerMonth} requests × ${u.avgDurationMs} ms` };
}

/** What pricing one resource may depend on beyond its own inputs: how many resources of a bundled kind came before. */
interface PricingState {
  gcpForwardingRules: number;
}

/** ALB LCUs from a request rate, counting one new connection per request (25 new connections a second make an LCU). */
function albLcuHours(u: ServiceUsage): number {
  const perSecond = u.requestsPerMonth / (HOURS_PER_MONTH * 3600);
  return (perSecond / 25) * HOURS_PER_MONTH;
}

function priceOne(r: CostResource, usage: Record<string, ServiceUsage>, state: PricingState): Priced {
  const p = r.props;
  switch (r.type) {
    case "aws:lb/loadBalancer:LoadBalancer": {
      const fixed = month(PRICES.loadBalancing.usd.albHour);
      const u = usage[r.name];
      if (!u) return { usd: fixed, basis: "ALB-hours; LCUs are usage-priced: none given (pass a usage file)" };
      const lcuHours = albLcuHours(u);
      return { usd: fixed + lcuHours * PRICES.loadBalancing.usd.albLcuHour, basis: `ALB-hours + ${Math.round(lcuHours)} LCU-hours for ${u.requestsPerMonth} requests (one new connection each)` };
    }
    case "azure-native:cdn:Profile": {
      const sku = String(p["sku"]?.name ?? "");
      if (sku === "Standard_AzureFrontDoor") return { usd: PRICES.loadBalancing.usd.frontDoorStandardMonth, basis: "Front Door Standard base fee (requests and data transfer extra)" };
      if (sku === "Premium_AzureFrontDoor") return { usd: PRICES.loadBalancing.usd.frontDoorPremiumMonth, basis: "Front Door Premium base fee (requests and data transfer extra)" };
      return { unpriced: `sku ${sku}` };
    }
    case "gcp:compute/globalForwardingRule:GlobalForwardingRule":
    case "gcp:compute/forwardingRule:ForwardingRule": {
      const n = ++state.gcpForwardingRules;
      if (n === 1) return { usd: month(PRICES.loadBalancing.usd.gcpFirstFiveRulesHour), basis: "forwarding rules: the first 5 of the project, billed together (data processed extra)" };
      if (n <= 5) return { usd: 0, basis: `forwarding rule ${n} of the first 5 (billed with the first)` };
      return { usd: month(PRICES.loadBalancing.usd.gcpExtraRuleHour), basis: "forwarding rule beyond the first 5 (data processed extra)" };
    }
    case "aws:eks/cluster:Cluster": {
      const extended = p["upgradePolicy"]?.supportType === "EXTENDED";
      return { usd: month(extended ? PRICES.eks.usd.extendedClusterHour : PRICES.eks.usd.standardClusterHour), basis: `control plane, ${extended ? "extended" : "standard"} support` };
    }
    case "aws:eks/nodeGroup:NodeGroup": {
      const type = (p["instanceTypes"] ?? [])[0];
      const hourly = lookup(PRICES.ec2.usd, type);
      if (hourly === undefined) return { unpriced: `instance type ${type}` };
      const n = Number(p["scalingConfig"]?.desiredSize ?? p["scalingConfig"]?.minSize ?? 1);
      return { usd: month(hourly) * n, basis: `${n} × ${type} on-demand${p["capacityType"] === "SPOT" ? " (spot costs less)" : ""}` };
    }
    case "aws:rds/instance:Instance": {
      const hourly = lookup(PRICES.rds.usd, p["instanceClass"]);
      if (hourly === undefined) return { unpriced: `instance class ${p["instanceClass"]}` };
      const copies = p["multiAz"] ? 2 : 1;
      const gb = Number(p["allocatedStorage"] ?? 20);
      return { usd: (month(hourly) + gb * PRICES.rdsStorage.usd.gp3GbMonth) * copies, basis: `${p["instanceClass"]}${copies === 2 ? " Multi-AZ" : ""}, ${gb} GB gp3` };
    }
    case "aws:dms/replicationInstance:ReplicationInstance": {
      const hourly = lookup(PRICES.dms.usd, p["replicationInstanceClass"]);
      if (hourly === undefined) return { unpriced: `instance class ${p["replicationInstanceClass"]}` };
      const copies = p["multiAz"] ? 2 : 1;
      return { usd: month(hourly) * copies, basis: `${p["replicationInstanceClass"]}${copies === 2 ? " Multi-AZ" : ""}` };
    }
    case "aws:ec2/natGateway:NatGateway":
      return { usd: month(PRICES.awsNetwork.usd.natGatewayHour), basis: "NAT gateway-hours (data processing extra)" };
    case "aws:ec2/vpnConnection:VpnConnection":
      return { usd: month(PRICES.awsMisc.usd.vpnConnectionHour), basis: "VPN connection-hours (data transfer extra)" };
    case "aws:ec2/eip:Eip":
      return { usd: month(PRICES.awsMisc.usd.publicIpv4Hour), basis: "public IPv4 address-hours" };
    case "aws:kms/key:Key":
      return { usd: PRICES.awsMisc.usd.kmsKeyMonth, basis: "customer-managed key (requests extra)" };
    case "aws:secretsmanager/secret:Secret":
      return { usd: PRICES.awsMisc.usd.secretMonth, basis: "secret (API calls extra)" };
    case "aws:cloudwatch/metricAlarm:MetricAlarm": {
      // CloudWatch prices an alarm per metric it evaluates: a metric math alarm pays for each metric in its expression.
      const queries: unknown[] = Array.isArray(p["metricQueries"]) ? p["metricQueries"] : [];
      const metrics = Math.max(1, queries.filter((q) => typeof q === "object" && q !== null && (q as { metric?: unknown }).metric !== undefined).length);
      return { usd: PRICES.awsMisc.usd.alarmMonth * metrics, basis: metrics === 1 ? "standard-resolution alarm" : `standard-resolution alarm on ${metrics} metrics (metric math)` };
    }
    case "gcp:monitoring/alertPolicy:AlertPolicy": {
      const conditions = Array.isArray(p["conditions"]) ? p["conditions"].length : 1;
      return { usd: PRICES.gcpMisc.usd.alertConditionMonth * conditions, basis: `${conditions} alerting condition${conditions === 1 ? "" : "s"} (time series returned extra)` };
    }
    case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": {
      // Memory is on the function; without it here, price the 1 GB that ServerlessService's small sizes use is guessing: say so.
      const n = Number(p["provisionedConcurrentExecutions"] ?? 0);
      return { usd: n * 1 * HOURS_PER_MONTH * 3600 * PRICES.awsMisc.usd.provisionedGbSecond, basis: `${n} environments × 1 GB provisioned (the function's memory may differ)` };
    }
    case "gcp:compute/vPNTunnel:VPNTunnel":
      return { usd: month(PRICES.gcpMisc.usd.vpnTunnelHour), basis: "VPN tunnel-hours (egress extra)" };
    case "gcp:kms/cryptoKey:CryptoKey":
      return { usd: PRICES.gcpMisc.usd.kmsKeyMonth, basis: "active key version (rotation adds versions)" };
    case "aws:route53/zone:Zone":
      return { usd: PRICES.route53.usd.hostedZoneMonth, basis: "hosted zone (queries extra)" };
    case "aws:route53/healthCheck:HealthCheck": {
      const aws = p["tags"]?.["meridian:cloud"] === "aws";
      const options = [p["type"] === "HTTPS" || p["type"] === "HTTPS_STR_MATCH" ? "HTTPS" : "", Number(p["requestInterval"]) === 10 ? "fast interval" : "", p["measureLatency"] ? "latency" : ""].filter(Boolean);
      return {
        usd: aws ? PRICES.route53.usd.healthCheckAwsMonth : PRICES.route53.usd.healthCheckOtherMonth,
        basis: `basic health check, ${aws ? "AWS" : "non-AWS"} endpoint${options.length ? `; its options (${options.join(", ")}) cost extra and are not in the tables` : ""}`,
      };
    }
    case "aws:lambda/function:Function": {
      const gb = Number(p["memorySize"] ?? 128) / 1024;
      return usageCost(r, usage, PRICES.usage.usd.lambdaPerMillionRequests, (s) => s * gb * PRICES.usage.usd.lambdaArmGbSecond);
    }
    case "gcp:container/cluster:Cluster":
      return { usd: month(PRICES.gke.usd.clusterHour), basis: "cluster management fee (the free-tier credit is not applied)" };
    case "gcp:container/nodePool:NodePool": {
      const type = p["nodeConfig"]?.machineType;
      const hourly = lookup(PRICES.gce.usd, type);
      if (hourly === undefined) return { unpriced: `machine type ${type}` };
      // A regional cluster's pool counts nodes per zone: three zones.
      const locations = Array.isArray(p["nodeLocations"]) && p["nodeLocations"].length > 0 ? p["nodeLocations"].length : undefined;
      const zones = locations ?? (/-[a-z]$/.test(String(p["location"] ?? "")) ? 1 : 3);
      const n = Number(p["initialNodeCount"] ?? p["autoscaling"]?.minNodeCount ?? 1) * zones;
      return { usd: month(hourly) * n, basis: `${n} × ${type} (${zones} zone${zones > 1 ? "s" : ""})${p["nodeConfig"]?.spot ? ", spot costs less" : ""}` };
    }
    case "gcp:sql/databaseInstance:DatabaseInstance": {
      const tier = String(p["settings"]?.tier ?? "");
      const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
      if (!m) return { unpriced: `tier ${tier}` };
      const copies = p["settings"]?.availabilityType === "REGIONAL" ? 2 : 1;
      const gb = Number(p["settings"]?.diskSize ?? 10);
      const hourly = Number(m[1]) * PRICES.cloudSql.usd.vcpuHour + (Number(m[2]) / 1024) * PRICES.cloudSql.usd.memoryGbHour;
      return { usd: (month(hourly) + gb * PRICES.cloudSql.usd.ssdGbMonth) * copies, basis: `${tier}${copies === 2 ? " REGIONAL" : ""}, ${gb} GB SSD` };
    }
    case "gcp:compute/routerNat:RouterNat":
      return { usd: month(PRICES.cloudNat.usd.gatewayHour), basis: "Cloud NAT at its VM cap (data processing extra)" };
    case "gcp:cloudrunv2/service:Service": {
      const limits = p["template"]?.containers?.[0]?.resources?.limits ?? {};
      const cpu = Number(limits.cpu ?? 1);
      const gib = Number(String(limits.memory ?? "512Mi").replace(/Mi$/, "")) / 1024;
      return usageCost(r, usage, PRICES.usage.usd.cloudRunPerMillionRequests, (s) => s * (cpu * PRICES.usage.usd.cloudRunVcpuSecond + gib * PRICES.usage.usd.cloudRunGibSecond));
    }
    case "azure-native:containerservice:ManagedCluster": {
      const fee = p["sku"]?.tier === "Standard" ? month(PRICES.aks.usd.standardClusterHour) : 0;
      const sys = (p["agentPoolProfiles"] ?? [])[0] ?? {};
      const hourly = lookup(PRICES.azureVm.usd, sys.vmSize);
      if (hourly === undefined) return { unpriced: `system pool VM size ${sys.vmSize}` };
      const n = Number(sys.count ?? sys.minCount ?? 1);
      return { usd: fee + month(hourly) * n, basis: `${p["sku"]?.tier ?? "Free"} tier + ${n} × ${sys.vmSize} system nodes` };
    }
    case "azure-native:containerservice:AgentPool": {
      const hourly = lookup(PRICES.azureVm.usd, p["vmSize"]);
      if (hourly === undefined) return { unpriced: `VM size ${p["vmSize"]}` };
      const n = Number(p["count"] ?? p["minCount"] ?? 1);
      return { usd: month(hourly) * n, basis: `${n} × ${p["vmSize"]}${p["scaleSetPriority"] === "Spot" ? ", spot costs less" : ""}` };
    }
    case "azure-native:dbforpostgresql:Server": {
      const sku = p["sku"]?.name;
      const hourly = lookup(PRICES.azurePostgres.usd, sku);
      if (hourly === undefined) return { unpriced: `sku ${sku}` };
      const copies = p["highAvailability"]?.mode === "ZoneRedundant" || p["highAvailability"]?.mode === "SameZone" ? 2 : 1;
      const gb = Number(p["storage"]?.storageSizeGB ?? 32);
      return { usd: (month(hourly) + gb * PRICES.azurePostgres.usd.storageGbMonth) * copies, basis: `${sku}${copies === 2 ? " with HA" : ""}, ${gb} GB` };
    }
    case "azure-native:network:NatGateway":
      return { usd: month(PRICES.azureNetwork.usd.natGatewayHour), basis: "NAT gateway-hours (data processing extra)" };
    case "azure-native:app:ContainerApp": {
      const res = p["template"]?.containers?.[0]?.resources ?? {};
      const cpu = Number(res.cpu ?? 0.5);
      const gib = Number(String(res.memory ?? "1Gi").replace(/Gi$/, ""));
      return usageCost(r, usage, 0, (s) => s * (cpu * PRICES.usage.usd.containerAppsVcpuSecond + gib * PRICES.usage.usd.containerAppsGibSecond));
    }
    case "azure-native:web:WebApp":
      return usageCost(r, usage, 0, () => 0);
    default:
      return undefined;
  }
}

/** Estimates the monthly cost of the resources, per resource and in total. */
export function estimateMonthlyCost(resources: readonly CostResource[], options: { usage?: Record<string, ServiceUsage> } = {}): CostEstimate {
  const byResource: CostLine[] = [];
  const unpriced: string[] = [];
  const state: PricingState = { gcpForwardingRules: 0 };
  for (const r of resources) {
    const priced = priceOne(r, options.usage ?? {}, state);
    if (priced === undefined) continue;
    if ("unpriced" in priced) {
      unpriced.push(r.urn);
      continue;
    }
    byResource.push({ urn: r.urn, type: r.type, monthlyUsd: round(priced.usd), basis: priced.basis });
  }
  return { totalMonthlyUsd: round(byResource.reduce((s, l) => s + l.monthlyUsd, 0)), byResource, ...grouped(byResource), unpriced };
}

/** `aws:rds/instance:Instance` → cloud `aws`, service `aws:rds`. */
function serviceOf(type: string): { cloud: string; service: string } {
  const [pkg = "", mod = ""] = type.split(":");
  return { cloud: pkg === "azure-native" ? "azure" : pkg, service: `${pkg}:${mod.split("/")[0]}` };
}

/** The lines summed by cloud and by service, largest first (ties by name), rounded to cents. */
function grouped(lines: readonly CostLine[]): Pick<CostEstimate, "byCloud" | "byService"> {
  const clouds = new Map<string, number>();
  const services = new Map<string, { cloud: string; usd: number; n: number }>();
  for (const l of lines) {
    const { cloud, service } = serviceOf(l.type);
    clouds.set(cloud, (clouds.get(cloud) ?? 0) + l.monthlyUsd);
    const s = services.get(service) ?? { cloud, usd: 0, n: 0 };
    services.set(service, { cloud, usd: s.usd + l.monthlyUsd, n: s.n + 1 });
  }
  const order = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
  return {
    byCloud: [...clouds].sort(order).map(([cloud, usd]) => ({ cloud, monthlyUsd: round(usd) })),
    byService: [...services]
      .map(([service, s]): [string, number, string, number] => [service, s.usd, s.cloud, s.n])
      .sort((a, b) => order([a[0], a[1]], [b[0], b[1]]))
      .map(([service, usd, cloud, n]) => ({ service, cloud, monthlyUsd: round(usd), resources: n })),
  };
}
