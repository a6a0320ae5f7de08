/** meridian-resilience-backups: databases keep automated backups for at least the environment's minimum. */
import { resourceRule, at } from "../rule";

export interface BackupsConfig {
  /** The fewest days (RDS, Azure) or backups (Cloud SQL) kept. */
  readonly minRetention: number;
}

export const backups = resourceRule<BackupsConfig>({
  name: "meridian-resilience-backups",
  finding: "Databases keep automated backups (with point-in-time recovery on Cloud SQL) for at least the environment's minimum.",
  why: "without backups, a bad migration or a deleted table is unrecoverable, whatever the replication: a replica copies the mistake.",
  remediation: "Raise the retention (RdsPostgres backupRetentionDays, CloudSqlPostgres retainedBackups, AzurePostgres backupRetentionDays).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { minRetention: { type: "integer", minimum: 1, default: 7 } } },
  checks: {
    "aws:rds/instance:Instance": (p, report, { config }) => {
      const days = Number(p["backupRetentionPeriod"] ?? 0);
      if (days < config.minRetention) report(`backupRetentionPeriod is ${days} days, below ${config.minRetention}`);
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report, { config }) => {
      const b = at(p, "settings.backupConfiguration") ?? {};
      if (b.enabled !== true) report("settings.backupConfiguration.enabled is not true");
      else if (b.pointInTimeRecoveryEnabled !== true) report("point-in-time recovery is off");
      const kept = Number(b.backupRetentionSettings?.retainedBackups ?? 7);
      if (kept < config.minRetention) report(`retainedBackups is ${kept}, below ${config.minRetention}`);
    },
    "azure-native:dbforpostgresql:Server": (p, report, { config }) => {
      const days = Number(at(p, "backup.backupRetentionDays") ?? 7);
      if (days < config.minRetention) report(`backup.backupRetentionDays is ${days}, below ${config.minRetention}`);
    },
  },
});
