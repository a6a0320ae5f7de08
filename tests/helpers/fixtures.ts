/**
 * Base arguments the component tests share: networks as another program passes them (their values, typed by hand:
 * building an AwsNetwork would register it), and a database connection. A test that needs another shape spreads one
 * of these and overrides what it tests.
 */
import type { DatabaseConnection } from "../../components/database/connection";
import type { AwsNetworkRef, AzureAddressPlan, AzureNetworkRef, GcpNetworkRef } from "../../components/network";
import type { AlertDestinations } from "../../components/core/alerts";

/** An AWS network of two Availability Zones: private and public subnets planned, the private subnets' ids and route tables. */
export const awsNetwork: AwsNetworkRef = {
  vpcId: "vpc-1",
  privateSubnetIds: ["subnet-a", "subnet-b"],
  privateRouteTableIds: ["rtb-a", "rtb-b"],
  addressPlan: { vpc: "10.0.0.0/16", privateSubnets: ["10.0.0.0/18", "10.0.64.0/18"], publicSubnets: ["10.0.128.0/20", "10.0.144.0/20"] },
};

/** The same network with its public subnets' ids too: what an internet-facing load balancer needs. */
export const awsNetworkWithPublicSubnets: AwsNetworkRef = { ...awsNetwork, publicSubnetIds: ["subnet-c", "subnet-d"] };

/** A GCP network in us-central1, with GKE's secondary ranges. */
export const gcpNetwork: GcpNetworkRef = {
  networkId: "projects/meridian-prod-01/global/networks/core",
  subnetworkId: "projects/meridian-prod-01/regions/us-central1/subnetworks/core",
  region: "us-central1",
  podsRangeName: "core-pods",
  servicesRangeName: "core-services",
  addressPlan: { subnet: "10.10.0.0/20", pods: "10.16.0.0/14", services: "10.20.0.0/20", privateServices: "10.30.0.0/16" },
};

const vnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-core/providers/Microsoft.Network/virtualNetworks/core";

/** An Azure network: the resource group, the VNet, its three subnets by role, and its address plan. */
export const azureNetwork: AzureNetworkRef & { readonly addressPlan: AzureAddressPlan } = {
  resourceGroupName: "rg-core",
  vnetId,
  subnetIds: { aks: `${vnetId}/subnets/aks`, workloads: `${vnetId}/subnets/workloads`, postgres: `${vnetId}/subnets/postgres` },
  addressPlan: { vnet: "10.40.0.0/16", aks: "10.40.0.0/18", workloads: "10.40.64.0/20", postgres: "10.40.80.0/24" },
};

/** A connection to an RDS database whose password RDS manages in Secrets Manager. */
export const awsDatabaseConnection: DatabaseConnection = {
  cloud: "aws",
  host: "db.example.internal",
  port: 5432,
  databaseName: "app",
  userName: "app",
  passwordSecret: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
  passwordFormat: "rds-managed-json",
};

/** Alert destinations as `AlertRouting` hands them over: a topic and a channel list per severity. */
export const alertDestinations = {
  aws: { critical: "arn:aws:sns:us-east-1:123456789012:alerts-critical", warning: "arn:aws:sns:us-east-1:123456789012:alerts-warning" },
  gcp: { critical: ["projects/p-123456/notificationChannels/1"], warning: ["projects/p-123456/notificationChannels/2"] },
} satisfies AlertDestinations;

/** The threshold condition of an alert policy's only condition, as the component sent it. */
export function thresholdOf(inputs: Record<string, unknown>): Record<string, unknown> {
  return (inputs["conditions"] as Array<{ conditionThreshold: Record<string, unknown> }>)[0]!.conditionThreshold;
}

/** An alert policy's documentation text. */
export function documentationOf(inputs: Record<string, unknown>): string {
  return (inputs["documentation"] as { content: string }).content;
}
