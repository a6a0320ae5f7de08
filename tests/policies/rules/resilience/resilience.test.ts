import { backups } from "../../../../policies/rules/resilience/backups";
import { dataProtection } from "../../../../policies/rules/resilience/data-protection";
import { highAvailability } from "../../../../policies/rules/resilience/high-availability";
import { observability } from "../../../../policies/rules/resilience/observability";
import { messages } from "../../../helpers/policy";

describe("meridian-resilience-backups", () => {
  it("holds each database to the minimum retention", async () => {
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 14 })).toEqual([]);
    expect(await messages(backups, "aws:rds/instance:Instance", { backupRetentionPeriod: 14 }, { config: { minRetention: 30 } })).toEqual(["backupRetentionPeriod is 14 days, below 30"]);
    const sql = { settings: { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } } } };
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", sql)).toEqual([]);
    expect(await messages(backups, "gcp:sql/databaseInstance:DatabaseInstance", { settings: { backupConfiguration: { ...sql.settings.backupConfiguration, pointInTimeRecoveryEnabled: false } } })).toEqual(["point-in-time recovery is off"]);
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
    expect(await messages(observability, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network" })).toEqual([]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED", logConfig: { enable: true } })).toEqual([]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED" })).toEqual(["logConfig.enable is not true: no record of the requests the entry point served"]);
    expect(await messages(observability, "gcp:compute/backendService:BackendService", { loadBalancingScheme: "INTERNAL_MANAGED" })).toEqual([]);
  });
});
