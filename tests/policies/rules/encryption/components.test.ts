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
});
