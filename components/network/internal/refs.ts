/**
 * Checks of a network where a component consumes it (`AwsNetworkRef`, `GcpNetworkRef`, `AzureNetworkRef`), of the
 * address plans they carry, and of the network-level values components take (authorized networks, resource group
 * names): one set for every domain, so that a missing or half-typed network is refused the same way everywhere,
 * before anything is registered.
 *
 * No provider SDK is loaded here (types only): the per-cloud entry points (`meridian/gcp`, `meridian/azure`) load
 * only their own cloud's.
 */
import { checkGcpRegion, isPlainObject, type Validator } from "../../core/shared";
import { isDeferred, isGiven, isObject } from "../../core/internal/checks";
import type { AwsAddressPlan, AwsNetworkRef } from "../aws-network";
import type { AzureAddressPlan, AzureNetworkRef } from "../azure-network";
import type { GcpAddressPlan, GcpAuthorizedNetwork, GcpNetworkRef } from "../gcp-network";
import { contains, firstOverlap, formatCidr, parseCidr, requireCidr, type Cidr } from "./cidr";

/** The subnets an AzureNetwork has, by role. */
export const AZURE_SUBNET_ROLES = ["aks", "workloads", "postgres"] as const;
export type AzureSubnetRole = (typeof AZURE_SUBNET_ROLES)[number];

/**
 * An Azure resource group name: 1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending
 * with a period. Source: Azure resource naming rules, Microsoft.Resources/resourceGroups (2026-11-30).
 */
export const AZURE_RESOURCE_GROUP_NAME = /^[-\w.()\p{L}\p{N}]{0,89}[-\w()\p{L}\p{N}]$/u;

/** Fails unless `value` is given and, when known now (a plain value, not an Output), a string of `shape`. */
function checkId(check: Validator, field: string, value: unknown, allowed: string, shape?: RegExp): void {
  if (!isGiven(value) || (!isDeferred(value) && (typeof value !== "string" || (shape !== undefined && !shape.test(value))))) check.fail(field, value, allowed);
}

/** Checks a resource group name given as a plain string (an Output is checked by Azure). */
export function checkResourceGroupName(check: Validator, field: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value === "string" ? !AZURE_RESOURCE_GROUP_NAME.test(value) : !isDeferred(value)) {
    check.fail(field, value, "a resource group name: 1 to 90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period (or an Output of one)");
  }
}

/**
 * Checks an address plan given through an `AwsNetworkRef`: a VPC block and lists of subnet blocks, each an IPv4
 * CIDR inside the VPC block, none overlapping another. (An `AwsNetwork`'s own plan always is; one typed by hand, or
 * sent from another language, may not be.)
 */
export function checkAwsAddressPlan(check: Validator, field: string, plan: AwsAddressPlan | undefined): void {
  const allowed = "the network's address plan { vpc, publicSubnets, privateSubnets } of IPv4 CIDR blocks";
  if (!isObject(plan)) check.fail(field, plan, allowed);
  const vpc = requireCidr(check, `${field}.vpc`, plan!.vpc);
  const subnets: Array<{ label: string; cidr: Cidr }> = [];
  for (const key of ["publicSubnets", "privateSubnets"] as const) {
    const list = check.requiredList(`${field}.${key}`, plan![key], "IPv4 CIDR blocks");
    list.forEach((c, i) => {
      const label = `${field}.${key}[${i}]`;
      const cidr = requireCidr(check, label, c);
      if (!contains(vpc, cidr)) check.fail(label, c, `an IPv4 CIDR block inside the VPC block ${plan!.vpc}`);
      subnets.push({ label, cidr });
    });
  }
  const clash = firstOverlap(subnets);
  if (clash) {
    const [first, second] = clash;
    check.fail(second, formatCidr(subnets.find((s) => s.label === second)!.cidr), `a range that does not overlap ${first}`);
  }
}

/**
 * Checks an address plan given through a `GcpNetworkRef`: four IPv4 CIDR blocks. (A `GcpNetwork`'s own plan always
 * is; one typed by hand, or sent from another language, may not be.)
 */
export function checkGcpAddressPlan(check: Validator, field: string, plan: GcpAddressPlan | undefined): void {
  if (!isObject(plan)) check.fail(field, plan, "the network's address plan { subnet, pods, services, privateServices } of IPv4 CIDR blocks");
  for (const key of ["subnet", "pods", "services", "privateServices"] as const) requireCidr(check, `${field}.${key}`, plan![key]);
}

/**
 * Checks an address plan given through an `AzureNetworkRef`: the VNet's block and each subnet's, IPv4 CIDR blocks,
 * the subnets inside the VNet. (An `AzureNetwork`'s own plan always is; one typed by hand may not be.)
 */
export function checkAzureAddressPlan(check: Validator, field: string, plan: AzureAddressPlan | undefined): void {
  if (!isPlainObject(plan as unknown)) check.fail(field, plan, "the network's address plan { vnet, aks, workloads, postgres } of IPv4 CIDR blocks");
  const vnet = requireCidr(check, `${field}.vnet`, plan!.vnet);
  for (const role of AZURE_SUBNET_ROLES) {
    const c = requireCidr(check, `${field}.${role}`, plan![role]);
    if (!contains(vnet, c)) check.fail(`${field}.${role}`, plan![role], `an IPv4 CIDR block inside the VNet block ${plan!.vnet}`);
  }
}

/** What a consumer needs of an AWS network beyond its VPC, private subnets and route tables. */
export interface AwsNetworkNeeds {
  /** The fewest private subnets (ranges of the address plan, one per AZ) the consumer works with. @default 1 */
  readonly privateSubnets?: number;
  /** The fewest public subnets; above 0, `publicSubnetIds` is required too (an internet-facing load balancer). @default 0 */
  readonly publicSubnets?: number;
  /** Why the consumer needs that many subnets, for the message: `EKS requires two`. */
  readonly why?: string;
}

const VPC_ID = /^vpc-[0-9a-f]{1,17}$/;
const AWS_ID_LISTS = {
  privateSubnetIds: { planned: "privateSubnets", one: "subnet id", shape: /^subnet-[0-9a-f]{1,17}$/, example: "subnet-0a1b2c3d" },
  privateRouteTableIds: { planned: "privateSubnets", one: "route table id", shape: /^rtb-[0-9a-f]{1,17}$/, example: "rtb-0a1b2c3d" },
  publicSubnetIds: { planned: "publicSubnets", one: "subnet id", shape: /^subnet-[0-9a-f]{1,17}$/, example: "subnet-0a1b2c3d" },
} as const;

function atLeast(count: number, kind: "private" | "public", why: string | undefined): string {
  const what = count === 1 ? `at least one ${kind} subnet` : `at least ${count} ${kind} subnets, in different Availability Zones`;
  return why === undefined ? what : `${what} (${why})`;
}

/**
 * Checks a network given as an `AwsNetworkRef` where a component consumes it, before anything is registered: an
 * object with a VPC id, a well-formed address plan with as many subnets as the consumer `needs`, and id lists (the
 * private subnets and route tables, and the public subnets when needed) that are lists, or Outputs of lists, matching
 * the plan one to one when they are known now (an AwsNetwork's are Outputs: `privateSubnetIdList` checks those when
 * they resolve). Ids known now must have AWS's shape (`vpc-…`, `subnet-…`, `rtb-…`).
 */
export function checkAwsNetworkRef(check: Validator, field: string, net: unknown, needs: AwsNetworkNeeds = {}): asserts net is AwsNetworkRef {
  const minPrivate = needs.privateSubnets ?? 1;
  const minPublic = needs.publicSubnets ?? 0;
  if (!isObject(net)) check.fail(field, net, `an AWS network: an AwsNetwork, or its values { vpcId, privateSubnetIds, privateRouteTableIds, ${minPublic > 0 ? "publicSubnetIds, " : ""}addressPlan }`);
  checkId(check, `${field}.vpcId`, net.vpcId, "a VPC id such as vpc-0a1b2c3d (or an Output of one)", VPC_ID);
  checkAwsAddressPlan(check, `${field}.addressPlan`, net.addressPlan as AwsAddressPlan | undefined);
  const plan = net.addressPlan as AwsAddressPlan;
  if (plan.privateSubnets.length < minPrivate) check.fail(`${field}.addressPlan.privateSubnets`, plan.privateSubnets, atLeast(minPrivate, "private", needs.why));
  if (plan.publicSubnets.length < minPublic) check.fail(`${field}.addressPlan.publicSubnets`, plan.publicSubnets, atLeast(minPublic, "public", needs.why));
  const keys = minPublic > 0 ? (["privateSubnetIds", "privateRouteTableIds", "publicSubnetIds"] as const) : (["privateSubnetIds", "privateRouteTableIds"] as const);
  for (const key of keys) {
    const { planned, one, shape, example } = AWS_ID_LISTS[key];
    const ids = net[key];
    const count = plan[planned].length;
    const what = `${count} ${one}${count === 1 ? "" : "s"}, one per range of addressPlan.${planned}, in order`;
    if (!isGiven(ids)) check.fail(`${field}.${key}`, ids, `the ${one}s, one per range of addressPlan.${planned}, in order`);
    if (isDeferred(ids)) continue;
    if (!Array.isArray(ids)) check.fail(`${field}.${key}`, ids, `a list of ${what} (or an Output of one)`);
    if (ids.length !== count) check.fail(`${field}.${key}`, ids, what);
    ids.forEach((id: unknown, i) => checkId(check, `${field}.${key}[${i}]`, id, `a ${one} such as ${example} (or an Output of one)`, shape));
  }
}

/** What a consumer needs of a GCP network beyond its network, subnetwork, region and address plan. */
export interface GcpNetworkNeeds {
  /** The subnet's secondary ranges for pods and services (a GKE cluster). @default false */
  readonly secondaryRanges?: boolean;
}

const GCP_NETWORK_ID = /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/]+\/global\/networks\/[^/]+$/;

/**
 * Checks a network given as a `GcpNetworkRef` where a component consumes it, before anything is registered: an
 * object with the network (its id, when known now, of the form `projects/<project>/global/networks/<name>`), the
 * subnet and the region (a region known now must be a GCP region), the secondary ranges when the consumer `needs`
 * them, and a well-formed address plan.
 */
export function checkGcpNetworkRef(check: Validator, field: string, net: unknown, needs: GcpNetworkNeeds = {}): asserts net is GcpNetworkRef {
  if (!isObject(net)) check.fail(field, net, "a GCP network: a GcpNetwork, or its values { networkId, subnetworkId, region, podsRangeName, servicesRangeName, addressPlan }");
  checkId(check, `${field}.networkId`, net.networkId, "the VPC network's id (projects/<project>/global/networks/<name>)", GCP_NETWORK_ID);
  checkId(check, `${field}.subnetworkId`, net.subnetworkId, "the subnetwork's id (or an Output of it)");
  checkId(check, `${field}.region`, net.region, "the network's region (or an Output of it)");
  if (typeof net.region === "string") checkGcpRegion(check, `${field}.region`, net.region);
  if (needs.secondaryRanges === true) {
    checkId(check, `${field}.podsRangeName`, net.podsRangeName, "the subnet's secondary range for pods (or an Output of its name)");
    checkId(check, `${field}.servicesRangeName`, net.servicesRangeName, "the subnet's secondary range for services (or an Output of its name)");
  }
  checkGcpAddressPlan(check, `${field}.addressPlan`, net.addressPlan as GcpAddressPlan | undefined);
}

/** What a consumer needs of an Azure network beyond its resource group, VNet and subnet ids. */
export interface AzureNetworkNeeds {
  /** The subnets the consumer places something in: their ids, when known now, must be subnet resource ids. @default all three */
  readonly subnets?: readonly AzureSubnetRole[];
  /** The address plan (an AKS cluster checks its ranges against it); else it is checked when given. @default false */
  readonly addressPlan?: boolean;
}

const AZURE_VNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;
const AZURE_SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/**
 * Checks a network given as an `AzureNetworkRef` where a component consumes it, before anything is registered: an
 * object with a resource group, a VNet id and the three subnet ids by role (the VNet's, and the subnets' the consumer
 * `needs`, of Azure's resource id form when known now), and the address plan when needed or given.
 */
export function checkAzureNetworkRef(check: Validator, field: string, net: unknown, needs: AzureNetworkNeeds = {}): asserts net is AzureNetworkRef {
  if (!isObject(net)) check.fail(field, net, "an Azure network: an AzureNetwork, or its values { resourceGroupName, vnetId, subnetIds: { aks, workloads, postgres }, addressPlan }");
  checkResourceGroupName(check, `${field}.resourceGroupName`, net.resourceGroupName, true);
  checkId(check, `${field}.vnetId`, net.vnetId, "the VNet's resource id, /subscriptions/.../virtualNetworks/<name> (or an Output of it)", AZURE_VNET_ID);
  if (!isObject(net.subnetIds)) check.fail(`${field}.subnetIds`, net.subnetIds, "the subnet ids by role { aks, workloads, postgres }");
  const used: readonly AzureSubnetRole[] = needs.subnets ?? AZURE_SUBNET_ROLES;
  for (const role of AZURE_SUBNET_ROLES) {
    const shape = used.includes(role) ? AZURE_SUBNET_ID : undefined;
    checkId(check, `${field}.subnetIds.${role}`, net.subnetIds[role], `the ${role} subnet's resource id, /subscriptions/.../subnets/<name> (or an Output of it)`, shape);
  }
  if (needs.addressPlan === true || net.addressPlan !== undefined) checkAzureAddressPlan(check, `${field}.addressPlan`, net.addressPlan as AzureAddressPlan | undefined);
}

/** What a service accepts in an allow-list of authorized networks. */
export interface AuthorizedNetworkRule {
  /** The names it takes, and in words, for the message. */
  readonly name: { readonly pattern: RegExp; readonly allowed: string };
  /** The most entries it takes. */
  readonly max?: number;
  /** No name twice (the service keys the entries by name). @default false */
  readonly distinctNames?: boolean;
}

/**
 * Checks a list of authorized networks (a control plane's or an instance's allow-list): a list, each entry
 * `{ name, cidr }` with a name the service takes and an IPv4 CIDR block narrower than 0.0.0.0/0, no block twice.
 * Returns the list (`[]` when unset).
 */
export function checkAuthorizedNetworks(check: Validator, field: string, value: readonly GcpAuthorizedNetwork[] | undefined, rule: AuthorizedNetworkRule): readonly GcpAuthorizedNetwork[] {
  const list = check.list(field, value, "authorized networks { name, cidr }", rule.max === undefined ? undefined : { max: rule.max });
  list.forEach((n, i) => {
    if (!isPlainObject(n)) check.fail(`${field}[${i}]`, n, "an authorized network { name, cidr }");
    check.requiredPattern(`${field}[${i}].name`, n.name, rule.name.pattern, rule.name.allowed);
    const c = typeof n.cidr === "string" ? parseCidr(n.cidr) : undefined;
    if (!c || c.prefix === 0) check.fail(`${field}[${i}].cidr`, n.cidr, "an IPv4 CIDR block narrower than 0.0.0.0/0");
  });
  check.distinct(field, list, (n) => n.cidr);
  if (rule.distinctNames === true) check.distinct(field, list, (n) => n.name);
  return list;
}
