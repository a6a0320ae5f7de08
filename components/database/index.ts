export * from "./rds-postgres";
export * from "./cloud-sql-postgres";
export * from "./dms-replication";
