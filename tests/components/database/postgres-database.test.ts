import { PostgresDatabase } from "../../../components/database";
import { AwsNetwork, AzureNetwork, GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetwork } from "../../helpers/fixtures";

const T = "meridian:database:PostgresDatabase";

describe("PostgresDatabase", () => {
  it("maps one spec onto each cloud's component", async () => {
    const result = await runProgram(() => {
      const aws = new AwsNetwork("aws", { availabilityZoneCount: 2, natGateways: "none" });
      const gcp = new GcpNetwork("gcp", { region: "us-central1" });
      const azure = new AzureNetwork("azure", { location: "eastus" });
      new PostgresDatabase("a", { cloud: "aws", awsNetwork: aws, size: "medium", backupRetentionDays: 30, replicationSource: true });
      new PostgresDatabase("g", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", size: "large", highAvailability: false });
      new PostgresDatabase("z", { cloud: "azure", azureNetwork: azure, location: "eastus", size: "medium" });
      new PostgresDatabase("s", { cloud: "azure", azureNetwork: azure, location: "eastus" });
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
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp })).toThrow(`${T} 'x': region must be a GCP region such as "us-central1"`);
      expect(() => new PostgresDatabase("x", { cloud: "azure", azureNetwork: azure, location: "eastus", highAvailability: true })).toThrow(
        `${T} 'x': highAvailability must be false or unset for size small on Azure (the Burstable tier offers no HA); choose size medium for HA; got true.`,
      );
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", replicationSource: true })).toThrow(
        `${T} 'x': replicationSource must be unset (cloud is gcp: replicationSource is for aws; give region); got true.`,
      );
      expect(() => new PostgresDatabase("x", { cloud: "azure", azureNetwork: azure, region: "eastus" })).toThrow(`${T} 'x': region must be unset (cloud is azure: region is for gcp; give location); got "eastus".`);
      expect(() => new PostgresDatabase("x", { cloud: "gcp", gcpNetwork: gcp, region: "us-central1", size: "huge" as never })).toThrow(`${T} 'x': size must be one of "small", "medium", "large"; got "huge".`);
    });
  });

  it("passes protection through: the option and the argument protect the per-cloud component's stateful children alike", async () => {
    for (const [args, opts] of [[{ protect: true }, {}], [{}, { protect: true }], [{ protect: true }, { protect: true }]] as const) {
      const result = await runProgram(() => new PostgresDatabase("a", { cloud: "aws", awsNetwork, ...args }, opts));
      expect(["aws:rds/instance:Instance::a-instance", "aws:kms/key:Key::a-key"].map((k) => result.resources.find((r) => `${r.type}::${r.name}` === k)?.protect)).toEqual([true, true]);
    }
    expect(() => new PostgresDatabase("a", { cloud: "aws", awsNetwork, protect: false }, { protect: true })).toThrow(
      `${T} 'a': protect must be the same as the component's protect option (true), or unset; got false.`,
    );
  });
});
