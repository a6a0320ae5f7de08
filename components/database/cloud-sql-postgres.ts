import * as pulumi from "@pulumi/pulumi";
import { Database } from "@pulumi/gcp/sql/database";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { User } from "@pulumi/gcp/sql/user";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { Secret } from "@pulumi/gcp/secretmanager/secret";
import { SecretVersion } from "@pulumi/gcp/secretmanager/secretVersion";
import type { input as inputs } from "@pulumi/gcp/types";
import type { AlertDestinations, AlertSeverity, RunbookStep } from "../core/alerts";
import { checkAlarmsArg, checkAlertDestinations, seconds, threshold } from "../core/internal/alarms";
import { gcpAlertPolicy } from "../core/internal/gcp-alert-policies";
import {
  GCP_PROJECT_PATTERN,
  MeridianValidationError,
  NAME_RULES,
  checkArgs,
  checkComponentName,
  checkGcpRegion,
  childOptions,
  derived,
  resolveProtect,
  statefulOptions,
  toGcpName,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import type { DatabaseConnection } from "./connection";
import type { PostgresTarget, TargetReachability } from "./dms-replication";
import { checkTagsArg } from "../core/internal/checks";
import { checkAuthorizedNetworks, checkGcpNetworkRef } from "../network/internal/refs";
import { checkPgName } from "./internal/identifiers";
import type { GcpAuthorizedNetwork, GcpNetworkRef } from "../network/gcp-network";

const TYPE = "meridian:database:CloudSqlPostgres";

/** PostgreSQL major versions offered here on Cloud SQL (Cloud SQL docs, "Database versions", checked 2026-11-22). */
export const CLOUD_SQL_POSTGRES_VERSIONS = [14, 15, 16, 17] as const;

export const CloudSqlEdition = { Enterprise: "ENTERPRISE", EnterprisePlus: "ENTERPRISE_PLUS" } as const;
export type CloudSqlEdition = (typeof CloudSqlEdition)[keyof typeof CloudSqlEdition];

/**
 * Machine tiers per edition. Enterprise: custom machines `db-custom-<vCPUs>-<MiB>` (1 or an even number of
 * vCPUs up to 96; 0.9–6.5 GiB per vCPU, a multiple of 256 MiB, at least 3,840 MiB). Enterprise Plus:
 * `db-perf-optimized-N-<vCPUs>`. Source: Cloud SQL for PostgreSQL docs, "Instance settings — Machine types"
 * (checked 2026-11-22).
 */
export function isValidTier(edition: CloudSqlEdition, tier: string): boolean {
  if (edition === "ENTERPRISE_PLUS") return /^db-perf-optimized-N-(2|4|8|16|32|48|64|80|96|128)$/.test(tier);
  const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  if (!m) return false;
  const cpus = Number(m[1]);
  const mib = Number(m[2]);
  const cpusOk = cpus === 1 || (cpus % 2 === 0 && cpus >= 2 && cpus <= 96);
  return cpusOk && mib % 256 === 0 && mib >= 3840 && mib >= cpus * 0.9 * 1024 && mib <= cpus * 6.5 * 1024;
}

export const CloudSqlSslMode = { EncryptedOnly: "ENCRYPTED_ONLY", TrustedClientCertificateRequired: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" } as const;
export type CloudSqlSslMode = (typeof CloudSqlSslMode)[keyof typeof CloudSqlSslMode];

/** Days of the week, as Cloud SQL's maintenance window names them. */
export const Weekday = { Monday: "MON", Tuesday: "TUE", Wednesday: "WED", Thursday: "THU", Friday: "FRI", Saturday: "SAT", Sunday: "SUN" } as const;
export type Weekday = (typeof Weekday)[keyof typeof Weekday];
const DAYS: readonly Weekday[] = Object.values(Weekday);

/**
 * What the instance logs: checkpoints, connections, lock waits, the client's host name, errors with their statement,
 * DDL statements, and pgAudit's session log (the extension still has to be created in the database to log).
 */
const POSTGRES_LOG_FLAGS = [
  { name: "log_checkpoints", value: "on" },
  { name: "log_connections", value: "on" },
  { name: "log_disconnections", value: "on" },
  { name: "log_lock_waits", value: "on" },
  { name: "log_hostname", value: "on" },
  { name: "log_min_error_statement", value: "error" },
  { name: "log_statement", value: "ddl" },
  { name: "cloudsql.enable_pgaudit", value: "on" },
] as const;

/** A standby in another zone (REGIONAL), or none (ZONAL). */
export const CloudSqlAvailability = { Regional: "REGIONAL", Zonal: "ZONAL" } as const;
export type CloudSqlAvailability = (typeof CloudSqlAvailability)[keyof typeof CloudSqlAvailability];

/**
 * The physical names a CloudSqlPostgres derives from its own name: the instance (auto-named `${name}-instance-xxxxxxx`;
 * held to the 63 characters of a GCP resource name, within Cloud SQL's own limit of 98 for project:instance) and the
 * password's secret id `${name}-password`.
 */
const DERIVED_NAMES = [derived(NAME_RULES.gcp.resourceName, "-instance", true), derived(NAME_RULES.gcp.resourceName, "-password")];

/** Authorized network names: Cloud SQL shows them as labels (ACL entry name). */
const AUTHORIZED_NETWORK_LABEL = /^[^\n\r]{1,100}$/;

/** A weekly hour (UTC) when Cloud SQL may restart the instance for maintenance. */
export interface MaintenanceWindow {
  readonly day: Weekday;
  /** 0–23. */
  readonly hour: number;
}

/** The memory of a tier this component accepts, GiB: `db-custom-<vCPUs>-<MiB>`, or 8 GiB per vCPU for `db-perf-optimized-N-<vCPUs>`. */
export function cloudSqlTierMemoryGiB(tier: string): number | undefined {
  const custom = /^db-custom-\d+-(\d+)$/.exec(tier);
  if (custom) return Number(custom[1]) / 1024;
  // Enterprise Plus performance-optimized machines: 8 GB per vCPU (Cloud SQL docs, "Machine series overview", checked 2026-11-30).
  const perf = /^db-perf-optimized-N-(\d+)$/.exec(tier);
  return perf ? Number(perf[1]) * 8 : undefined;
}

/**
 * Cloud SQL for PostgreSQL's default `max_connections` by the instance's memory. Source: Cloud SQL for PostgreSQL,
 * "Quotas and limits — Maximum concurrent connections" (checked 2026-11-30): 25 at 0.6 GiB, 50 at 1.7, 100 from 3.75,
 * 200 from 6, 400 from 7.5, 500 from 15, 600 from 30, 800 from 60, 1,000 from 120. The component sets no
 * `max_connections` flag; a caller who does gives it as `alarms.maxConnections`.
 */
export function cloudSqlDefaultMaxConnections(memoryGiB: number): number {
  const steps: ReadonlyArray<readonly [number, number]> = [[120, 1000], [60, 800], [30, 600], [15, 500], [7.5, 400], [6, 200], [3.75, 100], [1.7, 50]];
  return steps.find(([gib]) => memoryGiB >= gib)?.[1] ?? 25;
}

/**
 * The thresholds of a CloudSqlPostgres's alert policies, on Cloud Monitoring's `cloudsql.googleapis.com/database/*`
 * metrics of the `cloudsql_database` resource, 60-second alignment.
 */
export interface CloudSqlPostgresAlarms {
  /** `false`: no alarms (then give no thresholds). @default true */
  readonly enabled?: boolean;
  /** Critical when `database/up` is below 1 (or absent) for this many minutes. 1–30. @default 2 */
  readonly downMinutes?: number;
  /** Warning when `database/cpu/utilization` stays above this per cent for `cpuMinutes`. 1–100. @default 80 */
  readonly cpuPercent?: number;
  /** 1–60. @default 15 */
  readonly cpuMinutes?: number;
  /** Warning when `database/disk/utilization` stays above this per cent for 5 minutes (the disk grows automatically; this says it is filling). 1–100. @default 90 */
  readonly diskPercent?: number;
  /** Warning when `database/postgresql/num_backends` (all databases) stays above this per cent of `maxConnections` for 5 minutes. 1–100. @default 80 */
  readonly connectionsPercent?: number;
  /** The instance's `max_connections`, 1–262,143. @default - Cloud SQL's default for the tier's memory (`cloudSqlDefaultMaxConnections`) */
  readonly maxConnections?: number;
}

/** The resolved alert thresholds. */
export interface CloudSqlPostgresAlarmThresholds {
  readonly downMinutes: number;
  readonly cpuPercent: number;
  readonly cpuMinutes: number;
  readonly diskPercent: number;
  readonly connectionsPercent: number;
  readonly maxConnections: number;
}

export interface CloudSqlPostgresArgs {
  /** The network whose private services access gives the instance its private IP. */
  readonly network: GcpNetworkRef;
  /** The region, e.g. `us-central1`. */
  readonly region: string;
  /** @default - the provider's project */
  readonly project?: pulumi.Input<string>;
  /** PostgreSQL major version. @default 17 */
  readonly version?: number;
  /** @default "ENTERPRISE" */
  readonly edition?: CloudSqlEdition;
  /** @default "db-custom-2-7680" (Enterprise) or "db-perf-optimized-N-2" (Enterprise Plus) */
  readonly tier?: string;
  /** SSD storage, GB (10–65,536); grows automatically. @default 20 */
  readonly diskSizeGb?: number;
  /** REGIONAL (a standby in another zone) or ZONAL. @default "REGIONAL" */
  readonly availabilityType?: CloudSqlAvailability;
  /** Automated backups kept, 1–365. @default 14 */
  readonly retainedBackups?: number;
  /** Days of transaction logs for point-in-time recovery: 1–7 (Enterprise) or 1–35 (Enterprise Plus). @default 7 */
  readonly transactionLogRetentionDays?: number;
  /** @default "03:00" (UTC) */
  readonly backupStartTime?: string;
  /** @default { day: "SUN", hour: 5 } (UTC) */
  readonly maintenanceWindow?: MaintenanceWindow;
  /** @default "ENCRYPTED_ONLY" */
  readonly sslMode?: CloudSqlSslMode;
  /**
   * A public IP, for clients that cannot reach the private network. Insecure unless `authorizedNetworks` is
   * narrow: an explicit opt-out, which `meridian-exposure-public-endpoints` reports (a public IP at all, as
   * CKV_GCP_60 has it). Where it is deliberate (a DMS target reached over the internet), say so on the instance:
   * `tags: acknowledgementTags([{ rule: "meridian-exposure-public-endpoints", reason: "..." }])`. @default false
   */
  readonly publicIp?: boolean;
  /** With `publicIp`: the only CIDRs allowed to connect. @default - none */
  readonly authorizedNetworks?: GcpAuthorizedNetwork[];
  /** The application database. @default "app" */
  readonly databaseName?: string;
  /** The application user; its password is generated and kept as a secret. @default "app" */
  readonly userName?: string;
  /**
   * Cloud SQL's own deletion guards: the instance's deletion protection, and the database and user kept
   * (`deletionPolicy: ABANDON`) when Pulumi deletes them. @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Protect the instance, database, user and password (and its secret) in Pulumi (prod). The component's own
   * `protect` option does the same; when both are given they must agree. @default false
   */
  readonly protect?: boolean;
  /**
   * Where the alert policies notify, by severity (`AlertRouting`'s destinations; this component uses `gcp`). Without
   * it the policies exist and open incidents in the console, but notify no one. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alert policies' thresholds (see `CloudSqlPostgresAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: CloudSqlPostgresAlarms;
  readonly tags?: Tags;
}

interface Resolved {
  readonly version: number;
  readonly edition: CloudSqlEdition;
  readonly tier: string;
  readonly diskSizeGb: number;
  readonly availabilityType: "REGIONAL" | "ZONAL";
  readonly retainedBackups: number;
  readonly transactionLogRetentionDays: number;
  readonly backupStartTime: string;
  readonly maintenanceWindow: MaintenanceWindow;
  readonly sslMode: CloudSqlSslMode;
  readonly publicIp: boolean;
  readonly authorizedNetworks: ReadonlyArray<{ readonly name: string; readonly cidr: string }>;
  readonly databaseName: string;
  readonly userName: string;
  readonly deletionProtection: boolean;
  readonly protect: boolean;
  readonly alarms: CloudSqlPostgresAlarmThresholds | false;
  readonly tags: Tags | undefined;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateCloudSqlPostgresArgs(name: string, args: CloudSqlPostgresArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  checkComponentName(check, name, DERIVED_NAMES);
  checkGcpNetworkRef(check, "network", args.network);
  checkGcpRegion(check, "region", args.region);
  if (typeof args.project === "string" && !GCP_PROJECT_PATTERN.test(args.project)) check.fail("project", args.project, "a GCP project id (6 to 30 lower-case letters, digits and hyphens, starting with a letter)");
  const version = args.version ?? 17;
  check.oneOf("version", version, CLOUD_SQL_POSTGRES_VERSIONS);
  const edition = args.edition ?? "ENTERPRISE";
  check.oneOf("edition", edition, Object.values(CloudSqlEdition));
  const tier = args.tier ?? (edition === "ENTERPRISE_PLUS" ? "db-perf-optimized-N-2" : "db-custom-2-7680");
  if (typeof tier !== "string" || !isValidTier(edition, tier)) {
    check.fail(
      "tier",
      tier,
      edition === "ENTERPRISE_PLUS"
        ? "an Enterprise Plus tier db-perf-optimized-N-<2|4|8|16|32|48|64|80|96|128>"
        : "an Enterprise tier db-custom-<vCPUs>-<MiB> (1 or an even number of vCPUs up to 96, 0.9-6.5 GiB per vCPU in multiples of 256 MiB, at least 3840)",
    );
  }
  const diskSizeGb = args.diskSizeGb ?? 20;
  check.intRange("diskSizeGb", diskSizeGb, 10, 65536);
  const availabilityType = args.availabilityType ?? "REGIONAL";
  check.oneOf("availabilityType", availabilityType, Object.values(CloudSqlAvailability));
  const retainedBackups = args.retainedBackups ?? 14;
  check.intRange("retainedBackups", retainedBackups, 1, 365);
  const transactionLogRetentionDays = args.transactionLogRetentionDays ?? 7;
  check.intRange("transactionLogRetentionDays", transactionLogRetentionDays, 1, edition === "ENTERPRISE_PLUS" ? 35 : 7);
  const backupStartTime = args.backupStartTime ?? "03:00";
  check.pattern("backupStartTime", backupStartTime, /^([01]\d|2[0-3]):00$/, 'a UTC hour "hh:00"');
  const maintenanceWindow = check.record<MaintenanceWindow>("maintenanceWindow", args.maintenanceWindow, "a weekly hour { day, hour } (UTC)");
  const window = { day: maintenanceWindow.day ?? "SUN", hour: maintenanceWindow.hour ?? 5 };
  if (args.maintenanceWindow !== undefined) {
    check.requiredOneOf("maintenanceWindow.day", maintenanceWindow.day, DAYS);
    if (maintenanceWindow.hour === undefined) check.fail("maintenanceWindow.hour", undefined, "an integer from 0 to 23");
  }
  check.intRange("maintenanceWindow.hour", window.hour, 0, 23);
  const sslMode = args.sslMode ?? "ENCRYPTED_ONLY";
  check.oneOf("sslMode", sslMode, Object.values(CloudSqlSslMode));
  check.bool("publicIp", args.publicIp);
  const publicIp = args.publicIp ?? false;
  const authorizedNetworks = checkAuthorizedNetworks(check, "authorizedNetworks", args.authorizedNetworks, {
    // Cloud SQL takes the name as a free-form label (an ACL entry's `name`, no documented limit) and keys entries by
    // their range; 100 characters on one line is Meridian's own bound.
    name: { pattern: AUTHORIZED_NETWORK_LABEL, allowed: "a label of 1 to 100 characters on one line" },
  });
  if (!publicIp && authorizedNetworks.length > 0) check.fail("authorizedNetworks", authorizedNetworks.map((n) => n.cidr), "empty unless publicIp is true (they apply to the public IP only)");
  const databaseName = args.databaseName ?? "app";
  checkPgName(check, "databaseName", databaseName, "cloudSql", "database");
  const userName = args.userName ?? "app";
  checkPgName(check, "userName", userName, "cloudSql", "role");
  check.bool("deletionProtection", args.deletionProtection);
  const protect = resolveProtect(check, opts, args.protect);
  const tags = checkTagsArg(check, args.tags, "gcp");
  checkAlertDestinations(check, "alerts", args.alerts, "gcp");
  const given = checkAlarmsArg<CloudSqlPostgresAlarms>(check, "alarms", args.alarms, "{ downMinutes, cpuPercent, cpuMinutes, diskPercent, connectionsPercent, maxConnections }");
  let alarms: CloudSqlPostgresAlarmThresholds | false = false;
  if (given !== false) {
    alarms = {
      downMinutes: threshold(check, "alarms.downMinutes", given.downMinutes, 2, 1, 30),
      cpuPercent: threshold(check, "alarms.cpuPercent", given.cpuPercent, 80, 1, 100),
      cpuMinutes: threshold(check, "alarms.cpuMinutes", given.cpuMinutes, 15, 1, 60),
      diskPercent: threshold(check, "alarms.diskPercent", given.diskPercent, 90, 1, 100),
      connectionsPercent: threshold(check, "alarms.connectionsPercent", given.connectionsPercent, 80, 1, 100),
      maxConnections: threshold(check, "alarms.maxConnections", given.maxConnections, cloudSqlDefaultMaxConnections(cloudSqlTierMemoryGiB(tier) ?? 0), 1, 262143),
    };
  }
  return {
    version,
    edition,
    tier,
    diskSizeGb,
    availabilityType,
    retainedBackups,
    transactionLogRetentionDays,
    backupStartTime,
    maintenanceWindow: window,
    sslMode,
    publicIp,
    authorizedNetworks,
    databaseName,
    userName,
    deletionProtection: args.deletionProtection ?? true,
    protect,
    alarms,
    tags,
  };
}

/**
 * PostgreSQL on Cloud SQL, secure by default: a private IP on a `GcpNetwork` (no public IP unless asked, and then
 * only for the networks given), TLS required, IAM database authentication, regional HA, automated backups with
 * point-in-time recovery and a final backup on delete, query insights, deletion protection, and an application
 * user whose generated password is a secret.
 */
export class CloudSqlPostgres extends pulumi.ComponentResource {
  public readonly connectionName: pulumi.Output<string>;
  public readonly instanceName: pulumi.Output<string>;
  public readonly privateIp: pulumi.Output<string>;
  /** The public IP, when `publicIp` is true. */
  public readonly publicIp: pulumi.Output<string> | undefined;
  /** The server CA certificate (PEM), to verify the server in TLS. */
  public readonly serverCaCert: pulumi.Output<string>;
  public readonly databaseName: string;
  public readonly userName: string;
  /** The application user's password (secret). */
  public readonly userPassword: pulumi.Output<string>;
  /** The Secret Manager secret holding that password (`projects/<project>/secrets/<name>`): what workloads read. */
  public readonly passwordSecretId: pulumi.Output<string>;
  public readonly port: number = 5432;

  /**
   * How a workload connects: the private IP, the application user, and the Secret Manager secret holding its
   * password. Give it to `KubernetesApp`, `CloudRunService` or `ServerlessService` as `database`; their identity
   * gets access to that secret, and nothing else.
   */
  public connection(): DatabaseConnection {
    return { cloud: "gcp", host: this.privateIp, port: this.port, databaseName: this.databaseName, userName: this.userName, passwordSecret: this.passwordSecretId, passwordFormat: "plain" };
  }

  /**
   * This instance as a DMS replication target: its private IP (`private`, over the VPN) or its public IP
   * (`public`, which needs `publicIp: true`), the application user, and the server CA so DMS verifies the server.
   */
  public replicationTarget(reachability: TargetReachability = "private"): PostgresTarget {
    if (reachability !== "private" && reachability !== "public") {
      throw new MeridianValidationError({ component: TYPE, field: "replicationTarget(reachability)", value: reachability, allowed: '"private" or "public"' });
    }
    if (reachability === "public" && this.publicIp === undefined) {
      throw new MeridianValidationError({ component: TYPE, field: "replicationTarget(reachability)", value: reachability, allowed: '"private": this instance has no public IP (publicIp: false)' });
    }
    return {
      host: reachability === "public" ? (this.publicIp as pulumi.Output<string>) : this.privateIp,
      port: this.port,
      databaseName: this.databaseName,
      userName: this.userName,
      password: this.userPassword,
      caCertPem: this.serverCaCert,
      reachability,
    };
  }

  constructor(name: string, args: CloudSqlPostgresArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateCloudSqlPostgresArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, a.tags));
    // Protected when the component is (its option or its argument), never overridden to false.
    const stateful = (extra: pulumi.CustomResourceOptions = {}) => statefulOptions(this, opts, a.protect, extra);
    // Cloud SQL's own guard for the database and the user: Pulumi deleting them leaves them in the instance.
    const deletionPolicy = a.deletionProtection ? { deletionPolicy: "ABANDON" } : {};
    this.databaseName = a.databaseName;
    this.userName = a.userName;

    const instance = new DatabaseInstance(
      `${name}-instance`,
      {
        project: args.project,
        region: args.region,
        databaseVersion: `POSTGRES_${a.version}`,
        deletionProtection: a.deletionProtection,
        settings: {
          edition: a.edition,
          tier: a.tier,
          availabilityType: a.availabilityType,
          diskType: "PD_SSD",
          diskSize: a.diskSizeGb,
          diskAutoresize: true,
          deletionProtectionEnabled: a.deletionProtection,
          ipConfiguration: {
            ipv4Enabled: a.publicIp,
            privateNetwork: args.network.networkId,
            sslMode: a.sslMode,
            authorizedNetworks: a.authorizedNetworks.map((n) => ({ name: n.name, value: n.cidr })),
          },
          backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: true,
            transactionLogRetentionDays: a.transactionLogRetentionDays,
            startTime: a.backupStartTime,
            backupRetentionSettings: { retainedBackups: a.retainedBackups, retentionUnit: "COUNT" },
          },
          // Keep a backup when the instance is deleted, like RDS's final snapshot.
          finalBackupConfig: { enabled: true, retentionDays: 30 },
          retainBackupsOnDelete: true,
          // IAM sign-in, and the logging the CIS benchmark asks of PostgreSQL (Checkov CKV_GCP_51-54, 108-111).
          databaseFlags: [{ name: "cloudsql.iam_authentication", value: "on" }, ...POSTGRES_LOG_FLAGS],
          insightsConfig: { queryInsightsEnabled: true, recordApplicationTags: true, recordClientAddress: false },
          maintenanceWindow: { day: DAYS.indexOf(a.maintenanceWindow.day) + 1, hour: a.maintenanceWindow.hour, updateTrack: "stable" },
        },
      },
      stateful({ dependsOn: args.network.privateServicesConnection ? [args.network.privateServicesConnection] : [] }),
    );
    new Database(`${name}-db`, { project: args.project, instance: instance.name, name: a.databaseName, ...deletionPolicy }, stateful());
    const password = new RandomPassword(`${name}-password`, { length: 32, special: false }, stateful());
    new User(`${name}-user`, { project: args.project, instance: instance.name, name: a.userName, password: password.result, ...deletionPolicy }, stateful());
    // The password in Secret Manager, where workloads read it with their own identity (never from an env value).
    const secret = new Secret(`${name}-password`, { project: args.project, secretId: toGcpName(`${name}-password`), replication: { auto: {} } }, stateful());
    const version = new SecretVersion(`${name}-password`, { secret: secret.id, secretData: password.result }, stateful());

    if (a.alarms !== false) createAlertPolicies(name, a.alarms, args.alerts, args.project, instance, childOptions(this, opts));

    this.connectionName = instance.connectionName;
    this.instanceName = instance.name;
    this.privateIp = instance.privateIpAddress;
    this.publicIp = a.publicIp ? instance.publicIpAddress : undefined;
    this.serverCaCert = instance.serverCaCerts.apply((c) => c?.[0]?.cert ?? "");
    this.userPassword = pulumi.secret(password.result);
    // The latest version exists before anyone is told to read it.
    this.passwordSecretId = pulumi.all([secret.id, version.id]).apply(([id]) => id);
    this.registerOutputs({
      connectionName: this.connectionName,
      instanceName: this.instanceName,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      serverCaCert: this.serverCaCert,
      userPassword: this.userPassword,
      passwordSecretId: this.passwordSecretId,
      databaseName: this.databaseName,
      userName: this.userName,
      port: this.port,
    });
  }
}

/**
 * The alert policies, one condition each. Metric types: `cloudsql.googleapis.com/database/up` (1 when the instance is
 * up), `database/cpu/utilization` and `database/disk/utilization` (fractions, 0–1), `database/postgresql/num_backends`
 * (connections, per database: summed per instance here); resource type `cloudsql_database`, label `database_id` =
 * `<project>:<instance>`. Source: Cloud SQL for PostgreSQL, "Cloud SQL metrics" (checked 2026-11-30). The standard
 * labels reach `userLabels` through the component's tag transformation (taggable-types.json).
 */
function createAlertPolicies(name: string, t: CloudSqlPostgresAlarmThresholds, alerts: AlertDestinations | undefined, project: pulumi.Input<string> | undefined, instance: DatabaseInstance, opts: pulumi.CustomResourceOptions): void {
  const subject = `Cloud SQL PostgreSQL ${name}`;
  const filter = (metric: string) =>
    pulumi.interpolate`metric.type = "cloudsql.googleapis.com/${metric}" AND resource.type = "cloudsql_database" AND resource.label.database_id = "${instance.project}:${instance.name}"`;
  const policy = (key: string, severity: AlertSeverity, step: RunbookStep, condition: string, conditionThreshold: inputs.monitoring.AlertPolicyConditionConditionThreshold) =>
    gcpAlertPolicy(name, key, { project, subject, severity, condition, step, conditionThreshold }, alerts, opts);
  const perMinute = (aligner: string, reduce?: { reducer: string; groupBy: string[] }) => [
    { alignmentPeriod: "60s", perSeriesAligner: aligner, ...(reduce ? { crossSeriesReducer: reduce.reducer, groupByFields: reduce.groupBy } : {}) },
  ];
  policy("down", "critical", "database-down", `database/up below 1 (or no data) for ${t.downMinutes} min`, {
    filter: filter("database/up"),
    aggregations: perMinute("ALIGN_MIN"),
    comparison: "COMPARISON_LT",
    thresholdValue: 1,
    duration: seconds(t.downMinutes * 60),
    // A stopped instance reports nothing: no data counts as down.
    evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE",
  });
  policy("cpu", "warning", "database-saturated", `CPU utilization above ${t.cpuPercent} % for ${t.cpuMinutes} min`, {
    filter: filter("database/cpu/utilization"),
    aggregations: perMinute("ALIGN_MEAN"),
    comparison: "COMPARISON_GT",
    thresholdValue: t.cpuPercent / 100,
    duration: seconds(t.cpuMinutes * 60),
  });
  policy("disk", "warning", "database-saturated", `disk utilization above ${t.diskPercent} % for 5 min`, {
    filter: filter("database/disk/utilization"),
    aggregations: perMinute("ALIGN_MAX"),
    comparison: "COMPARISON_GT",
    thresholdValue: t.diskPercent / 100,
    duration: seconds(300),
  });
  const connections = Math.floor((t.maxConnections * t.connectionsPercent) / 100);
  policy("connections", "warning", "database-saturated", `connections above ${connections} (${t.connectionsPercent} % of max_connections ${t.maxConnections}) for 5 min`, {
    filter: filter("database/postgresql/num_backends"),
    aggregations: perMinute("ALIGN_MAX", { reducer: "REDUCE_SUM", groupBy: ["resource.label.database_id"] }),
    comparison: "COMPARISON_GT",
    thresholdValue: connections,
    duration: seconds(300),
  });
}
