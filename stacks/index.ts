/**
 * The Meridian Pulumi program (Pulumi.yaml: `main: stacks/main.js`, which loads this file). Reads and validates the stack config, then
 * builds the environment it describes. Runs unchanged under `pulumi up` and under the offline plan.
 */
import * as pulumi from "@pulumi/pulumi";
import { estimateMonthlyCost, type CostResource } from "../policies/pricing/estimate";
import { readStackConfig } from "./config";
import type { CloudRunService } from "../components/serverless";

const config = readStackConfig();

// The environment's modules (the components and the provider SDKs: most of the program's start) load once the
// config is known to be good, so a config error is reported before any of them loads. `require`, not `import()`:
// under a CommonJS `.ts` hook a dynamic `import()` goes to Node's ESM loader, which does not load TypeScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildEnvironment } = require("./environments") as typeof import("./environments");

// Every resource's inputs, for the cost estimate exported below (the same estimator the plan and the policy use).
const registered: Array<{ type: string; name: string; props: pulumi.Inputs }> = [];
pulumi.runtime.registerStackTransformation((args) => {
  registered.push({ type: args.type, name: args.name, props: args.props });
  return undefined;
});

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
/** The databases, per cloud: where to connect, and where the password is (never the password). */
export const databases = {
  aws: built.databases.aws ? { address: built.databases.aws.address, masterSecretArn: built.databases.aws.masterSecretArn } : undefined,
  gcp: built.databases.gcp ? { connectionName: built.databases.gcp.connectionName, privateIp: built.databases.gcp.privateIp, passwordSecretId: built.databases.gcp.passwordSecretId } : undefined,
  // The admin password stays in the state (a Pulumi secret): `pulumi stack output` of the component, not exported here.
  azure: built.databases.azure ? { serverName: built.databases.azure.serverName, fqdn: built.databases.azure.fqdn } : undefined,
};
/** The serverless services' own URLs, per cloud (empty for a load-balanced Lambda, which has none: call the API's name). */
export const services = { aws: built.services.aws?.url, gcp: built.services.gcp?.url, azure: built.services.azure?.url };
/** Each cloud's entry point: where its load balancer answers, and the per-cloud names it publishes. */
export const entryPoints = {
  aws: built.entryPoints.aws ? { dnsName: built.entryPoints.aws.dnsName, names: built.entryPoints.aws.aliasRecords } : undefined,
  gcp: built.entryPoints.gcp ? { ipAddress: built.entryPoints.gcp.ipAddress, names: built.entryPoints.gcp.addressRecords } : undefined,
  azure: built.entryPoints.azure ? { endpointHostName: built.entryPoints.azure.endpointHostName, names: built.entryPoints.azure.cnameRecords } : undefined,
};
/**
 * What `meridian runbook` names in its commands, per cloud: each cluster's name (for `aws eks update-kubeconfig`,
 * `gcloud container clusters get-credentials`), the app's namespace and name (its Service's, which its Deployment and autoscaler share), and
 * the Cloud Run service's name.
 */
export const clusters = { aws: built.clusters.aws?.clusterName, gcp: built.clusters.gcp?.clusterName };
export const apps = Object.fromEntries(Object.entries(built.apps).map(([cloud, app]) => [cloud, { namespace: app.namespace, name: app.serviceName }]));
export const serviceNames = { gcp: built.services.gcp ? (built.services.gcp.service as CloudRunService).serviceName : undefined };
/** Each public name's Route 53 health check ids, by cloud (`meridian runbook` pins traffic with them). */
export const healthChecks = Object.fromEntries(Object.entries(built.dns).map(([tier, d]) => [tier, d.healthCheckIds]));
/** Kubeconfigs, per cloud (secrets). */
export const kubeconfigs = { aws: built.clusters.aws?.kubeconfig, gcp: built.clusters.gcp?.kubeconfig, azure: built.clusters.azure?.kubeconfig };
/** The first public name, how long its failover may take (detection + TTL) and the zone's name servers (delegate the domain to them), when DNS failover is configured. */
const zoneOwner = built.dns.api ?? built.dns.app;
export const dns = zoneOwner ? { fqdn: zoneOwner.fqdn, failoverBudget: zoneOwner.failoverBudget, nameServers: zoneOwner.nameServers } : undefined;
/** Every public name, its routing policy and its failover budget. */
export const publicNames = Object.fromEntries(Object.entries(built.dns).map(([tier, d]) => [tier, { fqdn: d.fqdn, routing: d.routing, failoverBudget: d.failoverBudget }]));
/** The replication lag that pages someone (the RPO guard), when replication is configured. */
export const replication = built.replication
  ? { rpoGuardSeconds: built.replication.rpoGuardSeconds, taskArn: built.replication.replicationTaskArn, alarmTopicArn: built.replication.alarmTopicArn }
  : undefined;
/** The estimated monthly cost, USD, at list prices (policies/pricing). A figure, not a secret: the inputs it reads may be. */
const allResources = pulumi.all(
  registered.map((r) => pulumi.output(r.props).apply((props) => ({ type: r.type, name: r.name, urn: r.name, props: props as Record<string, unknown> }))),
);
export const estimatedMonthlyCostUsd = pulumi.unsecret(allResources.apply((resources: CostResource[]) => estimateMonthlyCost(resources).totalMonthlyUsd));
