/**
 * Hostile input to the network components: each is refused at construction, with the field named, before anything
 * is registered (tests/helpers/hostile.ts).
 */
import { AwsNetwork, AzureNetwork, CrossCloudVpn, GcpNetwork, type AwsNetworkRef } from "../../../components/network";
import { hostileInputs } from "../../helpers/hostile";
import { gcpNetwork } from "../../helpers/fixtures";

const long = (n: number) => `n${"a".repeat(n - 1)}`;

hostileInputs("meridian:network:AwsNetwork", [
  { what: "a name with an underscore", field: "name", build: () => new AwsNetwork("core_net", {}) },
  { what: "a 300-character name", field: "name", build: () => new AwsNetwork(long(300), {}) },
  // The flow-log role is auto-named `${name}-flow-logs-1a2b3c4`: 47 + 18 = 65 > 64.
  { what: "a name too long for the auto-named flow-log role", field: "name", build: () => new AwsNetwork(long(47), {}) },
  { what: "__proto__ as the name", field: "name", build: () => new AwsNetwork("__proto__", {}) },
  { what: "a non-ASCII name", field: "name", build: () => new AwsNetwork("données", {}) },
  { what: "args of null", field: "args", build: () => new AwsNetwork("net", null as never) },
  { what: "a string where the zone list belongs", field: "availabilityZones", build: () => new AwsNetwork("net", { availabilityZones: "us-east-1a" as never }) },
  { what: "zones of a region that does not exist", field: "availabilityZones[0]", build: () => new AwsNetwork("net", { availabilityZones: ["us-moon-1a", "us-moon-1b"] }) },
  { what: "a region without its zone letter", field: "availabilityZones[0]", build: () => new AwsNetwork("net", { availabilityZones: ["us-east-1"] }) },
  { what: "zones of two regions", field: "availabilityZones[1]", build: () => new AwsNetwork("net", { availabilityZones: ["us-east-1a", "us-west-2b"] }) },
  { what: "the same zone twice", field: "availabilityZones", build: () => new AwsNetwork("net", { availabilityZones: ["us-east-1a", "us-east-1a"] }) },
  { what: "a NAT mode of __proto__", field: "natGateways", build: () => new AwsNetwork("net", { natGateways: "__proto__" as never }) },
  { what: "a retention given as a string", field: "flowLogRetentionDays", build: () => new AwsNetwork("net", { flowLogRetentionDays: "90" as never }) },
  { what: "a KMS alias where CloudWatch Logs needs a key ARN", field: "flowLogKmsKeyArn", build: () => new AwsNetwork("net", { flowLogKmsKeyArn: "alias/flow-logs" }) },
  { what: "a CIDR block given as a number", field: "cidrBlock", build: () => new AwsNetwork("net", { cidrBlock: 10 as never }) },
  { what: "tags given as a string", field: "tags", build: () => new AwsNetwork("net", { tags: "team=net" as never }) },
  { what: "protect: false against the protect option", field: "protect", build: () => new AwsNetwork("net", { protect: false }, { protect: true }) },
  { what: "protect as a string", field: "protect", build: () => new AwsNetwork("net", { protect: "yes" as never }) },
]);

hostileInputs("meridian:network:GcpNetwork", [
  { what: "a name with upper case and an underscore", field: "name", build: () => new GcpNetwork("Core_Net", { region: "us-central1" }) },
  // The private services range is auto-named `${name}-private-services-1a2b3c4`: 39 + 25 = 64 > 63.
  { what: "a name too long for the auto-named private services range", field: "name", build: () => new GcpNetwork(long(39), { region: "us-central1" }) },
  { what: "__proto__ as the name", field: "name", build: () => new GcpNetwork("__proto__", { region: "us-central1" }) },
  { what: "a non-ASCII name", field: "name", build: () => new GcpNetwork("réseau", { region: "us-central1" }) },
  { what: "args of undefined", field: "args", build: () => new GcpNetwork("net", undefined as never) },
  { what: "no region", field: "region", build: () => new GcpNetwork("net", {} as never) },
  { what: "a region that does not exist", field: "region", build: () => new GcpNetwork("net", { region: "us-moon1" }) },
  { what: "toString as the region", field: "region", build: () => new GcpNetwork("net", { region: "toString" }) },
  { what: "a list where a CIDR belongs", field: "subnetCidr", build: () => new GcpNetwork("net", { region: "us-central1", subnetCidr: ["10.10.0.0/20"] as never }) },
  { what: "a sampling rate given as a string", field: "flowLogSampling", build: () => new GcpNetwork("net", { region: "us-central1", flowLogSampling: "0.5" as never }) },
  { what: "constructor as the routing mode", field: "routingMode", build: () => new GcpNetwork("net", { region: "us-central1", routingMode: "constructor" as never }) },
  { what: "a project id with spaces", field: "project", build: () => new GcpNetwork("net", { region: "us-central1", project: "My Project" }) },
  { what: "labels given as a list", field: "tags", build: () => new GcpNetwork("net", { region: "us-central1", tags: ["team"] as never }) },
]);

hostileInputs("meridian:network:AzureNetwork", [
  { what: "a name with a dot", field: "name", build: () => new AzureNetwork("core.net", { location: "eastus" }) },
  // The VNet is auto-named `${name}-vnet` and a random suffix: 51 + 13 = 64 > 63.
  { what: "a name too long for the auto-named VNet", field: "name", build: () => new AzureNetwork(long(51), { location: "eastus" }) },
  { what: "__proto__ as the name", field: "name", build: () => new AzureNetwork("__proto__", { location: "eastus" }) },
  { what: "a non-ASCII name", field: "name", build: () => new AzureNetwork("réseau", { location: "eastus" }) },
  { what: "args of null", field: "args", build: () => new AzureNetwork("net", null as never) },
  { what: "no location", field: "location", build: () => new AzureNetwork("net", {} as never) },
  { what: "a location that does not exist", field: "location", build: () => new AzureNetwork("net", { location: "moonbase" }) },
  { what: "a location's display name", field: "location", build: () => new AzureNetwork("net", { location: "East US" }) },
  { what: "hasOwnProperty as the location", field: "location", build: () => new AzureNetwork("net", { location: "hasOwnProperty" }) },
  { what: "a resource group name with a slash", field: "resourceGroupName", build: () => new AzureNetwork("net", { location: "eastus", resourceGroupName: "rg/one" }) },
  { what: "a list where the address space belongs", field: "addressSpace", build: () => new AzureNetwork("net", { location: "eastus", addressSpace: ["10.40.0.0/16"] as never }) },
  { what: "an idle timeout given as a string", field: "natIdleTimeoutMinutes", build: () => new AzureNetwork("net", { location: "eastus", natIdleTimeoutMinutes: "4" as never }) },
  { what: "tags given as a string", field: "tags", build: () => new AzureNetwork("net", { location: "eastus", tags: "team" as never }) },
]);

// Networks as another program passes them (building an AwsNetwork here would register it).
const threeRanges = ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"];
const awsNetwork: AwsNetworkRef = {
  vpcId: "vpc-1",
  privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  privateRouteTableIds: ["rtb-a", "rtb-b", "rtb-c"],
  addressPlan: { vpc: "10.0.0.0/16", publicSubnets: [], privateSubnets: threeRanges },
};
const vpn = { awsNetwork, gcpNetwork };

hostileInputs("meridian:network:CrossCloudVpn", [
  { what: "a name with an underscore", field: "name", build: () => new CrossCloudVpn("vpn_1", vpn) },
  // The GCP tunnels are auto-named `${name}-tunnel-0-1a2b3c4`: 47 + 17 = 64 > 63.
  { what: "a name too long for the auto-named tunnels", field: "name", build: () => new CrossCloudVpn(long(47), vpn) },
  { what: "__proto__ as the name", field: "name", build: () => new CrossCloudVpn("__proto__", vpn) },
  { what: "a non-ASCII name", field: "name", build: () => new CrossCloudVpn("vpn-é", vpn) },
  { what: "args of null", field: "args", build: () => new CrossCloudVpn("vpn", null as never) },
  { what: "no AWS network", field: "awsNetwork", build: () => new CrossCloudVpn("vpn", { gcpNetwork } as never) },
  { what: "no GCP network", field: "gcpNetwork", build: () => new CrossCloudVpn("vpn", { awsNetwork } as never) },
  { what: "a VPC id where the network belongs", field: "awsNetwork", build: () => new CrossCloudVpn("vpn", { ...vpn, awsNetwork: "vpc-1" as never }) },
  {
    what: "one route-table id for three planned subnets",
    field: "awsNetwork.privateRouteTableIds",
    build: () => new CrossCloudVpn("vpn", { ...vpn, awsNetwork: { ...awsNetwork, privateRouteTableIds: ["rtb-a"] } }),
  },
  { what: "a string where the route-table ids belong", field: "awsNetwork.privateRouteTableIds", build: () => new CrossCloudVpn("vpn", { ...vpn, awsNetwork: { ...awsNetwork, privateRouteTableIds: "rtb-a" as never } }) },
  {
    what: "an AWS network without private subnets (nothing would learn the GCP routes)",
    field: "awsNetwork.addressPlan.privateSubnets",
    build: () => new CrossCloudVpn("vpn", { ...vpn, awsNetwork: { ...awsNetwork, privateSubnetIds: [], privateRouteTableIds: [], addressPlan: { ...awsNetwork.addressPlan, privateSubnets: [] } } }),
  },
  {
    what: "a subnet range outside the VPC block",
    field: "awsNetwork.addressPlan.privateSubnets[2]",
    build: () => new CrossCloudVpn("vpn", { ...vpn, awsNetwork: { ...awsNetwork, addressPlan: { ...awsNetwork.addressPlan, privateSubnets: [...threeRanges.slice(0, 2), "10.1.0.0/19"] } } }),
  },
  { what: "a GCP region that does not exist", field: "gcpNetwork.region", build: () => new CrossCloudVpn("vpn", { ...vpn, gcpNetwork: { ...gcpNetwork, region: "us-moon1" } }) },
  { what: "a GCP network without its id", field: "gcpNetwork.networkId", build: () => new CrossCloudVpn("vpn", { ...vpn, gcpNetwork: { ...gcpNetwork, networkId: undefined as never } }) },
  { what: "a string where the inside CIDRs belong", field: "tunnelInsideCidrs", build: () => new CrossCloudVpn("vpn", { ...vpn, tunnelInsideCidrs: "169.254.21.0/30" as never }) },
  { what: "an ASN given as a string", field: "awsAsn", build: () => new CrossCloudVpn("vpn", { ...vpn, awsAsn: "64512" as never }) },
  { what: "protect: true against the protect option false", field: "protect", build: () => new CrossCloudVpn("vpn", { ...vpn, protect: true }, { protect: false }) },
  { what: "a project id with upper case", field: "project", build: () => new CrossCloudVpn("vpn", { ...vpn, project: "Meridian-Prod" }) },
]);
