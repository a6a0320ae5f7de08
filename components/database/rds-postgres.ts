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
import { childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import type { DatabaseConnection } from "./connection";
import { checkPgIdentifier } from "./internal/identifiers";
import { requireCidr } from "../network/internal/cidr";

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

export interface RdsPostgresArgs {
  /** Private subnets in at least two AZs (a DB subnet group needs two). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The VPC of the subnets. */
  readonly vpcId: pulumi.Input<string>;
  /** PostgreSQL major version. @default 17 */
  readonly version?: number;
  /** @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /** gp3 storage, GiB (20–65,536). @default 20 */
  readonly allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling, GiB; at least `allocatedStorageGiB`. @default 100 */
  readonly maxAllocatedStorageGiB?: number;
  /** A standby in another AZ with synchronous replication. @default true */
  readonly multiAz?: boolean;
  /** Days of automated backups, 1–35 (0 would turn backups off; not offered). @default 14 */
  readonly backupRetentionDays?: number;
  /** @default "03:00-04:00" (UTC) */
  readonly backupWindow?: string;
  /** @default "sun:04:30-sun:05:30" (UTC) */
  readonly maintenanceWindow?: string;
  /** CIDR blocks allowed to connect on the PostgreSQL port. @default - none */
  readonly allowedCidrs?: string[];
  /** Security groups allowed to connect on the PostgreSQL port. @default - none */
  readonly allowedSecurityGroupIds?: pulumi.Input<string>[];
  /** A customer-managed KMS key ARN for storage, Performance Insights and the master secret. @default - a key with rotation is created */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** This instance feeds logical replication (DMS CDC): turns on `rds.logical_replication`. @default false */
  readonly replicationSource?: boolean;
  /** The initial database's name. @default "app" */
  readonly databaseName?: string;
  /** The master user's name (its password is generated and kept by RDS in Secrets Manager). @default "meridian_admin" */
  readonly masterUsername?: string;
  /** Deletion protection on the instance. @default true */
  readonly deletionProtection?: boolean;
  /** Protect the instance and its key in Pulumi (set in prod): a refactor can never delete them. @default false */
  readonly protect?: boolean;
  readonly tags?: Tags;
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
  readonly allowedCidrs: string[];
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly deletionProtection: boolean;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateRdsPostgresArgs(name: string, args: RdsPostgresArgs): Resolved {
  const check = validator(TYPE, name);
  const version = args.version ?? 17;
  check.oneOf("version", version, RDS_POSTGRES_VERSIONS);
  const instanceClass = args.instanceClass ?? "db.t4g.medium";
  check.pattern("instanceClass", instanceClass, RDS_INSTANCE_CLASS, "an RDS instance class of a current family, such as db.t4g.medium, db.m7g.large or db.r7g.xlarge");
  if (!Array.isArray(args.subnetIds) || args.subnetIds.length < 2) {
    check.fail("subnetIds", args.subnetIds, "at least two subnets in different AZs (a DB subnet group, and Multi-AZ, need two)");
  }
  const allocatedStorageGiB = args.allocatedStorageGiB ?? 20;
  check.intRange("allocatedStorageGiB", allocatedStorageGiB, 20, 65536);
  const maxAllocatedStorageGiB = args.maxAllocatedStorageGiB ?? Math.max(100, allocatedStorageGiB);
  check.intRange("maxAllocatedStorageGiB", maxAllocatedStorageGiB, allocatedStorageGiB, 65536);
  const backupRetentionDays = args.backupRetentionDays ?? 14;
  check.intRange("backupRetentionDays", backupRetentionDays, 1, 35);
  const backupWindow = args.backupWindow ?? "03:00-04:00";
  check.pattern("backupWindow", backupWindow, BACKUP_WINDOW, 'a UTC window "hh:mm-hh:mm"');
  const maintenanceWindow = args.maintenanceWindow ?? "sun:04:30-sun:05:30";
  check.pattern("maintenanceWindow", maintenanceWindow, MAINTENANCE_WINDOW, 'a UTC window "ddd:hh:mm-ddd:hh:mm"');
  const allowedCidrs = args.allowedCidrs ?? [];
  allowedCidrs.forEach((c, i) => {
    const parsed = requireCidr(check, `allowedCidrs[${i}]`, c);
    if (parsed.prefix === 0) check.fail(`allowedCidrs[${i}]`, c, "a block narrower than 0.0.0.0/0 (a database is never open to the internet)");
  });
  const databaseName = args.databaseName ?? "app";
  checkPgIdentifier(check, "databaseName", databaseName);
  const masterUsername = args.masterUsername ?? "meridian_admin";
  checkPgIdentifier(check, "masterUsername", masterUsername);
  if (["postgres", "rdsadmin", "admin", "user"].includes(masterUsername)) check.fail("masterUsername", masterUsername, "a name RDS does not reserve (not postgres, rdsadmin, admin or user)");
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
    databaseName,
    masterUsername,
    deletionProtection: args.deletionProtection ?? true,
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
    const a = validateRdsPostgresArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const stateful = childOptions(this, opts, { protect: args.protect ?? false });
    this.databaseName = a.databaseName;
    this.replicationSource = args.replicationSource ?? false;
    this.masterUsername = a.masterUsername;

    let kmsKeyArn: pulumi.Output<string>;
    if (args.kmsKeyArn) {
      kmsKeyArn = pulumi.output(args.kmsKeyArn);
    } else {
      const key = new Key(`${name}-key`, { description: `RDS PostgreSQL ${name}: storage, Performance Insights, master secret`, enableKeyRotation: true, deletionWindowInDays: 30 }, stateful);
      new Alias(`${name}-key`, { name: pulumi.interpolate`alias/meridian/${name}-${key.keyId.apply((id) => (id ?? "").slice(0, 8))}`, targetKeyId: key.keyId }, parent);
      kmsKeyArn = key.arn;
    }

    const subnetGroup = new SubnetGroup(`${name}-subnets`, { subnetIds: args.subnetIds, description: `${name}: private subnets` }, parent);
    const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: `${name}: PostgreSQL clients only`, tags: { Name: `${name}-postgres` } }, parent);
    a.allowedCidrs.forEach((cidr, i) =>
      new SecurityGroupIngressRule(`${name}-cidr-${i}`, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: cidr, description: "PostgreSQL" }, parent),
    );
    (args.allowedSecurityGroupIds ?? []).forEach((sgId, i) =>
      new SecurityGroupIngressRule(`${name}-sg-${i}`, { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: sgId, description: "PostgreSQL" }, parent),
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
        maxAllocatedStorage: a.maxAllocatedStorageGiB,
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
}
