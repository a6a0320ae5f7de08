/**
 * CloudWatch metric alarms with the description and actions every Meridian alarm carries, the severity said once:
 * the description's `[severity]` and the topic notified are the same. The AWS twin of gcp-alert-policies.ts and
 * azure-metric-alerts.ts. Its own module (not core/internal/alarms.ts): it loads @pulumi/aws, which GCP-only programs
 * (`meridian/gcp`) must not.
 */
import type * as pulumi from "@pulumi/pulumi";
import { MetricAlarm, type MetricAlarmArgs } from "@pulumi/aws/cloudwatch/metricAlarm";
import { alarmDescription, type AlertSeverity, type AwsAlertTopics, type RunbookStep } from "../alerts";

/** What one alarm says: its severity, what is watched (`RDS PostgreSQL db`), the condition in words, its runbook step. */
export interface AwsAlarmSpec {
  readonly severity: AlertSeverity;
  readonly subject: string;
  readonly condition: string;
  readonly step: RunbookStep;
}

/**
 * A CloudWatch alarm that notifies the topic of its severity in `topics` on alarm and on OK (none without topics:
 * the alarm still shows its state), described as `[severity] subject: condition. Runbook ...`.
 */
export function awsMetricAlarm(
  name: string,
  spec: AwsAlarmSpec,
  topics: AwsAlertTopics | undefined,
  args: Omit<MetricAlarmArgs, "alarmDescription" | "alarmActions" | "okActions">,
  opts: pulumi.CustomResourceOptions,
): MetricAlarm {
  const topic = topics?.[spec.severity];
  const actions = topic === undefined ? [] : [topic];
  return new MetricAlarm(name, { ...args, alarmDescription: alarmDescription(spec.severity, spec.subject, spec.condition, spec.step), alarmActions: actions, okActions: actions }, opts);
}
