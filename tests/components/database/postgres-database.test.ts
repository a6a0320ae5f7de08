import { PostgresDatabase } from "../../../components/database";
import { AwsNetwork, AzureNetwork, GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:database:PostgresDatabase";

describe("PostgresDatabase", () => {
  it("maps one spec onto each cloud's component", async () => {
    const result = await runProgram(() => {
      const aws = new AwsNetwork("aws", { availabilityZoneCount: 2, natGateways: "none" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const azure = new AzureNetwork("azure", { location: "eastus" });
      new PostgresDatabase("a", { cloud: "aws", awsNetwork: aws, size: "medium", backupRetentionDays: 30, replicationSource: true });
      new PostgresDatabase("g", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", size: "large", highAvailability: false });
      new PostgresDatabase("z", { cloud: "azure", azureNetwork: azure, region: "eastus", size: "medium" });
      new PostgresDatabase("s", { cloud: "azure", azureNetwork: azure, region: "eastus" });
    });
    const rds = resource(result, "aws:rds/instance:Instance", "a-instance");
    expect(rds.inputs).toMatchObject({ instanceClass: "db.m7g.large", multiAz: true, backupRetentionPeriod: 30 });
    expect(rds.urn).toBe("urn:pulumi:test::meridian::meridian:database:PostgresDatabase$meridian:database:RdsPostgres$aws:rds/instance:Instance::a-instance");
    expect(resource(result, "aws:rds/subnetGroup:SubnetGroup", "a-subnets").inputs["subnetIds"]).toEqual(
      ["a", "b"].map((l) => resource(result, "aws:ec2/subnet:Subnet", `aws-private-${l}`).id),
    );
    expect(resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "g-instance").inputs["settings"]).toMatchObject({ tier: "db-custom-4-26624", availabilityType: "ZONAL" });
    expect(resource(result, "azure-native:dbforpostgresql:Server", "z-server").inputs).toMatchObject({ sku: { tier: "GeneralPurpose" }, highAvailability: { mode: "ZoneRedundant" } });
    // Small on Azure is Burstable, which has no HA: the default follows, rather than failing.
    expect(resource(result, "azure-native:dbforpostgresql:Server", "s-server").inputs).toMatchObject({ sku: { tier: "Burstable", name: "Standard_B2ms" }, highAvailability: { mode: "Disabled" } });
  });

  it("fails on a network of another cloud, a missing region, HA asked of Azure small, and AWS-only options elsewhere", async () => {
    await runProgram(() => {
      const aws = new AwsNetwork("aws", {});
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const azure = new AzureNetwork("azure", { location: "eastus" });
      expect(() => new PostgresDatabase("x", { cloud: "aws", gcpNetwork: gcp })).toThrow(`${T} 'x': awsNetwork must be the AWS network (cloud is aws); got undefined.`);
      expect(() => new PostgresDatabase("x", { cloud: "aws", awsNetwork: aws, gcpNetwork: gcp })).toThrow(`${T} 'x': gcpNetwork must be unset (cloud is aws; give awsNetwork); got "set".`);
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp })).toThrow(`${T} 'x': region must be the GCP region; got undefined.`);
      expect(() => new PostgresDatabase("x", { cloud: "azure", azureNetwork: azure, region: "eastus", highAvailability: true })).toThrow(
        `${T} 'x': highAvailability must be false or unset for size small on Azure (the Burstable tier offers no HA); choose size medium for HA; got true.`,
      );
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", replicationSource: true })).toThrow(`${T} 'x': replicationSource must be unset unless cloud is aws; got true.`);
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", size: "huge" as never })).toThrow(`${T} 'x': size must be one of "small", "medium", "large"; got "huge".`);
    });
  });
});
