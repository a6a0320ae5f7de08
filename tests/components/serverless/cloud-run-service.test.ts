import { CloudRunService, validateCloudRunServiceArgs, type CloudRunServiceArgs } from "../../../components/serverless";
import { GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, documentationOf, thresholdOf } from "../../helpers/fixtures";

const T = "meridian:serverless:CloudRunService";
const base: CloudRunServiceArgs = { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1" };

describe("validateCloudRunServiceArgs", () => {
  it.each<[string, Partial<CloudRunServiceArgs>, string]>([
    ["min above max", { minInstances: 5, maxInstances: 2 }, `${T} 'api': minInstances must be an integer from 0 to 2; got 5.`],
    ["concurrency above 1000", { concurrency: 1001 }, `${T} 'api': concurrency must be an integer from 1 to 1000; got 1001.`],
    ["too little memory for 4 CPUs", { cpu: "4", memoryMiB: 1024 }, `${T} 'api': memoryMiB must be an integer from 2048 to 16384; got 1024.`],
    ["more memory than 1 CPU takes", { memoryMiB: 8192 }, `${T} 'api': memoryMiB must be an integer from 512 to 4096; got 8192.`],
    ["a timeout above an hour", { timeoutSeconds: 3601 }, `${T} 'api': timeoutSeconds must be an integer from 1 to 3600; got 3601.`],
    ["3 CPUs", { cpu: "3" as never }, `${T} 'api': cpu must be one of "1", "2", "4", "6", "8"; got "3".`],
    ["no invoker check while open to all", { ingress: "all", invokerIamCheck: false }, `${T} 'api': invokerIamCheck must be true while ingress is "all" (without it anyone on the internet could call the service); got false.`],
    ["a bad variable name", { environment: { "1X": "v" } }, `${T} 'api': environment must be variable names of letters, digits and _ not starting with a digit; got "1X".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCloudRunServiceArgs("api", { ...base, ...args })).toThrow(message);
  });
});

describe("CloudRunService", () => {
  it("runs as its own service account, gen2, internal and load-balancer ingress, not public", async () => {
    const result = await runProgram(() => new CloudRunService("api", { ...base, environment: { MODE: "prod" }, secretEnvironment: { DB_PASSWORD: { secret: "db-password" } } }));
    const sa = resource(result, "gcp:serviceaccount/account:Account", "api-sa");
    expect(sa.inputs["accountId"]).toBe("run-api");
    const svc = resource(result, "gcp:cloudrunv2/service:Service", "api-service");
    expect(svc.inputs).toMatchObject({
      location: "us-central1",
      ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
      template: {
        serviceAccount: "run-api@meridian-offline.iam.gserviceaccount.com",
        executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
        maxInstanceRequestConcurrency: 80,
        timeout: "300s",
        scaling: { minInstanceCount: 0, maxInstanceCount: 10 },
        containers: [
          {
            image: "us-docker.pkg.dev/p/r/api:1",
            resources: { limits: { cpu: "1", memory: "512Mi" }, startupCpuBoost: true },
            envs: [{ name: "MODE", value: "prod" }, { name: "DB_PASSWORD", valueSource: { secretKeyRef: { secret: "db-password", version: "latest" } } }],
          },
        ],
      },
    });
    expect(result.resources.filter((r) => r.type === "gcp:cloudrunv2/serviceIamMember:ServiceIamMember")).toEqual([]);
  });

  it("adds the allUsers invoker only with allowUnauthenticated, and Direct VPC egress with a network", async () => {
    const result = await runProgram(() => {
      const network = new GcpNetwork("net", { region: "us-central1" });
      new CloudRunService("web", { ...base, allowUnauthenticated: true, ingress: "all", network });
    });
    expect(resource(result, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "web-public").inputs).toMatchObject({ role: "roles/run.invoker", member: "allUsers" });
    expect(resource(result, "gcp:cloudrunv2/service:Service", "web-service").inputs["template"]).toMatchObject({
      vpcAccess: { egress: "PRIVATE_RANGES_ONLY", networkInterfaces: [{ network: resource(result, "gcp:compute/network:Network", "net-vpc").id, subnetwork: resource(result, "gcp:compute/subnetwork:Subnetwork", "net-subnet").id }] },
    });
  });
});

describe("CloudRunService's service account", () => {
  it("keeps the id of an existing account: the id is derived from the name, and a changed derivation must not replace it", async () => {
    const result = await runProgram(() => new CloudRunService("api", base));
    expect(resource(result, "gcp:serviceaccount/account:Account", "api-sa")).toMatchObject({ inputs: { accountId: "run-api" }, ignoreChanges: ["accountId"] });
  });
});

describe("CloudRunService alert policies", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
  const policyOf = (result: Result, name: string) => resource(result, POLICY, name).inputs;
  const policyNames = (result: Result) => result.resources.filter((r) => r.type === POLICY).map((r) => r.name).sort();
  const service = (metric: string) => `metric.type = "run.googleapis.com/${metric}" AND resource.type = "cloud_run_revision" AND resource.label.service_name = "`;
  const perService = (aligner: string, reducer: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: ["resource.label.service_name"] }];

  it("pages on 5xx above 5 % of requests for 5 min (a ratio), warns on p99 latency above 1,000 ms for 10 min", async () => {
    const result = await runProgram(() => new CloudRunService("api", { ...base, alerts: alertDestinations }));
    expect(policyNames(result)).toEqual(["api-errors", "api-latency"]);
    const errors = policyOf(result, "api-errors");
    expect(errors).toMatchObject({ severity: "CRITICAL", combiner: "OR", notificationChannels: alertDestinations.gcp.critical });
    const ratio = thresholdOf(errors);
    expect(ratio.filter).toMatch(new RegExp(`^${service("request_count").replace(/[.()]/g, "\\$&")}api-service-[0-9a-f]+" AND metric\\.label\\.response_code_class = "5xx"$`));
    expect(ratio.denominatorFilter).toMatch(/^metric\.type = "run\.googleapis\.com\/request_count" AND resource\.type = "cloud_run_revision" AND resource\.label\.service_name = "api-service-[0-9a-f]+"$/);
    expect(ratio).toMatchObject({ aggregations: perService("ALIGN_RATE", "REDUCE_SUM"), denominatorAggregations: perService("ALIGN_RATE", "REDUCE_SUM"), comparison: "COMPARISON_GT", thresholdValue: 0.05, duration: "300s" });
    const latency = policyOf(result, "api-latency");
    expect(latency).toMatchObject({ severity: "WARNING", notificationChannels: alertDestinations.gcp.warning });
    expect(thresholdOf(latency)).toMatchObject({ aggregations: perService("ALIGN_DELTA", "REDUCE_PERCENTILE_99"), comparison: "COMPARISON_GT", thresholdValue: 1000, duration: "600s" });
    expect(thresholdOf(latency).filter).toContain(service("request_latencies"));
    expect(documentationOf(latency)).toBe(
      "[warning] Cloud Run api: p99 request latency above 1000 ms for 10 min. Runbook latency: p99 latency above target: check the database and scaling; shift traffic to the other cloud if one cloud is slow (degraded scenario) (README.md#runbook-alerts)",
    );
  });

  it("without alerts: no notification channels; { enabled: false } creates none", async () => {
    const quiet = await runProgram(() => new CloudRunService("api", base));
    for (const name of policyNames(quiet)) expect(policyOf(quiet, name)["notificationChannels"]).toEqual([]);
    const none = await runProgram(() => new CloudRunService("api", { ...base, alarms: { enabled: false } }));
    expect(policyNames(none)).toEqual([]);
  });

  it.each<[string, Partial<CloudRunServiceArgs>, string]>([
    ["a latency threshold of 0 ms", { alarms: { latencyP99Ms: 0 } }, `${T} 'api': alarms.latencyP99Ms must be an integer from 1 to 3600000; got 0.`],
    ["an error window of 2 hours", { alarms: { errorMinutes: 120 } }, `${T} 'api': alarms.errorMinutes must be an integer from 1 to 60; got 120.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCloudRunServiceArgs("api", { ...base, ...args })).toThrow(message);
  });
});
