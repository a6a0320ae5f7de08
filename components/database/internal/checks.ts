/**
 * Checks the database components share: security groups and CIDR rules, the RDS windows, replaced arguments, and the
 * re-labelling of a per-cloud component's error as the cross-cloud spec's own. (The network references, tags and KMS
 * key ARNs are checked by the checks every domain shares: network/internal/refs.ts, core/internal/checks.ts.)
 */
import type * as pulumi from "@pulumi/pulumi";
import { COMPONENT_NAME, type Validator } from "../../core/shared";
import { reportAs } from "../../core/internal/checks";
import { requireCidr } from "../../network/internal/cidr";

/** A security group id when given as a plain string. */
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;


/** The key of a CIDR rule: the block with `.` and `/` as `-` (`10.30.0.0/16` → `10-30-0-0-16`). */
export function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/** Checks `allowedSecurityGroups`: names as component names, ids (when plain) as security group ids, no id twice. */
export function checkSecurityGroupMap(check: Validator, field: string, value: unknown): ReadonlyArray<readonly [string, pulumi.Input<string>]> {
  const map = check.record<Record<string, unknown>>(field, value as Record<string, unknown>, "a map of a name you choose per security group, e.g. { lambda: fn.securityGroupId }");
  const entries = Object.entries(map);
  for (const [key, id] of entries) {
    if (!COMPONENT_NAME.test(key) || key.length > 32) {
      check.fail(field, key, "names of 1 to 32 lower-case letters, digits and single hyphens, starting with a letter (each names its ingress rule)");
    }
    if (id === undefined || id === null || (typeof id === "string" && !SECURITY_GROUP_ID.test(id)) || (typeof id !== "string" && typeof id !== "object")) {
      check.fail(`${field}.${key}`, id, "a security group id such as sg-0a1b2c3d (or an Output of one)");
    }
  }
  check.distinct(field, entries.filter(([, id]) => typeof id === "string").map(([, id]) => id as string));
  return entries as Array<[string, pulumi.Input<string>]>;
}

/** Checks `allowedCidrs`: a list of IPv4 blocks narrower than 0.0.0.0/0, none twice. */
export function checkAllowedCidrs(check: Validator, field: string, value: unknown): Array<{ cidr: string; key: string }> {
  const list = check.list<unknown>(field, value as unknown[] | undefined, "IPv4 CIDR blocks");
  const cidrs = list.map((c, i) => {
    const parsed = requireCidr(check, `${field}[${i}]`, c);
    if (parsed.prefix === 0) check.fail(`${field}[${i}]`, c, "a block narrower than 0.0.0.0/0 (a database is never open to the internet)");
    return { cidr: c as string, key: cidrKey(c as string) };
  });
  check.distinct(field, list);
  return cidrs;
}

/** Minutes since the start of the week (Monday 00:00 UTC) of `ddd:hh:mm`, or of the day for `hh:mm`. */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
function minutesOf(dayOrNull: string | null, hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return (dayOrNull === null ? 0 : DAYS.indexOf(dayOrNull as (typeof DAYS)[number]) * 1440) + h * 60 + m;
}

/** A daily UTC window `hh:mm-hh:mm` (it may cross midnight) as [start, length in minutes]. */
export function dailyWindow(text: string): [number, number] {
  const [from, to] = text.split("-") as [string, string];
  const start = minutesOf(null, from);
  return [start, (minutesOf(null, to) - start + 1440) % 1440];
}

/** A weekly UTC window `ddd:hh:mm-ddd:hh:mm` (it may cross the week's end) as [start, length in minutes]. */
export function weeklyWindow(text: string): [number, number] {
  const [from, to] = text.split("-") as [string, string];
  const [fd, ...ft] = from.split(":");
  const [td, ...tt] = to.split(":");
  const start = minutesOf(fd!, ft.join(":"));
  return [start, (minutesOf(td!, tt.join(":")) - start + 10080) % 10080];
}

/** True when the daily window, repeated each day of the week, shares a minute with the weekly window. */
export function dailyOverlapsWeekly(daily: [number, number], weekly: [number, number]): boolean {
  const week = 10080;
  const inWeekly = (minute: number) => (minute - weekly[0] + week) % week < weekly[1];
  for (let day = 0; day < 7; day++) {
    for (let i = 0; i < daily[1]; i++) if (inWeekly((day * 1440 + daily[0] + i) % week)) return true;
  }
  return false;
}

/**
 * Runs a per-cloud component's validation for the cross-cloud spec, and reports a refusal as the spec's: its
 * component type, and the field as the user wrote it (`retainedBackups` is the spec's `backupRetentionDays`).
 * `fields` maps a per-cloud field (or a prefix of one, ending with a dot) to the spec's.
 */
export function asSpec<T>(check: Validator, fields: Readonly<Record<string, string>>, validate: () => T): T {
  return reportAs(check, validate, (field) => {
    for (const [from, to] of Object.entries(fields)) {
      if (field === from || (from.endsWith(".") && field.startsWith(from))) return `${to}${field.slice(from.length)}`;
    }
    return field;
  });
}
