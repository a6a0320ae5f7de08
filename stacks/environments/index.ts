/**
 * The environment composition: one function builds every stack; the stack config holds the differences (what
 * each cloud runs, sizes, replication, DNS), and this file none of the numbers.
 *
 * For each configured cloud: an explicit provider (the stacks disable the cloud providers' defaults, so nothing
 * reaches a cloud through ambient settings), its network, and — when configured — its database, Kubernetes
 * cluster and serverless service; on GCP first the service APIs those call. Across clouds: the VPN and DMS
 * replication from the AWS database to the GCP one, global DNS failover between the clouds' entry points, and
 * the application on every cluster. The standard tags go on every resource of the stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { Service as GcpService } from "@pulumi/gcp/projects/service";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { registerStackTags, standardTags, type Cloud, type StackConfig, type Tags } from "../../components/core";
import { CloudSqlPostgres, DmsReplication, RdsPostgres } from "../../components/database";
import { GlobalDnsFailover } from "../../components/dns";
import { KubernetesApp, KubernetesCluster, type EksCluster } from "../../components/kubernetes";
import { AwsNetwork, AzureNetwork, CrossCloudVpn, GcpNetwork, privateSubnetIdList } from "../../components/network";
import { ServerlessService } from "../../components/serverless";

/** The GCP service APIs that Meridian's GCP components call. Enabling one is idempotent and free. */
export const GCP_SERVICE_APIS = [
  "cloudkms.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "compute.googleapis.com",
  "container.googleapis.com",
  "dns.googleapis.com",
  "iam.googleapis.com",
  "logging.googleapis.com",
  "monitoring.googleapis.com",
  "run.googleapis.com",
  "secretmanager.googleapis.com",
  "servicenetworking.googleapis.com",
  "sqladmin.googleapis.com",
] as const;

export interface BuiltEnvironment {
  readonly clouds: Cloud[];
  readonly tags: Tags;
  readonly providers: { aws?: AwsProvider; gcp?: GcpProvider; azure?: AzureProvider };
  /** The GCP APIs enabled, when GCP is configured. */
  readonly gcpServices: GcpService[];
  readonly networks: { aws?: AwsNetwork; gcp?: GcpNetwork; azure?: AzureNetwork };
  readonly databases: { aws?: RdsPostgres; gcp?: CloudSqlPostgres };
  readonly services: { aws?: ServerlessService; gcp?: ServerlessService };
  readonly clusters: { aws?: KubernetesCluster; gcp?: KubernetesCluster };
  readonly vpn?: CrossCloudVpn;
  readonly replication?: DmsReplication;
  readonly dns?: GlobalDnsFailover;
}

export function buildEnvironment(config: StackConfig, project: string = pulumi.getProject()): BuiltEnvironment {
  const tags = standardTags(
    { environment: config.environment, project: config.project ?? project, owner: config.owner, costCenter: config.costCenter },
    config.tags,
  );
  registerStackTags(tags);
  const protect = config.protect ?? false;

  const clouds: Cloud[] = [];
  const providers: BuiltEnvironment["providers"] = {};
  const gcpServices: GcpService[] = [];
  const networks: BuiltEnvironment["networks"] = {};
  const databases: BuiltEnvironment["databases"] = {};
  const services: BuiltEnvironment["services"] = {};
  const clusters: BuiltEnvironment["clusters"] = {};

  if (config.aws) {
    const aws = config.aws;
    clouds.push("aws");
    const opts = { providers: { aws: (providers.aws = new AwsProvider("aws", { region: aws.region })) } };
    const network = (networks.aws = new AwsNetwork("network-aws", { ...aws.network }, opts));
    const privateSubnetIds = privateSubnetIdList(network);
    if (aws.cluster) clusters.aws = new KubernetesCluster("k8s-aws", { cloud: "aws", awsNetwork: network, ...aws.cluster }, opts);
    if (aws.database) {
      const eks = clusters.aws?.cluster as EksCluster | undefined;
      databases.aws = new RdsPostgres(
        "db-aws",
        {
          vpcId: network.vpcId,
          subnetIds: privateSubnetIds,
          // The primary feeds the standby when replication is configured.
          replicationSource: config.replication !== undefined,
          // The cluster's workloads reach the database; nothing else does.
          allowedSecurityGroupIds: eks ? [eks.clusterSecurityGroupId] : undefined,
          protect,
          ...aws.database,
        },
        opts,
      );
    }
    if (aws.service) services.aws = new ServerlessService("api-aws", { cloud: "aws", ...aws.service }, opts);
  }

  if (config.gcp) {
    const gcp = config.gcp;
    clouds.push("gcp");
    providers.gcp = new GcpProvider("gcp", { project: gcp.project, region: gcp.region });
    for (const api of GCP_SERVICE_APIS) {
      // Keyed by the API name, never by position: adding an API replaces nothing.
      gcpServices.push(
        new GcpService(
          `gcp-api-${api.split(".")[0]}`,
          // Leave APIs on when the stack is destroyed: other projects' resources may still depend on them.
          { project: gcp.project, service: api, disableOnDestroy: false, disableDependentServices: false },
          { provider: providers.gcp },
        ),
      );
    }
    const opts = { providers: { gcp: providers.gcp }, dependsOn: gcpServices };
    const network = (networks.gcp = new GcpNetwork("network-gcp", { region: gcp.region, project: gcp.project, ...gcp.network }, opts));
    if (gcp.database) databases.gcp = new CloudSqlPostgres("db-gcp", { network, region: gcp.region, project: gcp.project, protect, ...gcp.database }, opts);
    if (gcp.cluster) clusters.gcp = new KubernetesCluster("k8s-gcp", { cloud: "gcp", gcpNetwork: network, project: gcp.project, region: gcp.region, ...gcp.cluster }, opts);
    if (gcp.service) services.gcp = new ServerlessService("api-gcp", { cloud: "gcp", region: gcp.region, network, ...gcp.service }, opts);
  }

  if (config.azure) {
    clouds.push("azure");
    providers.azure = new AzureProvider("azure", { location: config.azure.location, subscriptionId: config.azure.subscriptionId });
    networks.azure = new AzureNetwork("network-azure", { location: config.azure.location, ...config.azure.network }, { providers: { "azure-native": providers.azure } });
  }

  let vpn: CrossCloudVpn | undefined;
  let replication: DmsReplication | undefined;
  if (config.replication) {
    const r = config.replication;
    if (!networks.aws || !networks.gcp || !databases.aws || !databases.gcp) {
      throw new pulumi.RunError("meridian:replication needs meridian:aws.database and meridian:gcp.database (and both clouds' networks)");
    }
    const both = { providers: { aws: providers.aws!, gcp: providers.gcp! } };
    vpn = new CrossCloudVpn("vpn", { awsNetwork: networks.aws, gcpNetwork: networks.gcp, project: config.gcp?.project, awsAsn: r.awsAsn, gcpAsn: r.gcpAsn }, both);
    const aws = networks.aws;
    replication = new DmsReplication(
      "replication",
      {
        source: databases.aws,
        target: databases.gcp.replicationTarget(),
        vpcId: aws.vpcId,
        subnetIds: privateSubnetIdList(aws),
        maxLagSeconds: r.maxLagSeconds,
        instanceClass: r.instanceClass,
        multiAz: r.multiAz,
        protect,
      },
      // Replication traffic crosses the VPN: it must exist first.
      { ...both, dependsOn: [vpn] },
    );
  }

  let dns: GlobalDnsFailover | undefined;
  if (config.dns) {
    const d = config.dns;
    if (!providers.aws) throw new pulumi.RunError("meridian:dns uses Route 53 and needs meridian:aws");
    dns = new GlobalDnsFailover(
      "dns",
      {
        zoneName: d.zoneName,
        recordName: d.recordName,
        createZone: d.createZone,
        protectZone: protect,
        routing: "failover",
        endpoints: d.endpoints.map((e, i) => ({ name: e.cloud, address: e.hostname, cloud: e.cloud, role: i === 0 ? "primary" : "secondary" })),
        healthCheck: { requestIntervalSeconds: d.requestIntervalSeconds, failureThreshold: d.failureThreshold, path: d.healthCheckPath },
        ttlSeconds: d.ttlSeconds,
      },
      { providers: { aws: providers.aws } },
    );
  }

  if (config.app) {
    for (const [cloud, cluster] of Object.entries(clusters) as Array<[Cloud, KubernetesCluster]>) {
      new KubernetesApp(`app-${cloud}`, { ...config.app }, { providers: [cluster.provider] });
    }
  }

  return { clouds, tags, providers, gcpServices, networks, databases, services, clusters, vpn, replication, dns };
}
