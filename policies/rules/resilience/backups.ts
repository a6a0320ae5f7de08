/** meridian-resilience-backups: databases and tables keep automated backups for at least the environment's minimum. */
import { resourceRule, at, isSet } from "../rule";

export interface BackupsConfig {
  /**
   * The fewest days (RDS, Azure) or backups (Cloud SQL) kept. The default, 2, is Trivy's floor (AVD-AWS-0077: longer
   * than the 1-day default); environments raise it.
   */
  readonly minRetention: number;
  /** Require point-in-time recovery on Cloud SQL (no scanner asks for it; Meridian's environments do). */
  readonly requirePointInTimeRecovery: boolean;
  /** Require geo-redundant backups on Azure PostgreSQL flexible servers (CKV_AZURE_136; a prod choice). */
  readonly requireGeoRedundantBackup: boolean;
}

/** Engines whose instances take the cluster's snapshot settings. */
const CLUSTER_ENGINE = /^(aurora|neptune|docdb)/;

export const backups = resourceRule<BackupsConfig>({
  name: "meridian-resilience-backups",
  finding:
    "Databases keep automated backups for at least the environment's minimum (with point-in-time recovery on Cloud SQL and geo-redundant backups on Azure where the environment asks), snapshots carry the database's tags, DynamoDB tables have point-in-time recovery, EFS file systems automatic backups and Redis clusters keep snapshots.",
  why: "without backups, a bad migration or a deleted table is unrecoverable, whatever the replication: a replica copies the mistake.",
  remediation:
    "Raise the retention (RdsPostgres backupRetentionDays, CloudSqlPostgres retainedBackups, AzurePostgres backupRetentionDays); set copyTagsToSnapshot, pointInTimeRecovery.enabled, snapshotRetentionLimit.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      minRetention: { type: "integer", minimum: 1, default: 2 },
      requirePointInTimeRecovery: { type: "boolean", default: false },
      requireGeoRedundantBackup: { type: "boolean", default: false },
    },
  },
  checks: {
    "aws:rds/instance:Instance": {
      refs: ["CKV_AWS_133", "AVD-AWS-0077", "AwsSolutions-RDS13", "CKV2_AWS_60"],
      check: (p, report, { config }) => {
        // A read replica takes no automated backups of its own (AVD-AWS-0077 leaves replicas out).
        if (!isSet(p, "replicateSourceDb")) {
          const days = Number(p["backupRetentionPeriod"] ?? 0);
          if (days < config.minRetention) report(`backupRetentionPeriod is ${days} days, below ${config.minRetention}`);
        }
        // Aurora, Neptune and DocumentDB instances take the cluster's setting (CKV2_AWS_60 leaves them out).
        if (p["copyTagsToSnapshot"] !== true && !CLUSTER_ENGINE.test(String(p["engine"] ?? ""))) report("copyTagsToSnapshot is not true: snapshots lose the owner and environment tags");
      },
    },
    "aws:rds/cluster:Cluster": {
      refs: ["CKV_AWS_133", "AVD-AWS-0077", "CKV_AWS_313"],
      check: (p, report, { config }) => {
        if (!isSet(p, "replicationSourceIdentifier")) {
          // The provider's default is 1 day.
          const days = Number(p["backupRetentionPeriod"] ?? 1);
          if (days < config.minRetention) report(`backupRetentionPeriod is ${days} days, below ${config.minRetention}`);
        }
        if (p["copyTagsToSnapshot"] !== true) report("copyTagsToSnapshot is not true: snapshots lose the owner and environment tags");
      },
    },
    "aws:dynamodb/table:Table": {
      refs: ["CKV_AWS_28", "AVD-AWS-0024", "AwsSolutions-DDB3"],
      check: (p, report) => {
        if (at(p, "pointInTimeRecovery.enabled") !== true) report("pointInTimeRecovery.enabled is not true");
      },
    },
    "aws:elasticache/cluster:Cluster": {
      refs: ["CKV_AWS_134", "AVD-AWS-0050"],
      check: (p, report) => {
        // Memcached keeps no snapshots; a member of a replication group takes the group's.
        if (p["engine"] === "memcached" || isSet(p, "replicationGroupId")) return;
        if (Number(p["snapshotRetentionLimit"] ?? 0) === 0) report(`snapshotRetentionLimit is ${p["snapshotRetentionLimit"] ?? 0}: no automatic backups`);
      },
    },
    "aws:efs/backupPolicy:BackupPolicy": {
      // Whether a file system is in some AWS Backup plan (CKV2_AWS_18) cannot be judged from one resource; its own
      // automatic backups can.
      refs: ["doc:aws-efs-automatic-backups"],
      check: (p, report) => {
        const status = at(p, "backupPolicy.status");
        if (status !== "ENABLED") report(`backupPolicy.status is ${status}, not ENABLED`);
      },
    },
    "gcp:sql/databaseInstance:DatabaseInstance": {
      refs: ["CKV_GCP_14", "AVD-GCP-0024"],
      check: (p, report, { config }) => {
        // A read replica is backed up through its primary (CKV_GCP_14 leaves replicas out).
        if (isSet(p, "masterInstanceName")) return;
        const b = at(p, "settings.backupConfiguration") ?? {};
        if (b.enabled !== true) report("settings.backupConfiguration.enabled is not true");
        else if (config.requirePointInTimeRecovery && b.pointInTimeRecoveryEnabled !== true) report("point-in-time recovery is off");
        const kept = Number(b.backupRetentionSettings?.retainedBackups ?? 7);
        if (kept < config.minRetention) report(`retainedBackups is ${kept}, below ${config.minRetention}`);
      },
    },
    "azure-native:dbforpostgresql:Server": {
      refs: ["CKV_AZURE_136", "doc:azure-postgresql-flexible-server-backup-restore"],
      check: (p, report, { config }) => {
        const days = Number(at(p, "backup.backupRetentionDays") ?? 7);
        if (days < config.minRetention) report(`backup.backupRetentionDays is ${days}, below ${config.minRetention}`);
        // A replica cannot have geo-redundant backups (CKV_AZURE_136 passes them).
        if (config.requireGeoRedundantBackup && p["createMode"] !== "Replica" && at(p, "backup.geoRedundantBackup") !== "Enabled") {
          report(`backup.geoRedundantBackup is ${at(p, "backup.geoRedundantBackup") ?? "Disabled"}, not Enabled: a region's loss takes the backups with it`);
        }
      },
    },
  },
});
