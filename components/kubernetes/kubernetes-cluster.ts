import * as pulumi from "@pulumi/pulumi";
import type { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import {
  CLOUDS,
  OffSchema,
  checkArgs,
  checkComponentName,
  childOptions,
  isPlainObject,
  resolveProtect,
  validator,
  withStandardTags,
  type Cloud,
  type Tags,
  type Validator,
} from "../core/shared";
import { reportAs } from "../core/internal/checks";
import { checkNetworkForCloud, type NetworkPerCloud } from "../network/network-for-cloud";
import { AksCluster, validateAksClusterArgs, type AksClusterArgs, type AksNetworkRef } from "./aks-cluster";
import { EksCluster, validateEksClusterArgs, type EksClusterArgs } from "./eks-cluster";
import { GkeCluster, validateGkeClusterArgs, type GkeApiEndpoint, type GkeClusterArgs } from "./gke-cluster";
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
  /** @default "1.33" on EKS and AKS; on GKE the release channel's default */
  readonly version?: KubernetesVersion;
  readonly nodePools: PoolSpec[];
  /**
   * CIDRs that may reach the API server. Empty: private only (EKS private endpoint, AKS private cluster, GKE
   * without authorized networks beyond the VPC). @default []
   */
  readonly apiAllowedCidrs?: string[];
  /** AWS only: IAM principals given cluster-admin through access entries (besides the identity that creates it). */
  readonly adminPrincipalArns?: string[];
  /** GCP only: the project. */
  readonly project?: string;
  /** GCP: the region; Azure: the location (required on both; AWS takes its region from the provider). */
  readonly region?: string;
  /** GCP only: the zones of the region the nodes run in (needed behind a `GcpLoadBalancer`). @default - the zones GKE picks */
  readonly zones?: string[];
  /** GCP only: the endpoint the kubeconfig uses (`GkeCluster.apiEndpoint`: `"private"` for a deployer in a connected network). @default "public" */
  readonly apiEndpoint?: GkeApiEndpoint;
  /**
   * Protect the cluster's stateful children (the cluster itself, its keys and logs, GKE's node pools) from any
   * Pulumi delete, and turn on the cloud's own deletion protection where it has one. The same as the component's
   * `protect` resource option; give either (or both, agreeing). @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** The fields only some clouds take: setting one for another cloud is refused, not ignored. */
const CLOUD_ONLY_FIELDS: ReadonlyArray<{ field: "adminPrincipalArns" | "apiEndpoint" | "project" | "region" | "zones"; clouds: readonly Cloud[]; what: string; required: boolean }> = [
  { field: "apiEndpoint", clouds: ["gcp"], what: "a GKE setting (EKS's endpoint is private unless apiAllowedCidrs opens a public one)", required: false },
  { field: "adminPrincipalArns", clouds: ["aws"], what: "an EKS setting (access entries)", required: false },
  { field: "project", clouds: ["gcp"], what: "a GKE setting", required: true },
  { field: "region", clouds: ["gcp", "azure"], what: "the GCP region or the Azure location (AWS takes the provider's region)", required: true },
  { field: "zones", clouds: ["gcp"], what: "a GKE setting", required: false },
];

function checkCloudFields(check: Validator, cloud: Cloud, args: KubernetesClusterArgs): void {
  for (const { field, clouds, what, required } of CLOUD_ONLY_FIELDS) {
    const isSet = args[field] !== undefined;
    if (isSet && !clouds.includes(cloud)) check.fail(field, args[field], `unset (cloud is ${cloud}: ${field} is ${what})`);
    if (!isSet && required && clouds.includes(cloud)) check.fail(field, undefined, cloud === "gcp" ? (field === "project" ? "the GCP project id" : "the GCP region") : "the Azure location");
  }
}

/**
 * The per-cloud component's field for a facade field, so a refusal names what the user wrote: `network` is
 * `awsNetwork` (or the cloud's), `location` is `region`, the API ranges are `apiAllowedCidrs`, a pool's machine type
 * comes from its `size`.
 */
function facadeField(cloud: Cloud, field: string): string {
  const networkField = { aws: "awsNetwork", gcp: "gcpNetwork", azure: "azureNetwork" }[cloud];
  const rules: Array<[RegExp, string]> = [
    [/^network(?=$|[.[])/, networkField],
    [/^location$/, "region"],
    [/^publicAccessCidrs/, "apiAllowedCidrs"],
    [/^authorizedIpRanges/, "apiAllowedCidrs"],
    [/^authorizedNetworks(\[\d+\])?(\.cidr)?$/, "apiAllowedCidrs$1"],
    [/^(nodePools\[\d+\])\.machineType$/, "$1.size"],
  ];
  for (const [re, to] of rules) if (re.test(field)) return field.replace(re, to);
  return field;
}

/**
 * One Kubernetes spec — version, node pools by size class, spot or not, private or not — for EKS, GKE or AKS.
 * The per-cloud components stay usable on their own for what the spec does not cover. Every argument, the
 * per-cloud component's included, is checked before anything is registered; a refusal names the field as it is
 * written here.
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
    const check: Validator = validator(TYPE, name);
    checkArgs(check, args);
    checkComponentName(check, name);
    check.requiredOneOf("cloud", args.cloud, CLOUDS);
    const cloud = args.cloud;
    const protect = resolveProtect(check, opts, args.protect);
    checkNetworkForCloud(check, cloud, args);
    checkCloudFields(check, cloud, args);
    const sizes = NODE_SIZES[cloud];
    const pools: NodePoolSpec[] = check.requiredList("nodePools", args.nodePools, "node pools { name, size, minNodes, maxNodes }", { min: 1 }).map((p, i) => {
      if (!isPlainObject(p)) check.fail(`nodePools[${i}]`, p, "a node pool { name, size, minNodes, maxNodes }");
      return { name: p.name, machineType: check.lookup(`nodePools[${i}].size`, p.size, sizes), minNodes: p.minNodes, maxNodes: p.maxNodes, spot: p.spot, labels: p.labels, taints: p.taints };
    });
    const cidrs = [...check.list("apiAllowedCidrs", args.apiAllowedCidrs, "IPv4 CIDR blocks")];
    const common = { version: args.version, nodePools: pools, protect };
    const perCloudArgs =
      cloud === "aws"
        ? { cloud, args: { ...common, network: args.awsNetwork!, publicAccessCidrs: cidrs, adminPrincipalArns: args.adminPrincipalArns } satisfies EksClusterArgs }
        : cloud === "gcp"
          ? {
              cloud,
              args: {
                ...common,
                network: args.gcpNetwork!,
                project: args.project!,
                region: args.region!,
                zones: args.zones,
                apiEndpoint: args.apiEndpoint,
                authorizedNetworks: cidrs.map((cidr, i) => ({ name: `allowed-${i}`, cidr })),
              } satisfies GkeClusterArgs,
            }
          : {
              cloud,
              // The AKS check refuses a network without its address plan (an AzureNetwork has it).
              args: { ...common, network: args.azureNetwork as AksNetworkRef, location: args.region!, privateCluster: cidrs.length === 0, authorizedIpRanges: cidrs } satisfies AksClusterArgs,
            };
    // The per-cloud component's own checks, run now (before anything is registered), in this component's words.
    reportAs(
      check,
      () => {
        if (perCloudArgs.cloud === "aws") validateEksClusterArgs(name, perCloudArgs.args);
        else if (perCloudArgs.cloud === "gcp") validateGkeClusterArgs(name, perCloudArgs.args);
        else validateAksClusterArgs(name, perCloudArgs.args);
      },
      (field) => facadeField(cloud, field),
    );
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.cloud = cloud;
    // The per-cloud component waits on what this one was told to wait on.
    const child = childOptions(this, opts);
    const cluster =
      perCloudArgs.cloud === "aws"
        ? new EksCluster(name, perCloudArgs.args, child)
        : perCloudArgs.cloud === "gcp"
          ? new GkeCluster(name, perCloudArgs.args, child)
          : new AksCluster(name, perCloudArgs.args, child);
    perCloud.set(this, cluster);
    this.kubeconfig = this.cluster.kubeconfig;
    this.clusterName = this.cluster.clusterName;
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }
}
