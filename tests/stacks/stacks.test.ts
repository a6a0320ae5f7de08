/**
 * The three stacks, planned offline as a user would: no mandatory violation, the DR budgets within the targets,
 * prod's stateful resources protected, costs in the right order, and prod's URNs unchanged.
 */
import * as fs from "fs";
import * as path from "path";
import { renderPathsMermaid, withDiagram } from "../../cli/diagram";
import type { PlanReport } from "../../cli/plan";
import { isStateful, STATEFUL_TYPES } from "../../components/core";
import { editedStackConfig, meridian, ROOT } from "../helpers/cli";
import { referencePlan } from "../helpers/reference-plans";
import { diffUrns, explainRemoved } from "./urns";
import { renderText } from "../../cli/report";

const SNAPSHOT = path.join(ROOT, "tests", "__snapshots__", "prod-urns.txt");


const plans: Record<string, PlanReport> = {};
beforeAll(() => {
  for (const stack of ["dev", "staging", "prod"]) plans[stack] = referencePlan(stack);
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
  it.each<[string, string, number]>([
    ["staging", "staging.meridian.example.com", 4],
    ["prod", "meridian.example.com", 10],
  ])("%s meets the RTO and RPO targets: 90 s failover for each public name + 90 s promotion + 60 s scale-up = 240 s, 10 s lag alarm", (stack, zone, failoverReplicas) => {
    expect(plans[stack]!.dr).toMatchObject({
      failoverSeconds: 90,
      failoverByName: { [`api.${zone}`]: 90, [`app.${zone}`]: 90 },
      rtoTargetSeconds: 300,
      rpoGuardSeconds: 10,
      rpoTargetSeconds: 60,
      detectionSeconds: 30,
      ttlSeconds: 60,
      promotion: { totalSeconds: 90 },
      scaleUp: { seconds: 60 },
      failoverReplicas,
      rtoSeconds: 240,
    });
    // Both clouds' apps reach the failover size without new nodes (the pools' minimum holds it).
    for (const app of plans[stack]!.dr!.scaleUp!.apps) expect(app).toMatchObject({ targetReplicas: failoverReplicas, nodeScaleUp: false, reachable: true });
  });

  it("cost more as they grow: dev < staging < prod, each within its budget", () => {
    const [dev, staging, prod] = ["dev", "staging", "prod"].map((s) => plans[s]!.cost.totalMonthlyUsd) as [number, number, number];
    expect(dev).toBeLessThan(staging);
    expect(staging).toBeLessThan(prod);
    expect(prod).toBeLessThanOrEqual(6000);
    expect(plans["prod"]!.outputs["estimatedMonthlyCostUsd"]).toBe(prod);
  });

  it("prod protects every resource that holds state, with its provider's own deletion guard on; staging protects none", () => {
    const prod = plans["prod"]!;
    const stateful = prod.resources.filter((r) => isStateful(r.type));
    // The kinds prod holds state in: if one disappears from this list, a component stopped creating it.
    expect([...new Set(stateful.map((r) => r.type))].sort()).toEqual(
      expect.arrayContaining([
        "aws:cloudwatch/logGroup:LogGroup",
        "aws:dms/replicationInstance:ReplicationInstance",
        "aws:dms/replicationTask:ReplicationTask",
        "aws:eks/cluster:Cluster",
        "aws:eks/nodeGroup:NodeGroup",
        "aws:kms/key:Key",
        "aws:rds/instance:Instance",
        "aws:route53/zone:Zone",
        "aws:secretsmanager/secret:Secret",
        "gcp:container/cluster:Cluster",
        "gcp:container/nodePool:NodePool",
        "gcp:kms/cryptoKey:CryptoKey",
        "gcp:kms/keyRing:KeyRing",
        "gcp:sql/database:Database",
        "gcp:sql/databaseInstance:DatabaseInstance",
        "gcp:sql/user:User",
        "random:index/randomPassword:RandomPassword",
      ]),
    );
    const unguarded = stateful.flatMap((r) => {
      const guard = STATEFUL_TYPES[r.type]!.deletionProtection;
      const problems = [];
      if (!r.protect) problems.push(`${r.urn}: not protected`);
      if (guard && r.inputs[guard.input] !== guard.value) problems.push(`${r.urn}: ${guard.input} is ${JSON.stringify(r.inputs[guard.input])}`);
      return problems;
    });
    expect(unguarded).toEqual([]);
    expect(plans["staging"]!.resources.filter((r) => isStateful(r.type) && r.protect).map((r) => r.urn)).toEqual([]);
  });

  it.each(["staging", "prod"])("%s: the deploy runner in the AWS VPC reaches GKE's private endpoint across the VPN", (stack) => {
    const plan = plans[stack]!;
    const of = (type: string) => plan.resources.filter((r) => r.type === type);
    const vpc = of("aws:ec2/vpc:Vpc")[0]!.inputs["cidrBlock"];
    const cluster = of("gcp:container/cluster:Cluster")[0]!;
    const master = (cluster.inputs["privateClusterConfig"] as { masterIpv4CidrBlock: string }).masterIpv4CidrBlock;
    // The control plane admits the AWS VPC ...
    expect((cluster.inputs["masterAuthorizedNetworksConfig"] as { cidrBlocks: Array<{ cidrBlock: string }> }).cidrBlocks.map((b) => b.cidrBlock)).toContain(vpc);
    // ... AWS learns the control plane's range over BGP ...
    const router = plan.resources.find((r) => r.type === "gcp:compute/router:Router" && r.name === "vpn-router")!;
    expect((router.inputs["bgp"] as { advertisedIpRanges: Array<{ range: string }> }).advertisedIpRanges.map((r) => r.range)).toContain(master);
    // ... and the control plane learns the way back: the VPC's VPN-learned routes exported to its peering.
    const routes = plan.resources.find((r) => r.name === "k8s-gcp-control-plane-routes")!;
    expect(routes.inputs).toMatchObject({ exportCustomRoutes: true, importCustomRoutes: false, peering: expect.stringMatching(/^gke-n[0-9a-f]+-[0-9a-f]+-peer$/) });
  });

  it("size and alarm replication as specified: prod's instance has the patterns guide's 100 GiB, staging the default 50; a warning at 5 s before the page at 10 s", () => {
    for (const [stack, storage] of [["prod", 100], ["staging", 50]] as const) {
      const plan = plans[stack]!;
      expect(plan.resources.find((r) => r.type === "aws:dms/replicationInstance:ReplicationInstance" && r.name === "replication-instance")!.inputs["allocatedStorage"]).toBe(storage);
      const threshold = (name: string) => plan.resources.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name === name)!.inputs["threshold"];
      expect(["replication-lag-target", "replication-lag-target-warning", "replication-lag-source", "replication-lag-source-warning"].map(threshold)).toEqual([10, 5, 10, 5]);
      const settings = JSON.parse(plan.resources.find((r) => r.type === "aws:dms/replicationTask:ReplicationTask")!.inputs["replicationTaskSettings"] as string);
      expect(settings.FullLoadSettings).toMatchObject({ MaxFullLoadSubTasks: 8, TransactionConsistencyTimeout: 1, CommitRate: 50000 });
    }
  });

  it("prod's databases have storage headroom and maintenance windows from config, the standby's two hours after the primary's", () => {
    const prod = plans["prod"]!;
    const rds = prod.resources.find((r) => r.type === "aws:rds/instance:Instance")!.inputs;
    expect(rds).toMatchObject({ allocatedStorage: 100, maxAllocatedStorage: 500, backupWindow: "03:00-04:00", maintenanceWindow: "sun:04:30-sun:05:30" });
    const sql = prod.resources.find((r) => r.type === "gcp:sql/databaseInstance:DatabaseInstance")!.inputs["settings"] as { maintenanceWindow: unknown };
    expect(sql.maintenanceWindow).toMatchObject({ day: 7, hour: 7 });
  });

  it("prod exports what an operator needs, secrets as secrets", () => {
    const prod = plans["prod"]!;
    expect(prod.outputs).toMatchObject({ dns: { fqdn: "api.meridian.example.com", failoverBudget: { totalSeconds: 90 } }, replication: { rpoGuardSeconds: 10 } });
    expect(prod.outputs["kubeconfigs"]).toEqual({ aws: "[secret]", gcp: "[secret]" });
    expect(prod.secretOutputs).toEqual(["kubeconfigs"]);
    // Where the database passwords are, never the passwords.
    expect(prod.outputs["databases"]).toMatchObject({ aws: { masterSecretArn: expect.stringMatching(/^arn:aws:secretsmanager:/) }, gcp: { passwordSecretId: "projects/meridian-prod-0001/secrets/db-gcp-password" } });
  });
});

describe("the request paths", () => {
  const kinds = (urns: string[]) => urns.map((u) => (u.split("::").slice(-2)[0] ?? "").split("$").pop());
  const RECORD = "aws:route53/record:Record";
  const HEALTH = "aws:route53/healthCheck:HealthCheck";

  it.each(["staging", "prod"])("%s: every public name reaches a database through each cloud's entry point", (stack) => {
    const paths = plans[stack]!.paths;
    expect(paths.map((p) => [p.name.split(".")[0], p.cloud, p.complete, p.missing])).toEqual([
      ["api", "aws", true, undefined],
      ["api", "gcp", true, undefined],
      ["app", "aws", true, undefined],
      ["app", "gcp", true, undefined],
    ]);
  });

  it("prod: each leg goes record → health check → the cloud's own name → load balancer → backend → workload → database", () => {
    const byLeg = Object.fromEntries(plans["prod"]!.paths.map((p) => [`${p.name.split(".")[0]}-${p.cloud}`, kinds(p.urns)]));
    const awsLb = ["aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule", "aws:lb/targetGroup:TargetGroup"];
    const gcpLb = ["gcp:compute/globalAddress:GlobalAddress", "gcp:compute/globalForwardingRule:GlobalForwardingRule", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/uRLMap:URLMap", "gcp:compute/backendService:BackendService"];
    expect(byLeg).toEqual({
      "api-aws": [RECORD, HEALTH, RECORD, ...awsLb, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:lambda/alias:Alias", "aws:lambda/function:Function", "aws:rds/instance:Instance"],
      "app-aws": [RECORD, HEALTH, RECORD, ...awsLb, "aws:autoscaling/attachment:Attachment", "aws:eks/nodeGroup:NodeGroup", "kubernetes:core/v1:Service", "kubernetes:apps/v1:Deployment", "aws:rds/instance:Instance"],
      "api-gcp": [RECORD, HEALTH, RECORD, ...gcpLb, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", "gcp:cloudrunv2/service:Service", "gcp:sql/databaseInstance:DatabaseInstance"],
      "app-gcp": [RECORD, HEALTH, RECORD, ...gcpLb, "gcp:container/nodePool:NodePool", "kubernetes:core/v1:Service", "kubernetes:apps/v1:Deployment", "gcp:sql/databaseInstance:DatabaseInstance"],
    });
  });

  it("prod: the health checks probe each cloud's own name over HTTPS on the readiness path the workloads serve", () => {
    const prod = plans["prod"]!;
    for (const p of prod.paths) {
      const check = prod.resources.find((r) => r.urn === p.urns[1])!;
      const own = prod.resources.find((r) => r.urn === p.urns[2])!;
      expect({ leg: `${p.name} ${p.cloud}`, ...check.inputs }).toMatchObject({ type: "HTTPS", port: 443, resourcePath: "/readyz", enableSni: true, fqdn: String(own.inputs["name"]).replace(/\.$/, "") });
      expect(own.inputs["name"]).toMatch(new RegExp(`^${p.name.split(".")[0]}-${p.cloud}\\.meridian\\.example\\.com\\.?$`));
    }
    for (const d of prod.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment")) {
      const container = (d.inputs as { spec: { template: { spec: { containers: Array<Record<string, { httpGet: { path: string } }>> } } } }).spec.template.spec.containers[0]!;
      expect([container["readinessProbe"]!.httpGet.path, container["livenessProbe"]!.httpGet.path]).toEqual(["/readyz", "/healthz"]);
    }
  });

  it("probes each cloud's API and the app on the readiness paths the config gives, which may differ per cloud", () => {
    const file = editedStackConfig("staging", (config) => {
      (config["meridian:gcp"]!["service"] as Record<string, unknown>)["readinessPath"] = "/health/ready";
      config["meridian:app"]!["readinessPath"] = "/app/ready";
    });
    const r = meridian("plan", "--stack", "staging", "--config", file, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    const check = (name: string) => report.resources.find((x) => x.type === "aws:route53/healthCheck:HealthCheck" && x.name === name)!.inputs["resourcePath"];
    expect([check("dns-aws"), check("dns-gcp"), check("dns-app-aws"), check("dns-app-gcp")]).toEqual(["/readyz", "/health/ready", "/app/ready", "/app/ready"]);
    const tg = report.resources.find((x) => x.type === "aws:lb/targetGroup:TargetGroup" && x.name === "edge-aws-app")!;
    expect(tg.inputs).toMatchObject({ healthCheck: { path: "/app/ready" } });
    expect(report.resources.find((x) => x.type === "gcp:compute/healthCheck:HealthCheck" && x.name === "edge-gcp-app")!.inputs).toMatchObject({ httpHealthCheck: { requestPath: "/app/ready" } });
    expect(report.paths.every((p) => p.complete)).toBe(true);
  });

  it("no endpoint host name of ours is typed in the stack configs: the zone is the only DNS input", () => {
    for (const stack of ["staging", "prod"]) {
      const text = fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
      expect(text.match(/\b(api|app)(-aws|-gcp)?\.[a-z.]*example\.com/g)).toBeNull();
    }
  });

  it("the README's architecture diagram is the one drawn from the prod plan (npm run diagram:generate)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(withDiagram(readme, renderPathsMermaid(plans["prod"]!))).toBe(readme);
  });
});

describe("a stack's first preview", () => {
  it.each(["staging", "prod"])("%s: every mandatory check decides even when nothing exists yet", (stack) => {
    const r = meridian("plan", "--stack", stack, "--first-preview", "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.firstPreview).toBe(true);
    // The simulation is real: what another resource computes is unknown (the Lambda's key and its database's secret).
    const fn = report.resources.find((x) => x.type === "aws:lambda/function:Function")!;
    expect(fn.inputs).toMatchObject({ kmsKeyArn: "[unknown]", environment: { variables: { DB_PASSWORD_SECRET: "[unknown]" } } });
    expect(report.mandatoryChecksNotRun).toEqual([]);
  });
});

describe("the workloads' database passwords", () => {
  type Env = Array<{ name: string; value?: unknown; valueSource?: unknown }>;
  it.each(["staging", "prod"])("%s: every Deployment and function gets its password only through a secret reference", (stack) => {
    const report = plans[stack]!;
    const of = (type: string) => report.resources.filter((r) => r.type === type);
    const deployments = of("kubernetes:apps/v1:Deployment");
    const functions = of("aws:lambda/function:Function");
    const runs = of("gcp:cloudrunv2/service:Service");
    expect([deployments.length, functions.length, runs.length]).toEqual([2, 1, 1]);
    const envs: Array<[string, Record<string, unknown>]> = [
      ...deployments.map((d): [string, Record<string, unknown>] => [d.name, Object.fromEntries(((d.inputs as { spec: { template: { spec: { containers: Array<{ env: Env }> } } } }).spec.template.spec.containers[0]!.env).map((e) => [e.name, e.value ?? e.valueSource]))]),
      ...functions.map((f): [string, Record<string, unknown>] => [f.name, (f.inputs as { environment: { variables: Record<string, unknown> } }).environment.variables]),
      ...runs.map((r): [string, Record<string, unknown>] => [r.name, Object.fromEntries(((r.inputs as { template: { containers: Array<{ envs: Env }> } }).template.containers[0]!.envs).map((e) => [e.name, e.value ?? e.valueSource]))]),
    ];
    for (const [name, env] of envs) {
      // A secret in an environment would show masked here: there is none.
      expect({ name, masked: Object.entries(env).filter(([, v]) => JSON.stringify(v).includes("[secret]")) }).toEqual({ name, masked: [] });
      expect({ name, host: typeof env["PGHOST"] }).toEqual({ name, host: "string" });
      if (name === "api-gcp-service") {
        expect(env["PGPASSWORD"]).toEqual({ secretKeyRef: { secret: expect.stringMatching(/^projects\/meridian-[a-z]+-0001\/secrets\/db-gcp-password$/), version: "latest" } });
      } else {
        expect({ name, password: env["PGPASSWORD"] }).toEqual({ name, password: undefined });
        expect({ name, ref: env["DB_PASSWORD_SECRET"] }).toEqual({ name, ref: expect.stringMatching(/^(arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-|projects\/meridian-[a-z]+-0001\/secrets\/db-gcp-password$)/) });
      }
    }
  });
});

describe("the prod URN snapshot", () => {
  it("is unchanged: a change that would rename (and so replace) a resource fails here", () => {
    const actual = plans["prod"]!.resources.map((r) => r.urn).sort();
    if (process.env["UPDATE_URN_SNAPSHOT"] === "1") fs.writeFileSync(SNAPSHOT, `${actual.join("\n")}\n`);
    const expected = fs.readFileSync(SNAPSHOT, "utf8").split("\n").filter(Boolean);
    const diff = diffUrns(expected, new Map(plans["prod"]!.resources.map((r) => [r.urn, r.aliases])));
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

  it("keeps a renamed resource whose alias names its old URN, and only that one", () => {
    const expected = fs.readFileSync(SNAPSHOT, "utf8").split("\n").filter(Boolean);
    const old = expected.find((u) => u.endsWith("::db-aws-instance"))!;
    const moved = old.replace("::db-aws-instance", "::db-aws-primary");
    const actual = new Map<string, string[]>(expected.filter((u) => u !== old).map((u) => [u, []]));
    actual.set(moved, [old]);
    expect(diffUrns(expected, actual)).toEqual({ removed: [], added: [] });
    actual.set(moved, []);
    expect(diffUrns(expected, actual)).toEqual({ removed: [old], added: [moved] });
  });
});

describe("alerting", () => {
  it.each(["staging", "prod"])("%s: every alarm and event subscription publishes to an alert topic with subscribers", (stack) => {
    const plan = plans[stack]!;
    const of = (type: string) => plan.resources.filter((r) => r.type === type);
    const topics = of("aws:sns/topic:Topic");
    // One topic per severity, the stack's own: the components make none of their own.
    expect(topics.map((t) => t.name).sort()).toEqual(["alerts-critical-alerts", "alerts-warning-alerts"]);
    const subscriptions = of("aws:sns/topicSubscription:TopicSubscription");
    for (const t of topics) expect({ topic: t.name, subscribers: subscriptions.filter((s) => s.dependsOn.includes(t.urn)).length }).toEqual({ topic: t.name, subscribers: stack === "prod" ? 2 : 1 });
    const publishers = [...of("aws:cloudwatch/metricAlarm:MetricAlarm"), ...of("aws:dms/eventSubscription:EventSubscription")];
    expect(publishers.length).toBeGreaterThanOrEqual(9);
    const severityOf = (r: (typeof publishers)[number]) => topics.find((t) => r.dependsOn.includes(t.urn))?.name;
    expect(Object.fromEntries(publishers.map((r) => [r.name, severityOf(r)]))).toMatchObject({
      "replication-lag-source": "alerts-critical-alerts",
      "replication-lag-source-warning": "alerts-warning-alerts",
      "replication-failures": "alerts-critical-alerts",
      "dns-aws": "alerts-critical-alerts",
      "dns-app-gcp": "alerts-critical-alerts",
    });
    expect(publishers.filter((r) => severityOf(r) === undefined).map((r) => r.name)).toEqual([]);
    // The same subscribers on GCP, a channel each.
    expect(of("gcp:monitoring/notificationChannel:NotificationChannel")).toHaveLength(stack === "prod" ? 4 : 2);
  });

  it("keeps a PagerDuty key from secure config a secret: masked in the report, never printed", () => {
    const file = editedStackConfig<Record<string, Record<string, Record<string, unknown>>>>("prod", (config) => {
      config["meridian:alerts"]!["critical"]!["pagerduty"] = { integrationKey: { secure: "v1:c2VjcmV0:ZW5jcnlwdGVk" } };
    });
    const json = meridian("plan", "--stack", "prod", "--config", file, "--format", "json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as PlanReport;
    // The text report, rendered from that report as the command renders it.
    const text = { stdout: renderText(report) };
    const pd = report.resources.filter((r) => r.name === "alerts-critical-pagerduty").map((r) => [r.type, r.inputs["endpoint"] ?? r.inputs["sensitiveLabels"]]);
    expect(pd).toEqual([
      ["gcp:monitoring/notificationChannel:NotificationChannel", { serviceKey: "[secret]" }],
      ["aws:sns/topicSubscription:TopicSubscription", "[secret]"],
    ]);
    for (const out of [json.stdout, text.stdout]) expect(out).not.toContain("offline-placeholder-secret");
  });
});
