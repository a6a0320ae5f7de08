import { ServerlessService, validateServerlessServiceArgs, type ServerlessServiceArgs } from "../../../components/serverless";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, thresholdOf, awsNetwork } from "../../helpers/fixtures";

const T = "meridian:serverless:ServerlessService";
const ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1";
const aws: ServerlessServiceArgs = { cloud: "aws", image: ecr };
const gcp: ServerlessServiceArgs = { cloud: "gcp", image: "us-docker.pkg.dev/p/r/api:1", region: "us-central1" };
const azure: ServerlessServiceArgs = { cloud: "azure", image: "ghcr.io/acme/api:1", resourceGroupName: "rg", location: "eastus" };

describe("validateServerlessServiceArgs", () => {
  it.each<[string, ServerlessServiceArgs, string]>([
    ["memory above Lambda's", { ...aws, memoryMiB: 20000 }, `${T} 'api': memoryMiB must be an integer from 128 to 10240 (AWS Lambda's limit); got 20000.`],
    ["concurrency on Lambda", { ...aws, concurrency: 10 }, `${T} 'api': concurrency must be 1: a Lambda environment serves one request at a time (AWS Lambda's limit); got 10.`],
    ["CPU on Lambda", { ...aws, cpu: 2 }, `${T} 'api': cpu must be unset on aws (Lambda allocates CPU in proportion to memory: one vCPU at 1,769 MiB); got 2.`],
    ["a non-ECR image on Lambda", { ...aws, image: "docker.io/acme/api:1" }, `${T} 'api': image must be an Amazon ECR image (Lambda runs images from ECR only) (AWS Lambda's limit); got "docker.io/acme/api:1".`],
    ["memory below Cloud Run's", { ...gcp, memoryMiB: 256 }, `${T} 'api': memoryMiB must be an integer from 512 to 32768 (Cloud Run's limit); got 256.`],
    ["more memory than Cloud Run gives one CPU", { ...gcp, memoryMiB: 8192 }, `${T} 'api': memoryMiB must be an integer from 512 to 4096; got 8192.`],
    ["3 CPUs on Cloud Run", { ...gcp, cpu: 3 }, `${T} 'api': cpu must be one of 1, 2, 4, 6, 8 (Cloud Run's limit); got 3.`],
    ["memory that does not follow CPU on Container Apps", { ...azure, cpu: 1, memoryMiB: 1024 }, `${T} 'api': memoryMiB must be 2048 (2,048 MiB per vCPU; 1 vCPU asked) (Azure Container Apps's limit); got 1024.`],
    ["min above max", { ...gcp, minInstances: 5, maxInstances: 3 }, `${T} 'api': minInstances must be an integer from 0 to maxInstances (3); got 5.`],
    ["concurrency above 1000", { ...gcp, concurrency: 5000 }, `${T} 'api': concurrency must be an integer from 1 to 1000; got 5000.`],
    ["public and load-balanced at once", { ...gcp, public: true, loadBalanced: true }, `${T} 'api': public must be false when loadBalanced is true (the load balancer is the only way in); got true.`],
    ["an AWS network on GCP", { ...gcp, awsNetwork }, `${T} 'api': awsNetwork must be unset (cloud is gcp; awsNetwork is for aws); got "set".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateServerlessServiceArgs("api", args)).toThrow(message);
  });
});

describe("ServerlessService", () => {
  it("maps the spec onto Lambda, Cloud Run and Container Apps, private by default", async () => {
    const result = await runProgram(() => {
      new ServerlessService("a", { ...aws, memoryMiB: 1024, minInstances: 1, maxInstances: 20 });
      new ServerlessService("g", { ...gcp, cpu: 2, memoryMiB: 1024, concurrency: 40 });
      new ServerlessService("z", { ...azure, cpu: 1, maxInstances: 5 });
    });
    expect(resource(result, "aws:lambda/function:Function", "a-function").inputs).toMatchObject({ packageType: "Image", imageUri: ecr, memorySize: 1024, reservedConcurrentExecutions: 20 });
    expect(resource(result, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", "a-provisioned").inputs["provisionedConcurrentExecutions"]).toBe(1);
    expect(resource(result, "aws:lambda/functionUrl:FunctionUrl", "a-url").inputs["authorizationType"]).toBe("AWS_IAM");
    // No environment, no key of its own.
    expect(result.resources.filter((r) => r.type === "aws:kms/key:Key").map((r) => r.name)).toEqual([]);
    const run = resource(result, "gcp:cloudrunv2/service:Service", "g-service");
    expect(run.inputs).toMatchObject({ ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", template: { maxInstanceRequestConcurrency: 40, containers: [{ resources: { limits: { cpu: "2", memory: "1024Mi" } } }] } });
    expect(result.resources.filter((r) => r.type === "gcp:cloudrunv2/serviceIamMember:ServiceIamMember")).toEqual([]);
    const app = resource(result, "azure-native:app:ContainerApp", "z-app");
    expect(app.inputs).toMatchObject({
      configuration: { ingress: { external: false, allowInsecure: false, targetPort: 8080 } },
      template: { containers: [{ resources: { cpu: 1, memory: "2Gi" } }], scale: { minReplicas: 0, maxReplicas: 5, rules: [{ http: { metadata: { concurrentRequests: "80" } } }] } },
    });
  });

  it("opens each to the internet only when public: true", async () => {
    const result = await runProgram(() => {
      new ServerlessService("a", { ...aws, public: true });
      new ServerlessService("g", { ...gcp, public: true });
      new ServerlessService("z", { ...azure, public: true });
    });
    expect(resource(result, "aws:lambda/functionUrl:FunctionUrl", "a-url").inputs["authorizationType"]).toBe("NONE");
    expect(resource(result, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "g-public").inputs["member"]).toBe("allUsers");
    expect(resource(result, "azure-native:app:ContainerApp", "z-app").inputs).toMatchObject({ configuration: { ingress: { external: true } } });
  });

  it("behind a load balancer, has no other way in: no function URL; Cloud Run without its invoker check, internal and load-balancer ingress only", async () => {
    const result = await runProgram(() => {
      new ServerlessService("a", { ...aws, loadBalanced: true, awsNetwork, awsAllowedDestinations: [{ securityGroupId: "sg-db", port: 5432 }] });
      new ServerlessService("g", { ...gcp, loadBalanced: true });
    });
    expect(result.resources.filter((r) => r.type === "aws:lambda/functionUrl:FunctionUrl")).toEqual([]);
    expect(resource(result, "aws:lambda/function:Function", "a-function").inputs).toMatchObject({ vpcConfig: { subnetIds: ["subnet-a", "subnet-b"] } });
    expect(resource(result, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "a-to-5432").inputs).toMatchObject({ referencedSecurityGroupId: "sg-db", fromPort: 5432 });
    expect(resource(result, "gcp:cloudrunv2/service:Service", "g-service").inputs).toMatchObject({ ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", invokerIamDisabled: true });
    expect(result.resources.filter((r) => r.type === "gcp:cloudrunv2/serviceIamMember:ServiceIamMember")).toEqual([]);
  });
});

describe("ServerlessService protection", () => {
  it("passes its protection to the function's stateful children (the per-cloud component would not inherit it)", async () => {
    const env = { environment: { MODE: "prod" } };
    const byOption = await runProgram(() => new ServerlessService("a", { ...aws, ...env }, { protect: true }));
    const byArg = await runProgram(() => new ServerlessService("a", { ...aws, ...env, protect: true }));
    const none = await runProgram(() => new ServerlessService("a", { ...aws, ...env }));
    for (const [result, expected] of [[byOption, true], [byArg, true], [none, false]] as const) {
      expect(resource(result, "aws:cloudwatch/logGroup:LogGroup", "a-logs").protect).toBe(expected);
      expect(resource(result, "aws:kms/key:Key", "a-env").protect).toBe(expected);
    }
  });
});

describe("ServerlessService on Azure behind Front Door", () => {
  const warning = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/warning";
  const critical = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/critical";

  it("load-balanced means Front Door's public HTTPS origin; the app alarms on 5xx responses to the warning action group", async () => {
    const result = await runProgram(() => new ServerlessService("z", { ...azure, loadBalanced: true, alerts: { azure: { critical, warning } } }));
    const app = resource(result, "azure-native:app:ContainerApp", "z-app");
    expect(app.inputs).toMatchObject({ configuration: { ingress: { external: true, allowInsecure: false } } });
    const { tags: _tags, ...alert } = resource(result, "azure-native:monitor:MetricAlert", "z-5xx").inputs;
    expect(alert).toEqual({
      resourceGroupName: "rg",
      location: "global",
      description: expect.stringMatching(/^\[warning\] AzureContainerApp z: more than 10 5xx responses in 5 min\. Runbook function-errors: /),
      severity: 2,
      enabled: true,
      autoMitigate: true,
      scopes: [app.id],
      evaluationFrequency: "PT1M",
      windowSize: "PT5M",
      criteria: {
        odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
        allOf: [
          {
            criterionType: "StaticThresholdCriterion",
            name: "5xx",
            metricNamespace: "Microsoft.App/containerApps",
            metricName: "Requests",
            timeAggregation: "Total",
            operator: "GreaterThan",
            threshold: 10,
            dimensions: [{ name: "statusCodeCategory", operator: "Include", values: ["5xx"] }],
          },
        ],
      },
      actions: [{ actionGroupId: warning }],
    });
  });

  it("without alert destinations, still alarms, with no action", async () => {
    const result = await runProgram(() => new ServerlessService("z", azure));
    expect(resource(result, "azure-native:monitor:MetricAlert", "z-5xx").inputs["actions"]).toEqual([]);
  });

  it("creates no alert with alarms { enabled: false }, and refuses AWS and GCP thresholds there", async () => {
    const result = await runProgram(() => new ServerlessService("z", { ...azure, alarms: { enabled: false } }));
    expect(result.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert")).toEqual([]);
    expect(() => validateServerlessServiceArgs("api", { ...azure, alarms: { errorRatePercent: 3 } })).toThrow(
      `${T} 'api': alarms must be { enabled: false } or unset on azure (the Container App's one alert has no threshold here: use AzureContainerApp's errorAlertThreshold); got {"errorRatePercent":3}.`,
    );
  });

  it("refuses an Azure alert destination that is not an action group", () => {
    expect(() => validateServerlessServiceArgs("api", { ...azure, alerts: { azure: { critical: "arn:aws:sns:us-east-1:1:t", warning } } })).toThrow(
      `${T} 'api': alerts.azure.critical must be an action group's resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>; got "arn:aws:sns:us-east-1:1:t".`,
    );
  });
});

describe("ServerlessService on Azure: its URL", () => {
  it("is the app's stable ingress name, not the latest revision's", async () => {
    let url: Promise<string> = Promise.resolve("");
    const result = await runProgram(() => {
      const svc = new ServerlessService("z", { ...azure, public: true });
      url = new Promise((resolve) => svc.url.apply(resolve));
    });
    expect(await url).toMatch(/^https:\/\/z-app-[0-9a-f]+\.[0-9a-f]+\.eastus\.azurecontainerapps\.io$/);
    const revision = result.resources.find((r) => r.type === "azure-native:app:ContainerApp")!.state?.["latestRevisionFqdn"];
    expect(revision).toEqual(expect.stringMatching(/azurecontainerapps\.io$/));
    expect(await url).not.toBe(`https://${String(revision)}`);
  });
});

describe("ServerlessService alarms", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const of = (result: Result, type: string) => result.resources.filter((r) => r.type === type);

  it("hands alerts and thresholds to the AWS function", async () => {
    const result = await runProgram(() => new ServerlessService("api", { ...aws, alerts: alertDestinations, alarms: { errorRatePercent: 3, throttles: 2 } }));
    const errors = resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-errors").inputs;
    expect(errors).toMatchObject({ threshold: 3, evaluationPeriods: 5, alarmActions: [alertDestinations.aws.critical] });
    expect(resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-throttles").inputs).toMatchObject({ threshold: 2, alarmActions: [alertDestinations.aws.warning] });
  });

  it("hands alerts and thresholds to the Cloud Run service", async () => {
    const result = await runProgram(() => new ServerlessService("api", { ...gcp, alerts: alertDestinations, alarms: { latencyP99Ms: 500, latencyMinutes: 5 } }));
    const latency = resource(result, "gcp:monitoring/alertPolicy:AlertPolicy", "api-latency").inputs;
    expect(latency).toMatchObject({ notificationChannels: alertDestinations.gcp.warning });
    expect(thresholdOf(latency)).toMatchObject({ thresholdValue: 500, duration: "300s" });
  });

  it("creates none with { enabled: false }", async () => {
    const result = await runProgram(() => new ServerlessService("api", { ...gcp, alarms: { enabled: false } }));
    expect(of(result, "gcp:monitoring/alertPolicy:AlertPolicy")).toEqual([]);
  });

  it.each<[string, ServerlessServiceArgs, string]>([
    ["a latency threshold on AWS", { ...aws, alarms: { latencyP99Ms: 800 } }, `${T} 'api': alarms.latencyP99Ms must be unset (cloud is aws; latencyP99Ms is for gcp); got 800.`],
    ["a throttle threshold on GCP", { ...gcp, alarms: { throttles: 1 } }, `${T} 'api': alarms.throttles must be unset (cloud is gcp; throttles is for aws); got 1.`],
    ["a bad threshold, named as the facade's", { ...gcp, alarms: { errorRatePercent: 101 } }, `${T} 'api': alarms.errorRatePercent must be an integer from 1 to 100; got 101.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateServerlessServiceArgs("api", args)).toThrow(message);
  });
});
