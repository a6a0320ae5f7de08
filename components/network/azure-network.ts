import * as pulumi from "@pulumi/pulumi";
import { NatGateway } from "@pulumi/azure-native/network/natGateway";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, validator, withStandardTags, type Tags } from "../core/shared";
import { allocateSubnets, formatCidr, isPrivate, parseCidr } from "./internal/cidr";
import { checkResourceGroupName } from "./internal/refs";
import { checkTagsArg } from "../core/internal/checks";

const TYPE = "meridian:network:AzureNetwork";

export { AZURE_RESOURCE_GROUP_NAME, AZURE_SUBNET_ROLES, checkAzureAddressPlan, checkAzureNetworkRef, checkResourceGroupName, type AzureNetworkNeeds, type AzureSubnetRole } from "./internal/refs";

export interface AzureNetworkArgs {
  /** The Azure location, e.g. `eastus`. */
  readonly location: string;
  /**
   * An existing resource group to build in.
   * @default - a resource group is created
   */
  readonly resourceGroupName?: pulumi.Input<string>;
  /**
   * The VNet's address space, RFC 1918, /8 to /24.
   * @default "10.40.0.0/16"
   */
  readonly addressSpace?: string;
  /**
   * Prefix length of the AKS node subnet (pods use an overlay and take no subnet addresses).
   * @default - the address space's prefix + 2
   */
  readonly aksSubnetPrefixLength?: number;
  /**
   * Prefix length of the general workloads subnet.
   * @default - the address space's prefix + 4
   */
  readonly workloadsSubnetPrefixLength?: number;
  /**
   * Prefix length of the subnet delegated to PostgreSQL flexible servers (Azure asks for at least a /28).
   * @default 24
   */
  readonly postgresSubnetPrefixLength?: number;
  /**
   * The NAT gateway's idle timeout, 4 to 120 minutes.
   * @default 4
   */
  readonly natIdleTimeoutMinutes?: number;
  /** Tags for every resource of the network. @default - none besides the stack's */
  readonly tags?: Tags;
}

/** The address plan of an AzureNetwork: the VNet's address space and each subnet's range. */
export interface AzureAddressPlan {
  readonly vnet: string;
  readonly aks: string;
  readonly workloads: string;
  readonly postgres: string;
}

/** An AzureNetwork's subnet ids, by role. */
export interface AzureSubnetIds {
  readonly aks: pulumi.Output<string>;
  readonly workloads: pulumi.Output<string>;
  readonly postgres: pulumi.Output<string>;
}

/** Subnet ids by role, as inputs (an `AzureSubnetIds` fits). */
export interface AzureSubnetIdInputs {
  readonly aks: pulumi.Input<string>;
  readonly workloads: pulumi.Input<string>;
  readonly postgres: pulumi.Input<string>;
}

/**
 * What the Azure components need of a network. An `AzureNetwork` fits as it is (`network: myAzureNetwork`); a
 * program in another language, or one with a VNet built elsewhere, passes the ids.
 */
export interface AzureNetworkRef {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly vnetId: pulumi.Input<string>;
  readonly subnetIds: AzureSubnetIdInputs;
  /** The ranges, known at construction (an `AzureNetwork`'s `addressPlan`): what a component checks its own ranges against. */
  readonly addressPlan?: AzureAddressPlan;
}

interface ResolvedAzureNetworkArgs {
  readonly location: string;
  readonly natIdleTimeoutMinutes: number;
  readonly plan: AzureAddressPlan;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzureNetworkArgs(name: string, args: AzureNetworkArgs): ResolvedAzureNetworkArgs {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name, auto-named by Azure Native (a random suffix added): the VNet
  // (`${name}-vnet`, 64 at most) and the NSG, NAT gateway and public IP (80) fit the 63 of most network resources;
  // the VNet's suffix is the longest. The resource group (`${name}-rg`, 90) leaves room.
  checkComponentName(check, name, [derived(NAME_RULES.azure.resourceName, "-vnet", true)]);
  checkAzureLocation(check, "location", args.location);
  checkResourceGroupName(check, "resourceGroupName", args.resourceGroupName, false);
  const addressSpace = args.addressSpace ?? "10.40.0.0/16";
  const block = typeof addressSpace === "string" ? parseCidr(addressSpace) : undefined;
  if (!block || block.prefix < 8 || block.prefix > 24 || !isPrivate(block)) {
    check.fail("addressSpace", addressSpace, "an RFC 1918 IPv4 CIDR block from /8 to /24 with its host bits zero");
  }
  const aks = args.aksSubnetPrefixLength ?? Math.min(29, block!.prefix + 2);
  const workloads = args.workloadsSubnetPrefixLength ?? Math.min(29, block!.prefix + 4);
  const postgres = args.postgresSubnetPrefixLength ?? 24;
  check.intRange("aksSubnetPrefixLength", aks, block!.prefix, 29);
  check.intRange("workloadsSubnetPrefixLength", workloads, block!.prefix, 29);
  check.intRange("postgresSubnetPrefixLength", postgres, block!.prefix, 28);
  const subnets = allocateSubnets(block!, [aks, workloads, postgres]);
  if (!subnets) check.fail("addressSpace", addressSpace, `a block large enough for a /${aks}, a /${workloads} and a /${postgres} subnet`);
  const [aksCidr, workloadsCidr, postgresCidr] = subnets!.map(formatCidr) as [string, string, string];
  const natIdleTimeoutMinutes = args.natIdleTimeoutMinutes ?? 4;
  check.intRange("natIdleTimeoutMinutes", natIdleTimeoutMinutes, 4, 120);
  checkTagsArg(check, args.tags, "azure");
  return { location: args.location, natIdleTimeoutMinutes, plan: { vnet: addressSpace, aks: aksCidr, workloads: workloadsCidr, postgres: postgresCidr } };
}

/**
 * An Azure VNet with three subnets — AKS nodes, workloads, and one delegated to PostgreSQL flexible servers —
 * a network security group that denies inbound traffic from the internet, and a NAT gateway for egress (the
 * subnets' default outbound access is off). Builds in a resource group it creates, or in one given.
 */
export class AzureNetwork extends pulumi.ComponentResource {
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly vnetId: pulumi.Output<string>;
  public readonly vnetName: pulumi.Output<string>;
  /** Subnet ids by role. */
  public readonly subnetIds: AzureSubnetIds;
  /** The address plan, known at construction. */
  public readonly addressPlan: AzureAddressPlan;

  constructor(name: string, args: AzureNetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzureNetworkArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.addressPlan = a.plan;
    const location = a.location;

    const resourceGroupName = args.resourceGroupName
      ? pulumi.output(args.resourceGroupName)
      : new ResourceGroup(`${name}-rg`, { location }, parent).name;

    const nsg = new NetworkSecurityGroup(
      `${name}-nsg`,
      {
        resourceGroupName,
        location,
        securityRules: [
          {
            // Azure's default rules end in DenyAllInBound but allow the VNet and the load balancer first; this
            // rule says in plain sight that nothing from the internet comes in.
            name: "deny-internet-inbound",
            priority: 4000,
            direction: "Inbound",
            access: "Deny",
            protocol: "*",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "*",
          },
        ],
      },
      parent,
    );
    const natIp = new PublicIPAddress(
      `${name}-nat`,
      { resourceGroupName, location, sku: { name: "Standard", tier: "Regional" }, publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" },
      parent,
    );
    const nat = new NatGateway(
      `${name}-nat`,
      { resourceGroupName, location, sku: { name: "Standard" }, idleTimeoutInMinutes: a.natIdleTimeoutMinutes, publicIpAddresses: [{ id: natIp.id }] },
      parent,
    );

    const vnet = new VirtualNetwork(
      `${name}-vnet`,
      {
        resourceGroupName,
        location,
        addressSpace: { addressPrefixes: [a.plan.vnet] },
        // Subnets inline: a separate Subnet resource and the VNet would fight over the subnet list.
        subnets: [
          { name: "aks", addressPrefix: a.plan.aks, networkSecurityGroup: { id: nsg.id }, natGateway: { id: nat.id }, defaultOutboundAccess: false },
          { name: "workloads", addressPrefix: a.plan.workloads, networkSecurityGroup: { id: nsg.id }, natGateway: { id: nat.id }, defaultOutboundAccess: false },
          {
            name: "postgres",
            addressPrefix: a.plan.postgres,
            networkSecurityGroup: { id: nsg.id },
            defaultOutboundAccess: false,
            delegations: [{ name: "postgres-flexible-servers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
          },
        ],
      },
      parent,
    );

    this.resourceGroupName = resourceGroupName;
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.subnetIds = {
      aks: pulumi.interpolate`${vnet.id}/subnets/aks`,
      workloads: pulumi.interpolate`${vnet.id}/subnets/workloads`,
      postgres: pulumi.interpolate`${vnet.id}/subnets/postgres`,
    };
    this.registerOutputs({ resourceGroupName: this.resourceGroupName, vnetId: this.vnetId, vnetName: this.vnetName, subnetIds: this.subnetIds });
  }
}
