import * as pulumi from "@pulumi/pulumi";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { ALERT_SEVERITIES, type AlertDestinations, type AlertSeverity } from "../core/alerts";
import { checkArgs, checkComponentName, childOptions, GCP_PROJECT_PATTERN, resolveProtect, statefulOptions, validator, withStandardTags, type Tags, type Validator } from "../core/shared";
import { checkAwsRegion } from "../core/regions";
import { stableSuffix } from "../core/naming";
import { createAlertTopic } from "../core/internal/aws-alert-topic";
import { checkRef, checkTagsArg, isDeferred } from "../core/internal/checks";

const TYPE = "meridian:alerts:AlertRouting";

/** Opsgenie's two instances: the API host of each (`api.opsgenie.com`, `api.eu.opsgenie.com`). */
export const OpsgenieRegion = { Us: "us", Eu: "eu" } as const;
export type OpsgenieRegion = (typeof OpsgenieRegion)[keyof typeof OpsgenieRegion];

/**
 * The services that publish to the AWS alert topics, and so may use their KMS key: CloudWatch alarms, RDS event
 * subscriptions (`events.rds.amazonaws.com`) and DMS event subscriptions (`dms.amazonaws.com`). Source: Amazon SNS
 * Developer Guide, "Enable compatibility between event sources from AWS services and encrypted topics" (checked
 * 2026-11-30).
 *
 * No topic policy is added: the default SNS topic policy lets every principal of the topic's own account publish
 * (`AWS:SourceOwner` = the account), which covers CloudWatch alarms and RDS and DMS event subscriptions of that
 * account. Source: Amazon RDS User Guide, "Granting permissions to publish notifications to an Amazon SNS topic"
 * ("By default, an Amazon SNS topic has a policy allowing all Amazon RDS resources within the same account to
 * publish notifications to it", checked 2026-11-30). Writing a policy would replace that default, so it is left alone.
 */
export const ALERT_TOPIC_PUBLISHERS = ["cloudwatch.amazonaws.com", "events.rds.amazonaws.com", "dms.amazonaws.com"] as const;

/**
 * The integration endpoints the paging services document for each cloud's alerts. The key is part of the URL, so
 * every endpoint built from one is a Pulumi secret. Checked 2026-11-30 against the integrations' published setup
 * (PagerDuty "Amazon CloudWatch" integration URL `https://events.pagerduty.com/integration/<key>/enqueue`, also
 * PagerDuty's Azure and CloudWatch-compatible endpoint; Opsgenie's CloudWatch, Google Stackdriver and Azure
 * integrations, `https://api[.eu].opsgenie.com/v1/json/<integration>?apiKey=<key>`). Only the URL shapes could be
 * checked, against public setup guides and configurations, not against a live account.
 */
export const INTEGRATION_URLS = {
  pagerduty: (key: string) => `https://events.pagerduty.com/integration/${key}/enqueue`,
  opsgenie: (region: OpsgenieRegion, integration: "cloudwatch" | "googlestackdriver" | "azure", key: string) =>
    `https://api${region === "eu" ? ".eu" : ""}.opsgenie.com/v1/json/${integration}?apiKey=${key}`,
} as const;

/** Who answers one severity's alerts. At least one subscriber per severity. */
export interface AlertSubscribers {
  /** E-mail addresses. Each must confirm its subscription (AWS sends a confirmation e-mail; GCP does not). @default [] */
  readonly emails?: string[];
  /** HTTPS webhooks (`https://...`), posted the cloud's own alert payload. @default [] */
  readonly webhooks?: string[];
  /** A PagerDuty service: the integration key of its Amazon CloudWatch (AWS), Azure or Events API v1 (GCP) integration. @default - none */
  readonly pagerduty?: PagerDutySubscriber;
  /** An Opsgenie team: the API key of its integration, and the Opsgenie instance. @default - none */
  readonly opsgenie?: OpsgenieSubscriber;
}

/** A PagerDuty service's integration. */
export interface PagerDutySubscriber {
  /** The integration key (a secret). */
  readonly integrationKey: pulumi.Input<string>;
}

/** An Opsgenie team's integration. */
export interface OpsgenieSubscriber {
  /** The integration's API key (a secret). */
  readonly apiKey: pulumi.Input<string>;
  /** The Opsgenie instance. @default "us" */
  readonly region?: OpsgenieRegion;
}

/** Where the AWS destinations are built. */
export interface AlertRoutingAws {
  /** The region of the topics: the alarms that publish to them must be in it. */
  readonly region: string;
}

/** Where the GCP destinations are built. */
export interface AlertRoutingGcp {
  /** The project of the notification channels (alert policies of this project may use them). */
  readonly project: string;
}

/** Where the Azure destinations are built. */
export interface AlertRoutingAzure {
  /** The resource group of the action groups. */
  readonly resourceGroupName: pulumi.Input<string>;
}

export interface AlertRoutingArgs {
  /** Who is paged now: alarms of severity `critical` go here. Required, with at least one subscriber. */
  readonly critical: AlertSubscribers;
  /** Who reads it in working hours: alarms of severity `warning`. Required, with at least one subscriber. */
  readonly warning: AlertSubscribers;
  /** Build the AWS destinations: one encrypted SNS topic per severity, in `region`. @default - no AWS destinations */
  readonly aws?: AlertRoutingAws;
  /** Build the GCP destinations: Cloud Monitoring notification channels in `project`. @default - no GCP destinations */
  readonly gcp?: AlertRoutingGcp;
  /** Build the Azure destinations: one action group per severity in the resource group. @default - no Azure destinations */
  readonly azure?: AlertRoutingAzure;
  /**
   * Protect the AWS topics' KMS keys in Pulumi (prod). The component's own `protect` option does the same; when both
   * are given they must agree.
   * @default false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** How many subscribers each severity has. */
export interface SubscriberCounts {
  readonly critical: number;
  readonly warning: number;
}

/** One subscriber, with the key its children are named by (stable: reordering a list replaces nothing). */
interface Subscriber {
  readonly kind: "email" | "webhook" | "pagerduty" | "opsgenie";
  /** `email-<hash of the address>`, `webhook-<hash of the URL>`, `pagerduty`, `opsgenie`. */
  readonly key: string;
  readonly address?: string;
  readonly secret?: pulumi.Output<string>;
  readonly opsgenieRegion?: OpsgenieRegion;
}

export interface ResolvedAlertRouting {
  readonly subscribers: { readonly [S in AlertSeverity]: readonly Subscriber[] };
  readonly protect: boolean;
  readonly tags: Tags | undefined;
}

/** An e-mail address: one @, no spaces, a dotted domain. (What SNS, Cloud Monitoring and Azure accept is at least this.) */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An https:// URL with a host. */
const HTTPS_URL = /^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
/** A key that goes into a URL as it is: letters, digits, - and _. */
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

function checkSecretKey(check: Validator, field: string, value: unknown): pulumi.Output<string> {
  // A key from config or another resource is an Output: it is known only when the program runs, and stays secret.
  if (!isDeferred(value)) check.requiredPattern(field, value, KEY, "a non-empty key of letters, digits, - and _ (the integration's key as the service shows it)");
  else checkRef(check, field, value, "a non-empty key");
  return pulumi.secret(pulumi.output(value as pulumi.Input<string>));
}

function subscribersOf(check: Validator, severity: AlertSeverity, raw: unknown): Subscriber[] {
  const s = check.record<Record<string, unknown>>(severity, raw as Record<string, unknown> | undefined, "an object of subscribers: emails, webhooks, pagerduty, opsgenie");
  for (const key of Object.keys(s)) check.oneOf(`${severity}.${key}`, key, ["emails", "webhooks", "pagerduty", "opsgenie"]);
  const out: Subscriber[] = [];
  const emails = check.list<string>(`${severity}.emails`, s["emails"] as string[] | undefined, "e-mail addresses");
  emails.forEach((e, i) => check.requiredPattern(`${severity}.emails[${i}]`, e, EMAIL, 'an e-mail address such as "oncall@example.com"'));
  check.distinct(`${severity}.emails`, emails, (e) => e.toLowerCase());
  for (const e of emails) out.push({ kind: "email", key: `email-${stableSuffix(e.toLowerCase())}`, address: e });
  const hooks = check.list<string>(`${severity}.webhooks`, s["webhooks"] as string[] | undefined, "HTTPS URLs");
  hooks.forEach((h, i) => check.requiredPattern(`${severity}.webhooks[${i}]`, h, HTTPS_URL, 'an https:// URL such as "https://hooks.example.com/alerts" (alerts never travel in clear text)'));
  check.distinct(`${severity}.webhooks`, hooks);
  for (const h of hooks) out.push({ kind: "webhook", key: `webhook-${stableSuffix(h)}`, address: h });
  if (s["pagerduty"] !== undefined) {
    const pd = check.record<Record<string, unknown>>(`${severity}.pagerduty`, s["pagerduty"] as Record<string, unknown>, "an object with integrationKey");
    out.push({ kind: "pagerduty", key: "pagerduty", secret: checkSecretKey(check, `${severity}.pagerduty.integrationKey`, pd["integrationKey"]) });
  }
  if (s["opsgenie"] !== undefined) {
    const og = check.record<Record<string, unknown>>(`${severity}.opsgenie`, s["opsgenie"] as Record<string, unknown>, "an object with apiKey and region");
    check.oneOf(`${severity}.opsgenie.region`, og["region"] as OpsgenieRegion | undefined, Object.values(OpsgenieRegion));
    const secret = checkSecretKey(check, `${severity}.opsgenie.apiKey`, og["apiKey"]);
    out.push({ kind: "opsgenie", key: "opsgenie", secret, opsgenieRegion: (og["region"] as OpsgenieRegion | undefined) ?? "us" });
  }
  if (out.length === 0) {
    check.fail(severity, raw, "at least one subscriber (an e-mail address, a webhook, PagerDuty or Opsgenie): an alert no one receives is the gap this component closes; list the same address under both severities if one person takes both");
  }
  return out;
}

/**
 * Checks an AlertRouting's arguments before anything is registered. Each severity needs at least one subscriber
 * (refused otherwise, rather than built empty: a topic or action group nobody answers is what the
 * `meridian-resilience-alert-subscribers` policy refuses in prod), addresses must be e-mail addresses, webhooks
 * https:// URLs, keys non-empty; and at least one cloud is asked for.
 */
export function validateAlertRoutingArgs(name: string, args: AlertRoutingArgs, opts: pulumi.ComponentResourceOptions = {}): ResolvedAlertRouting {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Derived names: `${name}-critical-alerts` (the SNS topic and KMS key, auto-named), `${name}-critical` (the action group).
  checkComponentName(check, name);
  const subscribers = { critical: subscribersOf(check, "critical", args.critical), warning: subscribersOf(check, "warning", args.warning) };
  if (args.aws === undefined && args.gcp === undefined && args.azure === undefined) check.fail("aws / gcp / azure", undefined, "set for at least one cloud (where the destinations are built)");
  if (args.aws !== undefined) {
    check.record("aws", args.aws, "an object with region");
    checkAwsRegion(check, "aws.region", args.aws.region);
  }
  if (args.gcp !== undefined) {
    check.record("gcp", args.gcp, "an object with project");
    check.requiredPattern("gcp.project", args.gcp.project, GCP_PROJECT_PATTERN, "a GCP project id (6-30 lower-case letters, digits or hyphens, starting with a letter)");
  }
  if (args.azure !== undefined) {
    check.record("azure", args.azure, "an object with resourceGroupName");
    checkRef(check, "azure.resourceGroupName", args.azure.resourceGroupName, "the resource group the action groups are created in");
  }
  const protect = resolveProtect(check, opts, args.protect);
  const tags = checkTagsArg(check, args.tags);
  return { subscribers, protect, tags };
}

/** The Azure action group's short name (at most 12 characters, shown in SMS and e-mail): `<name, cut>-crit` / `-warn`. */
export function actionGroupShortName(name: string, severity: AlertSeverity): string {
  const suffix = severity === "critical" ? "-crit" : "-warn";
  return `${name.slice(0, 12 - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/**
 * Where alarms go, on each cloud asked for, with the people and systems that answer them, by severity:
 *
 * - AWS: per severity an SNS topic encrypted with its own customer-managed KMS key (which CloudWatch, RDS and DMS
 *   events may use) and a subscription per subscriber: e-mail, HTTPS webhooks, PagerDuty's and Opsgenie's
 *   CloudWatch integrations (HTTPS, auto-confirmed).
 * - GCP: per severity and subscriber a Cloud Monitoring notification channel (`email`, `webhook_tokenauth`,
 *   `pagerduty` with the key in `sensitiveLabels.serviceKey`, Opsgenie as a `webhook_tokenauth` to its Google
 *   Stackdriver integration).
 * - Azure: per severity an action group (location `global`) with e-mail and webhook receivers on the common alert
 *   schema; PagerDuty and Opsgenie as webhooks to their Azure integrations.
 *
 * `destinations` is what the components take (`alerts`): their alarms publish there by severity.
 */
export class AlertRouting extends pulumi.ComponentResource {
  /** The topic ARNs, channel names and action group ids, per cloud and severity: hand to the components' `alerts`. */
  public readonly destinations: AlertDestinations;
  /** How many subscribers each severity has (the same on every cloud). */
  public readonly subscriberCounts: SubscriberCounts;

  constructor(name: string, args: AlertRoutingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAlertRoutingArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, a.tags));
    const parent = childOptions(this, opts);
    const destinations: { aws?: Record<AlertSeverity, pulumi.Output<string>>; gcp?: Record<AlertSeverity, pulumi.Output<string>[]>; azure?: Record<AlertSeverity, pulumi.Output<string>> } = {};

    if (args.aws !== undefined) {
      const region = args.aws.region;
      const topics = {} as Record<AlertSeverity, pulumi.Output<string>>;
      for (const severity of ALERT_SEVERITIES) {
        // The key is state (what the topic's messages were encrypted with): protected with the component.
        const { topic } = createAlertTopic(`${name}-${severity}`, [...ALERT_TOPIC_PUBLISHERS], parent, region, statefulOptions(this, opts, a.protect));
        for (const s of a.subscribers[severity]) {
          const endpoint =
            s.kind === "email" || s.kind === "webhook"
              ? // A webhook's URL often carries its token (a Slack-style hook): kept secret like the integration keys.
                { protocol: s.kind === "email" ? "email" : "https", endpoint: s.kind === "email" ? s.address! : pulumi.secret(s.address!) }
              : {
                  protocol: "https",
                  // PagerDuty and Opsgenie confirm SNS subscriptions themselves.
                  endpointAutoConfirms: true,
                  endpoint: pulumi.secret(s.secret!.apply((key) => (s.kind === "pagerduty" ? INTEGRATION_URLS.pagerduty(key) : INTEGRATION_URLS.opsgenie(s.opsgenieRegion!, "cloudwatch", key)))),
                };
          new TopicSubscription(`${name}-${severity}-${s.key}`, { region, topic: topic.arn, ...endpoint }, parent);
        }
        topics[severity] = topic.arn;
      }
      destinations.aws = topics;
    }

    if (args.gcp !== undefined) {
      const project = args.gcp.project;
      const channels = {} as Record<AlertSeverity, pulumi.Output<string>[]>;
      for (const severity of ALERT_SEVERITIES) {
        channels[severity] = a.subscribers[severity].map((s) => {
          // A webhook is named by its host only: the rest of its URL may be its token.
          const shown = s.kind === "webhook" ? new URL(s.address!).host : s.address;
          const common = { project, displayName: `${name} ${severity}: ${s.kind}${shown === undefined ? "" : ` ${shown}`}`.slice(0, 512), enabled: true, forceDelete: false };
          let kind: { type: string; labels?: pulumi.Input<Record<string, pulumi.Input<string>>>; sensitiveLabels?: { serviceKey: pulumi.Input<string> } };
          switch (s.kind) {
            case "email":
              kind = { type: "email", labels: { email_address: s.address! } };
              break;
            case "webhook":
              kind = { type: "webhook_tokenauth", labels: pulumi.secret({ url: s.address! }) };
              break;
            case "pagerduty":
              kind = { type: "pagerduty", sensitiveLabels: { serviceKey: s.secret! } };
              break;
            case "opsgenie":
              // Opsgenie's Google Stackdriver integration takes its key in the URL; the `webhook_tokenauth` type has no
              // sensitive label for it, so the key sits in the `url` label: secret in Pulumi's state, but readable by
              // whoever may read the project's notification channels (README, "Alerting").
              kind = { type: "webhook_tokenauth", labels: pulumi.secret(s.secret!.apply((key) => ({ url: INTEGRATION_URLS.opsgenie(s.opsgenieRegion!, "googlestackdriver", key) }))) };
              break;
          }
          return new NotificationChannel(`${name}-${severity}-${s.key}`, { ...common, ...kind }, parent).name;
        });
      }
      destinations.gcp = channels;
    }

    if (args.azure !== undefined) {
      const resourceGroupName = args.azure.resourceGroupName;
      const groups = {} as Record<AlertSeverity, pulumi.Output<string>>;
      for (const severity of ALERT_SEVERITIES) {
        const subs = a.subscribers[severity];
        const webhook = (s: Subscriber) =>
          s.kind === "webhook"
            ? pulumi.secret(s.address!)
            : pulumi.secret(s.secret!.apply((key) => (s.kind === "pagerduty" ? INTEGRATION_URLS.pagerduty(key) : INTEGRATION_URLS.opsgenie(s.opsgenieRegion!, "azure", key))));
        const group = new ActionGroup(
          `${name}-${severity}`,
          {
            actionGroupName: `${name}-${severity}`,
            resourceGroupName,
            // Action groups are global resources (Azure Monitor, "Action groups", checked 2026-11-30).
            location: "global",
            groupShortName: actionGroupShortName(name, severity),
            enabled: true,
            emailReceivers: subs.filter((s) => s.kind === "email").map((s) => ({ name: s.key, emailAddress: s.address!, useCommonAlertSchema: true })),
            webhookReceivers: subs.filter((s) => s.kind !== "email").map((s) => ({ name: s.key, serviceUri: webhook(s), useCommonAlertSchema: true })),
          },
          parent,
        );
        groups[severity] = group.id;
      }
      destinations.azure = groups;
    }

    this.destinations = destinations;
    this.subscriberCounts = { critical: a.subscribers.critical.length, warning: a.subscribers.warning.length };
    this.registerOutputs({ destinations: this.destinations, subscriberCounts: this.subscriberCounts });
  }
}
