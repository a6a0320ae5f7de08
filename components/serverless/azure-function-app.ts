import * as pulumi from "@pulumi/pulumi";
import { Component } from "@pulumi/azure-native/applicationinsights/component";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { AppServicePlan } from "@pulumi/azure-native/web/appServicePlan";
import { WebApp } from "@pulumi/azure-native/web/webApp";
import { AZURE_LOCATION_PATTERN, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { stableSuffix } from "../core/naming";

const TYPE = "meridian:serverless:AzureFunctionApp";

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
/** Flex Consumption instance sizes, MB (Azure Functions docs, "Flex Consumption plan", checked 2026-11-22). */
export const FLEX_INSTANCE_MEMORY_MB = [512, 2048, 4096] as const;

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
  /** Flex Consumption: memory per instance, 512, 2,048 or 4,096 MB. @default 2048 */
  readonly instanceMemoryMb?: number;
  /** App settings. */
  readonly appSettings?: Record<string, pulumi.Input<string>>;
  /** Days the Log Analytics workspace keeps logs, 30–730. @default 30 */
  readonly logRetentionDays?: number;
  readonly tags?: Tags;
}

interface Resolved {
  readonly plan: FunctionPlan;
  readonly maximumInstanceCount: number;
  readonly instanceMemoryMb: number;
  readonly logRetentionDays: number;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzureFunctionAppArgs(name: string, args: AzureFunctionAppArgs): Resolved {
  const check = validator(TYPE, name);
  check.requiredPattern("location", args.location, AZURE_LOCATION_PATTERN, 'an Azure location such as "eastus"');
  if (!(args.runtime in FUNCTION_RUNTIMES)) check.fail("runtime", args.runtime, `one of ${Object.keys(FUNCTION_RUNTIMES).map((r) => JSON.stringify(r)).join(", ")}`);
  check.oneOf("runtimeVersion", args.runtimeVersion, FUNCTION_RUNTIMES[args.runtime] as readonly string[]);
  if (args.runtimeVersion === undefined) check.fail("runtimeVersion", args.runtimeVersion, `one of ${FUNCTION_RUNTIMES[args.runtime].join(", ")}`);
  const plan = args.plan ?? "FlexConsumption";
  check.oneOf("plan", plan, Object.values(FunctionPlan));
  const maximumInstanceCount = args.maximumInstanceCount ?? 100;
  check.intRange("maximumInstanceCount", maximumInstanceCount, 40, 1000);
  const instanceMemoryMb = args.instanceMemoryMb ?? 2048;
  check.oneOf("instanceMemoryMb", instanceMemoryMb, FLEX_INSTANCE_MEMORY_MB);
  if (plan !== "FlexConsumption" && (args.maximumInstanceCount !== undefined || args.instanceMemoryMb !== undefined)) {
    check.fail(args.maximumInstanceCount !== undefined ? "maximumInstanceCount" : "instanceMemoryMb", args.maximumInstanceCount ?? args.instanceMemoryMb, "unset unless plan is FlexConsumption");
  }
  const logRetentionDays = args.logRetentionDays ?? 30;
  check.intRange("logRetentionDays", logRetentionDays, 30, 730);
  return { plan, maximumInstanceCount, instanceMemoryMb, logRetentionDays };
}

/** A globally unique storage account name: 3–24 lower-case letters and digits. */
function storageAccountName(name: string): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 14) || "fn";
  return `${stem}${stableSuffix(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`, 10)}`.slice(0, 24);
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
    const a = validateAzureFunctionAppArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
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
      },
      parent,
    );
    const container = new BlobContainer(`${name}-deployments`, { resourceGroupName, accountName: storage.name, containerName: "deployments", publicAccess: "None" }, parent);
    const workspace = new Workspace(`${name}-logs`, { resourceGroupName, location, sku: { name: "PerGB2018" }, retentionInDays: a.logRetentionDays }, parent);
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
        httpsOnly: true,
        identity: { type: "SystemAssigned" },
        siteConfig: { ftpsState: "Disabled", minTlsVersion: "1.2", http20Enabled: true, appSettings: settings, ...(flex ? {} : { linuxFxVersion: linuxFx }) },
        functionAppConfig: flex
          ? {
              deployment: {
                storage: { type: "blobContainer", value: pulumi.interpolate`${storage.primaryEndpoints.blob}${container.name}`, authentication: { type: "SystemAssignedIdentity" } },
              },
              runtime: { name: args.runtime, version: args.runtimeVersion },
              scaleAndConcurrency: { maximumInstanceCount: a.maximumInstanceCount, instanceMemoryMB: a.instanceMemoryMb },
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
