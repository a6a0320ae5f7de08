/**
 * Small checks every domain's components share: whether a value is given or known only later, references handed
 * over by other components, the `tags` argument, and KMS key ARNs. No provider SDK is loaded here (the per-cloud
 * entry points load only their own cloud's).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../environment";
import { MeridianValidationError, hasOwn, type Validator } from "../errors";
import { checkTags as checkTagMap, tagsForCloud, type Tags } from "../tags";

/** A GUID (an Entra ID object id, a managed identity's client id). */
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Set: a value that is there now or will be (an Output or a promise), not undefined, null or an empty string. */
export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/**
 * An object that may be a component instance (an `AwsNetwork`) or a plain object of values: anything but null, a
 * list or a primitive.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value given as an Output or a Promise: known only once the program runs, so its content is not checked here. */
export function isDeferred(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

/** Fails unless `value` is given (an Input handed over by another component: a plain string must not be empty). */
export function checkRef(check: Validator, field: string, value: unknown, what: string): void {
  if (!isGiven(value)) check.fail(field, value, what);
}

/**
 * Runs a validation that reports in another component's words (the core's, or a per-cloud component a cross-cloud
 * spec builds) and reports its refusal as `check`'s component: its type, and the field `rename`d to the one the
 * user wrote (`retainedBackups` of a Cloud SQL instance is a `PostgresDatabase`'s `backupRetentionDays`).
 */
export function reportAs<T>(check: Validator, validate: () => T, rename: (field: string) => string = (field) => field): T {
  try {
    return validate();
  } catch (e) {
    if (!(e instanceof MeridianValidationError)) throw e;
    return check.fail(rename(e.field), e.value, e.allowed);
  }
}

/**
 * A component's `tags` argument: a plain map of tag names to strings (the core's `checkTags` rules), and, with
 * `cloud`, in a form that cloud accepts (the normaliser the tag transformation applies later, run now so that a
 * refused key fails before anything is registered). A refusal names the component, not `meridian:core:tags`.
 */
export function checkTagsArg(check: Validator, tags: unknown, cloud?: Cloud): Tags | undefined {
  if (tags === undefined) return undefined;
  const record = check.record<Record<string, unknown>>("tags", tags as Record<string, unknown>, "a map of tag names to string values");
  reportAs(check, () => (cloud === undefined ? checkTagMap(record, "tags") : tagsForCloud(cloud, record as Tags, "tags")));
  return record as Tags;
}

/** A KMS key ARN, in any partition. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** A KMS key or alias ARN. */
const KMS_KEY_OR_ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_+=.@-]+)$/;

export interface KmsKeyArnRule {
  /** An alias ARN is accepted too (the service resolves it). @default false: a key ARN only */
  readonly alias?: boolean;
  /** Undefined fails too (an element of a list). @default false */
  readonly required?: boolean;
  /** Why, for the message: `CloudWatch Logs takes no alias`. */
  readonly why?: string;
}

/** A KMS key ARN given as a plain string (an Output or a promise is checked by AWS). */
export function checkKmsKeyArn(check: Validator, field: string, value: unknown, rule: KmsKeyArnRule = {}): void {
  if ((value === undefined && rule.required !== true) || isDeferred(value)) return;
  if (typeof value !== "string" || !(rule.alias === true ? KMS_KEY_OR_ALIAS_ARN : KMS_KEY_ARN).test(value)) {
    const example = '"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"';
    check.fail(field, value, `a KMS key ARN${rule.alias === true ? " or alias ARN" : ""}, such as ${example}${rule.why === undefined ? "" : ` (${rule.why})`}`);
  }
}

/** Refuses arguments an older version took, which this one would silently ignore. */
export function checkReplacedArgs(check: Validator, args: object, replaced: Readonly<Record<string, string>>): void {
  for (const [field, allowed] of Object.entries(replaced)) {
    const value = (args as Record<string, unknown>)[field];
    if (hasOwn(args, field) && value !== undefined) check.fail(field, value, allowed);
  }
}
