/** Which ALB security policies keep to TLS 1.2 or newer: for AwsLoadBalancer's check and the in-transit policy rule (no cloud SDK here). */

/**
 * The ALB security policies that negotiate TLS 1.2 or newer only. Source: Elastic Load Balancing User Guide,
 * "Security policies for your Application Load Balancer" (checked 2026-11-30). Every predefined policy named
 * `ELBSecurityPolicy-TLS13-1-2-*` or `ELBSecurityPolicy-TLS13-1-3-*` (the post-quantum `-PQ-` and FIPS ones
 * among them) has TLS 1.2 or 1.3 as its lowest protocol; of the older names, these are TLS 1.2-only. Policies that
 * still accept TLS 1.0 or 1.1 (`ELBSecurityPolicy-2016-08`, the API's default, among them) are refused.
 */
export const ALB_TLS12_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
] as const;

/** The naming of the TLS 1.3-era policies whose lowest protocol is TLS 1.2 or 1.3. */
const TLS13_ERA_FLOOR_12 = /^ELBSecurityPolicy-TLS13-1-[23]-[A-Za-z0-9-]+$/;

/** True when `policy` is an ALB security policy that accepts TLS 1.2 or newer only. */
export function isTls12Policy(policy: unknown): boolean {
  return typeof policy === "string" && ((ALB_TLS12_POLICIES as readonly string[]).includes(policy) || TLS13_ERA_FLOOR_12.test(policy));
}
