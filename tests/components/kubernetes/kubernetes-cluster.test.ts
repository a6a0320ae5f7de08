import { KubernetesApp, KubernetesCluster } from "../../../components/kubernetes";
import { AwsNetwork, AzureNetwork, GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:kubernetes:KubernetesCluster";

describe("KubernetesCluster", () => {
  it("maps one spec onto EKS, GKE and AKS, and KubernetesApp deploys to each through its provider", async () => {
    const result = await runProgram(() => {
      const aws = new AwsNetwork("aws", { availabilityZoneCount: 2, natGateways: "single" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const azure = new AzureNetwork("azure", { location: "eastus" });
      const pools = [{ name: "general", size: "medium" as const, minNodes: 1, maxNodes: 4, spot: true }];
      const clusters = [
        new KubernetesCluster("eks", { cloud: "aws", awsNetwork: aws, nodePools: pools }),
        new KubernetesCluster("gke", { cloud: "gcp", gcpNetwork: gcp, project: "meridian-prod-01", region: "us-central1", nodePools: pools }),
        new KubernetesCluster("aks", { cloud: "azure", azureNetwork: azure, region: "eastus", nodePools: [{ ...pools[0]!, name: "general" }] }),
      ];
      clusters.forEach((c) => new KubernetesApp(`app-${c.cloud}`, { image: "ghcr.io/acme/api:1" }, { providers: [c.provider] }));
    });
    expect(resource(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs).toMatchObject({ instanceTypes: ["m7g.xlarge"], capacityType: "SPOT" });
    expect(resource(result, "gcp:container/nodePool:NodePool", "gke-general").inputs).toMatchObject({ nodeConfig: { machineType: "e2-standard-4", spot: true } });
    expect(resource(result, "azure-native:containerservice:AgentPool", "aks-general").inputs).toMatchObject({ vmSize: "Standard_D4ds_v5", scaleSetPriority: "Spot" });
    for (const [cloud, cluster] of [["aws", "eks"], ["gcp", "gke"], ["azure", "aks"]] as const) {
      const dep = resource(result, "kubernetes:apps/v1:Deployment", `app-${cloud}-deployment`);
      expect(dep.provider).toMatch(new RegExp(`\\$pulumi:providers:kubernetes::${cluster}-k8s::`));
    }
  });

  it("fails on a network of another cloud and on a missing project", async () => {
    await runProgram(() => {
      const aws = new AwsNetwork("aws", {});
      const azure = new AzureNetwork("azure", { location: "eastus" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const pools = [{ name: "general", size: "small" as const, minNodes: 1, maxNodes: 2 }];
      const handTyped = { vpcId: "vpc-1", privateSubnetIds: ["a", "b"], privateRouteTableIds: ["r", "s"] };
      expect(() => new KubernetesCluster("x", { cloud: "aws", awsNetwork: { ...handTyped, addressPlan: { vpc: "10.0.0.0/16", publicSubnets: [], privateSubnets: ["10.0.1.0/24", "ten"] } }, nodePools: pools })).toThrow(
        `${T} 'x': awsNetwork.addressPlan.privateSubnets[1] must be an IPv4 CIDR block; got "ten".`,
      );
      const twoRanges = { vpc: "10.0.0.0/16", publicSubnets: [], privateSubnets: ["10.0.1.0/24", "10.0.2.0/24"] };
      expect(() => new KubernetesCluster("x", { cloud: "aws", awsNetwork: { ...handTyped, privateSubnetIds: ["a"], addressPlan: twoRanges }, nodePools: pools })).toThrow(
        `${T} 'x': awsNetwork.privateSubnetIds must be 2 subnet ids, one per range of addressPlan.privateSubnets, in order; got ["a"].`,
      );
      expect(() => new KubernetesCluster("x", { cloud: "aws", awsNetwork: { ...handTyped, addressPlan: undefined as never }, nodePools: pools })).toThrow(
        `${T} 'x': awsNetwork.addressPlan must be the network's address plan { vpc, publicSubnets, privateSubnets } of IPv4 CIDR blocks; got undefined.`,
      );
      expect(() => new KubernetesCluster("x", { cloud: "aws", gcpNetwork: gcp, nodePools: pools })).toThrow(`${T} 'x': awsNetwork must be the AWS network (cloud is aws); got undefined.`);
      expect(() => new KubernetesCluster("x", { cloud: "azure", azureNetwork: azure, awsNetwork: aws, region: "eastus", nodePools: pools })).toThrow(`${T} 'x': awsNetwork must be unset (cloud is azure; give azureNetwork); got "set".`);
      expect(() => new KubernetesCluster("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", nodePools: pools })).toThrow(`${T} 'x': project must be the GCP project id; got undefined.`);
      expect(() => new KubernetesCluster("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", project: "p-123456", nodePools: [{ ...pools[0]!, size: "huge" as never }] })).toThrow(
        `${T} 'x': nodePools[0].size must be one of "small", "medium", "large"; got "huge".`,
      );
    });
  });
});

describe("KubernetesCluster protection and version", () => {
  it("passes protection and the version to the per-cloud component: GKE honours the version, EKS and GKE turn their deletion guard on", async () => {
    const result = await runProgram(() => {
      const aws = new AwsNetwork("aws", { availabilityZoneCount: 2, natGateways: "single" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const pools = [{ name: "general", size: "small" as const, minNodes: 1, maxNodes: 2 }];
      new KubernetesCluster("eks", { cloud: "aws", awsNetwork: aws, nodePools: pools, protect: true });
      new KubernetesCluster("gke", { cloud: "gcp", gcpNetwork: gcp, project: "meridian-prod-01", region: "us-central1", version: "1.34", nodePools: pools }, { protect: true });
    });
    expect(resource(result, "aws:eks/cluster:Cluster", "eks-cluster")).toMatchObject({ protect: true, inputs: { deletionProtection: true } });
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster")).toMatchObject({ protect: true, inputs: { deletionProtection: true, minMasterVersion: "1.34" } });
    expect(resource(result, "gcp:container/nodePool:NodePool", "gke-general").protect).toBe(true);
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster").inputs["minMasterVersion"]).toBe("1.34");
  });
});
