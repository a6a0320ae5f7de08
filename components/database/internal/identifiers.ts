/** Checks shared by the database components: PostgreSQL identifiers, and the names each cloud keeps for itself. */
import type { Validator } from "../../core/shared";

/** A PostgreSQL identifier as these components accept it: lower case, starting with a letter, at most 63 bytes. */
export const PG_IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL key words that cannot be a database or role name without quoting: the `reserved` and
 * `reserved (can be function or type)` classes. (The components pass names unquoted to CREATE DATABASE / CREATE ROLE
 * through the clouds' APIs, and clients write them unquoted in connection strings and grants.)
 * Source: PostgreSQL 17 documentation, Appendix C "SQL Key Words" (Table C.1, PostgreSQL column), and
 * src/include/parser/kwlist.h (RESERVED_KEYWORD and TYPE_FUNC_NAME_KEYWORD); `system_user` is reserved since 16.
 * Checked 2026-11-30.
 */
export const PG_RESERVED_KEYWORDS: ReadonlySet<string> = new Set(
  (
    // RESERVED_KEYWORD
    "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog " +
    "current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false " +
    "fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null " +
    "offset on only or order placing primary references returning select session_user some symmetric system_user table then to " +
    "trailing true union unique user using variadic when where window with " +
    // TYPE_FUNC_NAME_KEYWORD
    "authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like natural " +
    "notnull outer overlaps right similar tablesample verbose"
  ).split(" "),
);

/**
 * Names that exist on every PostgreSQL server, or that PostgreSQL refuses as a role name: the default databases, the
 * `public` and `none` pseudo-roles. (Role names starting with `pg_` are refused too: see `RESERVED_ROLE_PREFIXES`.)
 * Source: PostgreSQL 17 documentation, "Creating a Database" (22.2: template0, template1, postgres) and CREATE ROLE
 * ("public", "none" and the pg_ prefix are reserved). Checked 2026-11-30.
 */
const POSTGRES_DATABASES = ["postgres", "template0", "template1"] as const;
const POSTGRES_ROLES = ["postgres", "public", "none"] as const;

/** Where a name goes: the cloud and whether it names a database or a role (a user). */
export type NameKind = "database" | "role";
/** The cloud a name is created on; `postgres` for any PostgreSQL server (PostgreSQL's own rules only). */
export type DatabaseCloud = "rds" | "cloudSql" | "azure" | "postgres";

/**
 * The names each cloud keeps for itself, beyond PostgreSQL's own: its administration databases and roles.
 * Sources, checked 2026-11-30:
 * - RDS: Amazon RDS User Guide, "Understanding PostgreSQL roles and permissions" (rdsadmin, rdsrepladmin and the rds_*
 *   roles) and CreateDBInstance, MasterUsername/DBName ("can't be a word reserved by the database engine").
 * - Cloud SQL: Cloud SQL for PostgreSQL docs, "About PostgreSQL users and roles" (the cloudsql* roles and the
 *   cloudsqladmin database).
 * - Azure: Azure Database for PostgreSQL docs, "Create a server" ("The admin login name can't be azure_superuser,
 *   azure_pg_admin, admin, administrator, root, guest, or public. It can't start with pg_.") and "Server roles"
 *   (azuresu, azure_pg_admin).
 */
export const CLOUD_RESERVED_NAMES: Readonly<Record<DatabaseCloud, Readonly<Record<NameKind, readonly string[]>>>> = Object.freeze({
  // Any server: the templates cannot hold an application's data; `public` and `none` cannot be roles.
  postgres: { database: ["template0", "template1"], role: ["public", "none"] },
  rds: {
    database: [...POSTGRES_DATABASES, "rdsadmin"],
    role: [...POSTGRES_ROLES, "rdsadmin", "rdsrepladmin", "rds_superuser", "rds_replication", "rds_iam", "rds_password", "rds_ad", "admin"],
  },
  cloudSql: {
    database: [...POSTGRES_DATABASES, "cloudsqladmin"],
    role: [...POSTGRES_ROLES, "cloudsqlsuperuser", "cloudsqladmin", "cloudsqlagent", "cloudsqlreplica", "cloudsqlimportexport", "cloudsqliamuser", "cloudsqliamserviceaccount"],
  },
  azure: {
    database: [...POSTGRES_DATABASES, "azure_maintenance", "azure_sys"],
    role: [...POSTGRES_ROLES, "azure_superuser", "azure_pg_admin", "azuresu", "admin", "administrator", "root", "guest"],
  },
});

/** Role-name prefixes refused: `pg_` by PostgreSQL itself (CREATE ROLE) and by Azure's admin login rule. */
const RESERVED_ROLE_PREFIXES: Readonly<Record<DatabaseCloud, readonly string[]>> = { postgres: ["pg_"], rds: ["pg_"], cloudSql: ["pg_"], azure: ["pg_"] };

const CLOUD_NAMES: Readonly<Record<DatabaseCloud, string>> = { postgres: "PostgreSQL", rds: "RDS", cloudSql: "Cloud SQL", azure: "Azure" };

/** The shape alone: a lower-case PostgreSQL identifier (required). */
export function checkPgIdentifier(check: Validator, field: string, value: unknown): asserts value is string {
  check.requiredPattern(field, value, PG_IDENTIFIER, "a PostgreSQL identifier: a lower-case letter, then lower-case letters, digits or _ (at most 63)");
}

/**
 * A database or role name on `cloud`: a PostgreSQL identifier, not a reserved key word, not a name PostgreSQL or the
 * cloud already uses or refuses.
 */
export function checkPgName(check: Validator, field: string, value: unknown, cloud: DatabaseCloud, kind: NameKind): asserts value is string {
  checkPgIdentifier(check, field, value);
  if (PG_RESERVED_KEYWORDS.has(value)) check.fail(field, value, `a name that is not a PostgreSQL reserved key word (${JSON.stringify(value)} is one)`);
  const reserved = CLOUD_RESERVED_NAMES[cloud][kind];
  const prefix = kind === "role" ? RESERVED_ROLE_PREFIXES[cloud].find((p) => value.startsWith(p)) : undefined;
  if (reserved.includes(value) || prefix !== undefined) {
    const what = kind === "role" ? "role names" : "database names";
    const prefixes = kind === "role" ? `, nor starting with ${RESERVED_ROLE_PREFIXES[cloud].map((p) => JSON.stringify(p)).join(" or ")}` : "";
    check.fail(field, value, `a name ${CLOUD_NAMES[cloud]} does not reserve (not one of the ${what} ${reserved.map((r) => JSON.stringify(r)).join(", ")}${prefixes})`);
  }
}
