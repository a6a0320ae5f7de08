import { GcpNetwork, validateGcpNetworkArgs, type GcpNetworkArgs } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:network:GcpNetwork";

describe("validateGcpNetworkArgs", () => {
  it("resolves the default ranges", () => {
    expect(validateGcpNetworkArgs("net", { region: "us-central1" }).plan).toEqual({
      subnet: "10.10.0.0/20",
      pods: "10.16.0.0/14",
      services: "10.20.0.0/20",
      privateServices: "10.30.0.0/16",
    });
  });

  it.each<[string, Partial<GcpNetworkArgs>, string]>([
    ["a missing region", { region: undefined }, `${T} 'net': region must be a GCP region such as "us-central1" (the list in components/core/regions.ts; a region opened since needs an entry there); got undefined.`],
    ["a malformed region", { region: "US Central" }, `${T} 'net': region must be a GCP region such as "us-central1" (the list in components/core/regions.ts; a region opened since needs an entry there); got "US Central".`],
    ["a public subnet range", { subnetCidr: "8.8.0.0/20" }, `${T} 'net': subnetCidr must be an RFC 1918 IPv4 CIDR block from /8 to /29 with its host bits zero; got "8.8.0.0/20".`],
    ["a pods range too small for GKE", { podsCidr: "10.16.0.0/24" }, `${T} 'net': podsCidr must be an RFC 1918 IPv4 CIDR block from /8 to /21 with its host bits zero; got "10.16.0.0/24".`],
    ["a private services range smaller than /24", { privateServicesCidr: "10.30.0.0/25" }, `${T} 'net': privateServicesCidr must be an RFC 1918 IPv4 CIDR block from /8 to /24 with its host bits zero; got "10.30.0.0/25".`],
    ["overlapping ranges", { servicesCidr: "10.10.8.0/24" }, `${T} 'net': servicesCidr must be a range that does not overlap subnetCidr; got "10.10.8.0/24".`],
    ["an unknown routing mode", { routingMode: "LOCAL" as never }, `${T} 'net': routingMode must be one of "REGIONAL", "GLOBAL"; got "LOCAL".`],
    ["a sampling rate of 0", { flowLogSampling: 0 }, `${T} 'net': flowLogSampling must be a number greater than 0 and at most 1; got 0.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateGcpNetworkArgs("net", { region: "us-central1", ...args } as GcpNetworkArgs)).toThrow(message);
  });
});

describe("GcpNetwork", () => {
  it("creates a custom-mode VPC, a subnet with GKE ranges, flow logs, NAT and private services access", async () => {
    const result = await runProgram(() => {
      const net = new GcpNetwork("core", { region: "europe-west1", project: "p-123456" });
      return { self: net.networkSelfLink, pods: net.podsRangeName, services: net.servicesRangeName, region: net.region };
    });
    const vpc = resource(result, "gcp:compute/network:Network", "core-vpc");
    expect(vpc.inputs).toMatchObject({ autoCreateSubnetworks: false, routingMode: "GLOBAL", project: "p-123456" });
    const subnet = resource(result, "gcp:compute/subnetwork:Subnetwork", "core-subnet");
    expect(subnet.inputs).toMatchObject({
      region: "europe-west1",
      network: vpc.id,
      ipCidrRange: "10.10.0.0/20",
      privateIpGoogleAccess: true,
      secondaryIpRanges: [
        { rangeName: "core-pods", ipCidrRange: "10.16.0.0/14" },
        { rangeName: "core-services", ipCidrRange: "10.20.0.0/20" },
      ],
      logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
    });
    const router = resource(result, "gcp:compute/router:Router", "core-router");
    expect(resource(result, "gcp:compute/routerNat:RouterNat", "core-nat").inputs).toMatchObject({
      router: router.inputs["name"] ?? router.id,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    });
    const range = resource(result, "gcp:compute/globalAddress:GlobalAddress", "core-private-services");
    expect(range.inputs).toMatchObject({ purpose: "VPC_PEERING", addressType: "INTERNAL", address: "10.30.0.0", prefixLength: 16, network: vpc.id });
    const connection = resource(result, "gcp:servicenetworking/connection:Connection", "core-private-services");
    expect(connection.inputs).toMatchObject({ service: "servicenetworking.googleapis.com", deletionPolicy: "ABANDON", network: vpc.id });
    expect(connection.inputs["reservedPeeringRanges"]).toEqual([range.inputs["name"] ?? range.id]);
    expect(result.outputs).toMatchObject({ pods: "core-pods", services: "core-services", region: "europe-west1" });
    expect(result.outputs["self"]).toMatch(/^https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/p-123456\/global\/networks\//);
  });
});

describe("GcpNetwork private services routes", () => {
  it("exports the VPC's custom routes into the Cloud SQL peering, so replies reach clients across the VPN", async () => {
    const result = await runProgram(() => new GcpNetwork("core", { region: "us-central1" }));
    expect(resource(result, "gcp:compute/networkPeeringRoutesConfig:NetworkPeeringRoutesConfig", "core-private-services-routes").inputs).toMatchObject({
      peering: "servicenetworking-googleapis-com",
      exportCustomRoutes: true,
      importCustomRoutes: false,
    });
  });
});
