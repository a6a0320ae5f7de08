/** The database domain's public API: named, so that a helper the components share stays internal. */
export { DATABASE_ENVIRONMENT_NAMES, type DatabaseConnection, PasswordFormat } from "./connection";
export { RDS_INSTANCE_CLASS, RDS_POSTGRES_VERSIONS, RdsPostgres, type RdsPostgresAlarms, type RdsPostgresArgs, rdsDefaultMaxConnections, validateRdsPostgresArgs } from "./rds-postgres";
export { CLOUD_SQL_POSTGRES_VERSIONS, CloudSqlAvailability, CloudSqlEdition, CloudSqlPostgres, type CloudSqlPostgresAlarms, type CloudSqlPostgresArgs, cloudSqlDefaultMaxConnections, CloudSqlSslMode, isValidTier, type MaintenanceWindow, validateCloudSqlPostgresArgs, Weekday } from "./cloud-sql-postgres";
export { DMS_INSTANCE_CLASS, DMS_PROMOTION_BUDGET, DMS_TASK_SETTING_RANGES, DMS_TASK_SETTINGS_DEFAULTS, DmsConnectivity, DmsMigrationType, DmsReplication, type DmsReplicationArgs, type DmsTaskSettings, type PostgresTarget, type PromotionBudget, type ReplicationSourceRef, type TablePattern, TargetReachability, TASK_SETTINGS, taskSettingsDocument, validateDmsReplicationArgs } from "./dms-replication";
export { AZURE_POSTGRES_STORAGE_GB, AZURE_POSTGRES_VERSIONS, AzureHighAvailability, AzurePostgres, type AzurePostgresArgs, AzurePostgresTier, validateAzurePostgresArgs } from "./azure-postgres";
export { DatabaseSize, PostgresDatabase, type PostgresDatabaseArgs, SIZE_MAP } from "./postgres-database";
