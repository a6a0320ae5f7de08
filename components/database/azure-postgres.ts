import * as pulumi from "@pulumi/pulumi";
import { Configuration } from "@pulumi/azure-native/dbforpostgresql/configuration";
import { Server } from "@pulumi/azure-native/dbforpostgresql/server";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { AZURE_LOCATION_PATTERN, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { checkPgIdentifier } from "./internal/identifiers";
import type { AzureNetworkRef } from "../network/azure-network";

const TYPE = "meridian:database:AzurePostgres";

/** PostgreSQL major versions offered here on Azure flexible server (azure-native 3.28 `PostgresMajorVersion`). */
export const AZURE_POSTGRES_VERSIONS = [14, 15, 16, 17] as const;
/** Storage sizes the flexible server accepts, GiB (Azure docs, "Storage options", checked 2026-11-22). */
export const AZURE_POSTGRES_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;
/** The Azure Database for PostgreSQL flexible server compute tiers. */
export const AzurePostgresTier = { Burstable: "Burstable", GeneralPurpose: "GeneralPurpose", MemoryOptimized: "MemoryOptimized" } as const;
export type AzurePostgresTier = (typeof AzurePostgresTier)[keyof typeof AzurePostgresTier];
const TIERS: readonly AzurePostgresTier[] = Object.values(AzurePostgresTier);

/** Where the standby runs: another zone, the same zone, or none. */
export const AzureHighAvailability = { ZoneRedundant: "ZoneRedundant", SameZone: "SameZone", Disabled: "Disabled" } as const;
export type AzureHighAvailability = (typeof AzureHighAvailability)[keyof typeof AzureHighAvailability];
/** Admin names Azure refuses. */
const RESERVED_LOGINS = ["azure_superuser", "azure_pg_admin", "admin", "administrator", "root", "guest", "public"];

export interface AzurePostgresArgs {
  /** The network: the server goes on its `postgres` subnet (delegated to flexible servers). */
  readonly network: AzureNetworkRef;
  readonly location: string;
  /** @default 17 */
  readonly version?: number;
  /** @default "GeneralPurpose" */
  readonly tier?: AzurePostgresTier;
  /** @default "Standard_D2ds_v5" */
  readonly skuName?: string;
  /** @default 32 */
  readonly storageSizeGb?: number;
  /** ZoneRedundant (a standby in another zone), SameZone or Disabled. Not offered on Burstable. @default "ZoneRedundant" */
  readonly highAvailability?: AzureHighAvailability;
  /** 7–35. @default 14 */
  readonly backupRetentionDays?: number;
  /** Copy backups to the paired region. @default false */
  readonly geoRedundantBackup?: boolean;
  /** @default "meridian_admin" */
  readonly administratorLogin?: string;
  /** Protect the server in Pulumi (prod). @default false */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

interface Resolved {
  readonly version: number;
  readonly tier: AzurePostgresTier;
  readonly skuName: string;
  readonly storageSizeGb: number;
  readonly highAvailability: AzureHighAvailability;
  readonly backupRetentionDays: number;
  readonly administratorLogin: string;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzurePostgresArgs(name: string, args: AzurePostgresArgs): Resolved {
  const check = validator(TYPE, name);
  check.requiredPattern("location", args.location, AZURE_LOCATION_PATTERN, 'an Azure location such as "eastus"');
  const version = args.version ?? 17;
  check.oneOf("version", version, AZURE_POSTGRES_VERSIONS);
  const tier = args.tier ?? "GeneralPurpose";
  check.oneOf("tier", tier, TIERS);
  const skuName = args.skuName ?? (tier === "Burstable" ? "Standard_B2ms" : tier === "MemoryOptimized" ? "Standard_E2ds_v5" : "Standard_D2ds_v5");
  check.pattern("skuName", skuName, /^Standard_[A-Z][A-Za-z0-9_]+$/, "an Azure VM size such as Standard_D2ds_v5");
  if (tier === "Burstable" && !/^Standard_B/.test(skuName)) check.fail("skuName", skuName, "a B-series size (Standard_B...) for the Burstable tier");
  const storageSizeGb = args.storageSizeGb ?? 32;
  check.oneOf("storageSizeGb", storageSizeGb, AZURE_POSTGRES_STORAGE_GB);
  const highAvailability = args.highAvailability ?? (tier === "Burstable" ? "Disabled" : "ZoneRedundant");
  check.oneOf("highAvailability", highAvailability, Object.values(AzureHighAvailability));
  if (tier === "Burstable" && highAvailability !== "Disabled") check.fail("highAvailability", highAvailability, '"Disabled" on the Burstable tier (it offers no HA)');
  const backupRetentionDays = args.backupRetentionDays ?? 14;
  check.intRange("backupRetentionDays", backupRetentionDays, 7, 35);
  const administratorLogin = args.administratorLogin ?? "meridian_admin";
  checkPgIdentifier(check, "administratorLogin", administratorLogin);
  if (RESERVED_LOGINS.includes(administratorLogin) || administratorLogin.startsWith("pg_")) check.fail("administratorLogin", administratorLogin, "a name Azure does not reserve");
  return { version, tier, skuName, storageSizeGb, highAvailability, backupRetentionDays, administratorLogin };
}

/**
 * Azure Database for PostgreSQL flexible server on the delegated subnet of an `AzureNetwork`, resolved through a
 * private DNS zone, with public access disabled, TLS 1.2+ required, zone-redundant HA, backups (geo-redundant
 * when asked) and a generated admin password kept as a secret.
 */
export class AzurePostgres extends pulumi.ComponentResource {
  public readonly serverName: pulumi.Output<string>;
  public readonly fqdn: pulumi.Output<string>;
  public readonly administratorLogin: string;
  /** The admin password (secret). */
  public readonly administratorPassword: pulumi.Output<string>;
  public readonly port: number = 5432;

  constructor(name: string, args: AzurePostgresArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzurePostgresArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const resourceGroupName = args.network.resourceGroupName;
    this.administratorLogin = a.administratorLogin;

    const zone = new PrivateZone(`${name}-dns`, { resourceGroupName, location: "Global", privateZoneName: `${name}.private.postgres.database.azure.com` }, parent);
    const link = new VirtualNetworkLink(
      `${name}-dns`,
      { resourceGroupName, privateZoneName: zone.name, location: "Global", virtualNetwork: { id: args.network.vnetId }, registrationEnabled: false },
      parent,
    );
    const password = new RandomPassword(`${name}-admin`, { length: 32, special: false }, parent);
    const server = new Server(
      `${name}-server`,
      {
        resourceGroupName,
        location: args.location,
        version: String(a.version),
        sku: { name: a.skuName, tier: a.tier },
        storage: { storageSizeGB: a.storageSizeGb, autoGrow: "Enabled" },
        network: { delegatedSubnetResourceId: args.network.subnetIds.postgres, privateDnsZoneArmResourceId: zone.id, publicNetworkAccess: "Disabled" },
        highAvailability: { mode: a.highAvailability },
        backup: { backupRetentionDays: a.backupRetentionDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
        authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled" },
        administratorLogin: a.administratorLogin,
        administratorLoginPassword: pulumi.secret(password.result),
      },
      childOptions(this, opts, { protect: args.protect ?? false, dependsOn: [link] }),
    );
    for (const [key, value] of [
      ["require_secure_transport", "on"],
      ["ssl_min_protocol_version", "TLSv1.2"],
    ] as const) {
      new Configuration(`${name}-${key.replace(/_/g, "-")}`, { resourceGroupName, serverName: server.name, configurationName: key, value, source: "user-override" }, parent);
    }

    this.serverName = server.name;
    this.fqdn = server.fullyQualifiedDomainName;
    this.administratorPassword = pulumi.secret(password.result);
    this.registerOutputs({ serverName: this.serverName, fqdn: this.fqdn, administratorPassword: this.administratorPassword });
  }
}
