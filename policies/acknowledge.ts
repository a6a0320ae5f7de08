/**
 * Acknowledged exceptions, as cdk-nag has them: a rule's findings on one resource, accepted for a stated reason and
 * optionally until a date. Declared in one of two places:
 *
 * - on the resource, as a tag or label `meridian-ack-<rule>` (components/core/acknowledgements.ts has the format
 *   and `acknowledgementTags()`, for the tags of a resource the program creates; a component's `tags` reach all
 *   its resources and refuse it);
 * - in the policy pack config, under the rule, by URN pattern (`*` matches any run of characters):
 *   `"meridian-exposure-public-endpoints": { "acknowledgements": [{ "urn": "urn:pulumi:prod::*aws:dms/*", "reason": "...", "expires": "2027-03-01" }] }`
 *   — for resources that take no tags (IAM members, firewall rules) or that another team's program creates.
 *
 * An acknowledged finding is not a violation: the rule reports it as not applicable with the acknowledgement and the
 * findings in the reason (what the Pulumi CLI records), and the offline evaluator lists it in the plan report. On
 * and after its expiry day, or when its tag cannot be read, the finding is a violation again, saying so.
 */
import { acknowledgementTagKey, isExpired, parseAcknowledgementValue, tagPathOf } from "../components/core";
import { at, known } from "./props";

/** One entry of a rule's `acknowledgements` config. */
export interface ConfigAcknowledgement {
  readonly urn: string;
  readonly reason: string;
  readonly expires?: string;
}

/** The `acknowledgements` property every resource rule's config schema has. */
export const ACKNOWLEDGEMENTS_SCHEMA = {
  type: "array",
  default: [],
  items: {
    type: "object",
    additionalProperties: false,
    required: ["urn", "reason"],
    properties: {
      urn: { type: "string", minLength: 1, description: "A URN, or a pattern in which * matches any run of characters." },
      reason: { type: "string", minLength: 8, description: "Why the finding is accepted." },
      expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD (UTC): from this day on, the finding is a violation again." },
    },
  },
} as const;

/** An acknowledgement that applies to a resource's findings of one rule. */
export interface FoundAcknowledgement {
  readonly source: "tag" | "config";
  /** The tag key, or the config entry's URN pattern. */
  readonly where: string;
  readonly reason: string;
  readonly expires?: string;
  /** Set when it no longer holds: expired, or a tag that could not be read. */
  readonly lapsed?: string;
}

/** An acknowledged finding, as the offline evaluator reports it. */
export interface PolicyAcknowledgement {
  readonly policyName: string;
  readonly urn: string;
  readonly source: "tag" | "config";
  readonly where: string;
  readonly reason: string;
  readonly expires?: string;
  readonly findings: readonly string[];
}

const compiled = new WeakMap<readonly ConfigAcknowledgement[], Array<{ re: RegExp; ack: ConfigAcknowledgement }>>();

function patterns(acks: readonly ConfigAcknowledgement[]): Array<{ re: RegExp; ack: ConfigAcknowledgement }> {
  let out = compiled.get(acks);
  if (!out) {
    out = acks.map((ack) => ({ ack, re: new RegExp(`^${ack.urn.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`) }));
    compiled.set(acks, out);
  }
  return out;
}

/** The tag map of a resource, or undefined when it has none or its value is not known yet at preview. */
function tagsOf(type: string, props: Record<string, unknown>): Record<string, unknown> | undefined {
  const path = tagPathOf(type);
  if (path === undefined) return undefined;
  const tags: unknown = known(() => at(props, path), undefined);
  return tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : undefined;
}

/**
 * The acknowledgement of `rule`'s findings on a resource: its tag first (declared where the resource is), then the
 * first config entry whose pattern matches the URN. `today` is `YYYY-MM-DD` in UTC.
 */
export function acknowledgementFor(
  rule: string,
  resource: { readonly type: string; readonly urn: string; readonly props: Record<string, unknown> },
  configured: readonly ConfigAcknowledgement[] | undefined,
  today: string,
): FoundAcknowledgement | undefined {
  const key = acknowledgementTagKey(rule);
  const tags = tagsOf(resource.type, resource.props);
  // GCP label keys are the same key: lower-case letters, digits and dashes survive normalisation.
  const value: unknown = known(() => tags?.[key], undefined);
  if (value !== undefined && value !== null) {
    const parsed = parseAcknowledgementValue(value);
    if ("problem" in parsed) return { source: "tag", where: key, reason: String(value), lapsed: `its tag ${key} cannot be read: ${parsed.problem}` };
    return { source: "tag", where: key, reason: parsed.reason, ...(parsed.expires ? { expires: parsed.expires } : {}), ...lapse(parsed.expires, today) };
  }
  for (const { re, ack } of patterns(configured ?? [])) {
    if (re.test(resource.urn)) return { source: "config", where: ack.urn, reason: ack.reason, ...(ack.expires ? { expires: ack.expires } : {}), ...lapse(ack.expires, today) };
  }
  return undefined;
}

function lapse(expires: string | undefined, today: string): { lapsed?: string } {
  return isExpired(expires, today) ? { lapsed: `its acknowledgement expired on ${expires}` } : {};
}

/** The reason a rule gives the runtime for an acknowledged resource (the Pulumi CLI records it as not applicable). */
export function acknowledgedReason(ack: FoundAcknowledgement, findings: readonly string[]): string {
  const where = ack.source === "tag" ? `tag ${ack.where}` : `policy config (${ack.where})`;
  return `acknowledged by ${where}${ack.expires ? `, expiring ${ack.expires}` : ""}: ${ack.reason}. Findings: ${findings.join("; ")}`;
}
