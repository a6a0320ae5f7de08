/**
 * meridian-tagging-required: every taggable AWS, GCP and Azure resource carries the required tags (labels on
 * GCP), with non-empty values, and its `environment` tag names the stack's environment.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy/policy";
import { ENVIRONMENTS, STANDARD_TAG_KEYS, cloudOfType, tagPathOf, toGcpLabelKey, toGcpLabelValue } from "../../../components/core";
import { at } from "../rule";

export interface RequiredTagsConfig {
  /** Tag keys every taggable resource must carry (in AWS/Azure form; GCP keys are checked in label form). */
  readonly requiredTags: string[];
  /** The stack's environment; when set, the `environment` tag must equal it. */
  readonly environment?: string;
}

export const requiredTags: ResourceValidationPolicy = {
  name: "meridian-tagging-required",
  description:
    "Taggable resources carry the required tags (GCP: labels) with non-empty values, and the environment tag matches the stack. " +
    "Why: cost allocation, ownership and incident routing all read these tags; an untagged resource is a cost nobody owns.",
  remediationSteps: "Create the resource inside a Meridian component or after registerStackTags(), or set the missing tags yourself.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: {
    properties: {
      requiredTags: { type: "array", items: { type: "string" }, default: [...STANDARD_TAG_KEYS] },
      environment: { type: "string", enum: [...ENVIRONMENTS] },
    },
  },
  validateResource: (args, reportViolation) => {
    const path = tagPathOf(args.type);
    const cloud = cloudOfType(args.type);
    if (path === undefined || cloud === undefined) {
      args.notApplicable("the resource type takes no tags or labels");
      return;
    }
    const config = args.getConfig<RequiredTagsConfig>();
    const word = cloud === "gcp" ? "labels" : "tags";
    const raw: unknown = at(args.props, path);
    const tags = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const keyOf = (k: string) => (cloud === "gcp" ? toGcpLabelKey(k) : k);
    const missing = config.requiredTags.map(keyOf).filter((k) => tags[k] === undefined || tags[k] === null);
    if (missing.length > 0) reportViolation(`missing required ${word} (${path}): ${missing.join(", ")}`);
    const empty = config.requiredTags.map(keyOf).filter((k) => tags[k] === "");
    if (empty.length > 0) reportViolation(`required ${word} with empty values (${path}): ${empty.join(", ")}`);
    if (config.environment !== undefined && tags["environment"] !== undefined) {
      const expected = cloud === "gcp" ? toGcpLabelValue(config.environment) : config.environment;
      if (tags["environment"] !== expected) {
        reportViolation(`${word}.environment is ${JSON.stringify(tags["environment"])}, but this stack is ${JSON.stringify(expected)}`);
      }
    }
  },
};
