import * as pulumi from "@pulumi/pulumi";
import { GlobalDnsFailover, validateGlobalDnsFailoverArgs, type DnsEndpoint, type GlobalDnsFailoverArgs } from "../../../components/dns";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:dns:GlobalDnsFailover";
const aws: DnsEndpoint = { name: "aws", address: "api-aws.example.net", cloud: "aws", role: "primary" };
const gcp: DnsEndpoint = { name: "gcp", address: "api-gcp.example.net", cloud: "gcp", role: "secondary" };
const base: GlobalDnsFailoverArgs = { zoneName: "example.com", recordName: "api", routing: "failover", endpoints: [aws, gcp] };

describe("validateGlobalDnsFailoverArgs", () => {
  it("computes the prod-like failover budget: 10 s checks, threshold 3, TTL 60 → 90 s", () => {
    const a = validateGlobalDnsFailoverArgs("dns", { ...base, healthCheck: { requestIntervalSeconds: 10, failureThreshold: 3 }, ttlSeconds: 60 });
    expect(a.budget).toEqual({ detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 });
  });

  it("defaults to 30 s checks, threshold 3 and TTL 60: 150 s", () => {
    expect(validateGlobalDnsFailoverArgs("dns", base).budget.totalSeconds).toBe(150);
  });

  it.each<[string, Partial<GlobalDnsFailoverArgs>, string]>([
    ["no endpoints", { endpoints: [] }, `${T} 'dns': endpoints must be a list of at least one endpoint; got [].`],
    ["two primaries", { endpoints: [aws, { ...gcp, role: "primary" }] }, `${T} 'dns': endpoints must be exactly one endpoint with role: primary; got ["aws","gcp"].`],
    ["failover without a secondary", { endpoints: [aws] }, `${T} 'dns': endpoints must be at least one endpoint with role: secondary (failover needs somewhere to fail over to); got ["aws"].`],
    ["weights all zero", { routing: "weighted", endpoints: [{ ...aws, weight: 0 }, { ...gcp, weight: 0 }] }, `${T} 'dns': endpoints must be weights that are not all zero (no endpoint would get traffic); got [0,0].`],
    ["a weight out of range", { routing: "weighted", endpoints: [{ ...aws, weight: 70 }, { ...gcp, weight: 300 }] }, `${T} 'dns': endpoints[1].weight must be an integer from 0 to 255; got 300.`],
    ["geolocation without a default", { routing: "geolocation", endpoints: [{ ...aws, continent: "NA" }, { ...gcp, continent: "EU" }] }, `${T} 'dns': endpoints must be exactly one endpoint with isDefault: true (answers locations no other endpoint covers); got [].`],
    ["an unknown continent", { routing: "geolocation", endpoints: [{ ...aws, isDefault: true }, { ...gcp, continent: "XX" }] }, `${T} 'dns': endpoints[1].continent must be one of "AF", "AN", "AS", "EU", "OC", "NA", "SA"; got "XX".`],
    ["latency without a region", { routing: "latency", endpoints: [{ ...aws, region: "us-east-1" }, gcp] }, `${T} 'dns': endpoints[1].region must be an AWS region such as "us-east-1" (the list in components/core/regions.ts; a region opened since needs an entry there); got undefined.`],
    ["an endpoint health path that is not a path", { endpoints: [aws, { ...gcp, healthCheckPath: "ready" }] }, `${T} 'dns': endpoints[1].healthCheckPath must be a request path starting with /, such as "/readyz"; got "ready".`],
    ["an interval other than 10 or 30", { healthCheck: { requestIntervalSeconds: 15 as never } }, `${T} 'dns': healthCheck.requestIntervalSeconds must be one of 10, 30; got 15.`],
    ["a threshold over 10", { healthCheck: { failureThreshold: 11 } }, `${T} 'dns': healthCheck.failureThreshold must be an integer from 1 to 10; got 11.`],
    ["too few checker regions", { healthCheck: { regions: ["us-east-1", "eu-west-1"] } }, `${T} 'dns': healthCheck.regions must be at least 3 distinct regions of`],
    ["a negative TTL", { ttlSeconds: -1 }, `${T} 'dns': ttlSeconds must be an integer from 0 to 86400; got -1.`],
    ["a TTL over a day", { ttlSeconds: 86401 }, `${T} 'dns': ttlSeconds must be an integer from 0 to 86400; got 86401.`],
    ["an address that is neither hostname nor IP", { endpoints: [{ ...aws, address: "not a host!" }, gcp] }, `${T} 'dns': endpoints[0].address must be a hostname or an IPv4 address; got "not a host!".`],
    ["an Output address without a kind", { endpoints: [{ ...aws, address: pulumi.output("x.example.net") }, gcp] }, `${T} 'dns': endpoints[0].kind must be "hostname" or "ip" (required when the address is an Output); got undefined.`],
    ["hostnames mixed with IPs", { endpoints: [aws, { ...gcp, address: "203.0.113.10" }] }, `${T} 'dns': endpoints must be endpoints that are all hostnames or all IP addresses`],
    ["two endpoints with one key", { endpoints: [aws, { ...gcp, name: "aws" }] }, `${T} 'dns': endpoints[1].name must be a key no other endpoint has; got "aws".`],
    ["geolocationFailover with another routing", { geolocationFailover: true }, `${T} 'dns': geolocationFailover must be unset: routing is "failover", and geolocationFailover applies to "geolocation" routing only; got true.`],
    [
      "geolocationFailover with one address",
      { routing: "geolocation", geolocationFailover: true, endpoints: [{ ...aws, role: undefined, continent: "NA" }, { ...aws, name: "default", role: undefined, isDefault: true }] },
      `${T} 'dns': geolocationFailover must be false, or endpoints with at least two distinct addresses (each location fails over to another address); got true.`,
    ],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateGlobalDnsFailoverArgs("dns", { ...base, ...args })).toThrow(message);
  });
});

describe("GlobalDnsFailover", () => {
  it("builds health checks, PRIMARY/SECONDARY records carrying them, and us-east-1 alarms to an encrypted topic", async () => {
    const result = await runProgram(() => {
      const dns = new GlobalDnsFailover("api", { ...base, createZone: true, protect: true, healthCheck: { requestIntervalSeconds: 10, failureThreshold: 3 } });
      return { fqdn: dns.fqdn, budget: dns.failoverBudget, ids: dns.healthCheckIds, ns: dns.nameServers, routing: dns.routing };
    });
    const zone = resource(result, "aws:route53/zone:Zone", "api-zone");
    expect(zone).toMatchObject({ protect: true, retainOnDelete: true });
    expect(zone.inputs).toMatchObject({ name: "example.com", forceDestroy: false });
    const hcAws = resource(result, "aws:route53/healthCheck:HealthCheck", "api-aws");
    expect(hcAws.inputs).toMatchObject({ fqdn: "api-aws.example.net", type: "HTTPS", port: 443, resourcePath: "/healthz", enableSni: true, requestInterval: 10, failureThreshold: 3, measureLatency: false });
    const primary = resource(result, "aws:route53/record:Record", "api-aws");
    expect(primary.inputs).toMatchObject({ name: "api.example.com", type: "CNAME", ttl: 60, records: ["api-aws.example.net"], healthCheckId: hcAws.id, setIdentifier: "aws", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
    const secondary = resource(result, "aws:route53/record:Record", "api-gcp");
    expect(secondary.inputs).toMatchObject({ failoverRoutingPolicies: [{ type: "SECONDARY" }], healthCheckId: resource(result, "aws:route53/healthCheck:HealthCheck", "api-gcp").id });
    // The AWS-managed SNS key would refuse CloudWatch: the topic has its own key that CloudWatch may use.
    const key = resource(result, "aws:kms/key:Key", "api-alerts");
    const policy = JSON.parse(key.inputs["policy"] as string);
    expect(policy.Statement[1]).toMatchObject({ Principal: { Service: ["cloudwatch.amazonaws.com"] }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"] });
    expect(key.inputs).toMatchObject({ region: "us-east-1", enableKeyRotation: true });
    const topic = resource(result, "aws:sns/topic:Topic", "api-alerts");
    expect(topic.inputs["region"]).toBe("us-east-1");
    expect(topic.inputs["kmsMasterKeyId"]).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    const alarm = resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-gcp");
    expect(alarm.inputs).toMatchObject({
      region: "us-east-1",
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: resource(result, "aws:route53/healthCheck:HealthCheck", "api-gcp").id },
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      alarmActions: [expect.stringMatching(/^arn:aws:sns:us-east-1:/)],
    });
    expect(result.outputs).toMatchObject({ fqdn: "api.example.com", budget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 }, routing: "failover" });
    expect(result.outputs["ns"]).toHaveLength(4);
  });

  it("probes each endpoint on its own path when it has one", async () => {
    const result = await runProgram(() => new GlobalDnsFailover("dns", { ...base, endpoints: [aws, { ...gcp, healthCheckPath: "/ready" }], healthCheck: { path: "/readyz" } }));
    expect(resource(result, "aws:route53/healthCheck:HealthCheck", "dns-aws").inputs["resourcePath"]).toBe("/readyz");
    expect(resource(result, "aws:route53/healthCheck:HealthCheck", "dns-gcp").inputs["resourcePath"]).toBe("/ready");
  });

  it("chains more than one secondary through alias records, in the order given", async () => {
    const third: DnsEndpoint = { name: "azure", address: "api-azure.example.net", cloud: "azure", role: "secondary" };
    const result = await runProgram(() => new GlobalDnsFailover("api", { ...base, zoneId: "Z123", endpoints: [gcp, aws, third] }));
    expect(resource(result, "aws:route53/record:Record", "api-aws").inputs).toMatchObject({ name: "api.example.com", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
    expect(resource(result, "aws:route53/record:Record", "api-failover-1").inputs).toMatchObject({
      name: "api.example.com",
      zoneId: "Z123",
      aliases: [{ name: "failover-1.api.example.com", zoneId: "Z123", evaluateTargetHealth: true }],
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
    });
    expect(resource(result, "aws:route53/record:Record", "api-gcp").inputs).toMatchObject({ name: "failover-1.api.example.com", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
    expect(resource(result, "aws:route53/record:Record", "api-azure").inputs).toMatchObject({ name: "failover-1.api.example.com", failoverRoutingPolicies: [{ type: "SECONDARY" }] });
  });

  it("builds weighted, latency and geolocation records with A records for IP endpoints", async () => {
    const ip = (e: DnsEndpoint, address: string) => ({ ...e, role: undefined, address });
    const result = await runProgram(() => {
      new GlobalDnsFailover("w", { ...base, zoneId: "Z1", routing: "weighted", endpoints: [{ ...ip(aws, "203.0.113.1"), weight: 70 }, { ...ip(gcp, "203.0.113.2"), weight: 30 }] });
      new GlobalDnsFailover("l", { ...base, zoneId: "Z1", recordName: "lat", routing: "latency", endpoints: [{ ...aws, role: undefined, region: "us-east-1" }, { ...gcp, role: undefined, region: "eu-west-1" }] });
      new GlobalDnsFailover("g", {
        ...base,
        zoneId: "Z1",
        recordName: "geo",
        routing: "geolocation",
        endpoints: [
          { ...aws, role: undefined, continent: "NA" },
          { ...gcp, role: undefined, continent: "EU" },
          { ...gcp, name: "gcp-asia", role: undefined, continent: "AS" },
          { ...aws, name: "default", role: undefined, isDefault: true },
        ],
      });
    });
    expect(resource(result, "aws:route53/record:Record", "w-aws").inputs).toMatchObject({ type: "A", records: ["203.0.113.1"], weightedRoutingPolicies: [{ weight: 70 }] });
    expect(resource(result, "aws:route53/healthCheck:HealthCheck", "w-gcp").inputs).toMatchObject({ ipAddress: "203.0.113.2" });
    expect(resource(result, "aws:route53/record:Record", "l-gcp").inputs).toMatchObject({ name: "lat.example.com", latencyRoutingPolicies: [{ region: "eu-west-1" }] });
    expect(resource(result, "aws:route53/record:Record", "g-gcp-asia").inputs).toMatchObject({ geolocationRoutingPolicies: [{ continent: "AS" }] });
    expect(resource(result, "aws:route53/record:Record", "g-default").inputs).toMatchObject({ geolocationRoutingPolicies: [{ country: "*" }] });
  });
});

describe("GlobalDnsFailover protection", () => {
  it("protects and retains the created zone, and protects the alarm key but not the topic, with protect: true", async () => {
    const result = await runProgram(() => new GlobalDnsFailover("api", { ...base, createZone: true, protect: true }));
    expect(resource(result, "aws:route53/zone:Zone", "api-zone")).toMatchObject({ protect: true, retainOnDelete: true });
    expect(resource(result, "aws:kms/key:Key", "api-alerts").protect).toBe(true);
    expect(resource(result, "aws:sns/topic:Topic", "api-alerts").protect).toBe(false);
    expect(resource(result, "aws:route53/healthCheck:HealthCheck", "api-aws").protect).toBe(false);
  });

  it("protects the zone when the component gets the protect option, and nothing stateful without either", async () => {
    const result = await runProgram(() => {
      new GlobalDnsFailover("opt", { ...base, createZone: true }, { protect: true });
      new GlobalDnsFailover("off", { ...base, zoneName: "example.org", createZone: true });
    });
    expect(resource(result, "aws:route53/zone:Zone", "opt-zone")).toMatchObject({ protect: true, retainOnDelete: true });
    expect(resource(result, "aws:kms/key:Key", "opt-alerts").protect).toBe(true);
    expect(resource(result, "aws:route53/zone:Zone", "off-zone")).toMatchObject({ protect: false, retainOnDelete: false });
    expect(resource(result, "aws:kms/key:Key", "off-alerts").protect).toBe(false);
  });

  it("routes by continent and by country, with the default as country *", async () => {
    const result = await runProgram(() =>
      new GlobalDnsFailover("g", {
        ...base,
        zoneId: "Z1",
        routing: "geolocation",
        endpoints: [
          { ...aws, role: undefined, country: "DE" },
          { ...gcp, role: undefined, continent: "OC" },
          { ...aws, name: "default", role: undefined, isDefault: true },
        ],
      }),
    );
    expect(resource(result, "aws:route53/record:Record", "g-aws").inputs).toMatchObject({ setIdentifier: "aws", geolocationRoutingPolicies: [{ country: "DE" }] });
    expect(resource(result, "aws:route53/record:Record", "g-gcp").inputs).toMatchObject({ geolocationRoutingPolicies: [{ continent: "OC" }] });
    expect(resource(result, "aws:route53/record:Record", "g-default").inputs).toMatchObject({ geolocationRoutingPolicies: [{ country: "*" }] });
  });
});

describe("GlobalDnsFailover geolocation with failover", () => {
  const geo = (extra: Partial<GlobalDnsFailoverArgs> = {}): GlobalDnsFailoverArgs => ({
    ...base,
    zoneId: "Z1",
    recordName: "app",
    routing: "geolocation",
    geolocationFailover: true,
    endpoints: [
      { ...aws, name: "default", role: undefined, isDefault: true },
      { ...aws, name: "continent-na", role: undefined, continent: "NA" },
      { ...gcp, name: "continent-eu", role: undefined, continent: "EU" },
    ],
    ...extra,
  });

  it("answers each location with an alias to its failover chain: the location's endpoint first, then the other address", async () => {
    const result = await runProgram(() => new GlobalDnsFailover("g", geo({ healthCheck: { requestIntervalSeconds: 10, failureThreshold: 3 }, ttlSeconds: 60 })));
    const check = (n: string) => resource(result, "aws:route53/healthCheck:HealthCheck", `g-${n}`).id;
    const record = (n: string) => resource(result, "aws:route53/record:Record", n).inputs;
    // The location records: aliases that evaluate their chain's health, with no TTL or check of their own.
    expect(record("g-continent-na")).toEqual({
      zoneId: "Z1",
      name: "app.example.com",
      type: "CNAME",
      setIdentifier: "continent-na",
      geolocationRoutingPolicies: [{ continent: "NA" }],
      aliases: [{ name: "geo-continent-na.app.example.com", zoneId: "Z1", evaluateTargetHealth: true }],
    });
    expect(record("g-default")).toMatchObject({ geolocationRoutingPolicies: [{ country: "*" }], aliases: [{ name: "geo-default.app.example.com", evaluateTargetHealth: true }] });
    // North America: AWS while its check passes, else GCP; Europe the other way round.
    expect(record("g-geo-continent-na-continent-na")).toMatchObject({ name: "geo-continent-na.app.example.com", records: ["api-aws.example.net"], healthCheckId: check("continent-na"), failoverRoutingPolicies: [{ type: "PRIMARY" }], ttl: 60 });
    expect(record("g-geo-continent-na-continent-eu")).toMatchObject({ name: "geo-continent-na.app.example.com", records: ["api-gcp.example.net"], healthCheckId: check("continent-eu"), failoverRoutingPolicies: [{ type: "SECONDARY" }], ttl: 60 });
    expect(record("g-geo-continent-eu-continent-eu")).toMatchObject({ records: ["api-gcp.example.net"], failoverRoutingPolicies: [{ type: "PRIMARY" }] });
    expect(record("g-geo-continent-eu-default")).toMatchObject({ records: ["api-aws.example.net"], healthCheckId: check("default"), failoverRoutingPolicies: [{ type: "SECONDARY" }] });
    // The default's chain skips the NA endpoint, which shares its address.
    expect(record("g-geo-default-continent-eu")).toMatchObject({ name: "geo-default.app.example.com", failoverRoutingPolicies: [{ type: "SECONDARY" }] });
    expect(result.resources.filter((r) => r.type === "aws:route53/record:Record").map((r) => r.name).sort()).toEqual([
      "g-continent-eu",
      "g-continent-na",
      "g-default",
      "g-geo-continent-eu-continent-eu",
      "g-geo-continent-eu-default",
      "g-geo-continent-na-continent-eu",
      "g-geo-continent-na-continent-na",
      "g-geo-default-continent-eu",
      "g-geo-default-default",
    ]);
  });

  it("keeps the budget of detection + TTL", () => {
    expect(validateGlobalDnsFailoverArgs("g", geo({ healthCheck: { requestIntervalSeconds: 10, failureThreshold: 3 }, ttlSeconds: 60 })).budget).toEqual({ detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 });
  });
});

describe("GlobalDnsFailover with alerts", () => {
  const critical = "arn:aws:sns:us-east-1:123456789012:alerts-critical";
  const warning = "arn:aws:sns:us-east-1:123456789012:alerts-warning";

  it("sends the endpoint alarms to the critical topic, names the runbook step, and makes no topic or key", async () => {
    const result = await runProgram(() => ({ topic: new GlobalDnsFailover("api", { ...base, alerts: { aws: { critical, warning } } }).alarmTopicArn }));
    const alarm = resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-aws").inputs;
    expect(alarm).toMatchObject({ alarmActions: [critical], okActions: [critical] });
    expect(alarm["alarmDescription"]).toBe(
      "[critical] api.example.com: endpoint aws (aws): failed its Route 53 health check. Runbook endpoint-down: An entry point failed its DNS health check: DNS has moved traffic; find why the cloud's entry point stopped answering (README.md#runbook-alerts)",
    );
    expect(result.resources.filter((r) => r.type === "aws:sns/topic:Topic" || r.type === "aws:kms/key:Key")).toEqual([]);
    expect(result.outputs).toEqual({ topic: critical });
  });

  it("fails on a critical topic outside us-east-1, where the health check alarms live", () => {
    expect(() => validateGlobalDnsFailoverArgs("dns", { ...base, alerts: { aws: { critical: "arn:aws:sns:eu-west-1:123456789012:alerts-critical", warning } } })).toThrow(
      `${T} 'dns': alerts.aws.critical must be an SNS topic in us-east-1 (CloudWatch alarm actions publish to a topic of the alarm's region; these alarms live in us-east-1); got "arn:aws:sns:eu-west-1:123456789012:alerts-critical".`,
    );
  });
});
