export * from "./connection";
export * from "./rds-postgres";
export * from "./cloud-sql-postgres";
export * from "./dms-replication";
export * from "./azure-postgres";
export * from "./postgres-database";
