/** Node pool specs, the Kubernetes version table and the checks shared by the three cluster components. */
import { isPlainObject, type Validator } from "../core/shared";

/** The Kubernetes minor versions the cluster components offer. */
export const KubernetesVersion = { V1_31: "1.31", V1_32: "1.32", V1_33: "1.33", V1_34: "1.34" } as const;
export type KubernetesVersion = (typeof KubernetesVersion)[keyof typeof KubernetesVersion];

/** A GKE release channel, by the name the API uses (`GkeReleaseChannel` in gke-cluster.ts). */
export type GkeChannelName = "RAPID" | "REGULAR" | "STABLE";

/** Where one Kubernetes minor version can run. */
export interface KubernetesVersionSupport {
  /** In EKS standard support. */
  readonly eks: boolean;
  /** A generally available AKS version. */
  readonly aks: boolean;
  /** The GKE release channels that offer it (empty: none does). */
  readonly gke: readonly GkeChannelName[];
}

/**
 * The one Kubernetes version table: which managed service runs which minor version. The per-cloud lists
 * (`EKS_VERSIONS`, `AKS_VERSIONS`, `GKE_VERSIONS`) are derived from it, so they cannot drift apart; a new minor
 * version is one row here (and one entry of `KubernetesVersion`).
 *
 * Sources, checked 2026-11-30: Amazon EKS User Guide, "Understand the Kubernetes version lifecycle on EKS"
 * (versions in standard support); AKS docs, "Supported Kubernetes versions in AKS" (GA versions); GKE docs, "GKE
 * release schedule" (the minor versions each release channel offers).
 */
export const KUBERNETES_VERSIONS: Readonly<Record<KubernetesVersion, KubernetesVersionSupport>> = Object.freeze({
  "1.31": { eks: true, aks: true, gke: ["STABLE"] },
  "1.32": { eks: true, aks: true, gke: ["REGULAR", "STABLE"] },
  "1.33": { eks: true, aks: true, gke: ["RAPID", "REGULAR", "STABLE"] },
  "1.34": { eks: true, aks: true, gke: ["RAPID", "REGULAR"] },
});

const versions = Object.keys(KUBERNETES_VERSIONS) as KubernetesVersion[];
const support = (v: KubernetesVersion): KubernetesVersionSupport => KUBERNETES_VERSIONS[v];

/** EKS versions in standard support (from `KUBERNETES_VERSIONS`). */
export const EKS_VERSIONS: readonly KubernetesVersion[] = versions.filter((v) => support(v).eks);
/** AKS versions in support (from `KUBERNETES_VERSIONS`). */
export const AKS_VERSIONS: readonly KubernetesVersion[] = versions.filter((v) => support(v).aks);
/** GKE versions some release channel offers (from `KUBERNETES_VERSIONS`; see `gkeVersionsOf` for one channel). */
export const GKE_VERSIONS: readonly KubernetesVersion[] = versions.filter((v) => support(v).gke.length > 0);

/** The minor versions a GKE release channel offers. */
export function gkeVersionsOf(channel: GkeChannelName): readonly KubernetesVersion[] {
  return versions.filter((v) => support(v).gke.includes(channel));
}

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

/**
 * A Kubernetes label key: an optional DNS subdomain prefix (at most 253 characters) and `/`, then a name of at most
 * 63 characters, alphanumeric at both ends with `-`, `_` and `.` between. A label value: empty, or the same shape
 * as the name. Taint keys and values follow the same rules. Source: Kubernetes docs, "Labels and Selectors",
 * syntax and character set (checked 2026-11-30).
 */
const LABEL_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
export const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** True when `key` is a Kubernetes label (or taint) key. */
export function isLabelKey(key: unknown): boolean {
  if (typeof key !== "string") return false;
  const slash = key.lastIndexOf("/");
  if (slash === -1) return LABEL_NAME.test(key);
  return DNS_SUBDOMAIN.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

/** Checks a map of Kubernetes labels: a plain object of label keys to label values. */
export function checkLabels(check: Validator, field: string, labels: unknown): void {
  const map = check.record(field, labels as Record<string, unknown> | undefined, "a map of Kubernetes label keys to label values");
  for (const [k, v] of Object.entries(map)) {
    if (!isLabelKey(k)) check.fail(`${field}.${k}`, k, "a Kubernetes label key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends");
    if (typeof v !== "string" || !LABEL_VALUE.test(v)) check.fail(`${field}.${k}`, v, "a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends (or empty)");
  }
}

/** How one cloud checks a pool's machine type: `allowed` names what it accepts (for the value given), for the message. */
export interface MachineTypeRule {
  readonly test: (machineType: string) => boolean;
  readonly allowed: string | ((machineType: unknown) => string);
}

/** A pool's physical name: `${prefix}${pool.name}` (plus `added` characters) must fit `max`. */
export interface PoolNameRule {
  readonly prefix: string;
  readonly added: number;
  readonly max: number;
  readonly what: string;
}

/**
 * Checks a list of node pools: a non-empty list of objects, stable distinct keys, a machine type the cloud has,
 * min ≤ desired ≤ max, labels and taints well-formed. `poolName`, when given, bounds the physical name each pool's
 * key becomes.
 */
export function checkNodePools(
  check: Validator,
  pools: readonly NodePoolSpec[] | undefined,
  machineType: MachineTypeRule,
  field = "nodePools",
  poolName?: PoolNameRule,
): NodePoolSpec[] {
  const list = check.requiredList(field, pools, "node pools", { min: 1 });
  const keys = new Set<string>();
  list.forEach((p, i) => {
    const f = `${field}[${i}]`;
    if (!isPlainObject(p)) check.fail(f, p, "a node pool { name, machineType, minNodes, maxNodes, ... }");
    check.requiredPattern(`${f}.name`, p.name, POOL_KEY, "a stable key: a lower-case letter, then up to 23 lower-case letters, digits or hyphens");
    if (keys.has(p.name)) check.fail(`${f}.name`, p.name, "a key no other pool has");
    keys.add(p.name);
    if (poolName !== undefined && poolName.prefix.length + p.name.length + poolName.added > poolName.max) {
      const room = poolName.max - poolName.prefix.length - poolName.added;
      check.fail(`${f}.name`, p.name, `a key of at most ${room} characters here (it becomes ${poolName.what} "${poolName.prefix}${p.name}...", at most ${poolName.max} characters with what is added)`);
    }
    if (typeof p.machineType !== "string" || !machineType.test(p.machineType)) {
      check.fail(`${f}.machineType`, p.machineType, typeof machineType.allowed === "string" ? machineType.allowed : machineType.allowed(p.machineType));
    }
    if (p.maxNodes === undefined) check.fail(`${f}.maxNodes`, p.maxNodes, "an integer from 1 to 1000");
    check.intRange(`${f}.maxNodes`, p.maxNodes, 1, 1000);
    if (p.minNodes === undefined) check.fail(`${f}.minNodes`, p.minNodes, `an integer from 0 to ${p.maxNodes}`);
    check.intRange(`${f}.minNodes`, p.minNodes, 0, p.maxNodes);
    if (p.desiredNodes !== undefined) check.intRange(`${f}.desiredNodes`, p.desiredNodes, p.minNodes, p.maxNodes);
    check.bool(`${f}.spot`, p.spot);
    if (p.diskSizeGb !== undefined) check.intRange(`${f}.diskSizeGb`, p.diskSizeGb, 20, 16384);
    checkLabels(check, `${f}.labels`, p.labels);
    check.list(`${f}.taints`, p.taints, "taints { key, value, effect }").forEach((t, j) => {
      const tf = `${f}.taints[${j}]`;
      if (!isPlainObject(t)) check.fail(tf, t, "a taint { key, value, effect }");
      if (!isLabelKey(t.key)) check.fail(`${tf}.key`, t.key, "a taint key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends");
      if (typeof t.value !== "string" || !LABEL_VALUE.test(t.value)) check.fail(`${tf}.value`, t.value, "a taint value: at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends (or empty)");
      check.requiredOneOf(`${tf}.effect`, t.effect, Object.values(TaintEffect));
    });
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
