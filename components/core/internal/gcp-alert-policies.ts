/**
 * Cloud Monitoring alert policies, one condition each, with the severity, documentation and notification channels
 * every Meridian alarm carries. Its own module (not core/internal/alarms.ts): it loads @pulumi/gcp, which AWS-only
 * programs (`meridian/aws`) must not.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import type { input as inputs } from "@pulumi/gcp/types";
import type { AlertDestinations, AlertSeverity, RunbookStep } from "../alerts";
import { GCP_SEVERITY, gcpDocumentation, gcpNotificationChannels, seconds, type RequestAlarmThresholds } from "./alarms";

/** What one alert policy says and watches. */
export interface GcpAlertPolicySpec {
  readonly project: pulumi.Input<string> | undefined;
  /** What is watched, for the display name and the documentation: `Cloud Run api`. */
  readonly subject: string;
  readonly severity: AlertSeverity;
  /** The condition in words: its display name and the documentation's. */
  readonly condition: string;
  readonly step: RunbookStep;
  readonly conditionThreshold: inputs.monitoring.AlertPolicyConditionConditionThreshold;
}

/** `<name>-<key>`: an alert policy with one threshold condition, notifying `alerts.gcp` of its severity. */
export function gcpAlertPolicy(name: string, key: string, spec: GcpAlertPolicySpec, alerts: AlertDestinations | undefined, opts: pulumi.CustomResourceOptions): AlertPolicy {
  const { project, subject, severity, condition, step, conditionThreshold } = spec;
  return new AlertPolicy(
    `${name}-${key}`,
    {
      project,
      displayName: `${subject}: ${condition}`,
      combiner: "OR",
      severity: GCP_SEVERITY[severity],
      conditions: [{ displayName: condition, conditionThreshold }],
      documentation: gcpDocumentation(severity, subject, condition, step),
      notificationChannels: gcpNotificationChannels(alerts, severity),
    },
    opts,
  );
}

/** Where a service's request metrics are: the metric filter, the 5xx clause, how series are grouped, the latency metric. */
export interface GcpRequestMetrics {
  readonly project: pulumi.Input<string> | undefined;
  readonly subject: string;
  /** The filter of a metric of the service (`request_count`, both services' request counter; `request_latencies`). */
  readonly filter: (metric: string) => pulumi.Output<string>;
  /** The clause that picks server errors out of `request_count`: `metric.label.response_code_class = "5xx"`. */
  readonly serverErrors: string;
  /** The latency distribution (ms), and how the condition names it: `request latency`. */
  readonly latency: string;
  readonly latencyWords: string;
  /** The label the series are summed across (`resource.label.service_name`). */
  readonly groupBy: string;
}

/**
 * The request alarms of a service on GCP (a Cloud Run service, an entry point): `<name>-errors`, the 5xx share of
 * requests as a ratio condition (critical), and `<name>-latency`, the p99 taken across the service's series
 * (ALIGN_DELTA, then REDUCE_PERCENTILE_99; warning).
 */
export function gcpRequestAlertPolicies(name: string, m: GcpRequestMetrics, t: RequestAlarmThresholds, alerts: AlertDestinations | undefined, opts: pulumi.CustomResourceOptions): void {
  const grouped = (aligner: string, reducer: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: [m.groupBy] }];
  gcpAlertPolicy(
    name,
    "errors",
    {
      project: m.project,
      subject: m.subject,
      severity: "critical",
      condition: `5xx responses above ${t.errorRatePercent} % of requests for ${t.errorMinutes} min`,
      step: "error-rate",
      conditionThreshold: {
        filter: pulumi.interpolate`${m.filter("request_count")} AND ${m.serverErrors}`,
        aggregations: grouped("ALIGN_RATE", "REDUCE_SUM"),
        denominatorFilter: m.filter("request_count"),
        denominatorAggregations: grouped("ALIGN_RATE", "REDUCE_SUM"),
        comparison: "COMPARISON_GT",
        thresholdValue: t.errorRatePercent / 100,
        duration: seconds(t.errorMinutes * 60),
      },
    },
    alerts,
    opts,
  );
  gcpAlertPolicy(
    name,
    "latency",
    {
      project: m.project,
      subject: m.subject,
      severity: "warning",
      condition: `p99 ${m.latencyWords} above ${t.latencyP99Ms} ms for ${t.latencyMinutes} min`,
      step: "latency",
      conditionThreshold: {
        filter: m.filter(m.latency),
        aggregations: grouped("ALIGN_DELTA", "REDUCE_PERCENTILE_99"),
        comparison: "COMPARISON_GT",
        thresholdValue: t.latencyP99Ms,
        duration: seconds(t.latencyMinutes * 60),
      },
    },
    alerts,
    opts,
  );
}
