/**
 * The environment composition: one function builds every stack; the stack config holds the differences.
 *
 * For each configured cloud: an explicit provider (the stacks disable default providers, so nothing can reach
 * a cloud through ambient settings) and the network; on GCP first the service APIs Meridian's components call.
 * The standard tags go on every resource of the stack. Components join here as they land (databases,
 * clusters, DNS).
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { Service as GcpService } from "@pulumi/gcp/projects/service";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { registerStackTags, standardTags, type Cloud, type StackConfig, type Tags } from "../../components/core";
import { CloudSqlPostgres } from "../../components/database";
import { AwsNetwork, AzureNetwork, GcpNetwork } from "../../components/network";
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
  readonly databases: { gcp?: CloudSqlPostgres };
  readonly services: { gcp?: ServerlessService };
}

export function buildEnvironment(config: StackConfig, project: string = pulumi.getProject()): BuiltEnvironment {
  const tags = standardTags(
    { environment: config.environment, project: config.project ?? project, owner: config.owner, costCenter: config.costCenter },
    config.tags,
  );
  registerStackTags(tags);

  const clouds: Cloud[] = [];
  const providers: BuiltEnvironment["providers"] = {};
  const gcpServices: GcpService[] = [];
  const networks: BuiltEnvironment["networks"] = {};
  const databases: BuiltEnvironment["databases"] = {};
  const services: BuiltEnvironment["services"] = {};
  const protect = config.protect ?? false;

  if (config.aws) {
    clouds.push("aws");
    providers.aws = new AwsProvider("aws", { region: config.aws.region });
    networks.aws = new AwsNetwork("network-aws", { ...config.aws.network }, { providers: { aws: providers.aws } });
  }
  if (config.gcp) {
    clouds.push("gcp");
    const gcp = config.gcp;
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
    networks.gcp = new GcpNetwork(
      "network-gcp",
      { region: gcp.region, project: gcp.project, ...gcp.network },
      { providers: { gcp: providers.gcp }, dependsOn: gcpServices },
    );
    if (gcp.database) {
      databases.gcp = new CloudSqlPostgres(
        "db-gcp",
        { network: networks.gcp, region: gcp.region, project: gcp.project, protect, ...gcp.database },
        { providers: { gcp: providers.gcp }, dependsOn: gcpServices },
      );
    }
    if (gcp.service) {
      services.gcp = new ServerlessService(
        "api-gcp",
        { cloud: "gcp", region: gcp.region, network: networks.gcp, ...gcp.service },
        { providers: { gcp: providers.gcp }, dependsOn: gcpServices },
      );
    }
  }
  if (config.azure) {
    clouds.push("azure");
    providers.azure = new AzureProvider("azure", { location: config.azure.location, subscriptionId: config.azure.subscriptionId });
    networks.azure = new AzureNetwork(
      "network-azure",
      { location: config.azure.location, ...config.azure.network },
      { providers: { "azure-native": providers.azure } },
    );
  }
  return { clouds, tags, providers, gcpServices, networks, databases, services };
}
