export * from "./rds-postgres";
export * from "./cloud-sql-postgres";
