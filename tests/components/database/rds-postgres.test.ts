import { RdsPostgres, validateRdsPostgresArgs, type RdsPostgresArgs } from "../../../components/database";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:database:RdsPostgres";
const base: RdsPostgresArgs = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"] };

describe("validateRdsPostgresArgs", () => {
  it.each<[string, Partial<RdsPostgresArgs>, string]>([
    ["an unknown engine version", { version: 12 }, `${T} 'db': version must be one of 14, 15, 16, 17; got 12.`],
    ["an unknown instance class", { instanceClass: "db.x9.huge" }, `${T} 'db': instanceClass must be an RDS instance class of a current family, such as db.t4g.medium, db.m7g.large or db.r7g.xlarge; got "db.x9.huge".`],
    ["backup retention above 35 days", { backupRetentionDays: 36 }, `${T} 'db': backupRetentionDays must be an integer from 1 to 35; got 36.`],
    ["backups turned off", { backupRetentionDays: 0 }, `${T} 'db': backupRetentionDays must be an integer from 1 to 35; got 0.`],
    ["Multi-AZ with a single subnet", { subnetIds: ["subnet-a"] }, `${T} 'db': subnetIds must be at least two subnets in different AZs (a DB subnet group, and Multi-AZ, need two); got ["subnet-a"].`],
    ["a database open to the internet", { allowedCidrs: ["0.0.0.0/0"] }, `${T} 'db': allowedCidrs[0] must be a block narrower than 0.0.0.0/0 (a database is never open to the internet); got "0.0.0.0/0".`],
    ["a reserved master user name", { masterUsername: "rdsadmin" }, `${T} 'db': masterUsername must be a name RDS does not reserve`],
    ["a storage ceiling below the allocation", { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 100 }, `${T} 'db': maxAllocatedStorageGiB must be an integer from 200 to 65536; got 100.`],
    ["a malformed maintenance window", { maintenanceWindow: "sunday 4am" }, `${T} 'db': maintenanceWindow must be a UTC window "ddd:hh:mm-ddd:hh:mm"; got "sunday 4am".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateRdsPostgresArgs("db", { ...base, ...args })).toThrow(message);
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

    const ingress = resource(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "orders-cidr-0");
    expect(ingress.inputs).toMatchObject({ cidrIpv4: "10.30.0.0/16", fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
    expect(result.resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toHaveLength(1);
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
});
