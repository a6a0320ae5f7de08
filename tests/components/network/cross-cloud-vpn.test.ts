import { AwsNetwork, CrossCloudVpn, GcpNetwork, validateCrossCloudVpnArgs } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetwork, gcpNetwork } from "../../helpers/fixtures";

const T = "meridian:network:CrossCloudVpn";

describe("validateCrossCloudVpnArgs", () => {
  it("derives each tunnel's inside addresses: AWS the first host, GCP the second", () => {
    expect(validateCrossCloudVpnArgs("vpn", { awsNetwork, gcpNetwork }).tunnels[1]).toEqual({ insideCidr: "169.254.21.4/30", awsInside: "169.254.21.5", gcpInside: "169.254.21.6" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["the same ASN on both sides", { awsAsn: 65000, gcpAsn: 65000 }, `${T} 'vpn': gcpAsn must be an ASN different from awsAsn (65000): BGP peers need distinct ASNs; got 65000.`],
    ["a public ASN", { awsAsn: 16509 }, `${T} 'vpn': awsAsn must be a private BGP ASN (64512-65534 or 4200000000-4294967294); got 16509.`],
    [
      "GCP ranges that overlap the AWS VPC",
      { gcpNetwork: { ...gcpNetwork, addressPlan: { ...gcpNetwork.addressPlan, subnet: "10.0.16.0/20" } } },
      `${T} 'vpn': gcpNetwork.subnetCidr must be a range that does not overlap the AWS VPC 10.0.0.0/16: routes across the VPN would be ambiguous; got "10.0.16.0/20".`,
    ],
    ["an AWS plan without its VPC block", { awsNetwork: { ...awsNetwork, addressPlan: { publicSubnets: [], privateSubnets: [] } } }, `${T} 'vpn': awsNetwork.addressPlan.vpc must be an IPv4 CIDR block; got undefined.`],
    ["a GCP network without a plan", { gcpNetwork: { ...gcpNetwork, addressPlan: undefined } }, `${T} 'vpn': gcpNetwork.addressPlan must be the network's address plan { subnet, pods, services, privateServices } of IPv4 CIDR blocks; got undefined.`],
    ["three inside CIDRs", { tunnelInsideCidrs: ["169.254.21.0/30", "169.254.21.4/30", "169.254.22.0/30"] }, `${T} 'vpn': tunnelInsideCidrs must be 4 distinct /30 blocks`],
    ["an inside CIDR AWS reserves", { tunnelInsideCidrs: ["169.254.21.0/30", "169.254.21.4/30", "169.254.5.0/30", "169.254.22.4/30"] }, `${T} 'vpn': tunnelInsideCidrs[2] must be 4 distinct /30 blocks`],
    ["a repeated inside CIDR", { tunnelInsideCidrs: ["169.254.21.0/30", "169.254.21.0/30", "169.254.22.0/30", "169.254.22.4/30"] }, `${T} 'vpn': tunnelInsideCidrs[1] must be 4 distinct /30 blocks`],
    ["an inside CIDR outside link-local", { tunnelInsideCidrs: ["10.0.0.0/30", "169.254.21.4/30", "169.254.22.0/30", "169.254.22.4/30"] }, `${T} 'vpn': tunnelInsideCidrs[0] must be 4 distinct /30 blocks`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCrossCloudVpnArgs("vpn", { awsNetwork, gcpNetwork, ...args } as never)).toThrow(message);
  });
});

describe("CrossCloudVpn", () => {
  it("wires four IKEv2 tunnels with BGP between the AWS and GCP networks, keys as secrets", async () => {
    const result = await runProgram(() => {
      const aws = new AwsNetwork("aws", { availabilityZoneCount: 2, natGateways: "single" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      new CrossCloudVpn("vpn", { awsNetwork: aws, gcpNetwork: gcp });
    });
    const vgw = resource(result, "aws:ec2/vpnGateway:VpnGateway", "vpn-vgw");
    expect(vgw.inputs).toMatchObject({ amazonSideAsn: "64512", vpcId: resource(result, "aws:ec2/vpc:Vpc", "aws-vpc").id });
    expect(resource(result, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation", "vpn-propagation-b").inputs).toEqual({
      vpnGatewayId: vgw.id,
      routeTableId: resource(result, "aws:ec2/routeTable:RouteTable", "aws-private-rt-b").id,
    });

    const ha = resource(result, "gcp:compute/haVpnGateway:HaVpnGateway", "vpn-gateway");
    const router = resource(result, "gcp:compute/router:Router", "vpn-router");
    expect(router.inputs["bgp"]).toEqual({
      asn: 65000,
      advertiseMode: "CUSTOM",
      advertisedGroups: ["ALL_SUBNETS"],
      advertisedIpRanges: [{ range: "10.30.0.0/16", description: "private services access (Cloud SQL)" }],
    });
    const cgw1 = resource(result, "aws:ec2/customerGateway:CustomerGateway", "vpn-cgw-1");
    expect(cgw1.inputs).toMatchObject({ type: "ipsec.1", bgpAsn: "65000" });
    expect(cgw1.inputs["ipAddress"]).toMatch(/^203\.0\.113\.\d+$/);
    expect(cgw1.inputs["ipAddress"]).not.toBe(resource(result, "aws:ec2/customerGateway:CustomerGateway", "vpn-cgw-0").inputs["ipAddress"]);

    const conn = resource(result, "aws:ec2/vpnConnection:VpnConnection", "vpn-connection-1");
    expect(conn.maskedInputs).toMatchObject({
      type: "ipsec.1",
      staticRoutesOnly: false,
      customerGatewayId: cgw1.id,
      tunnel1InsideCidr: "169.254.22.0/30",
      tunnel2InsideCidr: "169.254.22.4/30",
      tunnel1PresharedKey: "[secret]",
      tunnel2PresharedKey: "[secret]",
      tunnel1IkeVersions: ["ikev2"],
    });
    const psk = conn.inputs["tunnel1PresharedKey"] as string;
    expect(psk).toMatch(/^m[A-Za-z0-9]{40}$/);

    const external = resource(result, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "vpn-aws");
    expect(external.inputs["redundancyType"]).toBe("FOUR_IPS_REDUNDANCY");
    expect((external.inputs["interfaces"] as unknown[]).length).toBe(4);

    const tunnel2 = resource(result, "gcp:compute/vPNTunnel:VPNTunnel", "vpn-tunnel-2");
    expect(tunnel2.inputs).toMatchObject({ vpnGateway: ha.id, vpnGatewayInterface: 1, peerExternalGateway: external.id, peerExternalGatewayInterface: 2, ikeVersion: 2 });
    // The GCP tunnel and the AWS tunnel it faces share one key.
    expect(tunnel2.inputs["sharedSecret"]).toBe(psk);
    expect(tunnel2.maskedInputs["sharedSecret"]).toBe("[secret]");
    expect(resource(result, "gcp:compute/routerInterface:RouterInterface", "vpn-bgp-2").inputs["ipRange"]).toBe("169.254.22.2/30");
    expect(resource(result, "gcp:compute/routerPeer:RouterPeer", "vpn-peer-2").inputs).toMatchObject({ peerIpAddress: "169.254.22.1", peerAsn: 64512 });
  });
});

describe("CrossCloudVpn protection and hand-typed networks", () => {
  it("protects the pre-shared keys (a replacement would rotate them) and nothing else it creates", async () => {
    const result = await runProgram(() => {
      new CrossCloudVpn("arg", { awsNetwork, gcpNetwork, protect: true });
      new CrossCloudVpn("opt", { awsNetwork, gcpNetwork }, { protect: true });
      new CrossCloudVpn("off", { awsNetwork, gcpNetwork });
    });
    const psks = (n: string) => result.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.startsWith(`${n}-psk-`));
    expect(psks("arg").map((r) => [r.name, r.protect])).toEqual([0, 1, 2, 3].map((i) => [`arg-psk-${i}`, true]));
    expect(psks("opt").every((r) => r.protect)).toBe(true);
    expect(psks("off").some((r) => r.protect)).toBe(false);
    expect(resource(result, "aws:ec2/vpnGateway:VpnGateway", "arg-vgw").protect).toBe(false);
  });

  it("propagates to each hand-typed route table, one per planned private subnet", async () => {
    const result = await runProgram(() => new CrossCloudVpn("vpn", { awsNetwork, gcpNetwork }));
    expect(resource(result, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation", "vpn-propagation-a").inputs["routeTableId"]).toBe("rtb-a");
    expect(resource(result, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation", "vpn-propagation-b").inputs["routeTableId"]).toBe("rtb-b");
    expect(resource(result, "gcp:compute/haVpnGateway:HaVpnGateway", "vpn-gateway").inputs).toMatchObject({ region: "us-central1", network: gcpNetwork.networkId });
  });
});

describe("CrossCloudVpn advertised ranges", () => {
  it("advertises a peered range (a GKE control plane) to AWS besides the subnets and private services", async () => {
    const result = await runProgram(() => new CrossCloudVpn("vpn", { awsNetwork, gcpNetwork, advertisedRanges: [{ range: "172.16.0.0/28", description: "GKE control plane" }] }));
    expect((resource(result, "gcp:compute/router:Router", "vpn-router").inputs["bgp"] as { advertisedIpRanges: unknown }).advertisedIpRanges).toEqual([
      { range: "10.30.0.0/16", description: "private services access (Cloud SQL)" },
      { range: "172.16.0.0/28", description: "GKE control plane" },
    ]);
  });

  it.each([
    ["a range inside the AWS VPC", [{ range: "10.0.5.0/28", description: "x" }], "advertisedRanges[0].range"],
    ["a range that is not a CIDR", [{ range: "172.16.0.0", description: "x" }], "advertisedRanges[0].range"],
    ["a range without a description", [{ range: "172.16.0.0/28", description: "" }], "advertisedRanges[0].description"],
    ["the same range twice", [{ range: "172.16.0.0/28", description: "a" }, { range: "172.16.0.0/28", description: "b" }], "advertisedRanges"],
  ])("refuses %s", (_what, advertisedRanges, field) => {
    expect(() => validateCrossCloudVpnArgs("vpn", { awsNetwork, gcpNetwork, advertisedRanges })).toThrow(`${T} 'vpn': ${field} must be `);
  });
});
