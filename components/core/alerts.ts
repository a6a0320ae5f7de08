/**
 * Where alarms go, and what they say. A stack creates one set of destinations per cloud (components/alerts:
 * `AlertRouting`: SNS topics, Cloud Monitoring notification channels, Azure action groups, each with the people
 * and systems that answer it) and hands them to the components, whose alarms publish there by severity.
 *
 * Plain module, no SDK import at run time: the config schema and the CLI read the runbook steps too.
 */
import type * as pulumi from "@pulumi/pulumi";

/** How urgent an alert is: `critical` pages someone now, `warning` is read in working hours. */
export const AlertSeverity = { Critical: "critical", Warning: "warning" } as const;
export type AlertSeverity = (typeof AlertSeverity)[keyof typeof AlertSeverity];
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ["critical", "warning"];

/** One value per severity. */
export type BySeverity<T> = { readonly [S in AlertSeverity]: T };

/**
 * Where a component's alarms go, by severity, per cloud. A component uses the entry of its own cloud; without one its
 * alarms still exist (their state and history are visible in the console) but notify no one.
 */
export interface AlertDestinations {
  /** AWS: the SNS topic ARN of each severity (CloudWatch alarm actions). */
  readonly aws?: AwsAlertTopics;
  /** GCP: the Cloud Monitoring notification channel names of each severity (`projects/<p>/notificationChannels/<id>`). */
  readonly gcp?: GcpAlertChannels;
  /** Azure: the action group resource id of each severity (Azure Monitor metric alerts). */
  readonly azure?: AzureActionGroups;
}

// The three below are `BySeverity<...>` written out: the multi-language schema (schema.json) is generated from the
// components' argument types, and its analyser takes interfaces, not mapped types.

/** The SNS topic ARN of each severity. */
export interface AwsAlertTopics {
  readonly critical: pulumi.Input<string>;
  readonly warning: pulumi.Input<string>;
}

/** The Cloud Monitoring notification channel names of each severity. */
export interface GcpAlertChannels {
  readonly critical: pulumi.Input<pulumi.Input<string>[]>;
  readonly warning: pulumi.Input<pulumi.Input<string>[]>;
}

/** The Azure Monitor action group id of each severity. */
export interface AzureActionGroups {
  readonly critical: pulumi.Input<string>;
  readonly warning: pulumi.Input<string>;
}

/**
 * The runbook steps alarms point to: the README's "Runbook" sections (`README.md#<anchor>`) and `meridian runbook`.
 * An alarm's description ends with its step, so whoever is paged knows what to do first.
 */
export const RUNBOOK_STEPS = {
  "database-down": "The primary database is down or failing over: check its events; if the primary cloud is down, run the aws-down scenario",
  "database-saturated": "Database CPU, storage or connections near their limit: find the load, scale the instance or raise the storage ceiling",
  "replication-lag": "Replication lag above threshold: check the DMS task and the VPN; past the RPO, stop writes before failing over",
  "replication-down": "Replication stopped: resume the DMS task; if the source is gone, run the aws-down scenario",
  "endpoint-down": "An entry point failed its DNS health check: DNS has moved traffic; find why the cloud's entry point stopped answering",
  "error-rate": "Error rate above 5 %: check the latest deploy and the database; roll back, or shift traffic to the other cloud (degraded scenario)",
  "latency": "p99 latency above target: check the database and scaling; shift traffic to the other cloud if one cloud is slow (degraded scenario)",
  "function-errors": "Serverless errors or throttles: check the function's logs and concurrency limits",
} as const;
export type RunbookStep = keyof typeof RUNBOOK_STEPS;

/** The README anchor of the runbook (section "Runbook: alerts"). */
export const RUNBOOK_DOC = "README.md#runbook-alerts";

/**
 * An alarm's description: `[severity] subject: condition. Runbook <step>: <what to do> (README.md#runbook-alerts)`.
 * It starts with the severity so that a message filter or a reader can route on it.
 */
export function alarmDescription(severity: AlertSeverity, subject: string, condition: string, step: RunbookStep): string {
  return `[${severity}] ${subject}: ${condition}. Runbook ${step}: ${RUNBOOK_STEPS[step]} (${RUNBOOK_DOC})`;
}
