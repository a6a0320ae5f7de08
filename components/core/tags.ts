/**
 * Standard tags, and their normalisation to each cloud's rules.
 *
 * Limits (checked 2026-11-22):
 * - AWS: at most 50 user tags per resource; key 1–128 characters, value 0–256; letters, digits, spaces and
 *   `_ . : / = + - @`; the `aws:` prefix is reserved.
 *   Source: AWS General Reference, "Tagging your AWS resources — Tag naming limits and requirements".
 * - GCP: at most 64 labels; keys and values at most 63 characters of lower-case letters, digits, `_` and `-`;
 *   keys start with a lower-case letter; values may be empty.
 *   Source: Google Cloud Resource Manager docs, "Creating and managing labels — Requirements for labels".
 * - Azure: at most 50 tags per resource; name at most 512 characters (128 for storage accounts), value at most
 *   256; names may not contain `< > % & \ ? /`; names are case-insensitive.
 *   Source: Azure Resource Manager docs, "Use tags to organize your Azure resources — Limitations".
 *
 * GCP also allows international lower-case letters; these functions keep to ASCII, which is always valid.
 */
import { MeridianValidationError } from "./errors";
import type { Environment } from "./environment";

/** The facts every Meridian resource carries. */
export interface StandardTagsInput {
  /** The stack's environment. */
  readonly environment: Environment;
  /** The product or project the resource belongs to. */
  readonly project: string;
  /** The team that answers for the resource. */
  readonly owner: string;
  /** The cost center that pays for it. */
  readonly costCenter: string;
}

/** The keys of the standard tags, in AWS/Azure form (they are already valid GCP label keys). */
export const STANDARD_TAG_KEYS = ["environment", "project", "owner", "cost-center", "managed-by"] as const;
export type StandardTagKey = (typeof STANDARD_TAG_KEYS)[number];

export const MANAGED_BY = "meridian";

export type Tags = Record<string, string>;

/**
 * The standard tags merged under the caller's own: a key the caller sets wins.
 *
 * @example standardTags({ environment: "prod", project: "shop", owner: "platform", costCenter: "cc-42" }, { team: "db" })
 */
export function standardTags(input: StandardTagsInput, callerTags: Tags = {}): Tags {
  return {
    environment: input.environment,
    project: input.project,
    owner: input.owner,
    "cost-center": input.costCenter,
    "managed-by": MANAGED_BY,
    ...callerTags,
  };
}

/** The most tags (or labels) one resource may carry, per cloud. */
export const TAG_LIMITS = {
  aws: { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 },
  gcp: { maxTags: 64, maxKeyLength: 63, maxValueLength: 63 },
  azure: { maxTags: 50, maxKeyLength: 512, maxValueLength: 256 },
} as const;

const TAGS_COMPONENT = "meridian:core:tags";

function tooMany(cloud: keyof typeof TAG_LIMITS, count: number, field: string): never {
  throw new MeridianValidationError({
    component: TAGS_COMPONENT,
    field,
    value: `${count} tags`,
    allowed: `at most ${TAG_LIMITS[cloud].maxTags} ${cloud === "gcp" ? "labels" : "tags"} on one ${cloud.toUpperCase()} resource`,
  });
}

function collision(cloud: string, first: string, second: string, normalised: string, field: string): never {
  throw new MeridianValidationError({
    component: TAGS_COMPONENT,
    field,
    value: [first, second],
    allowed: `keys that stay distinct in ${cloud} form (both become ${JSON.stringify(normalised)})`,
  });
}

/** Cuts a string to at most `max` UTF-16 code units without splitting a surrogate pair. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** Normalises one key to a GCP label key: lower case, `[a-z0-9_-]`, starting with a letter, at most 63 characters. */
export function toGcpLabelKey(key: string): string {
  let k = key.toLowerCase().replace(/[^a-z0-9_-]/g, "_");
  if (!/^[a-z]/.test(k)) k = `k_${k}`;
  return truncate(k, TAG_LIMITS.gcp.maxKeyLength);
}

/** Normalises one value to a GCP label value: lower case, `[a-z0-9_-]`, at most 63 characters (may be empty). */
export function toGcpLabelValue(value: string): string {
  return truncate(value.toLowerCase().replace(/[^a-z0-9_-]/g, "_"), TAG_LIMITS.gcp.maxValueLength);
}

/**
 * Tags in GCP label form. Throws `MeridianValidationError` when two keys become the same label key, or when
 * there are more than 64 — rather than dropping a label silently.
 */
export function toGcpLabels(tags: Tags, field = "tags"): Tags {
  const out: Array<[string, string]> = [];
  // A Map, not an object: a key such as "__proto__" must be an ordinary key.
  const from = new Map<string, string>();
  const entries = Object.entries(tags);
  if (entries.length > TAG_LIMITS.gcp.maxTags) tooMany("gcp", entries.length, field);
  for (const [key, value] of entries) {
    const k = toGcpLabelKey(key);
    const seen = from.get(k);
    if (seen !== undefined) collision("GCP label", seen, key, k, field);
    from.set(k, key);
    out.push([k, toGcpLabelValue(value)]);
  }
  return Object.fromEntries(out);
}

const AZURE_FORBIDDEN_KEY_CHARS = /[<>%&\\?/]/g;

/** Normalises one name to an Azure tag name: `< > % & \ ? /` become `_`, at most 512 characters, never empty. */
export function toAzureTagName(key: string): string {
  const k = truncate(key.replace(AZURE_FORBIDDEN_KEY_CHARS, "_"), TAG_LIMITS.azure.maxKeyLength);
  return k.trim() === "" ? "_" : k;
}

/**
 * Tags in Azure form: `< > % & \ ? /` replaced by `_` in names, names cut to 512 characters and values to 256.
 * Azure tag names are case-insensitive, so two keys differing only in case are a collision.
 */
export function toAzureTags(tags: Tags, field = "tags"): Tags {
  const out: Array<[string, string]> = [];
  // A Map, not an object: a key such as "__proto__" must be an ordinary key.
  const from = new Map<string, string>();
  const entries = Object.entries(tags);
  if (entries.length > TAG_LIMITS.azure.maxTags) tooMany("azure", entries.length, field);
  for (const [key, value] of entries) {
    const k = toAzureTagName(key);
    const folded = k.toLowerCase();
    const seen = from.get(folded);
    if (seen !== undefined) collision("Azure tag", seen, key, k, field);
    from.set(folded, key);
    out.push([k, truncate(value, TAG_LIMITS.azure.maxValueLength)]);
  }
  return Object.fromEntries(out);
}

const AWS_ALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/** Normalises one key to an AWS tag key: disallowed characters become `_`, at most 128 characters, never empty. */
export function toAwsTagKey(key: string): string {
  const k = truncate(key.replace(AWS_ALLOWED, "_"), TAG_LIMITS.aws.maxKeyLength);
  return k === "" ? "_" : k;
}

/**
 * Tags in AWS form: characters AWS does not allow replaced by `_`, keys cut to 128 and values to 256.
 * The reserved `aws:` prefix cannot be normalised away without changing meaning, so it is an error.
 */
export function toAwsTags(tags: Tags, field = "tags"): Tags {
  const out: Array<[string, string]> = [];
  // A Map, not an object: a key such as "__proto__" must be an ordinary key.
  const from = new Map<string, string>();
  const entries = Object.entries(tags);
  if (entries.length > TAG_LIMITS.aws.maxTags) tooMany("aws", entries.length, field);
  for (const [key, value] of entries) {
    if (/^aws:/i.test(key)) {
      throw new MeridianValidationError({
        component: TAGS_COMPONENT,
        field: `${field}.${key}`,
        value: key,
        allowed: "a key that does not start with the reserved prefix 'aws:'",
      });
    }
    const k = toAwsTagKey(key);
    const seen = from.get(k);
    if (seen !== undefined) collision("AWS tag", seen, key, k, field);
    from.set(k, key);
    out.push([k, truncate(value.replace(AWS_ALLOWED, "_"), TAG_LIMITS.aws.maxValueLength)]);
  }
  return Object.fromEntries(out);
}

/**
 * Keys that name an object's machinery in JavaScript (and so in every tool that reads tags into an object): never
 * a tag, refused rather than passed on.
 */
export const RESERVED_TAG_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** Tags are a plain map of non-empty string keys (not `RESERVED_TAG_KEYS`) to string values. */
export function checkTags(tags: unknown, field = "tags"): asserts tags is Tags {
  const fail = (f: string, value: unknown, allowed: string): never => {
    throw new MeridianValidationError({ component: TAGS_COMPONENT, field: f, value, allowed });
  };
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) fail(field, tags, "a map of tag names to string values");
  for (const [key, value] of Object.entries(tags as Record<string, unknown>)) {
    if (key.trim() === "" || RESERVED_TAG_KEYS.includes(key)) fail(`${field}.${key}`, key, `a tag name that is not empty and not one of ${RESERVED_TAG_KEYS.map((k) => JSON.stringify(k)).join(", ")}`);
    if (typeof value !== "string") fail(`${field}.${key}`, value, "a string value");
  }
}

/** The normaliser for a cloud. */
export function tagsForCloud(cloud: "aws" | "gcp" | "azure", tags: Tags, field = "tags"): Tags {
  checkTags(tags, field);
  switch (cloud) {
    case "aws":
      return toAwsTags(tags, field);
    case "gcp":
      return toGcpLabels(tags, field);
    case "azure":
      return toAzureTags(tags, field);
  }
}
