import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { Alias } from "@pulumi/aws/lambda/alias";
import { Key } from "@pulumi/aws/kms/key";
import { Function as LambdaFunction } from "@pulumi/aws/lambda/function";
import { FunctionUrl } from "@pulumi/aws/lambda/functionUrl";
import { ProvisionedConcurrencyConfig } from "@pulumi/aws/lambda/provisionedConcurrencyConfig";
import { Queue } from "@pulumi/aws/sqs/queue";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { checkDatabaseConnection, checkDatabaseVariables, secretReadStatements, withDatabaseEnvironment, type DatabaseConnection } from "../database/connection";
import { CLOUDWATCH_RETENTION_DAYS, childOptions, validator, withStandardTags, type Tags } from "../core/shared";

const TYPE = "meridian:serverless:AwsFunction";

/** Lambda managed runtimes accepted for zip packages (Lambda Developer Guide, "Lambda runtimes", checked 2026-11-22). */
export const LambdaRuntime = {
  Nodejs20: "nodejs20.x",
  Nodejs22: "nodejs22.x",
  Python311: "python3.11",
  Python312: "python3.12",
  Python313: "python3.13",
  Java17: "java17",
  Java21: "java21",
  Dotnet8: "dotnet8",
  Ruby33: "ruby3.3",
  ProvidedAl2023: "provided.al2023",
} as const;
export type LambdaRuntime = (typeof LambdaRuntime)[keyof typeof LambdaRuntime];
export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = Object.values(LambdaRuntime);

/** The instruction set a function runs on. */
export const LambdaArchitecture = { Arm64: "arm64", X86_64: "x86_64" } as const;
export type LambdaArchitecture = (typeof LambdaArchitecture)[keyof typeof LambdaArchitecture];

/** How a function URL authenticates callers. */
export const FunctionUrlAuthType = { AwsIam: "AWS_IAM", None: "NONE" } as const;
export type FunctionUrlAuthType = (typeof FunctionUrlAuthType)[keyof typeof FunctionUrlAuthType];
/** Lambda limits (Lambda Developer Guide, "Lambda quotas", checked 2026-11-22). */
export const LAMBDA_LIMITS = { memoryMb: [128, 10240], timeoutSeconds: [1, 900] } as const;

/** An IAM statement the function's role gets, on top of what Meridian grants. Actions are never wildcards. */
export interface PolicyStatement {
  readonly actions: string[];
  readonly resources: pulumi.Input<string>[];
}

/** A security group the function may connect to, on one TCP port (a database's, say). */
export interface AwsSecurityGroupPort {
  readonly securityGroupId: pulumi.Input<string>;
  readonly port: number;
}

/** Private subnets a function runs in. */
export interface AwsFunctionVpc {
  readonly subnetIds: pulumi.Input<string>[];
  readonly vpcId: pulumi.Input<string>;
  /** Security groups the function may reach besides HTTPS anywhere (AWS APIs): its database, say. @default [] */
  readonly allowedDestinations?: AwsSecurityGroupPort[];
}

/** A function URL. */
export interface AwsFunctionUrl {
  /** `AWS_IAM` signs requests; `NONE` makes the URL public (an explicit opt-out). @default "AWS_IAM" */
  readonly authType?: FunctionUrlAuthType;
}

export interface AwsFunctionArgs {
  /**
   * The code as a Pulumi archive, e.g. `new pulumi.asset.FileArchive("./dist/api")`. Exactly one of `code` and
   * `imageUri`.
   */
  readonly code?: pulumi.asset.Archive;
  /** A container image in ECR. Exactly one of `code` and `imageUri`. */
  readonly imageUri?: pulumi.Input<string>;
  /** For `code`: the managed runtime. */
  readonly runtime?: LambdaRuntime;
  /** For `code`: the handler, e.g. `index.handler`. */
  readonly handler?: string;
  /** arm64 is cheaper per GB-second and starts faster; x86_64 when a dependency needs it. @default "arm64" */
  readonly architecture?: LambdaArchitecture;
  /** 128–10,240 MB. @default 512 */
  readonly memoryMb?: number;
  /** 1–900 s. @default 30 */
  readonly timeoutSeconds?: number;
  /** Environment variables. */
  readonly environment?: Record<string, pulumi.Input<string>>;
  /**
   * A KMS key ARN to encrypt the environment with. @default - a key of the function's own (rotation on) when it has
   * an environment; none (Lambda's own key) when it has none
   */
  readonly environmentKmsKeyArn?: pulumi.Input<string>;
  /** How long logs are kept: a CloudWatch retention value. @default 30 */
  readonly logRetentionDays?: number;
  /** Concurrency reserved for (and capped to) this function. @default - unreserved */
  readonly reservedConcurrency?: number;
  /** Pre-initialised environments on the `live` alias (publishes a version). @default - none */
  readonly provisionedConcurrency?: number;
  /** An encrypted SQS dead-letter queue for failed asynchronous invocations. @default false */
  readonly deadLetterQueue?: boolean;
  /** Private subnets to run in; a security group is created for the function. @default - no VPC */
  readonly vpc?: AwsFunctionVpc;
  /** A function URL. `AWS_IAM` signs requests; `NONE` makes it public — an explicit opt-out. @default - no URL */
  readonly url?: AwsFunctionUrl;
  /**
   * The database it connects to (`RdsPostgres.connection()`): its address and user come as `PG*` variables and the
   * password's secret ARN as `DB_PASSWORD_SECRET`; the role may read that secret (and decrypt it with its key),
   * nothing else. The function reads the password at start, and again when a login fails (after a rotation).
   * @default - none
   */
  readonly database?: DatabaseConnection;
  /** Statements added to the function's role (least privilege: name the actions and resources). */
  readonly policyStatements?: PolicyStatement[];
  readonly tags?: Tags;
}

interface Resolved {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly architecture: LambdaArchitecture;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAwsFunctionArgs(name: string, args: AwsFunctionArgs): Resolved {
  const check = validator(TYPE, name);
  if ((args.code === undefined) === (args.imageUri === undefined)) {
    check.fail("code / imageUri", { code: args.code !== undefined, imageUri: args.imageUri !== undefined }, "exactly one of code (a zip package) and imageUri (a container image)");
  }
  if (args.code !== undefined) {
    if (!pulumi.asset.Archive.isInstance(args.code)) check.fail("code", args.code, 'a Pulumi archive, such as new pulumi.asset.FileArchive("./dist/api")');
    if (args.runtime === undefined) check.fail("runtime", args.runtime, `one of ${LAMBDA_RUNTIMES.join(", ")} (required with code)`);
    check.oneOf("runtime", args.runtime, LAMBDA_RUNTIMES);
    check.requiredPattern("handler", args.handler, /^\S+$/, "the handler, such as index.handler (required with code)");
  } else if (args.runtime !== undefined || args.handler !== undefined) {
    check.fail(args.runtime !== undefined ? "runtime" : "handler", args.runtime ?? args.handler, "unset with imageUri (the image defines its runtime and entry point)");
  }
  const memoryMb = args.memoryMb ?? 512;
  check.intRange("memoryMb", memoryMb, ...LAMBDA_LIMITS.memoryMb);
  const timeoutSeconds = args.timeoutSeconds ?? 30;
  check.intRange("timeoutSeconds", timeoutSeconds, ...LAMBDA_LIMITS.timeoutSeconds);
  const logRetentionDays = args.logRetentionDays ?? 30;
  check.oneOf("logRetentionDays", logRetentionDays, CLOUDWATCH_RETENTION_DAYS);
  const architecture = args.architecture ?? "arm64";
  check.oneOf("architecture", architecture, Object.values(LambdaArchitecture));
  if (args.reservedConcurrency !== undefined) check.intRange("reservedConcurrency", args.reservedConcurrency, 1, 1000);
  if (args.provisionedConcurrency !== undefined) {
    check.intRange("provisionedConcurrency", args.provisionedConcurrency, 1, args.reservedConcurrency ?? 1000);
  }
  check.oneOf("url.authType", args.url?.authType, Object.values(FunctionUrlAuthType));
  checkDatabaseConnection(check, "database", args.database, "aws");
  if (args.database !== undefined && args.vpc === undefined) check.fail("vpc", undefined, "the private subnets to run in: the database is private");
  if (args.database !== undefined) checkDatabaseVariables(check, Object.keys(args.environment ?? {}));
  (args.vpc?.allowedDestinations ?? []).forEach((d, i) => check.intRange(`vpc.allowedDestinations[${i}].port`, d.port, 1, 65535));
  (args.policyStatements ?? []).forEach((s, i) => {
    if (s.actions.length === 0) check.fail(`policyStatements[${i}].actions`, s.actions, "at least one action");
    const wild = s.actions.find((a) => a === "*" || /:\*$/.test(a));
    if (wild !== undefined) check.fail(`policyStatements[${i}].actions`, wild, "named actions, not wildcards (least privilege)");
  });
  return { memoryMb, timeoutSeconds, logRetentionDays, architecture };
}

/**
 * An AWS Lambda function with its own least-privilege role: logs to a retained log group (created first), X-Ray
 * tracing, arm64 by default; optional KMS-encrypted environment, reserved and provisioned concurrency, an
 * encrypted dead-letter queue, VPC placement and a function URL signed with IAM.
 */
export class AwsFunction extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly functionArn: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The function URL, when `url` is set. */
  public readonly url: pulumi.Output<string> | undefined;
  /** The alias callers should invoke (`live`, which has the provisioned concurrency), or undefined for the function itself. */
  public readonly qualifier: string | undefined;
  /** The ARN callers invoke: the `live` alias's when there is one, else the function's. */
  public readonly invokeTargetArn: pulumi.Output<string>;
  /** The function's security group, when it runs in a VPC: let it into what it connects to. */
  public readonly securityGroupId: pulumi.Output<string> | undefined;

  constructor(name: string, args: AwsFunctionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAwsFunctionArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);

    const logGroup = new LogGroup(`${name}-logs`, { retentionInDays: a.logRetentionDays }, parent);
    const role = new Role(
      `${name}-role`,
      {
        description: `Lambda ${name}`,
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      },
      parent,
    );

    // The environment (which names where the secrets are, and whatever else the caller puts there) is encrypted with
    // a customer-managed key, the function's own unless one is given.
    const hasEnvironment = Object.keys(args.environment ?? {}).length > 0 || args.database !== undefined;
    const envKeyArn: pulumi.Input<string> | undefined =
      args.environmentKmsKeyArn ??
      (hasEnvironment ? new Key(`${name}-env`, { description: `Lambda ${name}: environment variables`, enableKeyRotation: true, deletionWindowInDays: 30 }, parent).arn : undefined);

    let dlq: Queue | undefined;
    if (args.deadLetterQueue) {
      dlq = new Queue(`${name}-dlq`, { messageRetentionSeconds: 1209600, ...(envKeyArn ? { kmsMasterKeyId: envKeyArn } : { sqsManagedSseEnabled: true }) }, parent);
    }
    let securityGroupIds: pulumi.Output<string>[] | undefined;
    let alias: Alias | undefined;
    if (args.vpc) {
      const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.vpc.vpcId, description: `Lambda ${name}: no inbound; HTTPS out`, tags: { Name: `${name}-lambda` } }, parent);
      new SecurityGroupEgressRule(`${name}-https`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to AWS APIs and dependencies" }, parent);
      (args.vpc.allowedDestinations ?? []).forEach((d, i) =>
        new SecurityGroupEgressRule(`${name}-to-${i}`, { securityGroupId: sg.id, referencedSecurityGroupId: d.securityGroupId, ipProtocol: "tcp", fromPort: d.port, toPort: d.port, description: `port ${d.port}` }, parent),
      );
      securityGroupIds = [sg.id];
    }

    // Only what the function needs: its log group, traces, its ENIs in a VPC, its DLQ and key, and the caller's statements.
    const statements: Array<{ Effect: "Allow"; Action: string[]; Resource: pulumi.Input<pulumi.Input<string>[]>; Condition?: unknown }> = [
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate`${logGroup.arn}:*`] },
      // X-Ray does not support resource-level permissions.
      { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
    ];
    if (args.vpc) {
      // Lambda manages the function's network interfaces; these EC2 actions have no resource-level scoping.
      statements.push({ Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"], Resource: ["*"] });
    }
    if (dlq) statements.push({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [dlq.arn] });
    // Decrypt the environment; the dead-letter queue, encrypted with the same key, also needs data keys to send.
    if (envKeyArn) statements.push({ Effect: "Allow", Action: dlq ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], Resource: [envKeyArn] });
    if (args.database) {
      // Its own database password, and only that.
      statements.push(...secretReadStatements([args.database.passwordSecret], args.database.passwordKmsKeyArn ? [args.database.passwordKmsKeyArn] : []));
    }
    for (const s of args.policyStatements ?? []) statements.push({ Effect: "Allow", Action: s.actions, Resource: s.resources });
    const policy = new RolePolicy(`${name}-policy`, { role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) }, parent);

    const publish = args.provisionedConcurrency !== undefined;
    const source =
      args.code !== undefined
        ? { packageType: "Zip", code: args.code, runtime: args.runtime, handler: args.handler }
        : { packageType: "Image", imageUri: args.imageUri };
    const fn = new LambdaFunction(
      `${name}-function`,
      {
        ...source,
        role: role.arn,
        architectures: [a.architecture],
        memorySize: a.memoryMb,
        timeout: a.timeoutSeconds,
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        environment: args.environment || args.database ? { variables: withDatabaseEnvironment(args.environment, args.database) } : undefined,
        kmsKeyArn: envKeyArn,
        reservedConcurrentExecutions: args.reservedConcurrency,
        deadLetterConfig: dlq ? { targetArn: dlq.arn } : undefined,
        vpcConfig: args.vpc && securityGroupIds ? { subnetIds: args.vpc.subnetIds, securityGroupIds } : undefined,
        publish,
      },
      // The log group and the role's permissions exist before the function can write or run.
      childOptions(this, opts, { dependsOn: [logGroup, policy] }),
    );

    let qualifier: pulumi.Output<string> | undefined;
    if (publish) {
      alias = new Alias(`${name}-live`, { functionName: fn.name, functionVersion: fn.version, name: "live" }, parent);
      new ProvisionedConcurrencyConfig(`${name}-provisioned`, { functionName: fn.name, qualifier: alias.name, provisionedConcurrentExecutions: args.provisionedConcurrency! }, parent);
      qualifier = alias.name;
    }
    let url: FunctionUrl | undefined;
    if (args.url) url = new FunctionUrl(`${name}-url`, { functionName: fn.name, qualifier, authorizationType: args.url.authType ?? "AWS_IAM" }, parent);

    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
    this.url = url?.functionUrl;
    this.qualifier = alias ? "live" : undefined;
    this.invokeTargetArn = alias ? alias.arn : fn.arn;
    this.securityGroupId = securityGroupIds?.[0];
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      roleArn: this.roleArn,
      logGroupName: this.logGroupName,
      url: this.url,
      qualifier: this.qualifier,
      invokeTargetArn: this.invokeTargetArn,
      securityGroupId: this.securityGroupId,
    });
  }
}
