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
import { OffSchema, CLOUDWATCH_RETENTION_DAYS, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { parseCidr } from "../network/internal/cidr";
import type { AwsAutoScalingGroupRef } from "../ingress/aws-load-balancer";
import { checkNodePools, execKubeconfig, upperSnakeTaints, type KubernetesVersion, type NodePoolSpec } from "./node-pools";

const TYPE = "meridian:kubernetes:EksCluster";

const providers = new OffSchema<EksCluster, K8sProvider>();
const nodeGroupsOf = new OffSchema<EksCluster, Array<{ pool: string; group: NodeGroup }>>();

/** EKS versions in standard support (Amazon EKS User Guide, "Kubernetes version lifecycle", checked 2026-11-22). */
export const EKS_VERSIONS = ["1.31", "1.32", "1.33", "1.34"] as const;
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

export interface EksClusterArgs {
  /** Private subnets for the control plane's ENIs and the nodes. */
  readonly subnetIds: pulumi.Input<string>[];
  /** @default "1.33" */
  readonly version?: KubernetesVersion;
  /**
   * CIDRs that may reach a public endpoint. Without it the endpoint is private only (reach it from the VPC, a
   * VPN or a bastion). @default - no public endpoint
   */
  readonly publicAccessCidrs?: string[];
  /** IAM principal ARNs (roles or users) given cluster-admin through EKS access entries. @default - none */
  readonly adminPrincipalArns?: pulumi.Input<string>[];
  readonly nodePools: NodePoolSpec[];
  /** Days control-plane logs are kept (a CloudWatch retention value). @default 90 */
  readonly logRetentionDays?: number;
  /** STANDARD support; EXTENDED keeps an old version running for a fee per cluster-hour. @default "STANDARD" */
  readonly supportType?: EksSupportType;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateEksClusterArgs(name: string, args: EksClusterArgs) {
  const check = validator(TYPE, name);
  const version = args.version ?? "1.33";
  check.oneOf("version", version, EKS_VERSIONS);
  if (!Array.isArray(args.subnetIds) || args.subnetIds.length < 2) check.fail("subnetIds", args.subnetIds, "at least two subnets in different AZs");
  (args.publicAccessCidrs ?? []).forEach((c, i) => {
    const p = parseCidr(c);
    if (!p || p.prefix === 0) check.fail(`publicAccessCidrs[${i}]`, c, "an IPv4 CIDR block narrower than 0.0.0.0/0 (the API server is never open to everyone)");
  });
  const pools = checkNodePools(check, args.nodePools);
  const logRetentionDays = args.logRetentionDays ?? 90;
  check.oneOf("logRetentionDays", logRetentionDays, CLOUDWATCH_RETENTION_DAYS);
  const supportType = args.supportType ?? "STANDARD";
  check.oneOf("supportType", supportType, Object.values(EksSupportType));
  return { version, pools, logRetentionDays, supportType, clusterName: `${name}-${pulumi.getStack()}`.slice(0, 100) };
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
    const a = validateEksClusterArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);

    const clusterRole = new Role(`${name}-cluster`, { description: `EKS ${name} control plane`, assumeRolePolicy: servicePrincipalRole("eks.amazonaws.com") }, parent);
    new RolePolicyAttachment(`${name}-cluster`, { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" }, parent);
    const key = new Key(`${name}-secrets`, { description: `EKS ${name}: Kubernetes secrets envelope encryption`, enableKeyRotation: true, deletionWindowInDays: 30 }, parent);
    // EKS writes control-plane logs to this exact name; creating it first sets the retention.
    const logGroup = new LogGroup(`${name}-logs`, { name: `/aws/eks/${a.clusterName}/cluster`, retentionInDays: a.logRetentionDays }, parent);

    const publicCidrs = args.publicAccessCidrs ?? [];
    const cluster = new Cluster(
      `${name}-cluster`,
      {
        name: a.clusterName,
        version: a.version,
        roleArn: clusterRole.arn,
        vpcConfig: { subnetIds: args.subnetIds, endpointPrivateAccess: true, endpointPublicAccess: publicCidrs.length > 0, publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined },
        encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...EKS_LOG_TYPES],
        // The identity that creates the cluster (the deploy role) administers it, so it can deploy workloads;
        // everyone else comes in through access entries.
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        upgradePolicy: { supportType: a.supportType },
      },
      childOptions(this, opts, { dependsOn: [logGroup] }),
    );

    (args.adminPrincipalArns ?? []).forEach((principalArn, i) => {
      const entry = new AccessEntry(`${name}-admin-${i}`, { clusterName: cluster.name, principalArn, type: "STANDARD" }, parent);
      new AccessPolicyAssociation(
        `${name}-admin-${i}`,
        { clusterName: cluster.name, principalArn, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
        childOptions(this, opts, { dependsOn: [entry] }),
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
          subnetIds: args.subnetIds,
          instanceTypes: [p.machineType],
          capacityType: p.spot ? "SPOT" : "ON_DEMAND",
          scalingConfig: { minSize: p.minNodes, maxSize: p.maxNodes, desiredSize: p.desiredNodes ?? p.minNodes },
          updateConfig: { maxUnavailable: 1 },
          labels: p.labels,
          taints: upperSnakeTaints(p.taints),
          launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
        },
        parent,
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
