import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Instance } from "@pulumi/aws/rds/instance";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import { getVpcOutput } from "@pulumi/aws/ec2/getVpc";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { engineUrn } from "../../cli/offline/engine";
import { fakeResourceState } from "../../cli/offline/fake-cloud";
import { resource, runProgram } from "../helpers/offline";

class Holder extends pulumi.ComponentResource {
  public readonly password: pulumi.Output<string>;
  public readonly role: Role;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Holder", name, {}, opts);
    this.role = new Role(`${name}-role`, { assumeRolePolicy: "{}" }, { parent: this, protect: true, retainOnDelete: true });
    this.password = pulumi.secret("s3cret");
    this.registerOutputs({ password: this.password, roleName: this.role.name });
  }
}

describe("engineUrn", () => {
  it("omits the stack type for the stack's children and keeps the full chain below components", () => {
    const stack = "urn:pulumi:prod::meridian::pulumi:pulumi:Stack::meridian-prod";
    const outer = engineUrn("prod", "meridian", stack, "meridian:database:RdsPostgres", "orders");
    expect(outer).toBe("urn:pulumi:prod::meridian::meridian:database:RdsPostgres::orders");
    const inner = engineUrn("prod", "meridian", outer, "meridian:network:Inner", "orders-net");
    const leaf = engineUrn("prod", "meridian", inner, "aws:ec2/vpc:Vpc", "orders-vpc");
    expect(leaf).toBe("urn:pulumi:prod::meridian::meridian:database:RdsPostgres$meridian:network:Inner$aws:ec2/vpc:Vpc::orders-vpc");
  });
});

describe("runOffline", () => {
  it("records each registration with its engine URN, parent and options", async () => {
    const result = await runProgram(() => {
      const h = new Holder("app");
      new RolePolicyAttachment("attach", { role: h.role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { dependsOn: [h] });
    }, { stack: "prod" });
    const holder = resource(result, "test:index:Holder", "app");
    const role = resource(result, "aws:iam/role:Role", "app-role");
    expect(role.urn).toBe("urn:pulumi:prod::meridian::test:index:Holder$aws:iam/role:Role::app-role");
    expect(role.parent).toBe(holder.urn);
    expect(holder.parent).toBe("urn:pulumi:prod::meridian::pulumi:pulumi:Stack::meridian-prod");
    expect(role).toMatchObject({ custom: true, protect: true, retainOnDelete: true, provider: undefined });
    const attach = resource(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach");
    // Wiring: the role's name computed by the fake cloud reaches the attachment; the dependency is recorded.
    expect(attach.inputs["role"]).toBe(role.inputs["name"] ?? (role.id as string));
    expect(attach.dependsOn).toEqual(expect.arrayContaining([role.urn]));
  });

  it("resolves each alias to the URN the engine would look up: an alias spec's unset parts are the resource's own", async () => {
    const result = await runProgram(() => {
      const h = new Holder("app");
      new Role("app-role-renamed", { assumeRolePolicy: "{}" }, { parent: h, aliases: [{ name: "app-role-0" }, { name: "top-role", parent: pulumi.rootStackResource }, "urn:pulumi:prod::meridian::aws:iam/role:Role::given"] });
    }, { stack: "prod" });
    const renamed = resource(result, "aws:iam/role:Role", "app-role-renamed");
    expect(renamed.aliases).toEqual([
      "urn:pulumi:prod::meridian::test:index:Holder$aws:iam/role:Role::app-role-0",
      "urn:pulumi:prod::meridian::aws:iam/role:Role::top-role",
      "urn:pulumi:prod::meridian::aws:iam/role:Role::given",
    ]);
    expect(resource(result, "aws:iam/role:Role", "app-role").aliases).toEqual([]);
  });

  it("keeps secrets masked in reports and revealed for policies, and lists secret outputs", async () => {
    const result = await runProgram(() => {
      const h = new Holder("app");
      new Role("with-secret", { assumeRolePolicy: pulumi.secret("{}"), description: "plain" });
      return { password: h.password, name: "visible" };
    });
    const r = resource(result, "aws:iam/role:Role", "with-secret");
    expect(r.inputs["assumeRolePolicy"]).toBe("{}");
    expect(r.maskedInputs["assumeRolePolicy"]).toBe("[secret]");
    expect(r.maskedInputs["description"]).toBe("plain");
    expect(resource(result, "test:index:Holder", "app").secretOutputs).toEqual(["password"]);
    expect(result.outputs).toEqual({ password: "[secret]", name: "visible" });
    expect(result.secretOutputs).toEqual(["password"]);
  });

  it("computes attributes in the region of the resource's provider", async () => {
    const result = await runProgram(() => {
      const eu = new AwsProvider("eu", { region: "eu-west-1" });
      const db = new Instance("db", { instanceClass: "db.t4g.micro", engine: "postgres", identifier: "orders" }, { provider: eu });
      return { address: db.address, arn: db.arn };
    });
    expect(result.outputs["address"]).toMatch(/^orders\.c[0-9a-f]{10}\.eu-west-1\.rds\.amazonaws\.com$/);
    expect(result.outputs["arn"]).toBe("arn:aws:rds:eu-west-1:123456789012:db:orders");
    expect(resource(result, "aws:rds/instance:Instance", "db").provider).toMatch(/^urn:pulumi:test::meridian::pulumi:providers:aws::eu::[0-9a-f-]{36}$/);
  });

  it("answers common invokes and reports the ones it does not know", async () => {
    const result = await runProgram(() => ({
      zones: getAvailabilityZonesOutput({ state: "available" }).names,
      vpc: getVpcOutput({ default: true }).id,
    }));
    expect(result.outputs["zones"]).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"]);
    expect(result.unknownInvokes).toEqual(["aws:ec2/getVpc:getVpc"]);
  });

  it("reports resources that would need a disabled default provider", async () => {
    const result = await runProgram(
      () => {
        const gcp = new GcpProvider("gcp", { project: "p-123456" });
        new Account("explicit", { accountId: "explicit-sa" }, { provider: gcp });
        new Account("ambient", { accountId: "ambient-sa" });
      },
      { config: { "pulumi:disable-default-providers": '["gcp"]' } },
    );
    expect(result.engineErrors).toEqual([
      "urn:pulumi:test::meridian::gcp:serviceaccount/account:Account::ambient: uses the default 'gcp' provider, which this stack disables (pulumi:disable-default-providers)",
    ]);
    expect(resource(result, "gcp:serviceaccount/account:Account", "explicit").provider).toMatch(/^urn:pulumi:test::meridian::pulumi:providers:gcp::gcp::/);
  });

  it("fails with the program's own error", async () => {
    await expect(
      runProgram(() => {
        throw new Error("boom in the program");
      }),
    ).rejects.toThrow("boom in the program");
  });
});

describe("the fake cloud", () => {
  it("gives deterministic ids and realistic computed attributes", () => {
    const a = fakeResourceState({ type: "aws:ec2/vpc:Vpc", name: "main", inputs: { cidrBlock: "10.0.0.0/16" }, urn: "u1" });
    const b = fakeResourceState({ type: "aws:ec2/vpc:Vpc", name: "main", inputs: { cidrBlock: "10.0.0.0/16" }, urn: "u1" });
    expect(a).toEqual(b);
    expect(a.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(a.state["cidrBlock"]).toBe("10.0.0.0/16");
    const sa = fakeResourceState({ type: "gcp:serviceaccount/account:Account", name: "sa", inputs: { accountId: "runner", project: "p-123456" } });
    expect(sa.state["email"]).toBe("runner@p-123456.iam.gserviceaccount.com");
    const net = fakeResourceState({ type: "gcp:compute/network:Network", name: "vpc", inputs: { name: "core" } });
    expect(net.state["selfLink"]).toBe("https://www.googleapis.com/compute/v1/projects/meridian-offline/global/networks/core");
    const pw = fakeResourceState({ type: "random:index/randomPassword:RandomPassword", name: "pw", inputs: { length: 24, special: false, upper: false }, urn: "u2" });
    expect(pw.state["result"]).toMatch(/^[a-z0-9]{24}$/);
    expect(fakeResourceState({ type: "random:index/randomPassword:RandomPassword", name: "pw", inputs: { length: 24 }, urn: "u3" }).state["result"]).not.toBe(pw.state["result"]);
    const rg = fakeResourceState({ type: "azure-native:resources:ResourceGroup", name: "rg", inputs: { resourceGroupName: "rg-prod" } });
    expect(rg.id).toBe("/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg-prod");
  });
});

describe("additionalSecretOutputs", () => {
  it("come back secret, as the engine makes them (@pulumi/random's result)", async () => {
    const { RandomPassword } = await import("@pulumi/random/randomPassword");
    let isSecret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const pw = new RandomPassword("pw", { length: 16 });
      isSecret = pulumi.isSecret(pw.result);
      new Role("uses-it", { assumeRolePolicy: "{}", description: pw.result });
    });
    expect(await isSecret).toBe(true);
    expect(resource(result, "aws:iam/role:Role", "uses-it").maskedInputs["description"]).toBe("[secret]");
  });
});

describe("invokes", () => {
  it("answer in the region of the provider they go through, and are held to disable-default-providers", async () => {
    const result = await runProgram(
      () => {
        const eu = new AwsProvider("eu", { region: "eu-west-1" });
        return { eu: getAvailabilityZonesOutput({}, { provider: eu }).names, ambient: getAvailabilityZonesOutput({}).names };
      },
      { config: { "pulumi:disable-default-providers": '["aws"]' } },
    );
    expect(result.outputs["eu"]).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d", "eu-west-1f"]);
    expect(result.engineErrors).toEqual(["invoke aws:index/getAvailabilityZones:getAvailabilityZones: uses the default 'aws' provider, which this stack disables (pulumi:disable-default-providers)"]);
  });

  it("answer in the provider's region at a first preview too, when the provider's id is not known yet", async () => {
    const result = await runProgram(() => {
      const eu = new AwsProvider("eu", { region: "eu-west-1" });
      return { eu: getAvailabilityZonesOutput({}, { provider: eu }).names };
    }, { firstPreview: true });
    expect(result.outputs["eu"]).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d", "eu-west-1f"]);
  });
});
