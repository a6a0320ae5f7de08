import * as pulumi from "@pulumi/pulumi";
import { CustomerGateway } from "@pulumi/aws/ec2/customerGateway";
import { VpnConnection } from "@pulumi/aws/ec2/vpnConnection";
import { VpnGateway } from "@pulumi/aws/ec2/vpnGateway";
import { VpnGatewayRoutePropagation } from "@pulumi/aws/ec2/vpnGatewayRoutePropagation";
import { ExternalVpnGateway } from "@pulumi/gcp/compute/externalVpnGateway";
import { HaVpnGateway } from "@pulumi/gcp/compute/haVpnGateway";
import { Router } from "@pulumi/gcp/compute/router";
import { RouterInterface } from "@pulumi/gcp/compute/routerInterface";
import { RouterPeer } from "@pulumi/gcp/compute/routerPeer";
import { VPNTunnel } from "@pulumi/gcp/compute/vpntunnel";
import { RandomPassword } from "@pulumi/random/randomPassword";
import {
  GCP_PROJECT_PATTERN,
  NAME_RULES,
  azLetter,
  checkArgs,
  checkComponentName,
  childOptions,
  derived,
  isPlainObject,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import { privateRouteTableIdList, type AwsNetworkRef } from "./aws-network";
import type { GcpNetworkRef } from "./gcp-network";
import { contains, formatCidr, overlaps, parseCidr, requireCidr, type Cidr } from "./internal/cidr";
import { checkAwsNetworkRef, checkGcpNetworkRef } from "./internal/refs";
import { checkTagsArg } from "../core/internal/checks";

const TYPE = "meridian:network:CrossCloudVpn";

/** Tunnels: two AWS VPN connections of two tunnels each, matched to the two interfaces of GCP's HA VPN gateway. */
export const TUNNEL_COUNT = 4;

/**
 * Link-local /30s AWS refuses as tunnel inside CIDRs.
 * Source: AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection" (checked 2026-11-22).
 */
const AWS_RESERVED_INSIDE = ["169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30"].map(
  (c) => parseCidr(c) as Cidr,
);
const LINK_LOCAL = parseCidr("169.254.0.0/16") as Cidr;

/** Private BGP ASNs (RFC 6996), the ranges both AWS and Cloud Router accept for a private gateway. */
function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

export interface CrossCloudVpnArgs {
  /** The AWS side: its private route tables learn the GCP ranges. */
  readonly awsNetwork: AwsNetworkRef;
  /** The GCP side. */
  readonly gcpNetwork: GcpNetworkRef;
  /**
   * The Amazon side's BGP ASN (private: 64512–65534 or 4200000000–4294967294).
   * @default 64512
   */
  readonly awsAsn?: number;
  /**
   * The GCP Cloud Router's BGP ASN (private, and not the AWS one).
   * @default 65000
   */
  readonly gcpAsn?: number;
  /**
   * The four tunnels' inside CIDRs: distinct /30s in 169.254.0.0/16 that AWS does not reserve.
   * @default ["169.254.21.0/30", "169.254.21.4/30", "169.254.22.0/30", "169.254.22.4/30"]
   */
  readonly tunnelInsideCidrs?: string[];
  /** The GCP project. @default - the provider's project */
  readonly project?: pulumi.Input<string>;
  /**
   * GCP ranges that are not subnets, reached through a peering, for the Cloud Router to advertise to AWS besides the
   * subnets and the private services range: a GKE control plane's `masterCidr`, so a deployer in the AWS VPC reaches
   * the cluster's private endpoint. @default - none
   */
  readonly advertisedRanges?: VpnAdvertisedRange[];
  /**
   * Protect the tunnels' pre-shared keys (generated passwords: a replacement would rotate them and drop the tunnels
   * until both sides agree again). The component's own `protect` resource option says the same; when both are given
   * they must agree.
   * @default - the component's `protect` option, else false
   */
  readonly protect?: boolean;
  /** Tags for every resource of the VPN. @default - none besides the stack's */
  readonly tags?: Tags;
}

/** A range the GCP side advertises to AWS, and what it is (the Cloud Router shows the description). */
export interface VpnAdvertisedRange {
  readonly range: string;
  readonly description: string;
}

interface ResolvedVpnArgs {
  readonly advertisedRanges: readonly VpnAdvertisedRange[];
  readonly awsAsn: number;
  readonly gcpAsn: number;
  readonly tunnels: Array<{ insideCidr: string; awsInside: string; gcpInside: string }>;
  readonly protect: boolean;
}

function hostAt(c: Cidr, offset: number): string {
  return formatCidr({ base: (c.base + offset) >>> 0, prefix: 32 }).replace(/\/32$/, "");
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateCrossCloudVpnArgs(name: string, args: CrossCloudVpnArgs, opts: pulumi.ComponentResourceOptions = {}): ResolvedVpnArgs {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: the GCP tunnels, auto-named (`${name}-tunnel-0-1a2b3c4`, 63 at most),
  // bind; the HA gateway, router, interfaces and peers are shorter, and the AWS Name tags (256) leave room.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.resourceName, "-tunnel-0", true), derived(NAME_RULES.aws.nameTag, "-gcp-interface-0")]);
  // Both networks are consumed here: each must be a network, and the AWS side must have a route table per private
  // subnet (when the ids are a plain list, its length is checked now; an Output's, when it resolves).
  checkAwsNetworkRef(check, "awsNetwork", args.awsNetwork, { why: "the VPN propagates the GCP routes to its route table" });
  checkGcpNetworkRef(check, "gcpNetwork", args.gcpNetwork);
  if (typeof args.project === "string") check.pattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id: 6 to 30 lower-case letters, digits and hyphens, starting with a letter");
  const awsAsn = args.awsAsn ?? 64512;
  const gcpAsn = args.gcpAsn ?? 65000;
  const asnRange = "a private BGP ASN (64512-65534 or 4200000000-4294967294)";
  if (!isPrivateAsn(awsAsn)) check.fail("awsAsn", awsAsn, asnRange);
  if (!isPrivateAsn(gcpAsn)) check.fail("gcpAsn", gcpAsn, asnRange);
  if (awsAsn === gcpAsn) check.fail("gcpAsn", gcpAsn, `an ASN different from awsAsn (${awsAsn}): BGP peers need distinct ASNs`);

  const awsVpc = parseCidr(args.awsNetwork.addressPlan.vpc) as Cidr;
  const gcpPlan = args.gcpNetwork.addressPlan;
  const gcpRanges: Array<[string, string]> = [
    ["subnetCidr", gcpPlan.subnet],
    ["podsCidr", gcpPlan.pods],
    ["servicesCidr", gcpPlan.services],
    ["privateServicesCidr", gcpPlan.privateServices],
  ];
  for (const [field, value] of gcpRanges) {
    if (overlaps(awsVpc, parseCidr(value) as Cidr)) {
      check.fail(`gcpNetwork.${field}`, value, `a range that does not overlap the AWS VPC ${args.awsNetwork.addressPlan.vpc}: routes across the VPN would be ambiguous`);
    }
  }

  const inside = args.tunnelInsideCidrs ?? ["169.254.21.0/30", "169.254.21.4/30", "169.254.22.0/30", "169.254.22.4/30"];
  const insideRule = `${TUNNEL_COUNT} distinct /30 blocks in 169.254.0.0/16, none of them reserved by AWS (169.254.0.0/30 to 169.254.5.0/30, 169.254.169.252/30)`;
  if (!Array.isArray(inside) || inside.length !== TUNNEL_COUNT) check.fail("tunnelInsideCidrs", inside, insideRule);
  const parsed = inside.map((s) => (typeof s === "string" ? parseCidr(s) : undefined));
  parsed.forEach((c, i) => {
    const bad = !c || c.prefix !== 30 || !contains(LINK_LOCAL, c) || AWS_RESERVED_INSIDE.some((r) => overlaps(r, c));
    const dup = c && parsed.some((d, j) => j < i && d && overlaps(c, d));
    if (bad || dup) check.fail(`tunnelInsideCidrs[${i}]`, inside[i], insideRule);
  });
  const advertisedRanges = check.list("advertisedRanges", args.advertisedRanges, "ranges { range, description }");
  advertisedRanges.forEach((r, i) => {
    if (!isPlainObject(r)) check.fail(`advertisedRanges[${i}]`, r, "a range to advertise { range, description }");
    const c = requireCidr(check, `advertisedRanges[${i}].range`, r.range);
    if (overlaps(awsVpc, c)) check.fail(`advertisedRanges[${i}].range`, r.range, `a range that does not overlap the AWS VPC ${args.awsNetwork.addressPlan.vpc}`);
    check.requiredPattern(`advertisedRanges[${i}].description`, r.description, /^\S(?:.{0,253}\S)?$/, "a description of 1 to 255 characters");
  });
  check.distinct("advertisedRanges", advertisedRanges, (r) => r.range);
  checkTagsArg(check, args.tags);
  const protect = resolveProtect(check, opts, args.protect);
  return {
    advertisedRanges,
    awsAsn,
    gcpAsn,
    protect,
    // In each /30, AWS takes the first host address and the customer (GCP) side the second.
    tunnels: parsed.map((c, i) => ({ insideCidr: inside[i] as string, awsInside: hostAt(c!, 1), gcpInside: hostAt(c!, 2) })),
  };
}

/**
 * An HA site-to-site VPN between an AWS VPC and a GCP VPC, with BGP: a virtual private gateway on the AWS side
 * whose routes propagate to the VPC's private route tables; an HA VPN gateway and a Cloud Router on the GCP
 * side, which advertises the subnets and the private services range (so Cloud SQL's private IP is reachable
 * from AWS, the path DMS replication takes). Two AWS VPN connections (one per GCP interface), two tunnels
 * each, IKEv2, pre-shared keys generated as secrets.
 */
export class CrossCloudVpn extends pulumi.ComponentResource {
  public readonly awsVpnGatewayId: pulumi.Output<string>;
  public readonly gcpVpnGatewayId: pulumi.Output<string>;
  public readonly gcpRouterName: pulumi.Output<string>;
  public readonly awsConnectionIds: pulumi.Output<string[]>;
  /** The four tunnels' inside CIDRs, known at construction. */
  public readonly tunnelInsideCidrs: string[];

  constructor(name: string, args: CrossCloudVpnArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateCrossCloudVpnArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const aws = args.awsNetwork;
    const gcp = args.gcpNetwork;
    this.tunnelInsideCidrs = a.tunnels.map((t) => t.insideCidr);

    // AWS: the gateway, and its routes propagated to every private route table.
    const vgw = new VpnGateway(`${name}-vgw`, { vpcId: aws.vpcId, amazonSideAsn: String(a.awsAsn), tags: { Name: `${name}-vgw` } }, parent);
    privateRouteTableIdList(aws, `${TYPE} '${name}': awsNetwork`).forEach((routeTableId, i) => {
      new VpnGatewayRoutePropagation(`${name}-propagation-${azLetter(i)}`, { vpnGatewayId: vgw.id, routeTableId }, parent);
    });

    // GCP: the HA gateway and a Cloud Router for BGP.
    const haGateway = new HaVpnGateway(`${name}-gateway`, { project: args.project, region: gcp.region, network: gcp.networkId }, parent);
    const router = new Router(
      `${name}-router`,
      {
        project: args.project,
        region: gcp.region,
        network: gcp.networkId,
        bgp: {
          asn: a.gcpAsn,
          advertiseMode: "CUSTOM",
          advertisedGroups: ["ALL_SUBNETS"],
          // Peered ranges are not subnets: advertise the private services range so AWS reaches Cloud SQL.
          advertisedIpRanges: [{ range: gcp.addressPlan.privateServices, description: "private services access (Cloud SQL)" }, ...a.advertisedRanges.map((r) => ({ range: r.range, description: r.description }))],
        },
      },
      parent,
    );

    // One AWS customer gateway and VPN connection per GCP interface.
    // The keys are state (STATEFUL_TYPES): a replacement would rotate them, so they are protected with the component.
    const psks = Array.from({ length: TUNNEL_COUNT }, (_, i) => {
      const pw = new RandomPassword(`${name}-psk-${i}`, { length: 40, special: false }, statefulOptions(this, opts, a.protect));
      // AWS: letters, digits, '.' and '_', 8 to 64 characters, not starting with 0.
      return pulumi.secret(pulumi.interpolate`m${pw.result}`);
    });
    const connections = [0, 1].map((g) => {
      const cgw = new CustomerGateway(
        `${name}-cgw-${g}`,
        {
          type: "ipsec.1",
          bgpAsn: String(a.gcpAsn),
          ipAddress: haGateway.vpnInterfaces.apply((ifaces) => ifaces?.[g]?.ipAddress as string),
          tags: { Name: `${name}-gcp-interface-${g}` },
        },
        parent,
      );
      const t1 = a.tunnels[g * 2]!;
      const t2 = a.tunnels[g * 2 + 1]!;
      return new VpnConnection(
        `${name}-connection-${g}`,
        {
          type: "ipsec.1",
          vpnGatewayId: vgw.id,
          customerGatewayId: cgw.id,
          staticRoutesOnly: false,
          tunnel1InsideCidr: t1.insideCidr,
          tunnel2InsideCidr: t2.insideCidr,
          tunnel1PresharedKey: psks[g * 2],
          tunnel2PresharedKey: psks[g * 2 + 1],
          tunnel1IkeVersions: ["ikev2"],
          tunnel2IkeVersions: ["ikev2"],
          tags: { Name: `${name}-connection-${g}` },
        },
        parent,
      );
    });

    // GCP: the four AWS tunnel endpoints as one external gateway, and a tunnel, interface and BGP peer each.
    const outside = [connections[0]!.tunnel1Address, connections[0]!.tunnel2Address, connections[1]!.tunnel1Address, connections[1]!.tunnel2Address];
    const external = new ExternalVpnGateway(
      `${name}-aws`,
      { project: args.project, redundancyType: "FOUR_IPS_REDUNDANCY", interfaces: outside.map((ip, id) => ({ id, ipAddress: ip })), description: "AWS VPN tunnel endpoints" },
      parent,
    );
    a.tunnels.forEach((t, i) => {
      const tunnel = new VPNTunnel(
        `${name}-tunnel-${i}`,
        {
          project: args.project,
          region: gcp.region,
          vpnGateway: haGateway.id,
          vpnGatewayInterface: i < 2 ? 0 : 1,
          peerExternalGateway: external.id,
          peerExternalGatewayInterface: i,
          sharedSecret: psks[i],
          router: router.name,
          ikeVersion: 2,
        },
        parent,
      );
      const iface = new RouterInterface(
        `${name}-bgp-${i}`,
        { project: args.project, region: gcp.region, router: router.name, ipRange: `${t.gcpInside}/30`, vpnTunnel: tunnel.name },
        parent,
      );
      new RouterPeer(
        `${name}-peer-${i}`,
        {
          project: args.project,
          region: gcp.region,
          router: router.name,
          interface: iface.name,
          peerIpAddress: t.awsInside,
          peerAsn: a.awsAsn,
          advertisedRoutePriority: 100,
        },
        parent,
      );
    });

    this.awsVpnGatewayId = vgw.id;
    this.gcpVpnGatewayId = haGateway.id;
    this.gcpRouterName = router.name;
    this.awsConnectionIds = pulumi.all(connections.map((c) => c.id));
    this.registerOutputs({
      awsVpnGatewayId: this.awsVpnGatewayId,
      gcpVpnGatewayId: this.gcpVpnGatewayId,
      gcpRouterName: this.gcpRouterName,
      awsConnectionIds: this.awsConnectionIds,
    });
  }
}
