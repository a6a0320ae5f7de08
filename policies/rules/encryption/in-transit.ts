/** meridian-encryption-in-transit: TLS for database connections, replication endpoints, storage and web apps. */
import { resourceRule, at } from "../rule";

const TLS_ORDER = ["1.0", "1.1", "1.2", "1.3"];

export const encryptionInTransit = resourceRule({
  name: "meridian-encryption-in-transit",
  finding: "Connections to databases, DMS endpoints, storage accounts and function apps require TLS (1.2 or later where the service lets you choose).",
  why: "cross-cloud traffic and client connections can be observed or altered in transit; TLS is what stops that.",
  remediation: "Require TLS as the message says (Cloud SQL sslMode, DMS sslMode, Azure httpsOnly and minimum TLS).",
  enforcementLevel: "mandatory",
  severity: "high",
  checks: {
    "aws:rds/parameterGroup:ParameterGroup": (p, report, ctx) => {
      if (!String(p["family"] ?? "").startsWith("postgres")) return;
      const force = (p["parameters"] as Array<{ name: string; value: string }> | undefined)?.find((x) => x.name === "rds.force_ssl");
      if (!force || force.value !== "1") report(`${ctx.name}: rds.force_ssl is not 1`);
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report) => {
      const mode = at(p, "settings.ipConfiguration.sslMode");
      if (mode !== "ENCRYPTED_ONLY" && mode !== "TRUSTED_CLIENT_CERTIFICATE_REQUIRED") report(`settings.ipConfiguration.sslMode is ${JSON.stringify(mode)}, not ENCRYPTED_ONLY or stricter`);
    },
    "aws:dms/endpoint:Endpoint": (p, report) => {
      const mode = p["sslMode"];
      if (!mode || mode === "none") report(`sslMode is ${JSON.stringify(mode)}: replication would cross the network in clear text`);
    },
    "azure-native:storage:StorageAccount": (p, report) => {
      if (p["enableHttpsTrafficOnly"] === false) report("enableHttpsTrafficOnly is false");
      if (p["minimumTlsVersion"] !== "TLS1_2" && p["minimumTlsVersion"] !== "TLS1_3") report(`minimumTlsVersion is ${JSON.stringify(p["minimumTlsVersion"])}, below TLS1_2`);
    },
    "azure-native:web:WebApp": (p, report) => {
      if (p["httpsOnly"] !== true) report("httpsOnly is not true");
      const v = at(p, "siteConfig.minTlsVersion");
      if (TLS_ORDER.indexOf(String(v)) < TLS_ORDER.indexOf("1.2")) report(`siteConfig.minTlsVersion is ${JSON.stringify(v)}, below 1.2`);
    },
    "azure-native:dbforpostgresql:Configuration": (p, report) => {
      if (p["configurationName"] === "require_secure_transport" && String(p["value"]).toLowerCase() === "off") report("require_secure_transport is off");
    },
  },
});
