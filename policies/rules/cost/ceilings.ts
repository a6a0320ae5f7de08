/** meridian-cost-ceilings: node counts, Lambda memory and DynamoDB capacity stay under the environment's ceilings; EKS avoids extended support. */
import { resourceRule, at } from "../rule";

export interface CeilingsConfig {
  readonly maxNodesPerPool: number;
  readonly maxLambdaMemoryMb: number;
  /** The most read or write capacity units a provisioned DynamoDB table (or its index) may reserve. */
  readonly maxDynamoDbCapacityUnits: number;
  /** Flag non-spot node pools (for environments where interruptions are fine). */
  readonly preferSpot: boolean;
}

export const ceilings = resourceRule<CeilingsConfig>({
  name: "meridian-cost-ceilings",
  finding: "Node pools, Lambda memory and provisioned DynamoDB capacity stay under the environment's ceilings; EKS stays on standard support; spot where the environment prefers it.",
  why: "autoscaling bounds and memory sizes are where a runaway bill starts; EKS extended support costs several times the standard control-plane fee.",
  remediation: "Lower the bound, or raise the ceiling in the environment's policy config on purpose.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: {
    properties: {
      maxNodesPerPool: { type: "integer", minimum: 1, default: 50 },
      maxLambdaMemoryMb: { type: "integer", minimum: 128, default: 3008 },
      preferSpot: { type: "boolean", default: false },
      maxDynamoDbCapacityUnits: { type: "integer", minimum: 1, default: 40000 },
    },
  },
  checks: {
    "aws:eks/nodeGroup:NodeGroup": { refs: ["doc:aws-ec2-pricing", "doc:aws-ec2-spot-pricing"], check: (p, report, { config }) => {
      const max = Number(at(p, "scalingConfig.maxSize") ?? 0);
      if (max > config.maxNodesPerPool) report(`scalingConfig.maxSize ${max} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && p["capacityType"] !== "SPOT") report("capacityType is not SPOT in an environment that prefers spot");
    } },
    "gcp:container/nodePool:NodePool": { refs: ["doc:gcp-compute-pricing", "doc:gcp-spot-vms-pricing"], check: (p, report, { config }) => {
      const max = Number(at(p, "autoscaling.maxNodeCount") ?? at(p, "autoscaling.totalMaxNodeCount") ?? 0);
      if (max > config.maxNodesPerPool) report(`autoscaling max ${max} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && at(p, "nodeConfig.spot") !== true) report("nodeConfig.spot is not true in an environment that prefers spot");
    } },
    "azure-native:containerservice:AgentPool": { refs: ["doc:azure-virtual-machines-pricing", "doc:azure-spot-virtual-machines-pricing"], check: (p, report, { config }) => {
      if (Number(p["maxCount"] ?? 0) > config.maxNodesPerPool) report(`maxCount ${p["maxCount"]} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && p["scaleSetPriority"] !== "Spot") report("scaleSetPriority is not Spot in an environment that prefers spot");
    } },
    "aws:lambda/function:Function": { refs: ["doc:aws-lambda-pricing"], check: (p, report, { config }) => {
      if (Number(p["memorySize"] ?? 128) > config.maxLambdaMemoryMb) report(`memorySize ${p["memorySize"]} MB is above ${config.maxLambdaMemoryMb}`);
    } },
    "aws:eks/cluster:Cluster": { refs: ["doc:aws-eks-pricing"], check: (p, report) => {
      if (at(p, "upgradePolicy.supportType") === "EXTENDED") report("upgradePolicy.supportType is EXTENDED (billed per cluster-hour on top of the standard fee)");
    } },
    "aws:dynamodb/table:Table": { refs: ["doc:aws-dynamodb-pricing"], check: (p, report, { config }) => {
      // On-demand tables (the provider's default billing mode) reserve nothing.
      if (p["billingMode"] !== "PROVISIONED") return;
      const max = config.maxDynamoDbCapacityUnits;
      for (const [where, units] of [["", p] as const, ...((p["globalSecondaryIndexes"] ?? []) as Array<Record<string, unknown>>).map((g) => [`globalSecondaryIndexes ${g["name"]}: `, g] as const)]) {
        for (const k of ["readCapacity", "writeCapacity"]) if (Number(units[k] ?? 0) > max) report(`${where}${k} ${units[k]} is above ${max}`);
      }
    } },
  },
});
