/**
 * The staging-azure stack, planned offline as a user would: AWS primary and Azure secondary for the public API, the
 * app on EKS and AKS (internal), each cloud's database. No violation, every Azure resource tagged, the Azure entry
 * point published in the Route 53 zone and in the failover, the Azure metric alerts, and the config errors.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanReport } from "../../cli/plan";
import { editedStackConfig, meridian, ROOT } from "../helpers/cli";
import { referencePlan } from "../helpers/reference-plans";

const ZONE = "staging-azure.meridian.example.com";
const TAGGABLE = (JSON.parse(fs.readFileSync(path.join(ROOT, "components", "core", "taggable-types.json"), "utf8")) as { types: Record<string, string> }).types;

let plan: PlanReport;
beforeAll(() => {
  plan = referencePlan("staging-azure");
});

const of = (type: string) => plan.resources.filter((r) => r.type === type);
const named = (type: string, name: string) => {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} in the plan`);
  return found;
};

/** The stack config with `edit` applied, written to a temporary file, planned: the exit code and stderr. */
type Section = Record<string, unknown> & { database: Record<string, unknown> };
function planEdited(edit: (config: Record<string, Section>) => void, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return meridian("plan", "--stack", "staging-azure", "--config", editedStackConfig("staging-azure", edit), ...args);
}

describe("the staging-azure stack", () => {
  it("plans with no violation, nothing the engine would reject and everything priced, under the staging policy config", () => {
    expect(plan.environment).toBe("staging");
    expect(plan.policyConfigFile).toBe("policies/config/staging.json");
    expect(plan.violations).toEqual([]);
    expect(plan.engineErrors).toEqual([]);
    expect(plan.cost.unpriced).toEqual([]);
    expect(plan.mandatoryChecksNotRun).toEqual([]);
  });

  it("decides every mandatory check on its first preview too, when nothing exists yet", () => {
    const r = meridian("plan", "--stack", "staging-azure", "--first-preview", "--format", "json");
    expect(r.code).toBe(0);
    const first = JSON.parse(r.stdout) as PlanReport;
    expect([first.firstPreview, first.violations, first.mandatoryChecksNotRun, first.engineErrors]).toEqual([true, [], [], []]);
  });

  it("builds the AKS cluster, the flexible server, the Container App and Front Door on the Azure network", () => {
    const groups = new Set<unknown>();
    for (const [type, name] of [
      ["azure-native:containerservice:ManagedCluster", "k8s-azure-cluster"],
      ["azure-native:dbforpostgresql:Server", "db-azure-server"],
      ["azure-native:app:ContainerApp", "api-azure-app"],
      ["azure-native:cdn:Profile", "edge-azure-profile"],
    ] as const) {
      groups.add(named(type, name).inputs["resourceGroupName"]);
    }
    // All in the network's resource group.
    expect([...groups]).toEqual([expect.stringMatching(/^network-azure-rg-[0-9a-f]+$/)]);
    expect(named("azure-native:dbforpostgresql:Server", "db-azure-server").inputs).toMatchObject({ sku: { name: "Standard_B2ms", tier: "Burstable" }, highAvailability: { mode: "Disabled" }, network: { publicNetworkAccess: "Disabled" } });
    // Front Door reaches the API on its public HTTPS ingress.
    expect(named("azure-native:app:ContainerApp", "api-azure-app").inputs).toMatchObject({ configuration: { ingress: { external: true, allowInsecure: false } } });
  });

  it("tags every taggable Azure resource with the stack's standard tags", () => {
    const azure = plan.resources.filter((r) => r.custom && r.type.startsWith("azure-native:") && TAGGABLE[r.type] !== undefined);
    expect(azure.length).toBeGreaterThan(20);
    for (const r of azure) {
      expect({ resource: `${r.type} ${r.name}`, tags: r.inputs["tags"] }).toEqual({
        resource: `${r.type} ${r.name}`,
        tags: expect.objectContaining({ environment: "staging", owner: "platform-team", "cost-center": "cc-platform-staging", "managed-by": "meridian" }),
      });
    }
    // The metric alerts are among them.
    expect(azure.filter((r) => r.type === "azure-native:monitor:MetricAlert").map((r) => r.name).sort()).toEqual(
      ["api-azure-5xx", "db-azure-alive", "db-azure-connections", "db-azure-cpu", "db-azure-storage", "edge-azure-5xx", "edge-azure-latency"],
    );
  });

  it("publishes api-azure.<zone> from Front Door in the Route 53 zone, with the TXT records that validate its certificates", () => {
    named("azure-native:cdn:AFDEndpoint", "edge-azure-endpoint");
    // The zone the failover records are in (the report carries inputs, not the zone's computed id).
    const zoneId = named("aws:route53/record:Record", "dns-aws").inputs["zoneId"];
    expect(zoneId).toEqual(expect.any(String));
    const records = of("aws:route53/record:Record").filter((r) => r.name.startsWith("edge-azure-"));
    expect(records.map((r) => [r.name, r.inputs["type"], r.inputs["name"], r.inputs["zoneId"]])).toEqual([
      ["edge-azure-api-azure", "CNAME", `api-azure.${ZONE}`, zoneId],
      ["edge-azure-dnsauth-api", "TXT", `_dnsauth.api.${ZONE}`, zoneId],
      ["edge-azure-dnsauth-api-azure", "TXT", `_dnsauth.api-azure.${ZONE}`, zoneId],
    ].sort());
    // The CNAME's target is the endpoint's azurefd.net host name (the route's endpoint: the same Front Door).
    const endpointName = String(named("azure-native:cdn:Route", "edge-azure-api").inputs["endpointName"]);
    expect(endpointName).toMatch(/^edge-azure-endpoint-/);
    expect(named("aws:route53/record:Record", "edge-azure-api-azure").inputs["records"]).toEqual([expect.stringMatching(new RegExp(`^${endpointName}-[0-9a-f]{16}\\.z01\\.azurefd\\.net$`))]);
    // The domains Front Door serves: the public name and the cloud's own, each with a managed certificate on TLS 1.2+.
    expect(of("azure-native:cdn:AFDCustomDomain").map((d) => [d.inputs["hostName"], d.inputs["tlsSettings"]])).toEqual([
      [`api.${ZONE}`, { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" }],
      [`api-azure.${ZONE}`, { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" }],
    ]);
  });

  it("fails the API over from AWS (primary) to Azure (secondary), health-checking api-azure.<zone> over HTTPS on the readiness path", () => {
    const failovers = of("aws:route53/record:Record").filter((r) => Array.isArray(r.inputs["failoverRoutingPolicies"]));
    expect(failovers.map((r) => [r.inputs["name"], r.inputs["setIdentifier"], r.inputs["failoverRoutingPolicies"], r.inputs["records"]])).toEqual([
      [`api.${ZONE}`, "aws", [{ type: "PRIMARY" }], [`api-aws.${ZONE}`]],
      [`api.${ZONE}`, "azure", [{ type: "SECONDARY" }], [`api-azure.${ZONE}`]],
    ]);
    expect(named("aws:route53/healthCheck:HealthCheck", "dns-azure").inputs).toMatchObject({ type: "HTTPS", port: 443, fqdn: `api-azure.${ZONE}`, resourcePath: "/readyz", tags: { "meridian:cloud": "azure" } });
    expect(plan.dr?.failoverByName).toEqual({ [`api.${ZONE}`]: 90 });
  });

  it("walks the Azure leg to the Container App, which has no database: Container Apps are not wired to one", () => {
    const legs = plan.paths.map((p) => [p.name, p.cloud, p.complete, p.missing]);
    expect(legs).toEqual([
      [`api.${ZONE}`, "aws", true, undefined],
      [`api.${ZONE}`, "azure", false, "the workload has no database host (PGHOST)"],
    ]);
    const azure = plan.paths.find((p) => p.cloud === "azure")!;
    expect(azure.urns.map((u) => u.split("::").slice(-2)[0]!.split("$").pop())).toEqual([
      "aws:route53/record:Record",
      "aws:route53/healthCheck:HealthCheck",
      "aws:route53/record:Record",
      "azure-native:cdn:AFDEndpoint",
      "azure-native:cdn:Route",
      "azure-native:cdn:AFDOriginGroup",
      "azure-native:cdn:AFDOrigin",
      "azure-native:app:ContainerApp",
    ]);
  });

  it("runs the app on AKS too, internal and without database access (no Azure identity to reach one)", () => {
    const deployments = of("kubernetes:apps/v1:Deployment");
    expect(deployments.map((d) => d.name).sort()).toEqual(["app-aws-deployment", "app-azure-deployment"]);
    const env = (name: string) =>
      ((deployments.find((d) => d.name === `${name}-deployment`)!.inputs as { spec: { template: { spec: { containers: Array<{ env?: Array<{ name: string }> }> } } } }).spec.template.spec.containers[0]!.env ?? []).map((e) => e.name);
    expect(env("app-aws")).toContain("PGHOST");
    expect(env("app-azure")).not.toContain("PGHOST");
    // Internal: no node port for an entry point on either cloud.
    expect(of("kubernetes:core/v1:Service").filter((s) => (s.inputs["spec"] as { type?: string }).type === "NodePort")).toEqual([]);
  });
});

describe("staging-azure without network settings", () => {
  it("still builds the Azure network: an Azure tier never lacks one, so there is no such error to give", () => {
    const r = planEdited((c) => {
      delete c["meridian:azure"]!["network"];
    }, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.violations).toEqual([]);
    const vnet = report.resources.find((x) => x.type === "azure-native:network:VirtualNetwork" && x.name === "network-azure-vnet");
    expect(vnet?.inputs["addressSpace"]).toEqual({ addressPrefixes: [expect.stringMatching(/^10\.\d+\.0\.0\/16$/)] });
  });
});

describe("staging-azure config errors (exit 2)", () => {
  it("a public app on AWS and AKS: AKS has no entry point for the app", () => {
    const r = planEdited((c) => {
      c["meridian:dns"]!.internal = [];
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '/Pulumi.staging-azure.yaml: meridian:dns.internal must be a list including "app": the app tier is served on aws only; an AKS app is not published (no Azure entry point for it)',
    );
  });

  it("a primary the public API is not served on; Azure as primary is fine", () => {
    const r = planEdited((c) => {
      c["meridian:dns"]!.primary = "gcp";
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/Pulumi.staging-azure.yaml: meridian:dns.primary must be a cloud the api tier is served on: "aws", "azure" (the api tier does not run on gcp); got "gcp".');
    const azureFirst = planEdited((c) => {
      c["meridian:dns"]!.primary = "azure";
    }, "--format", "json");
    expect(azureFirst.code).toBe(0);
    const report = JSON.parse(azureFirst.stdout) as PlanReport;
    const failovers = report.resources.filter((x) => x.type === "aws:route53/record:Record" && Array.isArray(x.inputs["failoverRoutingPolicies"]));
    expect(failovers.map((x) => [x.inputs["setIdentifier"], x.inputs["failoverRoutingPolicies"]]).sort()).toEqual([["aws", [{ type: "SECONDARY" }]], ["azure", [{ type: "PRIMARY" }]]]);
    expect(report.violations).toEqual([]);
  });

  it("the API left on AWS alone: a public name needs a second cloud", () => {
    const r = planEdited((c) => {
      delete c["meridian:azure"]!.service;
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meridian:dns.internal must be a list including "api": the api tier is served on aws only');
  });

  it("an Azure key of another cloud: an RDS instance class for the flexible server", () => {
    const r = planEdited((c) => {
      c["meridian:azure"]!.database.instanceClass = "db.t4g.medium";
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("meridian:azure.database.instanceClass must be absent (not a known key; known keys here: version, tier, skuName, storageSizeGb, highAvailability, backupRetentionDays, geoRedundantBackup)");
  });

  it("a flexible server size of the wrong tier, named as the stack file's key", () => {
    const r = planEdited((c) => {
      c["meridian:azure"]!.database.skuName = "Standard_D2ds_v5";
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/Pulumi.staging-azure.yaml: meridian:azure.database.skuName must be a B-series (Standard_B...) size for the Burstable tier");
  });
});
