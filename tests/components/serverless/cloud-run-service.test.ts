import { CloudRunService, validateCloudRunServiceArgs, type CloudRunServiceArgs } from "../../../components/serverless";
import { GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

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
