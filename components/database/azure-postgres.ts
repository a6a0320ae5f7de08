import * as pulumi from "@pulumi/pulumi";
import { Configuration } from "@pulumi/azure-native/dbforpostgresql/configuration";
import { Server } from "@pulumi/azure-native/dbforpostgresql/server";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { RandomPassword } from "@pulumi/random/randomPassword";
import {
  NAME_RULES,
  checkArgs,
  checkAzureLocation,
  checkComponentName,
  childOptions,
  derived,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import { checkTagsArg } from "../core/internal/checks";
import type { AlertDestinations } from "../core/alerts";
import { checkAzureAlertDestinations, createAzureMetricAlerts, type AzureMetricAlertSpec } from "../core/internal/azure-metric-alerts";
import { checkAzureNetworkRef } from "../network/internal/refs";
import { checkPgName } from "./internal/identifiers";
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

/** `Standard_<series><vCores><suffix>` for each count. */
const sizes = (series: string, suffix: string, cores: readonly number[]): string[] => cores.map((n) => `Standard_${series}${n}${suffix}`);

/**
 * The compute sizes of each tier (the VM series the flexible server offers, and their vCore counts).
 * Source: Azure Database for PostgreSQL docs, "Compute options" (concepts-compute, updated 2026-01-13), checked 2026-11-30.
 * A size Azure adds after that date needs an entry here.
 */
export const AZURE_POSTGRES_SKUS: Readonly<Record<AzurePostgresTier, readonly string[]>> = Object.freeze({
  Burstable: sizes("B", "ms", [1, 2, 4, 8, 12, 16, 20]).concat(["Standard_B2s"]),
  GeneralPurpose: [
    ...sizes("D", "s_v3", [2, 4, 8, 16, 32, 48, 64]),
    ...sizes("D", "ds_v4", [2, 4, 8, 16, 32, 48, 64]),
    ...sizes("D", "ds_v5", [2, 4, 8, 16, 32, 48, 64, 96]),
    ...sizes("D", "ads_v5", [2, 4, 8, 16, 32, 48, 64, 96]),
    ...sizes("D", "ds_v6", [2, 4, 8, 16, 32, 48, 64, 96, 128, 192]),
    ...sizes("D", "ads_v6", [2, 4, 8, 16, 32, 48, 64, 96]),
  ],
  MemoryOptimized: [
    ...sizes("E", "s_v3", [2, 4, 8, 16, 32, 48, 64]),
    ...sizes("E", "ds_v4", [2, 4, 8, 16, 20, 32, 48, 64]),
    ...sizes("E", "ds_v5", [2, 4, 8, 16, 20, 32, 48, 64, 96]),
    ...sizes("E", "ads_v5", [2, 4, 8, 16, 20, 32, 48, 64, 96]),
    ...sizes("E", "ds_v6", [2, 4, 8, 16, 20, 32, 48, 64, 96, 128, 192]),
    ...sizes("E", "ads_v6", [2, 4, 8, 16, 20, 32, 48, 64, 96]),
  ],
});

/** The size each tier defaults to. */
const DEFAULT_SKU: Readonly<Record<AzurePostgresTier, string>> = { Burstable: "Standard_B2ms", GeneralPurpose: "Standard_D2ds_v5", MemoryOptimized: "Standard_E2ds_v5" };

/** The series each tier's sizes come from, for the message. */
const TIER_SERIES: Readonly<Record<AzurePostgresTier, string>> = { Burstable: "a B-series (Standard_B...)", GeneralPurpose: "a D-series (Standard_D...)", MemoryOptimized: "an E-series (Standard_E...)" };

/**
 * The physical names an AzurePostgres derives from its own name: the flexible server (auto-named
 * `${name}-server` plus a random suffix) and its private DNS zone `${name}.private.postgres.database.azure.com`.
 */
const DERIVED_NAMES = [derived(NAME_RULES.azure.postgresServerName, "-server", true)];

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
  /**
   * Where the server's metric alerts go (`alerts.azure`: an action group per severity). Without it the alerts exist
   * and notify no one. @default - no actions
   */
  readonly alerts?: AlertDestinations;
  /**
   * Protect the server and its admin password in Pulumi (prod). The component's own `protect` option does the same;
   * when both are given they must agree. @default false
   */
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
  readonly geoRedundantBackup: boolean;
  readonly administratorLogin: string;
  readonly protect: boolean;
  readonly tags: Tags | undefined;
  readonly maxConnections: number;
}

/**
 * The default `max_connections` of a flexible server, by its memory: 2 GiB 50, 4 GiB 429, 8 GiB 859, 16 GiB 1,718,
 * 32 GiB 3,437, 48 GiB and more 5,000 (15 of them reserved for replication and monitoring). Source: Azure Database
 * for PostgreSQL docs, "Limits in Azure Database for PostgreSQL flexible server", maximum connections (checked
 * 2026-11-30). Memory per vCore: B-series "ms" 4 GiB (B1ms 2 GiB, B2s 4 GiB in all), D-series 4 GiB, E-series 8 GiB
 * ("Compute options", same date).
 */
export function azurePostgresMaxConnections(skuName: string): number {
  const m = /^Standard_([BDE])(\d+)/.exec(skuName);
  if (!m) return 50;
  const [series, cores] = [m[1]!, Number(m[2])];
  const memoryGiB = skuName === "Standard_B1ms" ? 2 : skuName === "Standard_B2s" ? 4 : cores * (series === "E" ? 8 : 4);
  const table: Array<[number, number]> = [[48, 5000], [32, 3437], [16, 1718], [8, 859], [4, 429]];
  return table.find(([gib]) => memoryGiB >= gib)?.[1] ?? 50;
}

/**
 * The server's metric alerts. Metric names (REST API names) from Azure Monitor, "Supported metrics for
 * Microsoft.DBforPostgreSQL/flexibleServers" (checked 2026-11-30): is_db_alive (1 when the server answers, sampled
 * every 20 s; the docs advise the Maximum per minute), cpu_percent, storage_percent, active_connections. Checked
 * against the docs and the provider's types, not a real subscription.
 */
export function azurePostgresAlertSpecs(name: string, maxConnections: number): AzureMetricAlertSpec[] {
  const subject = `AzurePostgres ${name}`;
  const ns = "Microsoft.DBforPostgreSQL/flexibleServers";
  const connections = Math.floor(maxConnections * 0.8);
  return [
    { key: "alive", severity: "critical", subject, condition: "is_db_alive below 1 for 1 min (the server does not answer)", step: "database-down", metricNamespace: ns, metricName: "is_db_alive", aggregation: "Maximum", operator: "LessThan", threshold: 1, windowMinutes: 1 },
    { key: "cpu", severity: "warning", subject, condition: "cpu_percent above 80 % for 15 min", step: "database-saturated", metricNamespace: ns, metricName: "cpu_percent", aggregation: "Average", operator: "GreaterThan", threshold: 80, windowMinutes: 15 },
    { key: "storage", severity: "warning", subject, condition: "storage_percent above 85 % for 5 min", step: "database-saturated", metricNamespace: ns, metricName: "storage_percent", aggregation: "Average", operator: "GreaterThan", threshold: 85, windowMinutes: 5 },
    { key: "connections", severity: "warning", subject, condition: `active_connections above ${connections} (80 % of max_connections ${maxConnections}) for 5 min`, step: "database-saturated", metricNamespace: ns, metricName: "active_connections", aggregation: "Maximum", operator: "GreaterThan", threshold: connections, windowMinutes: 5 },
  ];
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzurePostgresArgs(name: string, args: AzurePostgresArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  checkComponentName(check, name, DERIVED_NAMES);
  checkAzureNetworkRef(check, "network", args.network, { subnets: ["postgres"] });
  checkAzureLocation(check, "location", args.location);
  const version = args.version ?? 17;
  check.oneOf("version", version, AZURE_POSTGRES_VERSIONS);
  const tier = args.tier ?? "GeneralPurpose";
  check.oneOf("tier", tier, TIERS);
  const skus = check.lookup("tier", tier, AZURE_POSTGRES_SKUS);
  const skuName = args.skuName ?? DEFAULT_SKU[tier];
  if (typeof skuName !== "string" || !skus.includes(skuName)) {
    const other = typeof skuName === "string" ? TIERS.find((t) => AZURE_POSTGRES_SKUS[t].includes(skuName)) : undefined;
    check.fail(
      "skuName",
      skuName,
      other !== undefined
        ? `${TIER_SERIES[tier]} size for the ${tier} tier (${skuName} is a ${other} size)`
        : `${TIER_SERIES[tier]} size the flexible server offers for the ${tier} tier, such as ${DEFAULT_SKU[tier]} (the list in components/database/azure-postgres.ts)`,
    );
  }
  const storageSizeGb = args.storageSizeGb ?? 32;
  check.oneOf("storageSizeGb", storageSizeGb, AZURE_POSTGRES_STORAGE_GB);
  const highAvailability = args.highAvailability ?? (tier === "Burstable" ? "Disabled" : "ZoneRedundant");
  check.oneOf("highAvailability", highAvailability, Object.values(AzureHighAvailability));
  if (tier === "Burstable" && highAvailability !== "Disabled") check.fail("highAvailability", highAvailability, '"Disabled" on the Burstable tier (it offers no HA)');
  const backupRetentionDays = args.backupRetentionDays ?? 14;
  check.intRange("backupRetentionDays", backupRetentionDays, 7, 35);
  check.bool("geoRedundantBackup", args.geoRedundantBackup);
  const administratorLogin = args.administratorLogin ?? "meridian_admin";
  checkPgName(check, "administratorLogin", administratorLogin, "azure", "role");
  const protect = resolveProtect(check, opts, args.protect);
  const tags = checkTagsArg(check, args.tags, "azure");
  checkAzureAlertDestinations(check, args.alerts);
  return { maxConnections: azurePostgresMaxConnections(skuName), version, tier, skuName, storageSizeGb, highAvailability, backupRetentionDays, geoRedundantBackup: args.geoRedundantBackup ?? false, administratorLogin, protect, tags };
}

/**
 * Azure Database for PostgreSQL flexible server on the delegated subnet of an `AzureNetwork`, resolved through a
 * private DNS zone, with public access disabled, TLS 1.2+ required, zone-redundant HA, backups (geo-redundant
 * when asked) and a generated admin password kept as a secret.
 */
export class AzurePostgres extends pulumi.ComponentResource {
  public readonly serverName: pulumi.Output<string>;
  /** The server's resource id (the scope of its metric alerts). */
  public readonly serverId: pulumi.Output<string>;
  public readonly fqdn: pulumi.Output<string>;
  public readonly administratorLogin: string;
  /** The admin password (secret). */
  public readonly administratorPassword: pulumi.Output<string>;
  public readonly port: number = 5432;

  constructor(name: string, args: AzurePostgresArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzurePostgresArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, a.tags));
    const parent = childOptions(this, opts);
    const resourceGroupName = args.network.resourceGroupName;
    this.administratorLogin = a.administratorLogin;

    const zone = new PrivateZone(`${name}-dns`, { resourceGroupName, location: "Global", privateZoneName: `${name}.private.postgres.database.azure.com` }, parent);
    const link = new VirtualNetworkLink(
      `${name}-dns`,
      { resourceGroupName, privateZoneName: zone.name, location: "Global", virtualNetwork: { id: args.network.vnetId }, registrationEnabled: false },
      parent,
    );
    // The server and its password: protected when the component is (its option or its argument), never overridden to false.
    const password = new RandomPassword(`${name}-admin`, { length: 32, special: false }, statefulOptions(this, opts, a.protect));
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
        backup: { backupRetentionDays: a.backupRetentionDays, geoRedundantBackup: a.geoRedundantBackup ? "Enabled" : "Disabled" },
        authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled" },
        administratorLogin: a.administratorLogin,
        administratorLoginPassword: pulumi.secret(password.result),
      },
      statefulOptions(this, opts, a.protect, { dependsOn: [link] }),
    );
    for (const [key, value] of [
      ["require_secure_transport", "on"],
      ["ssl_min_protocol_version", "TLSv1.2"],
    ] as const) {
      new Configuration(`${name}-${key.replace(/_/g, "-")}`, { resourceGroupName, serverName: server.name, configurationName: key, value, source: "user-override" }, parent);
    }

    createAzureMetricAlerts(name, server.id, resourceGroupName, azurePostgresAlertSpecs(name, a.maxConnections), args.alerts, parent);

    this.serverName = server.name;
    this.serverId = server.id;
    this.fqdn = server.fullyQualifiedDomainName;
    this.administratorPassword = pulumi.secret(password.result);
    this.registerOutputs({ serverName: this.serverName, fqdn: this.fqdn, administratorPassword: this.administratorPassword });
  }
}
