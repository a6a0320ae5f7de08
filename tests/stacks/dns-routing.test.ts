/**
 * `meridian:dns.routing` on prod: variants of the prod config (its DNS block edited, nothing else) planned offline as
 * a user would, checked for policy violations, their failover budgets, the records they send to Route 53, and — for
 * a gradual shift and a change of policy — the URNs that stay (`meridian plan --compare`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffPlans, type PlanDiff } from "../../cli/diff";
import type { PlanReport } from "../../cli/plan";
import { editedStackConfig, meridian } from "../helpers/cli";
import { loadStackConfigFile } from "../../cli/offline/stack-config";
import { configObjectFromMap, parseStackConfig } from "../../stacks/config-schema";
import { referencePlan } from "../helpers/reference-plans";

// Record inputs are read by path, as the provider receives them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any>;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-dns-routing-"));
const ZONE = "meridian.example.com";
const RECORD = "aws:route53/record:Record";
const CHECK = "aws:route53/healthCheck:HealthCheck";
/** The strategy's geolocation map (multi-cloud strategy, "Traffic Management"): North America and the rest to AWS, Europe and Asia to GCP. */
const STRATEGY_MAP = { default: "aws", continents: { NA: "aws", EU: "gcp", AS: "gcp" } };

/** Writes prod's config with its `meridian:dns` block edited; returns the file. */
function prodVariant(name: string, dns: Record<string, unknown>): string {
  // Prod replicates to GCP: a policy that sends GCP traffic at all times says the standby's app knows (README, "Where writes go").
  const optIn = dns["routing"] !== undefined && dns["routing"] !== "failover" ? { standbyServesTraffic: true } : {};
  return editedStackConfig("prod", (config) => {
    config["meridian:dns"] = { ...config["meridian:dns"], ...optIn, ...dns };
  }, `${name}.yaml`);
}

function plan(config?: string, out?: string): PlanReport {
  const r = meridian("plan", "--stack", "prod", ...(config ? ["--config", config] : []), "--format", "json", ...(out ? ["--out", out] : []));
  if (r.code !== 0) throw new Error(`plan exited ${r.code}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return JSON.parse(out ? fs.readFileSync(out, "utf8") : r.stdout) as PlanReport;
}

function compare(config: string, base: string): PlanDiff {
  const r = meridian("plan", "--stack", "prod", "--config", config, "--compare", base, "--format", "json");
  if (r.code !== 0) throw new Error(`plan --compare exited ${r.code}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as PlanDiff;
}

const inputsOf = (report: PlanReport, type: string, name: string) => {
  const r = report.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name} in the plan`);
  return r.inputs as Props;
};
const idOf = (report: PlanReport, type: string, name: string) => report.resources.find((x) => x.type === type && x.name === name)!.id;
const urns = (report: PlanReport) => report.resources.map((r) => r.urn).sort();
const ZONE_URN = (report: PlanReport) => report.resources.find((r) => r.type === "aws:route53/zone:Zone")!.urn;
const DR_90 = { failoverSeconds: 90, failoverByName: { [`api.${ZONE}`]: 90, [`app.${ZONE}`]: 90 }, rtoTargetSeconds: 300, rpoGuardSeconds: 10, rpoTargetSeconds: 60, detectionSeconds: 30, ttlSeconds: 60, rtoSeconds: 240 };

const plans: Record<string, PlanReport> = {};
beforeAll(() => {
  // Prod as configured: the run's shared plan (tests/helpers/reference-plans.ts).
  plans["failover"] = referencePlan("prod");
  // Weighted with its default weights (70/30), kept as a file: the base of the gradual-shift step below.
  plans["weighted"] = plan(prodVariant("weighted", { routing: "weighted" }), path.join(dir, "weighted.json"));
  plans["geolocation"] = plan(prodVariant("geolocation", { routing: "geolocation", geolocation: STRATEGY_MAP }));
  plans["latency"] = plan(prodVariant("latency", { routing: "latency" }));
});

describe.each(["weighted", "geolocation", "latency"])("prod with %s routing", (routing) => {
  it("plans with no policy violation, every request path complete, and the same 90 s budget for each public name", () => {
    const report = plans[routing]!;
    expect(report.violations).toEqual([]);
    expect(report.engineErrors).toEqual([]);
    expect(report.dr).toMatchObject(DR_90);
    expect(report.outputs["publicNames"]).toEqual({
      api: { fqdn: `api.${ZONE}`, routing, failoverBudget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 } },
      app: { fqdn: `app.${ZONE}`, routing, failoverBudget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 } },
    });
    // One leg per public name and cloud, each reaching a database.
    expect(report.paths.map((p) => [p.name, p.cloud, p.complete])).toEqual([
      [`api.${ZONE}`, "aws", true],
      [`api.${ZONE}`, "gcp", true],
      [`app.${ZONE}`, "aws", true],
      [`app.${ZONE}`, "gcp", true],
    ]);
  });

  it("keeps the zone's URN, and it stays protected", () => {
    const zone = plans[routing]!.resources.find((r) => r.type === "aws:route53/zone:Zone")!;
    expect(zone.urn).toBe(ZONE_URN(plans["failover"]!));
    expect(zone.protect).toBe(true);
  });

  it("answers only with records that carry a health check of the cloud they point at (or alias a chain of such records)", () => {
    const report = plans[routing]!;
    const checks = new Map(report.resources.filter((r) => r.type === CHECK).map((r) => [r.id, r.inputs as Props]));
    const routed = report.resources.filter((r) => r.type === RECORD && r.parent !== undefined && /GlobalDnsFailover/.test(String(r.parent)));
    expect(routed.length).toBeGreaterThanOrEqual(4);
    for (const r of routed) {
      const i = r.inputs as Props;
      if (i["aliases"]) {
        expect({ name: r.name, evaluateTargetHealth: i["aliases"][0].evaluateTargetHealth }).toEqual({ name: r.name, evaluateTargetHealth: true });
        continue;
      }
      const check = checks.get(i["healthCheckId"]);
      expect({ name: r.name, probes: check?.["fqdn"] }).toEqual({ name: r.name, probes: String(i["records"][0]).replace(/\.$/, "") });
    }
  });
});

describe("weighted routing", () => {
  it("splits 70/30 by default, on the records failover used: the same URNs as the failover plan", () => {
    const w = plans["weighted"]!;
    for (const tier of ["", "app-"]) {
      expect(inputsOf(w, RECORD, `dns-${tier}aws`)).toMatchObject({ setIdentifier: "aws", weightedRoutingPolicies: [{ weight: 70 }], healthCheckId: idOf(w, CHECK, `dns-${tier}aws`), ttl: 60 });
      expect(inputsOf(w, RECORD, `dns-${tier}gcp`)).toMatchObject({ setIdentifier: "gcp", weightedRoutingPolicies: [{ weight: 30 }], healthCheckId: idOf(w, CHECK, `dns-${tier}gcp`) });
      expect(inputsOf(w, RECORD, `dns-${tier}aws`)["failoverRoutingPolicies"]).toBeUndefined();
    }
    expect(urns(w)).toEqual(urns(plans["failover"]!));
  });

  it("switching prod from failover to weighted updates its four records in place: nothing added, deleted or replaced", () => {
    // The two plans above, compared as `meridian plan --compare` compares them (the command's path is the step below).
    const diff = diffPlans(plans["failover"]!, plans["weighted"]!);
    expect([diff.added, diff.deleted, diff.replaced, diff.renamed, diff.blocking]).toEqual([[], [], [], [], []]);
    expect(diff.updated.map((u) => u.urn.split("::").pop()).sort()).toEqual(["dns-app-aws", "dns-app-gcp", "dns-aws", "dns-gcp"]);
  });

  it("a gradual-shift step (70/30 → 60/40) is a config change that updates the weights in place: same URNs, nothing else changed", () => {
    // The weighted plan above is 70/30 (the default weights).
    const before = path.join(dir, "weighted.json");
    const step = prodVariant("weighted-60-40", { routing: "weighted", weights: { aws: 60, gcp: 40 } });
    const diff = compare(step, before);
    expect([diff.added, diff.deleted, diff.replaced, diff.renamed, diff.blocking]).toEqual([[], [], [], [], []]);
    expect(diff.updated.map((u) => [u.urn.split("::").pop(), u.changes]).sort()).toEqual([
      ["dns-app-aws", [{ path: "weightedRoutingPolicies[0].weight", before: 70, after: 60 }]],
      ["dns-app-gcp", [{ path: "weightedRoutingPolicies[0].weight", before: 30, after: 40 }]],
      ["dns-aws", [{ path: "weightedRoutingPolicies[0].weight", before: 70, after: 60 }]],
      ["dns-gcp", [{ path: "weightedRoutingPolicies[0].weight", before: 30, after: 40 }]],
    ]);
    expect(diff.dr).toMatchObject({ changed: false });
  });
});

describe("geolocation routing", () => {
  it("answers the strategy's map: each location an alias to a failover chain that starts at its cloud and ends at the other", () => {
    const g = plans["geolocation"]!;
    const chain = (loc: string) => `geo-${loc}.app.${ZONE}`;
    for (const [loc, where, first, second] of [
      ["default", { country: "*" }, "aws", "gcp"],
      ["continent-na", { continent: "NA" }, "aws", "gcp"],
      ["continent-eu", { continent: "EU" }, "gcp", "aws"],
      ["continent-as", { continent: "AS" }, "gcp", "aws"],
    ] as const) {
      expect(inputsOf(g, RECORD, `dns-app-${loc}`)).toMatchObject({ name: `app.${ZONE}`, setIdentifier: loc, geolocationRoutingPolicies: [where], aliases: [{ name: chain(loc), evaluateTargetHealth: true }] });
      const records = g.resources.filter((r) => r.type === RECORD && (r.inputs as Props)["name"] === chain(loc)).map((r) => r.inputs as Props);
      expect(records.map((r) => [r["failoverRoutingPolicies"][0].type, r["records"][0]]).sort()).toEqual([
        ["PRIMARY", `app-${first}.${ZONE}`],
        ["SECONDARY", `app-${second}.${ZONE}`],
      ]);
    }
    // The records failover had are gone: the zone is the only stateful DNS resource, and it stays.
    expect(g.resources.some((r) => r.type === RECORD && r.name === "dns-app-aws")).toBe(false);
  });
});

describe("latency routing", () => {
  it("measures AWS at its own region and GCP (us-central1) at the nearest AWS region, us-east-2", () => {
    const l = plans["latency"]!;
    expect(inputsOf(l, RECORD, "dns-app-aws")).toMatchObject({ latencyRoutingPolicies: [{ region: "us-east-1" }], healthCheckId: idOf(l, CHECK, "dns-app-aws") });
    expect(inputsOf(l, RECORD, "dns-app-gcp")).toMatchObject({ latencyRoutingPolicies: [{ region: "us-east-2" }], healthCheckId: idOf(l, CHECK, "dns-app-gcp") });
    expect(urns(l)).toEqual(urns(plans["failover"]!));
  });

  it("takes the regions from config when given", () => {
    const l = plan(prodVariant("latency-set", { routing: "latency", latencyRegions: { gcp: "us-west-2" } }));
    expect(inputsOf(l, RECORD, "dns-gcp")).toMatchObject({ latencyRoutingPolicies: [{ region: "us-west-2" }] });
    expect(inputsOf(l, RECORD, "dns-aws")).toMatchObject({ latencyRoutingPolicies: [{ region: "us-east-1" }] });
  });
});

describe("bad routing config: one line naming the file and the key, exit 2", () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      "weighted routing while replicating, without saying the standby's app may take traffic",
      { routing: "weighted", standbyServesTraffic: undefined },
      'meridian:dns.routing must be "failover" while meridian:replication copies the AWS database to GCP, or set meridian:dns.standbyServesTraffic: true',
    ],
    ["the opt-in with failover routing", { routing: "failover", standbyServesTraffic: true }, 'meridian:dns.standbyServesTraffic must be absent while meridian:dns.routing is "failover"'],
    ["a weight over 255", { routing: "weighted", weights: { aws: 300, gcp: 30 } }, "meridian:dns.weights.aws must be an integer from 0 to 255; got 300."],
    ["a negative weight", { routing: "weighted", weights: { aws: 70, gcp: -1 } }, "meridian:dns.weights.gcp must be an integer from 0 to 255; got -1."],
    ["weights all 0", { routing: "weighted", weights: { aws: 0, gcp: 0 } }, 'meridian:dns.weights must be weights that are not all 0 (no cloud would get traffic); got {"aws":0,"gcp":0}.'],
    ["a geolocation map without a default", { routing: "geolocation", geolocation: { continents: { EU: "gcp" } } }, "meridian:dns.geolocation.default must be the cloud that answers every location not listed, such as aws; got undefined."],
    ["a map naming a cloud the tiers do not run on", { routing: "geolocation", geolocation: { default: "aws", continents: { EU: "azure" } } }, 'meridian:dns.geolocation.continents.EU must be one of the clouds the public tiers run on: "aws", "gcp"; got "azure".'],
    ["an unknown continent", { routing: "geolocation", geolocation: { default: "aws", continents: { EU: "gcp", XX: "gcp" } } }, "meridian:dns.geolocation.continents.XX must be continent codes of Route 53 geolocation: AF, AN, AS, EU, OC, NA, SA"],
    ["an unknown country", { routing: "geolocation", geolocation: { default: "aws", countries: { ZZ: "gcp" } } }, 'meridian:dns.geolocation.countries.ZZ must be ISO 3166-1 alpha-2 country codes, upper case, such as "DE"'],
    ["cloud-dns", { provider: "cloud-dns" }, 'meridian:dns.provider must be "route53" (cloud-dns is not available in the stacks yet'],
  ])("%s", (_what, dns, message) => {
    // The config check the plan runs first, on prod's file as edited (the exit code is checked once, below).
    const file = prodVariant(`bad-${Math.random().toString(36).slice(2)}`, dns);
    const loaded = loadStackConfigFile(file, "meridian");
    expect(() => parseStackConfig(configObjectFromMap(loaded.config), file)).toThrow(message);
  });

  it("a bad routing config stops meridian plan with exit 2 and the one line", () => {
    const r = meridian("plan", "--stack", "prod", "--config", prodVariant("bad-weights", { routing: "weighted", weights: { aws: 0, gcp: 0 } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meridian:dns.weights must be weights that are not all 0 (no cloud would get traffic); got {"aws":0,"gcp":0}.');
  });
});
