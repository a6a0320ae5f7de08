import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, OffSchema, checkArgs, checkComponentName, childOptions, hasOwn, resolveProtect, validator, withStandardTags, type Cloud, type Tags, type Validator } from "../core/shared";
import type { AwsNetworkRef } from "../network/aws-network";
import type { GcpSubnetRef } from "../network/gcp-network";
import type { DatabaseConnection } from "../database/connection";
import { AwsFunction, LAMBDA_LIMITS, validateAwsFunctionArgs, type AwsFunctionArgs, type AwsSecurityGroupPort } from "./aws-function";
import { AzureContainerApp, CONTAINER_APP_LIMITS, isContainerAppCpu, validateAzureContainerAppArgs, type AzureContainerAppArgs } from "./azure-container-app";
import { CLOUD_RUN_LIMITS, CloudRunService, validateCloudRunServiceArgs, type CloudRunCpu, type CloudRunServiceArgs } from "./cloud-run-service";
import { checkReplacedArgs, checkTagsArg, reportAs } from "../core/internal/checks";
import type { AlertDestinations } from "../core/alerts";
import { checkAlarmsArg } from "../core/internal/alarms";

const TYPE = "meridian:serverless:ServerlessService";

/** Each service's per-cloud component, kept off the instance's fields: see `ServerlessService.service`. */
const perCloud = new OffSchema<ServerlessService, AwsFunction | CloudRunService | AzureContainerApp>();

/**
 * The thresholds of a ServerlessService's alarms, handed to the per-cloud component: `AwsFunction` (errors as a share
 * of invocations, throttles) or `CloudRunService` (5xx share of requests, p99 latency); on Azure only `{ enabled: false }`, which
 * turns off the Container App's 5xx alert. @default - the per-cloud component's defaults (5 % errors for 5 min; throttles above 0 in 5 min; p99
 * above 1,000 ms for 10 min)
 */
export interface ServerlessServiceAlarms {
  /** `false`: no alarms (then give no thresholds). @default true */
  readonly enabled?: boolean;
  /** Critical above this per cent of errors (AWS: of invocations; GCP: 5xx of requests). 1–100. @default 5 */
  readonly errorRatePercent?: number;
  /** 1–60. @default 5 */
  readonly errorMinutes?: number;
  /** GCP only: warning when p99 latency stays above this many ms for `latencyMinutes`. @default 1000 */
  readonly latencyP99Ms?: number;
  /** GCP only. @default 10 */
  readonly latencyMinutes?: number;
  /** AWS only: warning when throttles in 5 minutes are above this count. @default 0 */
  readonly throttles?: number;
}

/** The alarm thresholds each cloud's component takes. */
const ALARM_FIELDS_OF_CLOUDS: Readonly<Record<Exclude<keyof ServerlessServiceAlarms, "enabled">, readonly Cloud[]>> = {
  errorRatePercent: ["aws", "gcp"],
  errorMinutes: ["aws", "gcp"],
  latencyP99Ms: ["gcp"],
  latencyMinutes: ["gcp"],
  throttles: ["aws"],
};

export interface ServerlessServiceArgs {
  readonly cloud: Cloud;
  /** The container image, pinned to a tag or a digest (on AWS: in Amazon ECR, where Lambda runs images from). */
  readonly image: pulumi.Input<string>;
  /**
   * vCPUs per instance. GCP: 1, 2, 4, 6 or 8; Azure: 0.25–4 in steps of 0.25; AWS: unset (Lambda gives CPU in
   * proportion to memory). @default 1 (GCP), 0.5 (Azure)
   */
  readonly cpu?: number;
  /**
   * Memory per instance in MiB. AWS 128–10,240 (what Lambda calls MB); GCP 512–32,768 within the CPU's range;
   * Azure: 2,048 per vCPU exactly. @default 512 (AWS, GCP), 2,048 × cpu (Azure)
   */
  readonly memoryMiB?: number;
  /** Requests per instance at once. AWS: 1 (a Lambda environment serves one); GCP and Azure: 1–1,000. @default 1 (AWS), 80 */
  readonly concurrency?: number;
  /** Instances kept warm (AWS: provisioned concurrency). @default 0 */
  readonly minInstances?: number;
  /** The most instances (AWS: reserved concurrency). @default 10 */
  readonly maxInstances?: number;
  /** Environment variables, named by the cloud's rule (the names the cloud and the database connection set are refused). */
  readonly environment?: Record<string, pulumi.Input<string>>;
  /** Anyone on the internet may call it, unauthenticated — an explicit opt-out. @default false */
  readonly public?: boolean;
  /**
   * Served through the stack's load balancer (`AwsLoadBalancer`, `GcpLoadBalancer`), which is then its only way in.
   * AWS: no function URL (the load balancer's target group invokes the function). GCP: ingress from the VPC and load
   * balancers only, and no invoker IAM check (a load balancer cannot sign requests). Azure: external HTTPS ingress,
   * the origin of the stack's `AzureFrontDoor` (Front Door Standard reaches public origins only: the app also answers
   * on its own azurecontainerapps.io name, over HTTPS; a Private Link origin needs Front Door Premium and an internal
   * environment, not built here). @default false
   */
  readonly loadBalanced?: boolean;
  /**
   * The database it connects to (`RdsPostgres.connection()` on AWS, `CloudSqlPostgres.connection()` on GCP): `PG*`
   * variables, and the password from the cloud's secret store through the service's own identity (see
   * `AwsFunction.database`, `CloudRunService.database`). @default - none
   */
  readonly database?: DatabaseConnection;
  /** AWS: run the function in this network's private subnets (to reach a private database). @default - no VPC */
  readonly awsNetwork?: AwsNetworkRef;
  /** AWS: security groups the function may reach (its database's). Needs `awsNetwork`. @default [] */
  readonly awsAllowedDestinations?: AwsSecurityGroupPort[];
  /** The container's port (GCP and Azure). @default 8080 */
  readonly port?: number;
  /** GCP: the region. */
  readonly region?: string;
  /** GCP: Direct VPC egress through this network's subnet. */
  readonly gcpNetwork?: GcpSubnetRef;
  /** Azure: the resource group and location. */
  readonly resourceGroupName?: pulumi.Input<string>;
  readonly location?: string;
  /**
   * Protect the per-cloud component's stateful children (AWS: the log group and the environment's key). The
   * component's own `protect` resource option says the same; when both are given they must agree.
   * @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  /**
   * Where the alarms go, by severity (`AlertRouting`'s destinations), handed to the per-cloud component: the
   * Lambda's CloudWatch alarms (`alerts.aws`), Cloud Run's alert policies (`alerts.gcp`), the Container App's metric
   * alert (`alerts.azure`). Without it the alarms exist but notify no one.
   * @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alarms' thresholds (see `ServerlessServiceAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: ServerlessServiceAlarms;
  readonly tags?: Tags;
}

/** The fields that belong to some clouds only: set for another cloud, they would be ignored, so they are refused. */
const FIELDS_OF_CLOUDS: Readonly<Record<string, readonly Cloud[]>> = {
  awsNetwork: ["aws"],
  awsAllowedDestinations: ["aws"],
  region: ["gcp"],
  gcpNetwork: ["gcp"],
  resourceGroupName: ["azure"],
  location: ["azure"],
  port: ["gcp", "azure"],
};

/** Refuses a field set for a cloud it does not apply to (`checkFieldOfCloud`'s rule, for fields that are optional on their cloud). */
function checkFieldsOfCloud(check: Validator, cloud: Cloud, args: object): void {
  for (const [field, clouds] of Object.entries(FIELDS_OF_CLOUDS)) {
    if ((args as Record<string, unknown>)[field] !== undefined && !clouds.includes(cloud)) {
      check.fail(field, "set", `unset (cloud is ${cloud}; ${field} is for ${clouds.join(" and ")})`);
    }
  }
}

/** The per-cloud component's field names that the facade's user wrote differently. */
const FACADE_FIELD: Readonly<Record<string, string>> = {
  imageUri: "image",
  reservedConcurrency: "maxInstances",
  provisionedConcurrency: "minInstances",
  network: "awsNetwork",
  allowedDestinations: "awsAllowedDestinations",
  containerPort: "port",
  minReplicas: "minInstances",
  maxReplicas: "maxInstances",
};

interface Resolved {
  readonly protect: boolean;
  readonly aws?: AwsFunctionArgs;
  readonly gcp?: CloudRunServiceArgs;
  readonly azure?: AzureContainerAppArgs;
}

/**
 * Validates the spec once, against the chosen cloud's limits, naming the cloud and service in the error; then the
 * per-cloud component's own validation of what it will be given, its errors reported as this component's (so
 * nothing is registered when the per-cloud component would refuse).
 */
export function validateServerlessServiceArgs(name: string, args: ServerlessServiceArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { awsVpc: "unset: give awsNetwork (an AwsNetworkRef) and awsAllowedDestinations", network: "unset: give gcpNetwork (a GcpNetworkRef)", memoryMb: "unset: the argument is memoryMiB (the value is in MiB)" });
  checkComponentName(check, name);
  check.requiredOneOf("cloud", args.cloud, CLOUDS);
  const protect = resolveProtect(check, opts, args.protect);
  checkFieldsOfCloud(check, args.cloud, args);
  checkTagsArg(check, args.tags, args.cloud);
  check.bool("public", args.public);
  check.bool("loadBalanced", args.loadBalanced);
  if (args.public === true && args.loadBalanced === true) check.fail("public", true, "false when loadBalanced is true (the load balancer is the only way in)");
  if (args.database !== undefined && args.cloud === "azure") check.fail("database", "set", "unset on azure (Container Apps are not wired to a database yet)");
  if (args.image === undefined || args.image === "") check.fail("image", args.image, "a container image reference");
  const on = (what: string) => `${what} (${args.cloud === "aws" ? "AWS Lambda" : args.cloud === "gcp" ? "Cloud Run" : "Azure Container Apps"}'s limit)`;
  const minInstances = args.minInstances ?? 0;
  const maxInstances = args.maxInstances ?? 10;
  check.intRange("maxInstances", maxInstances, 1, args.cloud === "azure" ? CONTAINER_APP_LIMITS.maxReplicas : args.cloud === "gcp" ? CLOUD_RUN_LIMITS.maxInstances[1] : 1000);
  if (!Number.isInteger(minInstances) || minInstances < 0 || minInstances > maxInstances) check.fail("minInstances", minInstances, `an integer from 0 to maxInstances (${maxInstances})`);
  const alarms = checkAlarmsArg<ServerlessServiceAlarms>(check, "alarms", args.alarms, "{ errorRatePercent, errorMinutes, latencyP99Ms, latencyMinutes, throttles }");
  if (alarms !== false) {
    if (args.cloud === "azure" && args.alarms !== undefined) check.fail("alarms", args.alarms, "{ enabled: false } or unset on azure (the Container App's one alert has no threshold here: use AzureContainerApp's errorAlertThreshold)");
    for (const [field, clouds] of Object.entries(ALARM_FIELDS_OF_CLOUDS)) {
      if ((alarms as Record<string, unknown>)[field] !== undefined && !clouds.includes(args.cloud)) check.fail(`alarms.${field}`, (alarms as Record<string, unknown>)[field], `unset (cloud is ${args.cloud}; ${field} is for ${clouds.join(" and ")})`);
    }
  }
  const guard = <A>(validate: () => unknown, mapped: A): A => {
    reportAs(check, validate, (field) => {
      const head = /^[^.[]+/.exec(field)?.[0] ?? field;
      return `${hasOwn(FACADE_FIELD, head) ? FACADE_FIELD[head] : head}${field.slice(head.length)}`;
    });
    return mapped;
  };
  switch (args.cloud) {
    case "aws": {
      if (args.cpu !== undefined) check.fail("cpu", args.cpu, "unset on aws (Lambda allocates CPU in proportion to memory: one vCPU at 1,769 MiB)");
      const memoryMiB = args.memoryMiB ?? 512;
      const [lo, hi] = LAMBDA_LIMITS.memoryMiB;
      if (!Number.isInteger(memoryMiB) || memoryMiB < lo || memoryMiB > hi) check.fail("memoryMiB", memoryMiB, on(`an integer from ${lo} to ${hi}`));
      if ((args.concurrency ?? 1) !== 1) check.fail("concurrency", args.concurrency, on("1: a Lambda environment serves one request at a time"));
      if (typeof args.image === "string" && !/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//.test(args.image)) check.fail("image", args.image, on("an Amazon ECR image (Lambda runs images from ECR only)"));
      if (args.awsAllowedDestinations !== undefined && args.awsNetwork === undefined) check.fail("awsAllowedDestinations", args.awsAllowedDestinations, "unset without awsNetwork (a function outside a VPC has no security group)");
      const aws: AwsFunctionArgs = {
        imageUri: args.image,
        memoryMiB,
        environment: args.environment,
        reservedConcurrency: maxInstances,
        provisionedConcurrency: minInstances > 0 ? minInstances : undefined,
        url: args.loadBalanced ? undefined : { authType: args.public ? "NONE" : "AWS_IAM" },
        network: args.awsNetwork,
        allowedDestinations: args.awsAllowedDestinations,
        database: args.database,
        protect,
        alerts: args.alerts,
        alarms: alarms === false ? { enabled: false } : { errorRatePercent: alarms.errorRatePercent, errorMinutes: alarms.errorMinutes, throttles: alarms.throttles },
      };
      return { protect, aws: guard(() => validateAwsFunctionArgs(name, aws), aws) };
    }
    case "gcp": {
      if (args.region === undefined) check.fail("region", undefined, 'the GCP region, such as "us-central1" (required on gcp)');
      const cpu = args.cpu ?? 1;
      if (!(CLOUD_RUN_LIMITS.cpus as readonly string[]).includes(String(cpu)) || typeof cpu !== "number") check.fail("cpu", cpu, on(`one of ${CLOUD_RUN_LIMITS.cpus.join(", ")}`));
      const memoryMiB = args.memoryMiB ?? 512;
      const [lo, hi] = CLOUD_RUN_LIMITS.memoryMiB;
      if (!Number.isInteger(memoryMiB) || memoryMiB < lo || memoryMiB > hi) check.fail("memoryMiB", memoryMiB, on(`an integer from ${lo} to ${hi}`));
      const concurrency = args.concurrency ?? 80;
      check.intRange("concurrency", concurrency, ...CLOUD_RUN_LIMITS.concurrency);
      const gcp: CloudRunServiceArgs = {
        region: args.region!,
        image: args.image,
        cpu: String(cpu) as CloudRunCpu,
        memoryMiB,
        concurrency,
        minInstances,
        maxInstances,
        containerPort: args.port,
        environment: args.environment,
        ingress: args.public ? "all" : "internal-and-load-balancer",
        allowUnauthenticated: args.public ?? false,
        invokerIamCheck: args.loadBalanced ? false : undefined,
        network: args.gcpNetwork,
        database: args.database,
        alerts: args.alerts,
        alarms: alarms === false ? { enabled: false } : { errorRatePercent: alarms.errorRatePercent, errorMinutes: alarms.errorMinutes, latencyP99Ms: alarms.latencyP99Ms, latencyMinutes: alarms.latencyMinutes },
      };
      return { protect, gcp: guard(() => validateCloudRunServiceArgs(name, gcp), gcp) };
    }
    case "azure": {
      if (args.resourceGroupName === undefined) check.fail("resourceGroupName", args.resourceGroupName, "the resource group (required on azure)");
      if (args.location === undefined) check.fail("location", undefined, 'the Azure location, such as "eastus" (required on azure)');
      const cpu = args.cpu ?? 0.5;
      if (!isContainerAppCpu(cpu)) check.fail("cpu", cpu, on("0.25 to 4 vCPUs in steps of 0.25"));
      const memoryMiB = args.memoryMiB ?? cpu * CONTAINER_APP_LIMITS.memoryMiBPerCpu;
      if (memoryMiB !== cpu * CONTAINER_APP_LIMITS.memoryMiBPerCpu) check.fail("memoryMiB", memoryMiB, on(`${cpu * CONTAINER_APP_LIMITS.memoryMiBPerCpu} (2,048 MiB per vCPU; ${cpu} vCPU asked)`));
      const concurrency = args.concurrency ?? 80;
      check.intRange("concurrency", concurrency, 1, 1000);
      const azure: AzureContainerAppArgs = {
        resourceGroupName: args.resourceGroupName!,
        location: args.location!,
        image: args.image,
        cpu,
        concurrency,
        minReplicas: minInstances,
        maxReplicas: maxInstances,
        port: args.port,
        // Front Door (the Azure entry point) reaches the app on its public ingress.
        external: (args.public ?? false) || (args.loadBalanced ?? false),
        environment: args.environment,
        alerts: args.alerts,
        alarms: alarms === false ? { enabled: false } : undefined,
      };
      return { protect, azure: guard(() => validateAzureContainerAppArgs(name, azure), azure) };
    }
  }
  return check.fail("cloud", args.cloud, `one of ${CLOUDS.join(", ")}`);
}

/**
 * One container service spec for any cloud. AWS: a container-image Lambda with a function URL (IAM-signed unless
 * public). GCP: Cloud Run. Azure: Container Apps — not a function app, because a container image with CPU,
 * memory, concurrency and replica bounds is what Container Apps runs, and Flex Consumption function apps take no
 * container images.
 */
export class ServerlessService extends pulumi.ComponentResource {
  public readonly cloud: Cloud;
  /**
   * Where to call it: the function URL, the Cloud Run URI, or the Container App's FQDN. Empty for a load-balanced
   * AWS function, which has no URL of its own (call the load balancer).
   */
  public readonly url: pulumi.Output<string>;

  /**
   * The per-cloud component. A getter rather than a field: a component is not data another language can receive,
   * so it stays out of the multi-language schema (whose outputs are this class's fields).
   */
  public get service(): AwsFunction | CloudRunService | AzureContainerApp {
    return perCloud.get(this);
  }

  constructor(name: string, args: ServerlessServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateServerlessServiceArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.cloud = args.cloud;
    // The per-cloud component waits on what this one was told to wait on.
    const child = childOptions(this, opts);
    if (a.aws) {
      const fn = new AwsFunction(name, a.aws, child);
      perCloud.set(this, fn);
      this.url = fn.url ?? pulumi.output("");
    } else if (a.gcp) {
      const svc = new CloudRunService(name, a.gcp, child);
      perCloud.set(this, svc);
      this.url = svc.uri;
    } else {
      const app = new AzureContainerApp(name, a.azure!, child);
      perCloud.set(this, app);
      // The app's stable name; the latest revision's (a new name with each revision) only where ingress reports none.
      this.url = pulumi.all([app.ingressFqdn, app.fqdn]).apply(([stable, revision]) => `https://${stable || revision}`);
    }
    this.registerOutputs({ url: this.url });
  }
}
