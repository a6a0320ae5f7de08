import * as pulumi from "@pulumi/pulumi";
import { ContainerApp } from "@pulumi/azure-native/app/containerApp";
import { ManagedEnvironment } from "@pulumi/azure-native/app/managedEnvironment";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, validator, withStandardTags, type Tags } from "../core/shared";
import { checkRef, checkTagsArg } from "../core/internal/checks";
import { checkEnvironment, checkImage } from "../core/internal/workload-checks";
import { CONTAINER_APPS_ENVIRONMENT } from "./internal/checks";
import type { AlertDestinations } from "../core/alerts";
import { checkAzureAlertDestinations, createAzureMetricAlerts, type AzureMetricAlertSpec } from "../core/internal/azure-metric-alerts";

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
  /**
   * Where the app's metric alerts go (`alerts.azure`: an action group per severity). Without it the alerts exist and
   * notify no one. @default - no actions
   */
  readonly alerts?: AlertDestinations;
  /** 5xx responses in 5 minutes above which the error alert fires. @default 10 */
  readonly errorAlertThreshold?: number;
  /** `{ enabled: false }` creates no metric alert (as the other components' `alarms`). @default - the alert */
  readonly alarms?: AzureContainerAppAlarms;
  readonly tags?: Tags;
}

/** The Container App's alert switch. */
export interface AzureContainerAppAlarms {
  /** @default true */
  readonly enabled?: boolean;
}

/**
 * The app's metric alerts. Container Apps publish `Requests` (a count, with the dimension `statusCodeCategory`) but no
 * error percentage and no response time: Azure Monitor, "Supported metrics for Microsoft.App/containerapps" (checked
 * 2026-11-30). So the alert here counts 5xx responses; the 5 % error rate and the latency alerts are the entry
 * point's (AzureFrontDoor), which publishes both. Checked against the docs and the provider's types only.
 */
export function azureContainerAppAlertSpecs(name: string, errorThreshold: number): AzureMetricAlertSpec[] {
  return [
    {
      key: "5xx",
      severity: "warning",
      subject: `AzureContainerApp ${name}`,
      condition: `more than ${errorThreshold} 5xx responses in 5 min`,
      step: "function-errors",
      metricNamespace: "Microsoft.App/containerApps",
      metricName: "Requests",
      aggregation: "Total",
      operator: "GreaterThan",
      threshold: errorThreshold,
      windowMinutes: 5,
      dimensions: [{ name: "statusCodeCategory", values: ["5xx"] }],
    },
  ];
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
  checkAzureAlertDestinations(check, args.alerts);
  const alarms = check.record<AzureContainerAppAlarms>("alarms", args.alarms, "{ enabled: false } or unset");
  check.bool("alarms.enabled", alarms.enabled);
  for (const key of Object.keys(alarms)) if (key !== "enabled") check.fail(`alarms.${key}`, (alarms as Record<string, unknown>)[key], "unset (the Container App's alert takes errorAlertThreshold; alarms has enabled only)");
  const errorAlertThreshold = args.errorAlertThreshold ?? 10;
  check.intRange("errorAlertThreshold", errorAlertThreshold, 1, 1_000_000);
  return { errorAlertThreshold, cpu, memoryGiB: (cpu * CONTAINER_APP_LIMITS.memoryMiBPerCpu) / 1024, minReplicas, maxReplicas, concurrency, port };
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
  /** The app's resource id (the scope of its metric alerts). */
  public readonly containerAppId: pulumi.Output<string>;
  /** The app's stable ingress host name (`<app>.<env>.<location>.azurecontainerapps.io`): an entry point's origin. */
  public readonly ingressFqdn: pulumi.Output<string>;

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
    if (args.alarms?.enabled !== false) createAzureMetricAlerts(name, app.id, args.resourceGroupName, azureContainerAppAlertSpecs(name, a.errorAlertThreshold), args.alerts, parent);
    this.containerAppId = app.id;
    // Not the latest revision's host name, which changes with every revision.
    this.ingressFqdn = app.configuration.apply((c) => c?.ingress?.fqdn ?? "");
    this.fqdn = app.latestRevisionFqdn;
    this.containerAppName = app.name;
    this.principalId = app.identity.apply((i) => i?.principalId ?? "");
    this.registerOutputs({ fqdn: this.fqdn, containerAppName: this.containerAppName, principalId: this.principalId });
  }
}
