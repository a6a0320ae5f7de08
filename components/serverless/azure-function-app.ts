import * as pulumi from "@pulumi/pulumi";
import { Component } from "@pulumi/azure-native/applicationinsights/component";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { AppServicePlan } from "@pulumi/azure-native/web/appServicePlan";
import { WebApp } from "@pulumi/azure-native/web/webApp";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, resolveProtect, statefulOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { stableSuffix } from "../core/naming";
import { acknowledgementTags } from "../core/acknowledgements";
import { checkRef, checkReplacedArgs, checkTagsArg } from "../core/internal/checks";
import { checkEnvironment } from "../core/internal/workload-checks";
import { FUNCTION_APP_SETTINGS } from "./internal/checks";

const TYPE = "meridian:serverless:AzureFunctionApp";

/**
 * The findings the policy pack reports on a function app as this component builds it, each a choice it makes on
 * purpose, acknowledged on the resource with the reason (README, Policies: acknowledged findings).
 */
const STORAGE_ACKS = acknowledgementTags(
  [
    { rule: "meridian-exposure-public-endpoints", reason: "the function app's runtime storage: the Functions host reaches it over its public endpoint (no VNet integration), HTTPS only, no public blobs" },
    { rule: "meridian-resilience-high-availability", reason: "the function app's runtime storage (deployment package, host state): a deploy recreates it; it holds no data of record" },
  ],
  TYPE,
);
const APP_ACKS = acknowledgementTags([{ rule: "meridian-exposure-public-endpoints", reason: "an HTTP entry point: callers (or Front Door) reach the function app over its public endpoint, HTTPS only" }], TYPE);

/** Runtimes and versions accepted (Azure Functions docs, "Supported languages", Functions 4.x on Linux, checked 2026-11-22). */
export const FUNCTION_RUNTIMES = {
  node: ["20", "22"],
  python: ["3.10", "3.11", "3.12"],
  "dotnet-isolated": ["8.0", "9.0"],
  java: ["17", "21"],
  powershell: ["7.4"],
} as const satisfies Record<FunctionRuntime, readonly string[]>;
/** The language stacks Azure Functions runs. */
export const FunctionRuntime = { Node: "node", Python: "python", DotnetIsolated: "dotnet-isolated", Java: "java", PowerShell: "powershell" } as const;
export type FunctionRuntime = (typeof FunctionRuntime)[keyof typeof FunctionRuntime];

export const FunctionPlan = { FlexConsumption: "FlexConsumption", Consumption: "Consumption", Premium: "Premium" } as const;
export type FunctionPlan = (typeof FunctionPlan)[keyof typeof FunctionPlan];
const PLAN_SKU = {
  FlexConsumption: { name: "FC1", tier: "FlexConsumption" },
  Consumption: { name: "Y1", tier: "Dynamic" },
  Premium: { name: "EP1", tier: "ElasticPremium" },
} as const;
/**
 * Flex Consumption instance sizes in MiB (Azure Functions docs, "Flex Consumption plan", checked 2026-11-22; Azure
 * writes "MB", and `instanceMemoryMB` takes the number as it is: 2,048 is 2 GiB).
 */
export const FLEX_INSTANCE_MEMORY_MIB = [512, 2048, 4096] as const;
/** @deprecated The same sizes, in MiB: use `FLEX_INSTANCE_MEMORY_MIB`. */
export const FLEX_INSTANCE_MEMORY_MB = FLEX_INSTANCE_MEMORY_MIB;

/**
 * App settings the component sets itself (a user's value would be silently replaced or would break the app), in
 * upper case (setting names are compared without case); `AzureWebJobsStorage` with any `__` suffix is the
 * storage connection's.
 */
const SETTINGS_SET_HERE = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION"];
const isSetHere = (k: string) => SETTINGS_SET_HERE.includes(k.toUpperCase()) || /^AZUREWEBJOBSSTORAGE($|__)/i.test(k);

/** Storage Blob Data Owner: the built-in role the app's identity needs on its storage account. */
const STORAGE_BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

export interface AzureFunctionAppArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly runtime: FunctionRuntime;
  readonly runtimeVersion: string;
  /** @default "FlexConsumption" */
  readonly plan?: FunctionPlan;
  /** Flex Consumption: the most instances, 40–1,000. @default 100 */
  readonly maximumInstanceCount?: number;
  /** Flex Consumption: memory per instance in MiB (what Azure calls MB), 512, 2,048 or 4,096. @default 2048 */
  readonly instanceMemoryMiB?: number;
  /**
   * App settings. The ones the component sets (`APPLICATIONINSIGHTS_CONNECTION_STRING`, `AzureWebJobsStorage*`,
   * `FUNCTIONS_WORKER_RUNTIME`, `FUNCTIONS_EXTENSION_VERSION`) are refused.
   */
  readonly appSettings?: Record<string, pulumi.Input<string>>;
  /** Days the Log Analytics workspace keeps logs, 30–730. @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Protect the stateful children in Pulumi (the storage account and the Log Analytics workspace). The component's
   * own `protect` resource option says the same; when both are given they must agree.
   * @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

interface Resolved {
  readonly protect: boolean;
  readonly plan: FunctionPlan;
  readonly maximumInstanceCount: number;
  readonly instanceMemoryMiB: number;
  readonly logRetentionDays: number;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzureFunctionAppArgs(name: string, args: AzureFunctionAppArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { instanceMemoryMb: "unset: the argument is instanceMemoryMiB (the value is in MiB)" });
  // Physical names from the component's name, auto-named by Pulumi: the function app (its host name), the
  // workspace and plan. The storage account's name is derived (storageAccountName) and always valid.
  checkComponentName(check, name, [derived(NAME_RULES.azure.webSiteName, "-app", true), derived(NAME_RULES.azure.resourceName, "-logs", true)]);
  const protect = resolveProtect(check, opts, args.protect);
  checkRef(check, "resourceGroupName", args.resourceGroupName, "the resource group's name");
  checkAzureLocation(check, "location", args.location);
  const versions = check.lookup("runtime", args.runtime, FUNCTION_RUNTIMES) as readonly string[];
  check.requiredOneOf("runtimeVersion", args.runtimeVersion, versions);
  const plan = args.plan ?? "FlexConsumption";
  check.oneOf("plan", plan, Object.values(FunctionPlan));
  const maximumInstanceCount = args.maximumInstanceCount ?? 100;
  check.intRange("maximumInstanceCount", maximumInstanceCount, 40, 1000);
  const instanceMemoryMiB = args.instanceMemoryMiB ?? 2048;
  check.oneOf("instanceMemoryMiB", instanceMemoryMiB, FLEX_INSTANCE_MEMORY_MIB);
  if (plan !== "FlexConsumption" && (args.maximumInstanceCount !== undefined || args.instanceMemoryMiB !== undefined)) {
    check.fail(args.maximumInstanceCount !== undefined ? "maximumInstanceCount" : "instanceMemoryMiB", args.maximumInstanceCount ?? args.instanceMemoryMiB, "unset unless plan is FlexConsumption");
  }
  const logRetentionDays = args.logRetentionDays ?? 30;
  check.intRange("logRetentionDays", logRetentionDays, 30, 730);
  checkEnvironment(check, "appSettings", args.appSettings, FUNCTION_APP_SETTINGS, {
    names: isSetHere,
    why: "APPLICATIONINSIGHTS_CONNECTION_STRING, AzureWebJobsStorage*, FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are the component's",
  });
  checkTagsArg(check, args.tags, "azure");
  return { protect, plan, maximumInstanceCount, instanceMemoryMiB, logRetentionDays };
}

/**
 * The storage account's name: 3–24 lower-case letters and digits, globally unique. The component name (already
 * `COMPONENT_NAME`: it starts with a letter) without its hyphens, cut to 14, then 10 hex digits of a digest of the
 * project, stack and full name: two names that lose the same characters (`orders-api`, `ordersapi`) still differ.
 */
export function storageAccountName(name: string): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 14) || "fn";
  return `${stem}${stableSuffix(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`, 10)}`;
}

/**
 * A Linux Azure Function App (Flex Consumption by default) with a system-assigned identity, HTTPS only, TLS 1.2,
 * FTP off; its storage account HTTPS-only, TLS 1.2, no public blob access (and no shared keys on Flex, where the
 * app reaches storage with its identity); Application Insights on a Log Analytics workspace.
 */
export class AzureFunctionApp extends pulumi.ComponentResource {
  public readonly functionAppName: pulumi.Output<string>;
  public readonly defaultHostname: pulumi.Output<string>;
  /** The app's managed identity. */
  public readonly principalId: pulumi.Output<string>;

  constructor(name: string, args: AzureFunctionAppArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzureFunctionAppArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const stateful = statefulOptions(this, opts, a.protect);
    const { resourceGroupName, location } = args;
    const flex = a.plan === "FlexConsumption";

    const storage = new StorageAccount(
      `${name}-storage`,
      {
        resourceGroupName,
        location,
        accountName: storageAccountName(name),
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        // Flex apps reach storage with their identity; Consumption and Premium still need the account key.
        allowSharedKeyAccess: !flex,
        tags: STORAGE_ACKS,
      },
      stateful,
    );
    const container = new BlobContainer(`${name}-deployments`, { resourceGroupName, accountName: storage.name, containerName: "deployments", publicAccess: "None" }, parent);
    const workspace = new Workspace(`${name}-logs`, { resourceGroupName, location, sku: { name: "PerGB2018" }, retentionInDays: a.logRetentionDays }, stateful);
    const insights = new Component(
      `${name}-insights`,
      { resourceGroupName, location, kind: "web", applicationType: "web", ingestionMode: "LogAnalytics", workspaceResourceId: workspace.id },
      parent,
    );
    const plan = new AppServicePlan(`${name}-plan`, { resourceGroupName, location, kind: "functionapp", reserved: true, sku: PLAN_SKU[a.plan] }, parent);

    const settings: Array<{ name: string; value: pulumi.Input<string> }> = [
      { name: "APPLICATIONINSIGHTS_CONNECTION_STRING", value: insights.connectionString },
      { name: "AzureWebJobsStorage__accountName", value: storage.name },
      ...(flex ? [] : [{ name: "FUNCTIONS_WORKER_RUNTIME", value: args.runtime }, { name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" }]),
      ...Object.entries(args.appSettings ?? {}).map(([k, value]) => ({ name: k, value })),
    ];
    const linuxFx = `${args.runtime === "dotnet-isolated" ? "DOTNET-ISOLATED" : args.runtime.toUpperCase()}|${args.runtimeVersion}`;
    const app = new WebApp(
      `${name}-app`,
      {
        resourceGroupName,
        location,
        kind: "functionapp,linux",
        serverFarmId: plan.id,
        tags: APP_ACKS,
        httpsOnly: true,
        identity: { type: "SystemAssigned" },
        siteConfig: { ftpsState: "Disabled", minTlsVersion: "1.2", http20Enabled: true, appSettings: settings, ...(flex ? {} : { linuxFxVersion: linuxFx }) },
        functionAppConfig: flex
          ? {
              deployment: {
                storage: { type: "blobContainer", value: pulumi.interpolate`${storage.primaryEndpoints.blob}${container.name}`, authentication: { type: "SystemAssignedIdentity" } },
              },
              runtime: { name: args.runtime, version: args.runtimeVersion },
              scaleAndConcurrency: { maximumInstanceCount: a.maximumInstanceCount, instanceMemoryMB: a.instanceMemoryMiB },
            }
          : undefined,
      },
      parent,
    );
    const principalId = app.identity.apply((i) => i?.principalId ?? "");
    const subscriptionId = getClientConfigOutput(parent).subscriptionId;
    new RoleAssignment(
      `${name}-storage-access`,
      {
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_OWNER}`,
        scope: storage.id,
      },
      parent,
    );

    this.functionAppName = app.name;
    this.defaultHostname = app.defaultHostName;
    this.principalId = principalId;
    this.registerOutputs({ functionAppName: this.functionAppName, defaultHostname: this.defaultHostname, principalId: this.principalId });
  }
}
