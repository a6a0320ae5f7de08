import { evaluatePolicies } from "../../../policies/evaluate";
import { budget } from "../../../policies/rules/cost/budget";
import { alertSubscribers } from "../../../policies/rules/resilience/alert-subscribers";
import { drBudget, drSummary } from "../../../policies/rules/resilience/dr-budget";

const component = (type: string, props: Record<string, unknown>) => ({ type, name: "c", urn: `urn:pulumi:s::p::${type}::c`, props, kind: "component" as const });

describe("meridian-resilience-dr-budget", () => {
  const stack = [component("meridian:dns:GlobalDnsFailover", { failoverBudget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 } }), component("meridian:database:DmsReplication", { rpoGuardSeconds: 10 })];
  it("passes when the budgets fit the targets, fails naming each that does not", async () => {
    expect(await evaluatePolicies([drBudget], stack)).toEqual([]);
    const tight = await evaluatePolicies([drBudget], stack, { config: { "meridian-resilience-dr-budget": { rtoTargetSeconds: 60, rpoTargetSeconds: 5 } } });
    expect(tight.map((v) => v.message)).toEqual(["DNS failover takes up to 90 s, over the RTO target of 60 s", "replication pages at 10 s of lag, over the RPO target of 5 s"]);
    expect(tight[0]?.enforcementLevel).toBe("mandatory");
  });
});

describe("meridian-resilience-dr-budget: the RTO as the sum of its parts", () => {
  const dns = component("meridian:dns:GlobalDnsFailover", { fqdn: "app.example.com", failoverBudget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 } });
  const dms = component("meridian:database:DmsReplication", { rpoGuardSeconds: 10, promotionBudget: { stopTaskSeconds: 60, resetSequencesSeconds: 30, makeWritableSeconds: 0, totalSeconds: 90 } });
  const gke = "urn:pulumi:s::p::meridian:kubernetes:KubernetesCluster$meridian:kubernetes:GkeCluster$pulumi:providers:kubernetes::k8s::0000";
  const metadata = { name: "app-gcp", namespace: "app-gcp" };
  const hpa = (min: number) => ({ type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name: "app-gcp-hpa", urn: "urn:hpa", provider: gke, props: { metadata, spec: { minReplicas: min, maxReplicas: 20, scaleTargetRef: { name: "app-gcp" } } } });
  const deployment = { type: "kubernetes:apps/v1:Deployment", name: "app-gcp-deployment", urn: "urn:deployment", provider: gke, props: { metadata, spec: { template: { spec: { containers: [{ resources: { requests: { cpu: "1", memory: "1Gi" } } }] } } } } };
  // e2-standard-4 at 75 %: 3 pods of 1 vCPU a node; one node a zone in one zone.
  const pool = (minNodeCount: number) => ({ type: "gcp:container/nodePool:NodePool", name: "pool", urn: "urn:pool", props: { autoscaling: { minNodeCount, maxNodeCount: 10 }, nodeLocations: ["us-central1-a"], nodeConfig: { machineType: "e2-standard-4" } } });

  it("passes when DNS + promotion + scale-up fit the target: 90 + 90 + 60 = 240 s of 300", async () => {
    const stack = [dns, dms, hpa(3), deployment, pool(4)];
    expect(await evaluatePolicies([drBudget], stack)).toEqual([]);
    const dr = drSummary(stack, { rtoTargetSeconds: 300, rpoTargetSeconds: 60 });
    expect(dr).toMatchObject({ failoverSeconds: 90, detectionSeconds: 30, ttlSeconds: 60, failoverReplicas: 10, rtoSeconds: 240 });
    expect(dr.promotion).toEqual({ stopTaskSeconds: 60, resetSequencesSeconds: 30, makeWritableSeconds: 0, appSwitchSeconds: 0, totalSeconds: 90 });
    expect(dr.scaleUp?.apps[0]).toMatchObject({ app: "app-gcp", cloud: "gcp", nodesAtMin: 4, nodesNeeded: 4, nodeScaleUp: false, seconds: 60 });
  });

  it("fails when the standby needs new nodes and the sum goes over: 90 + 90 + 190 = 370 s", async () => {
    const over = await evaluatePolicies([drBudget], [dns, dms, hpa(3), deployment, pool(1)]);
    expect(over.map((v) => v.message)).toEqual(["failover takes up to 90 s DNS (30 s detection + 60 s TTL) + 90 s promotion + 190 s scale-up = 370 s, over the RTO target of 300 s"]);
    expect(over[0]?.enforcementLevel).toBe("mandatory");
    // The same stack passes once the minimum holds the failover size (4 nodes of 3 pods), or with a looser target.
    expect(await evaluatePolicies([drBudget], [dns, dms, hpa(3), deployment, pool(4)])).toEqual([]);
    expect(await evaluatePolicies([drBudget], [dns, dms, hpa(3), deployment, pool(1)], { config: { "meridian-resilience-dr-budget": { rtoTargetSeconds: 400 } } })).toEqual([]);
  });

  it("fails when the failover size cannot be reached at all, and reads the size from its config", async () => {
    const small = await evaluatePolicies([drBudget], [dns, dms, hpa(3), deployment, pool(4)], { config: { "meridian-resilience-dr-budget": { failoverReplicas: 40 } } });
    // 40 pods of 3 a node need new nodes too: the sum goes over as well.
    expect(small.map((v) => v.message)).toEqual([
      "failover takes up to 90 s DNS (30 s detection + 60 s TTL) + 90 s promotion + 190 s scale-up = 370 s, over the RTO target of 300 s",
      "app-gcp on gcp cannot reach the failover size of 40 replicas: its autoscaler allows at most 20 replicas",
    ]);
  });

  it("has no sum without DNS failover (a single-cloud stack), and no promotion without replication", () => {
    expect(drSummary([dms, hpa(3), deployment, pool(1)], { rtoTargetSeconds: 300, rpoTargetSeconds: 60 }).rtoSeconds).toBeNull();
    expect(drSummary([dns], { rtoTargetSeconds: 300, rpoTargetSeconds: 60 })).toMatchObject({ promotion: null, scaleUp: null, rtoSeconds: 90 });
  });
});

describe("meridian-cost-budget", () => {
  const rds = { type: "aws:rds/instance:Instance", name: "db", urn: "urn:pulumi:s::p::aws:rds/instance:Instance::db", props: { instanceClass: "db.m7g.large", multiAz: true, allocatedStorage: 100 } };
  it("passes without a budget or under it, fails over it naming the largest items", async () => {
    expect(await evaluatePolicies([budget], [rds])).toEqual([]);
    expect(await evaluatePolicies([budget], [rds], { config: { "meridian-cost-budget": { monthlyBudgetUsd: 1000 } } })).toEqual([]);
    const over = await evaluatePolicies([budget], [rds], { config: { "meridian-cost-budget": { monthlyBudgetUsd: 100 } } });
    expect(over.map((v) => v.message)).toEqual(["estimated $268.28/month is over the budget of $100 (largest: db $268.28)"]);
  });
});

describe("meridian-resilience-alert-subscribers", () => {
  const urn = (type: string, name: string) => `urn:pulumi:prod::meridian::${type}::${name}`;
  const TOPIC = "aws:sns/topic:Topic";
  const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const SUB = "aws:sns/topicSubscription:TopicSubscription";
  const r = (type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) => ({ type, name, urn: urn(type, name), props, propertyDependencies });
  const prod = { config: { "meridian-resilience-alert-subscribers": { enforcementLevel: "mandatory" as const } } };
  // At preview the topic's ARN is unknown: the alarm and the subscription are related to it by property dependencies.
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const topic = r(TOPIC, "alerts-critical-alerts", { kmsMasterKeyId: UNKNOWN });
  const alarm = r(ALARM, "replication-lag-source", { alarmActions: [UNKNOWN], okActions: [UNKNOWN] }, { alarmActions: [topic.urn], okActions: [topic.urn] });
  const subscription = r(SUB, "alerts-critical-email", { topic: UNKNOWN, protocol: "email", endpoint: "oncall@example.com" }, { topic: [topic.urn] });

  it("passes a published topic with a subscription, related by dependencies at preview", async () => {
    expect(await evaluatePolicies([alertSubscribers], [topic, alarm, subscription], prod)).toEqual([]);
  });

  it("fails a published topic without a subscription, naming its publishers, at the configured level", async () => {
    const failures = r("aws:dms/eventSubscription:EventSubscription", "replication-failures", { snsTopicArn: UNKNOWN }, { snsTopicArn: [topic.urn] });
    const v = await evaluatePolicies([alertSubscribers], [topic, alarm, failures], prod);
    expect(v).toEqual([
      { policyName: "meridian-resilience-alert-subscribers", enforcementLevel: "mandatory", urn: topic.urn, message: "SNS topic alerts-critical-alerts has no subscription: 2 publisher(s) (replication-lag-source, replication-failures) notify no one" },
    ]);
    expect((await evaluatePolicies([alertSubscribers], [topic, alarm]))[0]?.enforcementLevel).toBe("advisory");
  });

  it("asks for more subscriptions when configured", async () => {
    const v = await evaluatePolicies([alertSubscribers], [topic, alarm, subscription], { config: { "meridian-resilience-alert-subscribers": { minSubscriptions: 2 } } });
    expect(v.map((x) => x.message)).toEqual(["SNS topic alerts-critical-alerts has 1 subscription(s), fewer than the 2 required, for 1 publisher(s) (replication-lag-source)"]);
  });

  it("relates known ARNs too (an existing topic reports its arn), and leaves topics outside the stack and unpublished ones alone", async () => {
    const arn = "arn:aws:sns:us-east-1:123456789012:alerts-critical";
    const existing = r(TOPIC, "alerts-critical-alerts", { arn });
    expect(await evaluatePolicies([alertSubscribers], [existing, r(ALARM, "a", { alarmActions: [arn] }), r(SUB, "s", { topic: arn })], prod)).toEqual([]);
    expect((await evaluatePolicies([alertSubscribers], [existing, r(ALARM, "a", { alarmActions: [arn] })], prod)).map((v) => v.urn)).toEqual([existing.urn]);
    expect(await evaluatePolicies([alertSubscribers], [existing, r(ALARM, "a", { alarmActions: ["arn:aws:sns:us-east-1:123456789012:elsewhere"] })], prod)).toEqual([]);
    expect(await evaluatePolicies([alertSubscribers], [topic], prod)).toEqual([]);
  });

  it("fails a GCP alert policy without a channel and an Azure metric alert without an action group; passes them with one", async () => {
    const policy = (name: string, notificationChannels: unknown) => r("gcp:monitoring/alertPolicy:AlertPolicy", name, { notificationChannels });
    const metric = (name: string, actions: unknown) => r("azure-native:monitor:MetricAlert", name, { actions });
    const v = await evaluatePolicies(
      [alertSubscribers],
      [policy("quiet", []), policy("none", undefined), policy("paged", ["projects/p/notificationChannels/1"]), policy("pending", UNKNOWN), metric("silent", []), metric("grouped", [{ actionGroupId: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/alerts-critical" }])],
      prod,
    );
    expect(v.map((x) => x.message)).toEqual(["alert policy quiet has no notification channel", "alert policy none has no notification channel", "metric alert silent has no action group"]);
  });

  it("fails a CloudWatch alarm with no alarm action, as it fails a GCP policy with no channel; passes one with an action or an unknown one", async () => {
    const alarmOf = (name: string, alarmActions: unknown) => r(ALARM, name, { alarmActions });
    const v = await evaluatePolicies([alertSubscribers], [alarmOf("mute", []), alarmOf("unset", undefined), alarmOf("acting", ["arn:aws:sns:us-east-1:123456789012:elsewhere"]), alarmOf("pending", UNKNOWN)], prod);
    expect(v.map((x) => x.message)).toEqual(["CloudWatch alarm mute has no alarm action", "CloudWatch alarm unset has no alarm action"]);
  });
});
