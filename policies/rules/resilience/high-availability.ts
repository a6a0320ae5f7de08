/** meridian-resilience-high-availability: where the environment requires it, databases have a standby in another zone. */
import { resourceRule, at } from "../rule";

export interface HighAvailabilityConfig {
  readonly requireHighAvailability: boolean;
}

export const highAvailability = resourceRule<HighAvailabilityConfig>({
  name: "meridian-resilience-high-availability",
  finding: "Where the environment requires it, databases run Multi-AZ (RDS), REGIONAL (Cloud SQL) or zone-redundant (Azure).",
  why: "a single-zone database is down for as long as its zone is; the standby is what keeps a zone failure from becoming an outage.",
  remediation: "Turn on multiAz / availabilityType REGIONAL / highAvailability ZoneRedundant.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { requireHighAvailability: { type: "boolean", default: false } } },
  checks: {
    "aws:rds/instance:Instance": (p, report, { config }) => {
      if (config.requireHighAvailability && p["multiAz"] !== true) report("multiAz is not true");
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report, { config }) => {
      if (config.requireHighAvailability && at(p, "settings.availabilityType") !== "REGIONAL") report("settings.availabilityType is not REGIONAL");
    },
    "azure-native:dbforpostgresql:Server": (p, report, { config }) => {
      if (config.requireHighAvailability && at(p, "highAvailability.mode") !== "ZoneRedundant") report("highAvailability.mode is not ZoneRedundant");
    },
  },
});
