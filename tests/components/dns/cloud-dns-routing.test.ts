import { CloudDnsRouting, validateCloudDnsRoutingArgs, type CloudDnsEndpoint, type CloudDnsRoutingArgs } from "../../../components/dns";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:dns:CloudDnsRouting";
const aws: CloudDnsEndpoint = { name: "aws", address: "203.0.113.10", cloud: "aws", role: "primary" };
const gcp: CloudDnsEndpoint = { name: "gcp", address: "203.0.113.20", cloud: "gcp", role: "secondary", location: "europe-west1" };
const base: CloudDnsRoutingArgs = { managedZone: "example-zone", dnsName: "example.com", recordName: "api", routing: "failover", endpoints: [aws, gcp] };

describe("validateCloudDnsRoutingArgs", () => {
  it("budgets 30 s × 2 + 60 s = 120 s by default", () => {
    expect(validateCloudDnsRoutingArgs("dns", base).budget).toEqual({ detectionSeconds: 60, ttlSeconds: 60, totalSeconds: 120 });
  });

  it.each<[string, Partial<CloudDnsRoutingArgs>, string]>([
    ["no endpoints", { endpoints: [] }, `${T} 'dns': endpoints must be a list of at least one endpoint; got [].`],
    ["a hostname endpoint", { endpoints: [{ ...aws, address: "api.example.net" }, gcp] }, `${T} 'dns': endpoints[0].address must be an IPv4 address (Cloud DNS health checks probe IP addresses, not hostnames); got "api.example.net".`],
    ["an interval under 30 s", { healthCheck: { checkIntervalSeconds: 10 } }, `${T} 'dns': healthCheck.checkIntervalSeconds must be an integer from 30 to 300; got 10.`],
    ["two source regions", { healthCheck: { sourceRegions: ["us-east4", "europe-west1"] } }, `${T} 'dns': healthCheck.sourceRegions must be exactly 3 distinct GCP regions; got ["us-east4","europe-west1"].`],
    ["a timeout longer than the interval", { healthCheck: { checkIntervalSeconds: 30, timeoutSeconds: 31 } }, `${T} 'dns': healthCheck.timeoutSeconds must be an integer from 1 to 30; got 31.`],
    ["failover without a secondary", { endpoints: [aws] }, `${T} 'dns': endpoints must be at least one endpoint with role: secondary (failover needs somewhere to fail over to); got ["aws"].`],
    ["a backup without a location", { endpoints: [aws, { ...gcp, location: undefined }] }, `${T} 'dns': endpoints[1].location must be a GCP region such as "us-central1" (the clients this endpoint answers); got undefined.`],
    ["weights all zero", { routing: "weighted", endpoints: [{ ...aws, weight: 0 }, { ...gcp, weight: 0 }] }, `${T} 'dns': endpoints must be weights that are not all zero (no endpoint would get traffic); got [0,0].`],
    ["a TTL over a day", { ttlSeconds: 100000 }, `${T} 'dns': ttlSeconds must be an integer from 0 to 86400; got 100000.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCloudDnsRoutingArgs("dns", { ...base, ...args })).toThrow(message);
  });
});

describe("CloudDnsRouting", () => {
  it("builds a primary-backup record set over a three-region health check", async () => {
    const result = await runProgram(() => new CloudDnsRouting("api", base));
    const health = resource(result, "gcp:compute/healthCheck:HealthCheck", "api-health");
    expect(health.inputs).toMatchObject({
      httpsHealthCheck: { port: 443, requestPath: "/healthz" },
      checkIntervalSec: 30,
      timeoutSec: 10,
      unhealthyThreshold: 2,
      sourceRegions: ["us-east4", "europe-west1", "asia-southeast1"],
    });
    expect(resource(result, "gcp:dns/recordSet:RecordSet", "api-record").inputs).toEqual({
      managedZone: "example-zone",
      name: "api.example.com.",
      type: "A",
      ttl: 60,
      routingPolicy: {
        healthCheck: health.id,
        primaryBackup: {
          primary: { externalEndpoints: ["203.0.113.10"] },
          backupGeos: [{ location: "europe-west1", healthCheckedTargets: { externalEndpoints: ["203.0.113.20"] } }],
          trickleRatio: 0,
        },
      },
    });
  });

  it("builds weighted (70/30) and geolocation policies", async () => {
    const result = await runProgram(() => {
      // Roles are failover's and locations geolocation's (and failover backups'): each routing gets only its own fields.
      new CloudDnsRouting("w", { ...base, routing: "weighted", endpoints: [{ ...aws, role: undefined, weight: 70 }, { ...gcp, role: undefined, location: undefined, weight: 30 }] });
      new CloudDnsRouting("g", { ...base, recordName: "geo", routing: "geolocation", endpoints: [{ ...aws, role: undefined, location: "us-east1" }, { ...gcp, role: undefined }] });
    });
    expect(resource(result, "gcp:dns/recordSet:RecordSet", "w-record").inputs["routingPolicy"]).toMatchObject({
      wrrs: [
        { weight: 70, healthCheckedTargets: { externalEndpoints: ["203.0.113.10"] } },
        { weight: 30, healthCheckedTargets: { externalEndpoints: ["203.0.113.20"] } },
      ],
    });
    expect(resource(result, "gcp:dns/recordSet:RecordSet", "g-record").inputs["routingPolicy"]).toMatchObject({
      geos: [{ location: "us-east1" }, { location: "europe-west1" }],
    });
  });
});
