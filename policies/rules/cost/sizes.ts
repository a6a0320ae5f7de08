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
  /** Allowed instance types of standalone machines (EC2 instances and launch templates, GCE instances); empty allows all. */
  readonly instanceTypes: string[];
  /** Allowed ElastiCache node types; empty allows all. */
  readonly cacheNodeTypes: string[];
  /** Allowed Azure SQL database SKU names (`GP_Gen5_2`, `S0`); empty allows all. */
  readonly azureSqlSkus: string[];
}

const allowed = (list: string[], value: unknown) => list.length === 0 || list.includes(String(value));
/** Reports a set size that is not on a non-empty list (unset sizes are the provider's default, or another resource's). */
function only(list: string[], input: string, value: unknown, report: (m: string) => void): void {
  if (value !== undefined && value !== null && !allowed(list, value)) report(`${input} ${value} is not allowed here (${list.join(", ")})`);
}
const schemaList = { type: "array", items: { type: "string" }, default: [] } as const;

export const sizes = resourceRule<SizesConfig>({
  name: "meridian-cost-sizes",
  finding: "Database, cache, node and machine sizes are on the environment's allow-list.",
  why: "one oversized instance in a dev stack can cost more than the rest of it; allow-lists make size a reviewed decision.",
  remediation: "Pick an allowed size, or add it to the environment's policy config on purpose.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: {
    properties: {
      rdsInstanceClasses: schemaList,
      cloudSqlTiers: schemaList,
      azureSkus: schemaList,
      nodeMachineTypes: schemaList,
      instanceTypes: schemaList,
      cacheNodeTypes: schemaList,
      azureSqlSkus: schemaList,
    },
  },
  checks: {
    "aws:rds/instance:Instance": { refs: ["doc:aws-rds-pricing"], check: (p, report, { config }) => {
      if (!allowed(config.rdsInstanceClasses, p["instanceClass"])) report(`instanceClass ${p["instanceClass"]} is not allowed here (${config.rdsInstanceClasses.join(", ")})`);
    } },
    "gcp:sql/databaseInstance:DatabaseInstance": { refs: ["doc:gcp-cloud-sql-pricing"], check: (p, report, { config }) => {
      const tier = at(p, "settings.tier");
      if (!allowed(config.cloudSqlTiers, tier)) report(`tier ${tier} is not allowed here (${config.cloudSqlTiers.join(", ")})`);
    } },
    "azure-native:dbforpostgresql:Server": { refs: ["doc:azure-postgresql-flexible-server-pricing"], check: (p, report, { config }) => {
      const sku = at(p, "sku.name");
      if (!allowed(config.azureSkus, sku)) report(`sku ${sku} is not allowed here (${config.azureSkus.join(", ")})`);
    } },
    "aws:eks/nodeGroup:NodeGroup": { refs: ["doc:aws-ec2-pricing"], check: (p, report, { config }) => {
      for (const t of p["instanceTypes"] ?? []) if (!allowed(config.nodeMachineTypes, t)) report(`instance type ${t} is not allowed here (${config.nodeMachineTypes.join(", ")})`);
    } },
    "gcp:container/nodePool:NodePool": { refs: ["doc:gcp-compute-pricing"], check: (p, report, { config }) => {
      const t = at(p, "nodeConfig.machineType");
      if (!allowed(config.nodeMachineTypes, t)) report(`machine type ${t} is not allowed here (${config.nodeMachineTypes.join(", ")})`);
    } },
    "azure-native:containerservice:AgentPool": { refs: ["doc:azure-virtual-machines-pricing"], check: (p, report, { config }) => {
      if (!allowed(config.azureSkus, p["vmSize"])) report(`vmSize ${p["vmSize"]} is not allowed here (${config.azureSkus.join(", ")})`);
    } },
    "aws:ec2/instance:Instance": { refs: ["doc:aws-ec2-pricing"], check: (p, report, { config }) => {
      only(config.instanceTypes, "instanceType", p["instanceType"], report);
    } },
    "aws:ec2/launchTemplate:LaunchTemplate": { refs: ["doc:aws-ec2-pricing"], check: (p, report, { config }) => {
      // A node group's template may leave the type to the group (checked there).
      only(config.instanceTypes, "instanceType", p["instanceType"], report);
    } },
    "gcp:compute/instance:Instance": { refs: ["doc:gcp-compute-pricing"], check: (p, report, { config }) => {
      only(config.instanceTypes, "machineType", p["machineType"], report);
    } },
    "azure-native:compute:VirtualMachine": { refs: ["doc:azure-virtual-machines-pricing"], check: (p, report, { config }) => {
      only(config.azureSkus, "hardwareProfile.vmSize", at(p, "hardwareProfile.vmSize"), report);
    } },
    "aws:rds/clusterInstance:ClusterInstance": { refs: ["doc:aws-rds-aurora-pricing"], check: (p, report, { config }) => {
      only(config.rdsInstanceClasses, "instanceClass", p["instanceClass"], report);
    } },
    "aws:elasticache/cluster:Cluster": { refs: ["doc:aws-elasticache-pricing"], check: (p, report, { config }) => {
      only(config.cacheNodeTypes, "nodeType", p["nodeType"], report);
    } },
    "aws:elasticache/replicationGroup:ReplicationGroup": { refs: ["doc:aws-elasticache-pricing"], check: (p, report, { config }) => {
      only(config.cacheNodeTypes, "nodeType", p["nodeType"], report);
    } },
    "azure-native:sql:Database": { refs: ["doc:azure-sql-database-pricing"], check: (p, report, { config }) => {
      only(config.azureSqlSkus, "sku.name", at(p, "sku.name"), report);
    } },
  },
});
