export * from "./rds-postgres";
