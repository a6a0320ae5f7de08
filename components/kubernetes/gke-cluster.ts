import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "@pulumi/gcp/container/cluster";
import { NodePool } from "@pulumi/gcp/container/nodePool";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { NetworkPeeringRoutesConfig } from "@pulumi/gcp/compute/networkPeeringRoutesConfig";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { IAMMember } from "@pulumi/gcp/projects/iammember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { RandomId } from "@pulumi/random/randomId";
import {
  GCP_PROJECT_PATTERN,
  MeridianValidationError,
  NAME_RULES,
  OffSchema,
  checkArgs,
  checkComponentName,
  checkGcpRegion,
  checkGcpZone,
  childOptions,
  derived,
  KEEP_ACCOUNT_ID, gcpServiceAccountId,
  hasOwn,
  isPlainObject,
  resolveProtect,
  statefulOptions,
  toGcpName,
  validator,
  withStandardTags,
  type Tags,
  type Validator,
} from "../core/shared";
import type { GcpAuthorizedNetwork, GcpNetworkRef } from "../network/gcp-network";
import { checkAuthorizedNetworks, checkGcpNetworkRef } from "../network/internal/refs";
import { firstOverlap, parseCidr, type Cidr } from "../network/internal/cidr";
import type { GcpInstanceGroupRef } from "../ingress/gcp-load-balancer";
import { GKE_VERSIONS, checkNodePools, execKubeconfig, gkeVersionsOf, upperSnakeTaints, type KubernetesVersion, type MachineTypeRule, type NodePoolSpec } from "./node-pools";

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
/** Which endpoint of the control plane a GKE cluster's kubeconfig uses. */
export const GkeApiEndpoint = { Public: "public", Private: "private" } as const;
export type GkeApiEndpoint = (typeof GkeApiEndpoint)[keyof typeof GkeApiEndpoint];

/** The GKE release channel: how soon the cluster takes new versions. */
export const GkeReleaseChannel = { Rapid: "RAPID", Regular: "REGULAR", Stable: "STABLE" } as const;
export type GkeReleaseChannel = (typeof GkeReleaseChannel)[keyof typeof GkeReleaseChannel];

/** GKE versions some release channel offers: derived from the one version table, `KUBERNETES_VERSIONS` (node-pools.ts). */
export { GKE_VERSIONS };

/** The shapes of a predefined GCE machine type: `<family>-<shape>-<vCPUs>`. */
export type GceShape = "standard" | "highmem" | "highcpu";

/**
 * The predefined GCE machine types GKE nodes run on: each family's shapes and the vCPU counts each shape comes in
 * (`n2-standard-8`; `n2-standard-6` does not exist). Source: Google Cloud, Compute Engine "Machine families
 * resource and comparison guide" and the general-purpose and compute-optimized families' pages
 * (cloud.google.com/compute/docs/machine-resource), checked 2026-11-30. A family or size released since needs an
 * entry here; custom machine types (`n2-custom-6-24576`) are not offered.
 */
export const GCE_MACHINE_TYPES: Readonly<Record<string, Readonly<Partial<Record<GceShape, readonly number[]>>>>> = Object.freeze({
  e2: { standard: [2, 4, 8, 16, 32], highmem: [2, 4, 8, 16], highcpu: [2, 4, 8, 16, 32] },
  n1: { standard: [1, 2, 4, 8, 16, 32, 64, 96], highmem: [2, 4, 8, 16, 32, 64, 96], highcpu: [2, 4, 8, 16, 32, 64, 96] },
  n2: { standard: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], highmem: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], highcpu: [2, 4, 8, 16, 32, 48, 64, 80, 96] },
  n2d: { standard: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224], highmem: [2, 4, 8, 16, 32, 48, 64, 80, 96], highcpu: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224] },
  n4: { standard: [2, 4, 8, 16, 32, 48, 64, 80], highmem: [2, 4, 8, 16, 32, 48, 64, 80], highcpu: [2, 4, 8, 16, 32, 48, 64, 80] },
  c2: { standard: [4, 8, 16, 30, 60] },
  c2d: { standard: [2, 4, 8, 16, 32, 56, 112], highmem: [2, 4, 8, 16, 32, 56, 112], highcpu: [2, 4, 8, 16, 32, 56, 112] },
  c3: { standard: [4, 8, 22, 44, 88, 176], highmem: [4, 8, 22, 44, 88, 176], highcpu: [4, 8, 22, 44, 88, 176] },
  c3d: { standard: [4, 8, 16, 30, 60, 90, 180, 360], highmem: [4, 8, 16, 30, 60, 90, 180, 360], highcpu: [4, 8, 16, 30, 60, 90, 180, 360] },
  c4: { standard: [2, 4, 8, 16, 24, 32, 48, 96, 144, 192, 288], highmem: [2, 4, 8, 16, 24, 32, 48, 96, 144, 192, 288], highcpu: [2, 4, 8, 16, 24, 32, 48, 96, 144, 192, 288] },
  c4a: { standard: [1, 2, 4, 8, 16, 32, 48, 64, 72], highmem: [1, 2, 4, 8, 16, 32, 48, 64, 72], highcpu: [1, 2, 4, 8, 16, 32, 48, 64, 72] },
  t2d: { standard: [1, 2, 4, 8, 16, 32, 48, 60] },
  t2a: { standard: [1, 2, 4, 8, 16, 32, 48] },
});

/** The shared-core E2 types GKE runs nodes on (e2-micro's 1 GB is below what a GKE node needs). */
export const GCE_SHARED_CORE_TYPES = ["e2-small", "e2-medium"] as const;

const GCE_TYPE = /^([a-z][a-z0-9]*)-(standard|highmem|highcpu)-(\d+)$/;

/**
 * The families whose types are taken by their shape alone, not sized here: accelerator (GPU) families and memory-,
 * storage- and HPC-optimized ones, whose type names carry the accelerator count (`a2-highgpu-1g`, `g2-standard-4`,
 * `m1-ultramem-40`). Source: the same guide, 2026-11-30.
 */
export const GCE_FAMILIES_BY_SHAPE = ["a2", "a3", "a4", "g2", "g4", "m1", "m2", "m3", "m4", "x4", "z3", "h3", "c4d", "n4d"] as const;
const GCE_SHAPED_TYPE = new RegExp(`^(${GCE_FAMILIES_BY_SHAPE.join("|")})-[a-z]+-\\d+[a-z]*$`);
/** Custom machine types of the families that offer them: `n2-custom-6-24576` (vCPUs, then MiB), `-ext` for extended memory. */
const GCE_CUSTOM_TYPE = /^((n1|n2|n2d|n4|e2)-)?custom-\d+-\d+(-ext)?$/;

/** True when `t` is a machine type `GCE_MACHINE_TYPES` lists, a shared-core type GKE takes, a custom type, or one of `GCE_FAMILIES_BY_SHAPE`. */
export function isGceMachineType(t: string): boolean {
  if ((GCE_SHARED_CORE_TYPES as readonly string[]).includes(t)) return true;
  if (GCE_SHAPED_TYPE.test(t) || GCE_CUSTOM_TYPE.test(t)) return true;
  const m = GCE_TYPE.exec(t);
  if (!m || !hasOwn(GCE_MACHINE_TYPES, m[1])) return false;
  const shapes = GCE_MACHINE_TYPES[m[1]!]!;
  return hasOwn(shapes, m[2]) && (shapes[m[2] as GceShape] ?? []).includes(Number(m[3]));
}

const GCE_MACHINE_TYPE: MachineTypeRule = {
  test: isGceMachineType,
  allowed: (value) => {
    const m = typeof value === "string" ? GCE_TYPE.exec(value) : null;
    const sizes = m && hasOwn(GCE_MACHINE_TYPES, m[1]) && hasOwn(GCE_MACHINE_TYPES[m[1]!]!, m[2]) ? GCE_MACHINE_TYPES[m[1]!]![m[2] as GceShape] : undefined;
    if (m && sizes) return `one of the ${m[1]}-${m[2]} sizes GCE has: ${m[1]}-${m[2]}-{${sizes.join(",")}} (GCE_MACHINE_TYPES)`;
    return `a GCE machine type <family>-<standard|highmem|highcpu>-<vCPUs> of the families ${Object.keys(GCE_MACHINE_TYPES).join(", ")}, such as "e2-standard-4"; ${GCE_SHARED_CORE_TYPES.join(" or ")}; a custom type ("n2-custom-6-24576"); or a type of ${GCE_FAMILIES_BY_SHAPE.join(", ")} ("g2-standard-4", "a2-highgpu-1g") (GCE_MACHINE_TYPES)`;
  },
};

/**
 * The most authorized networks a GKE control plane takes. Source: GKE docs, "Add authorized networks for control
 * plane access", limits (checked 2026-11-30).
 */
export const GKE_AUTHORIZED_NETWORKS_MAX = 50;

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
  /**
   * The Kubernetes minor version: the control plane's minimum version (the node pools follow it by auto-upgrade). It must be one
   * the release channel offers (`KUBERNETES_VERSIONS`); GKE then keeps the cluster on that channel's patches.
   * @default - the release channel's default version
   */
  readonly version?: KubernetesVersion;
  /** The control plane's /28, outside every range of the network. @default "172.16.0.0/28" */
  readonly masterCidr?: string;
  /**
   * The zones of the region the nodes run in (the cluster's node locations). Needed to put node pools behind a
   * load balancer (`instanceGroups()`), whose named ports are set per zone. @default - the zones GKE picks
   */
  readonly zones?: string[];
  /** CIDRs allowed to reach the control plane's endpoint. @default - none beyond the VPC */
  readonly authorizedNetworks?: GcpAuthorizedNetwork[];
  /**
   * The endpoint the kubeconfig (and the component's Kubernetes provider) use. `"private"`: the control plane's
   * private IP in `masterCidr`, for a deployer inside the VPC or in a network connected to it (a VPN, an
   * Interconnect). The control plane reaches such a network only through routes exported to its peering, so
   * `"private"` also exports the VPC's custom (VPN-learned) routes to the control plane's peering; the connected
   * network must route `masterCidr` back (a `CrossCloudVpn` advertises it with `advertisedRanges`) and its range must
   * be in `authorizedNetworks`. @default "public"
   */
  readonly apiEndpoint?: GkeApiEndpoint;
  /** Standard mode: the node pools (autoscaling per zone of the region). */
  readonly nodePools?: NodePoolSpec[];
  /** GKE's own guard against deleting the cluster; it cannot be off while the component is protected. @default true */
  readonly deletionProtection?: boolean;
  /**
   * Protect the stateful children — the cluster, its node pools, the secrets key ring, key and the key ring's name
   * suffix — from any Pulumi delete. The same as the component's `protect` resource option; give either (or both,
   * agreeing). @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateGkeClusterArgs(name: string, args: GkeClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // The cluster is auto-named from `${name}-cluster` (GKE: at most 40 characters); the node service account id is
  // made unique by gcpServiceAccountId, and the key ring name (63) is never the tighter limit.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.gkeClusterName, "-cluster", true)]);
  const protect = resolveProtect(check, opts, args.protect);
  check.bool("deletionProtection", args.deletionProtection);
  const deletionProtection = args.deletionProtection ?? true;
  if (protect && !deletionProtection) check.fail("deletionProtection", args.deletionProtection, "true or unset while the component is protected (protect: true): a protected cluster keeps GKE's own guard too");
  check.requiredPattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id");
  checkGcpRegion(check, "region", args.region);
  const mode = args.mode ?? "standard";
  check.oneOf("mode", mode, Object.values(GkeMode));
  const releaseChannel = args.releaseChannel ?? "REGULAR";
  check.oneOf("releaseChannel", releaseChannel, Object.values(GkeReleaseChannel));
  const version = args.version;
  if (version !== undefined) {
    check.oneOf("version", version, GKE_VERSIONS);
    const offered = gkeVersionsOf(releaseChannel);
    if (!offered.includes(version)) check.fail("version", version, `a version the ${releaseChannel} release channel offers: ${offered.map((v) => JSON.stringify(v)).join(", ")} (GkeCluster's releaseChannel picks the channel)`);
  }
  const masterCidr = args.masterCidr ?? "172.16.0.0/28";
  const master = typeof masterCidr === "string" ? parseCidr(masterCidr) : undefined;
  if (!master || master.prefix !== 28) check.fail("masterCidr", masterCidr, "a /28 block");
  checkGcpNetworkRef(check, "network", args.network, { secondaryRanges: true });
  // A regional cluster's nodes go on a subnet of its own region.
  if (typeof args.network.region === "string" && args.network.region !== args.region) {
    check.fail("network.region", args.network.region, `${JSON.stringify(args.region)}: the cluster's region (its nodes go on a subnet of the same region)`);
  }
  const plan = args.network.addressPlan;
  const clash = firstOverlap([
    { label: "masterCidr", cidr: master },
    ...Object.entries(plan).map(([k, v]) => ({ label: `network.${k}`, cidr: parseCidr(v) as Cidr })),
  ]);
  if (clash) check.fail("masterCidr", masterCidr, `a /28 outside the network's ranges (it overlaps ${clash[1]})`);
  const authorizedNetworks = checkAuthorizedNetworks(check, "authorizedNetworks", args.authorizedNetworks, {
    name: { pattern: /^\S(?:.{0,98}\S)?$/, allowed: "a display name of 1 to 100 characters" },
    max: GKE_AUTHORIZED_NETWORKS_MAX,
  });
  let pools: NodePoolSpec[] = [];
  if (mode === "standard") {
    // Each pool is auto-named from `${name}-${pool}` (GKE: at most 40 characters).
    pools = checkNodePools(check, args.nodePools, GCE_MACHINE_TYPE, "nodePools", { prefix: `${name}-`, added: 8, max: 40, what: "a GKE node pool name" });
  } else {
    const given = check.list("nodePools", args.nodePools, "node pools");
    if (given.length > 0) check.fail("nodePools", given.map((p) => (isPlainObject(p) ? p.name : p)), "empty in autopilot mode (Google manages the nodes)");
  }
  let zones: string[] | undefined;
  if (args.zones !== undefined) {
    zones = [...check.list("zones", args.zones, `zones of ${args.region}`, { min: 1 })];
    zones.forEach((z, i) => checkGcpZone(check, `zones[${i}]`, z, args.region));
    check.distinct("zones", zones);
    if (mode === "autopilot") check.fail("zones", args.zones, "unset in autopilot mode (Google places the nodes)");
  }
  const apiEndpoint = args.apiEndpoint ?? "public";
  check.oneOf("apiEndpoint", apiEndpoint, Object.values(GkeApiEndpoint));
  if (apiEndpoint === "private" && mode === "autopilot") check.fail("apiEndpoint", apiEndpoint, '"public" in autopilot mode (this component gives autopilot clusters no peering to export routes to)');
  return { mode, releaseChannel, version, masterCidr, pools, zones, authorizedNetworks, protect, deletionProtection, apiEndpoint };
}

/**
 * A regional GKE cluster: the default node pool removed, a release channel, Workload Identity, private nodes
 * behind a master CIDR and authorized networks, VPC-native on a `GcpNetwork`'s secondary ranges, Dataplane V2,
 * shielded nodes, secrets encrypted with a Cloud KMS key, deletion protection, and node pools with autoscaling,
 * spot, shielded instances and the GKE metadata server under a dedicated least-privilege service account.
 *
 * The secrets key lives in a key ring named `<name>-gke-<suffix>`, where the suffix is 4 random hex digits
 * generated once (a `RandomId`, kept in the stack's state). Cloud KMS never deletes a key ring (destroying the stack
 * only forgets it), so a fixed name would collide when a destroyed stack is brought up again; the suffix gives the
 * new stack a new ring. The suffix, the ring and the key are stateful: with `protect` they are protected, since a
 * new suffix would mean a new ring and a new key for the cluster's secrets. A ring created before the suffix existed
 * (named `<name>-gke`) keeps its name: the ring ignores changes to its name, which Cloud KMS cannot change anyway.
 */
export class GkeCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  /** The endpoint the kubeconfig uses: the public one, or the private IP with `apiEndpoint: "private"`. */
  public readonly endpoint: pulumi.Output<string>;
  /** The control plane's /28 (what a connected network must route back to reach the private endpoint). */
  public readonly masterCidr: string;
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
    const a = validateGkeClusterArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const stateful = (extra: pulumi.CustomResourceOptions = {}) => statefulOptions(this, opts, a.protect, extra);
    zonesOf.set(this, a.zones);
    names.set(this, name);
    const parent = childOptions(this, opts);
    const project = args.project;

    const nodeSa = new Account(`${name}-nodes`, { project, accountId: gcpServiceAccountId("gke", name), displayName: `GKE ${name} nodes` }, { ...parent, ...KEEP_ACCOUNT_ID });
    for (const role of GKE_NODE_ROLES) {
      new IAMMember(`${name}-nodes-${role.split("/")[1]!.replace(/\./g, "-")}`, { project, role, member: nodeSa.member }, parent);
    }

    // Application-layer secrets encryption: the GKE service agent may use the key, and only that.
    // A key ring is never deleted: a random suffix, generated once, lets a destroyed stack be created again.
    // `ignoreChanges: ["name"]` keeps a key ring created before the suffix existed (named `<name>-gke`) under its
    // own name: a name change would replace the ring and, with it, the key the cluster's secrets are encrypted with.
    const suffix = new RandomId(`${name}-keys`, { byteLength: 2 }, stateful());
    const ring = new KeyRing(
      `${name}-keys`,
      { project, location: args.region, name: pulumi.interpolate`${toGcpName(`${name}-gke`)}-${suffix.hex}` },
      stateful({ ignoreChanges: ["name"] }),
    );
    const key = new CryptoKey(`${name}-secrets`, { keyRing: ring.id, name: "gke-secrets", rotationPeriod: "7776000s", purpose: "ENCRYPT_DECRYPT" }, stateful());
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
        // The version given (one the channel offers): GKE keeps the control plane at it or above, on the channel's patches.
        ...(a.version === undefined ? {} : { minMasterVersion: a.version }),
        ipAllocationPolicy: { clusterSecondaryRangeName: args.network.podsRangeName, servicesSecondaryRangeName: args.network.servicesRangeName },
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: a.masterCidr },
        masterAuthorizedNetworksConfig: { cidrBlocks: a.authorizedNetworks.map((n) => ({ displayName: n.name, cidrBlock: n.cidr })) },
        nodeLocations: a.zones,
        datapathProvider: "ADVANCED_DATAPATH",
        databaseEncryption: { state: "ENCRYPTED", keyName: key.id },
        deletionProtection: a.deletionProtection,
      },
      stateful({ dependsOn: [keyGrant] }),
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
          // No `version` here: with auto-upgrade on, a pinned node version fights the upgrades (the provider's own
          // warning) and would read as a downgrade once GKE has moved the pool on. The pools follow the control plane.
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
        stateful(),
      );
      nodePools.push({ pool: p.name, nodePool });
    }
    nodePoolsOf.set(this, nodePools);

    // A deployer in a connected network reaches the private endpoint only if the control plane can answer it: the
    // VPC's VPN-learned routes go into the control plane's peering (as the network does for Cloud SQL's).
    let server: pulumi.Output<string> = cluster.endpoint;
    if (a.apiEndpoint === "private") {
      const networkName = pulumi.output(args.network.networkId).apply((id) => id.split("/").pop() ?? id);
      new NetworkPeeringRoutesConfig(
        `${name}-control-plane-routes`,
        { project, network: networkName, peering: cluster.privateClusterConfig.apply((c) => c?.peeringName ?? ""), exportCustomRoutes: true, importCustomRoutes: false },
        parent,
      );
      server = cluster.privateClusterConfig.apply((c) => c?.privateEndpoint ?? "");
    }
    this.masterCidr = a.masterCidr;
    this.clusterName = cluster.name;
    this.endpoint = server;
    this.workloadPool = pulumi.output(workloadPool);
    this.nodeServiceAccountEmail = nodeSa.email;
    this.kubeconfig = pulumi.secret(
      pulumi.all([cluster.name, server, cluster.masterAuth]).apply(([n, endpoint, auth]) =>
        execKubeconfig({ name: n, server: `https://${endpoint}`, caData: auth?.clusterCaCertificate ?? "", exec: { command: "gke-gcloud-auth-plugin", args: [] } }),
      ),
    );
    providers.set(this, new K8sProvider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, parent));
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, masterCidr: this.masterCidr, kubeconfig: this.kubeconfig, workloadPool: this.workloadPool });
  }
}
