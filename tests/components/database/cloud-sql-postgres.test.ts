import * as pulumi from "@pulumi/pulumi";
import { CloudSqlPostgres, cloudSqlDefaultMaxConnections, isValidTier, validateCloudSqlPostgresArgs, type CloudSqlPostgresArgs } from "../../../components/database";
import { GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, thresholdOf, gcpNetwork as handTyped } from "../../helpers/fixtures";

const T = "meridian:database:CloudSqlPostgres";
const base: CloudSqlPostgresArgs = { network: handTyped, region: "us-central1" };
const STATEFUL = [
  "gcp:sql/databaseInstance:DatabaseInstance::db-instance",
  "gcp:sql/database:Database::db-db",
  "gcp:sql/user:User::db-user",
  "random:index/randomPassword:RandomPassword::db-password",
  "gcp:secretmanager/secret:Secret::db-password",
  "gcp:secretmanager/secretVersion:SecretVersion::db-password",
];

describe("tiers", () => {
  it("accepts each edition's machine shapes and refuses the other edition's", () => {
    expect(isValidTier("ENTERPRISE", "db-custom-2-7680")).toBe(true);
    expect(isValidTier("ENTERPRISE", "db-custom-1-3840")).toBe(true);
    expect(isValidTier("ENTERPRISE", "db-custom-3-7680")).toBe(false); // odd vCPUs above 1
    expect(isValidTier("ENTERPRISE", "db-custom-2-20000")).toBe(false); // not a multiple of 256 MiB
    expect(isValidTier("ENTERPRISE", "db-custom-2-15360")).toBe(false); // over 6.5 GiB per vCPU
    expect(isValidTier("ENTERPRISE", "db-perf-optimized-N-4")).toBe(false);
    expect(isValidTier("ENTERPRISE_PLUS", "db-perf-optimized-N-4")).toBe(true);
    expect(isValidTier("ENTERPRISE_PLUS", "db-custom-2-7680")).toBe(false);
  });
});

describe("validateCloudSqlPostgresArgs", () => {
  it.each<[string, Partial<CloudSqlPostgresArgs>, string]>([
    ["an unknown version", { version: 9 }, `${T} 'db': version must be one of 14, 15, 16, 17; got 9.`],
    ["an Enterprise Plus tier on Enterprise", { tier: "db-perf-optimized-N-8" }, `${T} 'db': tier must be an Enterprise tier db-custom-<vCPUs>-<MiB>`],
    ["a custom tier on Enterprise Plus", { edition: "ENTERPRISE_PLUS", tier: "db-custom-2-7680" }, `${T} 'db': tier must be an Enterprise Plus tier db-perf-optimized-N-<2|4|8|16|32|48|64|80|96|128>; got "db-custom-2-7680".`],
    ["14 days of logs on Enterprise", { transactionLogRetentionDays: 14 }, `${T} 'db': transactionLogRetentionDays must be an integer from 1 to 7; got 14.`],
    ["authorized networks without a public IP", { authorizedNetworks: [{ name: "office", cidr: "198.51.100.0/24" }] }, `${T} 'db': authorizedNetworks must be empty unless publicIp is true (they apply to the public IP only); got ["198.51.100.0/24"].`],
    ["a public IP open to the world", { publicIp: true, authorizedNetworks: [{ name: "all", cidr: "0.0.0.0/0" }] }, `${T} 'db': authorizedNetworks[0].cidr must be an IPv4 CIDR block narrower than 0.0.0.0/0; got "0.0.0.0/0".`],
    ["an unknown SSL mode", { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" as never }, `${T} 'db': sslMode must be one of "ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"; got "ALLOW_UNENCRYPTED_AND_ENCRYPTED".`],
    ["a region that does not exist", { region: "us-moon1" }, `${T} 'db': region must be a GCP region such as "us-central1" (the list in components/core/regions.ts; a region opened since needs an entry there); got "us-moon1".`],
    ["Cloud SQL's own user name", { userName: "cloudsqlsuperuser" }, `${T} 'db': userName must be a name Cloud SQL does not reserve`],
    ["a maintenance window without its day", { maintenanceWindow: { hour: 5 } as never }, `${T} 'db': maintenanceWindow.day must be one of "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"; got undefined.`],
    ["a network without its id", { network: { addressPlan: handTyped.addressPlan } as never }, `${T} 'db': network.networkId must be the VPC network's id (projects/<project>/global/networks/<name>); got undefined.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCloudSqlPostgresArgs("db", { ...base, ...args })).toThrow(message);
  });
});

describe("CloudSqlPostgres", () => {
  it("is private, TLS-only, regional, backed up with PITR, deletion-protected, with a secret password", async () => {
    let passwordIsSecret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const network = new GcpNetwork("net", { region: "us-central1" });
      const db = new CloudSqlPostgres("standby", { network, region: "us-central1", protect: true });
      passwordIsSecret = pulumi.isSecret(db.userPassword);
      return { conn: db.connectionName, ip: db.privateIp, ca: db.serverCaCert, password: db.userPassword };
    });
    const instance = resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "standby-instance");
    expect(instance.protect).toBe(true);
    expect(instance.dependsOn).toContain(resource(result, "gcp:servicenetworking/connection:Connection", "net-private-services").urn);
    expect(instance.inputs).toMatchObject({
      region: "us-central1",
      databaseVersion: "POSTGRES_17",
      deletionProtection: true,
      settings: {
        edition: "ENTERPRISE",
        tier: "db-custom-2-7680",
        availabilityType: "REGIONAL",
        deletionProtectionEnabled: true,
        diskAutoresize: true,
        ipConfiguration: { ipv4Enabled: false, privateNetwork: resource(result, "gcp:compute/network:Network", "net-vpc").id, sslMode: "ENCRYPTED_ONLY", authorizedNetworks: [] },
        backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7, backupRetentionSettings: { retainedBackups: 14, retentionUnit: "COUNT" } },
        finalBackupConfig: { enabled: true, retentionDays: 30 },
        databaseFlags: [
          { name: "cloudsql.iam_authentication", value: "on" },
          { name: "log_checkpoints", value: "on" },
          { name: "log_connections", value: "on" },
          { name: "log_disconnections", value: "on" },
          { name: "log_lock_waits", value: "on" },
          { name: "log_hostname", value: "on" },
          { name: "log_min_error_statement", value: "error" },
          { name: "log_statement", value: "ddl" },
          { name: "cloudsql.enable_pgaudit", value: "on" },
        ],
        insightsConfig: { queryInsightsEnabled: true },
        maintenanceWindow: { day: 7, hour: 5, updateTrack: "stable" },
      },
    });
    const user = resource(result, "gcp:sql/user:User", "standby-user");
    expect(user.maskedInputs["password"]).toBe("[secret]");
    expect(user.inputs["password"]).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await passwordIsSecret).toBe(true);
    expect(result.outputs["password"]).toBe("[secret]");
    // The provider declares serverCaCerts an additional secret output, so the CA comes back secret too.
    expect(result.secretOutputs).toEqual(["ca", "password"]);
    expect(result.outputs["conn"]).toMatch(/^meridian-offline:us-central1:/);
    expect(result.outputs["ca"]).toBe("[secret]");
    expect(resource(result, "meridian:database:CloudSqlPostgres", "standby").secretOutputs).toEqual(["serverCaCert", "userPassword"]);
  });

  it("opens a public IP only when asked, and only to the networks given", async () => {
    const result = await runProgram(() => {
      const network = new GcpNetwork("net", { region: "us-central1" });
      new CloudSqlPostgres("pub", { network, region: "us-central1", availabilityType: "ZONAL", publicIp: true, authorizedNetworks: [{ name: "dms", cidr: "198.51.100.7/32" }] });
    });
    expect(resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "pub-instance").inputs["settings"]).toMatchObject({
      availabilityType: "ZONAL",
      ipConfiguration: { ipv4Enabled: true, authorizedNetworks: [{ name: "dms", value: "198.51.100.7/32" }] },
    });
  });

  it("describes itself as a replication target: private by default, public only with a public IP", async () => {
    const targets: Array<{ reachability: string; host: unknown; userName: string; port: number }> = [];
    await runProgram(() => {
      const network = new GcpNetwork("net", { region: "us-central1" });
      const priv = new CloudSqlPostgres("priv", { network, region: "us-central1" });
      const pub = new CloudSqlPostgres("pub", { network, region: "us-central1", publicIp: true, authorizedNetworks: [{ name: "dms", cidr: "198.51.100.7/32" }] });
      targets.push({ ...priv.replicationTarget() }, { ...pub.replicationTarget("public") });
      expect(priv.replicationTarget().host).toBe(priv.privateIp);
      expect(pub.replicationTarget("public").host).toBe(pub.publicIp);
      expect(() => priv.replicationTarget("public")).toThrow(
        'meridian:database:CloudSqlPostgres: replicationTarget(reachability) must be "private": this instance has no public IP (publicIp: false); got "public".',
      );
    });
    expect(targets.map((t) => [t.reachability, t.userName, t.port])).toEqual([
      ["private", "app", 5432],
      ["public", "app", 5432],
    ]);
  });

  it("protects the instance, database, user, password and its secret under the protect option; the database and user are abandoned, not dropped", async () => {
    const result = await runProgram(() => new CloudSqlPostgres("db", base, { protect: true }));
    expect(STATEFUL.map((k) => [k, result.resources.find((r) => `${r.type}::${r.name}` === k)?.protect])).toEqual(STATEFUL.map((k) => [k, true]));
    expect(resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "db-instance").inputs["deletionProtection"]).toBe(true);
    expect(resource(result, "gcp:sql/database:Database", "db-db").inputs["deletionPolicy"]).toBe("ABANDON");
    expect(resource(result, "gcp:sql/user:User", "db-user").inputs["deletionPolicy"]).toBe("ABANDON");
    // Deletion protection off (dev): the provider's guards follow, and nothing is protected without being asked.
    const dev = await runProgram(() => new CloudSqlPostgres("db", { ...base, deletionProtection: false }));
    expect(resource(dev, "gcp:sql/databaseInstance:DatabaseInstance", "db-instance").inputs["deletionProtection"]).toBe(false);
    expect(resource(dev, "gcp:sql/database:Database", "db-db").inputs).not.toHaveProperty("deletionPolicy");
    expect(STATEFUL.map((k) => dev.resources.find((r) => `${r.type}::${r.name}` === k)?.protect)).toEqual(STATEFUL.map(() => false));
  });
});

describe("CloudSqlPostgres authorized networks", () => {
  it("takes a free-form label as Cloud SQL does, and sends it with the range", async () => {
    const result = await runProgram(() => new CloudSqlPostgres("db", { ...base, publicIp: true, authorizedNetworks: [{ name: "Office VPN", cidr: "198.51.100.0/24" }] }));
    const settings = resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "db-instance").inputs["settings"] as { ipConfiguration: { authorizedNetworks: unknown } };
    expect(settings.ipConfiguration.authorizedNetworks).toEqual([{ name: "Office VPN", value: "198.51.100.0/24" }]);
  });
});

describe("CloudSqlPostgres alert policies", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
  const policyOf = (result: Result, name: string) => resource(result, POLICY, name).inputs;
  const policyNames = (result: Result) => result.resources.filter((r) => r.type === POLICY).map((r) => r.name).sort();
  const filterOf = (metric: string) => expect.stringMatching(new RegExp(`^metric\\.type = "cloudsql\\.googleapis\\.com/${metric.replace(/\//g, "\\/")}" AND resource\\.type = "cloudsql_database" AND resource\\.label\\.database_id = "[a-z0-9-]+:standby-instance-[0-9a-f]+"$`));

  it("pages when database/up drops (or stops reporting), warns on CPU, disk and connections against the tier's max_connections", async () => {
    const result = await runProgram(() => new CloudSqlPostgres("standby", { ...base, alerts: alertDestinations }));
    expect(policyNames(result)).toEqual(["standby-connections", "standby-cpu", "standby-disk", "standby-down"]);
    const down = policyOf(result, "standby-down");
    expect(down).toMatchObject({ combiner: "OR", severity: "CRITICAL", notificationChannels: alertDestinations.gcp.critical });
    expect(thresholdOf(down)).toEqual({
      filter: filterOf("database/up"),
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MIN" }],
      comparison: "COMPARISON_LT",
      thresholdValue: 1,
      duration: "120s",
      evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE",
    });
    expect(down["documentation"]).toEqual({
      content: "[critical] Cloud SQL PostgreSQL standby: database/up below 1 (or no data) for 2 min. Runbook database-down: The primary database is down or failing over: check its events; if the primary cloud is down, run the aws-down scenario (README.md#runbook-alerts)",
      mimeType: "text/markdown",
    });
    for (const name of ["standby-cpu", "standby-disk", "standby-connections"]) expect(policyOf(result, name)).toMatchObject({ severity: "WARNING", notificationChannels: alertDestinations.gcp.warning });
    expect(thresholdOf(policyOf(result, "standby-cpu"))).toMatchObject({ filter: filterOf("database/cpu/utilization"), comparison: "COMPARISON_GT", thresholdValue: 0.8, duration: "900s" });
    expect(thresholdOf(policyOf(result, "standby-disk"))).toMatchObject({ filter: filterOf("database/disk/utilization"), comparison: "COMPARISON_GT", thresholdValue: 0.9, duration: "300s" });
    // db-custom-2-7680: 7.5 GiB → Cloud SQL's default of 400 connections; 80 % → 320, summed over the instance's databases.
    expect(thresholdOf(policyOf(result, "standby-connections"))).toEqual({
      filter: filterOf("database/postgresql/num_backends"),
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.database_id"] }],
      comparison: "COMPARISON_GT",
      thresholdValue: 320,
      duration: "300s",
    });
  });

  it("without alerts: the policies exist and notify no one; { enabled: false } creates none", async () => {
    const result = await runProgram(() => new CloudSqlPostgres("standby", base));
    expect(policyNames(result)).toHaveLength(4);
    for (const name of policyNames(result)) expect(policyOf(result, name)["notificationChannels"]).toEqual([]);
    const none = await runProgram(() => new CloudSqlPostgres("standby", { ...base, alarms: { enabled: false } }));
    expect(policyNames(none)).toEqual([]);
  });

  it("carries the caller's labels in userLabels (the alert policy's label field)", async () => {
    const result = await runProgram(() => new CloudSqlPostgres("standby", { ...base, tags: { team: "data" } }));
    expect(policyOf(result, "standby-down")["userLabels"]).toMatchObject({ team: "data" });
  });

  it("derives max_connections from the tier's memory", () => {
    expect(cloudSqlDefaultMaxConnections(3.75)).toBe(100);
    expect(cloudSqlDefaultMaxConnections(7.5)).toBe(400);
    expect(cloudSqlDefaultMaxConnections(16)).toBe(500);
    expect(cloudSqlDefaultMaxConnections(128)).toBe(1000);
  });

  it.each<[string, Partial<CloudSqlPostgresArgs>, string]>([
    ["a disk threshold of 0", { alarms: { diskPercent: 0 } }, `${T} 'db': alarms.diskPercent must be an integer from 1 to 100; got 0.`],
    ["down for an hour before paging", { alarms: { downMinutes: 60 } }, `${T} 'db': alarms.downMinutes must be an integer from 1 to 30; got 60.`],
    ["a GCP destination that is not a list", { alerts: { gcp: { critical: "projects/p/notificationChannels/1", warning: [] } as never } }, `${T} 'db': alerts.gcp.critical must be a list of Cloud Monitoring notification channel names`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateCloudSqlPostgresArgs("db", { ...base, ...args })).toThrow(message);
  });
});
