import { evaluatePolicies } from "../../../policies/evaluate";
import { budget } from "../../../policies/rules/cost/budget";
import { alertSubscribers } from "../../../policies/rules/resilience/alert-subscribers";
import { drBudget } from "../../../policies/rules/resilience/dr-budget";

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
});
