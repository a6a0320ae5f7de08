import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, OffSchema, childOptions, validator, withStandardTags, type Cloud, type Tags } from "../core/shared";
import { privateSubnetIdList } from "../network/aws-network";
import { checkNetworkForCloud, type NetworkPerCloud } from "../network/network-for-cloud";
import { AzurePostgres } from "./azure-postgres";
import { CloudSqlPostgres } from "./cloud-sql-postgres";
import { RdsPostgres } from "./rds-postgres";

const TYPE = "meridian:database:PostgresDatabase";

/** Each database's per-cloud component, kept off the instance's fields: see `PostgresDatabase.instance`. */
const perCloud = new OffSchema<PostgresDatabase, RdsPostgres | CloudSqlPostgres | AzurePostgres>();

export const DatabaseSize = { Small: "small", Medium: "medium", Large: "large" } as const;
export type DatabaseSize = (typeof DatabaseSize)[keyof typeof DatabaseSize];

/** What each size means on each cloud: roughly 2 vCPU/4–8 GiB, 2 vCPU/8 GiB general purpose, 4 vCPU/32 GiB memory-optimised. */
export const SIZE_MAP = {
  aws: { small: "db.t4g.medium", medium: "db.m7g.large", large: "db.r7g.xlarge" },
  gcp: { small: "db-custom-2-7680", medium: "db-custom-2-8192", large: "db-custom-4-26624" },
  azure: {
    small: { tier: "Burstable", skuName: "Standard_B2ms" },
    medium: { tier: "GeneralPurpose", skuName: "Standard_D2ds_v5" },
    large: { tier: "MemoryOptimized", skuName: "Standard_E4ds_v5" },
  },
} as const;

/** The network it lives on is the one of `awsNetwork`, `gcpNetwork` and `azureNetwork` that matches `cloud`. */
export interface PostgresDatabaseArgs extends NetworkPerCloud {
  readonly cloud: Cloud;
  /** The region (GCP) or location (Azure); AWS uses the provider's region. */
  readonly region?: string;
  /** @default "small" */
  readonly size?: DatabaseSize;
  /** @default 17 */
  readonly version?: number;
  /** A standby in another zone (Multi-AZ, REGIONAL, zone-redundant). Not on Azure's small (Burstable) size. @default true */
  readonly highAvailability?: boolean;
  /** Days of backups (RDS 1–35, Cloud SQL: backups kept, Azure 7–35). @default 14 */
  readonly backupRetentionDays?: number;
  /** AWS: this database feeds DMS. @default false */
  readonly replicationSource?: boolean;
  /** AWS: security groups allowed to connect. @default - none */
  readonly allowedSecurityGroupIds?: pulumi.Input<string>[];
  /** Protect the instance in Pulumi (prod). @default false */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * One PostgreSQL spec for any cloud: maps size, version, HA and backups onto `RdsPostgres`, `CloudSqlPostgres` or
 * `AzurePostgres`, which stay usable on their own for what the spec does not cover.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  public readonly cloud: Cloud;
  /**
   * The per-cloud component. A getter rather than a field: a component is not data another language can receive,
   * so it stays out of the multi-language schema (whose outputs are this class's fields).
   */
  public get instance(): RdsPostgres | CloudSqlPostgres | AzurePostgres {
    return perCloud.get(this);
  }
  /** Where clients connect: the RDS address, the Cloud SQL private IP or the Azure server's FQDN. */
  public readonly host: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;

  constructor(name: string, args: PostgresDatabaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const check = validator(TYPE, name);
    check.oneOf("cloud", args.cloud, CLOUDS);
    const size = args.size ?? "small";
    check.oneOf("size", size, Object.values(DatabaseSize));
    checkNetworkForCloud(check, args.cloud, args);
    if (args.cloud !== "aws" && (args.replicationSource || args.allowedSecurityGroupIds)) {
      const field = args.replicationSource ? "replicationSource" : "allowedSecurityGroupIds";
      check.fail(field, args.replicationSource ? args.replicationSource : args.allowedSecurityGroupIds, "unset unless cloud is aws");
    }
    if (args.cloud !== "aws" && args.region === undefined) check.fail("region", args.region, `the ${args.cloud === "gcp" ? "GCP region" : "Azure location"}`);
    if (args.cloud === "azure" && size === "small" && args.highAvailability === true) {
      check.fail("highAvailability", true, "false or unset for size small on Azure (the Burstable tier offers no HA); choose size medium for HA");
    }
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.cloud = args.cloud;
    // HA by default, except where the cloud offers none at that size (Azure Burstable).
    const ha = args.highAvailability ?? !(args.cloud === "azure" && size === "small");
    // The per-cloud component waits on what this one was told to wait on.
    const child = childOptions(this, opts);

    switch (args.cloud) {
      case "aws": {
        const net = args.awsNetwork!;
        const db = new RdsPostgres(
          name,
          {
            vpcId: net.vpcId,
            subnetIds: privateSubnetIdList(net),
            instanceClass: SIZE_MAP.aws[size],
            version: args.version,
            multiAz: ha,
            backupRetentionDays: args.backupRetentionDays,
            replicationSource: args.replicationSource,
            allowedSecurityGroupIds: args.allowedSecurityGroupIds,
            protect: args.protect,
          },
          child,
        );
        perCloud.set(this, db);
        this.host = db.address;
        this.port = db.port;
        break;
      }
      case "gcp": {
        const db = new CloudSqlPostgres(
          name,
          {
            network: args.gcpNetwork!,
            region: args.region!,
            tier: SIZE_MAP.gcp[size],
            version: args.version,
            availabilityType: ha ? "REGIONAL" : "ZONAL",
            retainedBackups: args.backupRetentionDays,
            protect: args.protect,
          },
          child,
        );
        perCloud.set(this, db);
        this.host = db.privateIp;
        this.port = pulumi.output(db.port);
        break;
      }
      case "azure": {
        const sku = SIZE_MAP.azure[size];
        const db = new AzurePostgres(
          name,
          {
            network: args.azureNetwork!,
            location: args.region!,
            tier: sku.tier,
            skuName: sku.skuName,
            version: args.version,
            highAvailability: ha ? "ZoneRedundant" : "Disabled",
            backupRetentionDays: args.backupRetentionDays,
            protect: args.protect,
          },
          child,
        );
        perCloud.set(this, db);
        this.host = db.fqdn;
        this.port = pulumi.output(db.port);
        break;
      }
    }
    this.registerOutputs({ host: this.host, port: this.port });
  }
}
