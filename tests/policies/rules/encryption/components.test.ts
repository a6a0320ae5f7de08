/**
 * Meridian's own Azure components draw no encryption finding (none of them is in a stack whose plan the tests cover:
 * the AWS and GCP ones are checked by planning the stacks).
 */
import { AzurePostgres } from "../../../../components/database";
import { AzureFrontDoor } from "../../../../components/ingress";
import { AksCluster } from "../../../../components/kubernetes";
import { AzureContainerApp, AzureFunctionApp } from "../../../../components/serverless";
import { AzureNetwork } from "../../../../components/network";
import type { PolicyAcknowledgement } from "../../../../policies/acknowledge";
import { evaluatePolicies } from "../../../../policies/evaluate";
import { encryptionAtRest } from "../../../../policies/rules/encryption/at-rest";
import { encryptionInTransit } from "../../../../policies/rules/encryption/in-transit";
import { keyRotation } from "../../../../policies/rules/encryption/key-rotation";
import { runProgram } from "../../../helpers/offline";

const rules = [encryptionAtRest, encryptionInTransit, keyRotation];

async function violationsOf(program: () => unknown) {
  const result = await runProgram(program);
  const resources = result.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, protect: r.protect }));
  const acknowledged: PolicyAcknowledgement[] = [];
  const violations = await evaluatePolicies(rules, resources, { environment: "prod", onAcknowledged: (a) => acknowledged.push(a) });
  return { resources, violations, acknowledged };
}

describe("Meridian's Azure serverless, database and edge components", () => {
  it.each<[string, () => unknown]>([
    ["a function app", () => new AzureFunctionApp("orders", { resourceGroupName: "rg", location: "eastus", runtime: "node", runtimeVersion: "22" })],
    ["a container app", () => new AzureContainerApp("api", { resourceGroupName: "rg", location: "eastus", image: "example.azurecr.io/api:1", external: true })],
    ["a PostgreSQL flexible server", () => new AzurePostgres("pg", { network: new AzureNetwork("net", { location: "eastus" }), location: "eastus" })],
    [
      "Front Door",
      () =>
        new AzureFrontDoor("edge", {
          resourceGroupName: "rg-edge",
          zoneName: "example.com",
          routes: [{ name: "api", hostnames: ["api.example.com"], cnameRecords: ["api.example.com"], origin: { hostName: "api.blue-sea-1234.eastus.azurecontainerapps.io" } }],
        }),
    ],
  ])("%s draws no encryption finding", async (_what, program) => {
    const { violations, acknowledged } = await violationsOf(program);
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([]);
  });
});

describe("Meridian's AKS cluster", () => {
  it("encrypts pool disks at host, and acknowledges (with its reason) the disk encryption set it does not create", async () => {
    const result = await runProgram(() => {
      const network = new AzureNetwork("net", { location: "eastus" });
      new AksCluster("aks", { network, location: "eastus", nodePools: [{ name: "user", machineType: "Standard_D4ds_v5", minNodes: 1, maxNodes: 5 }] });
      return {};
    });
    const resources = result.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, protect: r.protect }));
    const acknowledged: PolicyAcknowledgement[] = [];
    const violations = await evaluatePolicies(rules, resources, { environment: "prod", onAcknowledged: (a) => acknowledged.push(a) });
    expect(violations).toEqual([]);
    expect(resources.some((r) => r.type === "azure-native:containerservice:AgentPool")).toBe(true);
    // Only the disk encryption set is acknowledged: host encryption is on in every pool.
    expect(acknowledged.map((a) => [a.policyName, a.source, a.findings])).toEqual([
      ["meridian-encryption-at-rest", "tag", ["diskEncryptionSetID is not set: node OS and data disks use platform-managed keys only"]],
    ]);
  });

  const DES = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/aks-disks";

  async function plan(args: Partial<import("../../../../components/kubernetes").AksClusterArgs>) {
    const result = await runProgram(() => {
      const network = new AzureNetwork("net", { location: "eastus" });
      new AksCluster("aks", { network, location: "eastus", nodePools: [{ name: "user", machineType: "Standard_D4ds_v5", minNodes: 1, maxNodes: 5 }], ...args });
      return {};
    });
    const resources = result.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, protect: r.protect }));
    const acknowledged: PolicyAcknowledgement[] = [];
    const violations = await evaluatePolicies(rules, resources, { environment: "prod", onAcknowledged: (a) => acknowledged.push(a) });
    return { resources, violations, acknowledged };
  }

  it("with a disk encryption set: sends it, and has nothing to acknowledge", async () => {
    const { resources, violations, acknowledged } = await plan({ diskEncryptionSetId: DES });
    const cluster = resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
    expect(cluster.props["diskEncryptionSetID"]).toBe(DES);
    expect(Object.keys((cluster.props["tags"] ?? {}) as object).filter((k) => k.startsWith("meridian-ack-"))).toEqual([]);
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([]);
  });

  it("with encryptionAtHost: false (a cluster from before 0.4.0): pools keep it off, and the cluster and pools acknowledge it", async () => {
    const { resources, violations, acknowledged } = await plan({ diskEncryptionSetId: DES, encryptionAtHost: false });
    const cluster = resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
    const pool = resources.find((r) => r.type === "azure-native:containerservice:AgentPool")!;
    expect((cluster.props["agentPoolProfiles"] as Array<Record<string, unknown>>)[0]!["enableEncryptionAtHost"]).toBe(false);
    expect(pool.props["enableEncryptionAtHost"]).toBe(false);
    expect(violations).toEqual([]);
    expect(acknowledged.map((a) => [a.urn.split("::").pop(), a.reason])).toEqual([
      ["aks-cluster", "encryptionAtHost false set explicitly: no host encryption of temp disks and caches"],
      ["aks-user", "encryptionAtHost false set explicitly: no host encryption of temp disks and caches"],
    ]);
  });

  it("with encryptionAtHost: false and no disk encryption set (a cluster from before 0.4.0, as the CHANGELOG says): one acknowledgement saying both", async () => {
    const { violations, acknowledged } = await plan({ encryptionAtHost: false });
    expect(violations).toEqual([]);
    expect(acknowledged.map((a) => [a.urn.split("::").pop(), a.reason])).toEqual([
      ["aks-cluster", "no diskEncryptionSetId: node disks use platform-managed keys; encryptionAtHost false set explicitly: no host encryption of temp disks and caches"],
      ["aks-user", "encryptionAtHost false set explicitly: no host encryption of temp disks and caches"],
    ]);
  });
});
