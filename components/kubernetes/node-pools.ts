/** Node pool specs and the checks shared by the three cluster components. */
import type { Validator } from "../core/shared";

/** The Kubernetes minor versions the cluster components offer. */
export const KubernetesVersion = { V1_31: "1.31", V1_32: "1.32", V1_33: "1.33", V1_34: "1.34" } as const;
export type KubernetesVersion = (typeof KubernetesVersion)[keyof typeof KubernetesVersion];

/** What a taint does to pods that do not tolerate it. */
export const TaintEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: TaintEffect;
}

export interface NodePoolSpec {
  /** A stable key (lower case): names the pool's resources, so it must not change. */
  readonly name: string;
  /** The machine type: an EC2 instance type, a GCE machine type or an Azure VM size. */
  readonly machineType: string;
  /** Nodes, at least (per zone on GKE regional clusters: see the README). */
  readonly minNodes: number;
  readonly maxNodes: number;
  /** @default minNodes */
  readonly desiredNodes?: number;
  /** Spot / preemptible capacity: cheaper, may be reclaimed. @default false */
  readonly spot?: boolean;
  /** Root disk, GiB. @default 50 */
  readonly diskSizeGb?: number;
  readonly labels?: Record<string, string>;
  readonly taints?: Taint[];
}

/** Taints in the form EKS and GKE take: `NO_SCHEDULE`, `PREFER_NO_SCHEDULE`, `NO_EXECUTE`. */
export function upperSnakeTaints(taints: readonly Taint[] | undefined): Array<{ key: string; value: string; effect: string }> {
  const effects = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" } as const;
  return (taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: effects[t.effect] }));
}

export const POOL_KEY = /^[a-z][a-z0-9-]{0,23}$/;

/** Checks a list of node pools: not empty, stable distinct keys, min ≤ desired ≤ max, taints well-formed. */
export function checkNodePools(check: Validator, pools: readonly NodePoolSpec[] | undefined, field = "nodePools"): NodePoolSpec[] {
  if (!Array.isArray(pools) || pools.length === 0) check.fail(field, pools, "at least one node pool");
  const list = pools as readonly NodePoolSpec[];
  const keys = new Set<string>();
  list.forEach((p, i) => {
    const f = `${field}[${i}]`;
    check.requiredPattern(`${f}.name`, p.name, POOL_KEY, "a stable key: a lower-case letter, then up to 23 lower-case letters, digits or hyphens");
    if (keys.has(p.name)) check.fail(`${f}.name`, p.name, "a key no other pool has");
    keys.add(p.name);
    check.requiredPattern(`${f}.machineType`, p.machineType, /^\S+$/, "a machine type");
    check.intRange(`${f}.maxNodes`, p.maxNodes, 1, 1000);
    check.intRange(`${f}.minNodes`, p.minNodes, 0, p.maxNodes);
    if (p.desiredNodes !== undefined) check.intRange(`${f}.desiredNodes`, p.desiredNodes, p.minNodes, p.maxNodes);
    if (p.diskSizeGb !== undefined) check.intRange(`${f}.diskSizeGb`, p.diskSizeGb, 20, 16384);
    (p.taints ?? []).forEach((t, j) => check.oneOf(`${f}.taints[${j}].effect`, t.effect, Object.values(TaintEffect)));
  });
  return [...list];
}

/** A kubeconfig (JSON, which is YAML) that authenticates with an exec plugin: no credential is stored in it. */
export function execKubeconfig(c: {
  name: string;
  server: string;
  caData: string;
  exec: { command: string; args: string[]; env?: Array<{ name: string; value: string }> };
}): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: c.name, cluster: { server: c.server, "certificate-authority-data": c.caData } }],
    contexts: [{ name: c.name, context: { cluster: c.name, user: c.name } }],
    "current-context": c.name,
    users: [{ name: c.name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: c.exec.command, args: c.exec.args, env: c.exec.env ?? null, interactiveMode: "Never" } } }],
  });
}
