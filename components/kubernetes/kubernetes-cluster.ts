import * as pulumi from "@pulumi/pulumi";
import type { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { CLOUDS, OffSchema, childOptions, validator, withStandardTags, type Cloud, type Tags } from "../core/shared";
import { privateSubnetIdList } from "../network/aws-network";
import { checkNetworkForCloud, type NetworkPerCloud } from "../network/network-for-cloud";
import { AksCluster } from "./aks-cluster";
import { EksCluster } from "./eks-cluster";
import { GkeCluster } from "./gke-cluster";
import type { KubernetesVersion, NodePoolSpec, Taint } from "./node-pools";

const TYPE = "meridian:kubernetes:KubernetesCluster";

/** Each cluster's per-cloud component, kept off the instance's fields: see `KubernetesCluster.cluster`. */
const perCloud = new OffSchema<KubernetesCluster, EksCluster | GkeCluster | AksCluster>();

/** Machine types per size class: 2, 4 and 8 vCPUs of each cloud's current general-purpose family. */
export const NODE_SIZES = {
  aws: { small: "m7g.large", medium: "m7g.xlarge", large: "m7g.2xlarge" },
  gcp: { small: "e2-standard-2", medium: "e2-standard-4", large: "n2-standard-8" },
  azure: { small: "Standard_D2ds_v5", medium: "Standard_D4ds_v5", large: "Standard_D8ds_v5" },
} as const;

/** A node size class: 2, 4 or 8 vCPUs (see `NODE_SIZES`). */
export const NodeSize = { Small: "small", Medium: "medium", Large: "large" } as const;
export type NodeSize = (typeof NodeSize)[keyof typeof NodeSize];

export interface PoolSpec {
  readonly name: string;
  readonly size: NodeSize;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly spot?: boolean;
  readonly labels?: Record<string, string>;
  readonly taints?: Taint[];
}

/** The cluster's network is the one of `awsNetwork`, `gcpNetwork` and `azureNetwork` that matches `cloud`. */
export interface KubernetesClusterArgs extends NetworkPerCloud {
  readonly cloud: Cloud;
  /** @default "1.33" */
  readonly version?: KubernetesVersion;
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
  /** GCP: the zones of the region the nodes run in (needed behind a `GcpLoadBalancer`). @default - the zones GKE picks */
  readonly zones?: string[];
  readonly tags?: Tags;
}

/**
 * One Kubernetes spec — version, node pools by size class, spot or not, private or not — for EKS, GKE or AKS.
 * The per-cloud components stay usable on their own for what the spec does not cover.
 */
export class KubernetesCluster extends pulumi.ComponentResource {
  public readonly cloud: Cloud;
  /**
   * The per-cloud component. A getter rather than a field: a component is not data another language can receive,
   * so it stays out of the multi-language schema (whose outputs are this class's fields).
   */
  public get cluster(): EksCluster | GkeCluster | AksCluster {
    return perCloud.get(this);
  }
  /** A Kubernetes provider for the cluster (a getter: it stays out of the multi-language schema; use `kubeconfig` there). */
  public get provider(): K8sProvider {
    return this.cluster.provider;
  }
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;

  constructor(name: string, args: KubernetesClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const check = validator(TYPE, name);
    check.oneOf("cloud", args.cloud, CLOUDS);
    checkNetworkForCloud(check, args.cloud, args);
    (args.nodePools ?? []).forEach((p, i) => check.oneOf(`nodePools[${i}].size`, p.size, Object.values(NodeSize)));
    if (args.cloud !== "aws" && args.region === undefined) check.fail("region", args.region, `the ${args.cloud === "gcp" ? "GCP region" : "Azure location"}`);
    if (args.cloud === "gcp" && args.project === undefined) check.fail("project", args.project, "the GCP project id");
    if (args.cloud !== "gcp" && args.zones !== undefined) check.fail("zones", args.zones, `unset (cloud is ${args.cloud}: zones are a GKE setting)`);
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
    const cluster =
      args.cloud === "aws"
        ? new EksCluster(name, { subnetIds: privateSubnetIdList(args.awsNetwork!), version: args.version, nodePools: pools, publicAccessCidrs: cidrs, adminPrincipalArns: args.adminPrincipalArns }, child)
        : args.cloud === "gcp"
          ? new GkeCluster(
              name,
              { network: args.gcpNetwork!, project: args.project!, region: args.region!, zones: args.zones, nodePools: pools, authorizedNetworks: cidrs.map((cidr, i) => ({ name: `allowed-${i}`, cidr })) },
              child,
            )
          : new AksCluster(name, { network: args.azureNetwork!, location: args.region!, version: args.version, nodePools: pools, privateCluster: cidrs.length === 0, authorizedIpRanges: cidrs }, child);
    perCloud.set(this, cluster);
    this.kubeconfig = this.cluster.kubeconfig;
    this.clusterName = this.cluster.clusterName;
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }
}
