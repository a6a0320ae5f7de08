import * as pulumi from "@pulumi/pulumi";
import { GcpLoadBalancer, validateGcpLoadBalancerArgs, type GcpLoadBalancerArgs, type GcpLoadBalancerRoute } from "../../../components/ingress";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, documentationOf, thresholdOf } from "../../helpers/fixtures";

const T = "meridian:ingress:GcpLoadBalancer";
const group = (zone: string) => `https://www.googleapis.com/compute/v1/projects/p-123456/zones/${zone}/instanceGroups/gke-general-${zone.slice(-1)}-grp`;
const app: GcpLoadBalancerRoute = {
  name: "app",
  hostnames: ["app.example.com", "app-gcp.example.com"],
  addressRecords: ["app-gcp.example.com"],
  nodePort: {
    nodePort: 30080,
    instanceGroups: ["us-central1-a", "us-central1-b"].map((zone) => ({ key: `general-${zone.slice(-1)}`, zone, group: group(zone) })),
    network: "projects/p-123456/global/networks/core",
    nodeServiceAccountEmail: "gke-nodes@p-123456.iam.gserviceaccount.com",
  },
};
const api: GcpLoadBalancerRoute = { name: "api", hostnames: ["api.example.com", "api-gcp.example.com"], addressRecords: ["api-gcp.example.com"], cloudRun: { serviceName: "api-service", region: "us-central1" } };
const base: GcpLoadBalancerArgs = { project: "p-123456", zoneName: "example.com", routes: [app, api] };

describe("validateGcpLoadBalancerArgs", () => {
  it.each<[string, Partial<GcpLoadBalancerArgs>, string]>([
    ["a project id that is not one", { project: "P" }, `${T} 'edge': project must be a GCP project id; got "P".`],
    ["a compatible (legacy-cipher) SSL profile", { sslProfile: "COMPATIBLE" as never }, `${T} 'edge': sslProfile must be one of "MODERN", "RESTRICTED"; got "COMPATIBLE".`],
    ["TLS 1.0 as the floor", { minTlsVersion: "TLS_1_0" as never }, `${T} 'edge': minTlsVersion must be one of "TLS_1_2", "TLS_1_3"; got "TLS_1_0".`],
    [
      "a certificate name outside the zone",
      { routes: [{ ...api, hostnames: ["api.other.org"], addressRecords: [] }] },
      `${T} 'edge': routes[0].hostnames[0] must be a name within the zone example.com (its certificate is validated through records in that zone); got "api.other.org".`,
    ],
    ["a route with no target", { routes: [{ name: "x", hostnames: ["x.example.com"] }] }, `${T} 'edge': routes[0] must be a route with exactly one target: nodePort (Kubernetes nodes) or cloudRun (a Cloud Run service); got "x".`],
    ["a node pool with no instance group", { routes: [{ ...app, nodePort: { ...app.nodePort!, instanceGroups: [] } }] }, `${T} 'edge': routes[0].nodePort.instanceGroups must be a list of instance groups (GkeCluster.instanceGroups()) (at least 1); got [].`],
    ["a zone that is not one", { routes: [{ ...app, nodePort: { ...app.nodePort!, instanceGroups: [{ key: "g", zone: "us-central1", group: "g" }] } }] }, `${T} 'edge': routes[0].nodePort.instanceGroups[0].zone must be a zone of us-central1: "us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"; got "us-central1".`],
    ["a log sample rate above 1", { logSampleRate: 2 }, `${T} 'edge': logSampleRate must be a number from 0 to 1; got 2.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateGcpLoadBalancerArgs("edge", { ...base, ...args })).toThrow(message);
  });
});

describe("GcpLoadBalancer", () => {
  it("serves HTTPS on a reserved address with a DNS-authorized certificate and a TLS 1.2+ policy, and redirects HTTP", async () => {
    let records: Promise<Array<{ key: string; name: string; type: string; value: string }>> = Promise.resolve([]);
    const result = await runProgram(() => {
      const lb = new GcpLoadBalancer("edge", base);
      records = new Promise((resolve) => pulumi.all(lb.dnsRecords.map((r) => pulumi.all([r.name, r.type, r.value]).apply(([name, type, value]) => ({ key: r.key, name, type, value })))).apply(resolve));
      return { ipAddress: lb.ipAddress, addressRecords: lb.addressRecords };
    });
    const address = resource(result, "gcp:compute/globalAddress:GlobalAddress", "edge-ip");
    expect(address.inputs).toMatchObject({ project: "p-123456", addressType: "EXTERNAL", ipVersion: "IPV4" });
    const authz = ["app", "app-gcp", "api", "api-gcp"].map((k) => resource(result, "gcp:certificatemanager/dnsAuthorization:DnsAuthorization", `edge-authz-${k}`));
    expect(authz.map((a) => a.inputs["domain"])).toEqual(["app.example.com", "app-gcp.example.com", "api.example.com", "api-gcp.example.com"]);
    expect(resource(result, "gcp:certificatemanager/certificate:Certificate", "edge-cert").inputs).toMatchObject({
      scope: "DEFAULT",
      managed: { domains: ["app.example.com", "app-gcp.example.com", "api.example.com", "api-gcp.example.com"], dnsAuthorizations: authz.map((a) => a.id) },
    });
    const certMap = resource(result, "gcp:certificatemanager/certificateMap:CertificateMap", "edge-certs");
    expect(resource(result, "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry", "edge-cert-api-gcp").inputs).toMatchObject({ hostname: "api-gcp.example.com", map: certMap.id?.split("/").pop() });
    const tls = resource(result, "gcp:compute/sSLPolicy:SSLPolicy", "edge-tls");
    expect(tls.inputs).toMatchObject({ profile: "MODERN", minTlsVersion: "TLS_1_2" });
    const proxy = resource(result, "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "edge-https");
    expect(proxy.inputs).toMatchObject({ sslPolicy: tls.id, certificateMap: `//certificatemanager.googleapis.com/${certMap.id}`, urlMap: resource(result, "gcp:compute/uRLMap:URLMap", "edge-https").id });
    expect(resource(result, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "edge-https").inputs).toMatchObject({ portRange: "443", loadBalancingScheme: "EXTERNAL_MANAGED", ipAddress: address.id, target: proxy.id });
    expect(resource(result, "gcp:compute/uRLMap:URLMap", "edge-redirect").inputs).toMatchObject({ defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" } });
    expect(resource(result, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "edge-http").inputs).toMatchObject({ portRange: "80", ipAddress: address.id });
    // The zone is elsewhere (no managedZone): the records are outputs, authorizations first, then the address records.
    expect(result.resources.filter((r) => r.type === "gcp:dns/recordSet:RecordSet")).toEqual([]);
    const published = await records;
    expect(published.map((r) => r.key)).toEqual(["authz-app", "authz-app-gcp", "authz-api", "authz-api-gcp", "app-gcp", "api-gcp"]);
    expect(published[2]).toEqual({ key: "authz-api", name: "_acme-challenge.api.example.com.", type: "CNAME", value: expect.stringMatching(/\.authorize\.certificatemanager\.goog\.$/) });
    expect(published[5]).toEqual({ key: "api-gcp", name: "api-gcp.example.com.", type: "A", value: result.outputs["ipAddress"] });
  });

  it("routes by host: the app to the node pools' instance groups on a named port, the API to Cloud Run through a serverless NEG", async () => {
    const result = await runProgram(() => new GcpLoadBalancer("edge", base));
    const hc = resource(result, "gcp:compute/healthCheck:HealthCheck", "edge-app");
    expect(hc.inputs).toMatchObject({ httpHealthCheck: { port: 30080, requestPath: "/readyz" } });
    expect(resource(result, "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort", "edge-app-general-b").inputs).toMatchObject({
      group: "gke-general-b-grp",
      zone: "us-central1-b",
      name: "http-app",
      port: 30080,
    });
    const appBackend = resource(result, "gcp:compute/backendService:BackendService", "edge-app");
    expect(appBackend.inputs).toMatchObject({
      loadBalancingScheme: "EXTERNAL_MANAGED",
      protocol: "HTTP",
      portName: "http-app",
      healthChecks: hc.id,
      backends: [{ group: group("us-central1-a") }, { group: group("us-central1-b") }],
      logConfig: { enable: true, sampleRate: 1 },
    });
    // Only Google's front ends, only to the nodes' service account, only the node port.
    expect(resource(result, "gcp:compute/firewall:Firewall", "edge-app-lb").inputs).toMatchObject({
      direction: "INGRESS",
      sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"],
      allows: [{ protocol: "tcp", ports: ["30080"] }],
      targetServiceAccounts: ["gke-nodes@p-123456.iam.gserviceaccount.com"],
    });
    const neg = resource(result, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", "edge-api-neg");
    expect(neg.inputs).toMatchObject({ region: "us-central1", networkEndpointType: "SERVERLESS", cloudRun: { service: "api-service" } });
    const apiBackend = resource(result, "gcp:compute/backendService:BackendService", "edge-api");
    expect(apiBackend.inputs).toMatchObject({ loadBalancingScheme: "EXTERNAL_MANAGED", backends: [{ group: neg.id }], logConfig: { enable: true } });
    expect(apiBackend.inputs["healthChecks"]).toBeUndefined();
    const urlMap = resource(result, "gcp:compute/uRLMap:URLMap", "edge-https");
    // Unknown hosts reach no backend.
    expect(urlMap.inputs["defaultService"]).toBeUndefined();
    expect(urlMap.inputs).toMatchObject({
      defaultUrlRedirect: { hostRedirect: "app.example.com", httpsRedirect: true },
      hostRules: [{ hosts: ["app.example.com", "app-gcp.example.com"], pathMatcher: "app" }, { hosts: ["api.example.com", "api-gcp.example.com"], pathMatcher: "api" }],
      pathMatchers: [{ name: "app", defaultService: appBackend.id }, { name: "api", defaultService: apiBackend.id }],
    });
  });

  it("publishes its records in a Cloud DNS zone when given one", async () => {
    const result = await runProgram(() => new GcpLoadBalancer("edge", { ...base, managedZone: "example-zone" }));
    const sets = result.resources.filter((r) => r.type === "gcp:dns/recordSet:RecordSet");
    expect(sets.map((r) => r.name).sort()).toEqual(["edge-api-gcp", "edge-app-gcp", "edge-authz-api", "edge-authz-api-gcp", "edge-authz-app", "edge-authz-app-gcp"]);
    expect(resource(result, "gcp:dns/recordSet:RecordSet", "edge-api-gcp").inputs).toMatchObject({ managedZone: "example-zone", name: "api-gcp.example.com.", type: "A", rrdatas: [expect.stringMatching(/^203\.0\.113\.\d+$/)] });
  });
});

describe("GcpLoadBalancer alert policies", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
  const policyOf = (result: Result, name: string) => resource(result, POLICY, name).inputs;
  const policyNames = (result: Result) => result.resources.filter((r) => r.type === POLICY).map((r) => r.name).sort();
  const onMap = (metric: string) => new RegExp(`^metric\\.type = "loadbalancing\\.googleapis\\.com/https/${metric}" AND resource\\.type = "https_lb_rule" AND resource\\.label\\.url_map_name = "edge-https-[0-9a-f]+"`);
  const perMap = (aligner: string, reducer: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: ["resource.label.url_map_name"] }];

  it("one pair per URL map: 5xx over requests above 5 % for 5 min (critical), p99 total latency above 1,000 ms for 10 min (warning)", async () => {
    const result = await runProgram(() => new GcpLoadBalancer("edge", { ...base, alerts: alertDestinations }));
    expect(policyNames(result)).toEqual(["edge-errors", "edge-latency"]);
    const errors = policyOf(result, "edge-errors");
    expect(errors).toMatchObject({ project: "p-123456", severity: "CRITICAL", combiner: "OR", notificationChannels: alertDestinations.gcp.critical });
    const ratio = thresholdOf(errors);
    expect(ratio.filter).toMatch(new RegExp(`${onMap("request_count").source} AND metric\\.label\\.response_code_class = 500$`));
    expect(ratio.denominatorFilter).toMatch(new RegExp(`${onMap("request_count").source}$`));
    expect(ratio).toMatchObject({ aggregations: perMap("ALIGN_RATE", "REDUCE_SUM"), denominatorAggregations: perMap("ALIGN_RATE", "REDUCE_SUM"), comparison: "COMPARISON_GT", thresholdValue: 0.05, duration: "300s" });
    const latency = policyOf(result, "edge-latency");
    expect(latency).toMatchObject({ severity: "WARNING", notificationChannels: alertDestinations.gcp.warning });
    expect(thresholdOf(latency).filter).toMatch(new RegExp(`${onMap("total_latencies").source}$`));
    expect(thresholdOf(latency)).toMatchObject({ aggregations: perMap("ALIGN_DELTA", "REDUCE_PERCENTILE_99"), comparison: "COMPARISON_GT", thresholdValue: 1000, duration: "600s" });
    expect(documentationOf(errors)).toMatch(/^\[critical\] Load balancer edge: 5xx responses above 5 % of requests for 5 min\. Runbook error-rate: /);
  });

  it("without alerts: no notification channels; { enabled: false } creates none", async () => {
    const quiet = await runProgram(() => new GcpLoadBalancer("edge", base));
    for (const name of policyNames(quiet)) expect(policyOf(quiet, name)["notificationChannels"]).toEqual([]);
    const none = await runProgram(() => new GcpLoadBalancer("edge", { ...base, alarms: { enabled: false } }));
    expect(policyNames(none)).toEqual([]);
  });

  it.each<[string, Partial<GcpLoadBalancerArgs>, string]>([
    ["a latency window of 0 minutes", { alarms: { latencyMinutes: 0 } }, `${T} 'edge': alarms.latencyMinutes must be an integer from 1 to 60; got 0.`],
    ["a GCP destination without a warning list", { alerts: { gcp: { critical: [] } as never } }, `${T} 'edge': alerts.gcp.warning must be a list of Cloud Monitoring notification channel names`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateGcpLoadBalancerArgs("edge", { ...base, ...args })).toThrow(message);
  });
});
