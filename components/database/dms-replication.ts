import * as pulumi from "@pulumi/pulumi";
import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
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
import { childOptions, toGcpName, validator, withStandardTags, type Tags } from "../core/shared";
import { checkPgIdentifier } from "./internal/identifiers";
import { createAlertTopic } from "../core/internal/aws-alert-topic";

const TYPE = "meridian:database:DmsReplication";

/** DMS replication instance classes accepted (DMS User Guide, "Choosing the right replication instance", checked 2026-11-22). */
export const DMS_INSTANCE_CLASS = /^dms\.(t3\.(micro|small|medium|large)|(c5|c6i|r5|r6i)\.(large|xlarge|2xlarge|4xlarge|8xlarge|9xlarge|12xlarge|16xlarge|24xlarge))$/;

/** How DMS reaches a target: over the VPN (a private address) or over the internet (a public one). */
export const TargetReachability = { Private: "private", Public: "public" } as const;
export type TargetReachability = (typeof TargetReachability)[keyof typeof TargetReachability];

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

export interface DmsReplicationArgs {
  /** The source: an RDS instance with `replicationSource: true` (logical replication on). */
  readonly source: ReplicationSourceRef;
  /** The target: `cloudSql.replicationTarget()` for a Cloud SQL instance, or any PostgreSQL endpoint. */
  readonly target: PostgresTarget;
  /** Private subnets (at least two AZs) of the source's VPC for the replication instance. */
  readonly subnetIds: pulumi.Input<string>[];
  readonly vpcId: pulumi.Input<string>;
  /**
   * How replication traffic reaches the target: `vpn` (the target's private IP over a `CrossCloudVpn`) or
   * `public` (its public IP, TLS over the internet; the replication instance then gets a public IP). `public`
   * is an explicit opt-out, never inferred. @default "vpn"
   */
  readonly connectivity?: DmsConnectivity;
  /** @default "dms.t3.medium" */
  readonly instanceClass?: string;
  /** GiB for the instance's logs and cached changes, 5–6,144. @default 50 */
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
  /** Minutes the lag must stay above `maxLagSeconds` before the alarm fires, 1–60. @default 2 */
  readonly alarmAfterMinutes?: number;
  /** Start the task on create. Off by default: the source needs its replication user first (see the runbook). @default false */
  readonly startTask?: boolean;
  /** The replication user DMS logs in to the source as (create it with the runbook). @default "dms_replication" */
  readonly sourceUserName?: string;
  /** Protect the credential secrets in Pulumi (prod). @default false */
  readonly protect?: boolean;
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
  readonly alarmAfterMinutes: number;
  readonly sourceUserName: string;
}

const PATTERN = /^[A-Za-z0-9_%$-]{1,128}$/;

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
export function validateDmsReplicationArgs(name: string, args: DmsReplicationArgs): Resolved {
  const check = validator(TYPE, name);
  if (!args.source?.replicationSource) {
    check.fail("source", args.source?.replicationSource, "an RdsPostgres created with replicationSource: true (DMS change data capture needs logical replication)");
  }
  if (!Array.isArray(args.subnetIds) || args.subnetIds.length < 2) check.fail("subnetIds", args.subnetIds, "at least two subnets in different AZs");
  const connectivity = args.connectivity ?? "vpn";
  check.oneOf("connectivity", connectivity, Object.values(DmsConnectivity));
  if (args.target) {
    check.oneOf("target.reachability", args.target.reachability, Object.values(TargetReachability));
    if (args.target.reachability === "public" && args.connectivity !== "public") {
      check.fail("connectivity", args.connectivity, '"public", set explicitly: the target is reachable only over a public IP, and sending replication over the internet must be a decision, not a default');
    }
    if (args.target.reachability === "private" && connectivity === "public") check.fail("connectivity", connectivity, '"vpn": the target has only a private address');
    check.intRange("target.port", args.target.port, 1, 65535);
  } else {
    check.fail("target", args.target, "a PostgreSQL endpoint { host, port, databaseName, userName, password, reachability } (for Cloud SQL: its replicationTarget())");
  }
  const instanceClass = args.instanceClass ?? "dms.t3.medium";
  check.pattern("instanceClass", instanceClass, DMS_INSTANCE_CLASS, "a DMS replication instance class such as dms.t3.medium or dms.c5.large");
  const allocatedStorageGiB = args.allocatedStorageGiB ?? 50;
  check.intRange("allocatedStorageGiB", allocatedStorageGiB, 5, 6144);
  const migrationType = args.migrationType ?? "full-load-and-cdc";
  check.oneOf("migrationType", migrationType, Object.values(DmsMigrationType));
  const include = args.include ?? [{ schema: "%", table: "%" }];
  const exclude = args.exclude ?? [];
  if (include.length === 0) check.fail("include", include, "at least one schema/table pattern (nothing would replicate)");
  [...include.map((p, i) => [`include[${i}]`, p] as const), ...exclude.map((p, i) => [`exclude[${i}]`, p] as const)].forEach(([field, p]) => {
    check.requiredPattern(`${field}.schema`, p.schema, PATTERN, "a schema name or pattern (letters, digits, _ $ - and % as a wildcard)");
    check.requiredPattern(`${field}.table`, p.table, PATTERN, "a table name or pattern (letters, digits, _ $ - and % as a wildcard)");
  });
  const maxLagSeconds = args.maxLagSeconds ?? 10;
  check.intRange("maxLagSeconds", maxLagSeconds, 1, 3600);
  const alarmAfterMinutes = args.alarmAfterMinutes ?? 2;
  check.intRange("alarmAfterMinutes", alarmAfterMinutes, 1, 60);
  const sourceUserName = args.sourceUserName ?? "dms_replication";
  checkPgIdentifier(check, "sourceUserName", sourceUserName);
  return {
    connectivity,
    instanceClass,
    allocatedStorageGiB,
    multiAz: args.multiAz ?? true,
    migrationType,
    tableMappings: tableMappings(include, exclude),
    maxLagSeconds,
    alarmAfterMinutes,
    sourceUserName,
  };
}

/** DMS task settings: logging, validation and batch apply on (DMS User Guide, "Specifying task settings"). */
export const TASK_SETTINGS = {
  Logging: { EnableLogging: true },
  ValidationSettings: { EnableValidation: true, ThreadCount: 5 },
  TargetMetadata: { BatchApplyEnabled: true, SupportLobs: true, LimitedSizeLobMode: true, LobMaxSize: 32 },
  FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" },
  ChangeProcessingTuning: { BatchApplyTimeoutMin: 1, BatchApplyTimeoutMax: 5, MinTransactionSize: 1000 },
};

/**
 * Change-data-capture replication from an RDS PostgreSQL primary to a PostgreSQL standby (Cloud SQL by default)
 * with AWS DMS: a private, encrypted, Multi-AZ replication instance; source and target endpoints over TLS whose
 * credentials DMS reads from Secrets Manager; a `full-load-and-cdc` task; alarms on source and target CDC lag at
 * `maxLagSeconds` and a subscription to task failures, all to an encrypted topic. Exports the RPO it guards.
 */
export class DmsReplication extends pulumi.ComponentResource {
  public readonly replicationTaskArn: pulumi.Output<string>;
  public readonly replicationInstanceArn: pulumi.Output<string>;
  public readonly alarmTopicArn: pulumi.Output<string>;
  /** The CDC lag (seconds) at which someone is paged: compare with the RPO target. */
  public readonly rpoGuardSeconds: number;
  /** The secret holding the source replication user's credentials (create the user with them: see the runbook). */
  public readonly sourceSecretArn: pulumi.Output<string>;

  constructor(name: string, args: DmsReplicationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateDmsReplicationArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.rpoGuardSeconds = a.maxLagSeconds;
    const kmsKeyArn = pulumi.output(args.kmsKeyArn ?? args.source.kmsKeyArn);
    const id = (role: string) => toGcpName(`${name}-${role}`, 63); // DMS identifiers: letters, digits, hyphens

    const t = args.target;
    const target = { host: pulumi.output(t.host), port: t.port, databaseName: t.databaseName, userName: t.userName, password: pulumi.output(t.password), caCertPem: t.caCertPem };

    // Network: the instance reaches the source through its security group, and the target on 5432 only.
    const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: `${name}: DMS replication instance`, tags: { Name: `${name}-dms` } }, parent);
    new SecurityGroupIngressRule(`${name}-to-source`, { securityGroupId: args.source.securityGroupId, referencedSecurityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: `DMS ${name}` }, parent);
    new SecurityGroupEgressRule(`${name}-source`, { securityGroupId: sg.id, referencedSecurityGroupId: args.source.securityGroupId, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "to the source" }, parent);
    new SecurityGroupEgressRule(`${name}-target`, { securityGroupId: sg.id, cidrIpv4: pulumi.interpolate`${target.host}/32`, ipProtocol: "tcp", fromPort: target.port, toPort: target.port, description: "to the target" }, parent);

    const subnetGroup = new ReplicationSubnetGroup(`${name}-subnets`, { replicationSubnetGroupId: id("subnets"), replicationSubnetGroupDescription: `${name}: DMS`, subnetIds: args.subnetIds }, parent);
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
      },
      parent,
    );

    // Credentials live in Secrets Manager, encrypted with the replication key; DMS reads them through a role.
    const sourcePassword = new RandomPassword(`${name}-source-password`, { length: 32, special: false }, parent);
    const secretOpts = childOptions(this, opts, { protect: args.protect ?? false });
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
        replicationTaskSettings: JSON.stringify(TASK_SETTINGS),
        startReplicationTask: args.startTask ?? false,
      },
      parent,
    );

    const { topic } = createAlertTopic(name, ["cloudwatch.amazonaws.com", "dms.amazonaws.com"], parent);
    // CloudWatch names a task by its resource identifier, the last segment of its ARN.
    const taskResourceId = task.replicationTaskArn.apply((arn) => (arn ?? "").split(":").pop() ?? "");
    for (const metric of ["CDCLatencySource", "CDCLatencyTarget"] as const) {
      new MetricAlarm(
        `${name}-${metric === "CDCLatencySource" ? "lag-source" : "lag-target"}`,
        {
          alarmDescription: `${name}: ${metric} above ${a.maxLagSeconds} s for ${a.alarmAfterMinutes} min — the standby falls behind the RPO`,
          namespace: "AWS/DMS",
          metricName: metric,
          dimensions: { ReplicationInstanceIdentifier: instance.replicationInstanceId, ReplicationTaskIdentifier: taskResourceId },
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: a.alarmAfterMinutes,
          threshold: a.maxLagSeconds,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "breaching",
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        parent,
      );
    }
    new EventSubscription(`${name}-failures`, { name: id("failures"), snsTopicArn: topic.arn, sourceType: "replication-task", sourceIds: [task.replicationTaskId], eventCategories: ["failure"], enabled: true }, parent);

    this.replicationTaskArn = task.replicationTaskArn;
    this.replicationInstanceArn = instance.replicationInstanceArn;
    this.alarmTopicArn = topic.arn;
    this.sourceSecretArn = sourceSecret.arn;
    this.registerOutputs({
      replicationTaskArn: this.replicationTaskArn,
      replicationInstanceArn: this.replicationInstanceArn,
      alarmTopicArn: this.alarmTopicArn,
      rpoGuardSeconds: this.rpoGuardSeconds,
      sourceSecretArn: this.sourceSecretArn,
    });
  }

  private credentialsSecret(name: string, kmsKeyArn: pulumi.Input<string>, value: Record<string, pulumi.Input<string | number>>, opts: pulumi.CustomResourceOptions): Secret {
    const secret = new Secret(name, { description: `${name}: DMS endpoint credentials`, kmsKeyId: kmsKeyArn, recoveryWindowInDays: 7 }, opts);
    new SecretVersion(name, { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(value)) }, opts);
    return secret;
  }
}
