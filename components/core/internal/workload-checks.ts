/**
 * Checks of what a workload runs, shared by the serverless components and `KubernetesApp`: the container image and
 * the environment variables' names (each target with its own rule, in `EnvironmentRule`).
 */
import type { Validator } from "../errors";
import { isDeferred } from "./checks";

/**
 * A container image reference: `[registry[:port]/]path[:tag][@sha256:<64 hex>]`, the path lower case; group 1 is
 * the tag, group 2 the digest. Source: the OCI distribution spec and Docker's reference grammar
 * (distribution/reference, checked 2026-11-30).
 */
const IMAGE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/**
 * Checks a container image reference given as a plain string (an Output is taken as it is): well formed, pinned to a
 * tag or a digest, and not `:latest` (it moves under the same name: a redeploy would silently run another image).
 */
export function checkImage(check: Validator, field: string, image: unknown): void {
  if (isDeferred(image)) return;
  const allowed = 'a container image pinned to a tag or a digest, such as "ghcr.io/acme/api:1.4.2" or "ghcr.io/acme/api@sha256:<64 hex digits>" (not :latest, which moves under the same name)';
  const m = typeof image === "string" ? IMAGE.exec(image) : null;
  if (!m || (m[1] === undefined && m[2] === undefined) || m[1] === "latest") check.fail(field, image, allowed);
}

/** What one target accepts as an environment variable name, and the names it keeps for itself. */
export interface EnvironmentRule {
  /** The target's name pattern. */
  readonly pattern: RegExp;
  /** The pattern in words, for the message. */
  readonly allowed: string;
  /** Names the platform sets itself: a workload cannot set them. */
  readonly reserved: readonly string[];
  /** Who reserves them, for the message: `Lambda's runtime`. */
  readonly reservedBy: string;
}

/** Names the component sets itself (beside the platform's `reserved`), and why, for the message. */
export interface TakenNames {
  readonly names: (name: string) => boolean;
  readonly why: string;
}

/**
 * Checks an environment map: a plain object whose names follow the target's rule, none reserved by the platform or
 * `taken` by the component itself, and whose values are strings (or Outputs of strings). Returns the map.
 */
export function checkEnvironment<V>(check: Validator, field: string, environment: Record<string, V> | undefined, rule: EnvironmentRule, taken?: TakenNames): Record<string, V> {
  const env = check.record(field, environment, "a map of variable names to string values");
  for (const [k, v] of Object.entries(env)) {
    check.pattern(field, k, rule.pattern, `variable names of ${rule.allowed}`);
    if (rule.reserved.includes(k)) check.fail(field, k, `names other than those ${rule.reservedBy} reserves (${rule.reserved.join(", ")})`);
    if (taken?.names(k) === true) check.fail(field, k, `names the component does not set itself (${taken.why})`);
    if (typeof v !== "string" && !isDeferred(v)) check.fail(`${field}.${k}`, v, "a string (or an Output of one)");
  }
  return env;
}
