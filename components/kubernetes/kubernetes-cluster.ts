import * as pulumi from "@pulumi/pulumi";
import type { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { childOptions, validator, withStandardTags, type Cloud, type Tags } from "../core";
import { AwsNetwork } from "../network/aws-network";
import { AzureNetwork } from "../network/azure-network";
import { GcpNetwork } from "../network/gcp-network";
import { AksCluster } from "./aks-cluster";
import { EksCluster } from "./eks-cluster";
import { GkeCluster } from "./gke-cluster";
import type { NodePoolSpec, Taint } from "./node-pools";

const TYPE = "meridian:kubernetes:KubernetesCluster";

/** Machine types per size class: 2, 4 and 8 vCPUs of each cloud's current general-purpose family. */
export const NODE_SIZES = {
  aws: { small: "m7g.large", medium: "m7g.xlarge", large: "m7g.2xlarge" },
  gcp: { small: "e2-standard-2", medium: "e2-standard-4", large: "n2-standard-8" },
  azure: { small: "Standard_D2ds_v5", medium: "Standard_D4ds_v5", large: "Standard_D8ds_v5" },
} as const;

export interface PoolSpec {
  readonly name: string;
  readonly size: "small" | "medium" | "large";
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly spot?: boolean;
  readonly labels?: Record<string, string>;
  readonly taints?: Taint[];
}

export interface KubernetesClusterArgs {
  readonly cloud: Cloud;
  readonly network: AwsNetwork | GcpNetwork | AzureNetwork;
  /** @default "1.33" */
  readonly version?: "1.31" | "1.32" | "1.33" | "1.34";
  readonly nodePools: PoolSpec[];
  /**
   * CIDRs that may reach the API server. Empty: private only (EKS private endpoint, AKS private cluster, GKE
   * without authorized networks beyond the VPC). @default []
   */
  readonly apiAllowedCidrs?: string[];
  /** AWS: IAM principals given cluster-admin through access entries (besides the identity that creates it). */
  readonly adminPrincipalArns?: string[];
  /** GCP: the project. */
  readonly project?: string;
  /** GCP: the region; Azure: the location. */
  readonly region?: string;
  readonly tags?: Tags;
}

/**
 * One Kubernetes spec — version, node pools by size class, spot or not, private or not — for EKS, GKE or AKS.
 * The per-cloud components stay usable on their own for what the spec does not cover.
 */
export class KubernetesCluster extends pulumi.ComponentResource {
  public readonly cloud: Cloud;
  public readonly cluster: EksCluster | GkeCluster | AksCluster;
  public readonly provider: K8sProvider;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;

  constructor(name: string, args: KubernetesClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const check = validator(TYPE, name);
    check.oneOf("cloud", args.cloud, ["aws", "gcp", "azure"]);
    const expected = { aws: AwsNetwork, gcp: GcpNetwork, azure: AzureNetwork }[args.cloud];
    if (!(args.network instanceof expected)) check.fail("network", args.network?.constructor?.name, `a ${expected.name} (cloud is ${args.cloud})`);
    (args.nodePools ?? []).forEach((p, i) => check.oneOf(`nodePools[${i}].size`, p.size, ["small", "medium", "large"]));
    if (args.cloud !== "aws" && args.region === undefined) check.fail("region", args.region, `the ${args.cloud === "gcp" ? "GCP region" : "Azure location"}`);
    if (args.cloud === "gcp" && args.project === undefined) check.fail("project", args.project, "the GCP project id");
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.cloud = args.cloud;
    const pools: NodePoolSpec[] = (args.nodePools ?? []).map((p) => ({
      name: p.name,
      machineType: NODE_SIZES[args.cloud][p.size],
      minNodes: p.minNodes,
      maxNodes: p.maxNodes,
      spot: p.spot,
      labels: p.labels,
      taints: p.taints,
    }));
    const cidrs = args.apiAllowedCidrs ?? [];
    // The per-cloud component waits on what this one was told to wait on.
    const child = childOptions(this, opts);
    switch (args.cloud) {
      case "aws": {
        const net = args.network as AwsNetwork;
        const subnetIds = net.addressPlan.privateSubnets.map((_, i) => net.privateSubnetIds.apply((ids) => ids[i] as string));
        this.cluster = new EksCluster(name, { subnetIds, version: args.version, nodePools: pools, publicAccessCidrs: cidrs, adminPrincipalArns: args.adminPrincipalArns }, child);
        break;
      }
      case "gcp":
        this.cluster = new GkeCluster(
          name,
          { network: args.network as GcpNetwork, project: args.project!, region: args.region!, nodePools: pools, authorizedNetworks: cidrs.map((cidr, i) => ({ name: `allowed-${i}`, cidr })) },
          child,
        );
        break;
      case "azure":
        this.cluster = new AksCluster(
          name,
          { network: args.network as AzureNetwork, location: args.region!, version: args.version, nodePools: pools, privateCluster: cidrs.length === 0, authorizedIpRanges: cidrs },
          child,
        );
        break;
    }
    this.provider = this.cluster.provider;
    this.kubeconfig = this.cluster.kubeconfig;
    this.clusterName = this.cluster.clusterName;
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }
}
