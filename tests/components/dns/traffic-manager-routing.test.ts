import { TrafficManagerRouting, validateTrafficManagerRoutingArgs, type TrafficManagerEndpoint, type TrafficManagerRoutingArgs } from "../../../components/dns";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:dns:TrafficManagerRouting";
const aws: TrafficManagerEndpoint = { name: "aws", address: "api-aws.example.net", cloud: "aws", priority: 1 };
const gcp: TrafficManagerEndpoint = { name: "gcp", address: "api-gcp.example.net", cloud: "gcp", priority: 2 };
const base: TrafficManagerRoutingArgs = { resourceGroupName: "rg", relativeName: "shop-api", routing: "Priority", endpoints: [aws, gcp] };

describe("validateTrafficManagerRoutingArgs", () => {
  it("budgets interval × (tolerated + 1) + timeout + TTL: 30 × 4 + 10 + 60 = 190 s by default", () => {
    expect(validateTrafficManagerRoutingArgs("tm", base).budget).toEqual({ detectionSeconds: 130, ttlSeconds: 60, totalSeconds: 190 });
  });

  it("budgets fast probing: 10 × 3 + 5 + 30 = 65 s", () => {
    const a = validateTrafficManagerRoutingArgs("tm", { ...base, monitor: { intervalSeconds: 10, timeoutSeconds: 5, toleratedFailures: 2 }, ttlSeconds: 30 });
    expect(a.budget.totalSeconds).toBe(65);
  });

  it.each<[string, Partial<TrafficManagerRoutingArgs>, string]>([
    ["a timeout too long for a 10 s interval", { monitor: { intervalSeconds: 10, timeoutSeconds: 10 } }, `${T} 'tm': monitor.timeoutSeconds must be an integer from 5 to 9; got 10.`],
    ["a timeout too short", { monitor: { timeoutSeconds: 4 } }, `${T} 'tm': monitor.timeoutSeconds must be an integer from 5 to 10; got 4.`],
    ["an interval of 20 s", { monitor: { intervalSeconds: 20 as never } }, `${T} 'tm': monitor.intervalSeconds must be one of 10, 30; got 20.`],
    ["ten tolerated failures", { monitor: { toleratedFailures: 10 } }, `${T} 'tm': monitor.toleratedFailures must be an integer from 0 to 9; got 10.`],
    ["two endpoints with one priority", { endpoints: [aws, { ...gcp, priority: 1 }] }, `${T} 'tm': endpoints[1].priority must be a priority no other endpoint has; got 1.`],
    ["geographic without WORLD", { routing: "Geographic", endpoints: [{ ...aws, geoMapping: ["GEO-NA"] }, { ...gcp, geoMapping: ["GEO-EU"] }] }, `${T} 'tm': endpoints must be an endpoint whose geoMapping includes "WORLD"`],
    ["a weight of 0", { routing: "Weighted", endpoints: [{ ...aws, weight: 0 }, { ...gcp, weight: 30 }] }, `${T} 'tm': endpoints[0].weight must be an integer from 1 to 1000; got 0.`],
    ["a bad address", { endpoints: [aws, { ...gcp, address: "-bad-.example" }] }, `${T} 'tm': endpoints[1].address must be a hostname or an IPv4 address; got "-bad-.example".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateTrafficManagerRoutingArgs("tm", { ...base, ...args })).toThrow(message);
  });
});

describe("TrafficManagerRouting", () => {
  it("builds a priority profile with an HTTPS monitor and external endpoints", async () => {
    const result = await runProgram(() => new TrafficManagerRouting("api", base));
    const profile = resource(result, "azure-native:trafficmanager:Profile", "api-profile");
    expect(profile.inputs).toMatchObject({
      location: "global",
      trafficRoutingMethod: "Priority",
      dnsConfig: { relativeName: "shop-api", ttl: 60 },
      monitorConfig: { protocol: "HTTPS", port: 443, path: "/healthz", intervalInSeconds: 30, timeoutInSeconds: 10, toleratedNumberOfFailures: 3 },
    });
    expect(profile.inputs["endpoints"]).toEqual([
      { name: "aws", type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints", target: "api-aws.example.net", endpointStatus: "Enabled", priority: 1 },
      { name: "gcp", type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints", target: "api-gcp.example.net", endpointStatus: "Enabled", priority: 2 },
    ]);
  });
});

describe("TrafficManagerRouting geographic", () => {
  it("maps groupings, countries and WORLD to the endpoints given", async () => {
    const result = await runProgram(
      () =>
        new TrafficManagerRouting("geo", {
          ...base,
          routing: "Geographic",
          endpoints: [
            { ...aws, priority: undefined, geoMapping: ["GEO-NA", "GEO-SA", "WORLD"] },
            { ...gcp, priority: undefined, geoMapping: ["GEO-EU", "JP"] },
          ],
        }),
    );
    const endpoints = resource(result, "azure-native:trafficmanager:Profile", "geo-profile").inputs["endpoints"] as Array<Record<string, unknown>>;
    expect(endpoints.map((e) => [e["name"], e["geoMapping"]])).toEqual([
      ["aws", ["GEO-NA", "GEO-SA", "WORLD"]],
      ["gcp", ["GEO-EU", "JP"]],
    ]);
  });
});
