import { estimateMonthlyCost } from "../../../policies/pricing/estimate";
import { HOURS_PER_MONTH, PRICES } from "../../../policies/pricing/prices";

const r = (type: string, props: Record<string, unknown>, name = "r") => ({ type, urn: `urn:pulumi:s::p::${type}::${name}`, name, props });

describe("estimateMonthlyCost", () => {
  it("prices each resource from the tables: hours × rate, Multi-AZ and HA doubled, storage added", () => {
    const e = estimateMonthlyCost([
      r("aws:eks/cluster:Cluster", {}),
      r("aws:rds/instance:Instance", { instanceClass: "db.t4g.medium", multiAz: true, allocatedStorage: 100 }),
      r("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-custom-2-7680", availabilityType: "ZONAL", diskSize: 20 } }),
      r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {}),
    ]);
    expect(e.byResource.map((l) => l.monthlyUsd)).toEqual([
      73, // $0.10 × 730 h
      Math.round((0.065 * HOURS_PER_MONTH + 100 * 0.115) * 2 * 100) / 100,
      Math.round(((2 * 0.0413 + 7.5 * 0.007) * HOURS_PER_MONTH + 20 * 0.17) * 100) / 100,
    ]);
    expect(e.totalMonthlyUsd).toBeCloseTo(e.byResource.reduce((s, l) => s + l.monthlyUsd, 0), 2);
    expect(e.unpriced).toEqual([]);
    expect(PRICES.eks.usd.standardClusterHour).toBe(0.1);
  });

  it("names what it cannot price instead of pricing it at zero", () => {
    const e = estimateMonthlyCost([r("aws:rds/instance:Instance", { instanceClass: "db.x2iedn.32xlarge" }), r("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-perf-optimized-N-8" } })]);
    expect(e.byResource).toEqual([]);
    expect(e.unpriced).toHaveLength(2);
  });

  it("prices usage-priced services from a usage file, and says so when it has none", () => {
    const fn = r("aws:lambda/function:Function", { memorySize: 1024 }, "api");
    expect(estimateMonthlyCost([fn]).byResource[0]).toMatchObject({ monthlyUsd: 0, basis: "usage-priced: no usage given (pass a usage file)" });
    const e = estimateMonthlyCost([fn], { usage: { api: { requestsPerMonth: 10_000_000, avgDurationMs: 100 } } });
    // 10 M requests × $0.20/M + 1,000,000 s × 1 GB × $0.0000133334
    expect(e.byResource[0]?.monthlyUsd).toBeCloseTo(2 + 13.33, 2);
  });

  it("counts a regional GKE pool's nodes in each of three zones", () => {
    const e = estimateMonthlyCost([r("gcp:container/nodePool:NodePool", { location: "us-central1", initialNodeCount: 1, nodeConfig: { machineType: "e2-standard-4" } })]);
    expect(e.byResource[0]).toMatchObject({ monthlyUsd: Math.round(0.134 * 3 * HOURS_PER_MONTH * 100) / 100, basis: "3 × e2-standard-4 (3 zones)" });
  });

  it("counts a pool's node locations when they are given", () => {
    const e = estimateMonthlyCost([r("gcp:container/nodePool:NodePool", { location: "us-central1", nodeLocations: ["us-central1-a", "us-central1-b"], initialNodeCount: 1, nodeConfig: { machineType: "e2-standard-4" } })]);
    expect(e.byResource[0]).toMatchObject({ basis: "2 × e2-standard-4 (2 zones)" });
  });

  it("prices the entry points: ALB-hours plus LCUs from usage, GCP forwarding rules as a bundle of five, Front Door's base fee", () => {
    const alb = r("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "application" }, "edge-alb");
    expect(estimateMonthlyCost([alb]).byResource[0]).toMatchObject({ monthlyUsd: Math.round(0.0225 * HOURS_PER_MONTH * 100) / 100, basis: "ALB-hours; LCUs are usage-priced: none given (pass a usage file)" });
    // 25 requests a second, one new connection each, is one LCU for every hour of the month.
    const busy = estimateMonthlyCost([alb], { usage: { "edge-alb": { requestsPerMonth: 25 * 3600 * HOURS_PER_MONTH, avgDurationMs: 50 } } });
    expect(busy.byResource[0]?.monthlyUsd).toBeCloseTo((0.0225 + 0.008) * HOURS_PER_MONTH, 1);
    const rules = estimateMonthlyCost(Array.from({ length: 7 }, (_, i) => r("gcp:compute/globalForwardingRule:GlobalForwardingRule", {}, `fr-${i}`)));
    expect(rules.byResource.map((l) => l.monthlyUsd)).toEqual([18.25, 0, 0, 0, 0, 7.3, 7.3]);
    expect(estimateMonthlyCost([r("azure-native:cdn:Profile", { sku: { name: "Standard_AzureFrontDoor" } })]).byResource[0]?.monthlyUsd).toBe(35);
    expect(estimateMonthlyCost([r("azure-native:cdn:Profile", { sku: { name: "Standard_Verizon" } })]).unpriced).toHaveLength(1);
  });

  it("prices the strategy's instance families: c6i.xlarge nodes, n2-standard-4 nodes, a db.r6g.xlarge database", () => {
    const e = estimateMonthlyCost([
      r("aws:eks/nodeGroup:NodeGroup", { instanceTypes: ["c6i.xlarge"], scalingConfig: { desiredSize: 5, minSize: 5, maxSize: 5 } }, "app"),
      r("gcp:container/nodePool:NodePool", { location: "us-central1-a", initialNodeCount: 5, nodeConfig: { machineType: "n2-standard-4" } }, "app"),
      r("aws:rds/instance:Instance", { instanceClass: "db.r6g.xlarge", multiAz: false, allocatedStorage: 100 }, "db"),
    ]);
    expect(e.unpriced).toEqual([]);
    expect(e.byResource.map((l) => l.monthlyUsd)).toEqual([
      Math.round(5 * 0.17 * HOURS_PER_MONTH * 100) / 100,
      Math.round(5 * 0.1942 * HOURS_PER_MONTH * 100) / 100,
      Math.round((0.449 * HOURS_PER_MONTH + 100 * 0.115) * 100) / 100,
    ]);
  });

  it("sums the lines by cloud and by service, largest first", () => {
    const e = estimateMonthlyCost([
      r("aws:eks/cluster:Cluster", {}, "a"),
      r("aws:eks/cluster:Cluster", {}, "b"),
      r("aws:rds/instance:Instance", { instanceClass: "db.t4g.micro", allocatedStorage: 20 }),
      r("gcp:container/cluster:Cluster", {}),
      r("azure-native:cdn:Profile", { sku: { name: "Standard_AzureFrontDoor" } }),
    ]);
    const line = (type: string) => e.byResource.filter((l) => l.type === type).reduce((s, l) => s + l.monthlyUsd, 0);
    expect(e.byService).toEqual([
      { service: "aws:eks", cloud: "aws", monthlyUsd: 146, resources: 2 },
      { service: "gcp:container", cloud: "gcp", monthlyUsd: line("gcp:container/cluster:Cluster"), resources: 1 },
      { service: "azure-native:cdn", cloud: "azure", monthlyUsd: 35, resources: 1 },
      { service: "aws:rds", cloud: "aws", monthlyUsd: line("aws:rds/instance:Instance"), resources: 1 },
    ].sort((a, b) => b.monthlyUsd - a.monthlyUsd));
    expect(e.byCloud).toEqual([
      { cloud: "aws", monthlyUsd: Math.round((146 + line("aws:rds/instance:Instance")) * 100) / 100 },
      { cloud: "gcp", monthlyUsd: line("gcp:container/cluster:Cluster") },
      { cloud: "azure", monthlyUsd: 35 },
    ].sort((a, b) => b.monthlyUsd - a.monthlyUsd));
    expect(e.byCloud.reduce((s, c) => s + c.monthlyUsd, 0)).toBeCloseTo(e.totalMonthlyUsd, 2);
  });

  it("prices alarms per metric (a metric math alarm pays for each metric) and alert policies per condition", () => {
    const metric = (id: string) => ({ id, metric: { namespace: "AWS/Lambda", metricName: id, period: 60, stat: "Sum" } });
    const e = estimateMonthlyCost([
      r("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: "AWS/RDS", metricName: "CPUUtilization" }, "cpu"),
      r("aws:cloudwatch/metricAlarm:MetricAlarm", { metricQueries: [metric("errors"), metric("invocations"), { id: "rate", expression: "100 * errors / invocations" }] }, "errors"),
      r("gcp:monitoring/alertPolicy:AlertPolicy", { conditions: [{ displayName: "up" }] }, "down"),
    ]);
    const usd = Object.fromEntries(e.byResource.map((l) => [l.urn.split("::").pop(), l.monthlyUsd]));
    expect(usd).toEqual({ cpu: PRICES.awsMisc.usd.alarmMonth, errors: Math.round(PRICES.awsMisc.usd.alarmMonth * 2 * 100) / 100, down: PRICES.gcpMisc.usd.alertConditionMonth });
    expect(e.unpriced).toEqual([]);
  });
});
