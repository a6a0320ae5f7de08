/**
 * Hostile input for the entry points: each is refused at construction with Meridian's message, before anything is
 * registered (tests/helpers/hostile.ts).
 */
import { AwsLoadBalancer, AzureFrontDoor, GcpLoadBalancer, type AwsLoadBalancerArgs, type AwsLoadBalancerRoute, type AzureFrontDoorArgs, type AzureFrontDoorRoute, type GcpLoadBalancerArgs, type GcpLoadBalancerRoute } from "../../../components/ingress";
import { hostileInputs } from "../../helpers/hostile";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetworkWithPublicSubnets as network } from "../../helpers/fixtures";

const long = "a".repeat(300);

// AWS
const awsApp: AwsLoadBalancerRoute = {
  name: "app",
  hostnames: ["app.example.com", "app-aws.example.com"],
  aliasRecords: ["app-aws.example.com"],
  nodePort: { nodePort: 30080, autoScalingGroups: [{ key: "general", name: "eks-general-asg" }], securityGroupId: "sg-nodes" },
};
const awsApi: AwsLoadBalancerRoute = { name: "api", hostnames: ["api.example.com"], lambda: { functionName: "api-fn", functionArn: "arn:aws:lambda:us-east-1:123456789012:function:api-fn" } };
const alb: AwsLoadBalancerArgs = { network, zoneName: "example.com", zoneId: "Z123", routes: [awsApp, awsApi] };
const withApp = (route: Partial<AwsLoadBalancerRoute> | Record<string, unknown>): AwsLoadBalancerArgs => ({ ...alb, routes: [{ ...awsApp, ...route } as AwsLoadBalancerRoute, awsApi] });

hostileInputs("meridian:ingress:AwsLoadBalancer", [
  { what: "a name with an underscore", field: "name", build: () => new AwsLoadBalancer("edge_aws", alb) },
  { what: "a 300-character name", field: "name", build: () => new AwsLoadBalancer(long, alb) },
  { what: "the name __proto__", field: "name", build: () => new AwsLoadBalancer("__proto__", alb) },
  { what: "a non-ASCII name", field: "name", build: () => new AwsLoadBalancer("données", alb) },
  { what: "a name too long for the ALB (20 + -alb + 8 > 32)", field: "name", build: () => new AwsLoadBalancer("a".repeat(21), alb) },
  { what: "args of null", field: "args", build: () => new AwsLoadBalancer("edge", null as never) },
  { what: "no network", field: "network", build: () => new AwsLoadBalancer("edge", { ...alb, network: undefined as never }) },
  { what: "a network without its public subnets", field: "network.publicSubnetIds", build: () => new AwsLoadBalancer("edge", { ...alb, network: { ...network, publicSubnetIds: undefined } }) },
  {
    what: "a network with one public subnet (an ALB needs two AZs)",
    field: "network.addressPlan.publicSubnets",
    build: () => new AwsLoadBalancer("edge", { ...alb, network: { ...network, publicSubnetIds: ["subnet-a"], addressPlan: { ...network.addressPlan, publicSubnets: ["10.0.128.0/20"] } } }),
  },
  { what: "no zone id", field: "zoneId", build: () => new AwsLoadBalancer("edge", { ...alb, zoneId: undefined as never }) },
  { what: "routes as a string", field: "routes", build: () => new AwsLoadBalancer("edge", { ...alb, routes: "app" as never }) },
  { what: "a route of null", field: "routes[0]", build: () => new AwsLoadBalancer("edge", { ...alb, routes: [null as never] }) },
  { what: "host names as a string", field: "routes[0].hostnames", build: () => new AwsLoadBalancer("edge", withApp({ hostnames: "app.example.com" as never, aliasRecords: [] })) },
  { what: "a non-ASCII host name", field: "routes[0].hostnames[0]", build: () => new AwsLoadBalancer("edge", withApp({ hostnames: ["données.example.com"], aliasRecords: [] })) },
  { what: "one host name twice in a route", field: "routes[0].hostnames[1]", build: () => new AwsLoadBalancer("edge", withApp({ hostnames: ["app.example.com", "APP.example.com"], aliasRecords: [] })) },
  { what: "alias records as a string", field: "routes[0].aliasRecords", build: () => new AwsLoadBalancer("edge", withApp({ aliasRecords: "app-aws.example.com" as never })) },
  { what: "one alias record twice", field: "routes[0].aliasRecords", build: () => new AwsLoadBalancer("edge", withApp({ aliasRecords: ["app-aws.example.com", "app-aws.example.com"] })) },
  { what: "a node port target of null", field: "routes[0].nodePort", build: () => new AwsLoadBalancer("edge", withApp({ nodePort: null as never })) },
  { what: "Auto Scaling groups as a string", field: "routes[0].nodePort.autoScalingGroups", build: () => new AwsLoadBalancer("edge", withApp({ nodePort: { ...awsApp.nodePort!, autoScalingGroups: "general" as never } })) },
  { what: "nodes without their security group", field: "routes[0].nodePort.securityGroupId", build: () => new AwsLoadBalancer("edge", withApp({ nodePort: { ...awsApp.nodePort!, securityGroupId: undefined as never } })) },
  { what: "a function target without its ARN", field: "routes[1].lambda.functionArn", build: () => new AwsLoadBalancer("edge", { ...alb, routes: [awsApp, { ...awsApi, lambda: { functionName: "api-fn" } as never }] }) },
  { what: "deletion protection as a string", field: "deletionProtection", build: () => new AwsLoadBalancer("edge", { ...alb, deletionProtection: "yes" as never }) },
  { what: "protect: false under a protected component", field: "protect", build: () => new AwsLoadBalancer("edge", { ...alb, protect: false }, { protect: true }) },
]);

// GCP
const group = (zone: string) => `https://www.googleapis.com/compute/v1/projects/p-123456/zones/${zone}/instanceGroups/gke-general-${zone.slice(-1)}-grp`;
const gcpApp: GcpLoadBalancerRoute = {
  name: "app",
  hostnames: ["app.example.com"],
  nodePort: {
    nodePort: 30080,
    instanceGroups: ["us-central1-a", "us-central1-b"].map((zone) => ({ key: `general-${zone.slice(-1)}`, zone, group: group(zone) })),
    network: "projects/p-123456/global/networks/core",
    nodeServiceAccountEmail: "gke-nodes@p-123456.iam.gserviceaccount.com",
  },
};
const gcpApi: GcpLoadBalancerRoute = { name: "api", hostnames: ["api.example.com"], addressRecords: ["api.example.com"], cloudRun: { serviceName: "api-service", region: "us-central1" } };
const glb: GcpLoadBalancerArgs = { project: "p-123456", zoneName: "example.com", routes: [gcpApp, gcpApi] };
const withGroups = (groups: unknown): GcpLoadBalancerArgs => ({ ...glb, routes: [{ ...gcpApp, nodePort: { ...gcpApp.nodePort!, instanceGroups: groups as never } }, gcpApi] });
const withRun = (cloudRun: unknown): GcpLoadBalancerArgs => ({ ...glb, routes: [gcpApp, { ...gcpApi, cloudRun: cloudRun as never }] });

hostileInputs("meridian:ingress:GcpLoadBalancer", [
  { what: "a name with an underscore", field: "name", build: () => new GcpLoadBalancer("edge_gcp", glb) },
  { what: "a 300-character name", field: "name", build: () => new GcpLoadBalancer(long, glb) },
  { what: "the name __proto__", field: "name", build: () => new GcpLoadBalancer("__proto__", glb) },
  { what: "a non-ASCII name", field: "name", build: () => new GcpLoadBalancer("données", glb) },
  { what: "a name too long for its auto-named children (46 + -redirect + 8 > 63)", field: "name", build: () => new GcpLoadBalancer("a".repeat(47), glb) },
  { what: "args of null", field: "args", build: () => new GcpLoadBalancer("edge", null as never) },
  { what: "no project", field: "project", build: () => new GcpLoadBalancer("edge", { ...glb, project: undefined as never }) },
  { what: "routes as an object", field: "routes", build: () => new GcpLoadBalancer("edge", { ...glb, routes: { app: gcpApp } as never }) },
  { what: "host names as a string", field: "routes[1].hostnames", build: () => new GcpLoadBalancer("edge", { ...glb, routes: [gcpApp, { ...gcpApi, hostnames: "api.example.com" as never, addressRecords: [] }] }) },
  { what: "address records as a string", field: "routes[1].addressRecords", build: () => new GcpLoadBalancer("edge", { ...glb, routes: [gcpApp, { ...gcpApi, addressRecords: "api.example.com" as never }] }) },
  { what: "a Cloud Run region that does not exist", field: "routes[1].cloudRun.region", build: () => new GcpLoadBalancer("edge", withRun({ serviceName: "api-service", region: "us-moon1" })) },
  { what: "a Cloud Run target without its service", field: "routes[1].cloudRun.serviceName", build: () => new GcpLoadBalancer("edge", withRun({ region: "us-central1" })) },
  { what: "a Cloud Run target as a string", field: "routes[1].cloudRun", build: () => new GcpLoadBalancer("edge", withRun("api-service")) },
  { what: "a zone the region does not have", field: "routes[0].nodePort.instanceGroups[0].zone", build: () => new GcpLoadBalancer("edge", withGroups([{ key: "g", zone: "us-central1-z", group: group("us-central1-a") }])) },
  { what: "a zone of a region that does not exist", field: "routes[0].nodePort.instanceGroups[0].zone", build: () => new GcpLoadBalancer("edge", withGroups([{ key: "g", zone: "us-moon1-a", group: group("us-central1-a") }])) },
  { what: "an instance group of null", field: "routes[0].nodePort.instanceGroups[0]", build: () => new GcpLoadBalancer("edge", withGroups([null])) },
  { what: "instance groups as a string", field: "routes[0].nodePort.instanceGroups", build: () => new GcpLoadBalancer("edge", withGroups(group("us-central1-a"))) },
  { what: "one instance group twice", field: "routes[0].nodePort.instanceGroups[1].group", build: () => new GcpLoadBalancer("edge", withGroups([{ key: "a", zone: "us-central1-a", group: group("us-central1-a") }, { key: "b", zone: "us-central1-a", group: group("us-central1-a") }])) },
  { what: "nodes without their network", field: "routes[0].nodePort.network", build: () => new GcpLoadBalancer("edge", { ...glb, routes: [{ ...gcpApp, nodePort: { ...gcpApp.nodePort!, network: undefined as never } }, gcpApi] }) },
  { what: "a host name too long for its certificate authorization's name", field: "routes[1].hostnames[1]", build: () => new GcpLoadBalancer("a".repeat(40), { ...glb, routes: [gcpApp, { ...gcpApi, hostnames: ["api.example.com", `${"b".repeat(20)}.example.com`], addressRecords: [] }] }) },
]);

// Azure
const fdApi: AzureFrontDoorRoute = { name: "api", hostnames: ["api.example.com"], cnameRecords: ["api.example.com"], origin: { hostName: "api.blue-sea-1234.eastus.azurecontainerapps.io" } };
const afd: AzureFrontDoorArgs = { resourceGroupName: "rg-edge", zoneName: "example.com", routes: [fdApi] };
const withFd = (route: Record<string, unknown>): AzureFrontDoorArgs => ({ ...afd, routes: [{ ...fdApi, ...route } as AzureFrontDoorRoute] });

hostileInputs("meridian:ingress:AzureFrontDoor", [
  { what: "a name with an underscore", field: "name", build: () => new AzureFrontDoor("edge_azure", afd) },
  { what: "a 300-character name", field: "name", build: () => new AzureFrontDoor(long, afd) },
  { what: "the name __proto__", field: "name", build: () => new AzureFrontDoor("__proto__", afd) },
  { what: "a non-ASCII name", field: "name", build: () => new AzureFrontDoor("données", afd) },
  { what: "a name too long for the endpoint (29 + -endpoint + 8 > 46)", field: "name", build: () => new AzureFrontDoor("a".repeat(30), afd) },
  { what: "args of null", field: "args", build: () => new AzureFrontDoor("edge", null as never) },
  { what: "no resource group", field: "resourceGroupName", build: () => new AzureFrontDoor("edge", { ...afd, resourceGroupName: undefined as never }) },
  { what: "routes as a string", field: "routes", build: () => new AzureFrontDoor("edge", { ...afd, routes: "api" as never }) },
  { what: "a route without an origin", field: "routes[0].origin", build: () => new AzureFrontDoor("edge", withFd({ origin: undefined })) },
  { what: "an origin without its host name", field: "routes[0].origin.hostName", build: () => new AzureFrontDoor("edge", withFd({ origin: {} })) },
  { what: "host names as a string", field: "routes[0].hostnames", build: () => new AzureFrontDoor("edge", withFd({ hostnames: "api.example.com", cnameRecords: [] })) },
  { what: "CNAME records as a string", field: "routes[0].cnameRecords", build: () => new AzureFrontDoor("edge", withFd({ cnameRecords: "api.example.com" })) },
  { what: "a location that does not exist", field: "location", build: () => new AzureFrontDoor("edge", { ...afd, location: "moonbase" }) },
  { what: "a location with a workspace given (it would be ignored)", field: "location", build: () => new AzureFrontDoor("edge", { ...afd, location: "westeurope", logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/central" }) },
  { what: "a workspace id that is not one", field: "logAnalyticsWorkspaceId", build: () => new AzureFrontDoor("edge", { ...afd, logAnalyticsWorkspaceId: "central" }) },
  { what: "the SKU __proto__", field: "sku", build: () => new AzureFrontDoor("edge", { ...afd, sku: "__proto__" as never }) },
  { what: "protect: false under a protected component", field: "protect", build: () => new AzureFrontDoor("edge", { ...afd, protect: false }, { protect: true }) },
]);

describe("what the entry points take that looked hostile", () => {
  it("matches and publishes host names as DNS compares them (lower case, no trailing dot)", async () => {
    const result = await runProgram(() => {
      new AwsLoadBalancer("edge", { ...alb, routes: [{ ...awsApp, hostnames: ["App.Example.com.", "app-aws.example.com"] }, awsApi] });
      new GcpLoadBalancer("gedge", { ...glb, routes: [{ ...gcpApp, hostnames: ["App.Example.com."] }, gcpApi] });
    });
    expect(resource(result, "aws:lb/listenerRule:ListenerRule", "edge-app").inputs).toMatchObject({ conditions: [{ hostHeader: { values: ["app.example.com", "app-aws.example.com"] } }] });
    expect(resource(result, "gcp:compute/uRLMap:URLMap", "gedge-https").inputs).toMatchObject({ hostRules: [{ hosts: ["app.example.com"] }, { hosts: ["api.example.com"] }], defaultUrlRedirect: { hostRedirect: "app.example.com" } });
  });

  it("takes a Premium Front Door's 500 custom domains where Standard stops at 100", async () => {
    const hostnames = Array.from({ length: 101 }, (_, i) => `h${i}.example.com`);
    const routes = Array.from({ length: 101 }, (_, i) => ({ name: `r${i}`, hostnames: [hostnames[i]!], origin: fdApi.origin }));
    expect(() => new AzureFrontDoor("edge", { ...afd, routes })).toThrow(/routes must be at most 100 host names in all/);
    const result = await runProgram(() => new AzureFrontDoor("edge", { ...afd, routes, sku: "Premium_AzureFrontDoor" }));
    expect(result.resources.filter((r) => r.type === "azure-native:cdn:AFDCustomDomain")).toHaveLength(101);
  });
});

// Arguments of 0.2.0 that this version would otherwise drop without a word.
hostileInputs("meridian:ingress:AwsLoadBalancer", [
  { what: "the 0.2.0 vpcId argument", field: "vpcId", build: () => new AwsLoadBalancer("edge", { ...alb, vpcId: "vpc-1" } as never) },
  { what: "the 0.2.0 publicSubnetIds argument", field: "publicSubnetIds", build: () => new AwsLoadBalancer("edge", { ...alb, publicSubnetIds: ["subnet-a", "subnet-b"] } as never) },
]);
hostileInputs("meridian:ingress:AzureFrontDoor", [{ what: "the 0.2.0 logLocation argument", field: "logLocation", build: () => new AzureFrontDoor("edge", { ...afd, logLocation: "eastus" } as never) }]);
