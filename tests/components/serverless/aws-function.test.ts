import * as pulumi from "@pulumi/pulumi";
import { AwsFunction, validateAwsFunctionArgs, type AwsFunctionArgs } from "../../../components/serverless";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, awsNetwork as network } from "../../helpers/fixtures";

const T = "meridian:serverless:AwsFunction";
const zip: AwsFunctionArgs = { code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({})") }), runtime: "nodejs22.x", handler: "index.handler" };

describe("validateAwsFunctionArgs", () => {
  it.each<[string, AwsFunctionArgs, string]>([
    ["both code and image", { ...zip, imageUri: "123.dkr.ecr.us-east-1.amazonaws.com/app:1" }, `${T} 'fn': code / imageUri must be exactly one of code (a zip package) and imageUri (a container image); got {"code":true,"imageUri":true}.`],
    ["neither code nor image", {}, `${T} 'fn': code / imageUri must be exactly one of code (a zip package) and imageUri (a container image); got {"code":false,"imageUri":false}.`],
    ["an unknown runtime", { ...zip, runtime: "nodejs8.10" as never }, `${T} 'fn': runtime must be one of "nodejs20.x", "nodejs22.x"`],
    ["memory above Lambda's limit", { ...zip, memoryMiB: 10241 }, `${T} 'fn': memoryMiB must be an integer from 128 to 10240; got 10241.`],
    ["a timeout above 15 minutes", { ...zip, timeoutSeconds: 901 }, `${T} 'fn': timeoutSeconds must be an integer from 1 to 900; got 901.`],
    ["provisioned above reserved", { ...zip, reservedConcurrency: 5, provisionedConcurrency: 10 }, `${T} 'fn': provisionedConcurrency must be an integer from 1 to 5; got 10.`],
    ["a wildcard action", { ...zip, policyStatements: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b/*"] }] }, `${T} 'fn': policyStatements[0].actions must be named actions, not wildcards (least privilege); got "s3:*".`],
    ["a runtime with an image", { imageUri: "img", runtime: "python3.12" }, `${T} 'fn': runtime must be unset with imageUri (the image defines its runtime and entry point); got "python3.12".`],
    ["a directory path instead of an archive", { ...zip, code: "./dist/api" as never }, `${T} 'fn': code must be a Pulumi archive, such as new pulumi.asset.FileArchive("./dist/api"); got "./dist/api".`],
    ["a destination port outside 1-65535", { ...zip, network, allowedDestinations: [{ securityGroupId: "sg-db", port: 0 }] }, `${T} 'fn': allowedDestinations[0].port must be an integer from 1 to 65535; got 0.`],
    ["a retention CloudWatch does not offer", { ...zip, logRetentionDays: 31 }, `${T} 'fn': logRetentionDays must be one of 1, 3, 5`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAwsFunctionArgs("fn", args)).toThrow(message);
  });
});

describe("AwsFunction", () => {
  it("runs arm64 with tracing, a retained log group made first, and a role with no wildcard actions", async () => {
    const result = await runProgram(() => new AwsFunction("api", { ...zip, environment: { MODE: "prod" } }));
    const fn = resource(result, "aws:lambda/function:Function", "api-function");
    const logs = resource(result, "aws:cloudwatch/logGroup:LogGroup", "api-logs");
    expect(logs.inputs["retentionInDays"]).toBe(30);
    expect(fn.inputs).toMatchObject({
      packageType: "Zip",
      runtime: "nodejs22.x",
      handler: "index.handler",
      architectures: ["arm64"],
      memorySize: 512,
      timeout: 30,
      tracingConfig: { mode: "Active" },
      loggingConfig: { logFormat: "JSON", logGroup: logs.id },
      environment: { variables: { MODE: "prod" } },
      publish: false,
    });
    expect(fn.dependsOn).toEqual(expect.arrayContaining([logs.urn, resource(result, "aws:iam/rolePolicy:RolePolicy", "api-policy").urn]));
    const policy = JSON.parse(resource(result, "aws:iam/rolePolicy:RolePolicy", "api-policy").inputs["policy"] as string);
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "kms:Decrypt"]);
    // The environment is encrypted with a key of the function's own, which its role may decrypt with.
    const key = resource(result, "aws:kms/key:Key", "api-env");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(fn.inputs["kmsKeyArn"]).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    expect(policy.Statement[2]).toEqual({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: [fn.inputs["kmsKeyArn"]] });
    expect(actions.some((a: string) => a.includes("*"))).toBe(false);
    expect(policy.Statement[0].Resource).toEqual([expect.stringMatching(/:\*$/)]);
    expect(result.resources.filter((r) => r.type === "aws:lambda/functionUrl:FunctionUrl")).toEqual([]);
  });

  it("adds the VPC, DLQ, KMS, provisioned concurrency and an IAM-signed URL when asked", async () => {
    const result = await runProgram(() => {
      const fn = new AwsFunction("worker", {
        imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1",
        memoryMiB: 1024,
        reservedConcurrency: 20,
        provisionedConcurrency: 2,
        deadLetterQueue: true,
        environmentKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        network,
        allowedDestinations: [{ securityGroupId: "sg-db", port: 5432 }],
        url: {},
        policyStatements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::assets/*"] }],
      });
      return { url: fn.url, qualifier: fn.qualifier, target: fn.invokeTargetArn, sg: fn.securityGroupId };
    });
    const fn = resource(result, "aws:lambda/function:Function", "worker-function");
    expect(fn.inputs).toMatchObject({ packageType: "Image", reservedConcurrentExecutions: 20, publish: true, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", vpcConfig: { subnetIds: ["subnet-a", "subnet-b"] } });
    expect(fn.inputs["deadLetterConfig"]).toEqual({ targetArn: expect.stringMatching(/^arn:aws:sqs:/) });
    expect(resource(result, "aws:sqs/queue:Queue", "worker-dlq").inputs).toMatchObject({ kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" });
    expect(resource(result, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "worker-provisioned").inputs).toMatchObject({ provisionedConcurrentExecutions: 2, qualifier: "live" });
    expect(resource(result, "aws:lambda/functionUrl:FunctionUrl", "worker-url").inputs).toMatchObject({ authorizationType: "AWS_IAM", qualifier: "live" });
    expect(result.outputs["url"]).toMatch(/^https:\/\/[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    const actions = JSON.parse(resource(result, "aws:iam/rolePolicy:RolePolicy", "worker-policy").inputs["policy"] as string).Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toEqual(expect.arrayContaining(["ec2:CreateNetworkInterface", "sqs:SendMessage", "kms:Decrypt", "s3:GetObject"]));
    expect(resource(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "worker-https").inputs).toMatchObject({ fromPort: 443, toPort: 443 });
    // Its database, by security group and port: nothing else inside the VPC. Keyed by the port, aliased to the old positional name.
    const toDb = resource(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "worker-to-5432");
    expect(toDb.inputs).toMatchObject({ referencedSecurityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 });
    expect(toDb.aliasCount).toBe(1);
    expect(toDb.aliases).toEqual([expect.stringMatching(/::worker-to-0$/)]);
    const sg = resource(result, "aws:ec2/securityGroup:SecurityGroup", "worker-sg");
    expect(sg.inputs["vpcId"]).toBe("vpc-1");
    // Callers invoke the alias with the provisioned concurrency.
    expect(result.outputs).toMatchObject({ qualifier: "live", target: expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:.+:live$/), sg: sg.id });
  });

  it("keys each destination by its port, or the name it is given, so removing the first replaces only that one", async () => {
    const result = await runProgram(
      () =>
        new AwsFunction("worker", {
          ...zip,
          network,
          allowedDestinations: [
            { securityGroupId: "sg-cache", port: 6379 },
            { securityGroupId: "sg-orders", port: 5432, name: "orders-db" },
            { securityGroupId: "sg-billing", port: 5432, name: "billing-db" },
          ],
        }),
    );
    const rules = result.resources.filter((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" && r.name !== "worker-https");
    expect(rules.map((r) => [r.name, r.inputs["referencedSecurityGroupId"], r.aliasCount])).toEqual([
      ["worker-to-6379", "sg-cache", 1],
      ["worker-to-orders-db", "sg-orders", 1],
      ["worker-to-billing-db", "sg-billing", 1],
    ]);
  });

  it("protects its log group and its environment's key when the component is protected, and nothing else", async () => {
    const result = await runProgram(() => new AwsFunction("api", { ...zip, environment: { MODE: "prod" } }, { protect: true }));
    expect(resource(result, "aws:cloudwatch/logGroup:LogGroup", "api-logs").protect).toBe(true);
    expect(resource(result, "aws:kms/key:Key", "api-env").protect).toBe(true);
    const unprotected = await runProgram(() => new AwsFunction("api", { ...zip, environment: { MODE: "dev" } }));
    expect(resource(unprotected, "aws:cloudwatch/logGroup:LogGroup", "api-logs").protect).toBe(false);
    expect(resource(unprotected, "aws:kms/key:Key", "api-env").protect).toBe(false);
    const byArg = await runProgram(() => new AwsFunction("api", { ...zip, protect: true }));
    expect(resource(byArg, "aws:cloudwatch/logGroup:LogGroup", "api-logs").protect).toBe(true);
    expect(resource(byArg, "aws:iam/role:Role", "api-role").protect).toBe(false);
  });
});

describe("AwsFunction alarms", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const alarmOf = (result: Result, name: string) => resource(result, ALARM, name).inputs;
  const alarmNames = (result: Result) => result.resources.filter((r) => r.type === ALARM).map((r) => r.name).sort();
  const fnName = expect.stringMatching(/^api-function-/);

  it("pages on errors above 5 % of invocations for 5 minutes (metric math), warns on any throttle", async () => {
    const result = await runProgram(() => new AwsFunction("api", { ...zip, alerts: alertDestinations }));
    expect(alarmNames(result)).toEqual(["api-errors", "api-throttles"]);
    const metric = (id: string, metricName: string) => ({ id, metric: { namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: fnName }, period: 60, stat: "Sum" } });
    expect(alarmOf(result, "api-errors")).toEqual({
      alarmDescription: "[critical] Lambda api: errors above 5 % of invocations for 5 min. Runbook function-errors: Serverless errors or throttles: check the function's logs and concurrency limits (README.md#runbook-alerts)",
      metricQueries: [metric("errors", "Errors"), metric("invocations", "Invocations"), { id: "rate", expression: "100 * errors / invocations", label: "Error rate (%)", returnData: true }],
      evaluationPeriods: 5,
      threshold: 5,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [alertDestinations.aws.critical],
      okActions: [alertDestinations.aws.critical],
    });
    expect(alarmOf(result, "api-throttles")).toMatchObject({
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: fnName },
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      alarmActions: [alertDestinations.aws.warning],
    });
  });

  it("without alerts: the alarms have no actions; thresholds and { enabled: false } are taken", async () => {
    const quiet = await runProgram(() => new AwsFunction("api", zip));
    for (const name of alarmNames(quiet)) expect(alarmOf(quiet, name)).toMatchObject({ alarmActions: [], okActions: [] });
    const tuned = await runProgram(() => new AwsFunction("api", { ...zip, alarms: { errorRatePercent: 2, errorMinutes: 10, throttles: 5 } }));
    expect(alarmOf(tuned, "api-errors")).toMatchObject({ threshold: 2, evaluationPeriods: 10 });
    expect(alarmOf(tuned, "api-throttles")["threshold"]).toBe(5);
    const none = await runProgram(() => new AwsFunction("api", { ...zip, alarms: { enabled: false } }));
    expect(alarmNames(none)).toEqual([]);
  });

  it.each<[string, Partial<AwsFunctionArgs>, string]>([
    ["an error rate of 0 %", { alarms: { errorRatePercent: 0 } }, `${T} 'api': alarms.errorRatePercent must be an integer from 1 to 100; got 0.`],
    ["negative throttles", { alarms: { throttles: -1 } }, `${T} 'api': alarms.throttles must be an integer from 0 to 1000000; got -1.`],
    ["alerts that are a topic, not destinations", { alerts: "arn:aws:sns:us-east-1:123456789012:a" as never }, `${T} 'api': alerts must be alert destinations by cloud and severity`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAwsFunctionArgs("api", { ...zip, ...args })).toThrow(message);
  });
});
