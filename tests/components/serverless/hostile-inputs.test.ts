/**
 * Hostile input for the serverless components: each is refused at construction with Meridian's message, before
 * anything is registered (tests/helpers/hostile.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsFunction, AzureContainerApp, AzureFunctionApp, CloudRunService, ServerlessService, type AwsFunctionArgs, type AzureContainerAppArgs, type AzureFunctionAppArgs, type CloudRunServiceArgs, type ServerlessServiceArgs } from "../../../components/serverless";
import type { DatabaseConnection } from "../../../components/database/connection";
import { hostileInputs } from "../../helpers/hostile";
import { runProgram } from "../../helpers/offline";
import { awsDatabaseConnection as awsDb, awsNetwork as network } from "../../helpers/fixtures";

const zip: AwsFunctionArgs = { code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({})") }), runtime: "nodejs22.x", handler: "index.handler" };
const gcpDb: DatabaseConnection = { cloud: "gcp", host: "10.30.0.3", port: 5432, databaseName: "app", userName: "app", passwordSecret: "projects/p/secrets/db-password", passwordFormat: "plain" };
const run: CloudRunServiceArgs = { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1" };
const fnApp: AzureFunctionAppArgs = { resourceGroupName: "rg", location: "eastus", runtime: "node", runtimeVersion: "22" };
const aca: AzureContainerAppArgs = { resourceGroupName: "rg", location: "eastus", image: "ghcr.io/acme/api:1" };
const ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1";
const svcAws: ServerlessServiceArgs = { cloud: "aws", image: ecr };
const svcGcp: ServerlessServiceArgs = { cloud: "gcp", image: "us-docker.pkg.dev/p/r/api:1", region: "us-central1" };
const svcAzure: ServerlessServiceArgs = { cloud: "azure", image: "ghcr.io/acme/api:1", resourceGroupName: "rg", location: "eastus" };
const long = "a".repeat(300);

hostileInputs("meridian:serverless:AwsFunction", [
  { what: "a name with an underscore", field: "name", build: () => new AwsFunction("orders_fn", zip) },
  { what: "a 300-character name", field: "name", build: () => new AwsFunction(long, zip) },
  { what: "the name __proto__", field: "name", build: () => new AwsFunction("__proto__", zip) },
  { what: "a non-ASCII name", field: "name", build: () => new AwsFunction("données", zip) },
  { what: "a name too long for the auto-named function (47 + -function + 8 > 64)", field: "name", build: () => new AwsFunction("a".repeat(48), zip) },
  { what: "args of null", field: "args", build: () => new AwsFunction("fn", null as never) },
  { what: "args of undefined", field: "args", build: () => new AwsFunction("fn", undefined as never) },
  { what: "a variable name starting with a digit", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { "1BAD": "x" } }) },
  { what: "a variable name with =", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { "A=B": "x" } }) },
  { what: "an empty variable name", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { "": "x" } }) },
  { what: "a variable Lambda reserves (AWS_REGION)", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { AWS_REGION: "eu-west-1" } }) },
  { what: "a variable Lambda reserves (_HANDLER)", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { _HANDLER: "x" } }) },
  { what: "a variable the database connection sets", field: "environment", build: () => new AwsFunction("fn", { ...zip, network, database: awsDb, environment: { PGHOST: "elsewhere" } }) },
  { what: "a variable value that is not a string", field: "environment.RETRIES", build: () => new AwsFunction("fn", { ...zip, environment: { RETRIES: 3 as never } }) },
  { what: "an environment over Lambda's 4 KB", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { BIG: "x".repeat(5000) } }) },
  { what: "the runtime __proto__", field: "runtime", build: () => new AwsFunction("fn", { ...zip, runtime: "__proto__" as never }) },
  { what: "the runtime toString", field: "runtime", build: () => new AwsFunction("fn", { ...zip, runtime: "toString" as never }) },
  { what: "actions as a string", field: "policyStatements[0].actions", build: () => new AwsFunction("fn", { ...zip, policyStatements: [{ actions: "s3:GetObject" as never, resources: ["arn:aws:s3:::b/*"] }] }) },
  { what: "statements as an object", field: "policyStatements", build: () => new AwsFunction("fn", { ...zip, policyStatements: { actions: ["s3:GetObject"] } as never }) },
  { what: "destinations without a network (they would be ignored)", field: "allowedDestinations", build: () => new AwsFunction("fn", { ...zip, allowedDestinations: [{ securityGroupId: "sg-db", port: 5432 }] }) },
  { what: "two destinations on one port with no names", field: "allowedDestinations", build: () => new AwsFunction("fn", { ...zip, network, allowedDestinations: [{ securityGroupId: "sg-a", port: 5432 }, { securityGroupId: "sg-b", port: 5432 }] }) },
  { what: "a database and no network", field: "network", build: () => new AwsFunction("fn", { ...zip, database: awsDb }) },
  { what: "a network with no VPC id", field: "network.vpcId", build: () => new AwsFunction("fn", { ...zip, network: { ...network, vpcId: undefined as never } }) },
  { what: "a network whose subnets do not match its plan", field: "network.privateSubnetIds", build: () => new AwsFunction("fn", { ...zip, network: { ...network, privateSubnetIds: ["subnet-a"] } }) },
  { what: "an image tagged latest", field: "imageUri", build: () => new AwsFunction("fn", { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:latest" }) },
  { what: "an image outside ECR", field: "imageUri", build: () => new AwsFunction("fn", { imageUri: "docker.io/acme/api:1" }) },
  { what: "memory as a string", field: "memoryMiB", build: () => new AwsFunction("fn", { ...zip, memoryMiB: "512" as never }) },
  { what: "a URL given as its auth type", field: "url", build: () => new AwsFunction("fn", { ...zip, url: "AWS_IAM" as never }) },
  { what: "protect: false under a protected component", field: "protect", build: () => new AwsFunction("fn", { ...zip, protect: false }, { protect: true }) },
]);

hostileInputs("meridian:serverless:CloudRunService", [
  { what: "a name with an underscore", field: "name", build: () => new CloudRunService("orders_api", run) },
  { what: "a 300-character name", field: "name", build: () => new CloudRunService(long, run) },
  { what: "the name __proto__", field: "name", build: () => new CloudRunService("__proto__", run) },
  { what: "a non-ASCII name", field: "name", build: () => new CloudRunService("données", run) },
  { what: "a name too long for the service (33 + -service + 8 > 49)", field: "name", build: () => new CloudRunService("a".repeat(34), run) },
  { what: "args of null", field: "args", build: () => new CloudRunService("api", null as never) },
  { what: "a region that does not exist", field: "region", build: () => new CloudRunService("api", { ...run, region: "us-moon1" }) },
  { what: "no region", field: "region", build: () => new CloudRunService("api", { ...run, region: undefined as never }) },
  { what: "an image without a tag", field: "image", build: () => new CloudRunService("api", { ...run, image: "us-docker.pkg.dev/p/r/api" }) },
  { what: "an image tagged latest", field: "image", build: () => new CloudRunService("api", { ...run, image: "us-docker.pkg.dev/p/r/api:latest" }) },
  { what: "an empty image", field: "image", build: () => new CloudRunService("api", { ...run, image: "" }) },
  { what: "a variable Cloud Run sets (PORT)", field: "environment", build: () => new CloudRunService("api", { ...run, environment: { PORT: "9090" } }) },
  { what: "a variable Cloud Run sets (K_SERVICE)", field: "environment", build: () => new CloudRunService("api", { ...run, environment: { K_SERVICE: "x" } }) },
  { what: "a variable name starting with a digit", field: "environment", build: () => new CloudRunService("api", { ...run, environment: { "1BAD": "x" } }) },
  { what: "a secret variable name with =", field: "secretEnvironment", build: () => new CloudRunService("api", { ...run, secretEnvironment: { "A=B": { secret: "s" } } }) },
  { what: "a secret given as a plain string", field: "secretEnvironment.TOKEN", build: () => new CloudRunService("api", { ...run, secretEnvironment: { TOKEN: "token-secret" as never } }) },
  { what: "a variable the database connection sets", field: "environment", build: () => new CloudRunService("api", { ...run, network: { networkId: "n", subnetworkId: "s" }, database: gcpDb, environment: { PGUSER: "root" } }) },
  { what: "a database and no network", field: "network", build: () => new CloudRunService("api", { ...run, database: gcpDb }) },
  { what: "a network without its subnetwork", field: "network.subnetworkId", build: () => new CloudRunService("api", { ...run, network: { networkId: "n" } as never }) },
  { what: "more memory than one CPU takes", field: "memoryMiB", build: () => new CloudRunService("api", { ...run, memoryMiB: 8192 }) },
  { what: "a project id that is not one", field: "project", build: () => new CloudRunService("api", { ...run, project: "My Project" }) },
]);

hostileInputs("meridian:serverless:AzureFunctionApp", [
  { what: "a name with an underscore", field: "name", build: () => new AzureFunctionApp("orders_fn", fnApp) },
  { what: "a 300-character name", field: "name", build: () => new AzureFunctionApp(long, fnApp) },
  { what: "the name __proto__", field: "name", build: () => new AzureFunctionApp("__proto__", fnApp) },
  { what: "a non-ASCII name", field: "name", build: () => new AzureFunctionApp("données", fnApp) },
  { what: "a name too long for the app (48 + -app + 8 > 60)", field: "name", build: () => new AzureFunctionApp("a".repeat(49), fnApp) },
  { what: "args of null", field: "args", build: () => new AzureFunctionApp("fn", null as never) },
  { what: "a location that does not exist", field: "location", build: () => new AzureFunctionApp("fn", { ...fnApp, location: "moonbase" }) },
  { what: "a location by its display name", field: "location", build: () => new AzureFunctionApp("fn", { ...fnApp, location: "East US" }) },
  { what: "the runtime __proto__", field: "runtime", build: () => new AzureFunctionApp("fn", { ...fnApp, runtime: "__proto__" as never }) },
  { what: "the runtime toString", field: "runtime", build: () => new AzureFunctionApp("fn", { ...fnApp, runtime: "toString" as never }) },
  { what: "the runtime constructor", field: "runtime", build: () => new AzureFunctionApp("fn", { ...fnApp, runtime: "constructor" as never }) },
  { what: "no runtime version", field: "runtimeVersion", build: () => new AzureFunctionApp("fn", { ...fnApp, runtimeVersion: undefined as never }) },
  { what: "an app setting the component sets (FUNCTIONS_WORKER_RUNTIME)", field: "appSettings", build: () => new AzureFunctionApp("fn", { ...fnApp, appSettings: { FUNCTIONS_WORKER_RUNTIME: "python" } }) },
  { what: "an app setting the component sets (AzureWebJobsStorage__accountName)", field: "appSettings", build: () => new AzureFunctionApp("fn", { ...fnApp, appSettings: { AzureWebJobsStorage__accountName: "other" } }) },
  { what: "the storage connection setting in another case", field: "appSettings", build: () => new AzureFunctionApp("fn", { ...fnApp, appSettings: { azurewebjobsstorage: "DefaultEndpointsProtocol=https" } }) },
  { what: "an app setting name starting with a digit", field: "appSettings", build: () => new AzureFunctionApp("fn", { ...fnApp, appSettings: { "1BAD": "x" } }) },
  { what: "an app setting name with =", field: "appSettings", build: () => new AzureFunctionApp("fn", { ...fnApp, appSettings: { "A=B": "x" } }) },
  { what: "no resource group", field: "resourceGroupName", build: () => new AzureFunctionApp("fn", { ...fnApp, resourceGroupName: undefined as never }) },
  { what: "a Flex size on Premium (it would be ignored)", field: "instanceMemoryMiB", build: () => new AzureFunctionApp("fn", { ...fnApp, plan: "Premium", instanceMemoryMiB: 4096 }) },
  { what: "tags as a string", field: "tags", build: () => new AzureFunctionApp("fn", { ...fnApp, tags: "team=orders" as never }) },
  { what: "protect: false under a protected component", field: "protect", build: () => new AzureFunctionApp("fn", { ...fnApp, protect: false }, { protect: true }) },
]);

hostileInputs("meridian:serverless:AzureContainerApp", [
  { what: "a name with an underscore", field: "name", build: () => new AzureContainerApp("orders_api", aca) },
  { what: "a 300-character name", field: "name", build: () => new AzureContainerApp(long, aca) },
  { what: "the name __proto__", field: "name", build: () => new AzureContainerApp("__proto__", aca) },
  { what: "a non-ASCII name", field: "name", build: () => new AzureContainerApp("données", aca) },
  { what: "a name too long for the container app (20 + -app + 8 > 32)", field: "name", build: () => new AzureContainerApp("a".repeat(21), aca) },
  { what: "args of null", field: "args", build: () => new AzureContainerApp("api", null as never) },
  { what: "a location that does not exist", field: "location", build: () => new AzureContainerApp("api", { ...aca, location: "moonbase" }) },
  { what: "an image tagged latest", field: "image", build: () => new AzureContainerApp("api", { ...aca, image: "ghcr.io/acme/api:latest" }) },
  { what: "an image without a tag", field: "image", build: () => new AzureContainerApp("api", { ...aca, image: "ghcr.io/acme/api" }) },
  { what: "no image", field: "image", build: () => new AzureContainerApp("api", { ...aca, image: undefined as never }) },
  { what: "a variable name starting with a digit", field: "environment", build: () => new AzureContainerApp("api", { ...aca, environment: { "1BAD": "x" } }) },
  { what: "a variable name with =", field: "environment", build: () => new AzureContainerApp("api", { ...aca, environment: { "A=B": "x" } }) },
  { what: "CPU as a string", field: "cpu", build: () => new AzureContainerApp("api", { ...aca, cpu: "1" as never }) },
  { what: "no resource group", field: "resourceGroupName", build: () => new AzureContainerApp("api", { ...aca, resourceGroupName: "" }) },
  { what: "external as a string", field: "external", build: () => new AzureContainerApp("api", { ...aca, external: "yes" as never }) },
]);

hostileInputs("meridian:serverless:ServerlessService", [
  { what: "no cloud", field: "cloud", build: () => new ServerlessService("api", { ...svcGcp, cloud: undefined as never }) },
  { what: "the cloud __proto__", field: "cloud", build: () => new ServerlessService("api", { ...svcGcp, cloud: "__proto__" as never }) },
  { what: "args of null", field: "args", build: () => new ServerlessService("api", null as never) },
  { what: "a name with an underscore", field: "name", build: () => new ServerlessService("orders_api", svcGcp) },
  { what: "a 300-character name", field: "name", build: () => new ServerlessService(long, svcGcp) },
  { what: "the name __proto__", field: "name", build: () => new ServerlessService("__proto__", svcAws) },
  { what: "a non-ASCII name", field: "name", build: () => new ServerlessService("données", svcAws) },
  { what: "a name too long for Cloud Run", field: "name", build: () => new ServerlessService("a".repeat(34), svcGcp) },
  { what: "a name too long for Container Apps", field: "name", build: () => new ServerlessService("a".repeat(21), svcAzure) },
  { what: "a GCP region on AWS (it would be ignored)", field: "region", build: () => new ServerlessService("api", { ...svcAws, region: "us-central1" }) },
  { what: "an AWS network on GCP", field: "awsNetwork", build: () => new ServerlessService("api", { ...svcGcp, awsNetwork: network }) },
  { what: "an Azure resource group on GCP", field: "resourceGroupName", build: () => new ServerlessService("api", { ...svcGcp, resourceGroupName: "rg" }) },
  { what: "a container port on AWS (Lambda has none)", field: "port", build: () => new ServerlessService("api", { ...svcAws, port: 8080 }) },
  { what: "an image tagged latest", field: "image", build: () => new ServerlessService("api", { ...svcGcp, image: "us-docker.pkg.dev/p/r/api:latest" }) },
  { what: "an empty image", field: "image", build: () => new ServerlessService("api", { ...svcAzure, image: "" }) },
  { what: "a variable Cloud Run sets", field: "environment", build: () => new ServerlessService("api", { ...svcGcp, environment: { PORT: "80" } }) },
  { what: "a variable Lambda reserves", field: "environment", build: () => new ServerlessService("api", { ...svcAws, environment: { AWS_REGION: "x" } }) },
  { what: "a variable name with = on Azure", field: "environment", build: () => new ServerlessService("api", { ...svcAzure, environment: { "A=B": "x" } }) },
  { what: "a region that does not exist", field: "region", build: () => new ServerlessService("api", { ...svcGcp, region: "us-moon1" }) },
  { what: "no region on GCP", field: "region", build: () => new ServerlessService("api", { ...svcGcp, region: undefined }) },
  { what: "a location that does not exist", field: "location", build: () => new ServerlessService("api", { ...svcAzure, location: "moonbase" }) },
  { what: "destinations without a network", field: "awsAllowedDestinations", build: () => new ServerlessService("api", { ...svcAws, awsAllowedDestinations: [{ securityGroupId: "sg", port: 5432 }] }) },
  { what: "protect: false under a protected component", field: "protect", build: () => new ServerlessService("api", { ...svcAws, protect: false }, { protect: true }) },
]);

describe("what the serverless components take that looked hostile", () => {
  it("takes variables named like Object.prototype's members, plain and secret, without mistaking one for the other", async () => {
    const result = await runProgram(() => new CloudRunService("api", { ...run, environment: { toString: "a", constructor: "b" }, secretEnvironment: { hasOwnProperty: { secret: "s" } } }));
    const svc = result.resources.find((r) => r.type === "gcp:cloudrunv2/service:Service")!;
    const envs = (svc.inputs["template"] as { containers: Array<{ envs: Array<{ name: string }> }> }).containers[0]!.envs.map((e) => e.name);
    expect(envs).toEqual(["toString", "constructor", "hasOwnProperty"]);
  });

  it("takes an image pinned to a digest", async () => {
    const digest = `us-docker.pkg.dev/p/r/api@sha256:${"a".repeat(64)}`;
    const result = await runProgram(() => new CloudRunService("api", { ...run, image: digest }));
    const svc = result.resources.find((r) => r.type === "gcp:cloudrunv2/service:Service")!;
    expect((svc.inputs["template"] as { containers: Array<{ image: string }> }).containers[0]!.image).toBe(digest);
  });
});

// Arguments of 0.2.0 that this version would otherwise drop without a word.
hostileInputs("meridian:serverless:AwsFunction", [
  { what: "the 0.2.0 vpc argument", field: "vpc", build: () => new AwsFunction("fn", { ...zip, vpc: { vpcId: "vpc-1", subnetIds: ["subnet-a"] } } as never) },
  { what: "the 0.2.0 memoryMb argument", field: "memoryMb", build: () => new AwsFunction("fn", { ...zip, memoryMb: 2048 } as never) },
]);
hostileInputs("meridian:serverless:CloudRunService", [{ what: "the 0.2.0 memoryMb argument", field: "memoryMb", build: () => new CloudRunService("api", { ...run, memoryMb: 1024 } as never) }]);
hostileInputs("meridian:serverless:AzureFunctionApp", [{ what: "the 0.2.0 instanceMemoryMb argument", field: "instanceMemoryMb", build: () => new AzureFunctionApp("fn", { ...fnApp, instanceMemoryMb: 4096 } as never) }]);
hostileInputs("meridian:serverless:ServerlessService", [
  { what: "the 0.2.0 awsVpc argument", field: "awsVpc", build: () => new ServerlessService("api", { ...svcAws, awsVpc: { vpcId: "vpc-1" } } as never) },
  { what: "the 0.2.0 network argument (now gcpNetwork)", field: "network", build: () => new ServerlessService("api", { ...svcGcp, network: {} } as never) },
  { what: "the 0.2.0 memoryMb argument", field: "memoryMb", build: () => new ServerlessService("api", { ...svcAws, memoryMb: 2048 } as never) },
]);
hostileInputs("meridian:serverless:AwsFunction", [{ what: "a one-character environment key (Lambda's pattern needs two)", field: "environment", build: () => new AwsFunction("fn", { ...zip, environment: { A: "x" } }) }]);
