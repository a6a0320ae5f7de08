import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "@pulumi/gcp/container/cluster";
import { NodePool } from "@pulumi/gcp/container/nodePool";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { IAMMember } from "@pulumi/gcp/projects/iammember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { MeridianValidationError, OffSchema, childOptions, gcpServiceAccountId, toGcpName, validator, withStandardTags, type Tags } from "../core/shared";
import { checkGcpAddressPlan, type GcpAuthorizedNetwork, type GcpNetworkRef } from "../network/gcp-network";
import { firstOverlap, parseCidr, type Cidr } from "../network/internal/cidr";
import type { GcpInstanceGroupRef } from "../ingress/gcp-load-balancer";
import { checkNodePools, execKubeconfig, upperSnakeTaints, type NodePoolSpec } from "./node-pools";

const TYPE = "meridian:kubernetes:GkeCluster";

const providers = new OffSchema<GkeCluster, K8sProvider>();
const nodePoolsOf = new OffSchema<GkeCluster, Array<{ pool: string; nodePool: NodePool }>>();
const zonesOf = new OffSchema<GkeCluster, string[] | undefined>();
const names = new OffSchema<GkeCluster, string>();

/** The roles a node service account needs, and no more (GKE docs, "Harden your cluster — least-privilege node service account", checked 2026-11-22). */
export const GKE_NODE_ROLES = ["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/artifactregistry.reader"] as const;

/** Standard (node pools) or Autopilot (Google manages the nodes). */
export const GkeMode = { Standard: "standard", Autopilot: "autopilot" } as const;
export type GkeMode = (typeof GkeMode)[keyof typeof GkeMode];

/** The GKE release channel: how soon the cluster takes new versions. */
export const GkeReleaseChannel = { Rapid: "RAPID", Regular: "REGULAR", Stable: "STABLE" } as const;
export type GkeReleaseChannel = (typeof GkeReleaseChannel)[keyof typeof GkeReleaseChannel];

export interface GkeClusterArgs {
  readonly network: GcpNetworkRef;
  /** The project id (the node service account's roles are granted in it). */
  readonly project: string;
  /** A regional cluster's region, e.g. `us-central1`. */
  readonly region: string;
  /** Standard (node pools) or Autopilot (Google manages nodes; `nodePools` must be empty). @default "standard" */
  readonly mode?: GkeMode;
  /** @default "REGULAR" */
  readonly releaseChannel?: GkeReleaseChannel;
  /** The control plane's /28, outside every range of the network. @default "172.16.0.0/28" */
  readonly masterCidr?: string;
  /**
   * The zones of the region the nodes run in (the cluster's node locations). Needed to put node pools behind a
   * load balancer (`instanceGroups()`), whose named ports are set per zone. @default - the zones GKE picks
   */
  readonly zones?: string[];
  /** CIDRs allowed to reach the control plane's endpoint. @default - none beyond the VPC */
  readonly authorizedNetworks?: GcpAuthorizedNetwork[];
  /** Standard mode: the node pools (autoscaling per zone of the region). */
  readonly nodePools?: NodePoolSpec[];
  /** @default true */
  readonly deletionProtection?: boolean;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateGkeClusterArgs(name: string, args: GkeClusterArgs) {
  const check = validator(TYPE, name);
  check.requiredPattern("project", args.project, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a GCP project id");
  check.requiredPattern("region", args.region, /^[a-z]+-[a-z]+\d+$/, 'a GCP region such as "us-central1"');
  const mode = args.mode ?? "standard";
  check.oneOf("mode", mode, Object.values(GkeMode));
  const releaseChannel = args.releaseChannel ?? "REGULAR";
  check.oneOf("releaseChannel", releaseChannel, Object.values(GkeReleaseChannel));
  const masterCidr = args.masterCidr ?? "172.16.0.0/28";
  const master = parseCidr(masterCidr);
  if (!master || master.prefix !== 28) check.fail("masterCidr", masterCidr, "a /28 block");
  checkGcpAddressPlan(check, "network.addressPlan", args.network?.addressPlan);
  const plan = args.network.addressPlan;
  const clash = firstOverlap([
    { label: "masterCidr", cidr: master! },
    ...Object.entries(plan).map(([k, v]) => ({ label: `network.${k}`, cidr: parseCidr(v) as Cidr })),
  ]);
  if (clash) check.fail("masterCidr", masterCidr, `a /28 outside the network's ranges (it overlaps ${clash[1]})`);
  (args.authorizedNetworks ?? []).forEach((n, i) => {
    const c = parseCidr(n.cidr);
    if (!c || c.prefix === 0) check.fail(`authorizedNetworks[${i}].cidr`, n.cidr, "an IPv4 CIDR block narrower than 0.0.0.0/0");
  });
  const pools = mode === "standard" ? checkNodePools(check, args.nodePools) : [];
  if (args.zones !== undefined) {
    if (!Array.isArray(args.zones) || args.zones.length === 0) check.fail("zones", args.zones, `a list of zones of ${args.region}`);
    args.zones.forEach((z, i) => {
      if (typeof z !== "string" || !z.startsWith(`${args.region}-`) || !/^[a-z]+-[a-z]+\d+-[a-z]$/.test(z)) check.fail(`zones[${i}]`, z, `a zone of ${args.region}, such as "${args.region}-a"`);
    });
    if (new Set(args.zones).size !== args.zones.length) check.fail("zones", args.zones, "distinct zones");
    if (mode === "autopilot") check.fail("zones", args.zones, "unset in autopilot mode (Google places the nodes)");
  }
  if (mode === "autopilot" && (args.nodePools?.length ?? 0) > 0) check.fail("nodePools", args.nodePools!.map((p) => p.name), "empty in autopilot mode (Google manages the nodes)");
  return { mode, releaseChannel, masterCidr, pools, zones: args.zones };
}

/**
 * A regional GKE cluster: the default node pool removed, a release channel, Workload Identity, private nodes
 * behind a master CIDR and authorized networks, VPC-native on a `GcpNetwork`'s secondary ranges, Dataplane V2,
 * shielded nodes, secrets encrypted with a Cloud KMS key, deletion protection, and node pools with autoscaling,
 * spot, shielded instances and the GKE metadata server under a dedicated least-privilege service account.
 */
export class GkeCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** A kubeconfig that authenticates with gke-gcloud-auth-plugin (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster (a getter: it stays out of the multi-language schema; use `kubeconfig` there). */
  public get provider(): K8sProvider {
    return providers.get(this);
  }
  public readonly workloadPool: pulumi.Output<string>;
  public readonly nodeServiceAccountEmail: pulumi.Output<string>;

  /**
   * Each node pool's instance group in each zone, keyed by pool and zone: the backends `GcpLoadBalancer` sends a
   * NodePort route to. Needs `zones`. (A method: it stays out of the multi-language schema.)
   */
  public instanceGroups(): GcpInstanceGroupRef[] {
    const zones = zonesOf.get(this);
    if (zones === undefined) {
      throw new MeridianValidationError({ component: TYPE, name: names.get(this), field: "zones", value: undefined, allowed: "the zones of the region, to put the node pools behind a load balancer" });
    }
    return nodePoolsOf.get(this).flatMap(({ pool, nodePool }) =>
      zones.map((zone) => ({
        key: `${pool}-${zone.split("-").pop()}`,
        zone,
        // Under mocks that echo inputs the URLs are absent: nothing here may assume the cloud computed them.
        group: nodePool.managedInstanceGroupUrls.apply((urls) => (urls ?? []).find((u) => u.includes(`/zones/${zone}/`)) ?? ""),
      })),
    );
  }

  constructor(name: string, args: GkeClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateGkeClusterArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    zonesOf.set(this, a.zones);
    names.set(this, name);
    const parent = childOptions(this, opts);
    const project = args.project;

    const nodeSa = new Account(`${name}-nodes`, { project, accountId: gcpServiceAccountId("gke", name), displayName: `GKE ${name} nodes` }, parent);
    for (const role of GKE_NODE_ROLES) {
      new IAMMember(`${name}-nodes-${role.split("/")[1]!.replace(/\./g, "-")}`, { project, role, member: nodeSa.member }, parent);
    }

    // Application-layer secrets encryption: the GKE service agent may use the key, and only that.
    const ring = new KeyRing(`${name}-keys`, { project, location: args.region, name: toGcpName(`${name}-gke`) }, parent);
    const key = new CryptoKey(`${name}-secrets`, { keyRing: ring.id, name: "gke-secrets", rotationPeriod: "7776000s", purpose: "ENCRYPT_DECRYPT" }, parent);
    const projectNumber = getProjectOutput({ projectId: project }, parent).number;
    const keyGrant = new CryptoKeyIAMMember(
      `${name}-secrets`,
      { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: pulumi.interpolate`serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com` },
      parent,
    );

    const workloadPool = `${project}.svc.id.goog`;
    const autopilot = a.mode === "autopilot";
    const cluster = new Cluster(
      `${name}-cluster`,
      {
        project,
        location: args.region,
        network: args.network.networkId,
        subnetwork: args.network.subnetworkId,
        ...(autopilot ? { enableAutopilot: true } : { removeDefaultNodePool: true, initialNodeCount: 1, enableShieldedNodes: true, workloadIdentityConfig: { workloadPool } }),
        releaseChannel: { channel: a.releaseChannel },
        ipAllocationPolicy: { clusterSecondaryRangeName: args.network.podsRangeName, servicesSecondaryRangeName: args.network.servicesRangeName },
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: a.masterCidr },
        masterAuthorizedNetworksConfig: { cidrBlocks: (args.authorizedNetworks ?? []).map((n) => ({ displayName: n.name, cidrBlock: n.cidr })) },
        nodeLocations: a.zones,
        datapathProvider: "ADVANCED_DATAPATH",
        databaseEncryption: { state: "ENCRYPTED", keyName: key.id },
        deletionProtection: args.deletionProtection ?? true,
      },
      childOptions(this, opts, { dependsOn: [keyGrant] }),
    );

    const nodePools: Array<{ pool: string; nodePool: NodePool }> = [];
    for (const p of a.pools) {
      const nodePool = new NodePool(
        `${name}-${p.name}`,
        {
          project,
          cluster: cluster.name,
          location: args.region,
          nodeLocations: a.zones,
          initialNodeCount: p.desiredNodes ?? p.minNodes,
          autoscaling: { minNodeCount: p.minNodes, maxNodeCount: p.maxNodes },
          management: { autoRepair: true, autoUpgrade: true },
          nodeConfig: {
            machineType: p.machineType,
            spot: p.spot ?? false,
            diskSizeGb: p.diskSizeGb ?? 50,
            diskType: "pd-balanced",
            serviceAccount: nodeSa.email,
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            labels: p.labels,
            taints: upperSnakeTaints(p.taints),
          },
        },
        parent,
      );
      nodePools.push({ pool: p.name, nodePool });
    }
    nodePoolsOf.set(this, nodePools);

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.workloadPool = pulumi.output(workloadPool);
    this.nodeServiceAccountEmail = nodeSa.email;
    this.kubeconfig = pulumi.secret(
      pulumi.all([cluster.name, cluster.endpoint, cluster.masterAuth]).apply(([n, endpoint, auth]) =>
        execKubeconfig({ name: n, server: `https://${endpoint}`, caData: auth?.clusterCaCertificate ?? "", exec: { command: "gke-gcloud-auth-plugin", args: [] } }),
      ),
    );
    providers.set(this, new K8sProvider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, parent));
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig, workloadPool: this.workloadPool });
  }
}
