/**
 * The `alerts` argument the components take (`AlertDestinations`, components/core/alerts.ts): checked once here, so
 * every component refuses a malformed one with the same words.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AlertDestinations, BySeverity } from "../alerts";
import type { Validator } from "../errors";
import { checkRef, isDeferred } from "./checks";

/** An SNS topic ARN, in any partition: `arn:aws:sns:<region>:<account>:<name>`. */
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * The AWS topics of `alerts` (undefined when there is no `alerts.aws`): each severity given, a plain ARN an SNS topic
 * ARN, and in `region` when the alarms that publish there can only live in that region (CloudWatch alarm actions
 * go to a topic of the alarm's own region).
 */
export function checkAwsAlertTopics(check: Validator, alerts: AlertDestinations | undefined, region?: string): BySeverity<pulumi.Input<string>> | undefined {
  if (alerts === undefined) return undefined;
  check.record("alerts", alerts, "an object of alert destinations by cloud (an AlertRouting's destinations)");
  if (alerts.aws === undefined) return undefined;
  check.record("alerts.aws", alerts.aws, "the SNS topic ARN of each severity: critical and warning");
  for (const severity of ["critical", "warning"] as const) {
    const arn: unknown = alerts.aws[severity];
    const field = `alerts.aws.${severity}`;
    checkRef(check, field, arn, "an SNS topic ARN");
    if (isDeferred(arn)) continue;
    const m = typeof arn === "string" ? SNS_TOPIC_ARN.exec(arn) : null;
    if (m === null) check.fail(field, arn, 'an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:alerts-critical"');
    if (region !== undefined && m[1] !== region) check.fail(field, arn, `an SNS topic in ${region} (CloudWatch alarm actions publish to a topic of the alarm's region; these alarms live in ${region})`);
  }
  return alerts.aws;
}
