import * as pulumi from "@pulumi/pulumi";
import { childOptions, validator, withStandardTags, type Cloud, type Tags } from "../core";
import { AwsNetwork } from "../network/aws-network";
import { AzureNetwork } from "../network/azure-network";
import { GcpNetwork } from "../network/gcp-network";
import { AzurePostgres } from "./azure-postgres";
import { CloudSqlPostgres } from "./cloud-sql-postgres";
import { RdsPostgres } from "./rds-postgres";

const TYPE = "meridian:database:PostgresDatabase";

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

export interface PostgresDatabaseArgs {
  readonly cloud: Cloud;
  /** The network it lives on: an AwsNetwork, GcpNetwork or AzureNetwork matching `cloud`. */
  readonly network: AwsNetwork | GcpNetwork | AzureNetwork;
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
  /** The per-cloud component. */
  public readonly instance: RdsPostgres | CloudSqlPostgres | AzurePostgres;
  /** Where clients connect: the RDS address, the Cloud SQL private IP or the Azure server's FQDN. */
  public readonly host: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;

  constructor(name: string, args: PostgresDatabaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const check = validator(TYPE, name);
    check.oneOf("cloud", args.cloud, ["aws", "gcp", "azure"]);
    const size = args.size ?? "small";
    check.oneOf("size", size, Object.values(DatabaseSize));
    const expected = { aws: AwsNetwork, gcp: GcpNetwork, azure: AzureNetwork }[args.cloud];
    if (!(args.network instanceof expected)) check.fail("network", args.network?.constructor?.name, `a ${expected.name} (cloud is ${args.cloud})`);
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
        const net = args.network as AwsNetwork;
        const db = new RdsPostgres(
          name,
          {
            vpcId: net.vpcId,
            subnetIds: net.addressPlan.privateSubnets.map((_, i) => net.privateSubnetIds.apply((ids) => ids[i] as string)),
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
        this.instance = db;
        this.host = db.address;
        this.port = db.port;
        break;
      }
      case "gcp": {
        const db = new CloudSqlPostgres(
          name,
          {
            network: args.network as GcpNetwork,
            region: args.region!,
            tier: SIZE_MAP.gcp[size],
            version: args.version,
            availabilityType: ha ? "REGIONAL" : "ZONAL",
            retainedBackups: args.backupRetentionDays,
            protect: args.protect,
          },
          child,
        );
        this.instance = db;
        this.host = db.privateIp;
        this.port = pulumi.output(db.port);
        break;
      }
      case "azure": {
        const sku = SIZE_MAP.azure[size];
        const db = new AzurePostgres(
          name,
          {
            network: args.network as AzureNetwork,
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
        this.instance = db;
        this.host = db.fqdn;
        this.port = pulumi.output(db.port);
        break;
      }
    }
    this.registerOutputs({ host: this.host, port: this.port });
  }
}
