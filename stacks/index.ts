/**
 * The Meridian Pulumi program (Pulumi.yaml: `main: stacks/`). Reads and validates the stack config, then
 * builds the environment it describes. Runs unchanged under `pulumi up` and under the offline plan.
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./config";
import { buildEnvironment } from "./environments";

const config = readStackConfig();
const built = buildEnvironment(config);

/** The environment this stack is. */
export const environment = config.environment;
/** The clouds it uses. */
export const clouds = built.clouds;
/** The standard tags every taggable resource carries (before each cloud's normalisation). */
export const tags = built.tags;
/** The GCP service APIs enabled, when GCP is used. */
export const gcpServiceApis = pulumi.all(built.gcpServices.map((s) => s.service));
/** The networks, per cloud. */
export const networks = {
  aws: built.networks.aws ? { vpcId: built.networks.aws.vpcId, privateSubnetIds: built.networks.aws.privateSubnetIds } : undefined,
  gcp: built.networks.gcp ? { network: built.networks.gcp.networkSelfLink, subnetwork: built.networks.gcp.subnetworkSelfLink } : undefined,
  azure: built.networks.azure ? { resourceGroup: built.networks.azure.resourceGroupName, vnetId: built.networks.azure.vnetId } : undefined,
};
/** The databases, per cloud: where to connect (the password stays a secret). */
export const databases = {
  gcp: built.databases.gcp ? { connectionName: built.databases.gcp.connectionName, privateIp: built.databases.gcp.privateIp, password: built.databases.gcp.userPassword } : undefined,
};
/** The serverless services' URLs, per cloud. */
export const services = { gcp: built.services.gcp?.url };
