/** meridian-cost-ceilings: node counts and Lambda memory stay under the environment's ceilings; EKS avoids extended support. */
import { resourceRule, at } from "../rule";

export interface CeilingsConfig {
  readonly maxNodesPerPool: number;
  readonly maxLambdaMemoryMb: number;
  /** Flag non-spot node pools (for environments where interruptions are fine). */
  readonly preferSpot: boolean;
}

export const ceilings = resourceRule<CeilingsConfig>({
  name: "meridian-cost-ceilings",
  finding: "Node pools and Lambda memory stay under the environment's ceilings; EKS stays on standard support; spot where the environment prefers it.",
  why: "autoscaling bounds and memory sizes are where a runaway bill starts; EKS extended support costs several times the standard control-plane fee.",
  remediation: "Lower the bound, or raise the ceiling in the environment's policy config on purpose.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: {
    properties: {
      maxNodesPerPool: { type: "integer", minimum: 1, default: 50 },
      maxLambdaMemoryMb: { type: "integer", minimum: 128, default: 3008 },
      preferSpot: { type: "boolean", default: false },
    },
  },
  checks: {
    "aws:eks/nodeGroup:NodeGroup": (p, report, { config }) => {
      const max = Number(at(p, "scalingConfig.maxSize") ?? 0);
      if (max > config.maxNodesPerPool) report(`scalingConfig.maxSize ${max} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && p["capacityType"] !== "SPOT") report("capacityType is not SPOT in an environment that prefers spot");
    },
    "gcp:container/nodePool:NodePool": (p, report, { config }) => {
      const max = Number(at(p, "autoscaling.maxNodeCount") ?? at(p, "autoscaling.totalMaxNodeCount") ?? 0);
      if (max > config.maxNodesPerPool) report(`autoscaling max ${max} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && at(p, "nodeConfig.spot") !== true) report("nodeConfig.spot is not true in an environment that prefers spot");
    },
    "azure-native:containerservice:AgentPool": (p, report, { config }) => {
      if (Number(p["maxCount"] ?? 0) > config.maxNodesPerPool) report(`maxCount ${p["maxCount"]} is above ${config.maxNodesPerPool}`);
      if (config.preferSpot && p["scaleSetPriority"] !== "Spot") report("scaleSetPriority is not Spot in an environment that prefers spot");
    },
    "aws:lambda/function:Function": (p, report, { config }) => {
      if (Number(p["memorySize"] ?? 128) > config.maxLambdaMemoryMb) report(`memorySize ${p["memorySize"]} MB is above ${config.maxLambdaMemoryMb}`);
    },
    "aws:eks/cluster:Cluster": (p, report) => {
      if (at(p, "upgradePolicy.supportType") === "EXTENDED") report("upgradePolicy.supportType is EXTENDED (billed per cluster-hour on top of the standard fee)");
    },
  },
});
