/** meridian-cost-sizes: instance classes, tiers and machine types are on the environment's allow-list. */
import { resourceRule, at } from "../rule";

export interface SizesConfig {
  /** Allowed RDS instance classes; empty allows all. */
  readonly rdsInstanceClasses: string[];
  /** Allowed Cloud SQL tiers; empty allows all. */
  readonly cloudSqlTiers: string[];
  /** Allowed Azure VM / database SKU names; empty allows all. */
  readonly azureSkus: string[];
  /** Allowed node machine types (EC2 instance types, GCE machine types); empty allows all. */
  readonly nodeMachineTypes: string[];
}

const allowed = (list: string[], value: unknown) => list.length === 0 || list.includes(String(value));
const schemaList = { type: "array", items: { type: "string" }, default: [] } as const;

export const sizes = resourceRule<SizesConfig>({
  name: "meridian-cost-sizes",
  finding: "Database and node sizes are on the environment's allow-list.",
  why: "one oversized instance in a dev stack can cost more than the rest of it; allow-lists make size a reviewed decision.",
  remediation: "Pick an allowed size, or add it to the environment's policy config on purpose.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: { properties: { rdsInstanceClasses: schemaList, cloudSqlTiers: schemaList, azureSkus: schemaList, nodeMachineTypes: schemaList } },
  checks: {
    "aws:rds/instance:Instance": (p, report, { config }) => {
      if (!allowed(config.rdsInstanceClasses, p["instanceClass"])) report(`instanceClass ${p["instanceClass"]} is not allowed here (${config.rdsInstanceClasses.join(", ")})`);
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report, { config }) => {
      const tier = at(p, "settings.tier");
      if (!allowed(config.cloudSqlTiers, tier)) report(`tier ${tier} is not allowed here (${config.cloudSqlTiers.join(", ")})`);
    },
    "azure-native:dbforpostgresql:Server": (p, report, { config }) => {
      const sku = at(p, "sku.name");
      if (!allowed(config.azureSkus, sku)) report(`sku ${sku} is not allowed here (${config.azureSkus.join(", ")})`);
    },
    "aws:eks/nodeGroup:NodeGroup": (p, report, { config }) => {
      for (const t of p["instanceTypes"] ?? []) if (!allowed(config.nodeMachineTypes, t)) report(`instance type ${t} is not allowed here (${config.nodeMachineTypes.join(", ")})`);
    },
    "gcp:container/nodePool:NodePool": (p, report, { config }) => {
      const t = at(p, "nodeConfig.machineType");
      if (!allowed(config.nodeMachineTypes, t)) report(`machine type ${t} is not allowed here (${config.nodeMachineTypes.join(", ")})`);
    },
    "azure-native:containerservice:AgentPool": (p, report, { config }) => {
      if (!allowed(config.azureSkus, p["vmSize"])) report(`vmSize ${p["vmSize"]} is not allowed here (${config.azureSkus.join(", ")})`);
    },
  },
});
