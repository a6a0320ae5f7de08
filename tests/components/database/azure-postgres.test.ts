import * as pulumi from "@pulumi/pulumi";
import { AzurePostgres, validateAzurePostgresArgs, type AzurePostgresArgs } from "../../../components/database";
import { AzureNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:database:AzurePostgres";
const base = { network: {} as AzureNetwork, location: "eastus" } as AzurePostgresArgs;

describe("validateAzurePostgresArgs", () => {
  it.each<[string, Partial<AzurePostgresArgs>, string]>([
    ["HA on the Burstable tier", { tier: "Burstable", highAvailability: "ZoneRedundant" }, `${T} 'db': highAvailability must be "Disabled" on the Burstable tier (it offers no HA); got "ZoneRedundant".`],
    ["a storage size Azure does not offer", { storageSizeGb: 100 }, `${T} 'db': storageSizeGb must be one of 32, 64, 128`],
    ["backup retention under 7 days", { backupRetentionDays: 3 }, `${T} 'db': backupRetentionDays must be an integer from 7 to 35; got 3.`],
    ["a reserved admin name", { administratorLogin: "azure_superuser" }, `${T} 'db': administratorLogin must be a name Azure does not reserve; got "azure_superuser".`],
    ["a D-series size on Burstable", { tier: "Burstable", skuName: "Standard_D2ds_v5", highAvailability: "Disabled" }, `${T} 'db': skuName must be a B-series size (Standard_B...) for the Burstable tier; got "Standard_D2ds_v5".`],
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
});
