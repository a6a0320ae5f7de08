/**
 * Azure Monitor metric alerts for the Azure components: one static-threshold criterion each, on one resource, to the
 * action group of its severity when the stack gives `alerts.azure` (components/core/alerts.ts), with no action
 * otherwise (the alert still fires and keeps its history in the portal).
 */
import type * as pulumi from "@pulumi/pulumi";
import { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import { alarmDescription, ALERT_SEVERITIES, type AlertDestinations, type AlertSeverity, type RunbookStep } from "../alerts";
import { isPlainObject, type Validator } from "../shared";

/**
 * The window sizes Azure Monitor metric alerts accept, in minutes (PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D).
 * Source: Azure Monitor REST API, "Metric Alerts - Create Or Update", `windowSize` (checked 2026-11-30). A "for 10
 * minutes" condition has no exact window: it is written as the next one up, 15 minutes.
 */
export const AZURE_ALERT_WINDOWS_MINUTES = [1, 5, 15, 30, 60, 360, 720, 1440] as const;
export type AzureAlertWindow = (typeof AZURE_ALERT_WINDOWS_MINUTES)[number];

/** Azure Monitor's alert severities: 0 Critical ... 4 Verbose. Ours map to Critical (0) and Warning (2). */
export const AZURE_ALERT_SEVERITY: Readonly<Record<AlertSeverity, number>> = { critical: 0, warning: 2 };

/** One metric alert of a component. */
export interface AzureMetricAlertSpec {
  /** Names the alert: `<component>-<key>`. */
  readonly key: string;
  readonly severity: AlertSeverity;
  /** What is watched, for the description (`AzurePostgres db-azure`). */
  readonly subject: string;
  /** The condition in words, for the description (`cpu_percent above 80 % for 15 min`). */
  readonly condition: string;
  readonly step: RunbookStep;
  /** The resource provider namespace of the metric, such as `Microsoft.DBforPostgreSQL/flexibleServers`. */
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: "Average" | "Maximum" | "Minimum" | "Total";
  readonly operator: "GreaterThan" | "GreaterThanOrEqual" | "LessThan" | "LessThanOrEqual";
  readonly threshold: number;
  readonly windowMinutes: AzureAlertWindow;
  /** Only the time series whose dimension has one of these values (`statusCodeCategory` = `5xx`). */
  readonly dimensions?: ReadonlyArray<{ name: string; values: string[] }>;
}

const duration = (minutes: number): string => (minutes >= 1440 ? `P${minutes / 1440}D` : minutes >= 60 ? `PT${minutes / 60}H` : `PT${minutes}M`);

/** Checks a component's `alerts` argument: an object whose `azure`, when given, names an action group per severity. */
export function checkAzureAlertDestinations(check: Validator, alerts: AlertDestinations | undefined): void {
  if (alerts === undefined) return;
  if (!isPlainObject(alerts)) check.fail("alerts", alerts, "alert destinations { aws?, gcp?, azure? } (components/core/alerts.ts)");
  const azure = alerts.azure;
  if (azure === undefined) return;
  if (!isPlainObject(azure)) check.fail("alerts.azure", azure, "an action group id for each severity: { critical, warning }");
  for (const severity of ALERT_SEVERITIES) {
    const id = azure[severity];
    if (id === undefined || id === "") check.fail(`alerts.azure.${severity}`, id, "an action group's resource id");
    if (typeof id === "string" && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Insights\/actionGroups\/[^/]+$/i.test(id)) {
      check.fail(`alerts.azure.${severity}`, id, "an action group's resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>");
    }
  }
}

/**
 * Creates `specs` as metric alerts on `scope` (one resource id), evaluated every minute (every 5 for windows of an
 * hour or more), in `resourceGroupName`. Metric alerts are global resources: their location is "global".
 */
export function createAzureMetricAlerts(
  name: string,
  scope: pulumi.Input<string>,
  resourceGroupName: pulumi.Input<string>,
  specs: readonly AzureMetricAlertSpec[],
  alerts: AlertDestinations | undefined,
  opts: pulumi.CustomResourceOptions,
): MetricAlert[] {
  return specs.map(
    (s) =>
      new MetricAlert(
        `${name}-${s.key}`,
        {
          resourceGroupName,
          location: "global",
          description: alarmDescription(s.severity, s.subject, s.condition, s.step),
          severity: AZURE_ALERT_SEVERITY[s.severity],
          enabled: true,
          autoMitigate: true,
          scopes: [scope],
          evaluationFrequency: s.windowMinutes >= 60 ? "PT5M" : "PT1M",
          windowSize: duration(s.windowMinutes),
          criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [
              {
                criterionType: "StaticThresholdCriterion",
                name: s.key,
                metricNamespace: s.metricNamespace,
                metricName: s.metricName,
                timeAggregation: s.aggregation,
                operator: s.operator,
                threshold: s.threshold,
                dimensions: (s.dimensions ?? []).map((d) => ({ name: d.name, operator: "Include", values: [...d.values] })),
              },
            ],
          },
          actions: alerts?.azure ? [{ actionGroupId: alerts.azure[s.severity] }] : [],
        },
        opts,
      ),
  );
}
