import * as pulumi from "@pulumi/pulumi";
import { ContainerApp } from "@pulumi/azure-native/app/containerApp";
import { ManagedEnvironment } from "@pulumi/azure-native/app/managedEnvironment";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, validator, withStandardTags, type Tags } from "../core/shared";
import { checkRef, checkTagsArg } from "../core/internal/checks";
import { checkEnvironment, checkImage } from "../core/internal/workload-checks";
import { CONTAINER_APPS_ENVIRONMENT } from "./internal/checks";

const TYPE = "meridian:serverless:AzureContainerApp";

/**
 * Container Apps (Consumption) sizes: 0.25 to 4 vCPUs in steps of 0.25, with 2 GiB of memory per vCPU; up to
 * 1,000 replicas. Source: Azure Container Apps docs, "Containers — Allocations" and "Quotas" (checked 2026-11-22).
 */
export const CONTAINER_APP_LIMITS = { cpuMin: 0.25, cpuMax: 4, cpuStep: 0.25, memoryMiBPerCpu: 2048, maxReplicas: 1000 } as const;

/** True when `cpu` is a Container Apps (Consumption) size: 0.25 to 4 vCPUs in steps of 0.25. */
export function isContainerAppCpu(cpu: unknown): cpu is number {
  return typeof cpu === "number" && cpu >= CONTAINER_APP_LIMITS.cpuMin && cpu <= CONTAINER_APP_LIMITS.cpuMax && Number.isInteger(cpu / CONTAINER_APP_LIMITS.cpuStep);
}

export interface AzureContainerAppArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly image: pulumi.Input<string>;
  /** vCPUs, 0.25–4 in steps of 0.25 (memory follows: 2 GiB per vCPU). @default 0.5 */
  readonly cpu?: number;
  /** @default 0 */
  readonly minReplicas?: number;
  /** @default 10 */
  readonly maxReplicas?: number;
  /** Concurrent requests per replica before another is added. @default 80 */
  readonly concurrency?: number;
  /** @default 8080 */
  readonly port?: number;
  /** Reachable from the internet (HTTPS only) rather than from the environment only — an explicit opt-out. @default false */
  readonly external?: boolean;
  /** Environment variables: names of letters, digits, `_`, `-` and `.`, not starting with a digit. */
  readonly environment?: Record<string, pulumi.Input<string>>;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzureContainerAppArgs(name: string, args: AzureContainerAppArgs) {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name, auto-named by Pulumi: the app ("<name>-app-xxxxxxx", at most 32) and its environment.
  checkComponentName(check, name, [derived(NAME_RULES.azure.containerAppName, "-app", true), derived(NAME_RULES.azure.containerAppEnvironmentName, "-env", true)]);
  checkRef(check, "resourceGroupName", args.resourceGroupName, "the resource group's name");
  checkAzureLocation(check, "location", args.location);
  if (args.image === undefined || args.image === "") check.fail("image", args.image, "a container image reference");
  checkImage(check, "image", args.image);
  const cpu = args.cpu ?? 0.5;
  if (!isContainerAppCpu(cpu)) check.fail("cpu", cpu, "0.25 to 4 vCPUs in steps of 0.25");
  const maxReplicas = args.maxReplicas ?? 10;
  check.intRange("maxReplicas", maxReplicas, 1, CONTAINER_APP_LIMITS.maxReplicas);
  const minReplicas = args.minReplicas ?? 0;
  check.intRange("minReplicas", minReplicas, 0, maxReplicas);
  const concurrency = args.concurrency ?? 80;
  check.intRange("concurrency", concurrency, 1, 1000);
  const port = args.port ?? 8080;
  check.intRange("port", port, 1, 65535);
  check.bool("external", args.external);
  checkEnvironment(check, "environment", args.environment, CONTAINER_APPS_ENVIRONMENT);
  checkTagsArg(check, args.tags, "azure");
  return { cpu, memoryGiB: (cpu * CONTAINER_APP_LIMITS.memoryMiBPerCpu) / 1024, minReplicas, maxReplicas, concurrency, port };
}

/**
 * An Azure Container App (Consumption) in its own managed environment: a system-assigned identity, HTTPS
 * ingress (internal to the environment unless `external`), HTTP-concurrency autoscaling between the replica
 * bounds.
 */
export class AzureContainerApp extends pulumi.ComponentResource {
  public readonly fqdn: pulumi.Output<string>;
  public readonly containerAppName: pulumi.Output<string>;
  public readonly principalId: pulumi.Output<string>;

  constructor(name: string, args: AzureContainerAppArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzureContainerAppArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const env = new ManagedEnvironment(`${name}-env`, { resourceGroupName: args.resourceGroupName, location: args.location, appLogsConfiguration: { destination: "azure-monitor" } }, parent);
    const app = new ContainerApp(
      `${name}-app`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        managedEnvironmentId: env.id,
        identity: { type: "SystemAssigned" },
        configuration: {
          activeRevisionsMode: "Single",
          ingress: { external: args.external ?? false, targetPort: a.port, allowInsecure: false, transport: "auto" },
        },
        template: {
          containers: [
            {
              name: "app",
              image: args.image,
              resources: { cpu: a.cpu, memory: `${a.memoryGiB}Gi` },
              env: Object.entries(args.environment ?? {}).map(([k, value]) => ({ name: k, value })),
            },
          ],
          scale: { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas, rules: [{ name: "http", http: { metadata: { concurrentRequests: String(a.concurrency) } } }] },
        },
      },
      parent,
    );
    this.fqdn = app.latestRevisionFqdn;
    this.containerAppName = app.name;
    this.principalId = app.identity.apply((i) => i?.principalId ?? "");
    this.registerOutputs({ fqdn: this.fqdn, containerAppName: this.containerAppName, principalId: this.principalId });
  }
}
