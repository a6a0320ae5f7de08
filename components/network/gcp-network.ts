import * as pulumi from "@pulumi/pulumi";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { NetworkPeeringRoutesConfig } from "@pulumi/gcp/compute/networkPeeringRoutesConfig";
import { Network } from "@pulumi/gcp/compute/network";
import { Router } from "@pulumi/gcp/compute/router";
import { RouterNat } from "@pulumi/gcp/compute/routerNat";
import { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import { Connection } from "@pulumi/gcp/servicenetworking/connection";
import {
  GCP_PROJECT_PATTERN,
  NAME_RULES,
  checkArgs,
  checkComponentName,
  checkGcpRegion,
  childOptions,
  derived,
  toGcpName,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import { firstOverlap, isPrivate, parseCidr, type Cidr } from "./internal/cidr";
import { checkTagsArg } from "../core/internal/checks";

const TYPE = "meridian:network:GcpNetwork";

/** A VPC's dynamic routing mode. */
export const GcpRoutingMode = { Regional: "REGIONAL", Global: "GLOBAL" } as const;
export type GcpRoutingMode = (typeof GcpRoutingMode)[keyof typeof GcpRoutingMode];

/** What Cloud NAT logs. */
export const NatLogFilter = { ErrorsOnly: "ERRORS_ONLY", TranslationsOnly: "TRANSLATIONS_ONLY", All: "ALL" } as const;
export type NatLogFilter = (typeof NatLogFilter)[keyof typeof NatLogFilter];

export interface GcpNetworkArgs {
  /** The region of the subnet, Cloud Router and NAT, e.g. `us-central1`. */
  readonly region: string;
  /** The project. @default - the provider's project */
  readonly project?: pulumi.Input<string>;
  /**
   * The subnet's primary range (nodes, VMs, serverless egress), RFC 1918, /8 to /29.
   * @default "10.10.0.0/20"
   */
  readonly subnetCidr?: string;
  /**
   * The secondary range for GKE pods, RFC 1918, /8 to /21 (GKE needs room for a /24 per node).
   * @default "10.16.0.0/14"
   */
  readonly podsCidr?: string;
  /**
   * The secondary range for GKE services, RFC 1918, /8 to /27.
   * @default "10.20.0.0/20"
   */
  readonly servicesCidr?: string;
  /**
   * The range allocated to private services access (Cloud SQL private IPs), RFC 1918, /8 to /24.
   * @default "10.30.0.0/16"
   */
  readonly privateServicesCidr?: string;
  /**
   * Dynamic routing mode. `GLOBAL` lets routes learned over a VPN (BGP) in one region reach every region.
   * @default "GLOBAL"
   */
  readonly routingMode?: GcpRoutingMode;
  /**
   * The share of flows the subnet's flow logs sample, from 0 (exclusive) to 1.
   * @default 0.5
   */
  readonly flowLogSampling?: number;
  /**
   * What Cloud NAT logs.
   * @default "ERRORS_ONLY"
   */
  readonly natLogFilter?: NatLogFilter;
  /** Labels for every resource of the network that takes them. @default - none besides the stack's */
  readonly tags?: Tags;
}

export interface GcpAddressPlan {
  readonly subnet: string;
  readonly pods: string;
  readonly services: string;
  readonly privateServices: string;
}

/** A named CIDR block allowed to reach a control plane or instance (GKE, Cloud SQL). */
export interface GcpAuthorizedNetwork {
  readonly name: string;
  readonly cidr: string;
}

export { checkAuthorizedNetworks, checkGcpAddressPlan, checkGcpNetworkRef, type AuthorizedNetworkRule, type GcpNetworkNeeds } from "./internal/refs";

/** A VPC network and one of its subnets: what Cloud Run's direct VPC egress needs. A `GcpNetwork` fits. */
export interface GcpSubnetRef {
  readonly networkId: pulumi.Input<string>;
  readonly subnetworkId: pulumi.Input<string>;
}

/**
 * What the GCP components (GKE, Cloud SQL, the VPN) need of a network. A `GcpNetwork` fits as it is
 * (`network: myGcpNetwork`); a program in another language, or one with a VPC built elsewhere, passes the values.
 */
export interface GcpNetworkRef extends GcpSubnetRef {
  readonly region: pulumi.Input<string>;
  /** The subnet's secondary range for GKE pods. */
  readonly podsRangeName: pulumi.Input<string>;
  /** The subnet's secondary range for GKE services. */
  readonly servicesRangeName: pulumi.Input<string>;
  /** The ranges, known at construction: checked for overlaps before anything is created. */
  readonly addressPlan: GcpAddressPlan;
  /**
   * The private services access peering Cloud SQL's private IP needs; a Cloud SQL instance waits for it.
   * @default - none: the peering must already exist
   */
  readonly privateServicesConnection?: pulumi.Input<Connection>;
}

interface ResolvedGcpNetworkArgs {
  readonly region: string;
  readonly routingMode: GcpRoutingMode;
  readonly flowLogSampling: number;
  readonly natLogFilter: NatLogFilter;
  readonly plan: GcpAddressPlan;
  readonly privateServicesPrefix: number;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateGcpNetworkArgs(name: string, args: GcpNetworkArgs): ResolvedGcpNetworkArgs {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name, all GCP resource names (63 at most): the auto-named private services
  // range (`${name}-private-services-1a2b3c4`) binds; the VPC, subnet, router and NAT (auto-named too) and the
  // secondary ranges (`${name}-services`, as they are) are shorter.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.resourceName, "-private-services", true), derived(NAME_RULES.gcp.resourceName, "-services")]);
  checkGcpRegion(check, "region", args.region);
  if (typeof args.project === "string") check.pattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id: 6 to 30 lower-case letters, digits and hyphens, starting with a letter");
  else if (args.project === null) check.fail("project", args.project, "a GCP project id (or an Output of one), or unset");
  const plan: GcpAddressPlan = {
    subnet: args.subnetCidr ?? "10.10.0.0/20",
    pods: args.podsCidr ?? "10.16.0.0/14",
    services: args.servicesCidr ?? "10.20.0.0/20",
    privateServices: args.privateServicesCidr ?? "10.30.0.0/16",
  };
  // field name, value, the longest prefix GCP (or GKE) accepts for it
  const ranges: Array<[string, string, number]> = [
    ["subnetCidr", plan.subnet, 29],
    ["podsCidr", plan.pods, 21],
    ["servicesCidr", plan.services, 27],
    ["privateServicesCidr", plan.privateServices, 24],
  ];
  const parsed: Array<{ label: string; cidr: Cidr }> = [];
  for (const [field, value, maxPrefix] of ranges) {
    const c = typeof value === "string" ? parseCidr(value) : undefined;
    if (!c || c.prefix < 8 || c.prefix > maxPrefix || !isPrivate(c)) {
      check.fail(field, value, `an RFC 1918 IPv4 CIDR block from /8 to /${maxPrefix} with its host bits zero`);
    }
    parsed.push({ label: field, cidr: c! });
  }
  const clash = firstOverlap(parsed);
  if (clash) {
    const [a, b] = clash;
    check.fail(b, ranges.find(([field]) => field === b)?.[1], `a range that does not overlap ${a}`);
  }
  const routingMode = args.routingMode ?? "GLOBAL";
  check.oneOf("routingMode", routingMode, Object.values(GcpRoutingMode));
  const flowLogSampling = args.flowLogSampling ?? 0.5;
  if (typeof flowLogSampling !== "number" || !(flowLogSampling > 0 && flowLogSampling <= 1)) check.fail("flowLogSampling", flowLogSampling, "a number greater than 0 and at most 1");
  const natLogFilter = args.natLogFilter ?? "ERRORS_ONLY";
  check.oneOf("natLogFilter", natLogFilter, Object.values(NatLogFilter));
  checkTagsArg(check, args.tags, "gcp");
  return { region: args.region, routingMode, flowLogSampling, natLogFilter, plan, privateServicesPrefix: parseCidr(plan.privateServices)!.prefix };
}

/**
 * A custom-mode GCP VPC: one regional subnet with secondary ranges for GKE pods and services, private Google
 * access and flow logs; a Cloud Router with Cloud NAT for egress; and private services access (an allocated
 * range peered with Google's service producers) so Cloud SQL can take a private IP. No firewall rule is added:
 * GCP's implied rules deny all ingress.
 */
export class GcpNetwork extends pulumi.ComponentResource {
  public readonly networkId: pulumi.Output<string>;
  public readonly networkSelfLink: pulumi.Output<string>;
  public readonly subnetworkId: pulumi.Output<string>;
  public readonly subnetworkSelfLink: pulumi.Output<string>;
  public readonly podsRangeName: pulumi.Output<string>;
  public readonly servicesRangeName: pulumi.Output<string>;
  public readonly region: pulumi.Output<string>;
  /** The private services access connection: Cloud SQL instances with a private IP depend on it. */
  public readonly privateServicesConnection: Connection;
  /** The ranges, known at construction. */
  public readonly addressPlan: GcpAddressPlan;

  constructor(name: string, args: GcpNetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateGcpNetworkArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.addressPlan = a.plan;
    const podsRangeName = toGcpName(`${name}-pods`);
    const servicesRangeName = toGcpName(`${name}-services`);

    const network = new Network(
      `${name}-vpc`,
      { project: args.project, autoCreateSubnetworks: false, routingMode: a.routingMode, description: `Meridian network ${name}` },
      parent,
    );
    const subnet = new Subnetwork(
      `${name}-subnet`,
      {
        project: args.project,
        region: a.region,
        network: network.id,
        ipCidrRange: a.plan.subnet,
        privateIpGoogleAccess: true,
        secondaryIpRanges: [
          { rangeName: podsRangeName, ipCidrRange: a.plan.pods },
          { rangeName: servicesRangeName, ipCidrRange: a.plan.services },
        ],
        logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: a.flowLogSampling, metadata: "INCLUDE_ALL_METADATA" },
      },
      parent,
    );
    const router = new Router(`${name}-router`, { project: args.project, region: a.region, network: network.id }, parent);
    new RouterNat(
      `${name}-nat`,
      {
        project: args.project,
        region: a.region,
        router: router.name,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
        logConfig: { enable: true, filter: a.natLogFilter },
      },
      parent,
    );
    const [psBase] = a.plan.privateServices.split("/");
    const range = new GlobalAddress(
      `${name}-private-services`,
      {
        project: args.project,
        network: network.id,
        purpose: "VPC_PEERING",
        addressType: "INTERNAL",
        address: psBase,
        prefixLength: a.privateServicesPrefix,
        description: `Private services access range of ${name} (Cloud SQL private IPs)`,
      },
      parent,
    );
    this.privateServicesConnection = new Connection(
      `${name}-private-services`,
      {
        network: network.id,
        service: "servicenetworking.googleapis.com",
        reservedPeeringRanges: [range.name],
        // Google refuses to delete the peering while a Cloud SQL instance still uses it; abandoning it on
        // delete lets a stack be torn down (the peering goes with the network).
        deletionPolicy: "ABANDON",
      },
      parent,
    );

    // Export the VPC's custom (VPN-learned) routes into the peering, so Cloud SQL can answer clients that reach
    // it across the VPN (DMS from AWS); without this its replies have no route back.
    new NetworkPeeringRoutesConfig(
      `${name}-private-services-routes`,
      { project: args.project, network: network.name, peering: this.privateServicesConnection.peering, exportCustomRoutes: true, importCustomRoutes: false },
      parent,
    );

    this.networkId = network.id;
    this.networkSelfLink = network.selfLink;
    this.subnetworkId = subnet.id;
    this.subnetworkSelfLink = subnet.selfLink;
    this.podsRangeName = pulumi.output(podsRangeName);
    this.servicesRangeName = pulumi.output(servicesRangeName);
    this.region = pulumi.output(a.region);
    this.registerOutputs({
      networkId: this.networkId,
      networkSelfLink: this.networkSelfLink,
      subnetworkId: this.subnetworkId,
      subnetworkSelfLink: this.subnetworkSelfLink,
      podsRangeName: this.podsRangeName,
      servicesRangeName: this.servicesRangeName,
      region: this.region,
    });
  }
}
