import { backups } from "../../../../policies/rules/resilience/backups";
import { dataProtection } from "../../../../policies/rules/resilience/data-protection";
import { highAvailability } from "../../../../policies/rules/resilience/high-availability";
import { observability } from "../../../../policies/rules/resilience/observability";
import { messages } from "../../../helpers/policy";

describe("meridian-resilience-backups", () => {
  it("holds each database to the minimum retention", async () => {
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 14, copyTagsToSnapshot: true })).toEqual([]);
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 14, copyTagsToSnapshot: true }, { config: { minRetention: 30 } })).toEqual(["backupRetentionPeriod is 14 days, below 30"]);
    // The default floor is Trivy's (AVD-AWS-0077: more than the 1-day default); a read replica has no backups of its own.
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 1, copyTagsToSnapshot: true })).toEqual(["backupRetentionPeriod is 1 days, below 2"]);
    expect(await messages(backups, "aws:rds/instance:Instance", { replicateSourceDb: "db-1", copyTagsToSnapshot: true })).toEqual([]);
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 7 })).toEqual(["copyTagsToSnapshot is not true: snapshots lose the owner and environment tags"]);
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 7, engine: "aurora-postgresql" })).toEqual([]);
    const sql = { settings: { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } } } };
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", sql)).toEqual([]);
    const noPitr = { settings: { backupConfiguration: { ...sql.settings.backupConfiguration, pointInTimeRecoveryEnabled: false } } };
    // No scanner asks for point-in-time recovery: only where the environment does (all of Meridian's).
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", noPitr)).toEqual([]);
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", noPitr, { config: { requirePointInTimeRecovery: true } })).toEqual(["point-in-time recovery is off"]);
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", { masterInstanceName: "primary", settings: {} })).toEqual([]);
    expect(await messages(backups, "azure-native:dbforpostgresql:Server", { backup: { backupRetentionDays: 7 } }, { config: { minRetention: 14 } })).toEqual(["backup.backupRetentionDays is 7, below 14"]);
  });
});

describe("meridian-resilience-data-protection", () => {
  const rds = { deletionProtection: true, skipFinalSnapshot: false };
  it("requires deletion protection and a final snapshot, and Pulumi protection where configured", async () => {
    expect(await messages(dataProtection, "aws:rds/instance:Instance", rds)).toEqual([]);
    expect(await messages(dataProtection, "aws:rds/instance:Instance", { ...rds, skipFinalSnapshot: true })).toEqual(["skipFinalSnapshot is true: deleting it loses the data"]);
    expect(await messages(dataProtection, "aws:rds/instance:Instance", rds, { config: { requireProtect: true } })).toEqual(["not protected in Pulumi (protect: true): it holds the database"]);
    expect(await messages(dataProtection, "aws:rds/instance:Instance", rds, { config: { requireProtect: true }, protect: true })).toEqual([]);
    expect(await messages(dataProtection, "gcp:sql/databaseInstance:DatabaseInstance", { deletionProtection: false }, { config: { requireDeletionProtection: false } })).toEqual([]);
    expect(await messages(dataProtection, "aws:kms/key:Key", { deletionWindowInDays: 7 })).toEqual(["deletionWindowInDays is 7: a deleted key makes everything it encrypted unreadable; keep the 30-day window"]);
  });

  it("holds every stateful type to protect and its provider's own guard where the environment asks (prod), from the core's table", async () => {
    const prod = { config: { requireProtect: true } };
    // A Cloud SQL database without deletionPolicy ABANDON: deleting the resource drops the data.
    expect(await messages(dataProtection, "gcp:sql/database:Database", { name: "app" }, { ...prod, protect: true })).toEqual(['deletionPolicy is undefined, not "ABANDON": the provider\'s own guard is off']);
    expect(await messages(dataProtection, "gcp:sql/database:Database", { name: "app", deletionPolicy: "ABANDON" }, { ...prod, protect: true })).toEqual([]);
    expect(await messages(dataProtection, "aws:eks/cluster:Cluster", { deletionProtection: true }, prod)).toEqual(["not protected in Pulumi (protect: true): it holds the cluster and everything running in it"]);
    expect(await messages(dataProtection, "aws:eks/cluster:Cluster", { deletionProtection: false }, { ...prod, protect: true })).toEqual(["deletionProtection is false, not true: the provider's own guard is off"]);
    // A generated password: a replacement would rotate it under the workloads that use it.
    expect(await messages(dataProtection, "random:index/randomPassword:RandomPassword", { length: 32 }, prod)).toEqual([
      "not protected in Pulumi (protect: true): it holds a generated password or pre-shared key (a replacement rotates it)",
    ]);
    expect(await messages(dataProtection, "random:index/randomPassword:RandomPassword", { length: 32 }, { ...prod, protect: true })).toEqual([]);
    // Outside prod (requireProtect off) none of this is asked.
    expect(await messages(dataProtection, "aws:eks/cluster:Cluster", { deletionProtection: false })).toEqual([]);
    // A type that holds no state is not this rule's business.
    expect(dataProtection.appliesTo).not.toContain("aws:ec2/securityGroup:SecurityGroup");
  });

  it("requires deletion protection on load balancers where the environment asks (prod)", async () => {
    const lb = "aws:lb/loadBalancer:LoadBalancer";
    expect(await messages(dataProtection, lb, { enableDeletionProtection: false })).toEqual([]);
    expect(await messages(dataProtection, lb, { enableDeletionProtection: true }, { config: { requireLoadBalancerDeletionProtection: true } })).toEqual([]);
    expect(await messages(dataProtection, lb, { enableDeletionProtection: false }, { config: { requireLoadBalancerDeletionProtection: true } })).toEqual([
      "enableDeletionProtection is not true: a stray destroy takes the stack's entry point down",
    ]);
  });
});

describe("meridian-resilience-high-availability", () => {
  it("requires a standby only where configured", async () => {
    expect(await messages(highAvailability, "aws:rds/instance:Instance", { multiAz: false })).toEqual([]);
    expect(await messages(highAvailability, "aws:rds/instance:Instance", { multiAz: false }, { config: { requireHighAvailability: true } })).toEqual(["multiAz is not true"]);
    expect(await messages(highAvailability, "gcp:sql/databaseInstance:DatabaseInstance", { settings: { availabilityType: "REGIONAL" } }, { config: { requireHighAvailability: true } })).toEqual([]);
    expect(await messages(highAvailability, "azure-native:dbforpostgresql:Server", { highAvailability: { mode: "Disabled" } }, { config: { requireHighAvailability: true } })).toEqual(["highAvailability.mode is not ZoneRedundant"]);
  });
});

describe("meridian-resilience-observability", () => {
  it("requires log retention and health-checked failover records", async () => {
    expect(await messages(observability, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 })).toEqual([]);
    expect(await messages(observability, "aws:cloudwatch/logGroup:LogGroup", {})).toEqual(["retentionInDays is not set: logs are kept forever"]);
    const record = { failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: "hc" };
    expect(await messages(observability, "aws:route53/record:Record", record)).toEqual([]);
    expect(await messages(observability, "aws:route53/record:Record", { failoverRoutingPolicies: [{ type: "SECONDARY" }], aliases: [{ evaluateTargetHealth: true }] })).toEqual([]);
    expect(await messages(observability, "aws:route53/record:Record", { failoverRoutingPolicies: [{ type: "PRIMARY" }] })).toEqual(["a failover record without healthCheckId (nor an alias evaluating target health)"]);
  });

  it("requires request logs on the entry points: ALB access logs, external backend service logging", async () => {
    expect(await messages(observability, "aws:lb/loadBalancer:LoadBalancer", { accessLogs: { bucket: "logs", enabled: true } })).toEqual([]);
    expect(await messages(observability, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "application" })).toEqual(["accessLogs are not enabled: no record of the requests the entry point served"]);
    // CKV_AWS_91 asks network load balancers for access logs too (before 2026-11-30 this rule left them out); gateways have none.
    expect(await messages(observability, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network" })).toEqual(["accessLogs are not enabled: no record of the requests the entry point served"]);
    expect(await messages(observability, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "gateway" })).toEqual([]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED", logConfig: { enable: true } })).toEqual([]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED" })).toEqual(["logConfig.enable is not true: no record of the requests the entry point served"]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "INTERNAL_MANAGED" })).toEqual([]);
  });
});

describe("the scanners' view of resilience (issue 17)", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

  it("decides at preview when a destination is another resource's output", async () => {
    expect(await messages(observability, "aws:apigateway/stage:Stage", { xrayTracingEnabled: true, accessLogSettings: { destinationArn: UNKNOWN, format: "$context.requestId" } })).toEqual([]);
    expect(await messages(observability, "aws:cloudfront/distribution:Distribution", { loggingConfig: { bucket: UNKNOWN } })).toEqual([]);
    expect(await messages(observability, "aws:cloudtrail/trail:Trail", { isMultiRegionTrail: true, enableLogFileValidation: true, cloudWatchLogsGroupArn: UNKNOWN })).toEqual([]);
    expect(await messages(observability, "gcp:storage/bucket:Bucket", { logging: { logBucket: UNKNOWN } })).toEqual([]);
    expect(await messages(backups, "aws:rds/instance:Instance", { replicateSourceDb: UNKNOWN, copyTagsToSnapshot: true })).toEqual([]);
  });

  it("judges a missing input as the provider's default", async () => {
    // GKE logs and monitors unless told not to; node pools repair themselves unless told not to; soft delete is on.
    expect(await messages(observability, "gcp:container/cluster:Cluster", {})).toEqual([]);
    expect(await messages(observability, "gcp:container/cluster:Cluster", { loggingConfig: { enableComponents: [] } })).toEqual(["logging is off (loggingService none or no loggingConfig.enableComponents)"]);
    expect(await messages(highAvailability, "gcp:container/nodePool:NodePool", {})).toEqual([]);
    expect(await messages(dataProtection, "azure-native:keyvault:Vault", { properties: { enablePurgeProtection: true } })).toEqual([]);
    // An RDS cluster keeps 1 day by default, below Trivy's floor; an on-demand DynamoDB table has no PITR by default.
    expect(await messages(backups, "aws:rds/cluster:Cluster", { copyTagsToSnapshot: true })).toEqual(["backupRetentionPeriod is 1 days, below 2"]);
    expect(await messages(backups, "aws:dynamodb/table:Table", {})).toEqual(["pointInTimeRecovery.enabled is not true"]);
    // A Lambda traces in PassThrough mode by default, which Checkov accepts; Active only where the environment asks.
    expect(await messages(observability, "aws:lambda/function:Function", {})).toEqual([]);
    expect(await messages(observability, "aws:lambda/function:Function", {}, { config: { requireTracing: true } })).toEqual(["tracingConfig.mode is PassThrough, not Active"]);
  });

  it("asks PostgreSQL on Cloud SQL for the logging flags, and nothing of MySQL", async () => {
    const flags = ["log_checkpoints", "log_connections", "log_disconnections", "log_lock_waits", "log_hostname", "cloudsql.enable_pgaudit"].map((name) => ({ name, value: "on" }));
    const pg = (extra: Array<{ name: string; value: string }>) => ({ databaseVersion: "POSTGRES_17", settings: { databaseFlags: [...flags, { name: "log_statement", value: "ddl" }, ...extra] } });
    expect(await messages(observability, "gcp:sql/databaseInstance:DatabaseInstance", pg([]))).toEqual([]);
    expect(await messages(observability, "gcp:sql/databaseInstance:DatabaseInstance", pg([{ name: "log_temp_files", value: "-1" }]))).toEqual(["database flag log_temp_files is -1, not 0"]);
    expect(await messages(observability, "gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "POSTGRES_17", settings: { databaseFlags: flags } })).toEqual(["database flag log_statement is not set, not ddl or mod or all"]);
    expect(await messages(observability, "gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "MYSQL_8_0", settings: {} })).toEqual([]);
  });

  it("holds the provider's guards only where the environment asks, except the scanners' defaults", async () => {
    expect(await messages(dataProtection, "aws:s3/bucket:Bucket", { forceDestroy: true })).toEqual([]);
    expect(await messages(dataProtection, "aws:s3/bucket:Bucket", { forceDestroy: true }, { config: { requireProtect: true }, protect: true })).toEqual(["forceDestroy is true: a destroy deletes every object with it"]);
    expect(await messages(dataProtection, "aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: "Enabled" } })).toEqual([]);
    expect(await messages(dataProtection, "aws:rds/cluster:Cluster", { deletionProtection: false })).toEqual(["deletionProtection is not true"]);
    expect(await messages(highAvailability, "azure-native:storage:StorageAccount", { sku: { name: "Standard_ZRS" } })).toEqual([]);
    expect(await messages(highAvailability, "azure-native:storage:StorageAccount", { sku: { name: "Standard_RAGZRS" } }, { config: { requireHighAvailability: true } })).toEqual([]);
    expect(await messages(highAvailability, "aws:elasticache/replicationGroup:ReplicationGroup", { automaticFailoverEnabled: true, multiAzEnabled: false }, { config: { requireHighAvailability: true } })).toEqual(["multiAzEnabled is not true"]);
    expect(await messages(backups, "azure-native:dbforpostgresql:Server", { createMode: "Replica" }, { config: { requireGeoRedundantBackup: true } })).toEqual([]);
  });
});
