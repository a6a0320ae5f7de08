import * as pulumi from "@pulumi/pulumi";
import { CloudSqlPostgres, DmsReplication, RdsPostgres, validateDmsReplicationArgs, type DmsReplicationArgs, type PostgresTarget } from "../../../components/database";
import { tableMappings } from "../../../components/database/dms-replication";
import { GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetwork as network } from "../../helpers/fixtures";

const T = "meridian:database:DmsReplication";
const source = { replicationSource: true, address: "db.example.internal", port: 5432, databaseName: "app", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", securityGroupId: "sg-0a1b2c3d" } as unknown as RdsPostgres;
const publicTarget: PostgresTarget = { host: "203.0.113.9", port: 5432, databaseName: "app", userName: "app", password: "x", reachability: "public" };
const base: DmsReplicationArgs = { source, target: { ...publicTarget, reachability: "private" }, network };
const STATEFUL = [
  "aws:dms/replicationInstance:ReplicationInstance::repl-instance",
  "aws:dms/replicationTask:ReplicationTask::repl-task",
  "aws:secretsmanager/secret:Secret::repl-source",
  "aws:secretsmanager/secret:Secret::repl-target",
  "aws:secretsmanager/secretVersion:SecretVersion::repl-source",
  "aws:secretsmanager/secretVersion:SecretVersion::repl-target",
  "random:index/randomPassword:RandomPassword::repl-source-password",
  "aws:kms/key:Key::repl-alerts",
];

describe("validateDmsReplicationArgs", () => {
  it.each<[string, Partial<DmsReplicationArgs>, string]>([
    ["a source without logical replication", { source: { replicationSource: false } as unknown as RdsPostgres }, `${T} 'dms': source must be an RdsPostgres created with replicationSource: true (DMS change data capture needs logical replication); got false.`],
    ["a lag threshold of 0", { maxLagSeconds: 0 }, `${T} 'dms': maxLagSeconds must be an integer from 1 to 3600; got 0.`],
    ["a public target chosen implicitly", { target: publicTarget }, `${T} 'dms': connectivity must be "public", set explicitly: the target is reachable only over a public IP, and sending replication over the internet must be a decision, not a default; got undefined.`],
    ["public connectivity to a private target", { connectivity: "public" }, `${T} 'dms': connectivity must be "vpn": the target has only a private address; got "public".`],
    ["an unknown instance class", { instanceClass: "dms.m9.huge" }, `${T} 'dms': instanceClass must be a DMS replication instance class such as dms.t3.medium or dms.c5.large; got "dms.m9.huge".`],
    ["an empty include list", { include: [] }, `${T} 'dms': include must be at least one schema/table pattern (nothing would replicate); got [].`],
    ["a pattern with a space", { exclude: [{ schema: "public", table: "audit log" }] }, `${T} 'dms': exclude[0].table must be a table name or pattern`],
    [
      "one subnet",
      { network: { ...network, privateSubnetIds: ["subnet-a"], addressPlan: { ...network.addressPlan, privateSubnets: ["10.0.16.0/20"] } } },
      `${T} 'dms': network.addressPlan.privateSubnets must be at least 2 private subnets, in different Availability Zones (a DMS replication subnet group needs subnets in two AZs); got ["10.0.16.0/20"].`,
    ],
    ["a target given by host name (the egress rule needs its address)", { target: { ...publicTarget, reachability: "private", host: "db.internal" } }, `${T} 'dms': target.host must be the target's IPv4 address (the replication instance's security group admits it as a /32); got "db.internal".`],
    ["a pattern both included and excluded", { include: [{ schema: "public", table: "%" }], exclude: [{ schema: "public", table: "%" }] }, `${T} 'dms': exclude[0] must be a pattern that is not also in include (it would cancel that include)`],
    ["a reserved source user", { sourceUserName: "rdsadmin" }, `${T} 'dms': sourceUserName must be a name RDS does not reserve`],
    ["a warning threshold at the paging one", { lagWarningSeconds: 10 }, `${T} 'dms': lagWarningSeconds must be below maxLagSeconds (10): the warning fires before the page (set lagWarningSeconds lower, or maxLagSeconds higher); got 10.`],
    ["a paging threshold under a given warning", { maxLagSeconds: 4, lagWarningSeconds: 5 }, `${T} 'dms': lagWarningSeconds must be below maxLagSeconds (4): the warning fires before the page (set lagWarningSeconds lower, or maxLagSeconds higher); got 5.`],
    ["a negative warning threshold", { lagWarningSeconds: -1 }, `${T} 'dms': lagWarningSeconds must be an integer from 0 to 3600; got -1.`],
    ["50 full-load subtasks (DMS allows 49)", { taskSettings: { maxFullLoadSubTasks: 50 } }, `${T} 'dms': taskSettings.maxFullLoadSubTasks must be an integer from 1 to 49; got 50.`],
    ["a commit rate above DMS's 50,000", { taskSettings: { commitRate: 50001 } }, `${T} 'dms': taskSettings.commitRate must be an integer from 1 to 50000; got 50001.`],
    ["33 load threads", { taskSettings: { parallelLoadThreads: 33 } }, `${T} 'dms': taskSettings.parallelLoadThreads must be an integer from 0 to 32; got 33.`],
    ["negative apply threads", { taskSettings: { parallelApplyThreads: -1 } }, `${T} 'dms': taskSettings.parallelApplyThreads must be an integer from 0 to 32; got -1.`],
    ["a fractional timeout", { taskSettings: { transactionConsistencyTimeoutSeconds: 1.5 } }, `${T} 'dms': taskSettings.transactionConsistencyTimeoutSeconds must be an integer from 0 to 3600; got 1.5.`],
    ["a string where batch apply's boolean belongs", { taskSettings: { batchApplyEnabled: "yes" as never } }, `${T} 'dms': taskSettings.batchApplyEnabled must be true or false; got "yes".`],
    [
      "a task setting in DMS's spelling (it would be ignored)",
      { taskSettings: { CommitRate: 1000 } as never },
      `${T} 'dms': taskSettings.CommitRate must be absent (not a task setting; known: parallelLoadThreads, batchApplyEnabled, parallelApplyThreads, maxFullLoadSubTasks, transactionConsistencyTimeoutSeconds, commitRate); got 1000.`,
    ],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateDmsReplicationArgs("dms", { ...base, ...args })).toThrow(message);
  });

  it("resolves the patterns guide's task settings and the strategy's 5 s warning by default, a given value over each", () => {
    const a = validateDmsReplicationArgs("dms", base);
    expect(a.taskSettings).toEqual({ parallelLoadThreads: 8, batchApplyEnabled: true, parallelApplyThreads: 4, maxFullLoadSubTasks: 8, transactionConsistencyTimeoutSeconds: 1, commitRate: 50000 });
    expect([a.lagWarningSeconds, a.maxLagSeconds, a.alarmAfterMinutes, a.allocatedStorageGiB]).toEqual([5, 10, 2, 50]);
    expect(validateDmsReplicationArgs("dms", { ...base, taskSettings: { commitRate: 10000, batchApplyEnabled: false } }).taskSettings).toEqual({ ...a.taskSettings, commitRate: 10000, batchApplyEnabled: false });
  });

  it("keeps a page at 5 s or less valid (as before 0.4.0) with no warning, and turns the warning off at 0", () => {
    expect(validateDmsReplicationArgs("dms", { ...base, maxLagSeconds: 4 }).lagWarningSeconds).toBe(0);
    expect(validateDmsReplicationArgs("dms", { ...base, maxLagSeconds: 1 }).lagWarningSeconds).toBe(0);
    expect(validateDmsReplicationArgs("dms", { ...base, lagWarningSeconds: 0 }).lagWarningSeconds).toBe(0);
  });

  it("creates no warning alarms when the warning is off", async () => {
    const result = await runProgram(() => {
      new DmsReplication("repl", { ...base, maxLagSeconds: 4 });
      return {};
    });
    const alarms = result.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.name).sort();
    expect(alarms).toEqual(["repl-lag-source", "repl-lag-target"]);
  });

  it("accepts a public target when connectivity: public is explicit", () => {
    expect(validateDmsReplicationArgs("dms", { ...base, target: publicTarget, connectivity: "public" }).connectivity).toBe("public");
  });
});

describe("tableMappings", () => {
  it("builds selection rules, includes first, with distinct ids", () => {
    expect(JSON.parse(tableMappings([{ schema: "public", table: "%" }], [{ schema: "public", table: "audit_%" }]))).toEqual({
      rules: [
        { "rule-type": "selection", "rule-id": "1", "rule-name": "include-1", "object-locator": { "schema-name": "public", "table-name": "%" }, "rule-action": "include" },
        { "rule-type": "selection", "rule-id": "2", "rule-name": "exclude-2", "object-locator": { "schema-name": "public", "table-name": "audit_%" }, "rule-action": "exclude" },
      ],
    });
  });
});

describe("DmsReplication", () => {
  it("replicates RDS to Cloud SQL over the VPN: private encrypted instance, TLS endpoints with secrets, lag alarms at 10 s", async () => {
    let rpo = 0;
    let promotion: unknown;
    const result = await runProgram(() => {
      const gcpNet = new GcpNetwork("gcp", { region: "us-central1" });
      const primary = new RdsPostgres("primary", { network, replicationSource: true });
      const standby = new CloudSqlPostgres("standby", { network: gcpNet, region: "us-central1" });
      const dms = new DmsReplication("repl", { source: primary, target: standby.replicationTarget(), network, exclude: [{ schema: "public", table: "sessions" }], protect: true });
      rpo = dms.rpoGuardSeconds;
      promotion = dms.promotionBudget;
      return { task: dms.replicationTaskArn, topic: dms.alarmTopicArn };
    });
    expect(rpo).toBe(10);
    // Cloud SQL is a plain instance DMS writes into: nothing to make writable; stopping the task and resetting the
    // sequences are the promotion, and the total is their sum.
    expect(promotion).toEqual({ stopTaskSeconds: 60, resetSequencesSeconds: 30, makeWritableSeconds: 0, totalSeconds: 90 });
    const instance = resource(result, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance");
    expect(instance.inputs).toMatchObject({ replicationInstanceId: "repl-instance", replicationInstanceClass: "dms.t3.medium", multiAz: true, publiclyAccessible: false, allocatedStorage: 50 });
    // By default the replication instance, endpoints and secrets use the source database's key.
    expect(instance.inputs["kmsKeyArn"]).toBe(resource(result, "aws:rds/instance:Instance", "primary-instance").inputs["kmsKeyId"]);
    expect(instance.inputs["kmsKeyArn"]).toMatch(/^arn:aws:kms:/);

    const sourceEp = resource(result, "aws:dms/endpoint:Endpoint", "repl-source");
    expect(sourceEp.inputs).toMatchObject({ endpointType: "source", engineName: "postgres", sslMode: "require", databaseName: "app", postgresSettings: { heartbeatEnable: true } });
    expect(sourceEp.inputs).not.toHaveProperty("password");
    const targetEp = resource(result, "aws:dms/endpoint:Endpoint", "repl-target");
    const ca = resource(result, "aws:dms/certificate:Certificate", "repl-target-ca");
    expect(ca.inputs["certificatePem"]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(targetEp.inputs).toMatchObject({ endpointType: "target", sslMode: "verify-ca" });
    expect(targetEp.inputs).not.toHaveProperty("password");

    // The target's credentials reach DMS only through an encrypted secret; the Pulumi value is a secret.
    const targetSecret = resource(result, "aws:secretsmanager/secretVersion:SecretVersion", "repl-target");
    expect(targetSecret.maskedInputs["secretString"]).toBe("[secret]");
    const creds = JSON.parse(targetSecret.inputs["secretString"] as string);
    expect(creds).toMatchObject({ username: "app", dbname: "app", port: 5432 });
    expect(creds.host).toMatch(/^10\./); // the private IP: replication goes over the VPN
    expect(creds.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(resource(result, "aws:secretsmanager/secret:Secret", "repl-target").inputs["kmsKeyId"]).toBe(instance.inputs["kmsKeyArn"]);
    expect(resource(result, "aws:secretsmanager/secret:Secret", "repl-target").protect).toBe(true);
    expect(resource(result, "aws:secretsmanager/secret:Secret", "repl-source").protect).toBe(true);
    const trust = JSON.parse(resource(result, "aws:iam/role:Role", "repl-secrets").inputs["assumeRolePolicy"] as string);
    expect(trust.Statement[0].Principal.Service).toBe("dms.us-east-1.amazonaws.com");

    const task = resource(result, "aws:dms/replicationTask:ReplicationTask", "repl-task");
    expect(task.inputs).toMatchObject({ migrationType: "full-load-and-cdc", startReplicationTask: false });
    expect(JSON.parse(task.inputs["tableMappings"] as string).rules.map((r: { "rule-action": string }) => r["rule-action"])).toEqual(["include", "exclude"]);
    // The patterns guide's settings, each in the section DMS reads it from.
    expect(JSON.parse(task.inputs["replicationTaskSettings"] as string)).toEqual({
      Logging: { EnableLogging: true },
      ValidationSettings: { EnableValidation: true, ThreadCount: 5 },
      TargetMetadata: { BatchApplyEnabled: true, ParallelLoadThreads: 8, ParallelApplyThreads: 4, SupportLobs: true, LimitedSizeLobMode: true, LobMaxSize: 32 },
      FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING", MaxFullLoadSubTasks: 8, TransactionConsistencyTimeout: 1, CommitRate: 50000 },
      ChangeProcessingTuning: { BatchApplyTimeoutMin: 1, BatchApplyTimeoutMax: 5, MinTransactionSize: 1000 },
    });

    // A warning pair at 5 s and the paging pair at 10 s (their names unchanged), both after 2 minutes, both naming the runbook.
    const runbook = "Runbook replication-lag: Replication lag above threshold: check the DMS task and the VPN; past the RPO, stop writes before failing over (README.md#runbook-alerts)";
    for (const [alarm, metric, threshold, level] of [
      ["repl-lag-source", "CDCLatencySource", 10, "critical"],
      ["repl-lag-target", "CDCLatencyTarget", 10, "critical"],
      ["repl-lag-source-warning", "CDCLatencySource", 5, "warning"],
      ["repl-lag-target-warning", "CDCLatencyTarget", 5, "warning"],
    ] as const) {
      const inputs = resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", alarm).inputs;
      expect(inputs).toMatchObject({
        namespace: "AWS/DMS",
        metricName: metric,
        threshold,
        evaluationPeriods: 2,
        period: 60,
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        alarmActions: [result.outputs["topic"]],
      });
      expect(inputs["alarmDescription"]).toContain(`[${level}] repl: ${metric} above ${threshold} s for 2 min`);
      expect(inputs["alarmDescription"]).toContain(runbook);
    }
    // The replication's own alarms (the primary has its database alarms besides).
    expect(result.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.startsWith("repl-")).map((r) => r.name).sort()).toEqual([
      "repl-lag-source",
      "repl-lag-source-warning",
      "repl-lag-target",
      "repl-lag-target-warning",
    ]);
    expect(resource(result, "aws:dms/eventSubscription:EventSubscription", "repl-failures").inputs).toMatchObject({ sourceType: "replication-task", eventCategories: ["failure"] });
    const sg = resource(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "repl-to-source");
    expect(sg.inputs).toMatchObject({ fromPort: 5432, toPort: 5432, referencedSecurityGroupId: resource(result, "aws:ec2/securityGroup:SecurityGroup", "repl-sg").id });
  });

  it("writes given task settings, storage and thresholds into the task, the instance and the alarms", async () => {
    const result = await runProgram(
      () =>
        new DmsReplication("repl", {
          ...base,
          allocatedStorageGiB: 100,
          maxLagSeconds: 30,
          lagWarningSeconds: 15,
          alarmAfterMinutes: 5,
          taskSettings: { parallelLoadThreads: 0, batchApplyEnabled: false, parallelApplyThreads: 0, maxFullLoadSubTasks: 49, transactionConsistencyTimeoutSeconds: 600, commitRate: 10000 },
        }),
    );
    expect(resource(result, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance").inputs["allocatedStorage"]).toBe(100);
    const settings = JSON.parse(resource(result, "aws:dms/replicationTask:ReplicationTask", "repl-task").inputs["replicationTaskSettings"] as string);
    expect(settings.TargetMetadata).toMatchObject({ BatchApplyEnabled: false, ParallelLoadThreads: 0, ParallelApplyThreads: 0 });
    expect(settings.FullLoadSettings).toEqual({ TargetTablePrepMode: "DO_NOTHING", MaxFullLoadSubTasks: 49, TransactionConsistencyTimeout: 600, CommitRate: 10000 });
    const alarm = (n: string) => resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", n).inputs;
    expect(alarm("repl-lag-target")).toMatchObject({ threshold: 30, evaluationPeriods: 5 });
    expect(alarm("repl-lag-target-warning")).toMatchObject({ threshold: 15, evaluationPeriods: 5 });
    expect(alarm("repl-lag-target-warning")["alarmDescription"]).toBe(
      "[warning] repl: CDCLatencyTarget above 15 s for 5 min (the standby lags past its 15 s threshold; the page follows at 30 s). Runbook replication-lag: Replication lag above threshold: check the DMS task and the VPN; past the RPO, stop writes before failing over (README.md#runbook-alerts)",
    );
  });

  it("gives the instance a public IP only with connectivity: public", async () => {
    const result = await runProgram(() => {
      const primary = new RdsPostgres("primary", { network, replicationSource: true });
      new DmsReplication("repl", { source: primary, target: { ...publicTarget, password: pulumi.secret("p") }, connectivity: "public", network });
    });
    expect(resource(result, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance").inputs["publiclyAccessible"]).toBe(true);
    expect(resource(result, "aws:dms/endpoint:Endpoint", "repl-target").inputs["sslMode"]).toBe("require");
  });

  it("acknowledges meridian-exposure-public-endpoints on the instance when connectivity: public is chosen, and only then", async () => {
    const pub = await runProgram(() => {
      const primary = new RdsPostgres("primary", { network, replicationSource: true });
      new DmsReplication("repl", { source: primary, target: { ...publicTarget, password: pulumi.secret("p") }, connectivity: "public", network });
    });
    expect(resource(pub, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance").inputs["tags"]).toEqual({
      "meridian-ack-exposure-public-endpoints": "connectivity public set explicitly: the target is reachable only by its public IP and replication runs over TLS",
    });
    const vpn = await runProgram(() => new DmsReplication("repl", base));
    const tags = (resource(vpn, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance").inputs["tags"] ?? {}) as Record<string, string>;
    expect(Object.keys(tags).filter((k) => k.startsWith("meridian-ack-"))).toEqual([]);
  });

  it("protects what holds state (instance, task, credentials, source password, alert key) under the protect option, and runs in the network's private subnets", async () => {
    const result = await runProgram(() => new DmsReplication("repl", base, { protect: true }));
    expect(STATEFUL.map((k) => [k, result.resources.find((r) => `${r.type}::${r.name}` === k)?.protect])).toEqual(STATEFUL.map((k) => [k, true]));
    expect(resource(result, "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup", "repl-subnets").inputs["subnetIds"]).toEqual(["subnet-a", "subnet-b"]);
    expect(resource(result, "aws:ec2/securityGroup:SecurityGroup", "repl-sg").inputs["vpcId"]).toBe("vpc-1");
    // The argument alone protects the same children and leaves the rest free to change.
    const byArg = await runProgram(() => new DmsReplication("repl", { ...base, protect: true }));
    expect(STATEFUL.map((k) => byArg.resources.find((r) => `${r.type}::${r.name}` === k)?.protect)).toEqual(STATEFUL.map(() => true));
    expect(resource(byArg, "aws:sns/topic:Topic", "repl-alerts").protect).toBe(false);
    expect(resource(byArg, "aws:dms/endpoint:Endpoint", "repl-source").protect).toBe(false);
  });
});

describe("DmsReplication with alerts", () => {
  const critical = "arn:aws:sns:us-east-1:123456789012:alerts-critical";
  const warning = "arn:aws:sns:us-east-1:123456789012:alerts-warning";

  it("publishes paging alarms and task failures to the critical topic, warnings to the warning topic, and makes no topic or key", async () => {
    const result = await runProgram(() => ({ topic: new DmsReplication("repl", { ...base, alerts: { aws: { critical, warning } } }).alarmTopicArn }));
    const alarm = (n: string) => resource(result, "aws:cloudwatch/metricAlarm:MetricAlarm", n).inputs;
    for (const n of ["repl-lag-source", "repl-lag-target"]) expect(alarm(n)).toMatchObject({ alarmActions: [critical], okActions: [critical] });
    for (const n of ["repl-lag-source-warning", "repl-lag-target-warning"]) expect(alarm(n)).toMatchObject({ alarmActions: [warning], okActions: [warning] });
    expect(resource(result, "aws:dms/eventSubscription:EventSubscription", "repl-failures").inputs["snsTopicArn"]).toBe(critical);
    expect(result.resources.filter((r) => r.type === "aws:sns/topic:Topic" || r.type === "aws:kms/key:Key")).toEqual([]);
    expect(result.outputs).toEqual({ topic: critical });
  });

  it("keeps its own topic when alerts has no AWS entry", async () => {
    const result = await runProgram(() => new DmsReplication("repl", { ...base, alerts: { gcp: { critical: ["c"], warning: ["w"] } } }));
    expect(resource(result, "aws:sns/topic:Topic", "repl-alerts")).toBeDefined();
  });

  it.each<[string, unknown, string]>([
    ["a severity missing", { aws: { critical } }, `${T} 'dms': alerts.aws.warning must be an SNS topic ARN; got undefined.`],
    ["something that is not a topic ARN", { aws: { critical, warning: "alerts-warning" } }, `${T} 'dms': alerts.aws.warning must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:alerts-critical"; got "alerts-warning".`],
  ])("fails on %s", (_what, alerts, message) => {
    expect(() => validateDmsReplicationArgs("dms", { ...base, alerts: alerts as never })).toThrow(message);
  });
});
