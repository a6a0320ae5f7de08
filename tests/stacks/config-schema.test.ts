import { MeridianValidationError } from "../../components/core";
import { configObjectFromMap, parseStackConfig } from "../../stacks/config-schema";

const FILE = "stacks/Pulumi.test.yaml";
const valid = {
  environment: "staging",
  owner: "platform-team",
  costCenter: "cc-1",
  gcp: { project: "meridian-test-01", region: "europe-west1" },
};

function errorOf(raw: unknown): MeridianValidationError {
  try {
    parseStackConfig(raw, FILE);
  } catch (err) {
    if (err instanceof MeridianValidationError) return err;
    throw err;
  }
  throw new Error("expected a MeridianValidationError");
}

describe("parseStackConfig", () => {
  it("accepts a valid config", () => {
    expect(parseStackConfig(valid, FILE)).toEqual(valid);
  });

  it("fails when environment is not one of dev, staging, prod", () => {
    expect(() => parseStackConfig({ ...valid, environment: "qa" }, FILE)).toThrow(
      'stacks/Pulumi.test.yaml: meridian:environment must be one of "dev", "staging", "prod"; got "qa".',
    );
  });

  it("fails when a required key is missing", () => {
    const { owner: _owner, ...rest } = valid;
    const err = errorOf(rest);
    expect(err.field).toBe("meridian:owner");
    expect(err.message).toBe("stacks/Pulumi.test.yaml: meridian:owner must be a non-empty string (the team that owns the stack); got undefined.");
  });

  it("fails on a malformed nested value, naming the dotted key", () => {
    expect(() => parseStackConfig({ ...valid, gcp: { ...valid.gcp, region: "Moon 1" } }, FILE)).toThrow(
      'stacks/Pulumi.test.yaml: meridian:gcp.region must be a GCP region such as "us-central1" (see components/core/regions.ts); got "Moon 1".',
    );
    expect(() => parseStackConfig({ ...valid, aws: { region: "useast1" } }, FILE)).toThrow(
      'meridian:aws.region must be an AWS region such as "us-east-1" (one the AWS provider knows); got "useast1".',
    );
  });

  it("fails on a region, location or tag name that looks right but does not exist or would be lost", () => {
    expect(errorOf({ ...valid, aws: { region: "us-moon-1" } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:aws.region must be an AWS region such as "us-east-1" (one the AWS provider knows); got "us-moon-1".',
    );
    expect(errorOf({ ...valid, gcp: { ...valid.gcp, region: "us-moon1" } }).field).toBe("meridian:gcp.region");
    expect(errorOf({ ...valid, azure: { location: "moonbase" } }).field).toBe("meridian:azure.location");
    expect(parseStackConfig({ ...valid, azure: { location: "swedencentral" } }, FILE).azure?.location).toBe("swedencentral");
    const tag = errorOf({ ...valid, tags: JSON.parse('{"__proto__": "x"}') as Record<string, string> });
    expect({ field: tag.field, value: tag.value }).toEqual({ field: "meridian:tags.__proto__", value: "__proto__" });
  });

  it("fails on an unknown key, listing the known ones at that level", () => {
    expect(() => parseStackConfig({ ...valid, gcp: { ...valid.gcp, zone: "b" } }, FILE)).toThrow(
      'stacks/Pulumi.test.yaml: meridian:gcp.zone must be absent (not a known key; known keys here: project, region, network, database, service, cluster); got "b".',
    );
    expect(errorOf({ ...valid, regoin: "x" }).message).toMatch(/meridian:regoin must be absent \(not a known key; known keys here: environment, owner, costCenter, project, protect, tags, replication, dns, app, alerts, deploy, aws, gcp, azure\)/);
  });

  it("takes the replication instance's storage and the warning lag from meridian:replication", () => {
    const both = { ...valid, aws: { region: "us-east-1", database: {} }, gcp: { ...valid.gcp, database: {} } };
    expect(parseStackConfig({ ...both, replication: { maxLagSeconds: 10, lagWarningSeconds: 5, allocatedStorageGiB: 100 } }, FILE).replication).toEqual({ maxLagSeconds: 10, lagWarningSeconds: 5, allocatedStorageGiB: 100 });
    expect(errorOf({ ...both, replication: { allocatedStorageGiB: "100GB" } }).message).toBe('stacks/Pulumi.test.yaml: meridian:replication.allocatedStorageGiB must be GiB, such as 100; got "100GB".');
    expect(errorOf({ ...both, replication: { lagWarningSeconds: "5s" } }).field).toBe("meridian:replication.lagWarningSeconds");
  });

  it("takes each database's and service's alarm thresholds, and refuses a key the component does not read", () => {
    const withAlarms = { ...valid, aws: { region: "us-east-1", database: { alarms: { cpuPercent: 70, maxConnections: 400 } }, service: { image: "x", alarms: { enabled: false } } }, gcp: { ...valid.gcp, database: { alarms: { diskPercent: 80 } } } };
    const config = parseStackConfig(withAlarms, FILE);
    expect([config.aws?.database?.alarms, config.aws?.service?.alarms, config.gcp?.database?.alarms]).toEqual([{ cpuPercent: 70, maxConnections: 400 }, { enabled: false }, { diskPercent: 80 }]);
    expect(errorOf({ ...withAlarms, aws: { region: "us-east-1", database: { alarms: { cpu: 70 } } } }).message).toMatch(/^stacks\/Pulumi\.test\.yaml: meridian:aws\.database\.alarms\.cpu must be absent \(not a known key; known keys here: enabled, cpuPercent, cpuMinutes, freeStoragePercent, connectionsPercent, maxConnections\)/);
    expect(errorOf({ ...withAlarms, aws: { region: "us-east-1", database: { alarms: { cpuPercent: "high" } } } }).field).toBe("meridian:aws.database.alarms.cpuPercent");
  });

  it("takes meridian:alerts by severity, and refuses what would reach no one or travel in clear text", () => {
    const alerts = { critical: { emails: ["oncall@example.com"], pagerduty: { integrationKey: "offline-placeholder-secret" } }, warning: { webhooks: ["https://hooks.example.com/w"], opsgenie: { apiKey: "k", region: "eu" } } };
    expect(parseStackConfig({ ...valid, alerts }, FILE).alerts).toEqual(alerts);
    expect(errorOf({ ...valid, alerts: { ...alerts, critical: { emails: ["oncall.example.com"] } } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:alerts.critical.emails.0 must be an e-mail address such as "oncall@example.com"; got "oncall.example.com".',
    );
    expect(errorOf({ ...valid, alerts: { ...alerts, warning: { webhooks: ["http://hooks.example.com/w"] } } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:alerts.warning.webhooks.0 must be an https:// URL such as "https://hooks.example.com/alerts" (alerts never travel in clear text); got "http://hooks.example.com/w".',
    );
    expect(errorOf({ ...valid, alerts: { ...alerts, warning: {} } }).message).toBe(
      "stacks/Pulumi.test.yaml: meridian:alerts.warning must be at least one subscriber: emails, webhooks, pagerduty or opsgenie (an alert no one receives pages no one); got {}.",
    );
    expect(errorOf({ ...valid, alerts: { critical: alerts.critical } }).field).toBe("meridian:alerts.warning");
    expect(errorOf({ ...valid, alerts: { ...alerts, critical: { slack: "#ops" } } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:alerts.critical.slack must be absent (not a known key; known keys here: emails, webhooks, pagerduty, opsgenie); got "#ops".',
    );
    expect(errorOf({ ...valid, alerts: { ...alerts, critical: { pagerduty: { integrationKey: "" } } } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:alerts.critical.pagerduty.integrationKey must be a non-empty string (the PagerDuty integration key, set with --secret); got "".',
    );
    expect(errorOf({ ...valid, alerts: { ...alerts, warning: { opsgenie: { apiKey: "k", region: "apac" } } } }).field).toBe("meridian:alerts.warning.opsgenie.region");
  });

  it("fails when no cloud is configured", () => {
    const { gcp: _gcp, ...rest } = valid;
    expect(() => parseStackConfig(rest, FILE)).toThrow("stacks/Pulumi.test.yaml: meridian:aws / gcp / azure must be set for at least one cloud; got undefined.");
  });

  it("fails on rules across keys, naming the key at fault", () => {
    const aws = { region: "us-east-1", database: {} };
    const gcp = { ...valid.gcp, database: {} };
    // Replication copies the AWS database to the GCP one: both must exist.
    expect(errorOf({ ...valid, replication: { maxLagSeconds: 10 } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:replication must be set only with both meridian:aws.database and meridian:gcp.database (it copies the AWS database to the GCP one); got {"maxLagSeconds":10}.',
    );
    // DNS failover runs on Route 53.
    expect(errorOf({ ...valid, dns: { zoneName: "example.com" } }).field).toBe("meridian:dns");
    // A public tier must be served on at least two clouds.
    expect(errorOf({ ...valid, aws: { region: "us-east-1" }, gcp: { ...valid.gcp, service: { image: "x" } }, dns: { zoneName: "example.com" } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:dns.internal must be a list including "api": the api tier is served on gcp only, and a public name fails over between at least two clouds (run it on another, or keep it internal); got undefined.',
    );
    expect(() => parseStackConfig({ ...valid, aws: { region: "us-east-1" }, gcp: { ...valid.gcp, service: { image: "x" } }, dns: { zoneName: "example.com", internal: ["api"] } }, FILE)).not.toThrow();
    // DNS must not send traffic first to the cloud that replication writes into.
    expect(() => parseStackConfig({ ...valid, aws, gcp, replication: { maxLagSeconds: 10 }, dns: { zoneName: "example.com", primary: "gcp" } }, FILE)).toThrow(
      'stacks/Pulumi.test.yaml: meridian:dns.primary must be "aws" while meridian:replication copies the AWS database to GCP (the AWS database is the only one written: sending writes elsewhere first would split the data); got "gcp".',
    );
    expect(() => parseStackConfig({ ...valid, aws, gcp, dns: { zoneName: "example.com", primary: "gcp" } }, FILE)).not.toThrow();
  });

  describe("Azure", () => {
    const azure = { location: "eastus" };
    const aws = { region: "us-east-1", service: { image: "x" }, cluster: { nodePools: [] } };
    const app = { image: "web:1.0.0" };

    it("takes a cluster, a database with Azure's own sizes, and a service", () => {
      const config = parseStackConfig(
        { ...valid, azure: { ...azure, cluster: { nodePools: [{ name: "general", size: "small", minNodes: 1, maxNodes: 2 }] }, database: { tier: "Burstable", skuName: "Standard_B2ms", highAvailability: "Disabled" }, service: { image: "x", cpu: 0.5 } } },
        FILE,
      );
      expect(config.azure).toMatchObject({ database: { tier: "Burstable", skuName: "Standard_B2ms" }, service: { cpu: 0.5 } });
      expect(errorOf({ ...valid, azure: { ...azure, database: { tier: "Basic" } } }).message).toBe(
        'stacks/Pulumi.test.yaml: meridian:azure.database.tier must be one of "Burstable", "GeneralPurpose", "MemoryOptimized"; got "Basic".',
      );
      // An RDS key on Azure is not silently ignored.
      expect(errorOf({ ...valid, azure: { ...azure, database: { instanceClass: "db.t4g.medium" } } }).field).toBe("meridian:azure.database.instanceClass");
    });

    it("lets the API fail over between AWS and Azure, with either as primary", () => {
      const config = { ...valid, gcp: undefined, aws, azure: { ...azure, service: { image: "x" } }, app, dns: { zoneName: "example.com", internal: ["app"] } };
      expect(() => parseStackConfig(config, FILE)).not.toThrow();
      expect(() => parseStackConfig({ ...config, dns: { ...config.dns, primary: "azure" } }, FILE)).not.toThrow();
    });

    it("refuses a public app served only on AKS's side: AKS has no entry point for it", () => {
      const config = { ...valid, gcp: undefined, aws, azure: { ...azure, cluster: { nodePools: [] }, service: { image: "x" } }, app, dns: { zoneName: "example.com" } };
      expect(errorOf(config).message).toBe(
        'stacks/Pulumi.test.yaml: meridian:dns.internal must be a list including "app": the app tier is served on aws only; an AKS app is not published (no Azure entry point for it), and a public name fails over between at least two clouds (run it on another, or keep it internal); got undefined.',
      );
    });

    it("refuses a primary the tier is not served on, naming meridian:azure when it is missing", () => {
      const gcp = { ...valid.gcp, service: { image: "x" } };
      expect(errorOf({ ...valid, gcp, aws: { region: "us-east-1", service: { image: "x" } }, dns: { zoneName: "example.com", primary: "azure" } }).message).toBe(
        'stacks/Pulumi.test.yaml: meridian:dns.primary must be a cloud the api tier is served on: "aws", "gcp" (meridian:azure is not set); got "azure".',
      );
      const onAzure = { ...valid, gcp: undefined, aws, app, azure: { ...azure, service: { image: "x" } }, dns: { zoneName: "example.com", primary: "azure" } };
      expect(errorOf({ ...onAzure, gcp: { ...valid.gcp, cluster: { nodePools: [] } } }).message).toBe(
        'stacks/Pulumi.test.yaml: meridian:dns.primary must be a cloud the app tier is served on: "aws", "gcp" (the app tier does not run on azure); got "azure".',
      );
      // With replication only AWS may be primary (the AWS database is the one written).
      expect(errorOf({ ...onAzure, aws: { ...aws, database: {} }, gcp: { ...valid.gcp, database: {} }, replication: {}, dns: { ...onAzure.dns, internal: ["app"] } }).field).toBe("meridian:dns.primary");
    });
  });

  it("fails when tags are not a map of strings", () => {
    expect(errorOf({ ...valid, tags: { team: 3 } }).field).toBe("meridian:tags.team");
  });
});

describe("meridian:dns routing", () => {
  // Both public tiers on both clouds: the app on each cluster, the API on each cloud's service.
  const cluster = { nodePools: [{ name: "general", size: "small", minNodes: 1, maxNodes: 2 }] };
  const both = {
    ...valid,
    aws: { region: "us-east-1", cluster, service: { image: "x" } },
    gcp: { ...valid.gcp, cluster, service: { image: "x" } },
    app: { image: "web" },
  };
  const withDns = (dns: Record<string, unknown>) => ({ ...both, dns: { zoneName: "example.com", ...dns } });

  it("accepts each routing with the keys it reads, and weights as Pulumi's --path may store them", () => {
    expect(parseStackConfig(withDns({}), FILE).dns?.routing).toBeUndefined();
    expect(parseStackConfig(withDns({ routing: "weighted", weights: { aws: "60", gcp: 40 } }), FILE).dns?.weights).toEqual({ aws: 60, gcp: 40 });
    // A weight of 0 keeps the cloud as the standby (the last step of a shift).
    expect(parseStackConfig(withDns({ routing: "weighted", weights: { aws: 0, gcp: 100 } }), FILE).dns?.weights).toEqual({ aws: 0, gcp: 100 });
    expect(parseStackConfig(withDns({ routing: "latency", latencyRegions: { gcp: "eu-west-1" } }), FILE).dns?.latencyRegions).toEqual({ gcp: "eu-west-1" });
    const geolocation = { default: "aws", continents: { NA: "aws", EU: "gcp", AS: "gcp" }, countries: { BR: "aws" } };
    expect(parseStackConfig(withDns({ routing: "geolocation", geolocation }), FILE).dns?.geolocation).toEqual(geolocation);
    expect(parseStackConfig(withDns({ provider: "route53" }), FILE).dns?.provider).toBe("route53");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown routing", { routing: "round-robin" }, 'meridian:dns.routing must be one of "failover", "weighted", "latency", "geolocation"; got "round-robin".'],
    ["a weight that is not an integer", { routing: "weighted", weights: { aws: 70.5, gcp: 30 } }, "meridian:dns.weights.aws must be an integer from 0 to 255; got 70.5."],
    ["one weight only", { routing: "weighted", weights: { aws: 60 } }, "meridian:dns.weights.gcp must be an integer from 0 to 255; got undefined."],
    ["weights all 0", { routing: "weighted", weights: { aws: 0, gcp: 0 } }, 'meridian:dns.weights must be weights that are not all 0 (no cloud would get traffic); got {"aws":0,"gcp":0}.'],
    ["weights with failover routing", { weights: { aws: 70, gcp: 30 } }, 'meridian:dns.weights must be absent while meridian:dns.routing is "failover" (weights applies to "weighted" routing only); got {"aws":70,"gcp":30}.'],
    ["primary with weighted routing", { routing: "weighted", primary: "aws" }, 'meridian:dns.primary must be absent while meridian:dns.routing is "weighted" (primary applies to "failover" routing only); got "aws".'],
    ["a geolocation map with latency routing", { routing: "latency", geolocation: { default: "aws" } }, 'meridian:dns.geolocation must be absent while meridian:dns.routing is "latency"'],
    ["geolocation routing without a map", { routing: "geolocation" }, "meridian:dns.geolocation must be a map { default: aws, continents: { EU: gcp }, countries: { ... } }"],
    ["a map without a default", { routing: "geolocation", geolocation: { continents: { EU: "gcp" } } }, "meridian:dns.geolocation.default must be the cloud that answers every location not listed, such as aws; got undefined."],
    ["a default on a cloud the tiers do not run on", { routing: "geolocation", geolocation: { default: "azure" } }, 'meridian:dns.geolocation.default must be one of the clouds the public tiers run on: "aws", "gcp"; got "azure".'],
    ["a country on a cloud the tiers do not run on", { routing: "geolocation", geolocation: { default: "aws", countries: { DE: "moon" } } }, 'meridian:dns.geolocation.countries.DE must be one of the clouds the public tiers run on: "aws", "gcp"; got "moon".'],
    ["a continent code that is not one", { routing: "geolocation", geolocation: { default: "aws", continents: { Europe: "gcp" } } }, 'meridian:dns.geolocation.continents.Europe must be continent codes of Route 53 geolocation: AF, AN, AS, EU, OC, NA, SA; got "Europe".'],
    ["a country code in lower case", { routing: "geolocation", geolocation: { default: "aws", countries: { de: "gcp" } } }, 'meridian:dns.geolocation.countries.de must be ISO 3166-1 alpha-2 country codes, upper case, such as "DE"; got "de".'],
    ["a latency region that is not an AWS region", { routing: "latency", latencyRegions: { gcp: "us-central1" } }, 'meridian:dns.latencyRegions.gcp must be an AWS region such as "us-east-1" (one the AWS provider knows); got "us-central1".'],
    ["one latency region for both clouds", { routing: "latency", latencyRegions: { gcp: "us-east-1" } }, "meridian:dns.latencyRegions must be a different AWS region for each cloud (both are us-east-1: latency routing could not prefer either)"],
    ["cloud-dns", { provider: "cloud-dns" }, 'meridian:dns.provider must be "route53" (cloud-dns is not available in the stacks yet'],
  ])("fails on %s, naming the key", (_what, dns, message) => {
    expect(errorOf(withDns(dns)).message).toContain(`stacks/Pulumi.test.yaml: ${message}`);
  });

  it("fails on cloud-dns without GCP, naming the provider key", () => {
    expect(errorOf({ ...valid, gcp: undefined, aws: { region: "us-east-1" }, dns: { zoneName: "example.com", provider: "cloud-dns" } }).message).toBe(
      'stacks/Pulumi.test.yaml: meridian:dns.provider must be "route53": cloud-dns keeps the zone in a Cloud DNS managed zone, which needs meridian:gcp (its project); got "cloud-dns".',
    );
  });
});

describe("configObjectFromMap", () => {
  it("reads the meridian namespace, parsing structured values and keeping strings", () => {
    expect(
      configObjectFromMap({
        "meridian:environment": "dev",
        "meridian:gcp": '{"project":"p-123456","region":"us-east1"}',
        "meridian:owner": "{not json",
        "aws:region": "us-east-1",
      }),
    ).toEqual({ environment: "dev", gcp: { project: "p-123456", region: "us-east1" }, owner: "{not json" });
  });
});

describe("top-level booleans", () => {
  it("read Pulumi's string form", () => {
    expect(parseStackConfig({ ...valid, protect: "true" }, FILE).protect).toBe(true);
    expect(parseStackConfig({ ...valid, protect: false }, FILE).protect).toBe(false);
    expect(() => parseStackConfig({ ...valid, protect: "yes" }, FILE)).toThrow('stacks/Pulumi.test.yaml: meridian:protect must be true or false; got "yes".');
  });
});
