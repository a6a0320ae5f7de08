import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "@pulumi/aws/dms/certificate";
import { Endpoint } from "@pulumi/aws/dms/endpoint";
import { EventSubscription } from "@pulumi/aws/dms/eventSubscription";
import { ReplicationInstance } from "@pulumi/aws/dms/replicationInstance";
import { ReplicationSubnetGroup } from "@pulumi/aws/dms/replicationSubnetGroup";
import { ReplicationTask } from "@pulumi/aws/dms/replicationTask";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { Secret } from "@pulumi/aws/secretsmanager/secret";
import { SecretVersion } from "@pulumi/aws/secretsmanager/secretVersion";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { NAME_RULES, checkArgs, checkComponentName, childOptions, derived, hasOwn, resolveProtect, statefulOptions, validator, withStandardTags, type Tags, type Validator } from "../core/shared";
import { acknowledgementTags } from "../core/acknowledgements";
import { createAlertTopic } from "../core/internal/aws-alert-topic";
import { checkAwsAlertTopics } from "../core/internal/alert-checks";
import type { AlertDestinations, BySeverity } from "../core/alerts";
import { awsMetricAlarm } from "../core/internal/aws-metric-alarms";
import { checkKmsKeyArn, checkTagsArg } from "../core/internal/checks";
import { checkAwsNetworkRef } from "../network/internal/refs";
import { checkReplacedArgs } from "../core/internal/checks";
import { checkPgName } from "./internal/identifiers";
import { privateSubnetIdList, type AwsNetworkRef } from "../network/aws-network";

const TYPE = "meridian:database:DmsReplication";

/** DMS replication instance classes accepted (DMS User Guide, "Choosing the right replication instance", checked 2026-11-22). */
export const DMS_INSTANCE_CLASS = /^dms\.(t3\.(micro|small|medium|large)|(c5|c6i|r5|r6i)\.(large|xlarge|2xlarge|4xlarge|8xlarge|9xlarge|12xlarge|16xlarge|24xlarge))$/;

/** How DMS reaches a target: over the VPN (a private address) or over the internet (a public one). */
export const TargetReachability = { Private: "private", Public: "public" } as const;
export type TargetReachability = (typeof TargetReachability)[keyof typeof TargetReachability];

/** Why a replication instance with `connectivity: "public"` has a public IP: the acknowledgement it carries. */
const PUBLIC_CONNECTIVITY_REASON = "connectivity public set explicitly: the target is reachable only by its public IP and replication runs over TLS";


/** How replication traffic travels to the target. */
export const DmsConnectivity = { Vpn: "vpn", Public: "public" } as const;
export type DmsConnectivity = (typeof DmsConnectivity)[keyof typeof DmsConnectivity];

/** What the DMS task does: copy the tables, stream changes, or both. */
export const DmsMigrationType = { FullLoadAndCdc: "full-load-and-cdc", Cdc: "cdc", FullLoad: "full-load" } as const;
export type DmsMigrationType = (typeof DmsMigrationType)[keyof typeof DmsMigrationType];

/**
 * The RDS primary DMS reads from. An `RdsPostgres` fits as it is (`source: primary`); another program passes its
 * values.
 */
export interface ReplicationSourceRef {
  /** Must be true: the instance was created with logical replication on (`RdsPostgres` `replicationSource`). */
  readonly replicationSource: boolean;
  readonly address: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  readonly databaseName: string;
  /** The instance's KMS key: the replication instance, endpoints and secrets use it unless `kmsKeyArn` is given. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The instance's security group: it gets an ingress rule from the replication instance. */
  readonly securityGroupId: pulumi.Input<string>;
}

/**
 * A PostgreSQL target: any endpoint given by host, port and credentials. For a `CloudSqlPostgres`, use its
 * `replicationTarget()`.
 */
export interface PostgresTarget {
  readonly host: pulumi.Input<string>;
  readonly port: number;
  readonly databaseName: string;
  readonly userName: string;
  readonly password: pulumi.Input<string>;
  /** The server's CA certificate (PEM): DMS then verifies the server (`verify-ca`). @default - TLS without verification (`require`) */
  readonly caCertPem?: pulumi.Input<string>;
  /** How DMS reaches it: over the VPN (a private address) or over the internet. */
  readonly reachability: TargetReachability;
}

/** A table selection: schema and table name patterns, `%` matching any run of characters. */
export interface TablePattern {
  readonly schema: string;
  readonly table: string;
}

/**
 * The DMS task settings a DmsReplication exposes. Ranges, defaults and the targets each applies to are from the AWS
 * DMS User Guide, "Target metadata task settings" (CHAP_Tasks.CustomizingTasks.TaskSettings.TargetMetadata) and
 * "Full-load task settings" (CHAP_Tasks.CustomizingTasks.TaskSettings.FullLoad), checked 2026-11-30. Where the guide
 * gives no maximum, the cap is this component's and says so.
 */
export interface DmsTaskSettings {
  /**
   * `TargetMetadata.ParallelLoadThreads`: threads DMS uses to load each table in the full load. DMS's own default is 0;
   * the guide sets maxima only for non-relational targets (DynamoDB 200; Kinesis, Kafka, OpenSearch 32) and none for
   * PostgreSQL, so this component caps it at 32. The full load runs about `parallelLoadThreads × maxFullLoadSubTasks`
   * threads at once (64 at the defaults), which the guide warns can exhaust the instance's memory. 0–32.
   * @default 8
   */
  readonly parallelLoadThreads?: number;
  /**
   * `TargetMetadata.BatchApplyEnabled`: apply CDC changes in batches instead of transaction by transaction (DMS's
   * default is false). The guide: tables need a primary key or unique key for batched updates and deletes, a target
   * table with both a unique constraint and a primary key is not supported, and LOB columns need limited LOB mode
   * (which this component uses). `ChangeProcessingTuning`'s `BatchApplyTimeout*` apply only when it is true,
   * `MinTransactionSize` only when it is false.
   * @default true
   */
  readonly batchApplyEnabled?: boolean;
  /**
   * `TargetMetadata.ParallelApplyThreads`: threads DMS uses during CDC to push records to the target. The guide lists
   * it for Kinesis, Kafka, OpenSearch (Elasticsearch) and Amazon Redshift targets only: **a PostgreSQL target (Cloud
   * SQL) does not use it.** Accepted and written as the patterns guide has it; DMS's default is 0, and the guide
   * gives no maximum, so this component caps it at 32. 0–32.
   * @default 4
   */
  readonly parallelApplyThreads?: number;
  /** `FullLoadSettings.MaxFullLoadSubTasks`: tables (or table segments) loaded in parallel; DMS's default is 8. 1–49. @default 8 */
  readonly maxFullLoadSubTasks?: number;
  /**
   * `FullLoadSettings.TransactionConsistencyTimeout`: seconds DMS waits for transactions open at the task's start to
   * close before the full load begins; it begins after the timeout even with transactions still open (DMS's default
   * is 600; a full-load-only task does not wait). The guide gives no maximum: this component allows 0–3,600.
   * @default 1
   */
  readonly transactionConsistencyTimeoutSeconds?: number;
  /** `FullLoadSettings.CommitRate`: records transferred together in the full load; DMS's default is 10,000. 1–50,000. @default 50000 */
  readonly commitRate?: number;
}

/**
 * The task-settings defaults: the patterns guide's replication task (ParallelLoadThreads 8, BatchApplyEnabled true,
 * ParallelApplyThreads 4, MaxFullLoadSubTasks 8, TransactionConsistencyTimeout 1, CommitRate 50000), each inside
 * the range the DMS User Guide gives (checked 2026-11-30; see `DmsTaskSettings`).
 */
export const DMS_TASK_SETTINGS_DEFAULTS: Readonly<Required<DmsTaskSettings>> = {
  parallelLoadThreads: 8,
  batchApplyEnabled: true,
  parallelApplyThreads: 4,
  maxFullLoadSubTasks: 8,
  transactionConsistencyTimeoutSeconds: 1,
  commitRate: 50000,
};

/**
 * The integer ranges of the task settings: MaxFullLoadSubTasks 1–49 and CommitRate up to 50,000 are the DMS User
 * Guide's ("Full-load task settings", checked 2026-11-30); the thread caps (32) and the timeout cap (3,600 s) are
 * this component's, where the guide gives no maximum for a PostgreSQL target.
 */
export const DMS_TASK_SETTING_RANGES = {
  parallelLoadThreads: [0, 32],
  parallelApplyThreads: [0, 32],
  maxFullLoadSubTasks: [1, 49],
  transactionConsistencyTimeoutSeconds: [0, 3600],
  commitRate: [1, 50000],
} as const;

/**
 * What making the standby the primary takes once the source is gone, seconds: the `promotionBudget` a
 * DmsReplication exports for the stack's RTO check (policies/rules/resilience/dr-budget.ts adds it to the DNS
 * failover budget and the standby's scale-up).
 */
export interface PromotionBudget {
  /** Stopping the task so that nothing writes to the standby behind the application (`aws dms stop-replication-task`). */
  readonly stopTaskSeconds: number;
  /** Setting each sequence of the standby past its table's largest key: DMS does not carry sequence values. */
  readonly resetSequencesSeconds: number;
  /** Making the standby writable: 0 for a target DMS writes into, which is already a read-write primary. */
  readonly makeWritableSeconds: number;
  /** The sum of the three. */
  readonly totalSeconds: number;
}

/**
 * The promotion estimate. Each figure is an assumption or a documented fact, stated here (checked 2026-11-30):
 * - stopTaskSeconds 60, assumption: the API call returns at once; the task stops once it has applied or dropped the
 *   batch in flight (batch apply waits at most `BatchApplyTimeoutMax`, 5 s, in `ChangeProcessingTuning`); the rest is
 *   the operator reading the page and running the command. Not measured against a live task.
 * - resetSequencesSeconds 30, documented need, assumed time: AWS DMS User Guide, "Creating tasks for ongoing
 *   replication" (CHAP_Task.CDC): DMS does not migrate sequences during ongoing replication; update each sequence's
 *   next value on the target after replication stops. One SQL script (the runbook prints it); 30 s is an assumption.
 * - makeWritableSeconds 0: the target is a plain PostgreSQL instance that DMS writes into as its application user
 *   (`CloudSqlPostgres.replicationTarget()`), not a Cloud SQL read replica, so there is nothing to promote
 *   (`gcloud sql instances promote-replica` applies to replicas only).
 */
export const DMS_PROMOTION_BUDGET: PromotionBudget = { stopTaskSeconds: 60, resetSequencesSeconds: 30, makeWritableSeconds: 0, totalSeconds: 90 };

export interface DmsReplicationArgs {
  /** The source: an RDS instance with `replicationSource: true` (logical replication on). */
  readonly source: ReplicationSourceRef;
  /** The target: `cloudSql.replicationTarget()` for a Cloud SQL instance, or any PostgreSQL endpoint. */
  readonly target: PostgresTarget;
  /**
   * The source's network: the replication instance goes in its private subnets (at least two, in different AZs)
   * and its VPC. An `AwsNetwork` fits as it is.
   */
  readonly network: AwsNetworkRef;
  /**
   * How replication traffic reaches the target: `vpn` (the target's private IP over a `CrossCloudVpn`) or
   * `public` (its public IP, TLS over the internet; the replication instance then gets a public IP). `public`
   * is an explicit opt-out, never inferred; the replication instance then carries an acknowledgement tag for
   * `meridian-exposure-public-endpoints` (its public IP is this decision), so the pack reports the finding as
   * acknowledged, not as a violation. @default "vpn"
   */
  readonly connectivity?: DmsConnectivity;
  /** @default "dms.t3.medium" */
  readonly instanceClass?: string;
  /**
   * GiB for the instance's logs and cached changes, 5–6,144. The stacks set it from
   * `meridian:replication.allocatedStorageGiB` (prod: 100, the patterns guide's replication instance).
   * @default 50
   */
  readonly allocatedStorageGiB?: number;
  /** A standby replication instance in another AZ. @default true */
  readonly multiAz?: boolean;
  /** The KMS key for the instance, endpoints and secrets. @default - the source's key */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** @default "full-load-and-cdc" */
  readonly migrationType?: DmsMigrationType;
  /** Tables to replicate. @default [{ schema: "%", table: "%" }] (everything) */
  readonly include?: TablePattern[];
  /** Tables to leave out. @default [] */
  readonly exclude?: TablePattern[];
  /** The CDC lag, in seconds, at which someone is paged: the RPO this replication guards, 1–3,600. @default 10 */
  readonly maxLagSeconds?: number;
  /**
   * The CDC lag, in seconds, at which a warning alarm pair fires (the strategy's replica `lag_threshold: 5s`), before
   * the paging alarm at `maxLagSeconds`: 1–3,600 and below `maxLagSeconds`, or 0 for no warning alarms.
   * @default 5 when `maxLagSeconds` is above 5, else 0 (a page at 5 s or less leaves no room for a warning)
   */
  readonly lagWarningSeconds?: number;
  /** Minutes the lag must stay above the threshold before an alarm (warning or paging) fires, 1–60. @default 2 */
  readonly alarmAfterMinutes?: number;
  /**
   * Full-load and apply tuning of the DMS task, written into the task-settings document (`TargetMetadata` and
   * `FullLoadSettings`). @default - the patterns guide's values (`DMS_TASK_SETTINGS_DEFAULTS`)
   */
  readonly taskSettings?: DmsTaskSettings;
  /** Start the task on create. Off by default: the source needs its replication user first (see the runbook). @default false */
  readonly startTask?: boolean;
  /** The replication user DMS logs in to the source as (create it with the runbook). @default "dms_replication" */
  readonly sourceUserName?: string;
  /**
   * Protect the replication instance and task, the credential secrets, the source password and the alert key in
   * Pulumi (prod). The component's own `protect` option does the same; when both are given they must agree.
   * @default false
   */
  readonly protect?: boolean;
  /**
   * Where the alarms go (an `AlertRouting`'s `destinations`). With `alerts.aws`, the warning lag alarms publish to the
   * `warning` topic, the paging lag alarms and task failures to the `critical` one, and the component creates no topic
   * or key of its own. @default - its own encrypted topic, which notifies no one until subscribed to
   */
  readonly alerts?: AlertDestinations;
  readonly tags?: Tags;
}

interface Resolved {
  readonly connectivity: DmsConnectivity;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly migrationType: DmsMigrationType;
  readonly tableMappings: string;
  readonly maxLagSeconds: number;
  readonly lagWarningSeconds: number;
  readonly alarmAfterMinutes: number;
  readonly taskSettings: Required<DmsTaskSettings>;
  readonly startTask: boolean;
  readonly sourceUserName: string;
  readonly protect: boolean;
  readonly alertTopics: BySeverity<pulumi.Input<string>> | undefined;
  readonly tags: Tags | undefined;
}

/** A schema or table name or pattern in a DMS selection rule: letters, digits, _ $ - and `%` as a wildcard. */
const PATTERN = /^[A-Za-z0-9_%$-]{1,128}$/;

/**
 * The physical names a DmsReplication derives from its own name: the replication instance `${name}-instance` (the
 * tightest DMS identifier), the task, endpoints, subnet group, certificate and event subscription
 * (`${name}-<role>`, 255 at most), and the secrets role (auto-named `${name}-secrets-xxxxxxx`).
 */
const DERIVED_NAMES = [
  derived(NAME_RULES.aws.dmsReplicationInstanceIdentifier, "-instance"),
  derived(NAME_RULES.aws.dmsTaskIdentifier, "-task"),
  derived(NAME_RULES.aws.iamRoleName, "-secrets", true),
];

/** Arguments that were replaced: given, they would be ignored, so they are refused with what to use instead. */
const REPLACED: Readonly<Record<string, string>> = {
  vpcId: "unset: give network (an AwsNetwork, or its values), which carries the VPC",
  subnetIds: "unset: give network (an AwsNetwork, or its values), whose private subnets the replication instance uses",
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Checks a list of table patterns (`include` or `exclude`): objects of a schema and a table name or pattern. */
function checkPatterns(check: Validator, field: string, value: unknown, fallback: readonly TablePattern[]): readonly TablePattern[] {
  if (value === undefined) return fallback;
  const list = check.list<TablePattern>(field, value as TablePattern[], "schema/table patterns { schema, table }");
  list.forEach((p, i) => {
    if (typeof p !== "object" || p === null || Array.isArray(p)) check.fail(`${field}[${i}]`, p, "a schema/table pattern { schema, table }");
    check.requiredPattern(`${field}[${i}].schema`, p.schema, PATTERN, "a schema name or pattern (letters, digits, _ $ - and % as a wildcard)");
    check.requiredPattern(`${field}[${i}].table`, p.table, PATTERN, "a table name or pattern (letters, digits, _ $ - and % as a wildcard)");
  });
  check.distinct(field, list, (p) => `${p.schema}.${p.table}`);
  return list;
}

/** The DMS table-mapping document for the include and exclude patterns. */
export function tableMappings(include: readonly TablePattern[], exclude: readonly TablePattern[]): string {
  const rules = [
    ...include.map((p, i) => ({ p, action: "include", i })),
    ...exclude.map((p, i) => ({ p, action: "exclude", i: include.length + i })),
  ].map(({ p, action, i }) => ({
    "rule-type": "selection",
    "rule-id": String(i + 1),
    "rule-name": `${action}-${i + 1}`,
    "object-locator": { "schema-name": p.schema, "table-name": p.table },
    "rule-action": action,
  }));
  return JSON.stringify({ rules });
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateDmsReplicationArgs(name: string, args: DmsReplicationArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  checkComponentName(check, name, DERIVED_NAMES);
  checkReplacedArgs(check, args, REPLACED);
  const source = args.source as unknown;
  if (typeof source !== "object" || source === null || Array.isArray(source) || args.source.replicationSource !== true) {
    const value = typeof source === "object" && source !== null ? args.source.replicationSource : source;
    check.fail("source", value, "an RdsPostgres created with replicationSource: true (DMS change data capture needs logical replication)");
  }
  for (const field of ["address", "port", "kmsKeyArn", "securityGroupId"] as const) {
    const v = args.source[field];
    if (v === undefined || v === null) check.fail(`source.${field}`, v, "set (an RdsPostgres has it)");
  }
  if (typeof args.source.port === "number") check.intRange("source.port", args.source.port, 1, 65535);
  checkPgName(check, "source.databaseName", args.source.databaseName, "rds", "database");
  checkAwsNetworkRef(check, "network", args.network, { privateSubnets: 2, why: "a DMS replication subnet group needs subnets in two AZs" });
  check.bool("multiAz", args.multiAz);
  const connectivity = args.connectivity ?? "vpn";
  check.oneOf("connectivity", connectivity, Object.values(DmsConnectivity));
  const t = args.target as unknown;
  if (typeof t !== "object" || t === null || Array.isArray(t)) {
    check.fail("target", t, "a PostgreSQL endpoint { host, port, databaseName, userName, password, reachability } (for Cloud SQL: its replicationTarget())");
  }
  const target = args.target;
  check.requiredOneOf("target.reachability", target.reachability, Object.values(TargetReachability));
  if (target.reachability === "public" && args.connectivity !== "public") {
    check.fail("connectivity", args.connectivity, '"public", set explicitly: the target is reachable only over a public IP, and sending replication over the internet must be a decision, not a default');
  }
  if (target.reachability === "private" && connectivity === "public") check.fail("connectivity", connectivity, '"vpn": the target has only a private address');
  if (target.host === undefined || target.host === null || (typeof target.host === "string" && !IPV4.test(target.host))) {
    // The replication instance's egress rule admits the target's address as a /32.
    check.fail("target.host", target.host, "the target's IPv4 address (the replication instance's security group admits it as a /32)");
  }
  if (typeof target.port !== "number") check.fail("target.port", target.port, "an integer from 1 to 65535");
  check.intRange("target.port", target.port, 1, 65535);
  // The target may be any PostgreSQL server: PostgreSQL's own rules (its cloud, when it is one of ours, checked its names).
  checkPgName(check, "target.databaseName", target.databaseName, "postgres", "database");
  checkPgName(check, "target.userName", target.userName, "postgres", "role");
  if (target.password === undefined || target.password === null || target.password === "") check.fail("target.password", "<empty>", "the target user's password (a secret Output)");
  if (typeof target.caCertPem === "string" && !target.caCertPem.startsWith("-----BEGIN CERTIFICATE-----")) check.fail("target.caCertPem", "<not a PEM certificate>", "a PEM certificate (-----BEGIN CERTIFICATE-----)");
  const instanceClass = args.instanceClass ?? "dms.t3.medium";
  check.pattern("instanceClass", instanceClass, DMS_INSTANCE_CLASS, "a DMS replication instance class such as dms.t3.medium or dms.c5.large");
  const allocatedStorageGiB = args.allocatedStorageGiB ?? 50;
  check.intRange("allocatedStorageGiB", allocatedStorageGiB, 5, 6144);
  checkKmsKeyArn(check, "kmsKeyArn", args.kmsKeyArn, { alias: true });
  const migrationType = args.migrationType ?? "full-load-and-cdc";
  check.oneOf("migrationType", migrationType, Object.values(DmsMigrationType));
  const include = checkPatterns(check, "include", args.include, [{ schema: "%", table: "%" }]);
  const exclude = checkPatterns(check, "exclude", args.exclude, []);
  if (include.length === 0) check.fail("include", include, "at least one schema/table pattern (nothing would replicate)");
  // A pattern both included and excluded: DMS applies the exclusion, and the include silently does nothing.
  const included = new Set(include.map((p) => `${p.schema}.${p.table}`));
  exclude.forEach((p, i) => {
    if (included.has(`${p.schema}.${p.table}`)) check.fail(`exclude[${i}]`, p, "a pattern that is not also in include (it would cancel that include)");
  });
  const maxLagSeconds = args.maxLagSeconds ?? 10;
  check.intRange("maxLagSeconds", maxLagSeconds, 1, 3600);
  const lagWarningSeconds = args.lagWarningSeconds ?? (typeof maxLagSeconds === "number" && maxLagSeconds > 5 ? 5 : 0);
  check.intRange("lagWarningSeconds", lagWarningSeconds, 0, 3600);
  if (lagWarningSeconds !== 0 && lagWarningSeconds >= maxLagSeconds) {
    check.fail("lagWarningSeconds", lagWarningSeconds, `below maxLagSeconds (${maxLagSeconds}): the warning fires before the page (set lagWarningSeconds lower, or maxLagSeconds higher)`);
  }
  const alarmAfterMinutes = args.alarmAfterMinutes ?? 2;
  check.intRange("alarmAfterMinutes", alarmAfterMinutes, 1, 60);
  const taskSettings = checkTaskSettings(check, args.taskSettings);
  check.bool("startTask", args.startTask);
  const sourceUserName = args.sourceUserName ?? "dms_replication";
  checkPgName(check, "sourceUserName", sourceUserName, "rds", "role");
  const protect = resolveProtect(check, opts, args.protect);
  const tags = checkTagsArg(check, args.tags, "aws");
  const alertTopics = checkAwsAlertTopics(check, args.alerts);
  return {
    connectivity,
    instanceClass,
    allocatedStorageGiB,
    multiAz: args.multiAz ?? true,
    migrationType,
    tableMappings: tableMappings(include, exclude),
    maxLagSeconds,
    lagWarningSeconds,
    alarmAfterMinutes,
    taskSettings,
    startTask: args.startTask ?? false,
    sourceUserName,
    protect,
    alertTopics,
    tags,
  };
}

/**
 * Checks `taskSettings`: a plain object of known keys (a misspelt key would be ignored, so it is refused), each
 * value of its type and in its range (`DMS_TASK_SETTING_RANGES`); returns them over the defaults.
 */
function checkTaskSettings(check: Validator, value: DmsTaskSettings | undefined): Required<DmsTaskSettings> {
  const given = check.record("taskSettings", value, `an object of task settings (${Object.keys(DMS_TASK_SETTINGS_DEFAULTS).join(", ")})`);
  for (const key of Object.keys(given)) {
    if (!hasOwn(DMS_TASK_SETTINGS_DEFAULTS, key)) check.fail(`taskSettings.${key}`, (given as Record<string, unknown>)[key], `absent (not a task setting; known: ${Object.keys(DMS_TASK_SETTINGS_DEFAULTS).join(", ")})`);
  }
  for (const [key, [min, max]] of Object.entries(DMS_TASK_SETTING_RANGES)) {
    check.intRange(`taskSettings.${key}`, (given as Record<string, number | undefined>)[key], min, max);
  }
  check.bool("taskSettings.batchApplyEnabled", given.batchApplyEnabled);
  return { ...DMS_TASK_SETTINGS_DEFAULTS, ...given };
}

/**
 * The DMS task-settings document (DMS User Guide, "Specifying task settings"): logging and validation on, limited LOB
 * mode, existing target tables kept (`DO_NOTHING`), batch-apply tuning, and the settings of `s` in their sections —
 * the thread counts and batch apply under `TargetMetadata`; MaxFullLoadSubTasks, TransactionConsistencyTimeout and
 * CommitRate under `FullLoadSettings` (where DMS reads them; the patterns guide repeats two under TargetMetadata).
 */
export function taskSettingsDocument(s: Required<DmsTaskSettings>): Record<string, Record<string, unknown>> {
  return {
    Logging: { EnableLogging: true },
    ValidationSettings: { EnableValidation: true, ThreadCount: 5 },
    TargetMetadata: {
      BatchApplyEnabled: s.batchApplyEnabled,
      ParallelLoadThreads: s.parallelLoadThreads,
      ParallelApplyThreads: s.parallelApplyThreads,
      SupportLobs: true,
      LimitedSizeLobMode: true,
      LobMaxSize: 32,
    },
    FullLoadSettings: {
      TargetTablePrepMode: "DO_NOTHING",
      MaxFullLoadSubTasks: s.maxFullLoadSubTasks,
      TransactionConsistencyTimeout: s.transactionConsistencyTimeoutSeconds,
      CommitRate: s.commitRate,
    },
    ChangeProcessingTuning: { BatchApplyTimeoutMin: 1, BatchApplyTimeoutMax: 5, MinTransactionSize: 1000 },
  };
}

/** The task-settings document at the defaults (`DMS_TASK_SETTINGS_DEFAULTS`). */
export const TASK_SETTINGS = taskSettingsDocument(DMS_TASK_SETTINGS_DEFAULTS);

/**
 * Change-data-capture replication from an RDS PostgreSQL primary to a PostgreSQL standby (Cloud SQL by default)
 * with AWS DMS: a private, encrypted, Multi-AZ replication instance; source and target endpoints over TLS whose
 * credentials DMS reads from Secrets Manager; a `full-load-and-cdc` task tuned by `taskSettings`; warning alarms on
 * source and target CDC lag at `lagWarningSeconds` and paging ones at `maxLagSeconds`, and a subscription to task
 * failures, all to an encrypted topic. Exports the RPO it guards.
 */
export class DmsReplication extends pulumi.ComponentResource {
  public readonly replicationTaskArn: pulumi.Output<string>;
  public readonly replicationInstanceArn: pulumi.Output<string>;
  /** The topic the paging alarms and task failures notify: its own, or with `alerts.aws` the critical one. */
  public readonly alarmTopicArn: pulumi.Output<string>;
  /** The CDC lag (seconds) at which someone is paged: compare with the RPO target. */
  public readonly rpoGuardSeconds: number;
  /** How long making the standby the primary takes (`DMS_PROMOTION_BUDGET`): compare, with the rest, with the RTO target. */
  public readonly promotionBudget: PromotionBudget;
  /** The secret holding the source replication user's credentials (create the user with them: see the runbook). */
  public readonly sourceSecretArn: pulumi.Output<string>;

  constructor(name: string, args: DmsReplicationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateDmsReplicationArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, a.tags));
    const parent = childOptions(this, opts);
    // What holds state (the instance, the task's CDC position, the credentials and the alert key): protected when the
    // component is (its option or its argument), never overridden to false.
    const stateful = statefulOptions(this, opts, a.protect);
    this.rpoGuardSeconds = a.maxLagSeconds;
    this.promotionBudget = DMS_PROMOTION_BUDGET;
    const kmsKeyArn = pulumi.output(args.kmsKeyArn ?? args.source.kmsKeyArn);
    // DMS identifiers: letters, digits and single hyphens, starting with a letter — what a component name is (checked).
    const id = (role: string) => `${name}-${role}`;

    const t = args.target;
    const target = { host: pulumi.output(t.host), port: t.port, databaseName: t.databaseName, userName: t.userName, password: pulumi.output(t.password), caCertPem: t.caCertPem };

    // Network: the instance reaches the source through its security group, and the target on 5432 only.
    const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.network.vpcId, description: `${name}: DMS replication instance`, tags: { Name: `${name}-dms` } }, parent);
    new SecurityGroupIngressRule(`${name}-to-source`, { securityGroupId: args.source.securityGroupId, referencedSecurityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: `DMS ${name}` }, parent);
    new SecurityGroupEgressRule(`${name}-source`, { securityGroupId: sg.id, referencedSecurityGroupId: args.source.securityGroupId, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "to the source" }, parent);
    new SecurityGroupEgressRule(`${name}-target`, { securityGroupId: sg.id, cidrIpv4: pulumi.interpolate`${target.host}/32`, ipProtocol: "tcp", fromPort: target.port, toPort: target.port, description: "to the target" }, parent);

    const subnetGroup = new ReplicationSubnetGroup(`${name}-subnets`, { replicationSubnetGroupId: id("subnets"), replicationSubnetGroupDescription: `${name}: DMS`, subnetIds: privateSubnetIdList(args.network) }, parent);
    const instance = new ReplicationInstance(
      `${name}-instance`,
      {
        replicationInstanceId: id("instance"),
        replicationInstanceClass: a.instanceClass,
        allocatedStorage: a.allocatedStorageGiB,
        multiAz: a.multiAz,
        kmsKeyArn,
        publiclyAccessible: a.connectivity === "public",
        replicationSubnetGroupId: subnetGroup.replicationSubnetGroupId,
        vpcSecurityGroupIds: [sg.id],
        autoMinorVersionUpgrade: true,
        // A public IP is what `connectivity: "public"` asks for, set explicitly (validated above): say so to the
        // policy pack on the resource itself, so the finding is reported as acknowledged rather than hidden.
        ...(a.connectivity === "public" ? { tags: acknowledgementTags([{ rule: "meridian-exposure-public-endpoints", reason: PUBLIC_CONNECTIVITY_REASON }], TYPE) } : {}),
      },
      stateful,
    );

    // Credentials live in Secrets Manager, encrypted with the replication key; DMS reads them through a role.
    const sourcePassword = new RandomPassword(`${name}-source-password`, { length: 32, special: false }, stateful);
    const secretOpts = stateful;
    const sourceSecret = this.credentialsSecret(`${name}-source`, kmsKeyArn, {
      username: a.sourceUserName,
      password: sourcePassword.result,
      host: args.source.address,
      port: args.source.port,
      dbname: args.source.databaseName,
    }, secretOpts);
    const targetSecret = this.credentialsSecret(`${name}-target`, kmsKeyArn, { username: target.userName, password: target.password, host: target.host, port: target.port, dbname: target.databaseName }, secretOpts);
    const region = getRegionOutput({}, parent).region;
    const secretsRole = new Role(
      `${name}-secrets`,
      {
        description: `DMS ${name}: read the endpoint credentials`,
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          // DMS reads secrets as its regional service principal.
          Statement: [{ Effect: "Allow", Principal: { Service: pulumi.interpolate`dms.${region}.amazonaws.com` }, Action: "sts:AssumeRole" }],
        }),
      },
      parent,
    );
    new RolePolicy(
      `${name}-secrets`,
      {
        role: secretsRole.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [sourceSecret.arn, targetSecret.arn] },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [kmsKeyArn] },
          ],
        }),
      },
      parent,
    );

    const source = new Endpoint(
      `${name}-source`,
      {
        endpointId: id("source"),
        endpointType: "source",
        engineName: "postgres",
        databaseName: args.source.databaseName,
        sslMode: "require",
        secretsManagerArn: sourceSecret.arn,
        secretsManagerAccessRoleArn: secretsRole.arn,
        kmsKeyArn,
        // A heartbeat keeps the replication slot's WAL position moving on a quiet database.
        postgresSettings: { heartbeatEnable: true, heartbeatFrequency: 1, captureDdls: true },
      },
      parent,
    );
    let targetSsl: { sslMode: string; certificateArn?: pulumi.Input<string> } = { sslMode: "require" };
    if (target.caCertPem !== undefined) {
      const ca = new Certificate(`${name}-target-ca`, { certificateId: id("target-ca"), certificatePem: target.caCertPem }, parent);
      targetSsl = { sslMode: "verify-ca", certificateArn: ca.certificateArn };
    }
    const targetEndpoint = new Endpoint(
      `${name}-target`,
      {
        endpointId: id("target"),
        endpointType: "target",
        engineName: "postgres",
        databaseName: target.databaseName,
        ...targetSsl,
        secretsManagerArn: targetSecret.arn,
        secretsManagerAccessRoleArn: secretsRole.arn,
        kmsKeyArn,
      },
      parent,
    );

    const task = new ReplicationTask(
      `${name}-task`,
      {
        replicationTaskId: id("task"),
        migrationType: a.migrationType,
        replicationInstanceArn: instance.replicationInstanceArn,
        sourceEndpointArn: source.endpointArn,
        targetEndpointArn: targetEndpoint.endpointArn,
        tableMappings: a.tableMappings,
        replicationTaskSettings: JSON.stringify(taskSettingsDocument(a.taskSettings)),
        startReplicationTask: a.startTask,
      },
      stateful,
    );

    // With `alerts`, the stack's topics by severity; without, a topic of its own (the paging and warning alarms share it).
    const own = a.alertTopics === undefined ? createAlertTopic(name, ["cloudwatch.amazonaws.com", "dms.amazonaws.com"], parent, undefined, stateful).topic.arn : undefined;
    const topicArn = { critical: pulumi.output(a.alertTopics?.critical ?? own!), warning: pulumi.output(a.alertTopics?.warning ?? own!) };
    // CloudWatch names a task by its resource identifier, the last segment of its ARN.
    const taskResourceId = task.replicationTaskArn.apply((arn) => (arn ?? "").split(":").pop() ?? "");
    // Two thresholds per metric: a warning at `lagWarningSeconds` (the strategy's replica lag threshold) and the page at
    // `maxLagSeconds` (the RPO guard). The paging alarms keep their names (`-lag-source`, `-lag-target`): renaming one
    // replaces a live alarm.
    const levels = [
      { suffix: "", threshold: a.maxLagSeconds, severity: "critical" as const, why: "the standby falls behind the RPO" },
      ...(a.lagWarningSeconds === 0 ? [] : [{ suffix: "-warning", threshold: a.lagWarningSeconds, severity: "warning" as const, why: `the standby lags past its ${a.lagWarningSeconds} s threshold; the page follows at ${a.maxLagSeconds} s` }]),
    ];
    for (const metric of ["CDCLatencySource", "CDCLatencyTarget"] as const) {
      for (const level of levels) {
        awsMetricAlarm(
          `${name}-${metric === "CDCLatencySource" ? "lag-source" : "lag-target"}${level.suffix}`,
          { severity: level.severity, subject: name, condition: `${metric} above ${level.threshold} s for ${a.alarmAfterMinutes} min (${level.why})`, step: "replication-lag" },
          topicArn,
          {
            namespace: "AWS/DMS",
            metricName: metric,
            dimensions: { ReplicationInstanceIdentifier: instance.replicationInstanceId, ReplicationTaskIdentifier: taskResourceId },
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: a.alarmAfterMinutes,
            threshold: level.threshold,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "breaching",
          },
          parent,
        );
      }
    }
    new EventSubscription(`${name}-failures`, { name: id("failures"), snsTopicArn: topicArn.critical, sourceType: "replication-task", sourceIds: [task.replicationTaskId], eventCategories: ["failure"], enabled: true }, parent);

    this.replicationTaskArn = task.replicationTaskArn;
    this.replicationInstanceArn = instance.replicationInstanceArn;
    this.alarmTopicArn = topicArn.critical;
    this.sourceSecretArn = sourceSecret.arn;
    this.registerOutputs({
      replicationTaskArn: this.replicationTaskArn,
      replicationInstanceArn: this.replicationInstanceArn,
      alarmTopicArn: this.alarmTopicArn,
      rpoGuardSeconds: this.rpoGuardSeconds,
      promotionBudget: this.promotionBudget,
      sourceSecretArn: this.sourceSecretArn,
    });
  }

  private credentialsSecret(name: string, kmsKeyArn: pulumi.Input<string>, value: Record<string, pulumi.Input<string | number>>, opts: pulumi.CustomResourceOptions): Secret {
    const secret = new Secret(name, { description: `${name}: DMS endpoint credentials`, kmsKeyId: kmsKeyArn, recoveryWindowInDays: 7 }, opts);
    new SecretVersion(name, { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(value)) }, opts);
    return secret;
  }
}
