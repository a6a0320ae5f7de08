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
import { GUID, isDeferred } from "../core/internal/checks";
import { K8S_LABEL } from "./internal/service-account";
import { checkEnvironment, checkImage, type EnvironmentRule } from "../core/internal/workload-checks";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import {
  CLOUDS,
  MeridianValidationError,
  NAME_RULES,
  checkArgs,
  checkComponentName,
  checkFieldOfCloud,
  childOptions,
  derived,
  hasOwn,
  isPlainObject,
  validator,
  withStandardTags,
  type Cloud,
  type Tags,
  type Validator,
} from "../core/shared";

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
  /** The container image, pinned by a tag or a digest (`:latest` is refused: it moves under the same name). */
  readonly image: pulumi.Input<string>;
  /** The container and service port, 1–65535. @default 8080 */
  readonly port?: number;
  /** The namespace the app creates (not `default` or `kube-*`, which every cluster has). @default - the component name */
  readonly namespace?: string;
  /**
   * CPU and memory requests, in Kubernetes quantity notation within `QUANTITY_BOUNDS`; limits must be at least these.
   * @default { cpu: "250m", memory: "256Mi" }
   */
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
  /**
   * Environment variables, by name (`^[-._a-zA-Z][-._a-zA-Z0-9]*$`, as the Kubernetes API takes them). With a `database`, the names it sets (`PG*`,
   * `DB_PASSWORD_SECRET`, `DB_AUTH_FORMAT`) are refused here rather than silently replaced. @default - none
   */
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

/**
 * A Kubernetes quantity: a signed decimal number and a suffix — binary (`Ki` … `Ei`), decimal (`n`, `u`, `m`, none,
 * `k`, `M`, `G`, `T`, `P`, `E`) or an exponent (`e3`). `K` is not a suffix (`k` is). Source: Kubernetes API reference,
 * "Quantity" (checked 2026-11-30).
 */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWER: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

/** A quantity's value in its base unit (cores, bytes) times 10^`shift`; NaN when it is not a quantity. */
function quantityValue(q: string, shift = 0): number {
  const m = typeof q === "string" ? QUANTITY.exec(q) : null;
  if (!m) return NaN;
  const [, number, suffix = ""] = m as unknown as [string, string, string | undefined];
  if (hasOwn(BINARY_POWER, suffix)) return Number(`${number}e${shift}`) * 1024 ** (BINARY_POWER[suffix] as number);
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : (DECIMAL_EXPONENT[suffix] as number);
  // Through the decimal notation, so `250m` is exactly 250 millicores (no binary fraction on the way).
  return Number(`${number}e${exponent + shift}`);
}

/** CPU quantity in millicores (NaN when it is not a quantity). */
export function cpuMillis(q: string): number {
  return quantityValue(q, 3);
}

/** Memory quantity in bytes (NaN when it is not a quantity). */
export function memoryBytes(q: string): number {
  return quantityValue(q);
}

/**
 * The bounds a container's CPU and memory requests and limits must lie in. Above: no container is scheduled beyond
 * what one node holds, and the largest VM any of the three clouds rents is AWS's u7in-32tb.224xlarge (896 vCPUs,
 * 32 TiB; in `awsInstanceTypes()`), so a larger value (`1000000` cores) is a typo, never a plan. Below: Kubernetes
 * counts CPU in whole millicores (finer precision is not allowed), and container runtimes refuse a memory limit
 * under 6 MiB (Docker's and runc's minimum), so nothing smaller can run.
 */
export const QUANTITY_BOUNDS = {
  cpuMillis: { min: 1, max: 896_000, text: "from 1m to 896 cores (the largest VM any cloud rents), in whole millicores" },
  memoryBytes: { min: 6 * 1024 ** 2, max: 32 * 1024 ** 4, text: "from 6Mi to 32Ti (the largest VM any cloud rents)" },
} as const;

/**
 * Environment variable names as the Kubernetes API validates them (`IsEnvVarName`: letters, digits, `-`, `.` and
 * `_`, not starting with a digit, so `spring.profiles.active` is fine); Kubernetes reserves none. Source: Kubernetes
 * API validation, apimachinery `validation.IsEnvVarName` (checked 2026-11-30).
 */
export const KUBERNETES_ENVIRONMENT: EnvironmentRule = {
  pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
  allowed: "letters, digits, '-', '.' and '_', not starting with a digit (^[-._a-zA-Z][-._a-zA-Z0-9]*$)",
  reserved: [],
  reservedBy: "Kubernetes",
};

/** The namespaces every cluster already has (or reserves, `kube-*`): the app creates its own, so it cannot take one of these. */
const RESERVED_NAMESPACE = /^(?:default|kube-.*)$/;

function checkQuantities(check: Validator, field: "requests" | "limits", value: ResourceQuantities | undefined, defaults: ResourceQuantities): ResourceQuantities {
  if (value === undefined) return defaults;
  if (!isPlainObject(value)) check.fail(field, value, "CPU and memory quantities { cpu, memory }");
  const cpu = cpuMillis(value.cpu);
  if (Number.isNaN(cpu)) check.fail(`${field}.cpu`, value.cpu, 'a CPU quantity such as "250m" or "1"');
  const b = QUANTITY_BOUNDS;
  if (!Number.isInteger(cpu) || cpu < b.cpuMillis.min || cpu > b.cpuMillis.max) check.fail(`${field}.cpu`, value.cpu, `a CPU quantity ${b.cpuMillis.text}`);
  const memory = memoryBytes(value.memory);
  if (Number.isNaN(memory)) check.fail(`${field}.memory`, value.memory, 'a memory quantity such as "256Mi"');
  if (memory < b.memoryBytes.min || memory > b.memoryBytes.max) check.fail(`${field}.memory`, value.memory, `a memory quantity ${b.memoryBytes.text}`);
  return { cpu: value.cpu, memory: value.memory };
}

/**
 * Whether the options give the component a Kubernetes provider, resolved the way Pulumi resolves it for a
 * component's children: `provider`, `providers` (a list or a map by package) or the parent's.
 */
function hasKubernetesProvider(opts: pulumi.ComponentResourceOptions): boolean {
  if (opts.provider !== undefined && K8sProvider.isInstance(opts.provider)) return true;
  const given = opts.providers;
  if (Array.isArray(given)) {
    if (given.some((p) => K8sProvider.isInstance(p))) return true;
  } else if (given !== undefined && given !== null && hasOwn(given, "kubernetes")) {
    return true;
  }
  return opts.parent?.getProvider("kubernetes::") !== undefined;
}

const NO_PROVIDER = "the cluster's Kubernetes provider ({ providers: [cluster.provider] }, or a parent's): without it the app would go to whatever cluster the default kubeconfig names";

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateKubernetesAppArgs(name: string, args: KubernetesAppArgs) {
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // The name is the Deployment's, the Service's (an RFC 1035 label), the service account's, the default namespace's
  // and the value of the app.kubernetes.io/name label: at most 63 characters.
  checkComponentName(check, name, [derived(NAME_RULES.kubernetes.dns1035Label, ""), derived(NAME_RULES.kubernetes.labelValue, "")]);
  checkWorkloadIdentity(check, args.workloadIdentity);
  const db = args.database;
  if (db !== undefined) {
    if (!isPlainObject(db)) check.fail("database", db, "a database connection (RdsPostgres.connection() or CloudSqlPostgres.connection())");
    const cloud = args.workloadIdentity?.cloud ?? db.cloud;
    const from = args.workloadIdentity ? "workloadIdentity.cloud" : "database.cloud";
    if (cloud !== "aws" && cloud !== "gcp") check.fail(from, cloud, '"aws" or "gcp" with a database (the clouds whose secret stores apps read with their own identity)');
    checkDatabaseConnection(check, "database", db, cloud);
    if (cloud === "gcp" && args.workloadIdentity === undefined) check.fail("workloadIdentity", undefined, "the Google service account the pods read the password as (GkeWorkloadIdentity.email), with a database on gcp");
  }
  checkWorkloadIdentityValue(check, args.workloadIdentity);
  const environment = checkEnvironment(check, "environment", args.environment, KUBERNETES_ENVIRONMENT);
  // The database's variables are the component's own: a user value for one is refused, never silently replaced.
  if (db !== undefined) checkDatabaseVariables(check, Object.keys(environment));
  checkImage(check, "image", args.image);
  const port = args.port ?? 8080;
  check.intRange("port", port, 1, 65535);
  const namespace = args.namespace ?? name;
  const namespaceField = args.namespace === undefined ? "name" : "namespace";
  check.pattern("namespace", namespace, K8S_LABEL, "a DNS label (lower case, digits, hyphens)");
  if (RESERVED_NAMESPACE.test(namespace)) {
    const why = "the app creates its namespace, and those exist in (or are reserved by) every cluster";
    if (namespaceField === "name") check.fail("name", namespace, `a name other than "default" and "kube-*" when namespace is unset (the name becomes the namespace; ${why})`);
    check.fail("namespace", namespace, `a namespace other than "default" and "kube-*" (${why})`);
  }
  const requests = checkQuantities(check, "requests", args.requests, { cpu: "250m", memory: "256Mi" });
  const limits = checkQuantities(check, "limits", args.limits, { cpu: "1", memory: "512Mi" });
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
  const allowedIngressCidrs = check.list("allowedIngressCidrs", args.allowedIngressCidrs, "IPv4 CIDR blocks");
  allowedIngressCidrs.forEach((c, i) => requireCidr(check, `allowedIngressCidrs[${i}]`, c));
  const allowedEgress = check.list("allowedEgress", args.allowedEgress, "destinations { cidr, ports }");
  allowedEgress.forEach((e, i) => {
    if (!isPlainObject(e)) check.fail(`allowedEgress[${i}]`, e, "a destination { cidr, ports }");
    requireCidr(check, `allowedEgress[${i}].cidr`, e.cidr);
    if (!Array.isArray(e.ports) || e.ports.length === 0) check.fail(`allowedEgress[${i}].ports`, e.ports, "a list of at least one TCP port");
    e.ports.forEach((p, j) => {
      if (p === undefined) check.fail(`allowedEgress[${i}].ports[${j}]`, p, "an integer from 1 to 65535");
      check.intRange(`allowedEgress[${i}].ports[${j}]`, p, 1, 65535);
    });
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
    environment,
    allowedIngressCidrs: [...allowedIngressCidrs],
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
    // The cluster comes as a resource option, the way every Pulumi language passes providers to a component: checked
    // before anything is registered, resolved as Pulumi resolves it (the component's own options, then its parent's).
    if (!hasKubernetesProvider(opts)) throw new MeridianValidationError({ component: TYPE, name, field: "opts.providers", value: undefined, allowed: NO_PROVIDER });
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    // What the constructed component resolved, in case a provider reached it some other way Pulumi adds.
    if (this.getProvider("kubernetes::") === undefined) throw new MeridianValidationError({ component: TYPE, name, field: "opts.providers", value: undefined, allowed: NO_PROVIDER });
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
                  env: Object.entries(withDatabaseEnvironment(a.environment, args.database)).map(([k, value]) => ({ name: k, value })),
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

/** What each cloud's identity value looks like, when given as a plain string. */
const IDENTITY_VALUE: Readonly<Record<Cloud, { re: RegExp; what: string }>> = {
  aws: { re: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, what: 'an IAM role ARN, such as "arn:aws:iam::123456789012:role/api"' },
  gcp: { re: /^[a-z0-9][a-z0-9-]*@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/, what: "a Google service account email (GkeWorkloadIdentity.email)" },
  azure: { re: GUID, what: "a managed identity's client id (a GUID)" },
};

/** Checks that `workloadIdentity` names its cloud and sets the field of that cloud, and only that one. */
function checkWorkloadIdentity(check: Validator, wi: WorkloadIdentity | undefined): void {
  if (wi === undefined) return;
  if (!isPlainObject(wi)) check.fail("workloadIdentity", wi, "a workload identity { cloud, roleArn | serviceAccountEmail | clientId }");
  check.requiredOneOf("workloadIdentity.cloud", wi.cloud, CLOUDS);
  checkFieldOfCloud(check, wi.cloud, wi, { aws: IDENTITY.aws.field, gcp: IDENTITY.gcp.field, azure: IDENTITY.azure.field }, "workloadIdentity.");
}

/** Checks the identity's value, when it is a plain string, against the shape of its cloud's. */
function checkWorkloadIdentityValue(check: Validator, wi: WorkloadIdentity | undefined): void {
  if (wi === undefined) return;
  const field = IDENTITY[wi.cloud].field;
  const value: unknown = wi[field];
  if (!isDeferred(value) && (typeof value !== "string" || !IDENTITY_VALUE[wi.cloud].re.test(value))) check.fail(`workloadIdentity.${field}`, value, IDENTITY_VALUE[wi.cloud].what);
}

function serviceAccountAnnotations(wi: WorkloadIdentity | undefined): Record<string, pulumi.Input<string>> | undefined {
  if (wi === undefined) return undefined;
  const { field, annotation } = IDENTITY[wi.cloud];
  return { [annotation]: wi[field] as pulumi.Input<string> };
}
