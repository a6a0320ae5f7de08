/**
 * `meridian diff` over real plan pairs, as a reviewer runs it: the prod stack planned before and after a change
 * (through `meridian plan --compare`), and a small program whose database component is renamed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDiff } from "../../cli/diff";
import { FIXTURES, ROOT, meridian } from "../helpers/cli";
import { referencePlanFile } from "../helpers/reference-plans";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-diff-"));
const prodYaml = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8");
const RENAME = path.join(FIXTURES, "rename-program");
const short = (urn: string) => urn.split("::").slice(2).join("::");

/** Plans prod with `edit` applied to its config, against `base`; returns the exit code and the JSON diff. */
function prodAgainst(base: string, edit: (yaml: string) => string): { code: number | null; diff: PlanDiff } {
  const file = path.join(dir, `prod-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, edit(prodYaml));
  const r = meridian("plan", "--stack", "prod", "--config", file, "--compare", base, "--format", "json");
  if (r.code === 2 || r.code === 3) throw new Error(r.stderr);
  return { code: r.code, diff: JSON.parse(r.stdout) as PlanDiff };
}

describe("meridian diff: the prod stack", () => {
  // Prod as configured: the run's shared plan (tests/helpers/reference-plans.ts), read only.
  let base: string;
  beforeAll(() => {
    base = referencePlanFile("prod");
  });

  it("against itself: no change, exit 0, one summary line", () => {
    const r = meridian("diff", base, base);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("prod: no resource changes; cost ±$0.00/month");
    const json = JSON.parse(meridian("diff", base, base, "--format", "json").stdout) as PlanDiff;
    expect(json).toMatchObject({ diffVersion: 1, stack: "prod", blocking: [], atRisk: [], added: [], deleted: [], renamed: [], replaced: [], updated: [], cost: { deltaUsd: 0, byResource: [] }, policy: { added: [], fixed: [] }, dr: { changed: false } });
  });

  it("a larger RDS instance, a shorter TTL and one zone fewer: in-place updates, a cost delta, a deleted named port, a new failover budget; exit 0", () => {
    const { code, diff } = prodAgainst(base, (y) =>
      y.replace("instanceClass: db.m7g.large", "instanceClass: db.m7g.xlarge").replace("ttlSeconds: 60", "ttlSeconds: 30").replace("zones: [us-central1-a, us-central1-b, us-central1-c]", "zones: [us-central1-a, us-central1-b]"),
    );
    expect(code).toBe(0);
    expect(diff.blocking).toEqual([]);
    expect(diff.atRisk).toEqual([]);
    const db = diff.updated.find((u) => u.type === "aws:rds/instance:Instance")!;
    expect(db.changes).toEqual([{ path: "instanceClass", before: "db.m7g.large", after: "db.m7g.xlarge" }]);
    expect(diff.cost.byResource[0]).toEqual({ urn: db.urn, type: "aws:rds/instance:Instance", beforeUsd: expect.any(Number), afterUsd: expect.any(Number), deltaUsd: 246.74, usagePriced: false });
    // One zone fewer also drops that zone's minimum nodes: the total is the sum of the lines.
    expect(diff.cost.deltaUsd).toBeCloseTo(diff.cost.byResource.reduce((sum, c) => sum + c.deltaUsd, 0), 2);
    expect(diff.cost.byResource.find((c) => c.type === "gcp:container/nodePool:NodePool")!.deltaUsd).toBeLessThan(0);
    expect(diff.deleted.map((r) => short(r.urn))).toEqual([expect.stringMatching(/gcp:compute\/instanceGroupNamedPort:InstanceGroupNamedPort::.*-c$/)]);
    expect(diff.updated.filter((u) => u.type === "aws:route53/record:Record").flatMap((u) => u.changes.map((c) => [c.path, c.before, c.after]))).toContainEqual(["ttl", 60, 30]);
    expect(diff.dr).toMatchObject({ changed: true, before: { failoverSeconds: 90 }, after: { failoverSeconds: 60 } });
  });

  it("protection turned off in prod: new mandatory violations, exit 1, each named", () => {
    const { code, diff } = prodAgainst(base, (y) => y.replace("meridian:protect: true", "meridian:protect: false"));
    expect(code).toBe(1);
    expect(diff.policy.added.length).toBeGreaterThan(10);
    expect(diff.policy.added.every((v) => v.policyName === "meridian-resilience-data-protection" && v.enforcementLevel === "mandatory")).toBe(true);
    expect(diff.blocking).toContain(`new mandatory violation: meridian-resilience-data-protection on ${diff.policy.added[0]!.urn}`);
    // The guards that follow protection change in place; nothing is replaced or deleted.
    expect(diff.updated.find((u) => u.type === "aws:eks/cluster:Cluster")!.changes).toEqual([{ path: "deletionProtection", before: true, after: false }]);
    expect(diff.replaced).toEqual([]);
  });
});

describe("meridian diff: a renamed component", () => {
  const base = path.join(dir, "rename-base.json");
  beforeAll(() => {
    expect(meridian("plan", "--program", RENAME, "--stack", "ci", "--format", "json", "--out", base).code).toBe(0);
  });

  it("without an alias: the database and its key would be replaced; exit 1, the alias to add named", () => {
    const r = meridian("plan", "--program", RENAME, "--stack", "ci", "--config", path.join(RENAME, "renamed.yaml"), "--compare", base, "--format", "json");
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout) as PlanDiff;
    expect(diff.atRisk.map((a) => [short(a.urn), a.change])).toEqual([
      ["meridian:database:RdsPostgres$aws:kms/key:Key::orders-key", "renamed without alias"],
      ["meridian:database:RdsPostgres$aws:rds/instance:Instance::orders-instance", "renamed without alias"],
    ]);
    expect(diff.renamed.find((x) => x.from.type === "meridian:database:RdsPostgres")).toEqual({
      from: { urn: "urn:pulumi:ci::rename::meridian:database:RdsPostgres::orders", type: "meridian:database:RdsPostgres", protect: false, stateful: false },
      to: { urn: "urn:pulumi:ci::rename::meridian:database:RdsPostgres::orders-db", type: "meridian:database:RdsPostgres", protect: false, stateful: false },
      aliased: false,
      aliasToAdd: 'aliases: [{ name: "orders" }]',
    });
    const markdown = meridian("plan", "--program", RENAME, "--stack", "ci", "--config", path.join(RENAME, "renamed.yaml"), "--compare", base, "--format", "markdown").stdout;
    expect(markdown.split("\n")[0]).toMatch(/^\*\*`ci`\*\* — .*2 stateful or protected at risk/);
    expect(markdown).toContain("> [!CAUTION]");
    expect(markdown).toContain('no alias, **replaced** unless it has `aliases: [{ name: "orders" }]`');
  });

  it("with the alias: every resource kept (its children follow the component's alias); exit 0", () => {
    const r = meridian("plan", "--program", RENAME, "--stack", "ci", "--config", path.join(RENAME, "aliased.yaml"), "--compare", base, "--format", "json");
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout) as PlanDiff;
    expect(diff.atRisk).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.deleted).toEqual([]);
    expect(diff.renamed.every((x) => x.aliased)).toBe(true);
    // The component and its children: nine, and since 0.5.0 its three alarms.
    expect(diff.renamed).toHaveLength(12);
    // Descriptions spelled from the name change; on a security group and a parameter group that means replacement.
    expect(diff.replaced.map((x) => [short(x.urn), x.because])).toEqual([
      ["meridian:database:RdsPostgres$aws:ec2/securityGroup:SecurityGroup::orders-db-sg", ["description"]],
      ["meridian:database:RdsPostgres$aws:kms/alias:Alias::orders-db-key", ["name"]],
      ["meridian:database:RdsPostgres$aws:rds/parameterGroup:ParameterGroup::orders-db-params", ["description"]],
    ]);
  });
});

describe("meridian diff: bad usage exits 2 with one line", () => {
  it("refuses reports of different stacks, a missing file and a report of another format", () => {
    const prod = referencePlanFile("prod");
    const rename = path.join(dir, "rename-base.json");
    expect(meridian("diff", prod, rename)).toMatchObject({ code: 2, stderr: "meridian: the reports are of different stacks: meridian/prod and rename/ci\n" });
    expect(meridian("diff", prod, path.join(dir, "nope.json"))).toMatchObject({ code: 2, stderr: `meridian: ${path.join(dir, "nope.json")}: cannot read the plan report (ENOENT)\n` });
    const old = path.join(dir, "old.json");
    const report = JSON.parse(fs.readFileSync(rename, "utf8")) as Record<string, unknown>;
    delete report["reportVersion"];
    fs.writeFileSync(old, JSON.stringify(report));
    expect(meridian("diff", old, rename).stderr).toMatch(/^meridian: .*old\.json: a plan report of format "none" .* this diff reads format 1: plan both sides with the same Meridian\n$/);
  });
});

describe("meridian diff: findings are rules on resources, and engine rejections block", () => {
  it("keeps a finding whose figures moved as the same finding; a new engine rejection makes exit 1", () => {
    const base = JSON.parse(fs.readFileSync(path.join(dir, "rename-base.json"), "utf8")) as Record<string, unknown>;
    const budget = (usd: number) => ({ policyName: "meridian-cost-budget", enforcementLevel: "mandatory", urn: "", message: `estimated $${usd}/month, above the budget` });
    const write = (name: string, report: Record<string, unknown>) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(report));
      return file;
    };
    const before = write("budget-before.json", { ...base, violations: [budget(1200)] });
    const after = write("budget-after.json", { ...base, violations: [budget(1100)] });
    const moved = meridian("diff", before, after, "--format", "json");
    expect(moved.code).toBe(0);
    expect((JSON.parse(moved.stdout) as PlanDiff).policy).toEqual({ added: [], fixed: [], unchanged: 1, acknowledgementsAdded: [], acknowledgementsRemoved: [] });
    const rejected = write("rejected.json", { ...base, engineErrors: ["urn:x: uses the default 'aws' provider, which this stack disables"] });
    const r = meridian("diff", path.join(dir, "rename-base.json"), rejected, "--format", "json");
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as PlanDiff).blocking).toEqual(["the engine would reject: urn:x: uses the default 'aws' provider, which this stack disables"]);
  });
});
