/**
 * The environment composition: one function builds every stack; the stack config holds the differences (what
 * each cloud runs, sizes, replication, DNS), and this file none of the numbers.
 *
 * For each configured cloud: an explicit provider (the stacks disable the cloud providers' defaults, so nothing
 * reaches a cloud through ambient settings), its network, and — when configured — its database, Kubernetes
 * cluster and serverless service; on GCP first the service APIs those call. Across clouds: the VPN and DMS
 * replication from the AWS database to the GCP one, the application on every cluster, and — when DNS is configured —
 * each cloud's entry point (a load balancer in front of the app and the API) and global DNS failover between them
 * for each public name. The standard tags go on every resource of the stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { Service as GcpService } from "@pulumi/gcp/projects/service";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { registerStackTags, standardTags, type Cloud, type Tags } from "../../components/core";
import { dnsLatencyRegions, type StackConfig } from "../config-schema";
import { stackConfigFile } from "../config";
import { fromConfig } from "./config-keys";
import { AzurePostgres, CloudSqlPostgres, DmsReplication, RdsPostgres } from "../../components/database";
import { AlertRouting, type AlertSubscribers } from "../../components/alerts";
import type { AlertDestinations } from "../../components/core/alerts";
import { GlobalDnsFailover, type DnsEndpoint } from "../../components/dns";
import { Record as DnsRecord } from "@pulumi/aws/route53/record";
import { DEFAULT_READINESS_PATH } from "../../components/ingress/internal/routes";
import { AwsLoadBalancer, AzureFrontDoor, GOOGLE_FRONT_END_RANGES, GcpLoadBalancer, type AwsLoadBalancerRoute, type AzureFrontDoorRoute, type GcpLoadBalancerRoute } from "../../components/ingress";
import { EksPodIdentity, GkeWorkloadIdentity, KubernetesApp, KubernetesCluster, type EksCluster, type GkeCluster, type WorkloadIdentity } from "../../components/kubernetes";
import { AwsNetwork, AzureNetwork, CrossCloudVpn, GcpNetwork } from "../../components/network";
import { ServerlessService, type AwsFunction, type AzureContainerApp, type CloudRunService } from "../../components/serverless";

/** The GCP service APIs that Meridian's GCP components call. Enabling one is idempotent and free. */
export const GCP_SERVICE_APIS = [
  "cloudkms.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "compute.googleapis.com",
  "container.googleapis.com",
  "dns.googleapis.com",
  "certificatemanager.googleapis.com",
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
  readonly databases: { aws?: RdsPostgres; gcp?: CloudSqlPostgres; azure?: AzurePostgres };
  readonly services: { aws?: ServerlessService; gcp?: ServerlessService; azure?: ServerlessService };
  readonly clusters: { aws?: KubernetesCluster; gcp?: KubernetesCluster; azure?: KubernetesCluster };
  readonly vpn?: CrossCloudVpn;
  readonly replication?: DmsReplication;
  /** The DNS failover of each public name: `api` and `app`. */
  readonly dns: { api?: GlobalDnsFailover; app?: GlobalDnsFailover };
  /** Each cloud's entry point, when DNS is configured. */
  readonly entryPoints: { aws?: AwsLoadBalancer; gcp?: GcpLoadBalancer; azure?: AzureFrontDoor };
  readonly apps: { aws?: KubernetesApp; gcp?: KubernetesApp; azure?: KubernetesApp };
  /** Where alarms go, on every configured cloud, when `meridian:alerts` is configured. */
  readonly alerts?: AlertRouting;
}

/** The public tiers: the app on the clusters, the API on the serverless services. */
type Tier = "app" | "api";
const TIERS: readonly Tier[] = ["api", "app"];

/** The app's node port and probe paths when the config does not say (the serverless API's readiness path too). */
const APP_DEFAULTS = { nodePort: 30080, livenessPath: "/healthz", readinessPath: DEFAULT_READINESS_PATH } as const;

/**
 * Builds the environment `config` describes. `file` is the stack config file: a component refusing a value it was
 * given from there is reported as that file's key (`stacks/Pulumi.prod.yaml: meridian:aws.database.masterUsername
 * must be ...`).
 */
export function buildEnvironment(config: StackConfig, project: string = pulumi.getProject(), file: string = stackConfigFile()): BuiltEnvironment {
  /** Builds from the config at `meridian:<key>`, whose value is `section`. */
  const from = <T>(key: string, section: object | undefined, build: () => T): T => fromConfig(file, `meridian:${key}`, section, build);
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

  // Where every component's alarms go: AlertRouting's destinations. It is built after the networks (Azure's action
  // groups live in the network's resource group), so the components made before it take them as deferred outputs.
  const pendingAlerts = config.alerts ? deferredDestinations({ aws: config.aws !== undefined, gcp: config.gcp !== undefined, azure: config.azure !== undefined }) : undefined;
  const componentAlerts = pendingAlerts?.destinations;

  const dnsConfig = config.dns;
  const publicTier = (tier: Tier) => dnsConfig !== undefined && !(dnsConfig.internal ?? []).includes(tier);
  // The Lambda's security group is known only once the function exists, after the database it connects to.
  const [lambdaSg, setLambdaSg] = pulumi.deferredOutput<string>();
  const lambdaInVpc = config.aws?.service !== undefined && config.aws.database !== undefined;

  if (config.aws) {
    const aws = config.aws;
    clouds.push("aws");
    const opts = { providers: { aws: (providers.aws = new AwsProvider("aws", { region: aws.region })) } };
    const network = (networks.aws = from("aws.network", aws.network, () => new AwsNetwork("network-aws", { ...aws.network, protect }, opts)));
    const cluster = aws.cluster;
    if (cluster) clusters.aws = from("aws.cluster", cluster, () => new KubernetesCluster("k8s-aws", { cloud: "aws", awsNetwork: network, protect, ...cluster }, opts));
    const database = aws.database;
    if (database) {
      const eks = clusters.aws?.cluster as EksCluster | undefined;
      databases.aws = from("aws.database", database, () => new RdsPostgres(
        "db-aws",
        {
          network,
          // The primary feeds the standby when replication is configured.
          replicationSource: config.replication !== undefined,
          // The cluster's workloads and the API reach the database; nothing else does. (In this order: the rules were
          // positional before, db-aws-sg-0 and -1, and each keeps its old name as an alias.)
          allowedSecurityGroups: { ...(eks ? { eks: eks.clusterSecurityGroupId } : {}), ...(lambdaInVpc ? { lambda: lambdaSg } : {}) },
          protect,
          alerts: componentAlerts,
          ...database,
        },
        opts,
      ));
    }
    if (aws.service) {
      const { readinessPath: _readiness, ...service } = aws.service;
      const db = databases.aws;
      services.aws = from("aws.service", aws.service, () => new ServerlessService(
        "api-aws",
        {
          cloud: "aws",
          ...service,
          loadBalanced: publicTier("api"),
          database: db?.connection(),
          // In the private subnets, allowed into its database (and the database lets it in).
          awsNetwork: db ? network : undefined,
          awsAllowedDestinations: db ? [{ securityGroupId: db.securityGroupId, port: 5432 }] : undefined,
          protect,
          alerts: componentAlerts,
        },
        opts,
      ));
      const sg = (services.aws.service as AwsFunction).securityGroupId;
      if (sg) setLambdaSg(sg);
    }
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
    const network = (networks.gcp = from("gcp.network", gcp.network, () => new GcpNetwork("network-gcp", { region: gcp.region, project: gcp.project, ...gcp.network }, opts)));
    const { database, cluster } = gcp;
    if (database) databases.gcp = from("gcp.database", database, () => new CloudSqlPostgres("db-gcp", { network, region: gcp.region, project: gcp.project, protect, alerts: componentAlerts, ...database }, opts));
    // With the VPN, the deploy runner sits in the AWS VPC (README, "The runner"): it reaches GKE's control plane
    // on its private endpoint across the VPN, from the VPC's range (the VPN advertises the control plane's range
    // back, below).
    const awsVpcRange = config.replication && networks.aws ? networks.aws.addressPlan.vpc : undefined;
    const overVpn = awsVpcRange === undefined ? {} : { apiEndpoint: "private" as const, apiAllowedCidrs: [...(cluster?.apiAllowedCidrs ?? []), awsVpcRange] };
    if (cluster) clusters.gcp = from("gcp.cluster", cluster, () => new KubernetesCluster("k8s-gcp", { cloud: "gcp", gcpNetwork: network, project: gcp.project, region: gcp.region, protect, ...cluster, ...overVpn }, opts));
    if (gcp.service) {
      const { readinessPath: _readiness, ...service } = gcp.service;
      services.gcp = from("gcp.service", gcp.service, () => new ServerlessService("api-gcp", { cloud: "gcp", region: gcp.region, gcpNetwork: network, ...service, loadBalanced: publicTier("api"), database: databases.gcp?.connection(), protect, alerts: componentAlerts }, opts));
    }
  }

  if (config.azure) {
    clouds.push("azure");
    providers.azure = new AzureProvider("azure", { location: config.azure.location, subscriptionId: config.azure.subscriptionId });
    const azure = config.azure;
    const provider = providers.azure;
    const opts = { providers: { "azure-native": provider } };
    // Built whenever meridian:azure is set: an Azure cluster, database or service always has its network.
    const network = (networks.azure = from("azure.network", azure.network, () => new AzureNetwork("network-azure", { location: azure.location, ...azure.network }, opts)));
    const { database, cluster } = azure;
    if (cluster) clusters.azure = from("azure.cluster", cluster, () => new KubernetesCluster("k8s-azure", { cloud: "azure", azureNetwork: network, region: azure.location, protect, ...cluster }, opts));
    if (database) databases.azure = from("azure.database", database, () => new AzurePostgres("db-azure", { network, location: azure.location, protect, alerts: componentAlerts, ...database }, opts));
    if (azure.service) {
      const { readinessPath: _readiness, ...service } = azure.service;
      // No database: Container Apps are not wired to one (ServerlessService refuses it on azure).
      services.azure = from("azure.service", azure.service, () => new ServerlessService(
        "api-azure",
        { cloud: "azure", resourceGroupName: network.resourceGroupName, location: azure.location, ...service, loadBalanced: publicTier("api"), protect, alerts: componentAlerts },
        opts,
      ));
    }
  }

  // Where alarms go: one set of destinations per configured cloud (Azure's in its network's resource group).
  let alerts: AlertRouting | undefined;
  let dnsAlerts: AlertDestinations | undefined;
  if (config.alerts) {
    const subscribers = { critical: alertSubscribers(config.alerts.critical), warning: alertSubscribers(config.alerts.warning) };
    const azureGroup = networks.azure?.resourceGroupName;
    const routingProviders = { ...(providers.aws ? { aws: providers.aws } : {}), ...(providers.gcp ? { gcp: providers.gcp } : {}), ...(providers.azure ? { "azure-native": providers.azure } : {}) };
    alerts = from("alerts", config.alerts, () => new AlertRouting(
      "alerts",
      {
        ...subscribers,
        aws: config.aws ? { region: config.aws.region } : undefined,
        gcp: config.gcp ? { project: config.gcp.project } : undefined,
        azure: azureGroup ? { resourceGroupName: azureGroup } : undefined,
        protect,
      },
      // The notification channels need the Monitoring API; nothing else waits on GCP's APIs.
      { providers: routingProviders, dependsOn: gcpServices.filter((_, i) => GCP_SERVICE_APIS[i] === "monitoring.googleapis.com") },
    ));
    pendingAlerts!.resolve(alerts.destinations);
    dnsAlerts = alerts.destinations;
    // Route 53 health check alarms live in us-east-1 and publish only to a topic there.
    if (config.dns && config.aws && config.aws.region !== "us-east-1") {
      dnsAlerts = from("alerts", config.alerts, () => new AlertRouting("alerts-us-east-1", { ...subscribers, aws: { region: "us-east-1" }, protect }, { providers: { aws: providers.aws! } })).destinations;
    }
  }

  let vpn: CrossCloudVpn | undefined;
  let replication: DmsReplication | undefined;
  if (config.replication) {
    const r = config.replication;
    // parseStackConfig lets replication through only with both databases (and so both networks).
    const [awsNet, gcpNet, source, target] = [networks.aws, networks.gcp, databases.aws, databases.gcp];
    if (!awsNet || !gcpNet || !source || !target) throw new Error("unreachable: meridian:replication without both databases passed the config check");
    const both = { providers: { aws: providers.aws!, gcp: providers.gcp! } };
    // The GKE control plane's range, so the runner in the AWS VPC reaches its private endpoint.
    const gke = clusters.gcp?.cluster as GkeCluster | undefined;
    const advertisedRanges = gke ? [{ range: gke.masterCidr, description: "GKE control plane (private endpoint)" }] : [];
    const vpnDone = (vpn = from("replication", r, () => new CrossCloudVpn("vpn", { awsNetwork: awsNet, gcpNetwork: gcpNet, project: config.gcp?.project, awsAsn: r.awsAsn, gcpAsn: r.gcpAsn, advertisedRanges, protect }, both)));
    replication = from("replication", r, () => new DmsReplication(
      "replication",
      {
        source,
        target: target.replicationTarget(),
        network: awsNet,
        maxLagSeconds: r.maxLagSeconds,
        lagWarningSeconds: r.lagWarningSeconds,
        instanceClass: r.instanceClass,
        allocatedStorageGiB: r.allocatedStorageGiB,
        multiAz: r.multiAz,
        protect,
        alerts: alerts?.destinations,
      },
      // Replication traffic crosses the VPN: it must exist first.
      { ...both, dependsOn: [vpnDone] },
    ));
  }

  // The app on every cluster, on a node port the entry points send to, probed on separate liveness and readiness paths.
  const apps: BuiltEnvironment["apps"] = {};
  // The app's entry-point settings, resolved once: the app, its load balancers and its health checks use them.
  const appSettings = { ...APP_DEFAULTS, ...config.app };
  if (config.app) {
    const { nodePort, livenessPath, readinessPath } = appSettings;
    const { nodePort: _n, livenessPath: _l, readinessPath: _r, ...app } = config.app;
    for (const [cloud, cluster] of Object.entries(clusters) as Array<["aws" | "gcp" | "azure", KubernetesCluster]>) {
      const name = `app-${cloud}`;
      const path = appNetworkPath(cloud, networks);
      // On Azure the app has no database: AzurePostgres gives no connection (its password is in no secret store a
      // workload identity could read), and no Azure identity component exists to grant one.
      const database = cloud === "azure" ? undefined : databases[cloud]?.connection();
      // The app's own identity, which may read its database password and nothing else (its service account and
      // namespace are its name).
      let workloadIdentity: WorkloadIdentity | undefined;
      let identity: EksPodIdentity | GkeWorkloadIdentity | undefined;
      if (database && cloud === "aws") {
        identity = new EksPodIdentity(
          `${name}-identity`,
          { clusterName: cluster.clusterName, namespace: name, serviceAccount: name, secrets: { "db-password": database.passwordSecret }, kmsKeyArns: database.passwordKmsKeyArn ? [database.passwordKmsKeyArn] : [] },
          { providers: { aws: providers.aws! } },
        );
      }
      if (database && cloud === "gcp") {
        const gke = (identity = new GkeWorkloadIdentity(
          `${name}-identity`,
          { project: config.gcp!.project, namespace: name, serviceAccount: name, secrets: { "db-password": database.passwordSecret } },
          { providers: { gcp: providers.gcp! }, dependsOn: gcpServices },
        ));
        workloadIdentity = { cloud: "gcp", serviceAccountEmail: gke.email };
      }
      apps[cloud] = from("app", config.app, () => new KubernetesApp(
        name,
        {
          ...app,
          livenessPath,
          readinessPath,
          // AKS has no entry point for the app: no node port there.
          nodePort: publicTier("app") && cloud !== "azure" ? nodePort : undefined,
          allowedIngressCidrs: path.ingress,
          allowedEgress: database ? path.database : [],
          database,
          workloadIdentity,
        },
        // Pods get their cloud credentials when they start (EKS Pod Identity injects them at creation): the
        // identity exists first.
        { providers: [cluster.provider], dependsOn: identity ? [identity] : [] },
      ));
    }
  }

  const dns: BuiltEnvironment["dns"] = {};
  const entryPoints: BuiltEnvironment["entryPoints"] = {};
  if (dnsConfig) {
    const d = dnsConfig;
    // parseStackConfig lets DNS through only with AWS, and each public tier only when it is served on two clouds or more.
    if (!providers.aws) throw new Error("unreachable: meridian:dns without meridian:aws passed the config check");
    const zone = d.zoneName.replace(/\.$/, "");
    const primary = d.primary ?? "aws";
    // Where each tier is served: the app where a cluster has an entry point to it (not AKS), the API on every service.
    const runsOn = (tier: Tier, cloud: "aws" | "gcp" | "azure") => (tier === "app" ? cloud !== "azure" && apps[cloud] !== undefined : services[cloud] !== undefined);
    const tiers = TIERS.filter((t) => publicTier(t) && (runsOn(t, "aws") || runsOn(t, "gcp") || runsOn(t, "azure")));
    const tiersOn = (cloud: "aws" | "gcp" | "azure") => tiers.filter((t) => runsOn(t, cloud));
    const name = (tier: Tier) => `${tier}.${zone}`;
    const cloudName = (tier: Tier, cloud: string) => `${tier}-${cloud}.${zone}`;
    const readiness = {
      app: appSettings.readinessPath,
      api: {
        aws: config.aws?.service?.readinessPath ?? APP_DEFAULTS.readinessPath,
        gcp: config.gcp?.service?.readinessPath ?? APP_DEFAULTS.readinessPath,
        azure: config.azure?.service?.readinessPath ?? APP_DEFAULTS.readinessPath,
      },
    };
    // The zone is created by the first failover component, after the entry points that put records in it.
    const [zoneId, setZoneId] = pulumi.deferredOutput<string>();
    const awsOpts = { providers: { aws: providers.aws } };

    if (tiersOn("aws").length > 0 && networks.aws) {
      const routes: AwsLoadBalancerRoute[] = tiersOn("aws").map((tier) => {
        const base = { name: tier, hostnames: [name(tier), cloudName(tier, "aws")], aliasRecords: [cloudName(tier, "aws")] };
        if (tier === "app") {
          const eks = clusters.aws!.cluster as EksCluster;
          return { ...base, healthPath: readiness.app, nodePort: { nodePort: appSettings.nodePort, autoScalingGroups: eks.nodeAutoScalingGroups(), securityGroupId: eks.clusterSecurityGroupId } };
        }
        const fn = services.aws!.service as AwsFunction;
        return { ...base, healthPath: readiness.api.aws, lambda: { functionName: fn.functionName, qualifier: fn.qualifier, functionArn: fn.invokeTargetArn } };
      });
      const network = networks.aws;
      entryPoints.aws = from("dns", d, () => new AwsLoadBalancer("edge-aws", { network, zoneName: zone, zoneId, routes, deletionProtection: protect, protect, alerts: componentAlerts }, awsOpts));
    }
    if (tiersOn("gcp").length > 0 && config.gcp && providers.gcp) {
      const routes: GcpLoadBalancerRoute[] = tiersOn("gcp").map((tier) => {
        const base = { name: tier, hostnames: [name(tier), cloudName(tier, "gcp")], addressRecords: [cloudName(tier, "gcp")] };
        if (tier === "app") {
          const gke = clusters.gcp!.cluster as GkeCluster;
          return {
            ...base,
            healthPath: readiness.app,
            nodePort: { nodePort: appSettings.nodePort, instanceGroups: gke.instanceGroups(), network: networks.gcp!.networkId, nodeServiceAccountEmail: gke.nodeServiceAccountEmail },
          };
        }
        const run = services.gcp!.service as CloudRunService;
        return { ...base, cloudRun: { serviceName: run.serviceName, region: config.gcp!.region } };
      });
      const [project, provider] = [config.gcp.project, providers.gcp];
      const lb = (entryPoints.gcp = from("dns", d, () => new GcpLoadBalancer("edge-gcp", { project, zoneName: zone, routes, alerts: componentAlerts }, { providers: { gcp: provider }, dependsOn: gcpServices })));
      // The zone is on Route 53: the GCP entry point's certificate authorizations and address records go there.
      for (const r of lb.dnsRecords) {
        new DnsRecord(`edge-gcp-${r.key}`, { zoneId, name: r.name, type: r.type, ttl: 300, records: [r.value], allowOverwrite: r.key.startsWith("authz-") }, { parent: lb, provider: providers.aws });
      }
    }
    // Azure Front Door in front of the API's Container App (the only tier served on Azure), on its own name
    // `<tier>-azure.<zone>` and the public one, like the other clouds' entry points.
    if (tiersOn("azure").length > 0 && config.azure && providers.azure && networks.azure) {
      const routes: AzureFrontDoorRoute[] = tiersOn("azure").map((tier) => ({
        name: tier,
        hostnames: [name(tier), cloudName(tier, "azure")],
        cnameRecords: [cloudName(tier, "azure")],
        healthPath: readiness.api.azure,
        origin: { hostName: (services.azure!.service as AzureContainerApp).ingressFqdn },
      }));
      const [location, provider, resourceGroupName] = [config.azure.location, providers.azure, networks.azure.resourceGroupName];
      const fd = (entryPoints.azure = from("dns", d, () => new AzureFrontDoor("edge-azure", { resourceGroupName, zoneName: zone, routes, location, protect, alerts: componentAlerts }, { providers: { "azure-native": provider } })));
      // The zone is on Route 53: Front Door's domain validation (TXT) and per-cloud names (CNAME) go there.
      for (const r of fd.dnsRecords) {
        new DnsRecord(`edge-azure-${r.key}`, { zoneId, name: r.name, type: r.type, ttl: 300, records: [r.value] }, { parent: fd, provider: providers.aws });
      }
    }

    // Each public name's routing (parseStackConfig checked the keys each routing reads). Whatever the routing, every
    // answer carries its cloud's health check, so a failed cloud leaves the answers within the same budget.
    const routing = d.routing ?? "failover";
    const weights = { aws: 70, gcp: 30, ...d.weights };
    const latencyRegions = dnsLatencyRegions(config);
    const endpoints = (tier: Tier): DnsEndpoint[] => {
      // Each cloud's own name, which its entry point publishes and answers on, probed on that cloud's readiness path.
      const target = (cloud: "aws" | "gcp" | "azure") => ({
        address: cloud === "aws" ? entryPoints.aws!.aliasRecords[tier]![0]! : cloud === "gcp" ? entryPoints.gcp!.addressRecords[tier]![0]! : entryPoints.azure!.cnameRecords[tier]![0]!,
        cloud,
        healthCheckPath: tier === "app" ? readiness.app : readiness.api[cloud],
      });
      // The primary, then the other clouds the tier is served on (aws, gcp, azure), as its standbys. Weighted, latency
      // and geolocation run between AWS and GCP only (parseStackConfig refuses them with a tier on Azure).
      const clouds = [primary, ...(["aws", "gcp", "azure"] as const).filter((c) => c !== primary)].filter((c) => runsOn(tier, c));
      const twoClouds = clouds.filter((c): c is "aws" | "gcp" => c !== "azure");
      switch (routing) {
        case "failover":
          return clouds.map((cloud, i) => ({ name: cloud, ...target(cloud), role: i === 0 ? ("primary" as const) : ("secondary" as const) }));
        // Weighted and latency keep one record per cloud, keyed by the cloud as failover's are: a change of weights
        // (a gradual shift) updates them in place, and a switch from failover keeps their URNs.
        case "weighted":
          return twoClouds.map((cloud) => ({ name: cloud, ...target(cloud), weight: weights[cloud] }));
        case "latency":
          return twoClouds.map((cloud) => ({ name: cloud, ...target(cloud), region: latencyRegions[cloud] }));
        case "geolocation": {
          // One record per location, keyed by the location (continent and country codes overlap: NA is also Namibia),
          // so moving a location to the other cloud keeps its record and health check (its chain's records change).
          const g = d.geolocation!;
          const at = (cloud: string) => target(cloud as "aws" | "gcp");
          return [
            { name: "default", ...at(g.default), isDefault: true },
            ...Object.entries(g.continents ?? {}).map(([code, cloud]) => ({ name: `continent-${code.toLowerCase()}`, ...at(cloud), continent: code })),
            ...Object.entries(g.countries ?? {}).map(([code, cloud]) => ({ name: `country-${code.toLowerCase()}`, ...at(cloud), country: code })),
          ];
        }
      }
    };

    // The first public tier's failover is "dns" and owns the zone, whichever tier that is, so the zone keeps its
    // URN when a tier is made internal; the others are "dns-<tier>". The routing does not enter the names: switching
    // it never replaces the zone.
    const failover = (tier: Tier, create: boolean) =>
      from("dns", d, () => new GlobalDnsFailover(
        create ? "dns" : `dns-${tier}`,
        {
          zoneName: zone,
          ...(create ? { createZone: d.createZone } : { zoneId: dns.api?.zoneId ?? dns.app?.zoneId }),
          protect,
          recordName: tier,
          routing,
          endpoints: endpoints(tier),
          // A location whose cloud fails is answered by the other cloud, not only when the default's cloud is healthy.
          geolocationFailover: routing === "geolocation" ? true : undefined,
          // Through the entry point, over HTTPS, on the readiness path: a pod that cannot serve stops taking traffic.
          healthCheck: { protocol: "HTTPS", path: readiness.app, requestIntervalSeconds: d.requestIntervalSeconds, failureThreshold: d.failureThreshold },
          ttlSeconds: d.ttlSeconds,
          alerts: dnsAlerts,
        },
        awsOpts,
      ));
    tiers.forEach((tier, i) => (dns[tier] = failover(tier, i === 0)));
    const first = dns[tiers[0] ?? "api"];
    if (first) setZoneId(first.zoneId);
  }

  return { clouds, tags, providers, gcpServices, networks, databases, services, clusters, vpn, replication, dns, entryPoints, apps, alerts };
}

/** One severity's subscribers from the config: the PagerDuty and Opsgenie keys (from `secure:` values) as secrets. */
function alertSubscribers(s: NonNullable<StackConfig["alerts"]>["critical"]): AlertSubscribers {
  return {
    emails: s.emails,
    webhooks: s.webhooks,
    pagerduty: s.pagerduty ? { integrationKey: pulumi.secret(s.pagerduty.integrationKey) } : undefined,
    opsgenie: s.opsgenie ? { apiKey: pulumi.secret(s.opsgenie.apiKey), region: s.opsgenie.region } : undefined,
  };
}

/**
 * Alert destinations that exist before their `AlertRouting` does: one deferred output per configured cloud and
 * severity, for the components built ahead of it; `resolve` hands them the routing's real destinations. Each must be
 * resolved (an unresolved one would hold the program open), so `resolve` sets every one it made.
 */
function deferredDestinations(clouds: { aws: boolean; gcp: boolean; azure: boolean }): { destinations: AlertDestinations; resolve: (real: AlertDestinations) => void } {
  const pair = <T>() => ({ critical: pulumi.deferredOutput<T>(), warning: pulumi.deferredOutput<T>() });
  const aws = clouds.aws ? pair<string>() : undefined;
  const gcp = clouds.gcp ? pair<string[]>() : undefined;
  const azure = clouds.azure ? pair<string>() : undefined;
  const outputs = <T>(p: ReturnType<typeof pair<T>> | undefined) => (p ? { critical: p.critical[0], warning: p.warning[0] } : undefined);
  return {
    destinations: { aws: outputs(aws), gcp: outputs(gcp), azure: outputs(azure) },
    resolve: (real) => {
      for (const [p, given] of [[aws, real.aws], [gcp, real.gcp], [azure, real.azure]] as const) {
        if (!p) continue;
        if (!given) throw new Error("unreachable: AlertRouting was built without a cloud the stack configures");
        p.critical[1](pulumi.output(given.critical) as pulumi.Output<never>);
        p.warning[1](pulumi.output(given.warning) as pulumi.Output<never>);
      }
    },
  };
}

/**
 * Where the app's traffic comes from and where its database is, per cloud: the network policy admits the load
 * balancer's path (the VPC on AWS, where the ALB and the nodes live; the subnet and Google's front ends on GCP) and
 * lets the pods reach PostgreSQL in the database's ranges.
 */
function appNetworkPath(cloud: "aws" | "gcp" | "azure", networks: BuiltEnvironment["networks"]): { ingress: string[]; database: Array<{ cidr: string; ports: number[] }> } {
  // AKS: no entry point to the app, so traffic only from inside the VNet; and no database access (see buildEnvironment).
  if (cloud === "azure") return { ingress: [networks.azure!.addressPlan.vnet], database: [] };
  if (cloud === "aws") {
    const plan = networks.aws!.addressPlan;
    return { ingress: [plan.vpc], database: plan.privateSubnets.map((cidr) => ({ cidr, ports: [5432] })) };
  }
  const plan = networks.gcp!.addressPlan;
  return { ingress: [plan.subnet, ...GOOGLE_FRONT_END_RANGES], database: [{ cidr: plan.privateServices, ports: [5432] }] };
}
