import * as pulumi from "@pulumi/pulumi";
import { CLOUDS, OffSchema, childOptions, validator, withStandardTags, type Cloud, type Tags } from "../core/shared";
import type { GcpSubnetRef } from "../network/gcp-network";
import type { DatabaseConnection } from "../database/connection";
import { AwsFunction, LAMBDA_LIMITS, type AwsFunctionVpc } from "./aws-function";
import { AzureContainerApp, CONTAINER_APP_LIMITS } from "./azure-container-app";
import { CLOUD_RUN_LIMITS, CloudRunService, type CloudRunCpu } from "./cloud-run-service";

const TYPE = "meridian:serverless:ServerlessService";

/** Each service's per-cloud component, kept off the instance's fields: see `ServerlessService.service`. */
const perCloud = new OffSchema<ServerlessService, AwsFunction | CloudRunService | AzureContainerApp>();

export interface ServerlessServiceArgs {
  readonly cloud: Cloud;
  /** The container image (on AWS: in Amazon ECR, where Lambda runs images from). */
  readonly image: pulumi.Input<string>;
  /**
   * vCPUs per instance. GCP: 1, 2, 4, 6 or 8; Azure: 0.25–4 in steps of 0.25; AWS: unset (Lambda gives CPU in
   * proportion to memory). @default 1 (GCP), 0.5 (Azure)
   */
  readonly cpu?: number;
  /** MB per instance. AWS 128–10,240; GCP 512–32,768; Azure: 2,048 per vCPU exactly. @default 512 (AWS, GCP), 2,048 × cpu (Azure) */
  readonly memoryMb?: number;
  /** Requests per instance at once. AWS: 1 (a Lambda environment serves one); GCP and Azure: 1–1,000. @default 1 (AWS), 80 */
  readonly concurrency?: number;
  /** Instances kept warm (AWS: provisioned concurrency). @default 0 */
  readonly minInstances?: number;
  /** The most instances (AWS: reserved concurrency). @default 10 */
  readonly maxInstances?: number;
  readonly environment?: Record<string, pulumi.Input<string>>;
  /** Anyone on the internet may call it, unauthenticated — an explicit opt-out. @default false */
  readonly public?: boolean;
  /**
   * Served through the stack's load balancer (`AwsLoadBalancer`, `GcpLoadBalancer`), which is then its only way in.
   * AWS: no function URL (the load balancer's target group invokes the function). GCP: ingress from the VPC and load
   * balancers only, and no invoker IAM check (a load balancer cannot sign requests). @default false
   */
  readonly loadBalanced?: boolean;
  /**
   * The database it connects to (`RdsPostgres.connection()` on AWS, `CloudSqlPostgres.connection()` on GCP): `PG*`
   * variables, and the password from the cloud's secret store through the service's own identity (see
   * `AwsFunction.database`, `CloudRunService.database`). @default - none
   */
  readonly database?: DatabaseConnection;
  /** AWS: run the function in these private subnets (to reach a private database). @default - no VPC */
  readonly awsVpc?: AwsFunctionVpc;
  /** The container's port (GCP and Azure). @default 8080 */
  readonly port?: number;
  /** GCP: the region. */
  readonly region?: string;
  /** GCP: Direct VPC egress through this network. */
  readonly network?: GcpSubnetRef;
  /** Azure: the resource group and location. */
  readonly resourceGroupName?: pulumi.Input<string>;
  readonly location?: string;
  readonly tags?: Tags;
}

/** Validates the spec once, against the chosen cloud's limits, naming the cloud and service in the error. */
export function validateServerlessServiceArgs(name: string, args: ServerlessServiceArgs) {
  const check = validator(TYPE, name);
  check.oneOf("cloud", args.cloud, CLOUDS);
  if (args.public === true && args.loadBalanced === true) check.fail("public", true, "false when loadBalanced is true (the load balancer is the only way in)");
  if (args.loadBalanced === true && args.cloud === "azure") check.fail("loadBalanced", true, "false on azure (no Azure entry point is wired to Container Apps yet)");
  if (args.database !== undefined && args.cloud === "azure") check.fail("database", "set", "unset on azure (Container Apps are not wired to a database yet)");
  if (args.awsVpc !== undefined && args.cloud !== "aws") check.fail("awsVpc", "set", `unset (cloud is ${args.cloud})`);
  const on = (what: string) => `${what} (${args.cloud === "aws" ? "AWS Lambda" : args.cloud === "gcp" ? "Cloud Run" : "Azure Container Apps"}'s limit)`;
  const minInstances = args.minInstances ?? 0;
  const maxInstances = args.maxInstances ?? 10;
  check.intRange("maxInstances", maxInstances, 1, args.cloud === "azure" ? CONTAINER_APP_LIMITS.maxReplicas : args.cloud === "gcp" ? CLOUD_RUN_LIMITS.maxInstances[1] : 1000);
  if (!Number.isInteger(minInstances) || minInstances < 0 || minInstances > maxInstances) check.fail("minInstances", minInstances, `an integer from 0 to maxInstances (${maxInstances})`);
  switch (args.cloud) {
    case "aws": {
      if (args.cpu !== undefined) check.fail("cpu", args.cpu, "unset on aws (Lambda allocates CPU in proportion to memory: one vCPU at 1,769 MB)");
      const memoryMb = args.memoryMb ?? 512;
      const [lo, hi] = LAMBDA_LIMITS.memoryMb;
      if (!Number.isInteger(memoryMb) || memoryMb < lo || memoryMb > hi) check.fail("memoryMb", memoryMb, on(`an integer from ${lo} to ${hi}`));
      if ((args.concurrency ?? 1) !== 1) check.fail("concurrency", args.concurrency, on("1: a Lambda environment serves one request at a time"));
      if (typeof args.image === "string" && !/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//.test(args.image)) check.fail("image", args.image, on("an Amazon ECR image (Lambda runs images from ECR only)"));
      return { memoryMb, minInstances, maxInstances, cpu: undefined, concurrency: 1 };
    }
    case "gcp": {
      check.requiredPattern("region", args.region, /^[a-z]+-[a-z]+\d+$/, 'the GCP region, such as "us-central1"');
      const cpu = args.cpu ?? 1;
      if (!(CLOUD_RUN_LIMITS.cpus as readonly string[]).includes(String(cpu))) check.fail("cpu", cpu, on(`one of ${CLOUD_RUN_LIMITS.cpus.join(", ")}`));
      const memoryMb = args.memoryMb ?? 512;
      const [lo, hi] = CLOUD_RUN_LIMITS.memoryMiB;
      if (!Number.isInteger(memoryMb) || memoryMb < lo || memoryMb > hi) check.fail("memoryMb", memoryMb, on(`an integer from ${lo} to ${hi}`));
      const concurrency = args.concurrency ?? 80;
      check.intRange("concurrency", concurrency, ...CLOUD_RUN_LIMITS.concurrency);
      return { memoryMb, minInstances, maxInstances, cpu, concurrency };
    }
    case "azure": {
      if (args.resourceGroupName === undefined) check.fail("resourceGroupName", args.resourceGroupName, "the resource group (required on azure)");
      check.requiredPattern("location", args.location, /^[a-z][a-z0-9]*$/, 'the Azure location, such as "eastus"');
      const cpu = args.cpu ?? 0.5;
      if (!(cpu >= CONTAINER_APP_LIMITS.cpuMin && cpu <= CONTAINER_APP_LIMITS.cpuMax && Number.isInteger(cpu / CONTAINER_APP_LIMITS.cpuStep))) check.fail("cpu", cpu, on("0.25 to 4 vCPUs in steps of 0.25"));
      const memoryMb = args.memoryMb ?? cpu * CONTAINER_APP_LIMITS.memoryMbPerCpu;
      if (memoryMb !== cpu * CONTAINER_APP_LIMITS.memoryMbPerCpu) check.fail("memoryMb", memoryMb, on(`${cpu * CONTAINER_APP_LIMITS.memoryMbPerCpu} (2,048 MB per vCPU; ${cpu} vCPU asked)`));
      const concurrency = args.concurrency ?? 80;
      check.intRange("concurrency", concurrency, 1, 1000);
      return { memoryMb, minInstances, maxInstances, cpu, concurrency };
    }
  }
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
    const a = validateServerlessServiceArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.cloud = args.cloud;
    // The per-cloud component waits on what this one was told to wait on.
    const child = childOptions(this, opts);
    switch (args.cloud) {
      case "aws": {
        const fn = new AwsFunction(
          name,
          {
            imageUri: args.image,
            memoryMb: a.memoryMb,
            environment: args.environment,
            reservedConcurrency: a.maxInstances,
            provisionedConcurrency: a.minInstances > 0 ? a.minInstances : undefined,
            url: args.loadBalanced ? undefined : { authType: args.public ? "NONE" : "AWS_IAM" },
            vpc: args.awsVpc,
            database: args.database,
          },
          child,
        );
        perCloud.set(this, fn);
        this.url = fn.url ?? pulumi.output("");
        break;
      }
      case "gcp": {
        const svc = new CloudRunService(
          name,
          {
            region: args.region!,
            image: args.image,
            cpu: String(a.cpu) as CloudRunCpu,
            memoryMiB: a.memoryMb,
            concurrency: a.concurrency,
            minInstances: a.minInstances,
            maxInstances: a.maxInstances,
            containerPort: args.port,
            environment: args.environment,
            ingress: args.public ? "all" : "internal-and-load-balancer",
            allowUnauthenticated: args.public ?? false,
            invokerIamCheck: args.loadBalanced ? false : undefined,
            network: args.network,
            database: args.database,
          },
          child,
        );
        perCloud.set(this, svc);
        this.url = svc.uri;
        break;
      }
      case "azure": {
        const app = new AzureContainerApp(
          name,
          {
            resourceGroupName: args.resourceGroupName!,
            location: args.location!,
            image: args.image,
            cpu: a.cpu,
            concurrency: a.concurrency,
            minReplicas: a.minInstances,
            maxReplicas: a.maxInstances,
            port: args.port,
            external: args.public ?? false,
            environment: args.environment,
          },
          child,
        );
        perCloud.set(this, app);
        this.url = pulumi.interpolate`https://${app.fqdn}`;
        break;
      }
    }
    this.registerOutputs({ url: this.url });
  }
}
