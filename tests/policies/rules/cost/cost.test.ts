import { ceilings } from "../../../../policies/rules/cost/ceilings";
import { sizes } from "../../../../policies/rules/cost/sizes";
import { messages } from "../../../helpers/policy";

describe("meridian-cost-sizes", () => {
  it("allows everything with empty lists, and only the listed sizes otherwise", async () => {
    expect(await messages(sizes, "aws:rds/instance:Instance", { instanceClass: "db.r7g.16xlarge" })).toEqual([]);
    const config = { rdsInstanceClasses: ["db.t4g.micro"], cloudSqlTiers: ["db-custom-1-3840"], nodeMachineTypes: ["e2-standard-2"] };
    expect(await messages(sizes, "aws:rds/instance:Instance", { instanceClass: "db.t4g.micro" }, { config })).toEqual([]);
    expect(await messages(sizes, "aws:rds/instance:Instance", { instanceClass: "db.r7g.16xlarge" }, { config })).toEqual(["instanceClass db.r7g.16xlarge is not allowed here (db.t4g.micro)"]);
    expect(await messages(sizes, "gcp:container/nodePool:NodePool", { nodeConfig: { machineType: "n2-standard-32" } }, { config })).toEqual(["machine type n2-standard-32 is not allowed here (e2-standard-2)"]);
  });
});

describe("meridian-cost-ceilings", () => {
  it("holds node pools and Lambda memory under the ceilings, flags extended support and, where preferred, on-demand nodes", async () => {
    expect(await messages(ceilings, "aws:eks/nodeGroup:NodeGroup", { scalingConfig: { maxSize: 10 }, capacityType: "ON_DEMAND" })).toEqual([]);
    expect(await messages(ceilings, "aws:eks/nodeGroup:NodeGroup", { scalingConfig: { maxSize: 10 }, capacityType: "ON_DEMAND" }, { config: { maxNodesPerPool: 5, preferSpot: true } })).toEqual([
      "scalingConfig.maxSize 10 is above 5",
      "capacityType is not SPOT in an environment that prefers spot",
    ]);
    expect(await messages(ceilings, "aws:lambda/function:Function", { memorySize: 10240 })).toEqual(["memorySize 10240 MB is above 3008"]);
    expect(await messages(ceilings, "aws:eks/cluster:Cluster", { upgradePolicy: { supportType: "STANDARD" } })).toEqual([]);
    expect(await messages(ceilings, "aws:eks/cluster:Cluster", { upgradePolicy: { supportType: "EXTENDED" } })).toEqual(["upgradePolicy.supportType is EXTENDED (billed per cluster-hour on top of the standard fee)"]);
  });
});

describe("meridian-cost-sizes and -ceilings beyond databases and nodes (issue 17)", () => {
  it("leaves an unset size to the provider or the group, and lists nothing by default", async () => {
    expect(await messages(sizes, "aws:ec2/launchTemplate:LaunchTemplate", { imageId: "ami-1" }, { config: { instanceTypes: ["t4g.micro"] } })).toEqual([]);
    expect(await messages(sizes, "aws:ec2/instance:Instance", { instanceType: "p5.48xlarge" })).toEqual([]);
    expect(await messages(sizes, "aws:elasticache/replicationGroup:ReplicationGroup", { nodeType: "cache.r7g.large" }, { config: { cacheNodeTypes: ["cache.t4g.small"] } })).toEqual([
      "nodeType cache.r7g.large is not allowed here (cache.t4g.small)",
    ]);
  });

  it("bounds provisioned DynamoDB capacity, and leaves on-demand tables alone", async () => {
    expect(await messages(ceilings, "aws:dynamodb/table:Table", { billingMode: "PAY_PER_REQUEST" }, { config: { maxDynamoDbCapacityUnits: 10 } })).toEqual([]);
    expect(await messages(ceilings, "aws:dynamodb/table:Table", { billingMode: "PROVISIONED", readCapacity: 50, writeCapacity: 5 }, { config: { maxDynamoDbCapacityUnits: 10 } })).toEqual(["readCapacity 50 is above 10"]);
  });
});
