/**
 * Acknowledged policy findings, declared on the resource itself: a tag (a label on GCP) whose key names the rule
 * and whose value gives the reason and, optionally, the day the acknowledgement expires. The policy pack reads it
 * (policies/acknowledge.ts): a finding of that rule on that resource is reported as acknowledged, never dropped,
 * and becomes a violation again on the expiry day.
 *
 *   key:   meridian-ack-<rule without its "meridian-" prefix>   e.g. meridian-ack-exposure-public-endpoints
 *   value: [expires YYYY-MM-DD: ]<reason>                       e.g. expires 2027-03-01: target reachable only by public IP
 *
 * The expiry comes first so that a cloud's value limit (63 characters on GCP) can only shorten the reason. On GCP
 * the value is lower-cased and its spaces and colon become `_` (`expires_2027-03-01__target_reachable...`); the
 * parser reads every cloud's form.
 */
import { MeridianValidationError } from "./errors";
import type { Tags } from "./tags";

/** The prefix of every acknowledgement tag key. */
export const ACK_TAG_PREFIX = "meridian-ack-";

export interface Acknowledgement {
  /** The rule acknowledged, e.g. `meridian-exposure-public-endpoints`. */
  readonly rule: string;
  /** Why the finding is accepted: at least 8 characters, in words a reviewer can check. */
  readonly reason: string;
  /** `YYYY-MM-DD` (UTC): from this day on, the finding is a violation again. */
  readonly expires?: string;
}

/** A rule's name as the pack spells it. */
const RULE_NAME = /^meridian-(tagging|encryption|exposure|resilience|cost)-[a-z0-9-]+$/;
/**
 * A reason: 8 to 200 printable characters. Each cloud's tag rules then apply as to any tag (AWS turns characters
 * outside its set, such as `,`, into `_`; GCP lower-cases and keeps `[a-z0-9_-]`): the reason stays legible.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a reason may not hold
const REASON = /^[^\u0000-\u001f\u007f]{8,200}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The value as any cloud's normalisation leaves it: `expires`, a separator, the date, a separator, the reason. */
const VALUE = /^expires[\s_:-]+(\d{4}-\d{2}-\d{2})[\s_:-]+(.+)$/i;

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The tag key that acknowledges `rule`'s findings. */
export function acknowledgementTagKey(rule: string): string {
  return ACK_TAG_PREFIX + rule.replace(/^meridian-/, "");
}

/** The rule an acknowledgement tag key names (`meridian-ack-exposure-x` → `meridian-exposure-x`), or undefined. */
export function ruleOfAcknowledgementTag(key: string): string | undefined {
  return key.startsWith(ACK_TAG_PREFIX) ? `meridian-${key.slice(ACK_TAG_PREFIX.length)}` : undefined;
}

/**
 * The tags that acknowledge `acks`, to merge into the tags of one resource (not a component's `tags`, which reach
 * all its resources and refuse them: acknowledge a component's resource in the policy config by URN). Throws
 * `MeridianValidationError` for an unknown rule spelling, a short or unwritable reason, or a date that is not one.
 */
export function acknowledgementTags(acks: readonly Acknowledgement[], component = "acknowledgementTags"): Tags {
  const out: Record<string, string> = {};
  acks.forEach((ack, i) => {
    const fail = (field: string, value: unknown, allowed: string): never => {
      throw new MeridianValidationError({ component, field: `acknowledge[${i}].${field}`, value, allowed });
    };
    if (typeof ack?.rule !== "string" || !RULE_NAME.test(ack.rule)) fail("rule", ack?.rule, "a rule of the Meridian pack, e.g. meridian-exposure-public-endpoints (policies/RULES.md)");
    if (typeof ack.reason !== "string" || !REASON.test(ack.reason) || ack.reason.trim().length < 8) {
      fail("reason", ack.reason, "8 to 200 printable characters saying why the finding is accepted");
    }
    if (ack.expires !== undefined && (typeof ack.expires !== "string" || !isIsoDate(ack.expires))) fail("expires", ack.expires, "a date written YYYY-MM-DD");
    const key = acknowledgementTagKey(ack.rule);
    if (key in out) fail("rule", ack.rule, "a rule acknowledged once per resource");
    out[key] = ack.expires === undefined ? ack.reason.trim() : `expires ${ack.expires}: ${ack.reason.trim()}`;
  });
  return out;
}

/** An acknowledgement tag's value, read back: its reason and expiry, or what is wrong with it. */
export function parseAcknowledgementValue(value: unknown): { readonly reason: string; readonly expires?: string } | { readonly problem: string } {
  if (typeof value !== "string" || value.trim() === "") return { problem: "the value gives no reason" };
  const m = VALUE.exec(value.trim());
  if (m) {
    const [, date, reason] = m as unknown as [string, string, string];
    if (!isIsoDate(date)) return { problem: `${JSON.stringify(date)} is not a date (YYYY-MM-DD)` };
    return reason.replace(/[\s_:-]/g, "").length < 4 ? { problem: "the value gives no reason" } : { reason: reason.trim(), expires: date };
  }
  if (/^expires\b/i.test(value.trim())) return { problem: `${JSON.stringify(value)} does not read "expires YYYY-MM-DD: <reason>"` };
  return value.replace(/[\s_:-]/g, "").length < 4 ? { problem: "the value gives no reason" } : { reason: value.trim() };
}

/** Today in UTC, `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True from the expiry day on (ISO dates compare as strings). */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && today >= expires;
}
