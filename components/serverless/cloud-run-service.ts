import * as pulumi from "@pulumi/pulumi";
import { Service } from "@pulumi/gcp/cloudrunv2/service";
import { ServiceIamMember } from "@pulumi/gcp/cloudrunv2/serviceIamMember";
import { SecretIamMember } from "@pulumi/gcp/secretmanager/secretIamMember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import type { AlertDestinations } from "../core/alerts";
import { checkAlertDestinations, checkRequestAlarms, type RequestAlarmThresholds, type RequestAlarms } from "../core/internal/alarms";
import { gcpRequestAlertPolicies } from "../core/internal/gcp-alert-policies";
import { checkDatabaseConnection, checkDatabaseVariables, withDatabaseEnvironment, type DatabaseConnection } from "../database/connection";
import { GCP_PROJECT_PATTERN, NAME_RULES, checkArgs, checkComponentName, checkGcpRegion, childOptions, derived, KEEP_ACCOUNT_ID, gcpServiceAccountId, hasOwn, isPlainObject, validator, withStandardTags, type Tags } from "../core/shared";
import type { GcpSubnetRef } from "../network/gcp-network";
import { checkRef, checkReplacedArgs, checkTagsArg } from "../core/internal/checks";
import { checkEnvironment, checkImage } from "../core/internal/workload-checks";
import { CLOUD_RUN_ENVIRONMENT } from "./internal/checks";

const TYPE = "meridian:serverless:CloudRunService";

/** vCPUs per Cloud Run instance. */
export const CloudRunCpu = { One: "1", Two: "2", Four: "4", Six: "6", Eight: "8" } as const;
export type CloudRunCpu = (typeof CloudRunCpu)[keyof typeof CloudRunCpu];

/** Who can reach a Cloud Run service. */
export const CloudRunIngress = { InternalAndLoadBalancer: "internal-and-load-balancer", Internal: "internal", All: "all" } as const;
export type CloudRunIngress = (typeof CloudRunIngress)[keyof typeof CloudRunIngress];

/** A Secret Manager secret an environment variable reads. */
export interface SecretEnvironmentRef {
  /** The secret's id or name. */
  readonly secret: pulumi.Input<string>;
  /** @default "latest" */
  readonly version?: string;
}

/**
 * Cloud Run limits (Cloud Run docs, "Configure CPU limits", "Configure memory limits", "Maximum concurrent
 * requests", "Request timeout", checked 2026-11-22).
 */
export const CLOUD_RUN_LIMITS = { cpus: ["1", "2", "4", "6", "8"], memoryMiB: [512, 32768], concurrency: [1, 1000], timeoutSeconds: [1, 3600], maxInstances: [1, 1000] } as const;
/** The least memory (MiB) Cloud Run allows for each CPU count. */
const MIN_MEMORY_FOR_CPU: Readonly<Record<string, number>> = { "1": 512, "2": 512, "4": 2048, "6": 4096, "8": 4096 };
/**
 * The most memory (MiB) Cloud Run allows for each CPU count: 4 GiB per CPU up to 8 GiB, then 16, 24 and 32 GiB.
 * Source: Cloud Run docs, "Configure memory limits — maximum memory" (checked 2026-11-30).
 */
const MAX_MEMORY_FOR_CPU: Readonly<Record<string, number>> = { "1": 4096, "2": 8192, "4": 16384, "6": 24576, "8": 32768 };
/** A Secret Manager secret version: a number, or `latest`. */
const SECRET_VERSION = /^(latest|[1-9]\d*)$/;

/**
 * The thresholds of a CloudRunService's alert policies, on Cloud Monitoring's `run.googleapis.com` metrics of the
 * `cloud_run_revision` resource (every revision of the service), 60-second alignment: the strategy's error rate (5 %
 * for 5 min, critical) and p99 latency (1,000 ms for 10 min, warning) by default.
 */
export type CloudRunServiceAlarms = RequestAlarms;

export interface CloudRunServiceArgs {
  /** The region, e.g. `us-central1`. */
  readonly region: string;
  /** The container image. */
  readonly image: pulumi.Input<string>;
  /** @default - the provider's project */
  readonly project?: pulumi.Input<string>;
  /** vCPUs per instance: 1, 2, 4, 6 or 8. @default "1" */
  readonly cpu?: CloudRunCpu;
  /** MiB per instance, 512–32,768 (at least 2 GiB with 4 CPUs, 4 GiB with 6 or 8). @default 512 */
  readonly memoryMiB?: number;
  /** @default 0 */
  readonly minInstances?: number;
  /** @default 10 */
  readonly maxInstances?: number;
  /** Requests one instance serves at once, 1–1,000. @default 80 */
  readonly concurrency?: number;
  /** @default 300 */
  readonly timeoutSeconds?: number;
  /** @default 8080 */
  readonly containerPort?: number;
  /** More CPU while an instance starts. @default true */
  readonly startupCpuBoost?: boolean;
  /**
   * Who can reach it: `internal-and-load-balancer` (the VPC and Google load balancers), `internal`, or `all`.
   * @default "internal-and-load-balancer"
   */
  readonly ingress?: CloudRunIngress;
  /** Let anyone invoke it (adds allUsers as invoker) — an explicit opt-out of authentication. @default false */
  readonly allowUnauthenticated?: boolean;
  /**
   * Check that callers hold `roles/run.invoker`. A load balancer in front cannot sign requests, so a service behind
   * `GcpLoadBalancer` sets this false; allowed only with ingress `internal-and-load-balancer` or `internal`, where
   * nothing from the internet reaches the service but through the load balancer. @default true
   */
  readonly invokerIamCheck?: boolean;
  /** Plain environment variables. */
  readonly environment?: Record<string, pulumi.Input<string>>;
  /** Environment variables from Secret Manager: name → { secret, version (default "latest") }. */
  readonly secretEnvironment?: Record<string, SecretEnvironmentRef>;
  /**
   * The database it connects to (`CloudSqlPostgres.connection()`): its address and user come as `PG*` variables,
   * and Cloud Run injects the password as `PGPASSWORD` from Secret Manager (the latest version, read at instance
   * start) with the service's own account, which may read that secret and no other. Needs `network`.
   * @default - none
   */
  readonly database?: DatabaseConnection;
  /** Direct VPC egress through this network's subnet (private ranges only). @default - no VPC egress */
  readonly network?: GcpSubnetRef;
  /**
   * Where the alert policies notify, by severity (`AlertRouting`'s destinations; this component uses `gcp`). Without
   * it the policies exist and open incidents in the console, but notify no one. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alert policies' thresholds (see `CloudRunServiceAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: CloudRunServiceAlarms;
  readonly tags?: Tags;
}

interface Resolved {
  readonly cpu: string;
  readonly memoryMiB: number;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly containerPort: number;
  readonly ingress: CloudRunIngress;
  readonly alarms: RequestAlarmThresholds | false;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateCloudRunServiceArgs(name: string, args: CloudRunServiceArgs): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { memoryMb: "unset: the argument is memoryMiB (the value is in MiB)" });
  // The service is auto-named "<name>-service-xxxxxxx"; the account id is made unique by gcpServiceAccountId.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.cloudRunServiceName, "-service", true)]);
  checkGcpRegion(check, "region", args.region);
  if (args.image === undefined || args.image === "") check.fail("image", args.image, "a container image reference");
  checkImage(check, "image", args.image);
  if (typeof args.project === "string") check.pattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id");
  const cpu = args.cpu ?? "1";
  check.oneOf("cpu", cpu, CLOUD_RUN_LIMITS.cpus);
  const memoryMiB = args.memoryMiB ?? 512;
  check.intRange("memoryMiB", memoryMiB, MIN_MEMORY_FOR_CPU[cpu]!, MAX_MEMORY_FOR_CPU[cpu]!);
  const minInstances = args.minInstances ?? 0;
  const maxInstances = args.maxInstances ?? 10;
  check.intRange("maxInstances", maxInstances, ...CLOUD_RUN_LIMITS.maxInstances);
  check.intRange("minInstances", minInstances, 0, maxInstances);
  const concurrency = args.concurrency ?? 80;
  check.intRange("concurrency", concurrency, ...CLOUD_RUN_LIMITS.concurrency);
  const timeoutSeconds = args.timeoutSeconds ?? 300;
  check.intRange("timeoutSeconds", timeoutSeconds, ...CLOUD_RUN_LIMITS.timeoutSeconds);
  const containerPort = args.containerPort ?? 8080;
  check.intRange("containerPort", containerPort, 1, 65535);
  const ingress = args.ingress ?? "internal-and-load-balancer";
  check.oneOf("ingress", ingress, Object.values(CloudRunIngress));
  check.bool("startupCpuBoost", args.startupCpuBoost);
  check.bool("allowUnauthenticated", args.allowUnauthenticated);
  check.bool("invokerIamCheck", args.invokerIamCheck);
  const plain = Object.keys(checkEnvironment(check, "environment", args.environment, CLOUD_RUN_ENVIRONMENT));
  const secrets = check.record("secretEnvironment", args.secretEnvironment, "a map of variable names to secrets { secret, version }");
  checkEnvironment(check, "secretEnvironment", Object.fromEntries(Object.keys(secrets).map((k) => [k, ""])), CLOUD_RUN_ENVIRONMENT);
  for (const [k, ref] of Object.entries(secrets)) {
    if (!isPlainObject(ref)) check.fail(`secretEnvironment.${k}`, ref, "a secret reference { secret, version }");
    checkRef(check, `secretEnvironment.${k}.secret`, ref.secret, "the secret's id or name");
    check.pattern(`secretEnvironment.${k}.version`, ref.version, SECRET_VERSION, 'a secret version: "latest" or a version number');
  }
  if (args.invokerIamCheck === false && ingress === "all") check.fail("invokerIamCheck", false, 'true while ingress is "all" (without it anyone on the internet could call the service)');
  checkDatabaseConnection(check, "database", args.database, "gcp");
  if (args.network !== undefined) {
    if (typeof args.network !== "object" || args.network === null) check.fail("network", args.network, "a subnet to egress through: a GcpNetwork, or { networkId, subnetworkId }");
    checkRef(check, "network.networkId", args.network.networkId, "the VPC network's id");
    checkRef(check, "network.subnetworkId", args.network.subnetworkId, "the subnetwork's id");
  }
  if (args.database !== undefined && args.network === undefined) check.fail("network", undefined, "the network to reach the database's private IP through (Direct VPC egress)");
  if (args.database !== undefined) checkDatabaseVariables(check, [...plain, ...Object.keys(secrets)]);
  const both = plain.find((k) => hasOwn(secrets, k));
  if (both !== undefined) check.fail("secretEnvironment", both, "names not also set in environment");
  checkTagsArg(check, args.tags, "gcp");
  checkAlertDestinations(check, "alerts", args.alerts, "gcp");
  const alarms = checkRequestAlarms(check, args.alarms);
  return { cpu, memoryMiB, minInstances, maxInstances, concurrency, timeoutSeconds, containerPort, ingress, alarms };
}

const INGRESS = { "internal-and-load-balancer": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", internal: "INGRESS_TRAFFIC_INTERNAL_ONLY", all: "INGRESS_TRAFFIC_ALL" } as const;

/**
 * A Cloud Run (v2) service running as its own service account (never the default compute account), gen2,
 * reachable from the VPC and Google load balancers only, authenticated callers only, with CPU boost at
 * start-up and optional Direct VPC egress.
 */
export class CloudRunService extends pulumi.ComponentResource {
  public readonly uri: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  public readonly serviceAccountEmail: pulumi.Output<string>;

  constructor(name: string, args: CloudRunServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateCloudRunServiceArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);

    // Service account ids: 6–30 characters.
    const accountId = gcpServiceAccountId("run", name);
    const sa = new Account(`${name}-sa`, { project: args.project, accountId, displayName: `Cloud Run ${name}` }, { ...parent, ...KEEP_ACCOUNT_ID });
    const db = args.database;
    const secretEnvironment: Record<string, SecretEnvironmentRef> = { ...args.secretEnvironment, ...(db ? { PGPASSWORD: { secret: db.passwordSecret } } : {}) };
    const envs = [
      ...Object.entries(withDatabaseEnvironment(args.environment, db)).map(([k, value]) => ({ name: k, value })),
      ...Object.entries(secretEnvironment).map(([k, ref]) => ({ name: k, valueSource: { secretKeyRef: { secret: ref.secret, version: ref.version ?? "latest" } } })),
    ];
    // The service's account may read the database password's secret, and only that one.
    const secretAccess = db ? [new SecretIamMember(`${name}-db-password`, { secretId: db.passwordSecret, role: "roles/secretmanager.secretAccessor", member: sa.member }, parent)] : [];
    const service = new Service(
      `${name}-service`,
      {
        project: args.project,
        location: args.region,
        ingress: INGRESS[a.ingress],
        invokerIamDisabled: args.invokerIamCheck === false ? true : undefined,
        // Stateless: nothing is lost with it, so the stack can be torn down.
        deletionProtection: false,
        template: {
          serviceAccount: sa.email,
          executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
          maxInstanceRequestConcurrency: a.concurrency,
          timeout: `${a.timeoutSeconds}s`,
          scaling: { minInstanceCount: a.minInstances, maxInstanceCount: a.maxInstances },
          containers: [
            {
              image: args.image,
              ports: { containerPort: a.containerPort },
              resources: { limits: { cpu: a.cpu, memory: `${a.memoryMiB}Mi` }, startupCpuBoost: args.startupCpuBoost ?? true, cpuIdle: true },
              envs,
            },
          ],
          vpcAccess: args.network ? { egress: "PRIVATE_RANGES_ONLY", networkInterfaces: [{ network: args.network.networkId, subnetwork: args.network.subnetworkId }] } : undefined,
        },
      },
      // A revision that reads a secret fails to start until its account may read it.
      childOptions(this, opts, { dependsOn: secretAccess }),
    );
    if (args.allowUnauthenticated === true) {
      new ServiceIamMember(`${name}-public`, { project: args.project, location: args.region, name: service.name, role: "roles/run.invoker", member: "allUsers" }, parent);
    }

    if (a.alarms !== false) createServiceAlertPolicies(name, a.alarms, args.alerts, service, parent);

    this.uri = service.uri;
    this.serviceName = service.name;
    this.serviceAccountEmail = sa.email;
    this.registerOutputs({ uri: this.uri, serviceName: this.serviceName, serviceAccountEmail: this.serviceAccountEmail });
  }
}

/**
 * The service's alert policies. Metric types: `run.googleapis.com/request_count` (requests reaching the service,
 * label `response_code_class` "2xx" … "5xx") and `run.googleapis.com/request_latencies` (a distribution, ms);
 * resource type `cloud_run_revision`, label `service_name`. Source: Google Cloud metrics list, "run" (checked
 * 2026-11-30). The error rate is a ratio condition (5xx over all requests, per service); the p99 is taken across
 * revisions (ALIGN_DELTA, then REDUCE_PERCENTILE_99).
 */
function createServiceAlertPolicies(name: string, t: RequestAlarmThresholds, alerts: AlertDestinations | undefined, service: Service, opts: pulumi.CustomResourceOptions): void {
  gcpRequestAlertPolicies(
    name,
    {
      project: service.project,
      subject: `Cloud Run ${name}`,
      filter: (metric) => pulumi.interpolate`metric.type = "run.googleapis.com/${metric}" AND resource.type = "cloud_run_revision" AND resource.label.service_name = "${service.name}"`,
      serverErrors: 'metric.label.response_code_class = "5xx"',
      latency: "request_latencies",
      latencyWords: "request latency",
      groupBy: "resource.label.service_name",
    },
    t,
    alerts,
    opts,
  );
}
