/**
 * What the components' alarms share: checking `alerts` and `alarms` arguments, the notification channels of a Cloud
 * Monitoring alert policy by severity, and the pieces of an alert policy (CloudWatch alarms: aws-metric-alarms.ts).
 *
 * A component's alarms exist whether or not `alerts` is given: without it they notify no one, but their state and
 * history are in the console. `alarms: { enabled: false }` leaves them out (a throw-away stack, a component a caller watches in
 * its own way).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ALERT_SEVERITIES, alarmDescription, type AlertDestinations, type AlertSeverity, type RunbookStep } from "../alerts";
import type { Validator } from "../errors";
import { checkRef, isDeferred, isObject } from "./checks";

/** Checks `alerts`: a plain object whose entry for `cloud`, when there is one, names a destination per severity. */
export function checkAlertDestinations(check: Validator, field: string, value: AlertDestinations | undefined, cloud: "aws" | "gcp"): void {
  if (value === undefined) return;
  if (!isObject(value)) check.fail(field, value, "alert destinations by cloud and severity { aws?: { critical, warning }, gcp?: ..., azure?: ... } (AlertRouting's output)");
  const entry = value[cloud];
  if (entry === undefined) return;
  if (!isObject(entry)) check.fail(`${field}.${cloud}`, entry, "a destination for each severity { critical, warning }");
  for (const severity of ALERT_SEVERITIES) {
    const f = `${field}.${cloud}.${severity}`;
    const v = entry[severity];
    if (cloud === "aws") checkRef(check, f, v, "the SNS topic ARN of that severity");
    else if (!isDeferred(v) && !Array.isArray(v)) check.fail(f, v, "a list of Cloud Monitoring notification channel names (projects/<p>/notificationChannels/<id>)");
  }
}

/**
 * Checks `alarms`: the component's thresholds (`undefined` gives the defaults), or `{ enabled: false }` for no alarms
 * (then no threshold may be given: it would be ignored). Returns the thresholds given (`{}` for the defaults) or
 * `false`. (An object rather than `alarms: false`: the multi-language schema takes no union types.)
 */
export function checkAlarmsArg<T extends { readonly enabled?: boolean }>(check: Validator, field: string, value: T | undefined, what: string): T | false {
  const given = check.record<T>(field, value, `the alarm thresholds ${what}, or { enabled: false } for none`);
  check.bool(`${field}.enabled`, given.enabled);
  if (given.enabled !== false) return given;
  const ignored = Object.keys(given).filter((k) => k !== "enabled" && (given as Record<string, unknown>)[k] !== undefined);
  if (ignored.length > 0) check.fail(field, given, `no thresholds with enabled: false (${ignored.join(", ")} would be ignored)`);
  return false;
}

/** A threshold: an integer from `min` to `max`, `fallback` when unset. */
export function threshold(check: Validator, field: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  check.intRange(field, v, min, max);
  return v;
}

/** A Cloud Monitoring alert policy's notification channels for `severity`, or none. */
export function gcpNotificationChannels(alerts: AlertDestinations | undefined, severity: AlertSeverity): pulumi.Input<pulumi.Input<string>[]> {
  return alerts?.gcp?.[severity] ?? [];
}

/** Cloud Monitoring's name for a severity (AlertPolicy.severity). */
export const GCP_SEVERITY: Readonly<Record<AlertSeverity, string>> = { critical: "CRITICAL", warning: "WARNING" };

/** The documentation block of an alert policy: the same text a CloudWatch alarm's description carries. */
export function gcpDocumentation(severity: AlertSeverity, subject: string, condition: string, step: RunbookStep): { content: string; mimeType: string } {
  return { content: alarmDescription(severity, subject, condition, step), mimeType: "text/markdown" };
}

/**
 * Request alarms (an entry point's, a Cloud Run service's): an error rate and a p99 latency. The defaults are the
 * multi-cloud strategy's: error rate above 5 % for 5 minutes (critical: it pages), p99 latency above 1,000 ms for 10
 * minutes (warning).
 */
export interface RequestAlarms {
  /** `false`: no alarms. @default true */
  readonly enabled?: boolean;
  /** Critical when server errors (5xx) stay above this per cent of requests for `errorMinutes`. 1–100. @default 5 */
  readonly errorRatePercent?: number;
  /** 1–60. @default 5 */
  readonly errorMinutes?: number;
  /** Warning when the p99 latency stays above this many milliseconds for `latencyMinutes`. 1–3,600,000. @default 1000 */
  readonly latencyP99Ms?: number;
  /** 1–60. @default 10 */
  readonly latencyMinutes?: number;
}

/** Resolved request alarm thresholds. */
export interface RequestAlarmThresholds {
  readonly errorRatePercent: number;
  readonly errorMinutes: number;
  readonly latencyP99Ms: number;
  readonly latencyMinutes: number;
}

/** Checks `alarms` of request alarms; `false` for none. */
export function checkRequestAlarms(check: Validator, value: RequestAlarms | undefined): RequestAlarmThresholds | false {
  const given = checkAlarmsArg<RequestAlarms>(check, "alarms", value, "{ errorRatePercent, errorMinutes, latencyP99Ms, latencyMinutes }");
  if (given === false) return false;
  return {
    errorRatePercent: threshold(check, "alarms.errorRatePercent", given.errorRatePercent, 5, 1, 100),
    errorMinutes: threshold(check, "alarms.errorMinutes", given.errorMinutes, 5, 1, 60),
    latencyP99Ms: threshold(check, "alarms.latencyP99Ms", given.latencyP99Ms, 1000, 1, 3_600_000),
    latencyMinutes: threshold(check, "alarms.latencyMinutes", given.latencyMinutes, 10, 1, 60),
  };
}

/** `Ns`, the duration format of Cloud Monitoring. */
export const seconds = (n: number): string => `${n}s`;
