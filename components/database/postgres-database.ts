import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, OffSchema, checkArgs, childOptions, resolveProtect, validator, withStandardTags, type Cloud, type Tags } from "../core/shared";
import { checkNetworkForCloud, type NetworkPerCloud } from "../network/network-for-cloud";
import { AzurePostgres, validateAzurePostgresArgs, type AzurePostgresArgs } from "./azure-postgres";
import { CloudSqlPostgres, validateCloudSqlPostgresArgs, type CloudSqlPostgresArgs } from "./cloud-sql-postgres";
import { checkTagsArg } from "../core/internal/checks";
import { checkReplacedArgs } from "../core/internal/checks";
import { asSpec } from "./internal/checks";
import { RdsPostgres, validateRdsPostgresArgs, type RdsPostgresArgs } from "./rds-postgres";

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

/**
 * The network it lives on is the one of `awsNetwork`, `gcpNetwork` and `azureNetwork` that matches `cloud`, and so are
 * the place (`region` on GCP, `location` on Azure; AWS uses the provider's region) and the AWS-only options: a field of
 * another cloud is refused, not ignored.
 */
export interface PostgresDatabaseArgs extends NetworkPerCloud {
  readonly cloud: Cloud;
  /** GCP: the region, e.g. `us-central1`. */
  readonly region?: string;
  /** Azure: the location, e.g. `eastus`. */
  readonly location?: string;
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
  /** AWS: security groups allowed to connect, each under a name you choose (`RdsPostgres.allowedSecurityGroups`). @default - none */
  readonly allowedSecurityGroups?: Record<string, pulumi.Input<string>>;
  /**
   * Protect the database and what holds its state in Pulumi (prod). The component's own `protect` option does the
   * same; when both are given they must agree. @default false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** The fields only one cloud takes, and what to give instead on the others. */
const FIELD_OF_CLOUD: Readonly<Record<string, Cloud>> = { region: "gcp", location: "azure", replicationSource: "aws", allowedSecurityGroups: "aws" };
const PLACE: Readonly<Record<Cloud, string>> = { aws: "AWS uses the provider's region", gcp: "give region", azure: "give location" };

/** How the per-cloud components' fields read in this spec's terms (for their messages). */
const SPEC_FIELDS: Readonly<Record<Cloud, Readonly<Record<string, string>>>> = {
  aws: { network: "awsNetwork", "network.": "awsNetwork.", instanceClass: "size", multiAz: "highAvailability" },
  gcp: { network: "gcpNetwork", "network.": "gcpNetwork.", tier: "size", availabilityType: "highAvailability", retainedBackups: "backupRetentionDays" },
  azure: { network: "azureNetwork", "network.": "azureNetwork.", skuName: "size", tier: "size" },
};

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
    // Everything is checked here, the per-cloud component's arguments included, before anything is registered.
    const check = validator(TYPE, name);
    checkArgs(check, args);
    check.requiredOneOf("cloud", args.cloud, CLOUDS);
    const cloud = args.cloud;
    const size = args.size ?? "small";
    check.oneOf("size", size, Object.values(DatabaseSize));
    checkReplacedArgs(check, args, { allowedSecurityGroupIds: "unset: give allowedSecurityGroups, a map of a name you choose per security group" });
    checkNetworkForCloud(check, cloud, args);
    for (const [field, owner] of Object.entries(FIELD_OF_CLOUD)) {
      const value = (args as unknown as Record<string, unknown>)[field];
      if (owner !== cloud && value !== undefined) check.fail(field, value, `unset (cloud is ${cloud}: ${field} is for ${owner}; ${PLACE[cloud]})`);
    }
    check.bool("highAvailability", args.highAvailability);
    if (cloud === "azure" && size === "small" && args.highAvailability === true) {
      check.fail("highAvailability", true, "false or unset for size small on Azure (the Burstable tier offers no HA); choose size medium for HA");
    }
    const protect = resolveProtect(check, opts, args.protect);
    const tags = checkTagsArg(check, args.tags, cloud);
    // HA by default, except where the cloud offers none at that size (Azure Burstable).
    const ha = args.highAvailability ?? !(cloud === "azure" && size === "small");
    // The per-cloud component gets the protection as its argument: with no protect option of its own, the two agree.
    const common = { version: args.version, protect };
    let build: () => RdsPostgres | CloudSqlPostgres | AzurePostgres;
    switch (cloud) {
      case "aws": {
        const dbArgs: RdsPostgresArgs = {
          ...common,
          network: args.awsNetwork!,
          instanceClass: SIZE_MAP.aws[size],
          multiAz: ha,
          backupRetentionDays: args.backupRetentionDays,
          replicationSource: args.replicationSource,
          allowedSecurityGroups: args.allowedSecurityGroups,
        };
        asSpec(check, SPEC_FIELDS.aws, () => validateRdsPostgresArgs(name, dbArgs));
        build = () => new RdsPostgres(name, dbArgs, childOptions(this, opts));
        break;
      }
      case "gcp": {
        const dbArgs: CloudSqlPostgresArgs = {
          ...common,
          network: args.gcpNetwork!,
          region: args.region!,
          tier: SIZE_MAP.gcp[size],
          availabilityType: ha ? "REGIONAL" : "ZONAL",
          retainedBackups: args.backupRetentionDays,
        };
        asSpec(check, SPEC_FIELDS.gcp, () => validateCloudSqlPostgresArgs(name, dbArgs));
        build = () => new CloudSqlPostgres(name, dbArgs, childOptions(this, opts));
        break;
      }
      case "azure": {
        const sku = SIZE_MAP.azure[size];
        const dbArgs: AzurePostgresArgs = {
          ...common,
          network: args.azureNetwork!,
          location: args.location!,
          tier: sku.tier,
          skuName: sku.skuName,
          highAvailability: ha ? "ZoneRedundant" : "Disabled",
          backupRetentionDays: args.backupRetentionDays,
        };
        asSpec(check, SPEC_FIELDS.azure, () => validateAzurePostgresArgs(name, dbArgs));
        build = () => new AzurePostgres(name, dbArgs, childOptions(this, opts));
        break;
      }
    }
    super(TYPE, name, {}, withStandardTags(opts, tags));
    this.cloud = cloud;
    const db = perCloud.set(this, build());
    if (db instanceof RdsPostgres) {
      this.host = db.address;
      this.port = db.port;
    } else if (db instanceof CloudSqlPostgres) {
      this.host = db.privateIp;
      this.port = pulumi.output(db.port);
    } else {
      this.host = db.fqdn;
      this.port = pulumi.output(db.port);
    }
    this.registerOutputs({ host: this.host, port: this.port });
  }
}
