/**
 * The parts of the RTO that are not DNS: how long the surviving cloud's app takes to scale to the strategy's failover
 * size. Computed from the stack's resources (the autoscaler, the Deployment's requests, the node pools), not exported
 * by one component: the number joins the app (its replicas and requests) to the cluster it runs on (its node pools),
 * and the target size is the strategy's, a policy setting (`failoverReplicas`). Pure functions, read by
 * `drSummary` (the rule and the plan report) and by `meridian runbook`.
 *
 * Every figure is a documented fact or a stated assumption (checked 2026-11-30); none is measured against a live
 * cluster. A drill is the way to replace an assumption with a measurement.
 */

/**
 * The times a scale-up is made of, seconds.
 * - podStartSeconds 60, assumption: scheduling, an image pull (the image is usually cached on a node that already runs
 *   the app; a cold pull of a few hundred MB takes tens of seconds) and the app passing its readiness probe (every 5 s,
 *   `KubernetesApp`), including the operator patching the autoscaler's minimum. Not measured.
 * - clusterAutoscalerScanSeconds 10: the cluster autoscaler looks for unschedulable pods every 10 s (its
 *   `--scan-interval` default, kubernetes/autoscaler cluster-autoscaler FAQ, "What are the parameters to CA?").
 * - nodeProvisionSeconds 120, assumption: a new VM booting and its node registering Ready. Neither EKS nor GKE
 *   publishes a figure; their docs say "minutes". Not measured.
 * - cloudRunInstanceStartSeconds 30, assumption: Cloud Run starts instances on demand as requests arrive (Cloud Run
 *   docs, "About instance autoscaling"); 30 s covers a cold start and its startup probe. Not measured.
 * - systemReserveFraction 0.25, assumption: the share of each node's CPU and memory not available to the app (the
 *   kubelet and OS reservations — GKE documents about 6 % of the first core and 25 % of the first 4 GiB of memory,
 *   "Standard cluster architecture", node allocatable — plus the DaemonSets each cloud runs on every node).
 */
export const SCALE_UP_TIMES = {
  podStartSeconds: 60,
  clusterAutoscalerScanSeconds: 10,
  nodeProvisionSeconds: 120,
  cloudRunInstanceStartSeconds: 30,
  systemReserveFraction: 0.25,
} as const;

/**
 * vCPUs and GiB of memory of the machine types the clusters use (components/kubernetes NODE_SIZES). Sources: Amazon EC2
 * instance types, M7g (m7g.large 2/8, xlarge 4/16, 2xlarge 8/32); Compute Engine general-purpose machine families
 * (e2-standard-2 2/8, e2-standard-4 4/16, e2-standard-8 8/32, n2-standard-4 4/16, n2-standard-8 8/32); Azure Ddsv5
 * sizes (D2ds 2/8, D4ds 4/16, D8ds 8/32). Checked 2026-11-30.
 */
export const MACHINE_SHAPES: Readonly<Record<string, { readonly vcpus: number; readonly memoryGiB: number }>> = {
  "m7g.large": { vcpus: 2, memoryGiB: 8 },
  "m7g.xlarge": { vcpus: 4, memoryGiB: 16 },
  "m7g.2xlarge": { vcpus: 8, memoryGiB: 32 },
  "c6i.xlarge": { vcpus: 4, memoryGiB: 8 },
  "e2-standard-2": { vcpus: 2, memoryGiB: 8 },
  "e2-standard-4": { vcpus: 4, memoryGiB: 16 },
  "e2-standard-8": { vcpus: 8, memoryGiB: 32 },
  "n2-standard-4": { vcpus: 4, memoryGiB: 16 },
  "n2-standard-8": { vcpus: 8, memoryGiB: 32 },
  Standard_D2ds_v5: { vcpus: 2, memoryGiB: 8 },
  Standard_D4ds_v5: { vcpus: 4, memoryGiB: 16 },
  Standard_D8ds_v5: { vcpus: 8, memoryGiB: 32 },
};

/** The failover size of the strategy's scenario 1 (`scale_gcp_cluster: min_replicas=10`). */
export const FAILOVER_REPLICAS = 10;

type Res = { readonly type: string; readonly name?: string; readonly props: Record<string, any>; readonly provider?: string | { readonly urn?: string } };

/** How one cloud's app reaches the failover size. */
export interface ScaleUpEstimate {
  readonly cloud: "aws" | "gcp" | "azure";
  /** The autoscaler's logical name in the plan, and the app's namespace and name (the Deployment's and the autoscaler's). */
  readonly resource: string;
  readonly namespace: string;
  readonly app: string;
  /** The autoscaler's configured minimum and maximum, and the failover size. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetReplicas: number;
  /** App pods one node holds (by the app's CPU and memory requests), or null when the machine type is unknown. */
  readonly podsPerNode: number | null;
  /** Nodes at the pools' minimum, and what the failover size needs. */
  readonly nodesAtMin: number;
  readonly nodesNeeded: number | null;
  /** Whether the cluster autoscaler must add nodes (the minimum nodes cannot hold the failover size). */
  readonly nodeScaleUp: boolean;
  /** Whether the failover size fits at all (the autoscaler's and the pools' maximum allow it). */
  readonly reachable: boolean;
  /** Why not, when it does not. */
  readonly problem: string | null;
  /** Seconds to the failover size: 0 when the minimum is already there; the pods' start, plus new nodes when needed. */
  readonly seconds: number;
}

/** The serverless tier on the cloud: Cloud Run scales per request. */
export interface ServerlessScaleUp {
  readonly cloud: "aws" | "gcp" | "azure";
  readonly resource: string;
  readonly minInstances: number;
  readonly seconds: number;
}

/** The per-cloud cluster component in a resource's provider URN: the Kubernetes provider a cluster component made. */
export function kubernetesCloud(r: Res): "aws" | "gcp" | "azure" | null {
  const urn = typeof r.provider === "string" ? r.provider : (r.provider?.urn ?? "");
  if (urn.includes("meridian:kubernetes:EksCluster")) return "aws";
  if (urn.includes("meridian:kubernetes:GkeCluster")) return "gcp";
  if (urn.includes("meridian:kubernetes:AksCluster")) return "azure";
  return null;
}

function millicpu(q: unknown): number {
  const s = String(q ?? "");
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
function bytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(String(q ?? ""));
  return m ? Number(m[1]) * (m[2] ? (UNITS[m[2]] ?? NaN) : 1) : NaN;
}

interface Pool {
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** A cloud's node pools: EKS node groups (sizes are totals), GKE node pools (sizes are per zone of `nodeLocations`). */
function poolsOf(cloud: "aws" | "gcp" | "azure", resources: readonly Res[]): Pool[] {
  if (cloud === "aws") {
    return resources
      .filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")
      .map((r) => ({ machineType: String(r.props["instanceTypes"]?.[0] ?? ""), minNodes: Number(r.props["scalingConfig"]?.minSize ?? 0), maxNodes: Number(r.props["scalingConfig"]?.maxSize ?? 0) }));
  }
  if (cloud === "gcp") {
    return resources
      .filter((r) => r.type === "gcp:container/nodePool:NodePool")
      .map((r) => {
        const zones = Array.isArray(r.props["nodeLocations"]) && r.props["nodeLocations"].length > 0 ? r.props["nodeLocations"].length : 1;
        const a = r.props["autoscaling"] ?? {};
        const min = Number(a.minNodeCount ?? a.totalMinNodeCount ?? r.props["nodeCount"] ?? 0);
        const max = Number(a.maxNodeCount ?? a.totalMaxNodeCount ?? r.props["nodeCount"] ?? 0);
        const perZone = a.totalMinNodeCount === undefined;
        return { machineType: String(r.props["nodeConfig"]?.machineType ?? ""), minNodes: perZone ? min * zones : min, maxNodes: perZone ? max * zones : max };
      });
  }
  return [];
}

/**
 * For each app an autoscaler scales (on a cluster made by a Meridian cluster component), how long it takes to reach
 * `targetReplicas` from its configured minimum. The app's pods need `requests` each; a node holds what its machine
 * has less `systemReserveFraction`. When the pools at their minimum hold the failover size, the scale-up is the pods'
 * start; when they do not, the cluster autoscaler's scan and new nodes come first. A minimum already at the failover
 * size needs nothing (0 s).
 */
export function appScaleUps(resources: readonly Res[], targetReplicas: number = FAILOVER_REPLICAS, t: typeof SCALE_UP_TIMES = SCALE_UP_TIMES): ScaleUpEstimate[] {
  const out: ScaleUpEstimate[] = [];
  for (const hpa of resources.filter((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) {
    const cloud = kubernetesCloud(hpa);
    if (cloud === null) continue;
    const namespace = String(hpa.props["metadata"]?.namespace ?? "default");
    const target = hpa.props["spec"]?.scaleTargetRef?.name;
    const deployment = resources.find(
      (r) => r.type === "kubernetes:apps/v1:Deployment" && kubernetesCloud(r) === cloud && r.props["metadata"]?.name === target && String(r.props["metadata"]?.namespace ?? "default") === namespace,
    );
    const containers: Array<Record<string, any>> = deployment?.props["spec"]?.template?.spec?.containers ?? [];
    const cpu = containers.reduce((s, c) => s + millicpu(c["resources"]?.requests?.cpu ?? 0), 0);
    const memory = containers.reduce((s, c) => s + (bytes(c["resources"]?.requests?.memory ?? "0") || 0), 0);
    const minReplicas = Number(hpa.props["spec"]?.minReplicas ?? 1);
    const maxReplicas = Number(hpa.props["spec"]?.maxReplicas ?? minReplicas);
    const pools = poolsOf(cloud, resources);
    const nodesAtMin = pools.reduce((s, p) => s + p.minNodes, 0);
    // The pods one node holds, by the smallest pool (a pod may land on any); null when a machine is unknown.
    const perNode = pools.map((p) => {
      const shape = MACHINE_SHAPES[p.machineType];
      if (!shape || !(cpu > 0) || !(memory > 0)) return null;
      const free = 1 - t.systemReserveFraction;
      return Math.min(Math.floor((shape.vcpus * 1000 * free) / cpu), Math.floor((shape.memoryGiB * 1024 ** 3 * free) / memory));
    });
    const podsPerNode = perNode.length > 0 && perNode.every((n): n is number => n !== null) ? Math.min(...perNode) : null;
    const nodesNeeded = podsPerNode === null || podsPerNode === 0 ? null : Math.ceil(targetReplicas / podsPerNode);
    const maxNodes = pools.reduce((s, p) => s + p.maxNodes, 0);
    let problem: string | null = null;
    if (maxReplicas < targetReplicas) problem = `its autoscaler allows at most ${maxReplicas} replicas`;
    else if (podsPerNode === 0) problem = "one pod's requests do not fit a node";
    else if (nodesNeeded !== null && nodesNeeded > maxNodes) problem = `${targetReplicas} pods need ${nodesNeeded} nodes and the pools allow at most ${maxNodes}`;
    const nodeScaleUp = nodesNeeded === null ? false : nodesNeeded > nodesAtMin;
    const seconds = minReplicas >= targetReplicas ? 0 : t.podStartSeconds + (nodeScaleUp ? t.clusterAutoscalerScanSeconds + t.nodeProvisionSeconds : 0);
    out.push({
      cloud,
      resource: hpa.name ?? String(hpa.props["metadata"]?.name ?? ""),
      namespace,
      app: String(target ?? hpa.props["metadata"]?.name ?? ""),
      minReplicas,
      maxReplicas,
      targetReplicas,
      podsPerNode,
      nodesAtMin,
      nodesNeeded,
      nodeScaleUp,
      reachable: problem === null,
      problem,
      seconds,
    });
  }
  return out;
}

/** The Cloud Run services: each starts instances on demand (`cloudRunInstanceStartSeconds`). */
export function serverlessScaleUps(resources: readonly Res[], t: typeof SCALE_UP_TIMES = SCALE_UP_TIMES): ServerlessScaleUp[] {
  return resources
    .filter((r) => r.type === "gcp:cloudrunv2/service:Service")
    .map((r) => ({ cloud: "gcp" as const, resource: r.name ?? "", minInstances: Number(r.props["template"]?.scaling?.minInstanceCount ?? 0), seconds: t.cloudRunInstanceStartSeconds }));
}
