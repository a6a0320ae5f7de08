/** meridian-resilience-data-protection: what holds state cannot be deleted or replaced by accident. */
import { STATEFUL_TYPES } from "../../../components/core";
import { at, resourceRule, type TypeCheck } from "../rule";

export interface DataProtectionConfig {
  /** Require deletion protection and final snapshots on databases (off only where stacks are torn down daily, e.g. dev). */
  readonly requireDeletionProtection: boolean;
  /**
   * Require Pulumi's `protect` on every resource that holds state (the core's STATEFUL_TYPES: databases, keys, zones,
   * secrets, clusters, log groups, replication, generated passwords), and the provider's own deletion guard where
   * the type has one: deletion protection, no `forceDestroy`, a secret's recovery window, a KMS key version's
   * 30-day destroy delay (set in prod).
   */
  readonly requireProtect: boolean;
  /** Require deletion protection on load balancers, the stack's entry points (set in prod). */
  readonly requireLoadBalancerDeletionProtection: boolean;
}

type C = DataProtectionConfig;

/** The provider's documentation of each stateful type's own deletion guard, where it has one. */
const GUARD_DOCS: Readonly<Record<string, string>> = {
  "aws:rds/instance:Instance": "doc:aws-rds-instance-deletion-protection",
  "aws:rds/cluster:Cluster": "doc:aws-rds-instance-deletion-protection",
  "aws:eks/cluster:Cluster": "doc:aws-eks-cluster-deletion-protection",
  "aws:lb/loadBalancer:LoadBalancer": "doc:aws-elb-deletion-protection",
  "gcp:sql/databaseInstance:DatabaseInstance": "doc:gcp-cloud-sql-deletion-protection",
  "gcp:sql/database:Database": "doc:pulumi-gcp-sql-database-deletion-policy",
  "gcp:sql/user:User": "doc:pulumi-gcp-sql-user-deletion-policy",
  "gcp:container/cluster:Cluster": "doc:pulumi-gcp-container-cluster-deletion-protection",
};

/**
 * For every stateful type: protected in Pulumi, and its provider's deletion guard on, where the environment requires
 * it. Checkov's CKV_GCP_82 asks the same of Cloud KMS keys (Terraform's `prevent_destroy` is Pulumi's `protect`).
 */
const protectedChecks: Record<string, TypeCheck<C>> = Object.fromEntries(
  Object.entries(STATEFUL_TYPES).map(([type, stateful]): [string, TypeCheck<C>] => [
    type,
    {
      refs: ["doc:pulumi-protect", ...(GUARD_DOCS[type] ? [GUARD_DOCS[type]!] : []), ...(type === "gcp:kms/cryptoKey:CryptoKey" ? ["CKV_GCP_82"] : [])],
      check: (p, report, { config, protect }) => {
        if (!config.requireProtect) return;
        if (!protect) report(`not protected in Pulumi (protect: true): it holds ${stateful.holds}`);
        const guard = stateful.deletionProtection;
        // The load balancer's guard has its own switch (requireLoadBalancerDeletionProtection), below.
        if (guard && type !== "aws:lb/loadBalancer:LoadBalancer" && at(p, guard.input) !== guard.value) {
          report(`${guard.input} is ${JSON.stringify(at(p, guard.input))}, not ${JSON.stringify(guard.value)}: the provider's own guard is off`);
        }
      },
    },
  ]),
);

/** Where the environment requires the provider's guards (requireProtect): `forceDestroy` empties the container on destroy. */
const forceDestroy = (what: string): TypeCheck<C> => ({
  refs: ["doc:pulumi-protect", "doc:pulumi-force-destroy"],
  check: (p, report, { config }) => {
    if (config.requireProtect && p["forceDestroy"] === true) report(`forceDestroy is true: a destroy deletes ${what} with it`);
  },
});

export const dataProtection = resourceRule<DataProtectionConfig>({
  name: "meridian-resilience-data-protection",
  finding:
    "Databases have deletion protection and keep a final snapshot, keys keep their 30-day deletion window, buckets are versioned, BigQuery tables keep their deletion protection, key vaults have purge protection and blobs soft delete; where the environment requires it, every resource that holds state (databases, keys, zones, secrets, clusters, log groups, replication, generated passwords) is protected in Pulumi with its provider's deletion guard on, and load balancers have deletion protection.",
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
  checks: [
    protectedChecks,
    {
      "aws:s3/bucket:Bucket": forceDestroy("every object"),
      "aws:s3/bucketV2:BucketV2": forceDestroy("every object"),
      "aws:route53/zone:Zone": forceDestroy("every record"),
      "gcp:storage/bucket:Bucket": forceDestroy("every object"),
      "gcp:dns/managedZone:ManagedZone": forceDestroy("every record"),
    },
    {
      "aws:lb/loadBalancer:LoadBalancer": {
        refs: ["CKV_AWS_150"],
        check: (p, report, { config }) => {
          // Deleting the entry point takes every request with it, and its DNS name changes when it comes back.
          if (config.requireLoadBalancerDeletionProtection && p["enableDeletionProtection"] !== true) report("enableDeletionProtection is not true: a stray destroy takes the stack's entry point down");
        },
      },
      "aws:rds/instance:Instance": {
        refs: ["CKV_AWS_293", "AVD-AWS-0177", "AwsSolutions-RDS10", "doc:aws-rds-final-snapshot"],
        check: (p, report, { config }) => {
          if (config.requireDeletionProtection && p["deletionProtection"] !== true && !config.requireProtect) report("deletionProtection is not true");
          if (config.requireDeletionProtection && p["skipFinalSnapshot"] === true) report("skipFinalSnapshot is true: deleting it loses the data");
        },
      },
      "aws:rds/cluster:Cluster": {
        refs: ["CKV_AWS_139", "AVD-AWS-0343", "AwsSolutions-RDS10", "doc:aws-rds-final-snapshot"],
        check: (p, report, { config }) => {
          if (config.requireDeletionProtection && p["deletionProtection"] !== true && !config.requireProtect) report("deletionProtection is not true");
          if (config.requireDeletionProtection && p["skipFinalSnapshot"] === true) report("skipFinalSnapshot is true: deleting it loses the data");
        },
      },
      "gcp:sql/databaseInstance:DatabaseInstance": {
        refs: ["doc:gcp-cloud-sql-deletion-protection"],
        check: (p, report, { config }) => {
          if (config.requireDeletionProtection && p["deletionProtection"] === false && !config.requireProtect) report("deletionProtection is false");
          if (config.requireDeletionProtection && p["settings"]?.deletionProtectionEnabled === false) report("settings.deletionProtectionEnabled is false");
        },
      },
      "aws:kms/key:Key": {
        refs: ["doc:aws-kms-deleting-keys"],
        check: (p, report) => {
          if (Number(p["deletionWindowInDays"] ?? 30) < 30) report(`deletionWindowInDays is ${p["deletionWindowInDays"]}: a deleted key makes everything it encrypted unreadable; keep the 30-day window`);
        },
      },
      "aws:secretsmanager/secret:Secret": {
        refs: ["doc:aws-secretsmanager-delete-secret"],
        check: (p, report, { config }) => {
          // 0 deletes the secret at once, with no window to restore it in; the default is 30 days.
          if (config.requireProtect && p["recoveryWindowInDays"] === 0) report("recoveryWindowInDays is 0: a destroy deletes the secret with no window to restore it");
        },
      },
      "gcp:kms/cryptoKey:CryptoKey": {
        refs: ["doc:gcp-kms-destroy-scheduled-duration"],
        check: (p, report, { config }) => {
          // Versions of a destroyed key stay restorable this long; the default is 30 days, the floor 1 day.
          const d = p["destroyScheduledDuration"];
          if (config.requireProtect && typeof d === "string" && parseFloat(d) < 2592000) report(`destroyScheduledDuration is ${d}, below the default 30 days (2592000s) to restore a destroyed key version in`);
        },
      },
      "aws:s3/bucketVersioning:BucketVersioning": {
        refs: ["CKV_AWS_21", "AVD-AWS-0090"],
        check: (p, report) => {
          const status = at(p, "versioningConfiguration.status");
          if (status !== "Enabled") report(`versioningConfiguration.status is ${status}, not Enabled: an overwrite or a delete loses the object`);
        },
      },
      "gcp:storage/bucket:Bucket": {
        refs: ["CKV_GCP_78", "AVD-GCP-0078"],
        check: (p, report) => {
          if (at(p, "versioning.enabled") !== true) report("versioning.enabled is not true: an overwrite or a delete loses the object");
        },
      },
      "gcp:bigquery/table:Table": {
        refs: ["CKV_GCP_121"],
        check: (p, report) => {
          // On unless turned off (the provider refuses to destroy the table while it is).
          if (p["deletionProtection"] === false) report("deletionProtection is false: a destroy or a replacement drops the table's data");
        },
      },
      "azure-native:keyvault:Vault": {
        refs: ["CKV_AZURE_110", "CKV_AZURE_111", "CKV_AZURE_42", "AVD-AZU-0016"],
        check: (p, report) => {
          if (at(p, "properties.enablePurgeProtection") !== true) report("properties.enablePurgeProtection is not true: a deleted vault can be purged before it is recovered");
          // Soft delete is on unless turned off (the default is true).
          if (at(p, "properties.enableSoftDelete") === false) report("properties.enableSoftDelete is false: a deleted vault is gone at once");
        },
      },
      "azure-native:storage:BlobServiceProperties": {
        refs: ["AVD-AZU-0056", "CKV2_AZURE_38"],
        check: (p, report) => {
          if (at(p, "deleteRetentionPolicy.enabled") !== true) report("deleteRetentionPolicy.enabled is not true: a deleted blob is gone at once");
        },
      },
    },
  ],
});
