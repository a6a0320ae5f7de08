import { RdsPostgres, rdsDefaultMaxConnections, validateRdsPostgresArgs, type RdsPostgresArgs } from "../../../components/database";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, awsNetwork as network } from "../../helpers/fixtures";

const T = "meridian:database:RdsPostgres";
const base: RdsPostgresArgs = { network };
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("validateRdsPostgresArgs", () => {
  it.each<[string, Partial<RdsPostgresArgs>, string]>([
    ["an unknown engine version", { version: 12 }, `${T} 'db': version must be one of 14, 15, 16, 17; got 12.`],
    ["an unknown instance class", { instanceClass: "db.x9.huge" }, `${T} 'db': instanceClass must be an RDS instance class of a current family, such as db.t4g.medium, db.m7g.large or db.r7g.xlarge; got "db.x9.huge".`],
    ["backup retention above 35 days", { backupRetentionDays: 36 }, `${T} 'db': backupRetentionDays must be an integer from 1 to 35; got 36.`],
    ["backups turned off", { backupRetentionDays: 0 }, `${T} 'db': backupRetentionDays must be an integer from 1 to 35; got 0.`],
    [
      "Multi-AZ with a single subnet",
      { network: { ...network, privateSubnetIds: ["subnet-a"], addressPlan: { ...network.addressPlan, privateSubnets: ["10.0.16.0/20"] } } },
      `${T} 'db': network.addressPlan.privateSubnets must be at least 2 private subnets, in different Availability Zones (a DB subnet group, and Multi-AZ, need two); got ["10.0.16.0/20"].`,
    ],
    ["a database open to the internet", { allowedCidrs: ["0.0.0.0/0"] }, `${T} 'db': allowedCidrs[0] must be a block narrower than 0.0.0.0/0 (a database is never open to the internet); got "0.0.0.0/0".`],
    ["a reserved master user name", { masterUsername: "rdsadmin" }, `${T} 'db': masterUsername must be a name RDS does not reserve`],
    [
      "a storage ceiling below the allocation",
      { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 100 },
      `${T} 'db': maxAllocatedStorageGiB must be an integer from 220 to 65536 (RDS wants the autoscaling ceiling at least 10 % above allocatedStorageGiB, 200), or 200 to turn storage autoscaling off; got 100.`,
    ],
    ["a storage ceiling less than 10 % above the allocation", { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 219 }, `${T} 'db': maxAllocatedStorageGiB must be an integer from 220 to 65536 (RDS wants the autoscaling ceiling at least 10 % above allocatedStorageGiB, 200), or 200 to turn storage autoscaling off; got 219.`],
    ["a malformed maintenance window", { maintenanceWindow: "sunday 4am" }, `${T} 'db': maintenanceWindow must be a UTC window "ddd:hh:mm-ddd:hh:mm"; got "sunday 4am".`],
    ["a 15-minute backup window", { backupWindow: "03:00-03:15" }, `${T} 'db': backupWindow must be a UTC window "hh:mm-hh:mm" of at least 30 minutes (RDS's minimum); got "03:00-03:15".`],
    [
      "a backup window overlapping Sunday's maintenance",
      { backupWindow: "05:00-06:00" },
      `${T} 'db': backupWindow must be a daily window that does not overlap maintenanceWindow (sun:04:30-sun:05:30) on any day: RDS refuses the two overlapping; got "05:00-06:00".`,
    ],
    ["a backup window crossing midnight into a Monday maintenance window", { backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:00:45" }, `${T} 'db': backupWindow must be a daily window that does not overlap`],
    ["a reserved database name", { databaseName: "template1" }, `${T} 'db': databaseName must be a name RDS does not reserve`],
    ["a PostgreSQL key word as the user", { masterUsername: "select" }, `${T} 'db': masterUsername must be a name that is not a PostgreSQL reserved key word ("select" is one); got "select".`],
    ["the old vpcId argument", { vpcId: "vpc-1" } as never, `${T} 'db': vpcId must be unset: give network (an AwsNetwork, or its values), which carries the VPC; got "vpc-1".`],
    ["protect: false under a protect option", { protect: false }, `${T} 'db': protect must be the same as the component's protect option (true), or unset; got false.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateRdsPostgresArgs("db", { ...base, ...args }, { protect: true })).toThrow(message);
  });

  it("sets the storage ceiling 26 % above a large allocation by default, and accepts the allocation itself as autoscaling off", () => {
    expect(validateRdsPostgresArgs("db", { ...base, allocatedStorageGiB: 20 }).maxAllocatedStorageGiB).toBe(100);
    expect(validateRdsPostgresArgs("db", { ...base, allocatedStorageGiB: 500 }).maxAllocatedStorageGiB).toBe(630);
    expect(validateRdsPostgresArgs("db", { ...base, allocatedStorageGiB: 200, maxAllocatedStorageGiB: 220 }).maxAllocatedStorageGiB).toBe(220);
    expect(validateRdsPostgresArgs("db", { ...base, allocatedStorageGiB: 200, maxAllocatedStorageGiB: 200 }).maxAllocatedStorageGiB).toBe(200);
  });

  it("accepts windows that only touch, and a backup window crossing midnight clear of maintenance", () => {
    expect(validateRdsPostgresArgs("db", { ...base, backupWindow: "04:00-04:30" }).backupWindow).toBe("04:00-04:30");
    expect(validateRdsPostgresArgs("db", { ...base, backupWindow: "23:30-00:30", maintenanceWindow: "sun:04:30-sun:05:30" }).backupWindow).toBe("23:30-00:30");
  });
});

describe("RdsPostgres", () => {
  it("is encrypted, private, Multi-AZ, backed up, deletion-protected, keeps a final snapshot and forces SSL", async () => {
    const result = await runProgram(() => {
      const db = new RdsPostgres("orders", { ...base, allowedCidrs: ["10.30.0.0/16"], protect: true });
      return { address: db.address, secret: db.masterSecretArn, key: db.kmsKeyArn };
    });
    const key = resource(result, "aws:kms/key:Key", "orders-key");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(key.protect).toBe(true);
    const db = resource(result, "aws:rds/instance:Instance", "orders-instance");
    expect(db.protect).toBe(true);
    expect(db.inputs).toMatchObject({
      engine: "postgres",
      engineVersion: "17",
      engineLifecycleSupport: "open-source-rds-extended-support-disabled",
      instanceClass: "db.t4g.medium",
      storageType: "gp3",
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      storageEncrypted: true,
      multiAz: true,
      publiclyAccessible: false,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 14,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "orders-final",
      copyTagsToSnapshot: true,
      performanceInsightsEnabled: true,
      monitoringInterval: 60,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });
    // One key encrypts storage, Performance Insights and the master secret.
    expect(db.inputs["kmsKeyId"]).toBe(result.outputs["key"]);
    expect(db.inputs["performanceInsightsKmsKeyId"]).toBe(result.outputs["key"]);
    expect(db.inputs["masterUserSecretKmsKeyId"]).toBe(result.outputs["key"]);
    // No password anywhere: RDS generates and keeps it.
    expect(db.inputs).not.toHaveProperty("password");
    expect(result.outputs["secret"]).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/);

    const params = resource(result, "aws:rds/parameterGroup:ParameterGroup", "orders-params");
    expect(params.inputs["family"]).toBe("postgres17");
    expect(params.inputs["parameters"]).toContainEqual({ name: "rds.force_ssl", value: "1", applyMethod: "immediate" });
    expect(JSON.stringify(params.inputs["parameters"])).not.toContain("rds.logical_replication");

    // Keyed by the block, with the positional name it had before as an alias.
    const ingress = resource(result, RULE, "orders-cidr-10-30-0-0-16");
    expect(ingress.inputs).toMatchObject({ cidrIpv4: "10.30.0.0/16", fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
    expect(ingress.aliasCount).toBe(1);
    expect(ingress.aliases).toEqual([ingress.urn.replace(/::orders-cidr-10-30-0-0-16$/, "::orders-cidr-0")]);
    expect(result.resources.filter((r) => r.type === RULE)).toHaveLength(1);
    expect(resource(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "orders-monitoring").inputs["policyArn"]).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
  });

  it("turns on logical replication for a replication source, and uses a given key instead of creating one", async () => {
    const result = await runProgram(() => new RdsPostgres("src", { ...base, replicationSource: true, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/given", version: 16 }));
    expect(resource(result, "aws:rds/parameterGroup:ParameterGroup", "src-params").inputs["parameters"]).toContainEqual({ name: "rds.logical_replication", value: "1", applyMethod: "pending-reboot" });
    expect(result.resources.filter((r) => r.type === "aws:kms/key:Key")).toEqual([]);
    expect(resource(result, "aws:rds/instance:Instance", "src-instance").inputs["kmsKeyId"]).toBe("arn:aws:kms:us-east-1:123456789012:key/given");
  });

  it("keys each client rule by its CIDR or the name given, aliased to the old position, so removing the first replaces only it", async () => {
    const result = await runProgram(() =>
      new RdsPostgres("orders", { ...base, allowedCidrs: ["10.30.0.0/16", "10.40.0.0/16"], allowedSecurityGroups: { lambda: "sg-0a1b2c3d", "eks-nodes": "sg-0e1f2a3b" } }),
    );
    const rules = result.resources.filter((r) => r.type === RULE);
    expect(rules.map((r) => [r.name, r.aliases.map((u) => u.split("::").pop())])).toEqual([
      ["orders-cidr-10-30-0-0-16", ["orders-cidr-0"]],
      ["orders-cidr-10-40-0-0-16", ["orders-cidr-1"]],
      ["orders-sg-lambda", ["orders-sg-0"]],
      ["orders-sg-eks-nodes", ["orders-sg-1"]],
    ]);
    expect(resource(result, RULE, "orders-sg-eks-nodes").inputs).toMatchObject({ referencedSecurityGroupId: "sg-0e1f2a3b", fromPort: 5432, toPort: 5432 });
    // Without the first block, the second keeps its name: nothing else is replaced.
    const after = await runProgram(() => new RdsPostgres("orders", { ...base, allowedCidrs: ["10.40.0.0/16"], allowedSecurityGroups: { "eks-nodes": "sg-0e1f2a3b" } }));
    expect(after.resources.filter((r) => r.type === RULE).map((r) => r.name)).toEqual(["orders-cidr-10-40-0-0-16", "orders-sg-eks-nodes"]);
  });

  it("protects the instance and its key under the component's protect option (no longer overridden to false)", async () => {
    const result = await runProgram(() => new RdsPostgres("orders", base, { protect: true }));
    expect(resource(result, "aws:rds/instance:Instance", "orders-instance").protect).toBe(true);
    expect(resource(result, "aws:rds/instance:Instance", "orders-instance").inputs["deletionProtection"]).toBe(true);
    expect(resource(result, "aws:kms/key:Key", "orders-key").protect).toBe(true);
    // The argument alone protects the stateful children only: the rest stays free to be replaced.
    const byArg = await runProgram(() => new RdsPostgres("orders", { ...base, protect: true }));
    expect(["aws:rds/instance:Instance::orders-instance", "aws:kms/key:Key::orders-key"].map((k) => byArg.resources.find((r) => `${r.type}::${r.name}` === k)?.protect)).toEqual([true, true]);
    expect(resource(byArg, "aws:ec2/securityGroup:SecurityGroup", "orders-sg").protect).toBe(false);
    const unprotected = await runProgram(() => new RdsPostgres("orders", { ...base, deletionProtection: false }));
    expect(resource(unprotected, "aws:rds/instance:Instance", "orders-instance").protect).toBe(false);
    expect(resource(unprotected, "aws:rds/instance:Instance", "orders-instance").inputs["deletionProtection"]).toBe(false);
  });
});

describe("RdsPostgres alarms", () => {
  const alarmOf = (result: Awaited<ReturnType<typeof runProgram>>, name: string) => resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", name).inputs;
  const alarmNames = (result: Awaited<ReturnType<typeof runProgram>>) => result.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.name).sort();
  const subscriptions = (result: Awaited<ReturnType<typeof runProgram>>) => result.resources.filter((r) => r.type === "aws:rds/eventSubscription:EventSubscription");

  it("watches CPU, free storage against the allocation and connections against the class's max_connections, to the warning topic", async () => {
    const result = await runProgram(() => new RdsPostgres("orders", { ...base, instanceClass: "db.r7g.large", allocatedStorageGiB: 100, alerts: alertDestinations }));
    expect(alarmNames(result)).toEqual(["orders-connections", "orders-cpu", "orders-storage"]);
    const identifier = expect.stringMatching(/^orders-instance-/);
    const warning = { alarmActions: [alertDestinations.aws.warning], okActions: [alertDestinations.aws.warning] };
    expect(alarmOf(result, "orders-cpu")).toMatchObject({ namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: { DBInstanceIdentifier: identifier }, statistic: "Average", period: 60, evaluationPeriods: 15, threshold: 80, comparisonOperator: "GreaterThanThreshold", ...warning });
    // 10 % of 100 GiB, in bytes.
    expect(alarmOf(result, "orders-storage")).toMatchObject({ metricName: "FreeStorageSpace", statistic: "Minimum", evaluationPeriods: 5, threshold: 10 * 1024 ** 3, comparisonOperator: "LessThanThreshold", ...warning });
    // db.r7g.large: 16 GiB → LEAST(16 GiB / 9531392, 5000) = 1802; 80 % → 1441.
    expect(alarmOf(result, "orders-connections")).toMatchObject({ metricName: "DatabaseConnections", statistic: "Maximum", evaluationPeriods: 5, threshold: 1441, comparisonOperator: "GreaterThanThreshold", ...warning });
    expect(alarmOf(result, "orders-cpu")["alarmDescription"]).toBe(
      "[warning] RDS PostgreSQL orders: CPUUtilization above 80 % for 15 min. Runbook database-saturated: Database CPU, storage or connections near their limit: find the load, scale the instance or raise the storage ceiling (README.md#runbook-alerts)",
    );
  });

  it("sends the instance's failure, availability and failover events to the critical topic: the 'database down' alarm", async () => {
    const result = await runProgram(() => new RdsPostgres("orders", { ...base, alerts: alertDestinations }));
    const down = resource(result, "aws:rds/eventSubscription:EventSubscription", "orders-down").inputs;
    expect(down).toMatchObject({ snsTopic: alertDestinations.aws.critical, sourceType: "db-instance", sourceIds: [expect.stringMatching(/^orders-instance-/)], eventCategories: ["availability", "failover", "failure"], enabled: true });
  });

  it("without alerts: the alarms exist with no actions, and no event subscription (it needs a topic)", async () => {
    const result = await runProgram(() => new RdsPostgres("orders", base));
    expect(alarmNames(result)).toHaveLength(3);
    for (const name of alarmNames(result)) expect(alarmOf(result, name)).toMatchObject({ alarmActions: [], okActions: [] });
    expect(subscriptions(result)).toEqual([]);
  });

  it("takes thresholds, a max_connections of the caller's own, and { enabled: false } for none", async () => {
    const result = await runProgram(() => new RdsPostgres("orders", { ...base, alarms: { cpuPercent: 90, cpuMinutes: 5, freeStoragePercent: 20, connectionsPercent: 50, maxConnections: 200 } }));
    expect(alarmOf(result, "orders-cpu")).toMatchObject({ threshold: 90, evaluationPeriods: 5 });
    expect(alarmOf(result, "orders-storage")["threshold"]).toBe(4 * 1024 ** 3);
    expect(alarmOf(result, "orders-connections")["threshold"]).toBe(100);
    const none = await runProgram(() => new RdsPostgres("orders", { ...base, alerts: alertDestinations, alarms: { enabled: false } }));
    expect(alarmNames(none)).toEqual([]);
    expect(subscriptions(none)).toEqual([]);
  });

  it("derives max_connections from the class's memory, capped at 5000", () => {
    expect(rdsDefaultMaxConnections("db.t4g.micro")).toBe(112);
    expect(rdsDefaultMaxConnections("db.t4g.medium")).toBe(450);
    expect(rdsDefaultMaxConnections("db.m7g.xlarge")).toBe(1802);
    expect(rdsDefaultMaxConnections("db.r7g.4xlarge")).toBe(5000);
  });

  it.each<[string, Partial<RdsPostgresArgs>, string]>([
    ["a CPU threshold above 100 %", { alarms: { cpuPercent: 120 } }, `${T} 'db': alarms.cpuPercent must be an integer from 1 to 100; got 120.`],
    ["a fractional connection share", { alarms: { connectionsPercent: 79.5 } }, `${T} 'db': alarms.connectionsPercent must be an integer from 1 to 100; got 79.5.`],
    ["max_connections above RDS's 5000", { alarms: { maxConnections: 6000 } }, `${T} 'db': alarms.maxConnections must be an integer from 1 to 5000; got 6000.`],
    ["thresholds with the alarms turned off", { alarms: { enabled: false, cpuPercent: 90 } }, `${T} 'db': alarms must be no thresholds with enabled: false (cpuPercent would be ignored)`],
    ["alarms: false (the schema takes no unions)", { alarms: false as never }, `${T} 'db': alarms must be the alarm thresholds { cpuPercent, cpuMinutes, freeStoragePercent, connectionsPercent, maxConnections }, or { enabled: false } for none; got false.`],
    ["an AWS destination without a warning topic", { alerts: { aws: { critical: "arn:aws:sns:us-east-1:123456789012:c" } as never } }, `${T} 'db': alerts.aws.warning must be the SNS topic ARN of that severity; got undefined.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateRdsPostgresArgs("db", { ...base, ...args })).toThrow(message);
  });
});
