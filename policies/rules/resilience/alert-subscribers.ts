/**
 * meridian-resilience-alert-subscribers (stack rule): every alert destination of the stack reaches someone. An SNS
 * topic that an alarm or an event subscription publishes to has at least one subscription; every Cloud Monitoring
 * alert policy names at least one notification channel; every Azure metric alert has an action group.
 *
 * How resources are related: in a preview, the ARN of a topic the program creates is unknown, so an alarm's
 * `alarmActions` cannot be matched to it by value. The engine gives a stack rule each input's `propertyDependencies`
 * (the resources the value came from): those relate an alarm to its topic and a subscription to its topic. Known
 * values are matched too, against a topic's `arn` (what the engine reports for a topic that exists). A publisher
 * whose target is neither (a topic outside the stack, given as a plain ARN) is not judged here.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy/policy";
import { at, known } from "../../props";

const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
/** What publishes to a topic, and the inputs that name it. */
const PUBLISHERS: Readonly<Record<string, readonly string[]>> = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["alarmActions", "okActions", "insufficientDataActions"],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmActions", "okActions", "insufficientDataActions"],
  "aws:dms/eventSubscription:EventSubscription": ["snsTopicArn"],
  "aws:rds/eventSubscription:EventSubscription": ["snsTopic"],
};
const GCP_ALERT_POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
const AZURE_METRIC_ALERT = "azure-native:monitor:MetricAlert";

/** A stack resource as the engine gives it (the dependency fields are missing in older engines). */
type StackResource = PolicyResource & { readonly dependencies?: PolicyResource[]; readonly propertyDependencies?: Record<string, PolicyResource[]> };

/** The values of `key` (a string or a list of strings) that are known now; unknown ones are left out. */
function knownStrings(r: StackResource, key: string): string[] {
  return known(() => {
    const v = at(r.props, key);
    const list: unknown[] = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return list.filter((x): x is string => typeof x === "string");
  }, []);
}

/** The topics of the stack `r` names in `key`: by property dependency, or by a known ARN. */
function topicsNamed(r: StackResource, key: string, topics: readonly StackResource[], byArn: ReadonlyMap<string, StackResource>): Set<StackResource> {
  const out = new Set<StackResource>();
  for (const dep of r.propertyDependencies?.[key] ?? []) {
    const topic = topics.find((t) => t.urn === dep.urn);
    if (topic) out.add(topic);
  }
  for (const arn of knownStrings(r, key)) {
    const topic = byArn.get(arn);
    if (topic) out.add(topic);
  }
  return out;
}

/** True when `key` holds a non-empty list, or a value not known yet (computed by another resource: certainly set). */
function nonEmptyOrUnknown(read: () => unknown): boolean {
  return known(() => {
    const v = read();
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== "";
  }, true);
}

export const alertSubscribers: StackValidationPolicy = {
  name: "meridian-resilience-alert-subscribers",
  description:
    "Every alert destination reaches someone: each SNS topic an alarm or event subscription publishes to has a subscription, each CloudWatch alarm an alarm action, each Cloud Monitoring alert policy a notification channel, each Azure metric alert an action group. " +
    "Why: an alarm that notifies no one is found by reading the console after the outage.",
  remediationSteps: "Configure meridian:alerts (e-mail, webhooks, PagerDuty or Opsgenie per severity) and pass the AlertRouting's destinations to the components' alerts argument.",
  // Advisory unless an environment's policy config says otherwise (prod: mandatory).
  enforcementLevel: "advisory",
  severity: "high",
  configSchema: {
    properties: {
      /** Subscriptions each published SNS topic needs: 2 asks for a second way to reach someone besides one inbox. */
      minSubscriptions: { type: "integer", minimum: 1, default: 1 },
    },
  },
  validateStack: (args, reportViolation) => {
    const { minSubscriptions } = args.getConfig<{ minSubscriptions: number }>();
    const resources = args.resources as StackResource[];
    const topics = resources.filter((r) => r.type === TOPIC);
    const byArn = new Map<string, StackResource>();
    for (const t of topics) for (const arn of knownStrings(t, "arn")) byArn.set(arn, t);

    // Topics something publishes to, with who publishes.
    const published = new Map<StackResource, string[]>();
    for (const r of resources) {
      for (const key of PUBLISHERS[r.type] ?? []) {
        for (const t of topicsNamed(r, key, topics, byArn)) published.set(t, [...(published.get(t) ?? []), r.name]);
      }
    }
    const subscriptions = new Map<StackResource, number>();
    for (const s of resources.filter((r) => r.type === SUBSCRIPTION)) for (const t of topicsNamed(s, "topic", topics, byArn)) subscriptions.set(t, (subscriptions.get(t) ?? 0) + 1);
    for (const [topic, from] of published) {
      const count = subscriptions.get(topic) ?? 0;
      if (count < minSubscriptions) {
        const names = [...new Set(from)];
        const who = `${names.length} publisher(s) (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", ..." : ""})`;
        reportViolation(count === 0 ? `SNS topic ${topic.name} has no subscription: ${who} notify no one` : `SNS topic ${topic.name} has ${count} subscription(s), fewer than the ${minSubscriptions} required, for ${who}`, topic.urn);
      }
    }

    // An alarm with no action is the same gap on AWS as a policy with no channel on GCP: nobody hears it.
    for (const a of resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")) {
      if (!nonEmptyOrUnknown(() => at(a.props, "alarmActions"))) reportViolation(`CloudWatch alarm ${a.name} has no alarm action`, a.urn);
    }
    for (const p of resources.filter((r) => r.type === GCP_ALERT_POLICY)) {
      if (!nonEmptyOrUnknown(() => at(p.props, "notificationChannels"))) reportViolation(`alert policy ${p.name} has no notification channel`, p.urn);
    }
    for (const a of resources.filter((r) => r.type === AZURE_METRIC_ALERT)) {
      const hasGroup = known(() => {
        const actions = at(a.props, "actions");
        if (!Array.isArray(actions)) return false;
        return actions.some((x) => nonEmptyOrUnknown(() => at(x, "actionGroupId")));
      }, true);
      if (!hasGroup) reportViolation(`metric alert ${a.name} has no action group`, a.urn);
    }
  },
};
