import * as pulumi from "@pulumi/pulumi";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import {
  awsRegions,
  CLOUDWATCH_RETENTION_DAYS,
  NAME_RULES,
  azLetter,
  checkArgs,
  checkComponentName,
  childOptions,
  derived,
  describeValue,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import { checkKmsKeyArn, checkTagsArg } from "../core/internal/checks";
import { allocateSubnets, bitsFor, formatCidr, parseCidr } from "./internal/cidr";

export const NatGatewayMode = { None: "none", Single: "single", OnePerAz: "one-per-az" } as const;
export type NatGatewayMode = (typeof NatGatewayMode)[keyof typeof NatGatewayMode];

const TYPE = "meridian:network:AwsNetwork";

export interface AwsNetworkArgs {
  /**
   * The VPC's IPv4 block, /16 to /28 (AWS's limits), host bits zero. Subnets are carved out of it.
   * @default "10.0.0.0/16"
   */
  readonly cidrBlock?: string;
  /**
   * How many availability zones to spread over, 1 to 6; each gets a public and a private subnet.
   * @default 3
   */
  readonly availabilityZoneCount?: number;
  /**
   * The availability zones to use, in order, e.g. `["us-east-1a", "us-east-1b"]`: distinct zones of the provider's
   * region. Length must equal `availabilityZoneCount`.
   * @default - the first `availabilityZoneCount` zones the `getAvailabilityZones` invoke lists as available
   */
  readonly availabilityZones?: string[];
  /**
   * NAT gateways for the private subnets' outbound traffic: `none` (no internet egress), `single` (one, in the
   * first AZ: cheaper, but egress fails with that AZ), `one-per-az` (each AZ egresses through its own).
   * @default "one-per-az"
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Prefix length of each private subnet.
   * @default - the largest that lets one per AZ fill half of the VPC block
   */
  readonly privateSubnetPrefixLength?: number;
  /**
   * Prefix length of each public subnet (they hold NAT gateways and load balancers, so they are smaller).
   * @default - the private prefix length + 2
   */
  readonly publicSubnetPrefixLength?: number;
  /**
   * How long VPC flow logs are kept, in days: one of CloudWatch's retention values.
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
  /**
   * A KMS key ARN to encrypt the flow log group with (the key policy must allow CloudWatch Logs).
   * @default - CloudWatch Logs' own encryption at rest
   */
  readonly flowLogKmsKeyArn?: pulumi.Input<string>;
  /**
   * Protect the network's stateful child (the flow log group, which holds the logs) from deletion. The component's
   * own `protect` resource option says the same; when both are given they must agree.
   * @default - the component's `protect` option, else false
   */
  readonly protect?: boolean;
  /** Tags for every resource of the network, merged under each resource's own. @default - none besides the stack's */
  readonly tags?: Tags;
}

/** The address plan: known at construction, so other components can validate against it. */
export interface AwsAddressPlan {
  readonly vpc: string;
  readonly publicSubnets: string[];
  readonly privateSubnets: string[];
}

/**
 * What the AWS components (the VPN, and the cross-cloud database and cluster specs) need of a network. An
 * `AwsNetwork` fits as it is (`awsNetwork: myAwsNetwork`); a program in another language, or one with a VPC built
 * elsewhere, passes the values.
 */
export interface AwsNetworkRef {
  readonly vpcId: pulumi.Input<string>;
  /** One private subnet per entry of `addressPlan.privateSubnets`, in the same order. */
  readonly privateSubnetIds: pulumi.Input<string[]>;
  /** One private route table per private subnet, in the same order. */
  readonly privateRouteTableIds: pulumi.Input<string[]>;
  /** One public subnet per entry of `addressPlan.publicSubnets`, in the same order (what an internet-facing load balancer needs). */
  readonly publicSubnetIds?: pulumi.Input<string[]>;
  /** The ranges, known at construction: they give the subnet count and are checked before anything is created. */
  readonly addressPlan: AwsAddressPlan;
}

/**
 * The network's private subnet ids as a list whose length is known at construction (one per planned subnet), which
 * is what a DB subnet group, an EKS cluster and their validation need. `who` (`meridian:database:RdsPostgres 'db'`)
 * starts the message when the ids, known only at deployment, do not match the plan.
 */
export function privateSubnetIdList(net: AwsNetworkRef, who?: string): pulumi.Output<string>[] {
  return idsPerPlannedSubnet(who, "privateSubnetIds", net.privateSubnetIds, net.addressPlan.privateSubnets);
}

/** The network's public subnet ids, one per planned public subnet (what a load balancer needs). */
export function publicSubnetIdList(net: { readonly publicSubnetIds: pulumi.Input<string[]>; readonly addressPlan: AwsAddressPlan }, who?: string): pulumi.Output<string>[] {
  return idsPerPlannedSubnet(who, "publicSubnetIds", net.publicSubnetIds, net.addressPlan.publicSubnets);
}

/** The network's private route table ids, one per planned private subnet (what learns routes from a VPN). */
export function privateRouteTableIdList(net: AwsNetworkRef, who?: string): pulumi.Output<string>[] {
  return idsPerPlannedSubnet(who, "privateRouteTableIds", net.privateRouteTableIds, net.addressPlan.privateSubnets);
}

/**
 * One Output per planned range. A plain list is checked at construction (`checkAwsNetworkRef`); a list known only at
 * deployment is checked here, element by element, so a short list fails with a message naming the list and the plan
 * rather than handing `undefined` to a provider.
 */
function idsPerPlannedSubnet(who: string | undefined, field: string, ids: pulumi.Input<string[]>, planned: readonly string[]): pulumi.Output<string>[] {
  const prefix = who === undefined ? "" : `${who}: `;
  const all = pulumi.output(ids).apply((list) => {
    if (!Array.isArray(list) || list.length !== planned.length) {
      const got = Array.isArray(list) ? `${list.length} ids` : describeValue(list);
      throw new Error(`${prefix}${field} has ${got} and the address plan ${planned.length} ranges: they must match one to one, in order`);
    }
    return list;
  });
  return planned.map((range, i) =>
    all.apply((list) => {
      const id = list[i];
      if (typeof id !== "string" || id === "") throw new Error(`${prefix}${field}[${i}] (for ${range}) must be an id; got ${describeValue(id)}`);
      return id;
    }),
  );
}

export { checkAwsAddressPlan, checkAwsNetworkRef, type AwsNetworkNeeds } from "./internal/refs";

interface ResolvedAwsNetworkArgs {
  readonly cidrBlock: string;
  readonly availabilityZoneCount: number;
  readonly availabilityZones: string[] | undefined;
  readonly natGateways: NatGatewayMode;
  readonly flowLogRetentionDays: number;
  readonly plan: AwsAddressPlan;
  readonly protect: boolean;
}

/**
 * The AWS region the network's resources go to, when it is known at construction: the default provider's, from the
 * `aws:region` config (or the environment variables the provider reads). With an explicit provider (the `provider`
 * or `providers` option, or one inherited from a `parent`) the region is that provider's, known only once it is
 * created; undefined then.
 */
export function knownAwsRegion(opts: pulumi.ComponentResourceOptions): string | undefined {
  if (opts.provider !== undefined || opts.providers !== undefined || opts.parent !== undefined) return undefined;
  return new pulumi.Config("aws").get("region") ?? process.env["AWS_REGION"] ?? process.env["AWS_DEFAULT_REGION"];
}

/** Regions longest first, so `us-gov-west-1` is not read as a zone of a shorter name. */
const REGIONS_LONGEST_FIRST = [...awsRegions()].sort((a, b) => b.length - a.length);

/**
 * The region of an availability zone name (`us-east-1` of `us-east-1a`), or undefined when the name is not a known
 * region followed by one zone letter. AWS's SDK has no list of zones (they differ per account and open over time),
 * so a zone is checked by its shape: a region the provider knows and a letter. Whether the zone exists in the
 * account is known only to the `getAvailabilityZones` invoke.
 */
function regionOfZone(zone: unknown): string | undefined {
  if (typeof zone !== "string") return undefined;
  const region = REGIONS_LONGEST_FIRST.find((r) => zone.startsWith(r));
  return region !== undefined && /^[a-z]$/.test(zone.slice(region.length)) ? region : undefined;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAwsNetworkArgs(name: string, args: AwsNetworkArgs, opts: pulumi.ComponentResourceOptions = {}): ResolvedAwsNetworkArgs {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: the flow-log role, auto-named (`${name}-flow-logs-1a2b3c4`, 64 at
  // most), binds; the Name tags (`${name}-default-deny-all`, 256) and the flow-log group (512) leave room.
  checkComponentName(check, name, [
    derived(NAME_RULES.aws.iamRoleName, "-flow-logs", true),
    derived(NAME_RULES.aws.nameTag, "-default-deny-all"),
    derived(NAME_RULES.aws.logGroupName, "-flow-logs", true),
  ]);
  const cidrBlock = args.cidrBlock ?? "10.0.0.0/16";
  const block = typeof cidrBlock === "string" ? parseCidr(cidrBlock) : undefined;
  if (!block || block.prefix < 16 || block.prefix > 28) check.fail("cidrBlock", cidrBlock, "an IPv4 CIDR block from /16 to /28 with its host bits zero");
  const zones = check.list("availabilityZones", args.availabilityZones, "availability zones", { min: 1, max: 6 });
  const azCount = args.availabilityZoneCount ?? (args.availabilityZones === undefined ? 3 : zones.length);
  check.intRange("availabilityZoneCount", azCount, 1, 6);
  if (args.availabilityZones !== undefined && zones.length !== azCount) {
    check.fail("availabilityZones", args.availabilityZones, `a list of ${azCount} zones (availabilityZoneCount)`);
  }
  const region = knownAwsRegion(opts);
  const zoneRegion = region ?? regionOfZone(zones[0]);
  zones.forEach((zone, i) => {
    const allowed =
      region !== undefined
        ? `an availability zone of the provider's region ${region}: ${region} and a zone letter, such as "${region}a"`
        : `an availability zone: an AWS region and a zone letter, such as "us-east-1a", all in one region${zoneRegion === undefined ? "" : ` (${zoneRegion}, as the first)`}`;
    const of = regionOfZone(zone);
    if (of === undefined || of !== zoneRegion) check.fail(`availabilityZones[${i}]`, zone, allowed);
  });
  check.distinct("availabilityZones", zones);
  const natGateways = args.natGateways ?? NatGatewayMode.OnePerAz;
  check.oneOf("natGateways", natGateways, Object.values(NatGatewayMode));
  const flowLogRetentionDays = args.flowLogRetentionDays ?? 90;
  check.oneOf("flowLogRetentionDays", flowLogRetentionDays, CLOUDWATCH_RETENTION_DAYS);
  checkKmsKeyArn(check, "flowLogKmsKeyArn", args.flowLogKmsKeyArn, { why: "CloudWatch Logs takes no alias" });
  const privatePrefix = args.privateSubnetPrefixLength ?? Math.min(28, block!.prefix + bitsFor(azCount) + 1);
  const publicPrefix = args.publicSubnetPrefixLength ?? Math.min(28, privatePrefix + 2);
  check.intRange("privateSubnetPrefixLength", privatePrefix, block!.prefix, 28);
  check.intRange("publicSubnetPrefixLength", publicPrefix, block!.prefix, 28);
  const subnets = allocateSubnets(block!, [...Array(azCount).fill(privatePrefix), ...Array(azCount).fill(publicPrefix)]);
  if (!subnets) {
    check.fail(
      "cidrBlock",
      cidrBlock,
      `a block large enough for ${azCount} private /${privatePrefix} and ${azCount} public /${publicPrefix} subnets`,
    );
  }
  checkTagsArg(check, args.tags, "aws");
  const protect = resolveProtect(check, opts, args.protect);
  const formatted = subnets!.map(formatCidr);
  return {
    cidrBlock,
    availabilityZoneCount: azCount,
    availabilityZones: args.availabilityZones === undefined ? undefined : [...zones],
    natGateways,
    flowLogRetentionDays,
    plan: { vpc: cidrBlock, privateSubnets: formatted.slice(0, azCount), publicSubnets: formatted.slice(azCount) },
    protect,
  };
}

/**
 * An AWS VPC across availability zones: public and private subnets per AZ carved from one block, an internet
 * gateway, NAT gateways, route tables, flow logs to CloudWatch, a default security group that allows nothing,
 * and an S3 gateway endpoint so private subnets reach S3 without NAT.
 */
export class AwsNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly cidrBlock: pulumi.Output<string>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly privateRouteTableIds: pulumi.Output<string[]>;
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** The subnets' CIDRs, known at construction. */
  public readonly addressPlan: AwsAddressPlan;

  constructor(name: string, args: AwsNetworkArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAwsNetworkArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.addressPlan = a.plan;

    const region = getRegionOutput({}, parent).region;
    const given = a.availabilityZones;
    const azs: pulumi.Output<string[]> = given
      ? // With an explicit provider its region is known only now: zones of another region fail here, named, rather
        // than at the subnets' creation.
        region.apply((r) => {
          const stray = r === undefined ? undefined : given.find((z) => regionOfZone(z) !== r);
          if (stray !== undefined) {
            throw new pulumi.ResourceError(`${TYPE} '${name}': availabilityZones must be zones of the provider's region ${r}; got ${describeValue(stray)}`, this);
          }
          return given;
        })
      : getAvailabilityZonesOutput({ state: "available" }, parent).names.apply((names) => {
          // A test double that echoes the invoke's arguments gives no names: nothing to check, nothing to pick.
          if (names === undefined) return [] as string[];
          if (names.length < a.availabilityZoneCount) {
            throw new pulumi.ResourceError(`${TYPE} '${name}': availabilityZoneCount is ${a.availabilityZoneCount}, but the region has only ${names.length} available zones`, this);
          }
          return names.slice(0, a.availabilityZoneCount);
        });

    const vpc = new Vpc(`${name}-vpc`, { cidrBlock: a.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${name}-vpc` } }, parent);
    // Taking over the default security group with no rules removes AWS's allow-all-within-the-group default.
    new DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-deny-all` } }, parent);
    const igw = new InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, parent);

    const letters = Array.from({ length: a.availabilityZoneCount }, (_, i) => azLetter(i));
    const subnet = (kind: "public" | "private", i: number, cidr: string) =>
      new Subnet(
        `${name}-${kind}-${letters[i]}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: azs.apply((z) => z[i] as string),
          // Nothing gets a public IP by accident: NAT gateways and load balancers bring their own.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-${kind}-${letters[i]}`, "meridian:subnet-role": kind },
        },
        parent,
      );
    const publicSubnets = a.plan.publicSubnets.map((cidr, i) => subnet("public", i, cidr));
    const privateSubnets = a.plan.privateSubnets.map((cidr, i) => subnet("private", i, cidr));

    const publicRt = new RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: { Name: `${name}-public` } }, parent);
    new Route(`${name}-public-default`, { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, parent);
    publicSubnets.forEach((s, i) => new RouteTableAssociation(`${name}-public-${letters[i]}`, { subnetId: s.id, routeTableId: publicRt.id }, parent));

    const natCount = a.natGateways === "none" ? 0 : a.natGateways === "single" ? 1 : a.availabilityZoneCount;
    const nats = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(`${name}-nat-${letters[i]}`, { domain: "vpc", tags: { Name: `${name}-nat-${letters[i]}` } }, parent);
      return new NatGateway(
        `${name}-nat-${letters[i]}`,
        { allocationId: eip.id, subnetId: (publicSubnets[i] as Subnet).id, connectivityType: "public", tags: { Name: `${name}-nat-${letters[i]}` } },
        childOptions(this, opts, { dependsOn: [igw] }),
      );
    });

    const privateRts = privateSubnets.map((s, i) => {
      const rt = new RouteTable(`${name}-private-rt-${letters[i]}`, { vpcId: vpc.id, tags: { Name: `${name}-private-${letters[i]}` } }, parent);
      new RouteTableAssociation(`${name}-private-${letters[i]}`, { subnetId: s.id, routeTableId: rt.id }, parent);
      const nat = nats[Math.min(i, nats.length - 1)];
      if (nat) new Route(`${name}-private-default-${letters[i]}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, parent);
      return rt;
    });

    new VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [publicRt.id, ...privateRts.map((rt) => rt.id)],
        tags: { Name: `${name}-s3` },
      },
      parent,
    );

    this.createFlowLogs(name, vpc, a.flowLogRetentionDays, args.flowLogKmsKeyArn, parent, statefulOptions(this, opts, a.protect));

    this.vpcId = vpc.id;
    this.cidrBlock = vpc.cidrBlock;
    this.publicSubnetIds = pulumi.all(publicSubnets.map((s) => s.id));
    this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
    this.privateRouteTableIds = pulumi.all(privateRts.map((rt) => rt.id));
    this.availabilityZones = azs;
    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock: this.cidrBlock,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      privateRouteTableIds: this.privateRouteTableIds,
      availabilityZones: this.availabilityZones,
    });
  }

  private createFlowLogs(
    name: string,
    vpc: Vpc,
    retentionDays: number,
    kmsKeyArn: pulumi.Input<string> | undefined,
    parent: pulumi.CustomResourceOptions,
    stateful: pulumi.CustomResourceOptions,
  ): void {
    // The log group holds the logs: protected with the component (STATEFUL_TYPES).
    const logGroup = new LogGroup(`${name}-flow-logs`, { retentionInDays: retentionDays, kmsKeyId: kmsKeyArn }, stateful);
    const account = getCallerIdentityOutput({}, parent).accountId;
    const role = new Role(
      `${name}-flow-logs`,
      {
        description: `VPC flow logs of ${name} to CloudWatch Logs`,
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "vpc-flow-logs.amazonaws.com" },
              Action: "sts:AssumeRole",
              // Only flow logs of this account may assume the role (confused-deputy protection).
              Condition: { StringEquals: { "aws:SourceAccount": account } },
            },
          ],
        }),
      },
      parent,
    );
    new RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
            },
          ],
        }),
      },
      parent,
    );
    new FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: { Name: `${name}-flow-log` },
      },
      parent,
    );
  }
}
