/** meridian-resilience-data-protection: what holds state cannot be deleted or replaced by accident. */
import { STATEFUL_TYPES } from "../../../components/core";
import { at, resourceRule, type Check } from "../rule";

export interface DataProtectionConfig {
  /** Require deletion protection and final snapshots on databases (off only where stacks are torn down daily, e.g. dev). */
  readonly requireDeletionProtection: boolean;
  /**
   * Require Pulumi's `protect` on every resource that holds state (the core's STATEFUL_TYPES: databases, keys, zones,
   * secrets, clusters, log groups, replication, generated passwords), and the provider's own deletion guard where
   * the type has one (set in prod).
   */
  readonly requireProtect: boolean;
  /** Require deletion protection on load balancers, the stack's entry points (set in prod). */
  readonly requireLoadBalancerDeletionProtection: boolean;
}

type C = DataProtectionConfig;

/** For every stateful type: protected in Pulumi, and its provider's deletion guard on, where the environment requires it. */
const protectedChecks: Record<string, Check<C>> = Object.fromEntries(
  Object.entries(STATEFUL_TYPES).map(([type, stateful]): [string, Check<C>] => [
    type,
    (p, report, { config, protect }) => {
      if (!config.requireProtect) return;
      if (!protect) report(`not protected in Pulumi (protect: true): it holds ${stateful.holds}`);
      const guard = stateful.deletionProtection;
      // The load balancer's guard has its own switch (requireLoadBalancerDeletionProtection), below.
      if (guard && type !== "aws:lb/loadBalancer:LoadBalancer" && at(p, guard.input) !== guard.value) {
        report(`${guard.input} is ${JSON.stringify(at(p, guard.input))}, not ${JSON.stringify(guard.value)}: the provider's own guard is off`);
      }
    },
  ]),
);

/** Runs `first` then `second` on the same resource. */
function both(first: Check<C> | undefined, second: Check<C>): Check<C> {
  return (p, report, ctx) => {
    first?.(p, report, ctx);
    second(p, report, ctx);
  };
}

export const dataProtection = resourceRule<DataProtectionConfig>({
  name: "meridian-resilience-data-protection",
  finding:
    "Databases have deletion protection and keep a final snapshot, and keys keep their 30-day deletion window; where the environment requires it, every resource that holds state (databases, keys, zones, secrets, clusters, log groups, replication, generated passwords) is protected in Pulumi with its provider's deletion guard on, and load balancers have deletion protection.",
  why: "a refactor that renames a resource, or a stray destroy, must never take the data with it.",
  remediation: "Keep deletionProtection on and skipFinalSnapshot off; set meridian:protect: true in the stack config (or protect: true on the component).",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      requireDeletionProtection: { type: "boolean", default: true },
      requireProtect: { type: "boolean", default: false },
      requireLoadBalancerDeletionProtection: { type: "boolean", default: false },
    },
  },
  checks: {
    ...protectedChecks,
    "aws:lb/loadBalancer:LoadBalancer": both(protectedChecks["aws:lb/loadBalancer:LoadBalancer"], (p, report, { config }) => {
      // Deleting the entry point takes every request with it, and its DNS name changes when it comes back.
      if (config.requireLoadBalancerDeletionProtection && p["enableDeletionProtection"] !== true) report("enableDeletionProtection is not true: a stray destroy takes the stack's entry point down");
    }),
    "aws:rds/instance:Instance": both(protectedChecks["aws:rds/instance:Instance"], (p, report, { config }) => {
      if (config.requireDeletionProtection && p["deletionProtection"] !== true && !config.requireProtect) report("deletionProtection is not true");
      if (config.requireDeletionProtection && p["skipFinalSnapshot"] === true) report("skipFinalSnapshot is true: deleting it loses the data");
    }),
    "gcp:sql/databaseInstance:DatabaseInstance": both(protectedChecks["gcp:sql/databaseInstance:DatabaseInstance"], (p, report, { config }) => {
      if (config.requireDeletionProtection && p["deletionProtection"] === false && !config.requireProtect) report("deletionProtection is false");
      if (config.requireDeletionProtection && p["settings"]?.deletionProtectionEnabled === false) report("settings.deletionProtectionEnabled is false");
    }),
    "aws:kms/key:Key": both(protectedChecks["aws:kms/key:Key"], (p, report) => {
      if (Number(p["deletionWindowInDays"] ?? 30) < 30) report(`deletionWindowInDays is ${p["deletionWindowInDays"]}: a deleted key makes everything it encrypted unreadable; keep the 30-day window`);
    }),
  },
});
