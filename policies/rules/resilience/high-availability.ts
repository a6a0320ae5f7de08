/**
 * meridian-resilience-high-availability: Redis replication groups fail over automatically and GKE nodes repair
 * themselves; where the environment requires it, databases have a standby in another zone, search domains span zones
 * and storage accounts replicate to another region.
 */
import { resourceRule, at, type TypeCheck } from "../rule";

export interface HighAvailabilityConfig {
  readonly requireHighAvailability: boolean;
}

/** The Azure storage redundancies that keep a copy in the paired region (CKV_AZURE_206, AVD-AZU-0058). */
const GEO_REDUNDANT = new Set(["GRS", "RAGRS", "GZRS", "RAGZRS"]);

/** Where the environment requires it, an OpenSearch (or Elasticsearch) domain spreads its nodes over zones. */
const zoneAwareSearch: TypeCheck<HighAvailabilityConfig> = {
  refs: ["doc:aws-opensearch-multi-az"],
  check: (p, report, { config }) => {
    if (config.requireHighAvailability && at(p, "clusterConfig.zoneAwarenessEnabled") !== true) report("clusterConfig.zoneAwarenessEnabled is not true");
  },
};

export const highAvailability = resourceRule<HighAvailabilityConfig>({
  name: "meridian-resilience-high-availability",
  finding:
    "Redis replication groups fail over automatically and GKE node pools repair their nodes; where the environment requires it, databases run Multi-AZ (RDS), REGIONAL (Cloud SQL) or zone-redundant (Azure), OpenSearch domains are zone-aware, Azure SQL databases zone-redundant and storage accounts geo-redundant.",
  why: "a single-zone database is down for as long as its zone is; the standby is what keeps a zone failure from becoming an outage.",
  remediation:
    "Turn on multiAz / availabilityType REGIONAL / highAvailability ZoneRedundant, automaticFailoverEnabled, management.autoRepair, clusterConfig.zoneAwarenessEnabled; pick a GRS/GZRS storage SKU.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { requireHighAvailability: { type: "boolean", default: false } } },
  checks: {
    "aws:rds/instance:Instance": {
      refs: ["CKV_AWS_157"],
      check: (p, report, { config }) => {
        if (config.requireHighAvailability && p["multiAz"] !== true) report("multiAz is not true");
      },
    },
    "gcp:sql/databaseInstance:DatabaseInstance": {
      refs: ["doc:gcp-cloud-sql-high-availability"],
      check: (p, report, { config }) => {
        if (config.requireHighAvailability && at(p, "settings.availabilityType") !== "REGIONAL") report("settings.availabilityType is not REGIONAL");
      },
    },
    "azure-native:dbforpostgresql:Server": {
      refs: ["doc:azure-postgresql-flexible-server-high-availability"],
      check: (p, report, { config }) => {
        if (config.requireHighAvailability && at(p, "highAvailability.mode") !== "ZoneRedundant") report("highAvailability.mode is not ZoneRedundant");
      },
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
      refs: ["CKV2_AWS_50"],
      check: (p, report, { config }) => {
        if (p["automaticFailoverEnabled"] !== true) report("automaticFailoverEnabled is not true: the primary's failure is an outage until someone promotes a replica");
        if (config.requireHighAvailability && p["multiAzEnabled"] !== true) report("multiAzEnabled is not true");
      },
    },
    "aws:opensearch/domain:Domain": zoneAwareSearch,
    "aws:elasticsearch/domain:Domain": zoneAwareSearch,
    "gcp:container/nodePool:NodePool": {
      refs: ["CKV_GCP_9", "AVD-GCP-0063"],
      check: (p, report) => {
        // Auto-repair is on unless turned off.
        if (at(p, "management.autoRepair") === false) report("management.autoRepair is false: a broken node stays broken");
      },
    },
    "azure-native:sql:Database": {
      refs: ["CKV_AZURE_229"],
      check: (p, report, { config }) => {
        if (config.requireHighAvailability && p["zoneRedundant"] !== true) report("zoneRedundant is not true");
      },
    },
    "azure-native:storage:StorageAccount": {
      refs: ["CKV_AZURE_206", "AVD-AZU-0058"],
      check: (p, report, { config }) => {
        if (!config.requireHighAvailability) return;
        const sku = String(at(p, "sku.name") ?? "");
        const redundancy = sku.slice(sku.indexOf("_") + 1);
        if (!GEO_REDUNDANT.has(redundancy)) report(`sku.name is ${sku}: no copy outside the region (use GRS, RAGRS, GZRS or RAGZRS)`);
      },
    },
  },
});
