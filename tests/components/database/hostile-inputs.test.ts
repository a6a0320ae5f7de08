/**
 * The database components refuse what a cloud would refuse, what they would otherwise ignore, and what would crash
 * them, before anything is registered: names, missing choices and references, places and sizes that do not exist,
 * non-lists and prototype keys, ignored or conflicting settings, and the clouds' cross-service rules.
 */
import { AzurePostgres, CloudSqlPostgres, DmsReplication, PostgresDatabase, RdsPostgres, type PostgresTarget, type ReplicationSourceRef } from "../../../components/database";
import { hostileInputs } from "../../helpers/hostile";
import { awsNetwork, azureNetwork, gcpNetwork } from "../../helpers/fixtures";

/** A key that JSON (or another language) delivers as an own property, where an object literal would set the prototype. */
const protoKey = <T>(value: T): Record<string, T> => JSON.parse(JSON.stringify({ ["__proto__"]: value })) as Record<string, T>;

const rds = { network: awsNetwork };
hostileInputs("meridian:database:RdsPostgres", [
  { what: "a name with an underscore", field: "name", build: () => new RdsPostgres("orders_db", rds) },
  { what: "a name in upper case", field: "name", build: () => new RdsPostgres("Orders-DB", rds) },
  { what: "a 300-character name", field: "name", build: () => new RdsPostgres("a".repeat(300), rds) },
  { what: "a name too long for the auto-named instance identifier and monitoring role (46 > 45)", field: "name", build: () => new RdsPostgres("a".repeat(46), rds) },
  { what: "__proto__ as the name", field: "name", build: () => new RdsPostgres("__proto__", rds) },
  { what: "a non-ASCII name", field: "name", build: () => new RdsPostgres("données", rds) },
  { what: "args of null", field: "args", build: () => new RdsPostgres("db", null as never) },
  { what: "args of undefined", field: "args", build: () => new RdsPostgres("db", undefined as never) },
  { what: "no network", field: "network", build: () => new RdsPostgres("db", {} as never) },
  { what: "a network without its address plan", field: "network.addressPlan", build: () => new RdsPostgres("db", { network: { ...awsNetwork, addressPlan: undefined } as never }) },
  { what: "subnet ids that do not match the plan", field: "network.privateSubnetIds", build: () => new RdsPostgres("db", { network: { ...awsNetwork, privateSubnetIds: ["subnet-a"] } }) },
  { what: "the old vpcId/subnetIds arguments (now ignored)", field: "vpcId", build: () => new RdsPostgres("db", { ...rds, vpcId: "vpc-1", subnetIds: ["subnet-a"] } as never) },
  { what: "a CIDR string where a list belongs", field: "allowedCidrs", build: () => new RdsPostgres("db", { ...rds, allowedCidrs: "10.0.0.0/8" as never }) },
  { what: "the same CIDR twice (two rules with one key)", field: "allowedCidrs", build: () => new RdsPostgres("db", { ...rds, allowedCidrs: ["10.0.0.0/8", "10.0.0.0/8"] }) },
  { what: "a list of security groups where a map of names belongs", field: "allowedSecurityGroups", build: () => new RdsPostgres("db", { ...rds, allowedSecurityGroups: ["sg-0a1b2c3d"] as never }) },
  { what: "__proto__ as a security group's name", field: "allowedSecurityGroups", build: () => new RdsPostgres("db", { ...rds, allowedSecurityGroups: protoKey("sg-0a1b2c3d") }) },
  { what: "the old allowedSecurityGroupIds list (now ignored)", field: "allowedSecurityGroupIds", build: () => new RdsPostgres("db", { ...rds, allowedSecurityGroupIds: ["sg-0a1b2c3d"] } as never) },
  { what: "an instance class that does not exist", field: "instanceClass", build: () => new RdsPostgres("db", { ...rds, instanceClass: "db.t4g.huge" }) },
  { what: "a backup window inside the maintenance window", field: "backupWindow", build: () => new RdsPostgres("db", { ...rds, backupWindow: "04:45-05:15" }) },
  { what: "a 20-minute maintenance window", field: "maintenanceWindow", build: () => new RdsPostgres("db", { ...rds, maintenanceWindow: "sun:04:30-sun:04:50" }) },
  { what: "a reserved SQL key word as the master user", field: "masterUsername", build: () => new RdsPostgres("db", { ...rds, masterUsername: "user" }) },
  { what: "RDS's own administration database as the database", field: "databaseName", build: () => new RdsPostgres("db", { ...rds, databaseName: "rdsadmin" }) },
  { what: "a string where a boolean belongs", field: "multiAz", build: () => new RdsPostgres("db", { ...rds, multiAz: "yes" as never }) },
  { what: "protect: false under the protect option", field: "protect", build: () => new RdsPostgres("db", { ...rds, protect: false }, { protect: true }) },
  { what: "a tag under AWS's reserved prefix", field: "tags.aws:owner", build: () => new RdsPostgres("db", { ...rds, tags: { "aws:owner": "me" } }) },
]);

const sql = { network: gcpNetwork, region: "us-central1" };
hostileInputs("meridian:database:CloudSqlPostgres", [
  { what: "a name with an underscore and capitals", field: "name", build: () => new CloudSqlPostgres("Orders_DB", sql) },
  { what: "a name too long for the auto-named instance (47 > 46)", field: "name", build: () => new CloudSqlPostgres("a".repeat(47), sql) },
  { what: "a non-ASCII name", field: "name", build: () => new CloudSqlPostgres("données", sql) },
  { what: "args of undefined", field: "args", build: () => new CloudSqlPostgres("db", undefined as never) },
  { what: "no network (it crashed after registering)", field: "network", build: () => new CloudSqlPostgres("db", { region: "us-central1" } as never) },
  { what: "a network without its id", field: "network.networkId", build: () => new CloudSqlPostgres("db", { ...sql, network: { addressPlan: gcpNetwork.addressPlan } as never }) },
  { what: "a region that does not exist", field: "region", build: () => new CloudSqlPostgres("db", { ...sql, region: "us-moon1" }) },
  { what: "no region", field: "region", build: () => new CloudSqlPostgres("db", { network: gcpNetwork } as never) },
  { what: "a tier with an odd number of vCPUs", field: "tier", build: () => new CloudSqlPostgres("db", { ...sql, tier: "db-custom-3-7680" }) },
  { what: "a CIDR string where a list of authorized networks belongs", field: "authorizedNetworks", build: () => new CloudSqlPostgres("db", { ...sql, publicIp: true, authorizedNetworks: "10.0.0.0/8" as never }) },
  { what: "an authorized network with an empty label", field: "authorizedNetworks[0].name", build: () => new CloudSqlPostgres("db", { ...sql, publicIp: true, authorizedNetworks: [{ name: "", cidr: "198.51.100.0/24" }] }) },
  { what: "a maintenance window that is a string (its day was silently dropped)", field: "maintenanceWindow", build: () => new CloudSqlPostgres("db", { ...sql, maintenanceWindow: "sun" as never }) },
  { what: "Cloud SQL's administration user as the user", field: "userName", build: () => new CloudSqlPostgres("db", { ...sql, userName: "cloudsqladmin" }) },
  { what: "the default postgres database as the database", field: "databaseName", build: () => new CloudSqlPostgres("db", { ...sql, databaseName: "postgres" }) },
  { what: "a project id in capitals", field: "project", build: () => new CloudSqlPostgres("db", { ...sql, project: "My-Project" }) },
  { what: "a string where a boolean belongs", field: "publicIp", build: () => new CloudSqlPostgres("db", { ...sql, publicIp: "true" as never }) },
  { what: "protect: false under the protect option", field: "protect", build: () => new CloudSqlPostgres("db", { ...sql, protect: false }, { protect: true }) },
]);

const az = { network: azureNetwork, location: "eastus" };
hostileInputs("meridian:database:AzurePostgres", [
  { what: "a non-ASCII name", field: "name", build: () => new AzurePostgres("données", az) },
  { what: "__proto__ as the name", field: "name", build: () => new AzurePostgres("__proto__", az) },
  { what: "a name too long for the auto-named server (49 > 48)", field: "name", build: () => new AzurePostgres("a".repeat(49), az) },
  { what: "args of null", field: "args", build: () => new AzurePostgres("pg", null as never) },
  { what: "no network (it crashed after registering)", field: "network", build: () => new AzurePostgres("pg", { location: "eastus" } as never) },
  { what: "a network without the postgres subnet", field: "network.subnetIds.postgres", build: () => new AzurePostgres("pg", { ...az, network: { ...azureNetwork, subnetIds: { aks: "a", workloads: "w" } } as never }) },
  { what: "a location that does not exist", field: "location", build: () => new AzurePostgres("pg", { ...az, location: "moonbase" }) },
  { what: "no location", field: "location", build: () => new AzurePostgres("pg", { network: azureNetwork } as never) },
  { what: "a General Purpose size on the Memory Optimized tier", field: "skuName", build: () => new AzurePostgres("pg", { ...az, tier: "MemoryOptimized", skuName: "Standard_D2ds_v5" }) },
  { what: "a VM size that does not exist", field: "skuName", build: () => new AzurePostgres("pg", { ...az, skuName: "Standard_D3ds_v5" }) },
  { what: "toString as the tier", field: "tier", build: () => new AzurePostgres("pg", { ...az, tier: "toString" as never }) },
  { what: "a login Azure reserves", field: "administratorLogin", build: () => new AzurePostgres("pg", { ...az, administratorLogin: "administrator" }) },
  { what: "a storage size Azure does not offer", field: "storageSizeGb", build: () => new AzurePostgres("pg", { ...az, storageSizeGb: 100 }) },
  { what: "HA on the Burstable tier", field: "highAvailability", build: () => new AzurePostgres("pg", { ...az, tier: "Burstable", highAvailability: "ZoneRedundant" }) },
  { what: "tags that are a string", field: "tags", build: () => new AzurePostgres("pg", { ...az, tags: "prod" as never }) },
  { what: "protect: false under the protect option", field: "protect", build: () => new AzurePostgres("pg", { ...az, protect: false }, { protect: true }) },
]);

const source: ReplicationSourceRef = { replicationSource: true, address: "db.example.internal", port: 5432, databaseName: "app", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", securityGroupId: "sg-0a1b2c3d" };
const target: PostgresTarget = { host: "10.30.0.5", port: 5432, databaseName: "app", userName: "app", password: "p", reachability: "private" };
const dms = { source, target, network: awsNetwork };
hostileInputs("meridian:database:DmsReplication", [
  { what: "a name with an underscore", field: "name", build: () => new DmsReplication("repl_1", dms) },
  { what: "a name too long for the auto-named secrets role (49 > 48)", field: "name", build: () => new DmsReplication("a".repeat(49), dms) },
  { what: "args of null", field: "args", build: () => new DmsReplication("repl", null as never) },
  { what: "no network", field: "network", build: () => new DmsReplication("repl", { source, target } as never) },
  { what: "the old vpcId argument (now ignored)", field: "vpcId", build: () => new DmsReplication("repl", { ...dms, vpcId: "vpc-1" } as never) },
  { what: "a pattern string where a list belongs", field: "include", build: () => new DmsReplication("repl", { ...dms, include: "%" as never }) },
  { what: "an exclude without its table", field: "exclude[0].table", build: () => new DmsReplication("repl", { ...dms, exclude: [{ schema: "public" }] as never }) },
  { what: "the same include twice", field: "include", build: () => new DmsReplication("repl", { ...dms, include: [{ schema: "public", table: "%" }, { schema: "public", table: "%" }] }) },
  { what: "no target", field: "target", build: () => new DmsReplication("repl", { source, network: awsNetwork } as never) },
  { what: "a target without its reachability (it passed as neither)", field: "target.reachability", build: () => new DmsReplication("repl", { ...dms, target: { ...target, reachability: undefined } as never }) },
  { what: "a source without logical replication", field: "source", build: () => new DmsReplication("repl", { ...dms, source: { ...source, replicationSource: false } }) },
  { what: "a source without its security group", field: "source.securityGroupId", build: () => new DmsReplication("repl", { ...dms, source: { ...source, securityGroupId: undefined } as never }) },
  { what: "a role name PostgreSQL reserves (pg_) as the target user", field: "target.userName", build: () => new DmsReplication("repl", { ...dms, target: { ...target, userName: "pg_monitor" } }) },
  { what: "a template database as the target database", field: "target.databaseName", build: () => new DmsReplication("repl", { ...dms, target: { ...target, databaseName: "template1" } }) },
  { what: "an instance class that does not exist", field: "instanceClass", build: () => new DmsReplication("repl", { ...dms, instanceClass: "dms.t3.huge" }) },
  { what: "protect: false under the protect option", field: "protect", build: () => new DmsReplication("repl", { ...dms, protect: false }, { protect: true }) },
  { what: "a warning threshold above the paging one", field: "lagWarningSeconds", build: () => new DmsReplication("repl", { ...dms, maxLagSeconds: 10, lagWarningSeconds: 30 }) },
  { what: "a string where the warning threshold belongs", field: "lagWarningSeconds", build: () => new DmsReplication("repl", { ...dms, lagWarningSeconds: "5" as never }) },
  { what: "task settings that are a JSON string (the old fixed document's shape)", field: "taskSettings", build: () => new DmsReplication("repl", { ...dms, taskSettings: '{"FullLoadSettings":{}}' as never }) },
  { what: "a list where the task settings belong", field: "taskSettings", build: () => new DmsReplication("repl", { ...dms, taskSettings: [] as never }) },
  { what: "a task setting in DMS's own spelling (ignored before)", field: "taskSettings.MaxFullLoadSubTasks", build: () => new DmsReplication("repl", { ...dms, taskSettings: { MaxFullLoadSubTasks: 8 } as never }) },
  { what: "__proto__ as a task setting", field: "taskSettings.__proto__", build: () => new DmsReplication("repl", { ...dms, taskSettings: protoKey(8) as never }) },
  { what: "a thread count as a string", field: "taskSettings.parallelLoadThreads", build: () => new DmsReplication("repl", { ...dms, taskSettings: { parallelLoadThreads: "8" as never } }) },
  { what: "NaN full-load subtasks", field: "taskSettings.maxFullLoadSubTasks", build: () => new DmsReplication("repl", { ...dms, taskSettings: { maxFullLoadSubTasks: Number.NaN } }) },
  { what: "a commit rate beyond DMS's maximum (50,000)", field: "taskSettings.commitRate", build: () => new DmsReplication("repl", { ...dms, taskSettings: { commitRate: 100000 } }) },
  { what: "an infinite transaction-consistency timeout", field: "taskSettings.transactionConsistencyTimeoutSeconds", build: () => new DmsReplication("repl", { ...dms, taskSettings: { transactionConsistencyTimeoutSeconds: Infinity } }) },
  { what: "a storage size beyond DMS's 6,144 GiB", field: "allocatedStorageGiB", build: () => new DmsReplication("repl", { ...dms, allocatedStorageGiB: 10000 }) },
]);

hostileInputs("meridian:database:PostgresDatabase", [
  { what: "no cloud (it built an empty component)", field: "cloud", build: () => new PostgresDatabase("db", { awsNetwork } as never) },
  { what: "an unknown cloud", field: "cloud", build: () => new PostgresDatabase("db", { cloud: "oracle" as never, awsNetwork }) },
  { what: "args of null", field: "args", build: () => new PostgresDatabase("db", null as never) },
  { what: "a name with an underscore (the per-cloud component's rule)", field: "name", build: () => new PostgresDatabase("orders_db", { cloud: "aws", awsNetwork }) },
  { what: "no network for the cloud", field: "awsNetwork", build: () => new PostgresDatabase("db", { cloud: "aws" }) },
  { what: "a region on AWS (ignored before)", field: "region", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, region: "us-east-1" }) },
  { what: "a location on GCP", field: "location", build: () => new PostgresDatabase("db", { cloud: "gcp", gcpNetwork, region: "us-central1", location: "eastus" }) },
  { what: "a region on Azure (Azure takes location)", field: "region", build: () => new PostgresDatabase("db", { cloud: "azure", azureNetwork, region: "eastus" }) },
  { what: "AWS security groups on GCP", field: "allowedSecurityGroups", build: () => new PostgresDatabase("db", { cloud: "gcp", gcpNetwork, region: "us-central1", allowedSecurityGroups: { lambda: "sg-0a1b2c3d" } }) },
  { what: "replicationSource: false on Azure (still another cloud's field)", field: "replicationSource", build: () => new PostgresDatabase("db", { cloud: "azure", azureNetwork, location: "eastus", replicationSource: false }) },
  { what: "__proto__ as the size", field: "size", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, size: "__proto__" as never }) },
  { what: "toString as the size", field: "size", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, size: "toString" as never }) },
  { what: "a GCP region that does not exist", field: "region", build: () => new PostgresDatabase("db", { cloud: "gcp", gcpNetwork, region: "us-moon1" }) },
  { what: "an Azure location that does not exist", field: "location", build: () => new PostgresDatabase("db", { cloud: "azure", azureNetwork, location: "moonbase" }) },
  { what: "3 days of backups on Azure (7 to 35)", field: "backupRetentionDays", build: () => new PostgresDatabase("db", { cloud: "azure", azureNetwork, location: "eastus", backupRetentionDays: 3 }) },
  { what: "a GCP network missing its id", field: "gcpNetwork.networkId", build: () => new PostgresDatabase("db", { cloud: "gcp", gcpNetwork: { ...gcpNetwork, networkId: undefined } as never, region: "us-central1" }) },
  { what: "the old allowedSecurityGroupIds list (now ignored)", field: "allowedSecurityGroupIds", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, allowedSecurityGroupIds: ["sg-0a1b2c3d"] } as never) },
  { what: "a string where a boolean belongs", field: "highAvailability", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, highAvailability: "yes" as never }) },
  { what: "protect: false under the protect option", field: "protect", build: () => new PostgresDatabase("db", { cloud: "aws", awsNetwork, protect: false }, { protect: true }) },
]);
