import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { AccessEntry } from "@pulumi/aws/eks/accessEntry";
import { AccessPolicyAssociation } from "@pulumi/aws/eks/accessPolicyAssociation";
import { Addon } from "@pulumi/aws/eks/addon";
import { Cluster } from "@pulumi/aws/eks/cluster";
import { NodeGroup } from "@pulumi/aws/eks/nodeGroup";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { OpenIdConnectProvider } from "@pulumi/aws/iam/openIdConnectProvider";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Key } from "@pulumi/aws/kms/key";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import {
  awsInstanceTypes,
  CLOUDWATCH_RETENTION_DAYS,
  NAME_RULES,
  OffSchema,
  checkArgs,
  checkComponentName,
  childOptions,
  derived,
  resolveProtect,
  stableSuffix,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
  type Validator,
} from "../core/shared";
import { checkReplacedArgs } from "../core/internal/checks";
import { privateSubnetIdList, type AwsNetworkRef } from "../network/aws-network";
import { checkAwsNetworkRef } from "../network/internal/refs";
import { isPrivate, parseCidr } from "../network/internal/cidr";
import type { AwsAutoScalingGroupRef } from "../ingress/aws-load-balancer";
import { EKS_VERSIONS, checkNodePools, execKubeconfig, upperSnakeTaints, type KubernetesVersion, type MachineTypeRule, type NodePoolSpec } from "./node-pools";

const TYPE = "meridian:kubernetes:EksCluster";

const providers = new OffSchema<EksCluster, K8sProvider>();
const nodeGroupsOf = new OffSchema<EksCluster, Array<{ pool: string; group: NodeGroup }>>();

/** EKS versions in standard support: derived from the one version table, `KUBERNETES_VERSIONS` (node-pools.ts). */
export { EKS_VERSIONS };
/** All control-plane log types. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
/** EKS version support: standard, or extended (a fee per cluster-hour keeps an old version running). */
export const EksSupportType = { Standard: "STANDARD", Extended: "EXTENDED" } as const;
export type EksSupportType = (typeof EksSupportType)[keyof typeof EksSupportType];

/** The managed add-ons installed, in order. */
export const EKS_ADDONS = ["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent", "aws-ebs-csi-driver"] as const;

/**
 * The VPC CNI add-on's configuration: its network policy agent on, so the apps' NetworkPolicies are enforced.
 * Source: Amazon EKS User Guide, "Limit pod traffic with Kubernetes network policies" (checked 2026-11-30).
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

/**
 * The most CIDR blocks an EKS public endpoint takes. Source: Amazon EKS User Guide, "Amazon EKS service quotas",
 * public endpoint access CIDR ranges per cluster (checked 2026-11-30).
 */
export const EKS_PUBLIC_ACCESS_CIDRS_MAX = 40;

/** An IAM role or user ARN: what an EKS access entry's principal is (no STS assumed-role ARNs). */
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]{1,512}$/;

/** Node groups take EC2 instance types the installed AWS provider knows. */
const EC2_INSTANCE_TYPE: MachineTypeRule = {
  test: (t) => awsInstanceTypes().has(t),
  allowed: 'an EC2 instance type the AWS provider knows, such as "m7g.large" (the SDK\'s InstanceType enum)',
};

export interface EksClusterArgs {
  /**
   * The network: the control plane's ENIs and the nodes go on its private subnets (at least two, in different
   * Availability Zones). An `AwsNetwork` fits as it is.
   */
  readonly network: AwsNetworkRef;
  /** @default "1.33" */
  readonly version?: KubernetesVersion;
  /**
   * CIDRs that may reach a public endpoint: public blocks only (EKS refuses private ones), at most 40. Without it
   * the endpoint is private only (reach it from the VPC, a VPN or a bastion). @default - no public endpoint
   */
  readonly publicAccessCidrs?: string[];
  /**
   * IAM role or user ARNs given cluster-admin through EKS access entries, as plain strings. @default - none
   *
   * Each principal's access entry and policy association are keyed by a digest of its ARN
   * (`${name}-admin-<stableSuffix(arn)>`), not by its position, so removing one principal replaces nothing else.
   * An ARN is what EKS itself keys an access entry by (one per principal and cluster), so it is the natural stable
   * key and no second name has to be invented and kept in step with it; it must be known when the program runs
   * (an Output could not name a resource), which an admin grant — reviewed as a literal ARN in the stack config —
   * always is. Each entry carries an alias to its old positional name (`${name}-admin-${i}`), so a live stack keeps
   * its entries on the first deployment after the change (deploy that before removing a principal).
   */
  readonly adminPrincipalArns?: string[];
  readonly nodePools: NodePoolSpec[];
  /** Days control-plane logs are kept (a CloudWatch retention value). @default 90 */
  readonly logRetentionDays?: number;
  /** STANDARD support; EXTENDED keeps an old version running for a fee per cluster-hour. @default "STANDARD" */
  readonly supportType?: EksSupportType;
  /**
   * The EKS cluster's own name (1–100 letters, digits, hyphens and underscores, starting with a letter or digit).
   * Set it to keep a cluster made under a component name this version refuses (`orders_eks`): renaming the
   * component with an alias keeps its resources, but the cluster's name would change and so replace it.
   * @default `${name}-${stack}`
   */
  readonly clusterName?: string;
  /**
   * Protect the stateful children — the cluster (with EKS deletion protection on), its secrets key and its
   * control-plane log group — from any Pulumi delete. The same as the component's `protect` resource option;
   * give either (or both, agreeing). @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateEksClusterArgs(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { subnetIds: "unset: give network, an AwsNetworkRef (an AwsNetwork fits as it is)" });
  const stack = pulumi.getStack();
  // The cluster is named `${name}-${stack}`; the IAM roles are auto-named from `${name}-ebs-csi` and shorter ones.
  checkComponentName(check, name, [derived(NAME_RULES.aws.eksClusterName, `-${stack}`), derived(NAME_RULES.aws.iamRoleName, "-ebs-csi", true)]);
  const protect = resolveProtect(check, opts, args.protect);
  const version = args.version ?? "1.33";
  check.oneOf("version", version, EKS_VERSIONS);
  checkAwsNetworkRef(check, "network", args.network, { privateSubnets: 2, why: "EKS requires two" });
  const publicAccessCidrs = check.list("publicAccessCidrs", args.publicAccessCidrs, "public IPv4 CIDR blocks", { max: EKS_PUBLIC_ACCESS_CIDRS_MAX });
  publicAccessCidrs.forEach((c, i) => {
    const p = typeof c === "string" ? parseCidr(c) : undefined;
    if (!p || p.prefix === 0) check.fail(`publicAccessCidrs[${i}]`, c, "an IPv4 CIDR block narrower than 0.0.0.0/0 (the API server is never open to everyone)");
    if (isPrivate(p)) check.fail(`publicAccessCidrs[${i}]`, c, "a public IPv4 CIDR block (EKS refuses private ranges for the public endpoint; the VPC reaches the private endpoint)");
  });
  check.distinct("publicAccessCidrs", publicAccessCidrs);
  const adminPrincipalArns = check.list("adminPrincipalArns", args.adminPrincipalArns, "IAM role or user ARNs");
  adminPrincipalArns.forEach((arn, i) =>
    check.requiredPattern(`adminPrincipalArns[${i}]`, arn, IAM_PRINCIPAL_ARN, 'an IAM role or user ARN as a plain string, such as "arn:aws:iam::123456789012:role/platform-admin"'),
  );
  // EKS keeps one access entry per principal: a second one for the same ARN is refused.
  check.distinct("adminPrincipalArns", adminPrincipalArns);
  // Each pool's node group is auto-named from `${name}-${pool}`.
  const pools = checkNodePools(check, args.nodePools, EC2_INSTANCE_TYPE, "nodePools", { prefix: `${name}-`, added: 8, max: 63, what: "an EKS node group name" });
  const logRetentionDays = args.logRetentionDays ?? 90;
  check.oneOf("logRetentionDays", logRetentionDays, CLOUDWATCH_RETENTION_DAYS);
  const supportType = args.supportType ?? "STANDARD";
  check.oneOf("supportType", supportType, Object.values(EksSupportType));
  check.pattern("clusterName", args.clusterName, /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, "an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit");
  return { version, pools, logRetentionDays, supportType, protect, publicAccessCidrs, adminPrincipalArns, clusterName: args.clusterName ?? `${name}-${stack}` };
}

function servicePrincipalRole(service: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

/**
 * An EKS cluster on the plain AWS provider (so policies and the offline plan see every resource): private API
 * endpoint, secrets encrypted with a KMS key, every control-plane log type kept, API access entries for admins,
 * standard support, managed node groups from a launch template requiring IMDSv2 with encrypted gp3 disks, the
 * IRSA OIDC provider, and the managed add-ons (the EBS CSI driver with its own IRSA role; the VPC CNI enforcing
 * NetworkPolicies).
 */
export class EksCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** A kubeconfig that authenticates with `aws eks get-token` (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster (a getter: it stays out of the multi-language schema; use `kubeconfig` there). */
  public get provider(): K8sProvider {
    return providers.get(this);
  }
  public readonly oidcProviderArn: pulumi.Output<string>;
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;
  /** The cluster security group, which managed nodes use: allow it into databases the workloads need. */
  public readonly clusterSecurityGroupId: pulumi.Output<string>;

  /**
   * The managed node groups' Auto Scaling groups, keyed by pool: what `AwsLoadBalancer` attaches to a NodePort
   * route's target group. (A method: it stays out of the multi-language schema.)
   */
  public nodeAutoScalingGroups(): AwsAutoScalingGroupRef[] {
    return nodeGroupsOf.get(this).map(({ pool, group }) => ({
      key: pool,
      // Under mocks that echo inputs the group's resources are absent: nothing here may assume the cloud computed them.
      name: group.resources.apply((r) => r?.[0]?.autoscalingGroups?.[0]?.name ?? ""),
    }));
  }

  constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateEksClusterArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const stateful = (extra: pulumi.CustomResourceOptions = {}) => statefulOptions(this, opts, a.protect, extra);
    const subnetIds = privateSubnetIdList(args.network);

    const clusterRole = new Role(`${name}-cluster`, { description: `EKS ${name} control plane`, assumeRolePolicy: servicePrincipalRole("eks.amazonaws.com") }, parent);
    new RolePolicyAttachment(`${name}-cluster`, { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" }, parent);
    const key = new Key(`${name}-secrets`, { description: `EKS ${name}: Kubernetes secrets envelope encryption`, enableKeyRotation: true, deletionWindowInDays: 30 }, stateful());
    // EKS writes control-plane logs to this exact name; creating it first sets the retention.
    const logGroup = new LogGroup(`${name}-logs`, { name: `/aws/eks/${a.clusterName}/cluster`, retentionInDays: a.logRetentionDays }, stateful());

    const publicCidrs = [...a.publicAccessCidrs];
    const cluster = new Cluster(
      `${name}-cluster`,
      {
        name: a.clusterName,
        version: a.version,
        roleArn: clusterRole.arn,
        vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: publicCidrs.length > 0, publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined },
        encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...EKS_LOG_TYPES],
        // The identity that creates the cluster (the deploy role) administers it, so it can deploy workloads;
        // everyone else comes in through access entries.
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        upgradePolicy: { supportType: a.supportType },
        // EKS's own guard against a delete, on whenever the component is protected.
        deletionProtection: a.protect,
      },
      stateful({ dependsOn: [logGroup] }),
    );

    // Keyed by a digest of the principal's ARN (see `adminPrincipalArns`), with an alias to the old positional name.
    a.adminPrincipalArns.forEach((principalArn, i) => {
      const entryName = `${name}-admin-${stableSuffix(principalArn)}`;
      const aliases = [{ name: `${name}-admin-${i}` }];
      const entry = new AccessEntry(entryName, { clusterName: cluster.name, principalArn, type: "STANDARD" }, childOptions(this, opts, { aliases }));
      new AccessPolicyAssociation(
        entryName,
        { clusterName: cluster.name, principalArn, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
        childOptions(this, opts, { dependsOn: [entry], aliases }),
      );
    });

    const issuer = cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
    const oidc = new OpenIdConnectProvider(`${name}-oidc`, { url: issuer, clientIdLists: ["sts.amazonaws.com"] }, parent);

    const nodeRole = new Role(`${name}-nodes`, { description: `EKS ${name} nodes`, assumeRolePolicy: servicePrincipalRole("ec2.amazonaws.com") }, parent);
    ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy"].forEach((p) =>
      new RolePolicyAttachment(`${name}-nodes-${p}`, { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${p}` }, parent),
    );

    const nodeGroups = a.pools.map((p) => {
      const lt = new LaunchTemplate(
        `${name}-${p.name}`,
        {
          description: `EKS ${name} pool ${p.name}`,
          // IMDSv2 only, and one hop: pods cannot reach the node's instance credentials.
          metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
          blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: p.diskSizeGb ?? 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
          updateDefaultVersion: true,
        },
        parent,
      );
      return new NodeGroup(
        `${name}-${p.name}`,
        {
          clusterName: cluster.name,
          nodeRoleArn: nodeRole.arn,
          subnetIds,
          instanceTypes: [p.machineType],
          capacityType: p.spot ? "SPOT" : "ON_DEMAND",
          scalingConfig: { minSize: p.minNodes, maxSize: p.maxNodes, desiredSize: p.desiredNodes ?? p.minNodes },
          updateConfig: { maxUnavailable: 1 },
          labels: p.labels,
          taints: upperSnakeTaints(p.taints),
          launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
        },
        stateful(),
      );
    });

    // The EBS CSI driver's controller gets its own role through IRSA, not the node's.
    const ebsRole = new Role(
      `${name}-ebs-csi`,
      {
        description: `EKS ${name}: EBS CSI controller`,
        assumeRolePolicy: pulumi.all([oidc.arn, issuer]).apply(([arn, url]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Federated: arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                  StringEquals: {
                    [`${url.replace(/^https:\/\//, "")}:sub`]: "system:serviceaccount:kube-system:ebs-csi-controller-sa",
                    [`${url.replace(/^https:\/\//, "")}:aud`]: "sts.amazonaws.com",
                  },
                },
              },
            ],
          }),
        ),
      },
      parent,
    );
    new RolePolicyAttachment(`${name}-ebs-csi`, { role: ebsRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" }, parent);
    nodeGroupsOf.set(this, nodeGroups.map((group, i) => ({ pool: a.pools[i]!.name, group })));
    for (const addon of EKS_ADDONS) {
      new Addon(
        `${name}-${addon}`,
        {
          clusterName: cluster.name,
          addonName: addon,
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "PRESERVE",
          serviceAccountRoleArn: addon === "aws-ebs-csi-driver" ? ebsRole.arn : undefined,
          // The VPC CNI enforces Kubernetes NetworkPolicies only when told to (off by default).
          configurationValues: addon === "vpc-cni" ? JSON.stringify(VPC_CNI_CONFIGURATION) : undefined,
        },
        // coredns and the CSI driver need nodes to run on.
        childOptions(this, opts, { dependsOn: addon === "coredns" || addon === "aws-ebs-csi-driver" ? nodeGroups : [] }),
      );
    }

    const region = getRegionOutput({}, parent).region;
    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.oidcProviderArn = oidc.arn;
    this.oidcIssuerUrl = issuer;
    this.nodeRoleArn = nodeRole.arn;
    this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v?.clusterSecurityGroupId ?? "");
    this.kubeconfig = pulumi.secret(
      pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority, region]).apply(([n, endpoint, ca, r]) =>
        execKubeconfig({ name: n, server: endpoint, caData: ca?.data ?? "", exec: { command: "aws", args: ["eks", "get-token", "--cluster-name", n, "--region", r, "--output", "json"] } }),
      ),
    );
    providers.set(this, new K8sProvider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, parent));
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig, oidcProviderArn: this.oidcProviderArn, nodeRoleArn: this.nodeRoleArn });
  }
}
