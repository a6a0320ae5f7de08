import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/kubernetes/apps/v1/deployment";
import { HorizontalPodAutoscaler } from "@pulumi/kubernetes/autoscaling/v2/horizontalPodAutoscaler";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/podDisruptionBudget";
import { checkDatabaseConnection, checkDatabaseVariables, withDatabaseEnvironment, type DatabaseConnection } from "../database/connection";
import { DEFAULT_READINESS_PATH, NODE_PORT_RANGE, REQUEST_PATH } from "../ingress/internal/routes";
import { requireCidr } from "../network/internal/cidr";
import { CLOUDS, MeridianValidationError, checkFieldOfCloud, childOptions, validator, withStandardTags, type Cloud, type Tags, type Validator } from "../core/shared";

const TYPE = "meridian:kubernetes:KubernetesApp";

/** How the pods' service account gets a cloud identity: set the one field of `cloud`. */
export interface WorkloadIdentity {
  readonly cloud: Cloud;
  /** AWS (IRSA): the IAM role the pods assume. */
  readonly roleArn?: pulumi.Input<string>;
  /** GCP (Workload Identity): the Google service account the pods act as. */
  readonly serviceAccountEmail?: pulumi.Input<string>;
  /** Azure (workload identity): the managed identity's client id. */
  readonly clientId?: pulumi.Input<string>;
}

/**
 * Where pods get their cloud credentials: the EKS Pod Identity agent (Amazon EKS User Guide, "EKS Pod Identity
 * agent", 169.254.170.23 port 80) and the GKE metadata server (GKE docs, "Workload Identity Federation for GKE —
 * network policy": 169.254.169.252 port 988 and 169.254.169.254 port 80). Checked 2026-11-30.
 */
export const IDENTITY_ENDPOINTS = {
  aws: [{ cidr: "169.254.170.23/32", ports: [80] }],
  gcp: [
    { cidr: "169.254.169.252/32", ports: [988] },
    { cidr: "169.254.169.254/32", ports: [80] },
  ],
} as const;

/** A destination the pods may connect to. */
export interface EgressRule {
  /** An IPv4 CIDR block (`0.0.0.0/0` for anywhere). */
  readonly cidr: string;
  /** TCP ports. */
  readonly ports: number[];
}

/** CPU and memory quantities, in Kubernetes notation (`250m`, `1`; `256Mi`, `1Gi`). */
export interface ResourceQuantities {
  readonly cpu: string;
  readonly memory: string;
}

export interface KubernetesAppArgs {
  readonly image: pulumi.Input<string>;
  /** The container and service port, 1–65535. @default 8080 */
  readonly port?: number;
  /** @default - the component name */
  readonly namespace?: string;
  /** CPU and memory requests; limits must be at least these. @default { cpu: "250m", memory: "256Mi" } */
  readonly requests?: ResourceQuantities;
  /** @default { cpu: "1", memory: "512Mi" } */
  readonly limits?: ResourceQuantities;
  /** @default 2 */
  readonly minReplicas?: number;
  /** @default 10 */
  readonly maxReplicas?: number;
  /** Average CPU utilisation the autoscaler aims for, % of requests. @default 70 */
  readonly targetCpuPercent?: number;
  /** Average memory utilisation the autoscaler aims for, % of requests. @default 80 */
  readonly targetMemoryPercent?: number;
  /** What the liveness probe requests: failing it restarts the container. @default "/healthz" */
  readonly livenessPath?: string;
  /**
   * What the readiness probe requests: failing it takes the pod out of the Service (and so out of every load
   * balancer and DNS health check that probes the same path). Make it fail when a dependency the app cannot serve
   * without (its database) is unreachable. @default "/readyz"
   */
  readonly readinessPath?: string;
  /**
   * Expose the Service on this node port of every node (30000–32767), for a load balancer that targets the nodes
   * (`AwsLoadBalancer`, `GcpLoadBalancer`). @default - a ClusterIP Service, reachable inside the cluster only
   */
  readonly nodePort?: number;
  /**
   * The CIDR blocks whose traffic may reach the pods on the app port (the load balancer's path: the node subnets
   * and the load balancer's source ranges). @default - any source, on the app port only
   */
  readonly allowedIngressCidrs?: string[];
  /**
   * Destinations the pods may connect to, besides DNS (UDP and TCP 53), which is always allowed: everything else is
   * denied. Declare the database, cloud APIs (443) and anything else the app calls. @default []
   */
  readonly allowedEgress?: EgressRule[];
  readonly environment?: Record<string, pulumi.Input<string>>;
  /**
   * The database the app connects to (`RdsPostgres.connection()` on EKS, `CloudSqlPostgres.connection()` on GKE):
   * its address and user come as `PG*` variables and the password's secret reference as `DB_PASSWORD_SECRET`. The
   * pods read the password from the cloud's secret store with their own identity — on EKS through EKS Pod Identity
   * (create an `EksPodIdentity` for this app's service account), on GKE through Workload Identity (a
   * `GkeWorkloadIdentity`, whose email goes in `workloadIdentity`). Egress to the identity endpoint and to HTTPS
   * (the secret store's API) is allowed for that. @default - none
   */
  readonly database?: DatabaseConnection;
  /** Annotate the service account for IRSA, GKE Workload Identity or Azure workload identity. */
  readonly workloadIdentity?: WorkloadIdentity;
  readonly tags?: Tags;
}

const CPU = /^(\d+(\.\d+)?|\d+m)$/;
const MEMORY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/;

/** CPU quantity in millicores. */
export function cpuMillis(q: string): number {
  return q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

/** Memory quantity in bytes. */
export function memoryBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(q);
  if (!m) return NaN;
  const unit = m[2] ?? "";
  const pow = { "": 0, K: 1, M: 2, G: 3, T: 4 }[unit.replace("i", "") as "" | "K" | "M" | "G" | "T"];
  return Number(m[1]) * (unit.endsWith("i") ? 1024 : 1000) ** pow;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateKubernetesAppArgs(name: string, args: KubernetesAppArgs) {
  const check = validator(TYPE, name);
  checkWorkloadIdentity(check, args.workloadIdentity);
  const db = args.database;
  if (db !== undefined) {
    const cloud = args.workloadIdentity?.cloud ?? db?.cloud;
    const from = args.workloadIdentity ? "workloadIdentity.cloud" : "database.cloud";
    if (cloud !== "aws" && cloud !== "gcp") check.fail(from, cloud, '"aws" or "gcp" with a database (the clouds whose secret stores apps read with their own identity)');
    checkDatabaseConnection(check, "database", db, cloud);
    if (cloud === "gcp" && args.workloadIdentity === undefined) check.fail("workloadIdentity", undefined, "the Google service account the pods read the password as (GkeWorkloadIdentity.email), with a database on gcp");
    checkDatabaseVariables(check, Object.keys(args.environment ?? {}));
  }
  const port = args.port ?? 8080;
  check.intRange("port", port, 1, 65535);
  const namespace = args.namespace ?? name;
  check.pattern("namespace", namespace, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a DNS label (lower case, digits, hyphens)");
  const requests = args.requests ?? { cpu: "250m", memory: "256Mi" };
  const limits = args.limits ?? { cpu: "1", memory: "512Mi" };
  for (const [field, q] of [["requests", requests], ["limits", limits]] as const) {
    check.pattern(`${field}.cpu`, q.cpu, CPU, 'a CPU quantity such as "250m" or "1"');
    check.pattern(`${field}.memory`, q.memory, MEMORY, 'a memory quantity such as "256Mi"');
  }
  if (cpuMillis(limits.cpu) < cpuMillis(requests.cpu)) check.fail("limits.cpu", limits.cpu, `at least requests.cpu (${requests.cpu})`);
  if (memoryBytes(limits.memory) < memoryBytes(requests.memory)) check.fail("limits.memory", limits.memory, `at least requests.memory (${requests.memory})`);
  const maxReplicas = args.maxReplicas ?? 10;
  check.intRange("maxReplicas", maxReplicas, 1, 1000);
  const minReplicas = args.minReplicas ?? Math.min(2, maxReplicas);
  check.intRange("minReplicas", minReplicas, 1, maxReplicas);
  const targetCpuPercent = args.targetCpuPercent ?? 70;
  check.intRange("targetCpuPercent", targetCpuPercent, 1, 100);
  const targetMemoryPercent = args.targetMemoryPercent ?? 80;
  check.intRange("targetMemoryPercent", targetMemoryPercent, 1, 100);
  const livenessPath = args.livenessPath ?? "/healthz";
  check.requiredPattern("livenessPath", livenessPath, REQUEST_PATH, 'a request path starting with /, such as "/healthz"');
  const readinessPath = args.readinessPath ?? DEFAULT_READINESS_PATH;
  check.requiredPattern("readinessPath", readinessPath, REQUEST_PATH, 'a request path starting with /, such as "/readyz"');
  if (args.nodePort !== undefined) check.intRange("nodePort", args.nodePort, ...NODE_PORT_RANGE);
  const allowedIngressCidrs = args.allowedIngressCidrs ?? [];
  if (!Array.isArray(allowedIngressCidrs)) check.fail("allowedIngressCidrs", allowedIngressCidrs, "a list of IPv4 CIDR blocks");
  allowedIngressCidrs.forEach((c, i) => requireCidr(check, `allowedIngressCidrs[${i}]`, c));
  const allowedEgress = args.allowedEgress ?? [];
  if (!Array.isArray(allowedEgress)) check.fail("allowedEgress", allowedEgress, "a list of { cidr, ports }");
  allowedEgress.forEach((e, i) => {
    requireCidr(check, `allowedEgress[${i}].cidr`, e?.cidr);
    if (!Array.isArray(e.ports) || e.ports.length === 0) check.fail(`allowedEgress[${i}].ports`, e.ports, "a list of at least one TCP port");
    e.ports.forEach((p, j) => check.intRange(`allowedEgress[${i}].ports[${j}]`, p, 1, 65535));
  });
  // Reading the password takes the cloud's identity endpoint and the secret store's API (HTTPS).
  const identityEgress = db === undefined ? [] : [...IDENTITY_ENDPOINTS[db.cloud as "aws" | "gcp"], { cidr: "0.0.0.0/0", ports: [443] }];
  return {
    port,
    namespace,
    requests,
    limits,
    minReplicas,
    maxReplicas,
    targetCpuPercent,
    targetMemoryPercent,
    livenessPath,
    readinessPath,
    allowedIngressCidrs,
    allowedEgress: [...allowedEgress, ...identityEgress],
  };
}

/**
 * A web workload on any of the three clusters, hardened: non-root, read-only root filesystem, no capabilities, no
 * privilege escalation, RuntimeDefault seccomp, requests and limits, probes, spread across zones; a ClusterIP
 * service (ClusterIP, or NodePort for a load balancer that targets the nodes); separate liveness and readiness
 * probes; an autoscaler on CPU and memory; a disruption budget; a network policy that denies all ingress but the
 * app port (from the given sources) and all egress but DNS and the declared destinations.
 */
export class KubernetesApp extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;

  constructor(name: string, args: KubernetesAppArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateKubernetesAppArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    // The cluster comes as a resource option, the way every Pulumi language passes providers to a component. Only the
    // constructed component knows which provider it resolved (its own options, a parent's, a providers map or list),
    // so this is checked here, after registration but before any child exists.
    if (this.getProvider("kubernetes::") === undefined) {
      throw new MeridianValidationError({
        component: TYPE,
        name,
        field: "opts.providers",
        value: undefined,
        allowed: "the cluster's Kubernetes provider ({ providers: [cluster.provider] }, or a parent's): without it the app would go to whatever cluster the default kubeconfig names",
      });
    }
    const parent = childOptions(this, opts);
    const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "meridian" };

    const ns = new Namespace(`${name}-ns`, { metadata: { name: a.namespace, labels: { ...labels, "pod-security.kubernetes.io/enforce": "restricted" } } }, parent);
    const namespace = ns.metadata.name;
    const annotations = serviceAccountAnnotations(args.workloadIdentity);
    const sa = new ServiceAccount(
      `${name}-sa`,
      {
        metadata: { name, namespace, labels, annotations },
        // IRSA and Azure exchange the service account's token; EKS Pod Identity mounts its own projected token and GKE's
        // metadata server needs none, so a database alone mounts nothing.
        automountServiceAccountToken: args.workloadIdentity !== undefined,
      },
      parent,
    );
    new Deployment(
      `${name}-deployment`,
      {
        metadata: { name, namespace, labels },
        spec: {
          // No replicas: the autoscaler owns the count (setting it here would reset it on every update).
          selector: { matchLabels: labels },
          template: {
            // Azure workload identity injects its token into pods that carry this label.
            metadata: { labels: { ...labels, ...(args.workloadIdentity?.cloud === "azure" ? { "azure.workload.identity/use": "true" } : {}) } },
            spec: {
              serviceAccountName: sa.metadata.name,
              securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
              topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
              containers: [
                {
                  name: "app",
                  image: args.image,
                  ports: [{ name: "http", containerPort: a.port }],
                  env: Object.entries(withDatabaseEnvironment(args.environment, args.database)).map(([k, value]) => ({ name: k, value })),
                  resources: { requests: { ...a.requests }, limits: { ...a.limits } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
                  livenessProbe: { httpGet: { path: a.livenessPath, port: "http" }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
                  readinessProbe: { httpGet: { path: a.readinessPath, port: "http" }, periodSeconds: 5, failureThreshold: 2 },
                  volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                },
              ],
              // A writable /tmp, since the root filesystem is read-only.
              volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
            },
          },
        },
      },
      parent,
    );
    const service = new Service(
      `${name}-service`,
      {
        metadata: { name, namespace, labels },
        spec:
          args.nodePort === undefined
            ? { type: "ClusterIP", selector: labels, ports: [{ name: "http", port: a.port, targetPort: "http" }] }
            : { type: "NodePort", externalTrafficPolicy: "Cluster", selector: labels, ports: [{ name: "http", port: a.port, targetPort: "http", nodePort: args.nodePort }] },
      },
      parent,
    );
    new HorizontalPodAutoscaler(
      `${name}-hpa`,
      {
        metadata: { name, namespace, labels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
          minReplicas: a.minReplicas,
          maxReplicas: a.maxReplicas,
          metrics: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: a.targetCpuPercent } } },
            { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: a.targetMemoryPercent } } },
          ],
        },
      },
      parent,
    );
    new PodDisruptionBudget(`${name}-pdb`, { metadata: { name, namespace, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } }, parent);
    new NetworkPolicy(
      `${name}-netpol`,
      {
        metadata: { name, namespace, labels },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ["Ingress", "Egress"],
          // Deny by default: in, only the app port (from the given sources); out, DNS and what the app declares.
          ingress: [
            {
              ports: [{ protocol: "TCP", port: a.port }],
              ...(a.allowedIngressCidrs.length > 0 ? { from: a.allowedIngressCidrs.map((cidr) => ({ ipBlock: { cidr } })) } : {}),
            },
          ],
          egress: [
            { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
            ...a.allowedEgress.map((e) => ({ to: [{ ipBlock: { cidr: e.cidr } }], ports: e.ports.map((port) => ({ protocol: "TCP", port })) })),
          ],
        },
      },
      parent,
    );

    this.namespace = namespace;
    this.serviceName = service.metadata.name;
    this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName });
  }
}

/** The field of `WorkloadIdentity` each cloud takes, and the service account annotation it becomes. */
const IDENTITY = {
  aws: { field: "roleArn", annotation: "eks.amazonaws.com/role-arn" },
  gcp: { field: "serviceAccountEmail", annotation: "iam.gke.io/gcp-service-account" },
  azure: { field: "clientId", annotation: "azure.workload.identity/client-id" },
} as const;

/** Checks that `workloadIdentity` sets the field of its cloud, and only that one. */
function checkWorkloadIdentity(check: Validator, wi: WorkloadIdentity | undefined): void {
  if (wi === undefined) return;
  check.oneOf("workloadIdentity.cloud", wi.cloud, CLOUDS);
  checkFieldOfCloud(check, wi.cloud, wi, { aws: IDENTITY.aws.field, gcp: IDENTITY.gcp.field, azure: IDENTITY.azure.field }, "workloadIdentity.");
}

function serviceAccountAnnotations(wi: WorkloadIdentity | undefined): Record<string, pulumi.Input<string>> | undefined {
  if (wi === undefined) return undefined;
  const { field, annotation } = IDENTITY[wi.cloud];
  return { [annotation]: wi[field] as pulumi.Input<string> };
}
