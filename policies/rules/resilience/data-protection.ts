/** meridian-resilience-data-protection: databases and their keys cannot be deleted by accident. */
import { resourceRule } from "../rule";

export interface DataProtectionConfig {
  /** Require deletion protection and final snapshots (off only where stacks are torn down daily, e.g. dev). */
  readonly requireDeletionProtection: boolean;
  /** Require Pulumi's `protect` on databases and keys (set in prod). */
  readonly requireProtect: boolean;
  /** Require deletion protection on load balancers, the stack's entry points (set in prod). */
  readonly requireLoadBalancerDeletionProtection: boolean;
}

export const dataProtection = resourceRule<DataProtectionConfig>({
  name: "meridian-resilience-data-protection",
  finding:
    "Databases have deletion protection and keep a final snapshot, and keys keep their 30-day deletion window; where the environment requires it, databases and keys are protected in Pulumi and load balancers have deletion protection.",
  why: "a refactor that renames a resource, or a stray destroy, must never take the data with it.",
  remediation: "Keep deletionProtection on and skipFinalSnapshot off; set meridian:protect: true in the stack config.",
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
    "aws:lb/loadBalancer:LoadBalancer": (p, report, { config }) => {
      // Deleting the entry point takes every request with it, and its DNS name changes when it comes back.
      if (config.requireLoadBalancerDeletionProtection && p["enableDeletionProtection"] !== true) report("enableDeletionProtection is not true: a stray destroy takes the stack's entry point down");
    },
    "aws:rds/instance:Instance": (p, report, { config, protect }) => {
      if (config.requireDeletionProtection && p["deletionProtection"] !== true) report("deletionProtection is not true");
      if (config.requireDeletionProtection && p["skipFinalSnapshot"] === true) report("skipFinalSnapshot is true: deleting it loses the data");
      if (config.requireProtect && !protect) report("not protected in Pulumi (protect: true)");
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report, { config, protect }) => {
      if (config.requireDeletionProtection && p["deletionProtection"] === false) report("deletionProtection is false");
      if (config.requireDeletionProtection && p["settings"]?.deletionProtectionEnabled === false) report("settings.deletionProtectionEnabled is false");
      if (config.requireProtect && !protect) report("not protected in Pulumi (protect: true)");
    },
    "azure-native:dbforpostgresql:Server": (_p, report, { config, protect }) => {
      if (config.requireProtect && !protect) report("not protected in Pulumi (protect: true)");
    },
    "aws:kms/key:Key": (p, report, { config, protect }) => {
      if (Number(p["deletionWindowInDays"] ?? 30) < 30) report(`deletionWindowInDays is ${p["deletionWindowInDays"]}: a deleted key makes everything it encrypted unreadable; keep the 30-day window`);
      if (config.requireProtect && !protect && /database|rds|storage/i.test(String(p["description"] ?? ""))) report("a database key not protected in Pulumi (protect: true)");
    },
  },
});
