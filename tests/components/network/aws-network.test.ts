import { AwsNetwork, validateAwsNetworkArgs, type AwsNetworkArgs } from "../../../components/network";
import * as path from "path";
import { FIXTURES, meridian } from "../../helpers/cli";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:network:AwsNetwork";

describe("validateAwsNetworkArgs", () => {
  it("plans three AZs in a /16 by default: private /19s in the first half, public /21s after", () => {
    expect(validateAwsNetworkArgs("net", {}).plan).toEqual({
      vpc: "10.0.0.0/16",
      privateSubnets: ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
      publicSubnets: ["10.0.96.0/21", "10.0.104.0/21", "10.0.112.0/21"],
    });
  });

  it.each<[string, AwsNetworkArgs, string]>([
    ["a malformed block", { cidrBlock: "10.0.0.0/33" }, `${T} 'net': cidrBlock must be an IPv4 CIDR block from /16 to /28 with its host bits zero; got "10.0.0.0/33".`],
    ["host bits set", { cidrBlock: "10.0.0.1/16" }, `${T} 'net': cidrBlock must be an IPv4 CIDR block from /16 to /28 with its host bits zero; got "10.0.0.1/16".`],
    ["a block larger than AWS allows", { cidrBlock: "10.0.0.0/8" }, `${T} 'net': cidrBlock must be an IPv4 CIDR block from /16 to /28 with its host bits zero; got "10.0.0.0/8".`],
    ["no AZ", { availabilityZoneCount: 0 }, `${T} 'net': availabilityZoneCount must be an integer from 1 to 6; got 0.`],
    ["too many AZs", { availabilityZoneCount: 7 }, `${T} 'net': availabilityZoneCount must be an integer from 1 to 6; got 7.`],
    ["zones that disagree with the count", { availabilityZoneCount: 2, availabilityZones: ["us-east-1a"] }, `${T} 'net': availabilityZones must be a list of 2 zones (availabilityZoneCount); got ["us-east-1a"].`],
    ["an unknown NAT mode", { natGateways: "two" as never }, `${T} 'net': natGateways must be one of "none", "single", "one-per-az"; got "two".`],
    ["a retention CloudWatch does not offer", { flowLogRetentionDays: 10 }, `${T} 'net': flowLogRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653; got 10.`],
    ["subnets too small for AWS", { privateSubnetPrefixLength: 29 }, `${T} 'net': privateSubnetPrefixLength must be an integer from 16 to 28; got 29.`],
    ["a block too small for the subnets asked", { cidrBlock: "10.0.0.0/24", availabilityZoneCount: 6, privateSubnetPrefixLength: 26 }, `${T} 'net': cidrBlock must be a block large enough for 6 private /26 and 6 public /28 subnets; got "10.0.0.0/24".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAwsNetworkArgs("net", args)).toThrow(message);
  });
});

describe("AwsNetwork", () => {
  it("creates the VPC, subnets, gateways, routes, flow logs and S3 endpoint with secure inputs", async () => {
    const result = await runProgram(() => {
      const net = new AwsNetwork("core", { tags: { team: "net" } });
      return { vpcId: net.vpcId, privateSubnetIds: net.privateSubnetIds, azs: net.availabilityZones, rts: net.privateRouteTableIds };
    });
    const vpc = resource(result, "aws:ec2/vpc:Vpc", "core-vpc");
    expect(vpc.inputs).toMatchObject({ cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: "core-vpc", team: "net" } });
    expect(vpc.urn).toBe("urn:pulumi:test::meridian::meridian:network:AwsNetwork$aws:ec2/vpc:Vpc::core-vpc");

    const sg = resource(result, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "core-default-sg");
    expect(sg.inputs).toMatchObject({ ingress: [], egress: [], vpcId: vpc.id });

    const privA = resource(result, "aws:ec2/subnet:Subnet", "core-private-a");
    expect(privA.inputs).toMatchObject({ cidrBlock: "10.0.0.0/19", availabilityZone: "us-east-1a", mapPublicIpOnLaunch: false });
    expect(resource(result, "aws:ec2/subnet:Subnet", "core-public-c").inputs).toMatchObject({ cidrBlock: "10.0.112.0/21", availabilityZone: "us-east-1c" });

    const nats = result.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway");
    expect(nats.map((n) => n.name)).toEqual(["core-nat-a", "core-nat-b", "core-nat-c"]);
    const natB = resource(result, "aws:ec2/natGateway:NatGateway", "core-nat-b");
    expect(natB.inputs["subnetId"]).toBe(resource(result, "aws:ec2/subnet:Subnet", "core-public-b").id);
    expect(natB.dependsOn).toContain(resource(result, "aws:ec2/internetGateway:InternetGateway", "core-igw").urn);
    // Each private route table egresses through its own AZ's NAT gateway.
    expect(resource(result, "aws:ec2/route:Route", "core-private-default-b").inputs).toMatchObject({ destinationCidrBlock: "0.0.0.0/0", natGatewayId: natB.id });
    expect(resource(result, "aws:ec2/route:Route", "core-public-default").inputs["gatewayId"]).toBe(resource(result, "aws:ec2/internetGateway:InternetGateway", "core-igw").id);

    const endpoint = resource(result, "aws:ec2/vpcEndpoint:VpcEndpoint", "core-s3");
    expect(endpoint.inputs).toMatchObject({ serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });
    expect(endpoint.inputs["routeTableIds"]).toHaveLength(4);

    const logGroup = resource(result, "aws:cloudwatch/logGroup:LogGroup", "core-flow-logs");
    const logGroupArn = `arn:aws:logs:us-east-1:123456789012:log-group:${logGroup.id}`;
    expect(logGroup.inputs["retentionInDays"]).toBe(90);
    expect(resource(result, "aws:ec2/flowLog:FlowLog", "core-flow-log").inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      maxAggregationInterval: 60,
    });
    const trust = JSON.parse(resource(result, "aws:iam/role:Role", "core-flow-logs").inputs["assumeRolePolicy"] as string);
    expect(trust.Statement[0]).toMatchObject({ Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } });
    const policy = JSON.parse(resource(result, "aws:iam/rolePolicy:RolePolicy", "core-flow-logs").inputs["policy"] as string);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
    expect(policy.Statement[0].Resource).toEqual([logGroupArn, `${logGroupArn}:*`]);

    expect(result.outputs["azs"]).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(result.outputs["privateSubnetIds"]).toEqual(["a", "b", "c"].map((l) => resource(result, "aws:ec2/subnet:Subnet", `core-private-${l}`).id));
    expect(result.outputs["rts"]).toHaveLength(3);
  });

  it("builds one NAT gateway for all AZs with natGateways: single, and none with none", async () => {
    const result = await runProgram(() => {
      new AwsNetwork("one", { natGateways: "single", availabilityZoneCount: 2 });
      new AwsNetwork("zero", { natGateways: "none", availabilityZoneCount: 2, cidrBlock: "10.1.0.0/16" });
    });
    const nat = resource(result, "aws:ec2/natGateway:NatGateway", "one-nat-a");
    expect(resource(result, "aws:ec2/route:Route", "one-private-default-b").inputs["natGatewayId"]).toBe(nat.id);
    expect(result.resources.filter((r) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(result.resources.filter((r) => r.name.startsWith("zero-private-default"))).toEqual([]);
  });

  // The zone count is known only when the invoke answers, so this fails inside an apply; such failures leave
  // rejected promises that only a process-level handler can catch, hence a separate process.
  it("fails the plan when the region has fewer zones than asked", () => {
    const r = meridian("plan", "--program", path.join(FIXTURES, "az-shortage-program"), "--stack", "ci");
    expect(r.code).toBe(3);
    expect(r.stderr.split("\n")[0]).toBe(
      `meridian: the program failed: error serializing property "availabilityZone": meridian:network:AwsNetwork 'big': availabilityZoneCount is 6, but the region has only 5 available zones`,
    );
  });
});

describe("AwsNetwork protection and zones", () => {
  it("protects the flow log group (the logs) with the component, and leaves the stateless children free", async () => {
    const result = await runProgram(() => {
      new AwsNetwork("opt", { availabilityZoneCount: 1, natGateways: "none" }, { protect: true });
      new AwsNetwork("arg", { availabilityZoneCount: 1, natGateways: "none", cidrBlock: "10.1.0.0/16", protect: true });
      new AwsNetwork("off", { availabilityZoneCount: 1, natGateways: "none", cidrBlock: "10.2.0.0/16" });
    });
    const logGroup = (n: string) => resource(result, "aws:cloudwatch/logGroup:LogGroup", `${n}-flow-logs`);
    expect(logGroup("opt").protect).toBe(true);
    expect(logGroup("arg").protect).toBe(true);
    expect(logGroup("off").protect).toBe(false);
    // The argument protects the stateful child only; the resource option protects every child, as Pulumi does.
    expect(resource(result, "aws:ec2/vpc:Vpc", "arg-vpc").protect).toBe(false);
    expect(resource(result, "aws:ec2/vpc:Vpc", "opt-vpc").protect).toBe(true);
    expect(logGroup("arg").inputs).toMatchObject({ retentionInDays: 90 });
  });

  it("puts each subnet pair in the zone given, in order", async () => {
    const result = await runProgram(() => new AwsNetwork("core", { availabilityZones: ["us-east-1b", "us-east-1d"], natGateways: "single" }));
    expect(resource(result, "aws:ec2/subnet:Subnet", "core-private-a").inputs["availabilityZone"]).toBe("us-east-1b");
    expect(resource(result, "aws:ec2/subnet:Subnet", "core-public-b").inputs["availabilityZone"]).toBe("us-east-1d");
  });
});

describe("AwsNetwork zones of the provider's region", () => {
  it("refuses zones of another region when the default provider's region is known at construction", async () => {
    await runProgram(
      () => {
        expect(() => new AwsNetwork("net", { availabilityZones: ["us-east-1a", "us-east-1b"] })).toThrow(
          `${T} 'net': availabilityZones[0] must be an availability zone of the provider's region us-west-2: us-west-2 and a zone letter, such as "us-west-2a"; got "us-east-1a".`,
        );
        // With an explicit provider the region is known only later: the shape and the one-region rule still apply.
        expect(() => new AwsNetwork("net", { availabilityZones: ["us-west-2a", "us-east-1b"] }, { providers: {} })).toThrow(`${T} 'net': availabilityZones[1] must be an availability zone: an AWS region and a zone letter`);
      },
      { config: { "aws:region": "us-west-2" } },
    );
  });
});
