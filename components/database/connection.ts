/**
 * How a workload reaches its database: where it is, who it connects as, and a reference to the secret that holds
 * the password. The password itself never travels through Meridian: the workload reads it from its cloud's secret
 * store with its own identity (or the platform injects it from there), so it is in no environment variable,
 * manifest or Pulumi output in plain text.
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, type Cloud, type Validator } from "../core/shared";

/** How the secret holds the password. */
export const PasswordFormat = {
  /** The JSON document RDS keeps for a managed master password: `{"username": ..., "password": ...}`. */
  RdsManagedJson: "rds-managed-json",
  /** The password alone. */
  Plain: "plain",
} as const;
export type PasswordFormat = (typeof PasswordFormat)[keyof typeof PasswordFormat];

/** A database connection, as `RdsPostgres.connection()` and `CloudSqlPostgres.connection()` give it. */
export interface DatabaseConnection {
  /** The cloud whose secret store holds the password: the workload must run there. */
  readonly cloud: Cloud;
  readonly host: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  readonly databaseName: string;
  readonly userName: pulumi.Input<string>;
  /**
   * The secret holding the password: a Secrets Manager secret ARN (AWS) or a Secret Manager secret id,
   * `projects/<project>/secrets/<name>` (GCP). Never the password itself.
   */
  readonly passwordSecret: pulumi.Input<string>;
  readonly passwordFormat: PasswordFormat;
  /** AWS: the KMS key that encrypts the secret (its readers need `kms:Decrypt`). @default - the AWS-managed key */
  readonly passwordKmsKeyArn?: pulumi.Input<string>;
}

/** What a secret reference looks like on each cloud (Azure is not wired to workloads yet). */
const SECRET_REFERENCE: Readonly<Record<Cloud, { re: RegExp; what: string }>> = {
  aws: { re: /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, what: "a Secrets Manager secret ARN" },
  gcp: { re: /^projects\/[^/]+\/secrets\/[^/]+$/, what: "a Secret Manager secret id, projects/<project>/secrets/<name>" },
  azure: { re: /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[^/]+/, what: "a Key Vault secret URI" },
};

/**
 * Checks a connection given to a workload on `cloud`: the same cloud, a known password format, and a secret that is
 * a reference (a plain string is checked for the reference's shape, so a password pasted here fails before it
 * reaches any resource).
 */
export function checkDatabaseConnection(check: Validator, field: string, conn: DatabaseConnection | undefined, cloud: Cloud): void {
  if (conn === undefined) return;
  if (conn === null || typeof conn !== "object" || Array.isArray(conn)) check.fail(field, conn, "a database connection (RdsPostgres.connection() or CloudSqlPostgres.connection())");
  check.requiredOneOf(`${field}.cloud`, conn.cloud, CLOUDS);
  if (conn.cloud !== cloud) check.fail(`${field}.cloud`, conn.cloud, `"${cloud}": the workload runs on ${cloud} and reads the password from ${cloud}'s secret store with its own identity`);
  check.oneOf(`${field}.passwordFormat`, conn.passwordFormat, Object.values(PasswordFormat));
  const ref = SECRET_REFERENCE[cloud];
  if (typeof conn.passwordSecret === "string" && !ref.re.test(conn.passwordSecret)) {
    // Never echo what may be a password.
    check.fail(`${field}.passwordSecret`, "<a string that is not a secret reference>", `${ref.what}: a reference to the secret, never the password itself`);
  }
  if (conn.passwordSecret === undefined) check.fail(`${field}.passwordSecret`, undefined, ref.what);
  check.requiredPattern(`${field}.databaseName`, conn.databaseName, /^[a-z_][a-z0-9_]{0,62}$/, "a PostgreSQL database name");
  // Where and as whom: a connection missing one would give the workload an empty PGHOST, PGPORT or PGUSER.
  for (const key of ["host", "port", "userName"] as const) {
    const v = conn[key] as unknown;
    if (v === undefined || v === null || v === "") check.fail(`${field}.${key}`, v, key === "port" ? "the database's port" : key === "host" ? "the database's address" : "the user the workload connects as");
  }
  if (typeof conn.port === "number") check.intRange(`${field}.port`, conn.port, 1, 65535);
}

/**
 * The plain environment a workload gets for its database: libpq's own variables (so most PostgreSQL clients need
 * no code to use them), TLS required, and where the password is — never the password.
 */
export function databaseEnvironment(conn: DatabaseConnection): Record<string, pulumi.Input<string>> {
  return {
    PGHOST: conn.host,
    PGPORT: typeof conn.port === "number" ? String(conn.port) : pulumi.output(conn.port).apply(String),
    PGDATABASE: conn.databaseName,
    PGUSER: conn.userName,
    PGSSLMODE: "require",
    DB_PASSWORD_SECRET: conn.passwordSecret,
    DB_AUTH_FORMAT: conn.passwordFormat,
  };
}

/** The variable names `databaseEnvironment` sets (and `PGPASSWORD`, which only a secret store may fill). */
export const DATABASE_ENVIRONMENT_NAMES = ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSSLMODE", "PGPASSWORD", "DB_PASSWORD_SECRET", "DB_AUTH_FORMAT"] as const;

/** Checks that a workload with a database sets none of the variables the database sets (`names`: the workload's own). */
export function checkDatabaseVariables(check: Validator, names: readonly string[]): void {
  const clash = names.find((k) => (DATABASE_ENVIRONMENT_NAMES as readonly string[]).includes(k));
  if (clash !== undefined) check.fail("environment", clash, `names other than ${DATABASE_ENVIRONMENT_NAMES.join(", ")} (database sets those)`);
}

/** A workload's plain environment with its database's variables added (`environment` alone without a database). */
export function withDatabaseEnvironment(environment: Record<string, pulumi.Input<string>> | undefined, conn: DatabaseConnection | undefined): Record<string, pulumi.Input<string>> {
  return { ...environment, ...(conn ? databaseEnvironment(conn) : {}) };
}

/**
 * The IAM statements a reader of Secrets Manager secrets needs: their values, and — when `keyArns` are given —
 * `kms:Decrypt` on those keys through Secrets Manager only (`secretKeyDecryptStatement`).
 */
export function secretReadStatements(secretArns: pulumi.Input<string>[], keyArns: pulumi.Input<string>[] = []) {
  const read = { Effect: "Allow" as const, Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secretArns };
  return keyArns.length > 0 ? [read, secretKeyDecryptStatement(secretArns[0]!, keyArns)] : [read];
}

/**
 * The `kms:Decrypt` statement a reader of a Secrets Manager secret needs: on the secret's key, and only through
 * Secrets Manager in the secret's Region (the key may also encrypt the database's storage; this grant opens none
 * of that). The Region is read from the secret's ARN.
 */
export function secretKeyDecryptStatement(secretArn: pulumi.Input<string>, keyArns: pulumi.Input<string>[]) {
  return {
    Effect: "Allow" as const,
    Action: ["kms:Decrypt"],
    Resource: keyArns,
    Condition: { StringEquals: { "kms:ViaService": pulumi.output(secretArn).apply((arn) => `secretsmanager.${arn.split(":")[3] ?? ""}.amazonaws.com`) } },
  };
}
