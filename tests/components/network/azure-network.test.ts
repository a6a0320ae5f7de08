import { AzureNetwork, validateAzureNetworkArgs, type AzureNetworkArgs } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:network:AzureNetwork";

describe("validateAzureNetworkArgs", () => {
  it("plans the AKS, workloads and PostgreSQL subnets in the default space", () => {
    expect(validateAzureNetworkArgs("net", { location: "eastus" }).plan).toEqual({
      vnet: "10.40.0.0/16",
      aks: "10.40.0.0/18",
      workloads: "10.40.64.0/20",
      postgres: "10.40.80.0/24",
    });
  });

  it.each<[string, Partial<AzureNetworkArgs>, string]>([
    ["a location with spaces", { location: "East US" }, `${T} 'net': location must be an Azure location such as "eastus" (lower case, no spaces) (the list in components/core/regions.ts; a region opened since needs an entry there); got "East US".`],
    ["a public address space", { addressSpace: "20.0.0.0/16" }, `${T} 'net': addressSpace must be an RFC 1918 IPv4 CIDR block from /8 to /24 with its host bits zero; got "20.0.0.0/16".`],
    ["a PostgreSQL subnet smaller than /28", { postgresSubnetPrefixLength: 29 }, `${T} 'net': postgresSubnetPrefixLength must be an integer from 16 to 28; got 29.`],
    ["subnets that do not fit", { addressSpace: "10.40.0.0/24", aksSubnetPrefixLength: 25, workloadsSubnetPrefixLength: 25, postgresSubnetPrefixLength: 25 }, `${T} 'net': addressSpace must be a block large enough for a /25, a /25 and a /25 subnet; got "10.40.0.0/24".`],
    ["an idle timeout over 120 minutes", { natIdleTimeoutMinutes: 121 }, `${T} 'net': natIdleTimeoutMinutes must be an integer from 4 to 120; got 121.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAzureNetworkArgs("net", { location: "eastus", ...args } as AzureNetworkArgs)).toThrow(message);
  });
});

describe("AzureNetwork", () => {
  it("creates a resource group, a deny-internet NSG, a NAT gateway and a VNet with delegated subnets", async () => {
    const result = await runProgram(() => {
      const net = new AzureNetwork("core", { location: "westeurope" });
      return { rg: net.resourceGroupName, postgres: net.subnetIds.postgres, aks: net.subnetIds.aks };
    });
    const rg = resource(result, "azure-native:resources:ResourceGroup", "core-rg");
    expect(rg.inputs).toMatchObject({ location: "westeurope" });
    const nsg = resource(result, "azure-native:network:NetworkSecurityGroup", "core-nsg");
    expect(nsg.inputs["securityRules"]).toEqual([
      expect.objectContaining({ direction: "Inbound", access: "Deny", sourceAddressPrefix: "Internet", destinationPortRange: "*", protocol: "*", priority: 4000 }),
    ]);
    expect(resource(result, "azure-native:network:PublicIPAddress", "core-nat").inputs).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
    const nat = resource(result, "azure-native:network:NatGateway", "core-nat");
    expect(nat.inputs).toMatchObject({ sku: { name: "Standard" }, idleTimeoutInMinutes: 4 });
    const vnet = resource(result, "azure-native:network:VirtualNetwork", "core-vnet");
    expect(vnet.inputs["addressSpace"]).toEqual({ addressPrefixes: ["10.40.0.0/16"] });
    const subnets = vnet.inputs["subnets"] as Array<Record<string, unknown>>;
    expect(subnets.map((s) => s["name"])).toEqual(["aks", "workloads", "postgres"]);
    for (const s of subnets) expect(s).toMatchObject({ defaultOutboundAccess: false, networkSecurityGroup: { id: nsg.id } });
    expect(subnets[0]).toMatchObject({ addressPrefix: "10.40.0.0/18", natGateway: { id: nat.id } });
    expect(subnets[2]).toMatchObject({ delegations: [{ name: "postgres-flexible-servers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }] });
    expect(subnets[2]).not.toHaveProperty("natGateway");
    expect(result.outputs["postgres"]).toBe(`${vnet.id}/subnets/postgres`);
    // The resource group's name (the last segment of its ARM id) is what the other resources build in.
    expect(result.outputs["rg"]).toBe(rg.id?.split("/").pop());
    expect(vnet.inputs["resourceGroupName"]).toBe(result.outputs["rg"]);
  });

  it("builds in a given resource group and creates none", async () => {
    const result = await runProgram(() => new AzureNetwork("core", { location: "eastus", resourceGroupName: "platform-rg" }));
    expect(result.resources.filter((r) => r.type === "azure-native:resources:ResourceGroup")).toEqual([]);
    expect(resource(result, "azure-native:network:VirtualNetwork", "core-vnet").inputs["resourceGroupName"]).toBe("platform-rg");
  });
});
