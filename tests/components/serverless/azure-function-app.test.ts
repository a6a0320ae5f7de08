import { AzureFunctionApp, validateAzureFunctionAppArgs, type AzureFunctionAppArgs } from "../../../components/serverless";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:serverless:AzureFunctionApp";
const base: AzureFunctionAppArgs = { resourceGroupName: "rg", location: "eastus", runtime: "node", runtimeVersion: "22" };

describe("validateAzureFunctionAppArgs", () => {
  it.each<[string, Partial<AzureFunctionAppArgs>, string]>([
    ["an unknown runtime", { runtime: "cobol" as never }, `${T} 'fn': runtime must be one of "node", "python", "dotnet-isolated", "java", "powershell"; got "cobol".`],
    ["a runtime version Functions does not run", { runtimeVersion: "16" }, `${T} 'fn': runtimeVersion must be one of "20", "22"; got "16".`],
    ["an instance size Flex does not offer", { instanceMemoryMiB: 1024 }, `${T} 'fn': instanceMemoryMiB must be one of 512, 2048, 4096; got 1024.`],
    ["Flex settings on Premium", { plan: "Premium", maximumInstanceCount: 50 }, `${T} 'fn': maximumInstanceCount must be unset unless plan is FlexConsumption; got 50.`],
    ["too few maximum instances", { maximumInstanceCount: 10 }, `${T} 'fn': maximumInstanceCount must be an integer from 40 to 1000; got 10.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAzureFunctionAppArgs("fn", { ...base, ...args })).toThrow(message);
  });
});

describe("AzureFunctionApp", () => {
  it("is HTTPS-only with TLS 1.2 and no FTP, on locked-down storage, with an identity and Application Insights", async () => {
    const result = await runProgram(() => {
      const app = new AzureFunctionApp("orders", { ...base, appSettings: { MODE: "prod" } });
      return { host: app.defaultHostname, principal: app.principalId };
    });
    const storage = resource(result, "azure-native:storage:StorageAccount", "orders-storage");
    expect(storage.inputs).toMatchObject({ kind: "StorageV2", enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, allowSharedKeyAccess: false });
    expect(storage.inputs["accountName"]).toMatch(/^orders[0-9a-f]{10}$/);
    expect(resource(result, "azure-native:storage:BlobContainer", "orders-deployments").inputs).toMatchObject({ publicAccess: "None" });
    expect(resource(result, "azure-native:web:AppServicePlan", "orders-plan").inputs).toMatchObject({ kind: "functionapp", reserved: true, sku: { name: "FC1", tier: "FlexConsumption" } });
    const insights = resource(result, "azure-native:applicationinsights:Component", "orders-insights");
    expect(insights.inputs["workspaceResourceId"]).toBe(resource(result, "azure-native:operationalinsights:Workspace", "orders-logs").id);
    const app = resource(result, "azure-native:web:WebApp", "orders-app");
    expect(app.inputs).toMatchObject({
      kind: "functionapp,linux",
      httpsOnly: true,
      identity: { type: "SystemAssigned" },
      siteConfig: { ftpsState: "Disabled", minTlsVersion: "1.2" },
      functionAppConfig: {
        runtime: { name: "node", version: "22" },
        scaleAndConcurrency: { maximumInstanceCount: 100, instanceMemoryMB: 2048 },
        deployment: { storage: { type: "blobContainer", authentication: { type: "SystemAssignedIdentity" } } },
      },
    });
    const settings = (app.inputs["siteConfig"] as { appSettings: Array<{ name: string; value: string }> }).appSettings;
    expect(settings.map((s) => s.name)).toEqual(["APPLICATIONINSIGHTS_CONNECTION_STRING", "AzureWebJobsStorage__accountName", "MODE"]);
    const access = resource(result, "azure-native:authorization:RoleAssignment", "orders-storage-access");
    expect(access.inputs).toMatchObject({ principalType: "ServicePrincipal", scope: storage.id });
    expect(access.inputs["roleDefinitionId"]).toMatch(/\/roleDefinitions\/b7e6dc6d-f1e8-4753-8033-0f276bb0955b$/);
    expect(result.outputs["host"]).toMatch(/\.azurewebsites\.net$/);
    expect(result.outputs["principal"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("uses the Consumption plan with the runtime in linuxFxVersion when asked", async () => {
    const result = await runProgram(() => new AzureFunctionApp("legacy", { ...base, runtime: "python", runtimeVersion: "3.12", plan: "Consumption" }));
    expect(resource(result, "azure-native:web:AppServicePlan", "legacy-plan").inputs["sku"]).toEqual({ name: "Y1", tier: "Dynamic" });
    const app = resource(result, "azure-native:web:WebApp", "legacy-app");
    expect(app.inputs["siteConfig"]).toMatchObject({ linuxFxVersion: "PYTHON|3.12" });
    expect(app.inputs).not.toHaveProperty("functionAppConfig");
  });
});

describe("AzureFunctionApp protection and names", () => {
  it("protects its storage account and Log Analytics workspace when the component is protected", async () => {
    const result = await runProgram(() => new AzureFunctionApp("orders", base, { protect: true }));
    expect(resource(result, "azure-native:storage:StorageAccount", "orders-storage").protect).toBe(true);
    expect(resource(result, "azure-native:operationalinsights:Workspace", "orders-logs").protect).toBe(true);
    const unprotected = await runProgram(() => new AzureFunctionApp("orders", base));
    expect(resource(unprotected, "azure-native:storage:StorageAccount", "orders-storage").protect).toBe(false);
    expect(resource(unprotected, "azure-native:operationalinsights:Workspace", "orders-logs").protect).toBe(false);
  });

  it("derives a valid storage account name for the longest name it takes, and different ones for names that lose the same characters", async () => {
    const long = "a".repeat(20) + "-" + "b".repeat(27);
    const result = await runProgram(() => {
      new AzureFunctionApp(long, base);
      new AzureFunctionApp("orders-api", base);
      new AzureFunctionApp("ordersapi", base);
    });
    const names = [long, "orders-api", "ordersapi"].map((n) => resource(result, "azure-native:storage:StorageAccount", `${n}-storage`).inputs["accountName"] as string);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]{3,24}$/);
    expect(new Set(names).size).toBe(3);
  });
});
