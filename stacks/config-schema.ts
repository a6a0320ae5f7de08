/**
 * The stack config schema: what `stacks/Pulumi.<stack>.yaml` may hold under the `meridian:` namespace. It belongs
 * to the stacks, not to the library: a program that imports the components brings its own config.
 * Every difference between environments lives here, none in the composition code.
 *
 * A bad value fails with a `MeridianValidationError` naming the file, the key, the value and what is allowed:
 *
 *     stacks/Pulumi.dev.yaml: meridian:gcp.region must be a GCP region such as "us-central1"; got "moon-1".
 */
import { z } from "zod";
// From the core's modules themselves, not its index: \`meridian stack-info\` and a config refused at the start
// of a plan should not load the Pulumi SDK.
import { ENVIRONMENTS } from "../components/core/environment";
import { MeridianValidationError } from "../components/core/errors";
import { GCP_PROJECT_PATTERN } from "../components/core/limits";
import { AZURE_LOCATIONS, awsRegions, CONTINENT_CODES, COUNTRY_CODES, GCP_REGIONS } from "../components/core/regions";
import { RESERVED_TAG_KEYS } from "../components/core/tags";
import { nearestAwsRegion } from "../components/dns/latency-regions";

// A stack's config is parsed once per run: zod's compiled parsers (built with `new Function` on first use) cost more
// to build than they save on one parse (about 15 ms against 8 ms for prod's config here). Only the stack program
// and the CLI load zod.
z.config({ jitless: true });

/** The config namespace Meridian reads. */
export const CONFIG_NAMESPACE = "meridian";

const nonEmpty = (what: string) => z.string({ error: `a non-empty string (${what})` }).min(1, { error: `a non-empty string (${what})` });

const num = (what: string) => z.number({ error: what });

/**
 * A component's `alarms` (thresholds, or `{ enabled: false }`): the keys it reads, each a number; the component
 * checks the ranges and names the config key when it refuses one (stacks/environments/config-keys.ts).
 */
const alarmsConfig = (keys: readonly string[]) =>
  z
    .object({
      enabled: z.boolean({ error: "true or false" }).optional(),
      ...Object.fromEntries(keys.map((k) => [k, num("a number, such as 80").optional()])),
    })
    .strict();

const cidr = z.string({ error: 'an IPv4 CIDR block such as "10.0.0.0/16"' });

/** The AWS network (components/network/aws-network.ts validates the values). */
const AwsNetworkConfig = z
  .object({
    cidrBlock: cidr.optional(),
    availabilityZoneCount: z.number({ error: "an integer from 1 to 6" }).optional(),
    natGateways: z.enum(["none", "single", "one-per-az"], { error: 'one of "none", "single", "one-per-az"' }).optional(),
    flowLogRetentionDays: z.number({ error: "a CloudWatch retention in days, such as 90" }).optional(),
  })
  .strict();

/** The GCP network (components/network/gcp-network.ts validates the values). */
const GcpNetworkConfig = z
  .object({
    subnetCidr: cidr.optional(),
    podsCidr: cidr.optional(),
    servicesCidr: cidr.optional(),
    privateServicesCidr: cidr.optional(),
  })
  .strict();

/** The Azure network (components/network/azure-network.ts validates the values). */
const AzureNetworkConfig = z
  .object({
    addressSpace: cidr.optional(),
    aksSubnetPrefixLength: z.number({ error: "a prefix length such as 18" }).optional(),
    workloadsSubnetPrefixLength: z.number({ error: "a prefix length such as 20" }).optional(),
    postgresSubnetPrefixLength: z.number({ error: "a prefix length such as 24" }).optional(),
  })
  .strict();

/** A Cloud SQL database (components/database/cloud-sql-postgres.ts validates the values). */
const GcpDatabaseConfig = z
  .object({
    version: z.number({ error: "a PostgreSQL major version such as 17" }).optional(),
    tier: z.string({ error: 'a Cloud SQL tier such as "db-custom-1-3840"' }).optional(),
    availabilityType: z.enum(["REGIONAL", "ZONAL"], { error: 'one of "REGIONAL", "ZONAL"' }).optional(),
    diskSizeGb: z.number({ error: "a size in GB such as 20" }).optional(),
    retainedBackups: z.number({ error: "a number of backups such as 14" }).optional(),
    /** Daily backup start, UTC. Default: 03:00. */
    backupStartTime: z.string({ error: 'a UTC time such as "03:00"' }).optional(),
    /** The weekly hour (UTC) Cloud SQL may restart the instance for maintenance. Default: SUN at 5. */
    maintenanceWindow: z
      .object({
        day: z.enum(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], { error: 'a day such as "SUN"' }),
        hour: num("an hour from 0 to 23"),
      })
      .strict()
      .optional(),
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    /** The database's alarm thresholds (CloudSqlPostgres `alarms`), or { enabled: false }. Default: the component's. */
    alarms: alarmsConfig(["downMinutes", "cpuPercent", "cpuMinutes", "diskPercent", "connectionsPercent", "maxConnections"]).optional(),
  })
  .strict();

/** A ServerlessService (components/serverless/serverless-service.ts validates the values). */
const ServiceConfig = z
  .object({
    image: z.string({ error: "a container image reference" }).min(1, { error: "a container image reference" }),
    cpu: z.number({ error: "a number of vCPUs" }).optional(),
    memoryMiB: z.number({ error: "memory in MiB, such as 512" }).optional(),
    concurrency: z.number({ error: "requests per instance, such as 80" }).optional(),
    minInstances: z.number({ error: "an instance count" }).optional(),
    maxInstances: z.number({ error: "an instance count" }).optional(),
    public: z.boolean({ error: "true or false" }).optional(),
    /** What the load balancer and the DNS health checks request. Default: /readyz. */
    readinessPath: z.string({ error: "a path such as /readyz" }).optional(),
    /** The service's alarm thresholds (ServerlessService `alarms`; on Azure only { enabled: false }). Default: the component's. */
    alarms: alarmsConfig(["errorRatePercent", "errorMinutes", "latencyP99Ms", "latencyMinutes", "throttles"]).optional(),
  })
  .strict();

/** An RDS database (components/database/rds-postgres.ts validates the values). */
const AwsDatabaseConfig = z
  .object({
    version: num("a PostgreSQL major version such as 17").optional(),
    instanceClass: z.string({ error: 'an RDS instance class such as "db.t4g.medium"' }).optional(),
    allocatedStorageGiB: num("GiB, such as 20").optional(),
    /** The storage autoscaling ceiling: at least 10 % above allocatedStorageGiB, or equal to it for none. Default: 100, or 26 % above the allocation. */
    maxAllocatedStorageGiB: num("GiB, such as 500").optional(),
    multiAz: z.boolean({ error: "true or false" }).optional(),
    backupRetentionDays: num("days, such as 14").optional(),
    /** Daily backup window, UTC. Default: 03:00-04:00. */
    backupWindow: z.string({ error: 'a UTC window such as "03:00-04:00"' }).optional(),
    /** Weekly maintenance window, UTC. Default: sun:04:30-sun:05:30. */
    maintenanceWindow: z.string({ error: 'a UTC window such as "sun:04:30-sun:05:30"' }).optional(),
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    /** The database's alarm thresholds (RdsPostgres `alarms`), or { enabled: false }. Default: the component's. */
    alarms: alarmsConfig(["cpuPercent", "cpuMinutes", "freeStoragePercent", "connectionsPercent", "maxConnections"]).optional(),
  })
  .strict();

/**
 * An Azure Database for PostgreSQL flexible server (components/database/azure-postgres.ts validates the values).
 * Azure's own terms where the other clouds' have no equivalent: the compute tier and SKU, the high-availability mode.
 */
const AzureDatabaseConfig = z
  .object({
    version: num("a PostgreSQL major version such as 17").optional(),
    tier: z.enum(["Burstable", "GeneralPurpose", "MemoryOptimized"], { error: 'one of "Burstable", "GeneralPurpose", "MemoryOptimized"' }).optional(),
    skuName: z.string({ error: 'a flexible server size such as "Standard_D2ds_v5"' }).optional(),
    storageSizeGb: num("GiB, one of 32, 64, 128, ... 32767").optional(),
    highAvailability: z.enum(["ZoneRedundant", "SameZone", "Disabled"], { error: 'one of "ZoneRedundant", "SameZone", "Disabled"' }).optional(),
    backupRetentionDays: num("days, 7 to 35").optional(),
    geoRedundantBackup: z.boolean({ error: "true or false" }).optional(),
  })
  .strict();

/** A node pool by size class (components/kubernetes/kubernetes-cluster.ts). */
const PoolConfig = z
  .object({
    name: z.string({ error: "a pool key such as general" }),
    size: z.enum(["small", "medium", "large"], { error: 'one of "small", "medium", "large"' }),
    minNodes: num("a node count"),
    maxNodes: num("a node count"),
    spot: z.boolean({ error: "true or false" }).optional(),
  })
  .strict();

/** A Kubernetes cluster (components/kubernetes validates the values). */
const ClusterConfig = z
  .object({
    version: z.enum(["1.31", "1.32", "1.33", "1.34"], { error: 'a Kubernetes version such as "1.33"' }).optional(),
    nodePools: z.array(PoolConfig, { error: "a list of node pools" }),
    apiAllowedCidrs: z.array(z.string(), { error: "a list of CIDR blocks" }).optional(),
    /** GCP: the zones of the region the nodes run in (the load balancer's instance groups are per zone). */
    zones: z.array(z.string(), { error: 'a list of zones such as "us-central1-a"' }).optional(),
    adminPrincipalArns: z.array(z.string(), { error: "a list of IAM principal ARNs" }).optional(),
  })
  .strict();

// What exists, not what looks plausible: the lists are the core's (components/core/regions.ts).
const AWS_REGION = 'an AWS region such as "us-east-1" (one the AWS provider knows)';
const GCP_REGION = 'a GCP region such as "us-central1" (see components/core/regions.ts)';
const AZURE_LOCATION = 'an Azure location such as "eastus" (lower case, no spaces; see components/core/regions.ts)';

const AwsConfig = z
  .object({
    /** The AWS region everything AWS is built in, e.g. `us-east-1`. */
    region: z.string({ error: AWS_REGION }).refine((r) => awsRegions().includes(r), { error: AWS_REGION }),
    network: AwsNetworkConfig.optional(),
    /** An RDS PostgreSQL database on the network's private subnets. @default - none */
    database: AwsDatabaseConfig.optional(),
    /** An EKS cluster. @default - none */
    cluster: ClusterConfig.optional(),
    /** A serverless container service (Lambda). @default - none */
    service: ServiceConfig.optional(),
  })
  .strict();

const GcpConfig = z
  .object({
    /** The GCP project id (6–30 characters: lower-case letters, digits, hyphens; starts with a letter). */
    project: z.string().regex(GCP_PROJECT_PATTERN, { error: "a GCP project id (6-30 lower-case letters, digits or hyphens, starting with a letter)" }),
    /** The GCP region, e.g. `us-central1`. */
    region: z.string({ error: GCP_REGION }).refine((r) => GCP_REGIONS.includes(r), { error: GCP_REGION }),
    network: GcpNetworkConfig.optional(),
    /** A Cloud SQL PostgreSQL database on the network. @default - none */
    database: GcpDatabaseConfig.optional(),
    /** A serverless container service (Cloud Run). @default - none */
    service: ServiceConfig.optional(),
    /** A GKE cluster. @default - none */
    cluster: ClusterConfig.optional(),
  })
  .strict();

const AzureConfig = z
  .object({
    /** The Azure location, e.g. `eastus`. */
    location: z.string({ error: AZURE_LOCATION }).refine((l) => AZURE_LOCATIONS.includes(l), { error: AZURE_LOCATION }),
    /** The subscription to deploy into. Default: the one the Azure credentials select. */
    subscriptionId: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "a subscription id (a GUID)" })
      .optional(),
    /** The network is built whenever `meridian:azure` is set (these settings only shape it): an Azure tier always has one. */
    network: AzureNetworkConfig.optional(),
    /** An Azure Database for PostgreSQL flexible server on the network's delegated subnet. @default - none */
    database: AzureDatabaseConfig.optional(),
    /** An AKS cluster on the network's aks subnet (the app runs on it too). @default - none */
    cluster: ClusterConfig.optional(),
    /** A serverless container service (Container Apps); behind Azure Front Door when the api tier is public. @default - none */
    service: ServiceConfig.optional(),
  })
  .strict();

/** The routing policies of `meridian:dns.routing`. */
export const DNS_ROUTINGS = ["failover", "weighted", "latency", "geolocation"] as const;
/** Weights arrive as numbers (`pulumi config set --path ... 60`) or, from some tools, as digit strings. */
const WEIGHT = z.preprocess(
  (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
  z.number({ error: "an integer from 0 to 255" }).int({ error: "an integer from 0 to 255" }).min(0, { error: "an integer from 0 to 255" }).max(255, { error: "an integer from 0 to 255" }),
);
const AWS_REGION_KEY = z.string({ error: AWS_REGION }).refine((r) => awsRegions().includes(r), { error: AWS_REGION });
const CONTINENT_KEYS = `continent codes of Route 53 geolocation: ${CONTINENT_CODES.join(", ")}`;
const COUNTRY_KEYS = 'ISO 3166-1 alpha-2 country codes, upper case, such as "DE"';
/** What one severity's alerts reach (components/alerts/alert-routing.ts validates the values again). */
const ALERT_EMAIL = 'an e-mail address such as "oncall@example.com"';
const ALERT_WEBHOOK = 'an https:// URL such as "https://hooks.example.com/alerts" (alerts never travel in clear text)';
const AlertSubscribersConfig = z
  .object({
    emails: z.array(z.string({ error: ALERT_EMAIL }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: ALERT_EMAIL }), { error: "a list of e-mail addresses" }).optional(),
    webhooks: z.array(z.string({ error: ALERT_WEBHOOK }).regex(/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, { error: ALERT_WEBHOOK }), { error: "a list of https:// URLs" }).optional(),
    /** A secret: `pulumi config set --secret --path 'meridian:alerts.critical.pagerduty.integrationKey' <key>`. */
    pagerduty: z.object({ integrationKey: nonEmpty("the PagerDuty integration key, set with --secret") }).strict().optional(),
    /** A secret: `pulumi config set --secret --path 'meridian:alerts.critical.opsgenie.apiKey' <key>`. */
    opsgenie: z
      .object({ apiKey: nonEmpty("the Opsgenie integration API key, set with --secret"), region: z.enum(["us", "eu"], { error: 'one of "us", "eu"' }).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => (s.emails?.length ?? 0) + (s.webhooks?.length ?? 0) + (s.pagerduty ? 1 : 0) + (s.opsgenie ? 1 : 0) > 0, {
    error: "at least one subscriber: emails, webhooks, pagerduty or opsgenie (an alert no one receives pages no one)",
  });

const TAG_NAMES = `tag names that are not empty and not one of ${RESERVED_TAG_KEYS.map((k) => JSON.stringify(k)).join(", ")}`;
const TagsConfig = z.record(
  z.string().refine((k) => k.trim() !== "" && !RESERVED_TAG_KEYS.includes(k), { error: TAG_NAMES }),
  z.string({ error: "a map of tag names to string values" }),
  // A bad key is reported by the record itself (as an `invalid_key` issue).
  { error: (issue) => (issue.code === "invalid_key" ? TAG_NAMES : "a map of tag names to string values") },
);

/** The schema of the `meridian:` config of a stack. */
export const StackConfigSchema = z
  .object({
    /** dev, staging or prod. */
    environment: z.enum(ENVIRONMENTS as [string, ...string[]], { error: `one of ${ENVIRONMENTS.map((e) => JSON.stringify(e)).join(", ")}` }),
    /** The team that answers for the stack (the `owner` tag). */
    owner: nonEmpty("the team that owns the stack"),
    /** The cost center that pays for it (the `cost-center` tag). */
    costCenter: nonEmpty("the cost center that pays for the stack"),
    /** The product the stack belongs to (the `project` tag). Default: the Pulumi project name. */
    project: nonEmpty("the product name for the project tag").optional(),
    /** Protect stateful resources (databases, keys, zones, secrets) from deletion by Pulumi: true in prod. */
    // Pulumi hands top-level values to the program as strings: "true" is true.
    protect: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "true or false" })).optional(),
    /** Extra tags for every resource; a key here replaces the standard tag of that name. */
    tags: TagsConfig.optional(),
    /** Change-data-capture replication from the AWS database to the GCP one, over a cross-cloud VPN. */
    replication: z
      .object({
        maxLagSeconds: num("seconds, such as 10").optional(),
        /** The CDC lag of the warning alarms, below maxLagSeconds. Default: 5 (the strategy's replica lag threshold). */
        lagWarningSeconds: num("seconds, such as 5").optional(),
        instanceClass: z.string({ error: 'a DMS class such as "dms.t3.medium"' }).optional(),
        /** The replication instance's storage (logs and cached changes). Default: 50 GiB (prod: 100, the patterns guide's). */
        allocatedStorageGiB: num("GiB, such as 100").optional(),
        multiAz: z.boolean({ error: "true or false" }).optional(),
        awsAsn: num("a private BGP ASN").optional(),
        gcpAsn: num("a private BGP ASN").optional(),
      })
      .strict()
      .optional(),
    /**
     * Global DNS routing on Route 53. The stack builds each cloud's entry point (a load balancer) and publishes
     * `app.<zone>` (the cluster app) and `api.<zone>` (the serverless API), each routed (by `routing`: failover by
     * default) between the clouds' own names (`app-aws.<zone>`, `app-gcp.<zone>`, ...), which the entry points create. The zone is the only
     * DNS input: no endpoint host name is typed here.
     */
    dns: z
      .object({
        zoneName: z.string({ error: "the hosted zone's domain" }),
        createZone: z.boolean({ error: "true or false" }).optional(),
        /** The cloud that takes traffic while healthy; the others are its standbys, in the order aws, gcp, azure. Default: aws. */
        primary: z.enum(["aws", "gcp", "azure"], { error: 'one of "aws", "gcp", "azure"' }).optional(),
        /** Tiers kept off the public zone (no entry point, no public name). Default: none. */
        internal: z.array(z.enum(["app", "api"], { error: 'one of "app", "api"' }), { error: 'a list of tiers: "app", "api"' }).optional(),
        requestIntervalSeconds: z.union([z.literal(10), z.literal(30)], { error: "10 or 30" }).optional(),
        failureThreshold: num("1 to 10").optional(),
        ttlSeconds: num("seconds, such as 60").optional(),
        /**
         * How each public name chooses a cloud (README, "DNS routing"): failover (the primary while healthy), weighted
         * (shares by `weights`), latency (the lowest latency, by `latencyRegions`) or geolocation (by `geolocation`).
         * Every answer is health-checked, so a failed cloud is left out within the same failover budget. Default: failover.
         */
        routing: z.enum(DNS_ROUTINGS, { error: `one of ${DNS_ROUTINGS.map((r) => JSON.stringify(r)).join(", ")}` }).optional(),
        /**
         * With `meridian:replication`, weighted, latency and geolocation routing send a share of traffic to the GCP app,
         * whose database is the replication target. Set true to say that app writes only to the primary (or serves
         * reads only): Meridian does not split reads from writes. Refused with failover routing or without replication.
         */
        // As text too: `pulumi config set --path` may store it so.
        standbyServesTraffic: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "true or false" })).optional(),
        /** Where the zone and the routed names live: route53, or cloud-dns (refused for now: README, "DNS routing"). Default: route53. */
        provider: z.enum(["route53", "cloud-dns"], { error: 'one of "route53", "cloud-dns"' }).optional(),
        /** Weighted routing: each cloud's weight, 0 to 255; the shares are weight / sum. Default: aws 70, gcp 30 (the strategy's split). */
        weights: z.object({ aws: WEIGHT, gcp: WEIGHT }, { error: "a weight for each cloud: { aws: 70, gcp: 30 }" }).strict().optional(),
        /**
         * Latency routing: the AWS region whose latency stands for each cloud's entry point. Default: the stack's AWS
         * region, and for GCP the AWS region nearest its region (components/dns/latency-regions.ts).
         */
        latencyRegions: z.object({ aws: AWS_REGION_KEY.optional(), gcp: AWS_REGION_KEY.optional() }, { error: "an AWS region for each cloud: { aws: us-east-1, gcp: us-east-2 }" }).strict().optional(),
        /**
         * Geolocation routing: the cloud that answers each continent and each country, and `default` everything else.
         * A location whose cloud fails is answered by the other cloud.
         */
        geolocation: z
          .object(
            {
              default: z.string({ error: "the cloud that answers every location not listed, such as aws" }),
              continents: z.record(z.string().refine((k) => (CONTINENT_CODES as readonly string[]).includes(k), { error: CONTINENT_KEYS }), z.string({ error: "a cloud, such as gcp" }), { error: (i) => (i.code === "invalid_key" ? CONTINENT_KEYS : "a map of continent codes to clouds: { EU: gcp }") }).optional(),
              countries: z.record(z.string().refine((k) => COUNTRY_CODES.has(k), { error: COUNTRY_KEYS }), z.string({ error: "a cloud, such as gcp" }), { error: (i) => (i.code === "invalid_key" ? COUNTRY_KEYS : "a map of country codes to clouds: { DE: gcp }") }).optional(),
            },
            { error: "a map { default: aws, continents: { EU: gcp }, countries: { BR: aws } }" },
          )
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** The application, deployed to every configured cluster. */
    app: z
      .object({
        image: z.string({ error: "a container image reference" }),
        port: num("a port").optional(),
        /** The node port the entry points send to (30000-32767). Default: 30080. */
        nodePort: num("a node port from 30000 to 32767").optional(),
        livenessPath: z.string({ error: "a path such as /healthz" }).optional(),
        /** What the probes, the load balancers and the DNS health checks request. Default: /readyz. */
        readinessPath: z.string({ error: "a path such as /readyz" }).optional(),
        minReplicas: num("a replica count").optional(),
        maxReplicas: num("a replica count").optional(),
      })
      .strict()
      .optional(),
    /**
     * Who alerts reach, by severity (`critical` pages, `warning` is read in working hours): the stack builds an
     * AlertRouting on every configured cloud and the components' alarms publish to it. Keys are secrets.
     */
    alerts: z.object({ critical: AlertSubscribersConfig, warning: AlertSubscribersConfig }, { error: "an object with critical and warning subscribers" }).strict().optional(),
    /** Where pipelines run this stack: `runs-on` labels of a runner that reaches its cluster APIs. Default: ubuntu-latest. */
    deploy: z
      .object({
        runner: z.array(z.string().min(1), { error: "a list of runner labels, such as [self-hosted, meridian-prod]" }).min(1, { error: "a list of at least one runner label" }).optional(),
        /** The runners for pull-request previews: a separate, ephemeral pool, since they run code not yet reviewed. */
        previewRunner: z.array(z.string().min(1), { error: "a list of runner labels, such as [self-hosted, meridian-prod-preview]" }).min(1, { error: "a list of at least one runner label" }).optional(),
      })
      .strict()
      .optional(),
    /** AWS settings; AWS is used when present. */
    aws: AwsConfig.optional(),
    /** GCP settings; GCP is used when present. */
    gcp: GcpConfig.optional(),
    /** Azure settings; Azure is used when present. */
    azure: AzureConfig.optional(),
  })
  .strict();

export type StackConfig = z.infer<typeof StackConfigSchema> & { environment: (typeof ENVIRONMENTS)[number] };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** The keys an object schema allows at `path` (for "unknown key" errors). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let x = s as { _zod?: { def?: { innerType?: unknown; type?: string } } };
    while (x?._zod?.def?.innerType) x = x._zod.def.innerType as typeof x;
    return x;
  };
  for (const seg of path) {
    const obj = unwrap(cur) as { shape?: Record<string, unknown> };
    cur = obj.shape?.[String(seg)];
  }
  const obj = unwrap(cur) as { shape?: Record<string, unknown> };
  return obj?.shape ? Object.keys(obj.shape) : [];
}

/** The path of the first own `__proto__` key anywhere in `value`, or undefined. */
function protoKeyPath(value: unknown, path: readonly PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return [...path, key];
    const inner = protoKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (inner) return inner;
  }
  return undefined;
}

function configKey(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${CONFIG_NAMESPACE}:${[head, ...rest].filter((s) => s !== undefined).join(".")}`;
}

/**
 * Validates the `meridian:` config (as an object: `{ environment: "dev", gcp: { ... } }`).
 * `file` names the stack config file in error messages.
 */
export function parseStackConfig(raw: unknown, file: string): StackConfig {
  // A "__proto__" key (from JSON config) would be dropped silently on the way into an object: refuse it first.
  const proto = protoKeyPath(raw, []);
  if (proto) throw new MeridianValidationError({ component: file, field: configKey(proto), value: "__proto__", allowed: 'a key other than "__proto__" (it cannot be carried into an object)' });
  const result = StackConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      const path = [...issue.path, key];
      const known = knownKeysAt(StackConfigSchema, issue.path);
      throw new MeridianValidationError({
        component: file,
        field: configKey(path),
        value: valueAt(raw, path),
        allowed: `absent (not a known key; known keys here: ${known.join(", ")})`,
      });
    }
    // A bad map key: the key is the value at fault, not what it maps to.
    const value = issue.code === "invalid_key" ? issue.path[issue.path.length - 1] : valueAt(raw, issue.path);
    throw new MeridianValidationError({ component: file, field: configKey(issue.path), value, allowed: issue.message });
  }
  const config = result.data as StackConfig;
  if (!config.aws && !config.gcp && !config.azure) {
    throw new MeridianValidationError({
      component: file,
      field: `${CONFIG_NAMESPACE}:aws / gcp / azure`,
      value: undefined,
      allowed: "set for at least one cloud",
    });
  }
  checkAcrossKeys(config, raw, file);
  if (config.dns?.primary !== undefined && config.dns.primary !== "aws" && config.replication) {
    throw new MeridianValidationError({
      component: file,
      field: `${CONFIG_NAMESPACE}:dns.primary`,
      value: config.dns.primary,
      allowed: `"aws" while ${CONFIG_NAMESPACE}:replication copies the AWS database to GCP (the AWS database is the only one written: sending writes elsewhere first would split the data)`,
    });
  }
  return config;
}

/**
 * The rules that span keys, checked with the rest of the config so that a mistake is one line naming the file and
 * the key (exit 2 in the plan), not an error from deep inside the program.
 */
function checkAcrossKeys(config: StackConfig, raw: unknown, file: string): void {
  const fail = (path: readonly (string | number)[], allowed: string): never => {
    throw new MeridianValidationError({ component: file, field: configKey(path), value: valueAt(raw, path), allowed });
  };
  if (config.replication && (!config.aws?.database || !config.gcp?.database)) {
    fail(["replication"], `set only with both ${CONFIG_NAMESPACE}:aws.database and ${CONFIG_NAMESPACE}:gcp.database (it copies the AWS database to the GCP one)`);
  }
  const dns = config.dns;
  if (!dns) return;
  if (dns.provider === "cloud-dns") {
    if (!config.gcp) fail(["dns", "provider"], `"route53": cloud-dns keeps the zone in a Cloud DNS managed zone, which needs ${CONFIG_NAMESPACE}:gcp (its project)`);
    // What is missing is listed in the README ("DNS routing"): refused whole rather than half-wired.
    fail(
      ["dns", "provider"],
      '"route53" (cloud-dns is not available in the stacks yet: Cloud DNS health-checked routing takes IP addresses only, and the AWS entry point is an Application Load Balancer, whose addresses change; the entry points also publish their names and certificate validation records in Route 53 only)',
    );
  }
  if (!config.aws) fail(["dns"], `set only with ${CONFIG_NAMESPACE}:aws (DNS failover runs on Route 53)`);
  // A public tier must be served on at least two clouds: failover needs somewhere to go.
  const servedOn = (tier: "app" | "api", cloud: "aws" | "gcp" | "azure") => tierServedOn(config, tier, cloud);
  const primary = dns.primary ?? "aws";
  for (const tier of ["app", "api"] as const) {
    if (dns.internal?.includes(tier)) continue;
    const on = (["aws", "gcp", "azure"] as const).filter((c) => servedOn(tier, c));
    if (on.length === 1) {
      const why = tier === "app" && config.azure?.cluster !== undefined ? "; an AKS app is not published (no Azure entry point for it)" : "";
      fail(["dns", "internal"], `a list including "${tier}": the ${tier} tier is served on ${on[0]} only${why}, and a public name fails over between at least two clouds (run it on another, or keep it internal)`);
    }
    if (on.length > 1 && !on.includes(primary)) {
      fail(["dns", "primary"], `a cloud the ${tier} tier is served on: ${on.map((c) => JSON.stringify(c)).join(", ")} (${primary === "azure" && !config.azure ? `${CONFIG_NAMESPACE}:azure is not set` : `the ${tier} tier does not run on ${primary}`})`);
    }
  }
  checkDnsRouting(config, fail);
}

/**
 * Where a tier is served: the API on every cloud with a service; the app on every cluster with an entry point to it,
 * which AKS does not have (no public HTTPS origin for an AKS app exists in the library: the app runs on AKS but is
 * not published there).
 */
function tierServedOn(config: StackConfig, tier: "app" | "api", cloud: "aws" | "gcp" | "azure"): boolean {
  return tier === "app" ? cloud !== "azure" && config.app !== undefined && config[cloud]?.cluster !== undefined : config[cloud]?.service !== undefined;
}

/** The clouds DNS routing may name: those every public tier runs on (both of them, by the check above). */
function publicClouds(config: StackConfig): Array<"aws" | "gcp"> {
  const runsOn = (tier: "app" | "api", cloud: "aws" | "gcp") => tierServedOn(config, tier, cloud);
  const tiers = (["app", "api"] as const).filter((t) => !config.dns?.internal?.includes(t) && (runsOn(t, "aws") || runsOn(t, "gcp")));
  return (["aws", "gcp"] as const).filter((c) => tiers.length > 0 && tiers.every((t) => runsOn(t, c)));
}

/** `meridian:dns.routing` and the keys each routing reads: none set for another routing, each value one the routing can use. */
function checkDnsRouting(config: StackConfig, fail: (path: readonly (string | number)[], allowed: string) => never): void {
  const dns = config.dns!;
  const routing = dns.routing ?? "failover";
  // Weights, latency regions and the geolocation map name aws and gcp; a tier served on Azure fails over only.
  const onAzure = (["app", "api"] as const).filter((t) => !dns.internal?.includes(t) && tierServedOn(config, t, "azure"));
  if (routing !== "failover" && onAzure.length > 0) {
    fail(["dns", "routing"], `"failover" while the ${onAzure[0]} tier is served on azure (weighted, latency and geolocation routing run between aws and gcp only; keep the tier internal or off azure to use them)`);
  }
  const owner: Record<string, (typeof DNS_ROUTINGS)[number]> = { primary: "failover", weights: "weighted", latencyRegions: "latency", geolocation: "geolocation" };
  for (const [key, applies] of Object.entries(owner)) {
    if ((dns as Record<string, unknown>)[key] !== undefined && routing !== applies) {
      fail(["dns", key], `absent while ${CONFIG_NAMESPACE}:dns.routing is ${JSON.stringify(routing)} (${key} applies to ${JSON.stringify(applies)} routing only)`);
    }
  }
  // The standby's database takes replicated writes: a policy that sends it traffic at all times must be chosen knowingly.
  if (dns.standbyServesTraffic !== undefined && (routing === "failover" || !config.replication)) {
    fail(["dns", "standbyServesTraffic"], `absent while ${routing === "failover" ? `${CONFIG_NAMESPACE}:dns.routing is "failover" (the standby takes traffic only when the primary fails)` : `${CONFIG_NAMESPACE}:replication is not set (no database is a replication target)`}`);
  }
  // Weighted with the standby at 0 sends it nothing while the primary is healthy: failover, in weighted form.
  const standbyIdle = routing === "weighted" && dns.weights?.gcp === 0;
  if (routing !== "failover" && config.replication && dns.standbyServesTraffic !== true && !standbyIdle) {
    fail(
      ["dns", "routing"],
      `"failover" while ${CONFIG_NAMESPACE}:replication copies the AWS database to GCP, or set ${CONFIG_NAMESPACE}:dns.standbyServesTraffic: true: ${JSON.stringify(routing)} routing sends a share of traffic to the GCP app at all times, and its database is the replication target (writes there would split the data; README, "Where writes go")`,
    );
  }
  const clouds = publicClouds(config);
  const cloudRule = `one of the clouds the public tiers run on: ${clouds.map((c) => JSON.stringify(c)).join(", ")}`;
  if (routing === "weighted" && dns.weights && dns.weights.aws === 0 && dns.weights.gcp === 0) {
    fail(["dns", "weights"], "weights that are not all 0 (no cloud would get traffic)");
  }
  if (routing === "latency") {
    const regions = dnsLatencyRegions(config);
    if (regions.aws !== undefined && regions.aws === regions.gcp) {
      fail(["dns", "latencyRegions"], `a different AWS region for each cloud (both are ${regions.aws}: latency routing could not prefer either)`);
    }
  }
  if (routing === "geolocation") {
    const g = dns.geolocation;
    if (!g) fail(["dns", "geolocation"], "a map { default: aws, continents: { EU: gcp }, countries: { ... } } (geolocation routing needs to know who answers where)");
    if (!(clouds as string[]).includes(g!.default)) fail(["dns", "geolocation", "default"], cloudRule);
    for (const group of ["continents", "countries"] as const) {
      for (const [code, cloud] of Object.entries(g![group] ?? {})) {
        if (!(clouds as string[]).includes(cloud)) fail(["dns", "geolocation", group, code], cloudRule);
      }
    }
  }
}

/**
 * The AWS region latency routing measures for each cloud's entry point: `meridian:dns.latencyRegions`, else the
 * stack's AWS region, and for GCP the AWS region nearest its region.
 */
export function dnsLatencyRegions(config: StackConfig): { aws?: string; gcp?: string } {
  const set = config.dns?.latencyRegions ?? {};
  return {
    aws: set.aws ?? config.aws?.region,
    gcp: set.gcp ?? (config.gcp ? nearestAwsRegion(config.gcp.region) : undefined),
  };
}

/**
 * Turns Pulumi's flat config map (`{ "meridian:gcp": "{\"region\":...}" }`) into the object the schema reads.
 * Structured values arrive as JSON text; plain strings stay strings.
 */
export function configObjectFromMap(all: Record<string, string>, namespace = CONFIG_NAMESPACE): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = `${namespace}:`;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const trimmed = value.trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        out[name] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the text, and let the schema say what it expected
      }
    }
    out[name] = value;
  }
  return out;
}
