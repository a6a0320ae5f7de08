import * as pulumi from "@pulumi/pulumi";
import { AzureFrontDoor, validateAzureFrontDoorArgs, type AzureFrontDoorArgs, type AzureFrontDoorRoute } from "../../../components/ingress";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:ingress:AzureFrontDoor";
const api: AzureFrontDoorRoute = { name: "api", hostnames: ["api.example.com", "api-azure.example.com"], cnameRecords: ["api-azure.example.com"], origin: { hostName: "api.blue-sea-1234.eastus.azurecontainerapps.io" } };
const base: AzureFrontDoorArgs = { resourceGroupName: "rg-edge", zoneName: "example.com", routes: [api] };

describe("validateAzureFrontDoorArgs", () => {
  it.each<[string, Partial<AzureFrontDoorArgs>, string]>([
    ["TLS 1.0 as the floor", { minTlsVersion: "TLS10" as never }, `${T} 'edge': minTlsVersion must be one of "TLS12", "TLS13"; got "TLS10".`],
    ["a classic CDN tier", { sku: "Standard_Microsoft" as never }, `${T} 'edge': sku must be one of "Standard_AzureFrontDoor", "Premium_AzureFrontDoor"; got "Standard_Microsoft".`],
    ["a host name outside the zone", { routes: [{ ...api, hostnames: ["api.example.org"], cnameRecords: [] }] }, `${T} 'edge': routes[0].hostnames[0] must be a name within the zone example.com (its certificate is validated through records in that zone); got "api.example.org".`],
    ["an origin that is not a host name", { routes: [{ ...api, origin: { hostName: "https://api.example.net/" } }] }, `${T} 'edge': routes[0].origin.hostName must be a host name such as my-app.eastus.azurecontainerapps.io; got "https://api.example.net/".`],
    ["a health path that is not a path", { routes: [{ ...api, healthPath: "ready" }] }, `${T} 'edge': routes[0].healthPath must be a request path starting with /, such as "/readyz"; got "ready".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAzureFrontDoorArgs("edge", { ...base, ...args })).toThrow(message);
  });
});

describe("AzureFrontDoor", () => {
  it("serves each host name over TLS 1.2+ with a managed certificate validated in DNS, redirects HTTP, probes the readiness path and logs", async () => {
    let records: Promise<Array<{ key: string; name: string; type: string; value: string }>> = Promise.resolve([]);
    const result = await runProgram(() => {
      const fd = new AzureFrontDoor("edge", base);
      records = new Promise((resolve) => pulumi.all(fd.dnsRecords.map((r) => r.value.apply((value) => ({ key: r.key, name: r.name, type: r.type, value })))).apply(resolve));
      return { endpoint: fd.endpointHostName };
    });
    const profile = resource(result, "azure-native:cdn:Profile", "edge-profile");
    expect(profile.inputs).toMatchObject({ resourceGroupName: "rg-edge", location: "global", sku: { name: "Standard_AzureFrontDoor" } });
    const domain = resource(result, "azure-native:cdn:AFDCustomDomain", "edge-domain-api-azure");
    expect(domain.inputs).toMatchObject({ hostName: "api-azure.example.com", tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" } });
    expect(resource(result, "azure-native:cdn:AFDOriginGroup", "edge-api").inputs).toMatchObject({ healthProbeSettings: { probePath: "/readyz", probeProtocol: "Https", probeRequestType: "GET" } });
    expect(resource(result, "azure-native:cdn:AFDOrigin", "edge-api").inputs).toMatchObject({ hostName: api.origin.hostName, originHostHeader: api.origin.hostName, enforceCertificateNameCheck: true, httpsPort: 443 });
    const route = resource(result, "azure-native:cdn:Route", "edge-api");
    expect(route.inputs).toMatchObject({ supportedProtocols: ["Http", "Https"], httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly", linkToDefaultDomain: "Disabled", customDomains: [{ id: resource(result, "azure-native:cdn:AFDCustomDomain", "edge-domain-api").id }, { id: domain.id }] });
    expect(route.dependsOn).toContain(resource(result, "azure-native:cdn:AFDOrigin", "edge-api").urn);
    const logs = resource(result, "azure-native:monitor:DiagnosticSetting", "edge-logs");
    expect(logs.inputs).toMatchObject({ resourceUri: profile.id, workspaceId: resource(result, "azure-native:operationalinsights:Workspace", "edge-logs").id, logs: [{ category: "FrontDoorAccessLog", enabled: true }, { category: "FrontDoorHealthProbeLog", enabled: true }] });
    expect(await records).toEqual([
      { key: "dnsauth-api", name: "_dnsauth.api.example.com", type: "TXT", value: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: "dnsauth-api-azure", name: "_dnsauth.api-azure.example.com", type: "TXT", value: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: "api-azure", name: "api-azure.example.com", type: "CNAME", value: result.outputs["endpoint"] },
    ]);
  });

  it("sends its logs to a workspace it is given instead of creating one", async () => {
    const result = await runProgram(() => new AzureFrontDoor("edge", { ...base, logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central" }));
    expect(result.resources.filter((r) => r.type === "azure-native:operationalinsights:Workspace")).toEqual([]);
    expect(resource(result, "azure-native:monitor:DiagnosticSetting", "edge-logs").inputs["workspaceId"]).toMatch(/workspaces\/central$/);
  });

  it("protects the workspace it creates when the component is protected, in the location it is given", async () => {
    const result = await runProgram(() => new AzureFrontDoor("edge", { ...base, location: "westeurope" }, { protect: true }));
    const workspace = resource(result, "azure-native:operationalinsights:Workspace", "edge-logs");
    expect({ protect: workspace.protect, location: workspace.inputs["location"] }).toEqual({ protect: true, location: "westeurope" });
    const unprotected = await runProgram(() => new AzureFrontDoor("edge", base));
    expect(resource(unprotected, "azure-native:operationalinsights:Workspace", "edge-logs").protect).toBe(false);
  });
});

describe("AzureFrontDoor metric alerts", () => {
  const critical = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/critical";
  const warning = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/warning";
  type Criterion = { metricNamespace: string; metricName: string; timeAggregation: string; operator: string; threshold: number };

  it("page on more than 5 % 5xx over 5 min and warn on latency above 1,000 ms (15 min, Azure's next window after 10), on the profile", async () => {
    const result = await runProgram(() => new AzureFrontDoor("edge", { ...base, alerts: { azure: { critical, warning } } }));
    const profile = resource(result, "azure-native:cdn:Profile", "edge-profile");
    const seen = result.resources
      .filter((r) => r.type === "azure-native:monitor:MetricAlert")
      .map((a) => {
        const i = a.inputs as { scopes: string[]; severity: number; windowSize: string; evaluationFrequency: string; actions: unknown[]; description: string; criteria: { allOf: Criterion[] } };
        const c = i.criteria.allOf[0]!;
        return [a.name, c.metricNamespace, c.metricName, c.timeAggregation, c.operator, c.threshold, i.windowSize, i.evaluationFrequency, i.severity, i.actions, i.scopes, i.description.split(". Runbook ")[1]?.split(":")[0]];
      });
    expect(seen).toEqual([
      ["edge-5xx", "Microsoft.Cdn/profiles", "Percentage5XX", "Average", "GreaterThan", 5, "PT5M", "PT1M", 0, [{ actionGroupId: critical }], [profile.id], "error-rate"],
      ["edge-latency", "Microsoft.Cdn/profiles", "TotalLatency", "Average", "GreaterThan", 1000, "PT15M", "PT1M", 2, [{ actionGroupId: warning }], [profile.id], "latency"],
    ]);
  });

  it("exist without alert destinations, with no action", async () => {
    const result = await runProgram(() => new AzureFrontDoor("edge", base));
    expect(result.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert").map((a) => [a.name, a.inputs["actions"]])).toEqual([["edge-5xx", []], ["edge-latency", []]]);
  });

  it("refuse alert destinations that are not an object", () => {
    expect(() => validateAzureFrontDoorArgs("edge", { ...base, alerts: "ops@example.com" as never })).toThrow(`${T} 'edge': alerts must be alert destinations { aws?, gcp?, azure? } (components/core/alerts.ts); got "ops@example.com".`);
  });
});
