import * as pulumi from "@pulumi/pulumi";
import { AksCluster, validateAksClusterArgs, type AksClusterArgs, type NodePoolSpec } from "../../../components/kubernetes";
import { AzureNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { azureNetwork as network } from "../../helpers/fixtures";

const T = "meridian:kubernetes:AksCluster";
const pool: NodePoolSpec = { name: "user", machineType: "Standard_D4ds_v5", minNodes: 1, maxNodes: 5 };
const base: AksClusterArgs = { network, location: "eastus", nodePools: [pool] };

describe("validateAksClusterArgs", () => {
  it.each<[string, Partial<AksClusterArgs>, string]>([
    ["an unsupported version", { version: "1.20" as never }, `${T} 'aks': version must be one of "1.31", "1.32", "1.33", "1.34"; got "1.20".`],
    ["a public API server without ranges", { privateCluster: false }, `${T} 'aks': authorizedIpRanges must be at least one CIDR when privateCluster is false (a public API server open to everyone is not offered); got [].`],
    ["a pool name AKS refuses", { nodePools: [{ ...pool, name: "user-pool" }] }, `${T} 'aks': nodePools[0].name must be an AKS pool name: a lower-case letter, then up to 11 lower-case letters or digits; got "user-pool".`],
    ["desired outside [min, max]", { nodePools: [{ ...pool, desiredNodes: 9 }] }, `${T} 'aks': nodePools[0].desiredNodes must be an integer from 1 to 5; got 9.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAksClusterArgs("aks", { ...base, ...args })).toThrow(message);
  });
});

describe("AksCluster", () => {
  it("is private, Entra ID with Azure RBAC and no local accounts, workload identity, Cilium overlay, policy and monitoring", async () => {
    let secret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const network = new AzureNetwork("net", { location: "eastus" });
      const aks = new AksCluster("aks", { ...base, network, nodePools: [{ ...pool, spot: true }] });
      secret = pulumi.isSecret(aks.kubeconfig);
      return { issuer: aks.oidcIssuerUrl };
    });
    const cluster = resource(result, "azure-native:containerservice:ManagedCluster", "aks-cluster");
    expect(cluster.inputs).toMatchObject({
      kubernetesVersion: "1.33",
      identity: { type: "SystemAssigned" },
      sku: { tier: "Standard" },
      aadProfile: { managed: true, enableAzureRBAC: true },
      disableLocalAccounts: true,
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkDataplane: "cilium", networkPolicy: "cilium" },
      apiServerAccessProfile: { enablePrivateCluster: true },
      addonProfiles: { azurepolicy: { enabled: true }, omsagent: { enabled: true } },
      autoUpgradeProfile: { upgradeChannel: "stable" },
      agentPoolProfiles: [{ name: "system", mode: "System", nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"], availabilityZones: ["1", "2", "3"] }],
    });
    expect(resource(result, "azure-native:containerservice:AgentPool", "aks-user").inputs).toMatchObject({
      mode: "User",
      enableAutoScaling: true,
      minCount: 1,
      maxCount: 5,
      scaleSetPriority: "Spot",
      availabilityZones: ["1", "2", "3"],
    });
    expect(await secret).toBe(true);
    const kubeconfig = JSON.parse(resource(result, "pulumi:providers:kubernetes", "aks-k8s").inputs["kubeconfig"] as string);
    expect(kubeconfig.users[0].user.exec.command).toBe("kubelogin");
    expect(result.outputs["issuer"]).toMatch(/^https:\/\/eastus\.oic\.prod-aks\.azure\.com\//);
  });
});

describe("AksCluster protection and ranges", () => {
  it("protects the managed cluster and its Log Analytics workspace when the component is protected", async () => {
    const result = await runProgram(() => {
      const network = new AzureNetwork("net", { location: "eastus" });
      new AksCluster("aks", { ...base, network }, { protect: true });
    });
    expect(resource(result, "azure-native:containerservice:ManagedCluster", "aks-cluster").protect).toBe(true);
    expect(resource(result, "azure-native:operationalinsights:Workspace", "aks-logs").protect).toBe(true);
    const free = await runProgram(() => new AksCluster("aks", { ...base, network: new AzureNetwork("net", { location: "eastus" }) }));
    expect(resource(free, "azure-native:containerservice:ManagedCluster", "aks-cluster").protect).toBe(false);
  });

  it("sets the service range and its DNS address when given, and leaves AKS's default otherwise", async () => {
    const result = await runProgram(() => new AksCluster("aks", { ...base, network: new AzureNetwork("net", { location: "eastus" }), serviceCidr: "172.20.0.0/16" }));
    expect(resource(result, "azure-native:containerservice:ManagedCluster", "aks-cluster").inputs).toMatchObject({ networkProfile: { podCidr: "192.168.0.0/16", serviceCidr: "172.20.0.0/16", dnsServiceIP: "172.20.0.10" } });
  });

  it("takes the VM sizes AKS runs, by family and vCPU count", () => {
    for (const machineType of ["Standard_D4ds_v5", "Standard_E64-16ds_v4", "Standard_NC24ads_A100_v4", "Standard_B2ms", "Standard_F8s_v2", "Standard_DS2_v2"]) {
      expect(() => validateAksClusterArgs("aks", { ...base, nodePools: [{ ...pool, machineType }] })).not.toThrow();
    }
  });
});
