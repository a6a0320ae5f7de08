import * as pulumi from "@pulumi/pulumi";
import { AzurePostgres, validateAzurePostgresArgs, type AzurePostgresArgs } from "../../../components/database";
import { azurePostgresMaxConnections } from "../../../components/database/azure-postgres";
import { AzureNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { azureNetwork as handTyped } from "../../helpers/fixtures";

const T = "meridian:database:AzurePostgres";
const base: AzurePostgresArgs = { network: handTyped, location: "eastus" };

describe("validateAzurePostgresArgs", () => {
  it.each<[string, Partial<AzurePostgresArgs>, string]>([
    ["HA on the Burstable tier", { tier: "Burstable", highAvailability: "ZoneRedundant" }, `${T} 'db': highAvailability must be "Disabled" on the Burstable tier (it offers no HA); got "ZoneRedundant".`],
    ["a storage size Azure does not offer", { storageSizeGb: 100 }, `${T} 'db': storageSizeGb must be one of 32, 64, 128`],
    ["backup retention under 7 days", { backupRetentionDays: 3 }, `${T} 'db': backupRetentionDays must be an integer from 7 to 35; got 3.`],
    ["a reserved admin name", { administratorLogin: "azure_superuser" }, `${T} 'db': administratorLogin must be a name Azure does not reserve`],
    ["an admin name starting with pg_", { administratorLogin: "pg_admin" }, `${T} 'db': administratorLogin must be a name Azure does not reserve`],
    [
      "a D-series size on Burstable",
      { tier: "Burstable", skuName: "Standard_D2ds_v5", highAvailability: "Disabled" },
      `${T} 'db': skuName must be a B-series (Standard_B...) size for the Burstable tier (Standard_D2ds_v5 is a GeneralPurpose size); got "Standard_D2ds_v5".`,
    ],
    ["an E-series size on General Purpose", { skuName: "Standard_E4ds_v5" }, `${T} 'db': skuName must be a D-series (Standard_D...) size for the GeneralPurpose tier (Standard_E4ds_v5 is a MemoryOptimized size)`],
    ["a size the flexible server does not offer", { tier: "MemoryOptimized", skuName: "Standard_E3ds_v5" }, `${T} 'db': skuName must be an E-series (Standard_E...) size the flexible server offers for the MemoryOptimized tier`],
    ["a location that does not exist", { location: "moonbase" }, `${T} 'db': location must be an Azure location such as "eastus"`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAzurePostgresArgs("db", { ...base, ...args })).toThrow(message);
  });
});

describe("AzurePostgres", () => {
  it("sits on the delegated subnet behind a private DNS zone, public access off, TLS required, zone-redundant, secret password", async () => {
    let secret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const network = new AzureNetwork("net", { location: "eastus" });
      const db = new AzurePostgres("pg", { network, location: "eastus", protect: true });
      secret = pulumi.isSecret(db.administratorPassword);
      return { fqdn: db.fqdn };
    });
    const zone = resource(result, "azure-native:privatedns:PrivateZone", "pg-dns");
    expect(zone.inputs["privateZoneName"]).toBe("pg.private.postgres.database.azure.com");
    const link = resource(result, "azure-native:privatedns:VirtualNetworkLink", "pg-dns");
    expect(link.inputs).toMatchObject({ registrationEnabled: false, virtualNetwork: { id: resource(result, "azure-native:network:VirtualNetwork", "net-vnet").id } });
    const server = resource(result, "azure-native:dbforpostgresql:Server", "pg-server");
    expect(server.protect).toBe(true);
    expect(server.dependsOn).toContain(link.urn);
    expect(server.inputs).toMatchObject({
      version: "17",
      sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
      storage: { storageSizeGB: 32, autoGrow: "Enabled" },
      network: { publicNetworkAccess: "Disabled", delegatedSubnetResourceId: expect.stringMatching(/\/subnets\/postgres$/), privateDnsZoneArmResourceId: zone.id },
      highAvailability: { mode: "ZoneRedundant" },
      backup: { backupRetentionDays: 14, geoRedundantBackup: "Disabled" },
      administratorLogin: "meridian_admin",
    });
    expect(server.maskedInputs["administratorLoginPassword"]).toBe("[secret]");
    expect(await secret).toBe(true);
    expect(resource(result, "azure-native:dbforpostgresql:Configuration", "pg-require-secure-transport").inputs).toMatchObject({ configurationName: "require_secure_transport", value: "on" });
    expect(resource(result, "azure-native:dbforpostgresql:Configuration", "pg-ssl-min-protocol-version").inputs).toMatchObject({ value: "TLSv1.2" });
  });

  it("protects the server and its admin password under the protect option", async () => {
    const result = await runProgram(() => new AzurePostgres("pg", base, { protect: true }));
    expect(resource(result, "azure-native:dbforpostgresql:Server", "pg-server").protect).toBe(true);
    expect(resource(result, "random:index/randomPassword:RandomPassword", "pg-admin").protect).toBe(true);
    const byArg = await runProgram(() => new AzurePostgres("pg", { ...base, protect: true }));
    expect(resource(byArg, "random:index/randomPassword:RandomPassword", "pg-admin").protect).toBe(true);
    expect(resource(byArg, "azure-native:privatedns:PrivateZone", "pg-dns").protect).toBe(false);
  });
});

describe("AzurePostgres metric alerts", () => {
  const critical = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/critical";
  const warning = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/warning";
  type Criterion = { metricName: string; timeAggregation: string; operator: string; threshold: number };

  it("alarm on the server being down (critical) and on CPU, storage and connections near max_connections (warning), each to its action group", async () => {
    const result = await runProgram(() => new AzurePostgres("db", { ...base, alerts: { azure: { critical, warning } } }));
    const server = resource(result, "azure-native:dbforpostgresql:Server", "db-server");
    const alerts = result.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert");
    const seen = alerts.map((a) => {
      const i = a.inputs as { scopes: string[]; severity: number; windowSize: string; actions: unknown[]; description: string; criteria: { allOf: Criterion[] } };
      const c = i.criteria.allOf[0]!;
      return [a.name, c.metricName, c.timeAggregation, c.operator, c.threshold, i.windowSize, i.severity, i.actions, i.scopes, i.description.split(". Runbook ")[1]?.split(":")[0]];
    });
    // Standard_D2ds_v5 (2 vCores, 8 GiB): max_connections 859, so the alarm is at 687.
    expect(seen).toEqual([
      ["db-alive", "is_db_alive", "Maximum", "LessThan", 1, "PT1M", 0, [{ actionGroupId: critical }], [server.id], "database-down"],
      ["db-cpu", "cpu_percent", "Average", "GreaterThan", 80, "PT15M", 2, [{ actionGroupId: warning }], [server.id], "database-saturated"],
      ["db-storage", "storage_percent", "Average", "GreaterThan", 85, "PT5M", 2, [{ actionGroupId: warning }], [server.id], "database-saturated"],
      ["db-connections", "active_connections", "Maximum", "GreaterThan", 687, "PT5M", 2, [{ actionGroupId: warning }], [server.id], "database-saturated"],
    ]);
    expect(alerts.every((a) => a.inputs["location"] === "global" && (a.inputs["criteria"] as { allOf: Array<{ metricNamespace: string }> }).allOf[0]!.metricNamespace === "Microsoft.DBforPostgreSQL/flexibleServers")).toBe(true);
  });

  it("without alert destinations, still alarm, with no action", async () => {
    const result = await runProgram(() => new AzurePostgres("db", base));
    const alerts = result.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert");
    expect(alerts.map((a) => [a.name, a.inputs["actions"]])).toEqual([["db-alive", []], ["db-cpu", []], ["db-storage", []], ["db-connections", []]]);
  });

  it.each<[string, number]>([
    ["Standard_B1ms", 50],
    ["Standard_B2s", 429],
    ["Standard_B2ms", 859],
    ["Standard_D4ds_v5", 1718],
    ["Standard_E4ds_v5", 3437],
    ["Standard_D16ds_v5", 5000],
  ])("know the default max_connections of %s: %d", (sku, max) => {
    expect(azurePostgresMaxConnections(sku)).toBe(max);
  });

  it("refuse an alert destination that is not an action group id", () => {
    expect(() => validateAzurePostgresArgs("db", { ...base, alerts: { azure: { critical, warning: "" } } })).toThrow(`${T} 'db': alerts.azure.warning must be an action group's resource id; got "".`);
  });
});
