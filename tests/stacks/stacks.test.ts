/**
 * The three stacks, planned offline as a user would: no mandatory violation, the DR budgets within the targets,
 * prod's stateful resources protected, costs in the right order, and prod's URNs unchanged.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanReport } from "../../cli/plan";
import { meridian, ROOT } from "../helpers/cli";
import { diffUrns, explainRemoved } from "./urns";

const SNAPSHOT = path.join(ROOT, "tests", "__snapshots__", "prod-urns.txt");

function planStack(stack: string): PlanReport {
  const r = meridian("plan", "--stack", stack, "--format", "json");
  if (r.code !== 0) throw new Error(`plan of ${stack} exited ${r.code}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as PlanReport;
}

const plans: Record<string, PlanReport> = {};
beforeAll(() => {
  for (const stack of ["dev", "staging", "prod"]) plans[stack] = planStack(stack);
});

describe.each(["dev", "staging", "prod"])("the %s stack", (stack) => {
  it("plans with no mandatory violation and nothing the engine would reject", () => {
    const report = plans[stack]!;
    expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(report.engineErrors).toEqual([]);
    expect(report.cost.unpriced).toEqual([]);
  });
});

describe("staging and prod", () => {
  it.each<[string, string]>([
    ["staging", "staging.meridian.example.com"],
    ["prod", "meridian.example.com"],
  ])("%s meets the RTO and RPO targets: 90 s failover for each public name, 10 s lag alarm", (stack, zone) => {
    expect(plans[stack]!.dr).toEqual({
      failoverSeconds: 90,
      failoverByName: { [`api.${zone}`]: 90, [`app.${zone}`]: 90 },
      rtoTargetSeconds: 300,
      rpoGuardSeconds: 10,
      rpoTargetSeconds: 60,
    });
  });

  it("cost more as they grow: dev < staging < prod, each within its budget", () => {
    const [dev, staging, prod] = ["dev", "staging", "prod"].map((s) => plans[s]!.cost.totalMonthlyUsd) as [number, number, number];
    expect(dev).toBeLessThan(staging);
    expect(staging).toBeLessThan(prod);
    expect(prod).toBeLessThanOrEqual(6000);
    expect(plans["prod"]!.outputs["estimatedMonthlyCostUsd"]).toBe(prod);
  });

  it("prod protects its databases, their keys, the replication secrets and the zone", () => {
    const prod = plans["prod"]!;
    const protectedTypes = ["aws:rds/instance:Instance", "gcp:sql/databaseInstance:DatabaseInstance", "aws:secretsmanager/secret:Secret", "aws:route53/zone:Zone"];
    for (const type of protectedTypes) {
      const found = prod.resources.filter((r) => r.type === type);
      expect(found.length).toBeGreaterThan(0);
      for (const r of found) expect({ urn: r.urn, protect: r.protect }).toEqual({ urn: r.urn, protect: true });
    }
    expect(prod.resources.find((r) => r.name === "db-aws-key")?.protect).toBe(true);
    expect(plans["staging"]!.resources.find((r) => r.type === "aws:rds/instance:Instance")?.protect).toBe(false);
  });

  it("prod exports what an operator needs, secrets as secrets", () => {
    const prod = plans["prod"]!;
    expect(prod.outputs).toMatchObject({ dns: { fqdn: "api.meridian.example.com", failoverBudget: { totalSeconds: 90 } }, replication: { rpoGuardSeconds: 10 } });
    expect(prod.outputs["kubeconfigs"]).toEqual({ aws: "[secret]", gcp: "[secret]" });
    expect(prod.secretOutputs).toEqual(expect.arrayContaining(["kubeconfigs", "databases"]));
  });
});

describe("the prod URN snapshot", () => {
  it("is unchanged: a change that would rename (and so replace) a resource fails here", () => {
    const actual = plans["prod"]!.resources.map((r) => r.urn).sort();
    if (process.env["UPDATE_URN_SNAPSHOT"] === "1") fs.writeFileSync(SNAPSHOT, `${actual.join("\n")}\n`);
    const expected = fs.readFileSync(SNAPSHOT, "utf8").split("\n").filter(Boolean);
    const diff = diffUrns(expected, actual);
    if (diff.removed.length > 0) throw new Error(explainRemoved(diff));
    // New resources are fine for live ones, but the snapshot must list them so the next rename is caught.
    expect(diff.added).toEqual([]);
  });

  it("catches a renamed component: the old URNs show as removed, with the way out in the message", () => {
    const expected = fs.readFileSync(SNAPSHOT, "utf8").split("\n").filter(Boolean);
    // A refactor renames the AWS database component "db-aws" to "primary-db": every child's URN changes.
    const renamed = expected.map((u) => u.replace(/::db-aws(-|$)/, "::primary-db$1").replace("RdsPostgres::db-aws", "RdsPostgres::primary-db"));
    const diff = diffUrns(expected, renamed);
    expect(diff.removed).toContain(expected.find((u) => u.endsWith("aws:rds/instance:Instance::db-aws-instance")));
    expect(explainRemoved(diff)).toMatch(/add an alias \(opts\.aliases\)[\s\S]*npm run urns:update/);
  });
});
