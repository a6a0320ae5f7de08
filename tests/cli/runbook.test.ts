/**
 * `meridian runbook` end to end, as a user runs it (a process per invocation), checked against the plan of the same
 * stack: every resource a step names is in the plan, every stack output a command reads exists, the names and sizes
 * in the commands are the plan's, and the expected times are the plan's RTO parts.
 */
import type { PlanReport, PlannedResource } from "../../cli/plan";
import type { Runbook } from "../../cli/runbook";
import { SCENARIOS } from "../../cli/options";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { editedStackConfig, FIXTURES, meridian } from "../helpers/cli";
import { referencePlan, referencePlanFile } from "../helpers/reference-plans";

function json<T>(...args: string[]): T {
  const r = meridian(...args, "--format", "json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Every `pulumi stack output <key> --stack <s> --json | jq -r '<path>'` in the commands, resolved against the plan's outputs. */
function outputReads(rb: Runbook): Array<{ stack: string; key: string; path: string }> {
  const reads: Array<{ stack: string; key: string; path: string }> = [];
  for (const st of rb.steps) {
    for (const c of st.commands) {
      for (const m of c.matchAll(/pulumi stack output (\w+) --stack (\S+) --json \| jq -r '?(\.[\w.]+)/g)) reads.push({ key: m[1]!, stack: m[2]!, path: m[3]! });
    }
  }
  return reads;
}

function at(value: unknown, path: string): unknown {
  return path
    .split(".")
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** The autoscaler of the app on the cluster a per-cloud component made (its Kubernetes provider's URN says which). */
function hpaOn(plan: PlanReport, cluster: "EksCluster" | "GkeCluster"): PlannedResource {
  const hpa = plan.resources.find((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler" && (r.provider ?? "").includes(`meridian:kubernetes:${cluster}`));
  expect(hpa).toBeDefined();
  return hpa!;
}

/** The scenarios of a stack that routes by failover (prod and staging): degraded needs weighted routing. */
const FAILOVER_SCENARIOS = ["aws-down", "gcp-down"] as const;

describe.each(["prod", "staging"])("meridian runbook --stack %s", (stack) => {
  let plan: PlanReport;
  const books = {} as Record<(typeof FAILOVER_SCENARIOS)[number], Runbook>;

  beforeAll(() => {
    // The stack's plan, made once for the run, and the runbooks read from that same report (--plan).
    plan = referencePlan(stack);
    for (const scenario of FAILOVER_SCENARIOS) books[scenario] = json<Runbook>("runbook", "--stack", stack, "--scenario", scenario, "--plan", referencePlanFile(stack));
  });

  it.each(FAILOVER_SCENARIOS)("%s: names only the plan's resources, and reads only stack outputs the plan has", (scenario) => {
    const rb = books[scenario];
    expect(rb).toMatchObject({ stack, scenario });
    const urns = new Set(plan.resources.map((r) => r.urn));
    for (const st of rb.steps) for (const u of st.resources) expect(urns).toContain(u);
    const reads = outputReads(rb);
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) {
      expect(r.stack).toBe(stack);
      expect([r.key, r.path, at(plan.outputs[r.key], r.path)]).toEqual([r.key, r.path, expect.anything()]);
    }
  });

  it("aws-down: stops the plan's DMS task, checks its Cloud SQL instance, scales GCP's app to the failover size, and its steps add up to the plan's RTO", () => {
    const rb = books["aws-down"];
    const region = plan.resources.find((r) => r.type === "pulumi:providers:aws")!.inputs["region"];
    const task = plan.resources.find((r) => r.type === "aws:dms/replicationTask:ReplicationTask")!;
    const stop = rb.steps.find((st) => st.commands.some((c) => c.startsWith("aws dms stop-replication-task")))!;
    expect(stop.resources).toContain(task.urn);
    expect(stop.commands[0]).toContain(`--region ${region}`);
    expect(stop.expectedSeconds).toBe(plan.dr!.promotion!.stopTaskSeconds);
    const cloudSql = plan.resources.find((r) => r.type === "gcp:sql/databaseInstance:DatabaseInstance")!;
    expect(rb.steps.find((st) => st.commands.some((c) => c.startsWith("gcloud sql instances describe")))?.resources).toContain(cloudSql.urn);

    const hpa = hpaOn(plan, "GkeCluster");
    const meta = hpa.inputs["metadata"] as { name: string; namespace: string };
    const scale = rb.steps.find((st) => st.resources.includes(hpa.urn) && st.phase === "failover" && st.expectedSeconds !== null)!;
    expect(scale.commands).toContainEqual(expect.stringContaining(`-n ${meta.namespace} patch hpa ${meta.name} --type merge -p '{"spec":{"minReplicas":${plan.dr!.failoverReplicas}}}'`));
    // The plan's app on GCP and its estimate agree on the name.
    expect(plan.dr!.scaleUp!.apps.find((a) => a.cloud === "gcp")).toMatchObject({ app: meta.name, namespace: meta.namespace });
    expect(scale.expectedSeconds).toBe(Math.max(...plan.dr!.scaleUp!.apps.filter((a) => a.cloud === "gcp").map((a) => a.seconds), ...plan.dr!.scaleUp!.serverless.map((s) => s.seconds)));

    // DNS + promotion + scale-up: the failover steps carry the plan's RTO parts and nothing else.
    expect(rb.expectedSeconds).toBe(plan.dr!.rtoSeconds);
    expect(rb.steps[0]).toMatchObject({ who: "automatic", expectedSeconds: plan.dr!.failoverSeconds });
    // Traffic is held off AWS with its own health checks, and let back in the failback.
    const awsChecks = plan.resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck" && r.name.endsWith("-aws")).map((r) => r.urn);
    expect(awsChecks.length).toBeGreaterThan(0);
    const hold = rb.steps.find((st) => st.commands.some((c) => c.includes("--disabled --inverted")))!;
    const release = rb.steps.find((st) => st.commands.some((c) => c.includes("--no-disabled --no-inverted")))!;
    expect([hold.phase, release.phase]).toEqual(["failover", "failback"]);
    expect(hold.resources.sort()).toEqual([...awsChecks].sort());
  });

  it("gcp-down: nothing moves in DNS (AWS is the plan's primary), AWS's app is checked at the failover size, replication is stopped and resumed", () => {
    const rb = books["gcp-down"];
    const primary = plan.resources.find((r) => r.type === "aws:route53/record:Record" && (r.inputs["failoverRoutingPolicies"] as Array<{ type: string }> | undefined)?.[0]?.type === "PRIMARY");
    expect(primary?.inputs["setIdentifier"]).toBe("aws");
    expect(rb.steps[0]).toMatchObject({ who: "automatic", expectedSeconds: 0 });
    const hpa = hpaOn(plan, "EksCluster");
    const meta = hpa.inputs["metadata"] as { name: string; namespace: string };
    expect(rb.steps.flatMap((st) => st.commands)).toContainEqual(expect.stringContaining(`-n ${meta.namespace} patch hpa ${meta.name} --type merge -p '{"spec":{"minReplicas":${plan.dr!.failoverReplicas}}}'`));
    const commands = rb.steps.flatMap((st) => st.commands);
    expect(commands).toContainEqual(expect.stringMatching(/^aws dms stop-replication-task /));
    expect(commands).toContainEqual(expect.stringMatching(/--start-replication-task-type resume-processing$/));
  });

  it("degraded: refused while the names route by failover (Route 53 cannot switch a live name to weighted), exit 2, saying what to do", () => {
    const r = meridian("runbook", "--stack", stack, "--scenario", "degraded", "--plan", referencePlanFile(stack));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the degraded scenario does not apply: the public names route by failover, .* Route by weighted from the start/);
  });

});

describe("meridian runbook --scenario degraded, prod routed by weight (aws 100, gcp 0)", () => {
  let plan: PlanReport;
  let rb: Runbook;
  beforeAll(() => {
    const config = editedStackConfig("prod", (c) => {
      c["meridian:dns"] = { ...c["meridian:dns"], routing: "weighted", weights: { aws: 100, gcp: 0 } };
    }, "weighted.yaml");
    const report = path.join(path.dirname(config), "weighted.json");
    expect(meridian("plan", "--stack", "prod", "--config", config, "--format", "json", "--out", report).code).toBe(0);
    plan = JSON.parse(fs.readFileSync(report, "utf8")) as PlanReport;
    rb = json<Runbook>("runbook", "--stack", "prod", "--scenario", "degraded", "--plan", report);
  });

  it("names only the plan's weighted records, and shifts the weights in ten 10 % steps, saying first that the standby may take traffic", () => {
    const urns = new Set(plan.resources.map((r) => r.urn));
    for (const st of rb.steps) for (const u of st.resources) expect(urns).toContain(u);
    const shifts = rb.steps.filter((st) => st.phase === "failover" && st.title.startsWith("Shift"));
    const weighted = plan.resources.filter((r) => r.type === "aws:route53/record:Record" && Array.isArray(r.inputs["weightedRoutingPolicies"])).map((r) => r.urn);
    expect(shifts[0]!.resources.sort()).toEqual(weighted.sort());
    const weights = shifts
      .flatMap((st) => st.commands)
      .map((c) => /dns\.weights\.aws' (\d+) && pulumi config set --stack \S+ --path 'meridian:dns\.weights\.gcp' (\d+) && pulumi up/.exec(c))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])]);
    expect(weights).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => [100 - 10 * k, 10 * k]));
    // Replication runs to GCP: the first shift says the standby's app may take requests (the config refuses it otherwise).
    expect(shifts[0]!.commands[0]).toBe("pulumi config set --stack prod --path 'meridian:dns.standbyServesTraffic' true");
    expect(rb.steps.flatMap((st) => st.commands).filter((c) => c.includes("meridian:dns.routing"))).toEqual([]);
    expect(rb.before.join(" ")).toMatch(/WARNING, writes/);
  });
});

describe("meridian runbook: text and markdown, refusals", () => {
  it("prints the RTO sum and each step with its commands as text", () => {
    // Planned by the command itself (no --plan), as a user runs it.
    const r = meridian("runbook", "--stack", "prod", "--scenario", "aws-down");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Runbook: stack prod, scenario aws-down/);
    expect(r.stdout).toMatch(/^RTO: \d+ s DNS \(\d+ s detection \+ \d+ s TTL\) \+ \d+ s promotion \+ \d+ s scale-up = \d+ s \(target 300 s\)$/m);
    expect(r.stdout).toMatch(/^ {5}\$ aws dms stop-replication-task /m);
    expect(r.stdout).toMatch(/^Failback \(manual, outside the RTO\):$/m);
  });

  it("prints markdown with the commands in shell blocks", () => {
    const r = meridian("runbook", "--stack", "staging", "--scenario", "gcp-down", "--format", "markdown", "--plan", referencePlanFile("staging"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Runbook: `staging`, gcp-down$/m);
    expect(r.stdout).toContain("   ```sh\n");
  });

  it.each(SCENARIOS)("refuses %s for a stack without DNS failover or replication (dev): exit 2, one line", (scenario) => {
    const r = meridian("runbook", "--stack", "dev", "--scenario", scenario, "--plan", referencePlanFile("dev"));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`meridian: stack dev: the ${scenario} scenario does not apply: the stack has no DNS failover between clouds (meridian:dns), so there is no other cloud to send traffic to\n`);
  });

  it("refuses aws-down for a stack with DNS failover but no replication, and prints gcp-down for it", () => {
    // Planned once with that config; both scenarios read the report.
    const config = path.join(FIXTURES, "stack-configs", "staging-no-replication.yaml");
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-runbook-")), "staging-no-replication.json");
    expect(meridian("plan", "--stack", "staging", "--config", config, "--format", "json", "--out", report).code).toBe(0);
    const r = meridian("runbook", "--stack", "staging", "--plan", report, "--scenario", "aws-down");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("meridian: stack staging: the aws-down scenario does not apply: the stack has no replication to GCP (meridian:replication), so GCP has no copy of the data to serve\n");
    const ok = meridian("runbook", "--stack", "staging", "--plan", report, "--scenario", "gcp-down", "--format", "json");
    expect(ok.code).toBe(0);
    const rb = JSON.parse(ok.stdout) as Runbook;
    // No replication: no DMS step, and no promotion in the RTO.
    expect(rb.steps.flatMap((st) => st.commands).filter((c) => c.includes("aws dms"))).toEqual([]);
    expect(rb.dr?.promotion).toBeNull();
  });

  it("reads a plan report with --plan only for its own stack, and not with the options that would plan: exit 2", () => {
    const prod = referencePlanFile("prod");
    const other = meridian("runbook", "--stack", "staging", "--scenario", "gcp-down", "--plan", prod);
    expect([other.code, other.stderr]).toEqual([2, `meridian: ${prod} is a plan of stack "prod", not "staging"\n`]);
    const both = meridian("runbook", "--stack", "prod", "--scenario", "gcp-down", "--plan", prod, "--config", "stacks/Pulumi.prod.yaml");
    expect([both.code, both.stderr]).toEqual([2, "meridian: --config and --plan do not go together: the plan report was made with its own (plan again without --plan to use them)\n"]);
    const notPlan = meridian("runbook", "--stack", "prod", "--scenario", "gcp-down", "--plan", path.join(FIXTURES, "stack-configs", "staging-no-replication.yaml"));
    expect(notPlan.code).toBe(2);
    expect(notPlan.stderr).toMatch(/staging-no-replication\.yaml: not JSON \(write it with meridian plan --format json\)/);
  });

  it("refuses every scenario for names routed by geolocation, whose health checks are per location: exit 2", () => {
    const config = editedStackConfig("prod", (c) => {
      c["meridian:dns"] = { ...c["meridian:dns"], routing: "geolocation", standbyServesTraffic: true, geolocation: { default: "aws", continents: { EU: "gcp" } } };
    }, "geolocation.yaml");
    const r = meridian("runbook", "--stack", "prod", "--config", config, "--scenario", "aws-down");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the aws-down scenario does not apply: the public names route by geolocation, whose health checks are per location/);
  });

  it("refuses an unknown scenario, and a missing one: exit 2", () => {
    const bad = meridian("runbook", "--stack", "prod", "--scenario", "region-down");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'region-down' is invalid\. Allowed choices are aws-down, gcp-down, degraded/);
    expect(meridian("runbook", "--stack", "prod").code).toBe(2);
  });
});
