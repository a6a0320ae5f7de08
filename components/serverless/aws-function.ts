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
import type { AlertDestinations } from "../core/alerts";
import { checkAlarmsArg, checkAlertDestinations, threshold } from "../core/internal/alarms";
import { awsMetricAlarm } from "../core/internal/aws-metric-alarms";
import { checkDatabaseConnection, checkDatabaseVariables, secretReadStatements, withDatabaseEnvironment, type DatabaseConnection } from "../database/connection";
import { CLOUDWATCH_RETENTION_DAYS, NAME_RULES, checkArgs, checkComponentName, childOptions, derived, isPlainObject, resolveProtect, statefulOptions, validator, withStandardTags, type Tags, type Validator } from "../core/shared";
import { privateSubnetIdList, type AwsNetworkRef } from "../network/aws-network";
import { checkKmsKeyArn, checkRef, checkReplacedArgs, checkTagsArg } from "../core/internal/checks";
import { checkEnvironment, checkImage } from "../core/internal/workload-checks";
import { checkAwsNetworkRef } from "../network/internal/refs";
import { LAMBDA_ENVIRONMENT, LAMBDA_ENVIRONMENT_BYTES, plainEnvironmentBytes } from "./internal/checks";

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
/**
 * Lambda limits (Lambda Developer Guide, "Lambda quotas", checked 2026-11-22). Memory is in MiB: Lambda's "MB" are
 * binary (10,240 is 10 GiB), and `memorySize` takes the number as it is.
 */
export const LAMBDA_LIMITS = { memoryMiB: [128, 10240], timeoutSeconds: [1, 900] } as const;

/** An Amazon ECR image URI: Lambda runs container images from ECR only. */
export const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** A stable key for an allowed destination: it names the egress rule. */
const DESTINATION_KEY = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** An IAM statement the function's role gets, on top of what Meridian grants. Actions are never wildcards. */
export interface PolicyStatement {
  readonly actions: string[];
  readonly resources: pulumi.Input<string>[];
}

/** A security group the function may connect to, on one TCP port (a database's, say). */
export interface AwsSecurityGroupPort {
  readonly securityGroupId: pulumi.Input<string>;
  readonly port: number;
  /**
   * A stable key (lower case, digits, hyphens) naming the egress rule: needed when two destinations share a port.
   * @default - the port
   */
  readonly name?: string;
}

/** A function URL. */
export interface AwsFunctionUrl {
  /** `AWS_IAM` signs requests; `NONE` makes the URL public (an explicit opt-out). @default "AWS_IAM" */
  readonly authType?: FunctionUrlAuthType;
}

/**
 * The thresholds of an AwsFunction's alarms, on CloudWatch's `AWS/Lambda` metrics (dimension FunctionName: every
 * version and alias of the function), 60-second periods.
 */
export interface AwsFunctionAlarms {
  /** `false`: no alarms (then give no thresholds). @default true */
  readonly enabled?: boolean;
  /** Critical when Errors / Invocations stays above this per cent for `errorMinutes`. 1–100. @default 5 */
  readonly errorRatePercent?: number;
  /** 1–60. @default 5 */
  readonly errorMinutes?: number;
  /** Warning when Throttles (sum over 5 minutes) is above this count. 0–1,000,000. @default 0 */
  readonly throttles?: number;
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
  /** Memory in MiB (what Lambda calls MB), 128–10,240. @default 512 */
  readonly memoryMiB?: number;
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
  /**
   * The network to run in (an `AwsNetwork` fits as it is): the function's interfaces go in its private subnets, with
   * a security group of its own. @default - no VPC
   */
  readonly network?: AwsNetworkRef;
  /** Security groups the function may reach besides HTTPS anywhere (AWS APIs): its database, say. Needs `network`. @default [] */
  readonly allowedDestinations?: AwsSecurityGroupPort[];
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
  /**
   * Protect the stateful children in Pulumi (the log group, the dead-letter queue, and the environment's key when the function has its
   * own). The component's own `protect` resource option says the same; when both are given they must agree.
   * @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  /**
   * Where the alarms go, by severity (`AlertRouting`'s destinations; this component uses `aws`). Without it the
   * alarms exist and show their state, but notify no one. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alarms' thresholds (see `AwsFunctionAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: AwsFunctionAlarms;
  readonly tags?: Tags;
}

/** The resolved alarm thresholds. */
export interface AwsFunctionAlarmThresholds {
  readonly errorRatePercent: number;
  readonly errorMinutes: number;
  readonly throttles: number;
}

interface Resolved {
  readonly protect: boolean;
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly architecture: LambdaArchitecture;
  /** The allowed destinations with their stable keys, in order. */
  readonly destinations: ReadonlyArray<{ readonly key: string; readonly destination: AwsSecurityGroupPort }>;
  readonly alarms: AwsFunctionAlarmThresholds | false;
}

/** Checks the caller's IAM statements: a list of { actions, resources }, named actions only (no wildcards). */
function checkPolicyStatements(check: Validator, statements: PolicyStatement[] | undefined): void {
  check.list("policyStatements", statements, "IAM statements { actions, resources }").forEach((s, i) => {
    const f = `policyStatements[${i}]`;
    if (!isPlainObject(s)) check.fail(f, s, "an IAM statement { actions, resources }");
    const actions = check.requiredList(`${f}.actions`, s.actions, "IAM actions such as s3:GetObject", { min: 1 });
    actions.forEach((a, j) => check.requiredPattern(`${f}.actions[${j}]`, a, /^[a-zA-Z0-9-]+:[A-Za-z0-9*?]+$/, "an IAM action such as s3:GetObject"));
    const wild = actions.find((a) => a === "*" || /:\*$/.test(a));
    if (wild !== undefined) check.fail(`${f}.actions`, wild, "named actions, not wildcards (least privilege)");
    check.requiredList(`${f}.resources`, s.resources, "resource ARNs", { min: 1 }).forEach((r, j) => checkRef(check, `${f}.resources[${j}]`, r, "a resource ARN"));
  });
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAwsFunctionArgs(name: string, args: AwsFunctionArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { vpc: "unset: give network (an AwsNetworkRef) and allowedDestinations", memoryMb: "unset: the argument is memoryMiB (the value is in MiB)" });
  // Physical names from the component's name, all auto-named by Pulumi: the function, its role; the Name tag.
  checkComponentName(check, name, [derived(NAME_RULES.aws.lambdaFunctionName, "-function", true), derived(NAME_RULES.aws.iamRoleName, "-role", true), derived(NAME_RULES.aws.nameTag, "-lambda")]);
  const protect = resolveProtect(check, opts, args.protect);
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
  if (args.imageUri !== undefined) {
    checkImage(check, "imageUri", args.imageUri);
    if (typeof args.imageUri === "string" && !ECR_IMAGE.test(args.imageUri)) check.fail("imageUri", args.imageUri, "an Amazon ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> (Lambda runs images from ECR only)");
  }
  const memoryMiB = args.memoryMiB ?? 512;
  check.intRange("memoryMiB", memoryMiB, ...LAMBDA_LIMITS.memoryMiB);
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
  check.bool("deadLetterQueue", args.deadLetterQueue);
  const url = args.url === undefined ? undefined : check.record("url", args.url, "a function URL { authType }");
  check.oneOf("url.authType", url?.authType, Object.values(FunctionUrlAuthType));
  checkKmsKeyArn(check, "environmentKmsKeyArn", args.environmentKmsKeyArn);
  checkEnvironment(check, "environment", args.environment, LAMBDA_ENVIRONMENT);
  if (plainEnvironmentBytes(args.environment ?? {}) > LAMBDA_ENVIRONMENT_BYTES) {
    check.fail("environment", `${plainEnvironmentBytes(args.environment ?? {})} bytes`, `at most ${LAMBDA_ENVIRONMENT_BYTES} bytes of names and values (Lambda's limit for a function's environment)`);
  }
  checkDatabaseConnection(check, "database", args.database, "aws");
  if (args.network !== undefined) checkAwsNetworkRef(check, "network", args.network);
  if (args.database !== undefined && args.network === undefined) check.fail("network", undefined, "the network whose private subnets the function runs in: the database is private");
  if (args.database !== undefined) checkDatabaseVariables(check, Object.keys(args.environment ?? {}));
  const destinations = check.list("allowedDestinations", args.allowedDestinations, "security groups and ports { securityGroupId, port }").map((d, i) => {
    const f = `allowedDestinations[${i}]`;
    if (!isPlainObject(d)) check.fail(f, d, "a security group and port { securityGroupId, port }");
    checkRef(check, `${f}.securityGroupId`, d.securityGroupId, "the security group's id");
    if (d.port === undefined) check.fail(`${f}.port`, d.port, "an integer from 1 to 65535");
    check.intRange(`${f}.port`, d.port, 1, 65535);
    check.pattern(`${f}.name`, d.name, DESTINATION_KEY, "a stable key: lower-case letters, digits and hyphens, at most 31");
    return { key: d.name ?? String(d.port), destination: d };
  });
  if (destinations.length > 0 && args.network === undefined) check.fail("allowedDestinations", args.allowedDestinations, "unset without network (a function outside a VPC has no security group)");
  check.distinct("allowedDestinations", destinations, (d) => d.key);
  checkPolicyStatements(check, args.policyStatements);
  checkTagsArg(check, args.tags, "aws");
  checkAlertDestinations(check, "alerts", args.alerts, "aws");
  const given = checkAlarmsArg<AwsFunctionAlarms>(check, "alarms", args.alarms, "{ errorRatePercent, errorMinutes, throttles }");
  const alarms: AwsFunctionAlarmThresholds | false =
    given === false
      ? false
      : {
          errorRatePercent: threshold(check, "alarms.errorRatePercent", given.errorRatePercent, 5, 1, 100),
          errorMinutes: threshold(check, "alarms.errorMinutes", given.errorMinutes, 5, 1, 60),
          throttles: threshold(check, "alarms.throttles", given.throttles, 0, 0, 1_000_000),
        };
  return { protect, memoryMiB, timeoutSeconds, logRetentionDays, architecture, destinations, alarms };
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
    const a = validateAwsFunctionArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const stateful = statefulOptions(this, opts, a.protect);

    const logGroup = new LogGroup(`${name}-logs`, { retentionInDays: a.logRetentionDays }, stateful);
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
      (hasEnvironment ? new Key(`${name}-env`, { description: `Lambda ${name}: environment variables`, enableKeyRotation: true, deletionWindowInDays: 30 }, stateful).arn : undefined);

    let dlq: Queue | undefined;
    if (args.deadLetterQueue) {
      dlq = new Queue(`${name}-dlq`, { messageRetentionSeconds: 1209600, ...(envKeyArn ? { kmsMasterKeyId: envKeyArn } : { sqsManagedSseEnabled: true }) }, stateful);
    }
    let securityGroupIds: pulumi.Output<string>[] | undefined;
    let alias: Alias | undefined;
    if (args.network) {
      const sg = new SecurityGroup(`${name}-sg`, { vpcId: args.network.vpcId, description: `Lambda ${name}: no inbound; HTTPS out`, tags: { Name: `${name}-lambda` } }, parent);
      new SecurityGroupEgressRule(`${name}-https`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to AWS APIs and dependencies" }, parent);
      // Keyed by the destination (its name, else its port), so removing one replaces only that one; the alias keeps
      // a rule made when they were keyed by position.
      a.destinations.forEach(({ key, destination: d }, i) =>
        new SecurityGroupEgressRule(
          `${name}-to-${key}`,
          { securityGroupId: sg.id, referencedSecurityGroupId: d.securityGroupId, ipProtocol: "tcp", fromPort: d.port, toPort: d.port, description: `port ${d.port}` },
          childOptions(this, opts, { aliases: [{ name: `${name}-to-${i}` }] }),
        ),
      );
      securityGroupIds = [sg.id];
    }

    // Only what the function needs: its log group, traces, its ENIs in a VPC, its DLQ and key, and the caller's statements.
    const statements: Array<{ Effect: "Allow"; Action: string[]; Resource: pulumi.Input<pulumi.Input<string>[]>; Condition?: unknown }> = [
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate`${logGroup.arn}:*`] },
      // X-Ray does not support resource-level permissions.
      { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
    ];
    if (args.network) {
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
        memorySize: a.memoryMiB,
        timeout: a.timeoutSeconds,
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        environment: args.environment || args.database ? { variables: withDatabaseEnvironment(args.environment, args.database) } : undefined,
        kmsKeyArn: envKeyArn,
        reservedConcurrentExecutions: args.reservedConcurrency,
        deadLetterConfig: dlq ? { targetArn: dlq.arn } : undefined,
        vpcConfig: args.network && securityGroupIds ? { subnetIds: privateSubnetIdList(args.network), securityGroupIds } : undefined,
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

    if (a.alarms !== false) createFunctionAlarms(name, a.alarms, args.alerts, fn.name, parent);

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

/**
 * The function's alarms. Metrics: `AWS/Lambda` Errors, Invocations and Throttles (counts; Sum), dimension
 * FunctionName. Source: AWS Lambda Developer Guide, "Types of metrics for Lambda functions" (checked 2026-11-30). The
 * error rate is metric math, 100 × Errors / Invocations: a minute without invocations has no rate, and missing data
 * is not breaching.
 */
function createFunctionAlarms(name: string, t: AwsFunctionAlarmThresholds, alerts: AlertDestinations | undefined, functionName: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): void {
  const subject = `Lambda ${name}`;
  const metric = (id: string, metricName: string) => ({ id, metric: { namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: functionName }, period: 60, stat: "Sum" } });
  awsMetricAlarm(
    `${name}-errors`,
    { severity: "critical", subject, condition: `errors above ${t.errorRatePercent} % of invocations for ${t.errorMinutes} min`, step: "function-errors" },
    alerts?.aws,
    {
      metricQueries: [metric("errors", "Errors"), metric("invocations", "Invocations"), { id: "rate", expression: "100 * errors / invocations", label: "Error rate (%)", returnData: true }],
      evaluationPeriods: t.errorMinutes,
      threshold: t.errorRatePercent,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    opts,
  );
  awsMetricAlarm(
    `${name}-throttles`,
    { severity: "warning", subject, condition: `throttles above ${t.throttles} in 5 min`, step: "function-errors" },
    alerts?.aws,
    {
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: functionName },
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: t.throttles,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    opts,
  );
}
