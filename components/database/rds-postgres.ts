import * as pulumi from "@pulumi/pulumi";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Alias } from "@pulumi/aws/kms/alias";
import { Key } from "@pulumi/aws/kms/key";
import { Instance } from "@pulumi/aws/rds/instance";
import { ParameterGroup } from "@pulumi/aws/rds/parameterGroup";
import { SubnetGroup } from "@pulumi/aws/rds/subnetGroup";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { EventSubscription } from "@pulumi/aws/rds/eventSubscription";
import type { AlertDestinations } from "../core/alerts";
import { awsMetricAlarm } from "../core/internal/aws-metric-alarms";
import { checkAlarmsArg, checkAlertDestinations, threshold } from "../core/internal/alarms";
import {
  NAME_RULES,
  checkArgs,
  checkComponentName,
  childOptions,
  derived,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import type { DatabaseConnection } from "./connection";
import { checkKmsKeyArn, checkTagsArg } from "../core/internal/checks";
import { checkAwsNetworkRef } from "../network/internal/refs";
import { checkReplacedArgs } from "../core/internal/checks";
import { checkAllowedCidrs, checkSecurityGroupMap, dailyOverlapsWeekly, dailyWindow, weeklyWindow } from "./internal/checks";
import { checkPgName } from "./internal/identifiers";
import { privateSubnetIdList, type AwsNetworkRef } from "../network/aws-network";

const TYPE = "meridian:database:RdsPostgres";

/**
 * PostgreSQL major versions this component offers on RDS.
 * Source: Amazon RDS for PostgreSQL release calendar (checked 2026-11-22); 13 has left standard support.
 */
export const RDS_POSTGRES_VERSIONS = [14, 15, 16, 17] as const;

/**
 * Instance classes this component accepts: current Graviton and Intel general-purpose, memory-optimised and
 * burstable families offered for RDS PostgreSQL (checked 2026-11-22 against the RDS instance class list).
 */
export const RDS_INSTANCE_CLASS = /^db\.(t4g\.(micro|small|medium|large|xlarge|2xlarge)|(m6g|m6i|m7g|m7i|m8g|r6g|r6i|r7g|r7i|r8g)\.(large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge))$/;

/** Backup and maintenance windows: `hh:mm-hh:mm` (UTC) and `ddd:hh:mm-ddd:hh:mm`. */
const BACKUP_WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const MAINTENANCE_WINDOW = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The shortest backup and maintenance windows RDS accepts, in minutes.
 * Source: Amazon RDS API Reference, CreateDBInstance, PreferredBackupWindow and PreferredMaintenanceWindow ("Must be at
 * least 30 minutes"; the backup window "must not conflict with the preferred maintenance window"), checked 2026-11-30.
 */
const MIN_WINDOW_MINUTES = 30;

/**
 * Storage autoscaling: RDS refuses a ceiling less than 10 % above the allocated storage ("Invalid max storage size"),
 * and advises at least 26 % so that reaching the ceiling does not raise RDS-EVENT-0225. Source: Amazon RDS User
 * Guide, "Managing capacity automatically with Amazon RDS storage autoscaling", checked 2026-11-30.
 */
const AUTOSCALING_MIN_HEADROOM_PERCENT = 110;
const AUTOSCALING_ADVISED_HEADROOM_PERCENT = 126;
/** `percent` of `gib`, rounded up, in integer arithmetic (200 × 1.1 is 220.00000000000003 in floating point). */
const percentOf = (gib: number, percent: number): number => Math.ceil((gib * percent) / 100);

/**
 * The physical names an RdsPostgres derives from its own name: the instance identifier (auto-named
 * `${name}-instance-xxxxxxx`), the final snapshot `${name}-final`, and the monitoring role (auto-named).
 */
const DERIVED_NAMES = [
  derived(NAME_RULES.aws.rdsInstanceIdentifier, "-instance", true),
  derived(NAME_RULES.aws.rdsSnapshotIdentifier, "-final"),
  derived(NAME_RULES.aws.iamRoleName, "-monitoring", true),
];

/**
 * Memory (GiB) of each size of the instance families this component accepts: 2 GiB per vCPU for t4g up to medium
 * then 4, 4 GiB per vCPU for m6g/m6i/m7g/m7i/m8g, 8 GiB per vCPU for r6g/r6i/r7g/r7i/r8g. Source: Amazon RDS User
 * Guide, "Hardware specifications for DB instance classes" (checked 2026-11-30).
 */
const RDS_MEMORY_GIB: Readonly<Record<"t4g" | "m" | "r", Readonly<Record<string, number>>>> = {
  t4g: { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 },
  m: { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 },
  r: { large: 16, xlarge: 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256, "12xlarge": 384, "16xlarge": 512 },
};

/** The memory of an instance class this component accepts (`RDS_INSTANCE_CLASS`), GiB. */
export function rdsInstanceMemoryGiB(instanceClass: string): number | undefined {
  const m = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!m) return undefined;
  const family = m[1] === "t4g" ? "t4g" : m[1]!.startsWith("m") ? "m" : m[1]!.startsWith("r") ? "r" : undefined;
  return family === undefined ? undefined : RDS_MEMORY_GIB[family][m[2]!];
}

/**
 * RDS for PostgreSQL's default `max_connections`: LEAST({DBInstanceClassMemory/9531392}, 5000). Source: Amazon RDS
 * User Guide, "Quotas and constraints for Amazon RDS — Maximum number of database connections" (checked 2026-11-30,
 * through the docs index: the formula as AWS gives it). DBInstanceClassMemory is the class's memory less what the OS
 * and RDS's own processes take, which AWS does not publish per class: the class's full memory is used here, so the
 * figure is a few per cent above the real default, and the alarm's percentage (80 by default) leaves room for that.
 * The component sets no `max_connections` of its own; a caller who does gives it as `alarms.maxConnections`.
 */
export function rdsDefaultMaxConnections(instanceClass: string): number | undefined {
  const gib = rdsInstanceMemoryGiB(instanceClass);
  return gib === undefined ? undefined : Math.min(Math.floor((gib * 1024 ** 3) / 9531392), 5000);
}

/**
 * The thresholds of an RdsPostgres's alarms. CloudWatch metrics of the `AWS/RDS` namespace, dimension
 * `DBInstanceIdentifier`; 60-second periods.
 */
export interface RdsPostgresAlarms {
  /** `false`: no alarms (then give no thresholds). @default true */
  readonly enabled?: boolean;
  /** Warning when CPUUtilization (average) stays above this per cent for `cpuMinutes`. 1–100. @default 80 */
  readonly cpuPercent?: number;
  /** 1–60. @default 15 */
  readonly cpuMinutes?: number;
  /**
   * Warning when FreeStorageSpace (minimum) stays below this per cent of `allocatedStorageGiB` for 5 minutes. Storage
   * autoscaling grows the volume at 10 % free (up to `maxAllocatedStorageGiB`); the alarm says it is happening, or
   * cannot. 1–50. @default 10
   */
  readonly freeStoragePercent?: number;
  /** Warning when DatabaseConnections (maximum) stays above this per cent of `maxConnections` for 5 minutes. 1–100. @default 80 */
  readonly connectionsPercent?: number;
  /**
   * The instance's `max_connections`, 1–5,000 (set it when a parameter group of your own changes it).
   * @default - RDS's default for the class (`rdsDefaultMaxConnections`)
   */
  readonly maxConnections?: number;
}

export interface RdsPostgresArgs {
  /**
   * The network: the instance goes in its private subnets (at least two, in different AZs: a DB subnet group and
   * Multi-AZ need two) and its VPC. An `AwsNetwork` fits as it is.
   */
  readonly network: AwsNetworkRef;
  /** PostgreSQL major version. @default 17 */
  readonly version?: number;
  /** @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** gp3 storage, GiB (20–65,536). @default 20 */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling, GiB: at least 10 % above `allocatedStorageGiB` (RDS refuses less), or equal to it to
   * turn storage autoscaling off. @default - 100, or 26 % above the allocation when that is more (AWS's advice)
   */
  readonly maxAllocatedStorageGiB?: number;
  /** A standby in another AZ with synchronous replication. @default true */
  readonly multiAz?: boolean;
  /** Days of automated backups, 1–35 (0 would turn backups off; not offered). @default 14 */
  readonly backupRetentionDays?: number;
  /** Daily, UTC, at least 30 minutes, not overlapping `maintenanceWindow`. @default "03:00-04:00" */
  readonly backupWindow?: string;
  /** Weekly, UTC, at least 30 minutes. @default "sun:04:30-sun:05:30" */
  readonly maintenanceWindow?: string;
  /** CIDR blocks allowed to connect on the PostgreSQL port; each rule is keyed by its block. @default - none */
  readonly allowedCidrs?: string[];
  /**
   * Security groups allowed to connect on the PostgreSQL port, each under a name you choose (the client, e.g.
   * `{ lambda: fn.securityGroupId }`): the rule is keyed by that name, so removing one replaces no other.
   * @default - none
   */
  readonly allowedSecurityGroups?: Record<string, pulumi.Input<string>>;
  /** A customer-managed KMS key ARN for storage, Performance Insights and the master secret. @default - a key with rotation is created */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** This instance feeds logical replication (DMS CDC): turns on `rds.logical_replication`. @default false */
  readonly replicationSource?: boolean;
  /** The initial database's name. @default "app" */
  readonly databaseName?: string;
  /** The master user's name (its password is generated and kept by RDS in Secrets Manager). @default "meridian_admin" */
  readonly masterUsername?: string;
  /** Deletion protection on the instance (RDS's own guard). @default true */
  readonly deletionProtection?: boolean;
  /**
   * Protect the instance and its key in Pulumi (set in prod): a refactor can never delete them. The component's own
   * `protect` option does the same; when both are given they must agree. @default false
   */
  readonly protect?: boolean;
  /**
   * Where the alarms go, by severity (`AlertRouting`'s destinations; this component uses `aws`). Without it the
   * alarms exist and show their state, but notify no one; the "database down" event subscription needs a topic, so
   * it exists only with `alerts.aws`. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alarms' thresholds (see `RdsPostgresAlarms`), or `{ enabled: false }` for no alarms at all. @default - the defaults */
  readonly alarms?: RdsPostgresAlarms;
  readonly tags?: Tags;
}

/** The resolved alarm thresholds. */
export interface RdsPostgresAlarmThresholds {
  readonly cpuPercent: number;
  readonly cpuMinutes: number;
  readonly freeStoragePercent: number;
  readonly connectionsPercent: number;
  readonly maxConnections: number;
}

interface Resolved {
  readonly version: number;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  /** Each block with the key its rule is named by (`10-30-0-0-16`). */
  readonly allowedCidrs: ReadonlyArray<{ readonly cidr: string; readonly key: string }>;
  /** The security groups by name, in the order given. */
  readonly allowedSecurityGroups: ReadonlyArray<readonly [string, pulumi.Input<string>]>;
  readonly replicationSource: boolean;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly deletionProtection: boolean;
  readonly protect: boolean;
  readonly alarms: RdsPostgresAlarmThresholds | false;
  readonly tags: Tags | undefined;
}

/** Arguments that were replaced: given, they would be ignored, so they are refused with what to use instead. */
const REPLACED: Readonly<Record<string, string>> = {
  vpcId: "unset: give network (an AwsNetwork, or its values), which carries the VPC",
  subnetIds: "unset: give network (an AwsNetwork, or its values), whose private subnets the instance uses",
  allowedSecurityGroupIds: "unset: give allowedSecurityGroups, a map of a name you choose per security group",
};

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateRdsPostgresArgs(name: string, args: RdsPostgresArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  checkComponentName(check, name, DERIVED_NAMES);
  checkReplacedArgs(check, args, REPLACED);
  checkAwsNetworkRef(check, "network", args.network, { privateSubnets: 2, why: "a DB subnet group, and Multi-AZ, need two" });
  const version = args.version ?? 17;
  check.oneOf("version", version, RDS_POSTGRES_VERSIONS);
  const instanceClass = args.instanceClass ?? "db.t4g.medium";
  check.pattern("instanceClass", instanceClass, RDS_INSTANCE_CLASS, "an RDS instance class of a current family, such as db.t4g.medium, db.m7g.large or db.r7g.xlarge");
  const allocatedStorageGiB = args.allocatedStorageGiB ?? 20;
  check.intRange("allocatedStorageGiB", allocatedStorageGiB, 20, 65536);
  const maxAllocatedStorageGiB = args.maxAllocatedStorageGiB ?? Math.max(100, percentOf(allocatedStorageGiB, AUTOSCALING_ADVISED_HEADROOM_PERCENT));
  const minCeiling = percentOf(allocatedStorageGiB, AUTOSCALING_MIN_HEADROOM_PERCENT);
  const ceilingOk = Number.isInteger(maxAllocatedStorageGiB) && (maxAllocatedStorageGiB === allocatedStorageGiB || (maxAllocatedStorageGiB >= minCeiling && maxAllocatedStorageGiB <= 65536));
  if (!ceilingOk) {
    check.fail(
      "maxAllocatedStorageGiB",
      maxAllocatedStorageGiB,
      `an integer from ${minCeiling} to 65536 (RDS wants the autoscaling ceiling at least 10 % above allocatedStorageGiB, ${allocatedStorageGiB}), or ${allocatedStorageGiB} to turn storage autoscaling off`,
    );
  }
  check.bool("multiAz", args.multiAz);
  const backupRetentionDays = args.backupRetentionDays ?? 14;
  check.intRange("backupRetentionDays", backupRetentionDays, 1, 35);
  const backupWindow = args.backupWindow ?? "03:00-04:00";
  check.pattern("backupWindow", backupWindow, BACKUP_WINDOW, 'a UTC window "hh:mm-hh:mm"');
  const maintenanceWindow = args.maintenanceWindow ?? "sun:04:30-sun:05:30";
  check.pattern("maintenanceWindow", maintenanceWindow, MAINTENANCE_WINDOW, 'a UTC window "ddd:hh:mm-ddd:hh:mm"');
  const daily = dailyWindow(backupWindow);
  if (daily[1] < MIN_WINDOW_MINUTES) check.fail("backupWindow", backupWindow, `a UTC window "hh:mm-hh:mm" of at least ${MIN_WINDOW_MINUTES} minutes (RDS's minimum)`);
  const weekly = weeklyWindow(maintenanceWindow);
  if (weekly[1] < MIN_WINDOW_MINUTES) check.fail("maintenanceWindow", maintenanceWindow, `a UTC window "ddd:hh:mm-ddd:hh:mm" of at least ${MIN_WINDOW_MINUTES} minutes (RDS's minimum)`);
  if (dailyOverlapsWeekly(daily, weekly)) {
    check.fail("backupWindow", backupWindow, `a daily window that does not overlap maintenanceWindow (${maintenanceWindow}) on any day: RDS refuses the two overlapping`);
  }
  const allowedCidrs = checkAllowedCidrs(check, "allowedCidrs", args.allowedCidrs);
  const allowedSecurityGroups = checkSecurityGroupMap(check, "allowedSecurityGroups", args.allowedSecurityGroups);
  checkKmsKeyArn(check, "kmsKeyArn", args.kmsKeyArn, { alias: true });
  check.bool("replicationSource", args.replicationSource);
  const databaseName = args.databaseName ?? "app";
  checkPgName(check, "databaseName", databaseName, "rds", "database");
  const masterUsername = args.masterUsername ?? "meridian_admin";
  checkPgName(check, "masterUsername", masterUsername, "rds", "role");
  check.bool("deletionProtection", args.deletionProtection);
  const protect = resolveProtect(check, opts, args.protect);
  const tags = checkTagsArg(check, args.tags, "aws");
  checkAlertDestinations(check, "alerts", args.alerts, "aws");
  const given = checkAlarmsArg<RdsPostgresAlarms>(check, "alarms", args.alarms, "{ cpuPercent, cpuMinutes, freeStoragePercent, connectionsPercent, maxConnections }");
  let alarms: RdsPostgresAlarmThresholds | false = false;
  if (given !== false) {
    alarms = {
      cpuPercent: threshold(check, "alarms.cpuPercent", given.cpuPercent, 80, 1, 100),
      cpuMinutes: threshold(check, "alarms.cpuMinutes", given.cpuMinutes, 15, 1, 60),
      freeStoragePercent: threshold(check, "alarms.freeStoragePercent", given.freeStoragePercent, 10, 1, 50),
      connectionsPercent: threshold(check, "alarms.connectionsPercent", given.connectionsPercent, 80, 1, 100),
      // The class pattern above admits only classes of the memory table.
      maxConnections: threshold(check, "alarms.maxConnections", given.maxConnections, rdsDefaultMaxConnections(instanceClass) ?? 5000, 1, 5000),
    };
  }
  return {
    version,
    instanceClass,
    allocatedStorageGiB,
    maxAllocatedStorageGiB,
    multiAz: args.multiAz ?? true,
    backupRetentionDays,
    backupWindow,
    maintenanceWindow,
    allowedCidrs,
    allowedSecurityGroups,
    replicationSource: args.replicationSource ?? false,
    databaseName,
    masterUsername,
    deletionProtection: args.deletionProtection ?? true,
    protect,
    alarms,
    tags,
  };
}

/**
 * PostgreSQL on Amazon RDS, secure by default: encrypted with a customer-managed KMS key (rotation on), private
 * (not publicly accessible, a security group admitting only what is given), SSL forced, the master password
 * generated and kept by RDS in Secrets Manager (never in Pulumi state), Multi-AZ, backups, deletion protection,
 * a final snapshot, Performance Insights and enhanced monitoring.
 */
export class RdsPostgres extends pulumi.ComponentResource {
  public readonly address: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly instanceArn: pulumi.Output<string>;
  public readonly instanceIdentifier: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The Secrets Manager secret RDS keeps the master credentials in. */
  public readonly masterSecretArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly databaseName: string;
  /** True when logical replication is on (a DMS CDC source). */
  public readonly replicationSource: boolean;
  /** The master user's name. */
  public readonly masterUsername: string;

  /**
   * How a workload connects: the address, the master user, and the secret RDS keeps (and rotates) its password in,
   * encrypted with this instance's key. Give it to `KubernetesApp`, `AwsFunction` or `ServerlessService` as
   * `database`; their identity gets read access to that secret and key, and nothing else.
   */
  public connection(): DatabaseConnection {
    return {
      cloud: "aws",
      host: this.address,
      port: this.port,
      databaseName: this.databaseName,
      userName: this.masterUsername,
      passwordSecret: this.masterSecretArn,
      passwordFormat: "rds-managed-json",
      passwordKmsKeyArn: this.kmsKeyArn,
    };
  }

  constructor(name: string, args: RdsPostgresArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateRdsPostgresArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, a.tags));
    const parent = childOptions(this, opts);
    // The instance and its key: protected when the component is (its option or its argument), never overridden to false.
    const stateful = statefulOptions(this, opts, a.protect);
    this.databaseName = a.databaseName;
    this.replicationSource = a.replicationSource;
    this.masterUsername = a.masterUsername;

    let kmsKeyArn: pulumi.Output<string>;
    if (args.kmsKeyArn) {
      kmsKeyArn = pulumi.output(args.kmsKeyArn);
    } else {
      const key = new Key(`${name}-key`, { description: `RDS PostgreSQL ${name}: storage, Performance Insights, master secret`, enableKeyRotation: true, deletionWindowInDays: 30 }, stateful);
      new Alias(`${name}-key`, { name: pulumi.interpolate`alias/meridian/${name}-${key.keyId.apply((id) => (id ?? "").slice(0, 8))}`, targetKeyId: key.keyId }, parent);
      kmsKeyArn = key.arn;
    }

    const subnetGroup = new SubnetGroup(`${name}-subnets`, { subnetIds: privateSubnetIdList(args.network), description: `${name}: private subnets` }, parent);
    const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.network.vpcId, description: `${name}: PostgreSQL clients only`, tags: { Name: `${name}-postgres` } }, parent);
    // Keyed by the block and by the name given, never by position: removing one replaces no other. The alias keeps the
    // rules a stack created under their positional names.
    a.allowedCidrs.forEach(({ cidr, key }, i) =>
      new SecurityGroupIngressRule(
        `${name}-cidr-${key}`,
        { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: cidr, description: "PostgreSQL" },
        childOptions(this, opts, { aliases: [{ name: `${name}-cidr-${i}` }] }),
      ),
    );
    a.allowedSecurityGroups.forEach(([key, sgId], i) =>
      new SecurityGroupIngressRule(
        `${name}-sg-${key}`,
        { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: sgId, description: "PostgreSQL" },
        childOptions(this, opts, { aliases: [{ name: `${name}-sg-${i}` }] }),
      ),
    );

    const parameters = [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }, { name: "log_min_duration_statement", value: "1000", applyMethod: "immediate" }];
    if (this.replicationSource) {
      // Static parameter: it takes effect after a reboot (see the README's DMS runbook).
      parameters.push({ name: "rds.logical_replication", value: "1", applyMethod: "pending-reboot" });
    }
    const parameterGroup = new ParameterGroup(`${name}-params`, { family: `postgres${a.version}`, description: `${name}: SSL forced${this.replicationSource ? ", logical replication" : ""}`, parameters }, parent);

    const monitoringRole = new Role(
      `${name}-monitoring`,
      {
        description: `RDS enhanced monitoring for ${name}`,
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      },
      parent,
    );
    new RolePolicyAttachment(`${name}-monitoring`, { role: monitoringRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }, parent);

    const instance = new Instance(
      `${name}-instance`,
      {
        engine: "postgres",
        engineVersion: String(a.version),
        // Extended support after end of standard support costs extra per vCPU-hour: opt in explicitly.
        engineLifecycleSupport: "open-source-rds-extended-support-disabled",
        instanceClass: a.instanceClass,
        storageType: "gp3",
        allocatedStorage: a.allocatedStorageGiB,
        // Equal to the allocation: storage autoscaling off, which the provider spells 0.
        maxAllocatedStorage: a.maxAllocatedStorageGiB === a.allocatedStorageGiB ? 0 : a.maxAllocatedStorageGiB,
        storageEncrypted: true,
        kmsKeyId: kmsKeyArn,
        multiAz: a.multiAz,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [sg.id],
        publiclyAccessible: false,
        parameterGroupName: parameterGroup.name,
        dbName: a.databaseName,
        username: a.masterUsername,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: kmsKeyArn,
        iamDatabaseAuthenticationEnabled: true,
        backupRetentionPeriod: a.backupRetentionDays,
        backupWindow: a.backupWindow,
        maintenanceWindow: a.maintenanceWindow,
        copyTagsToSnapshot: true,
        deleteAutomatedBackups: false,
        deletionProtection: a.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${name}-final`,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: kmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        monitoringInterval: 60,
        monitoringRoleArn: monitoringRole.arn,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        allowMajorVersionUpgrade: false,
      },
      stateful,
    );

    if (a.alarms !== false) this.createAlarms(name, a.alarms, a.allocatedStorageGiB, args.alerts, instance, parent);

    this.address = instance.address;
    this.port = instance.port;
    this.instanceArn = instance.arn;
    this.instanceIdentifier = instance.identifier;
    this.kmsKeyArn = kmsKeyArn;
    this.masterSecretArn = instance.masterUserSecrets.apply((s) => s?.[0]?.secretArn ?? "");
    this.securityGroupId = sg.id;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      instanceArn: this.instanceArn,
      instanceIdentifier: this.instanceIdentifier,
      kmsKeyArn: this.kmsKeyArn,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroupId,
      databaseName: this.databaseName,
      masterUsername: this.masterUsername,
      replicationSource: this.replicationSource,
    });
  }
  /**
   * The alarms. "Database down": AWS publishes no up/down metric for an RDS instance, so its own events say it: an
   * event subscription on the instance for the `availability` (shut down, restarted), `failover` (Multi-AZ failover
   * started, completed) and `failure` (the instance failed, storage full) categories, to the critical topic. Source:
   * Amazon RDS User Guide, "Amazon RDS event categories and event messages" — DB instance events (checked 2026-11-30).
   * The metrics are CloudWatch's `AWS/RDS` CPUUtilization (per cent), FreeStorageSpace (bytes) and DatabaseConnections
   * (count), dimension DBInstanceIdentifier. Source: Amazon RDS User Guide, "Amazon CloudWatch metrics for Amazon
   * RDS" (checked 2026-11-30).
   */
  private createAlarms(name: string, t: RdsPostgresAlarmThresholds, allocatedStorageGiB: number, alerts: AlertDestinations | undefined, instance: Instance, parent: pulumi.CustomResourceOptions): void {
    const subject = `RDS PostgreSQL ${name}`;
    if (alerts?.aws) {
      new EventSubscription(
        `${name}-down`,
        { snsTopic: alerts.aws.critical, sourceType: "db-instance", sourceIds: [instance.identifier], eventCategories: ["availability", "failover", "failure"], enabled: true },
        parent,
      );
    }
    const dimensions = { DBInstanceIdentifier: instance.identifier };
    const common = { namespace: "AWS/RDS", dimensions, period: 60, treatMissingData: "missing" };
    awsMetricAlarm(
      `${name}-cpu`,
      { severity: "warning", subject, condition: `CPUUtilization above ${t.cpuPercent} % for ${t.cpuMinutes} min`, step: "database-saturated" },
      alerts?.aws,
      {
        ...common,
        metricName: "CPUUtilization",
        statistic: "Average",
        evaluationPeriods: t.cpuMinutes,
        threshold: t.cpuPercent,
        comparisonOperator: "GreaterThanThreshold",
      },
      parent,
    );
    const freeBytes = Math.floor(allocatedStorageGiB * 1024 ** 3 * (t.freeStoragePercent / 100));
    awsMetricAlarm(
      `${name}-storage`,
      { severity: "warning", subject, condition: `FreeStorageSpace below ${t.freeStoragePercent} % of the ${allocatedStorageGiB} GiB allocated (${freeBytes} bytes) for 5 min`, step: "database-saturated" },
      alerts?.aws,
      {
        ...common,
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        evaluationPeriods: 5,
        threshold: freeBytes,
        comparisonOperator: "LessThanThreshold",
      },
      parent,
    );
    const connections = Math.floor((t.maxConnections * t.connectionsPercent) / 100);
    awsMetricAlarm(
      `${name}-connections`,
      { severity: "warning", subject, condition: `DatabaseConnections above ${connections} (${t.connectionsPercent} % of max_connections ${t.maxConnections}) for 5 min`, step: "database-saturated" },
      alerts?.aws,
      {
        ...common,
        metricName: "DatabaseConnections",
        statistic: "Maximum",
        evaluationPeriods: 5,
        threshold: connections,
        comparisonOperator: "GreaterThanThreshold",
      },
      parent,
    );
  }
}
