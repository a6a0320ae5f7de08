import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Bucket as AwsBucket } from "@pulumi/aws/s3/bucket";
import { Role } from "@pulumi/aws/iam/role";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import { Bucket as GcsBucket } from "@pulumi/gcp/storage/bucket";
import { DatabaseInstance } from "@pulumi/gcp/sql/databaseInstance";
import { Service } from "@pulumi/gcp/projects/service";
import { Group } from "@pulumi/aws/autoscaling/group";
import table from "../../../components/core/taggable-types.json";
import { scanTaggableTypes } from "../../../components/core/internal/taggable-scan";
import { acknowledgementTags, isTaggable, MeridianValidationError, registerStackTags, tagPathOf, tagTransformation, withStandardTags } from "../../../components/core";
import { resource, runProgram } from "../../helpers/offline";

const TAGS = { environment: "dev", owner: "Platform Team", "cost-center": "CC 7" };

describe("the taggable-type table", () => {
  it("matches what the installed provider SDKs declare (run `npm run taggable:generate` after an SDK upgrade)", () => {
    const scanned = scanTaggableTypes(path.resolve(__dirname, "../../../node_modules"));
    expect(scanned.generatedFrom).toEqual(table.generatedFrom);
    expect(scanned.types).toEqual(table.types);
  });

  it("knows each cloud's tag input, including nested ones", () => {
    expect(tagPathOf("aws:rds/instance:Instance")).toBe("tags");
    expect(tagPathOf("gcp:container/cluster:Cluster")).toBe("resourceLabels");
    expect(tagPathOf("gcp:sql/databaseInstance:DatabaseInstance")).toBe("settings.userLabels");
    expect(tagPathOf("azure-native:containerservice:ManagedCluster")).toBe("tags");
  });

  it("leaves out types without a string-map tag input", () => {
    // Auto Scaling group tags are a list of {key, value, propagateAtLaunch}; project services take no labels.
    expect(isTaggable("aws:autoscaling/group:Group")).toBe(false);
    expect(isTaggable("gcp:projects/service:Service")).toBe(false);
    expect(isTaggable("pulumi:providers:aws")).toBe(false);
    expect(isTaggable("toString")).toBe(false);
  });
});

describe("tagTransformation", () => {
  it("puts each cloud's normalised tags on taggable resources, and leaves the rest alone", async () => {
    const result = await runProgram(() => {
      registerStackTags(TAGS);
      new AwsBucket("logs", {});
      new GcsBucket("assets", { location: "US" });
      new ResourceGroup("rg", {});
      new Service("api", { service: "run.googleapis.com" });
      new Group("asg", { maxSize: 1, minSize: 1, tags: [{ key: "a", value: "b", propagateAtLaunch: true }] });
    });
    expect(resource(result, "aws:s3/bucket:Bucket", "logs").inputs["tags"]).toEqual({ environment: "dev", owner: "Platform Team", "cost-center": "CC 7" });
    expect(resource(result, "gcp:storage/bucket:Bucket", "assets").inputs["labels"]).toEqual({ environment: "dev", owner: "platform_team", "cost-center": "cc_7" });
    expect(resource(result, "azure-native:resources:ResourceGroup", "rg").inputs["tags"]).toEqual(TAGS);
    expect(resource(result, "gcp:projects/service:Service", "api").inputs).not.toHaveProperty("labels");
    expect(resource(result, "aws:autoscaling/group:Group", "asg").inputs["tags"]).toEqual([{ key: "a", value: "b", propagateAtLaunch: true }]);
  });

  it("keeps the tags a resource sets itself, whether plain or Output", async () => {
    const result = await runProgram(() => {
      registerStackTags(TAGS);
      new AwsBucket("plain", { tags: { owner: "db-team", extra: "x" } });
      new AwsBucket("output", { tags: pulumi.output({ owner: "from-output" }) });
    });
    expect(resource(result, "aws:s3/bucket:Bucket", "plain").inputs["tags"]).toEqual({ ...TAGS, owner: "db-team", extra: "x" });
    expect(resource(result, "aws:s3/bucket:Bucket", "output").inputs["tags"]).toEqual({ ...TAGS, owner: "from-output" });
  });

  it("reaches labels nested in other inputs (Cloud SQL settings.userLabels) without dropping siblings", async () => {
    const result = await runProgram(() => {
      registerStackTags(TAGS);
      new DatabaseInstance("db", { databaseVersion: "POSTGRES_17", settings: { tier: "db-custom-1-3840", userLabels: { team: "data" } } });
    });
    const settings = resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "db").inputs["settings"] as Record<string, unknown>;
    expect(settings["tier"]).toBe("db-custom-1-3840");
    expect(settings["userLabels"]).toEqual({ environment: "dev", owner: "platform_team", "cost-center": "cc_7", team: "data" });
  });

  it("tags a component's whole subtree, including children of its children, and nothing outside it", async () => {
    class Inner extends pulumi.ComponentResource {
      constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Inner", name, {}, opts);
        new Role(`${name}-role`, { assumeRolePolicy: "{}" }, { parent: this });
        this.registerOutputs({});
      }
    }
    class Outer extends pulumi.ComponentResource {
      constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Outer", name, {}, withStandardTags(opts, { "managed-by": "meridian", component: name }));
        new Inner(`${name}-inner`, { parent: this });
        this.registerOutputs({});
      }
    }
    const result = await runProgram(() => {
      new Outer("app");
      new Role("outside", { assumeRolePolicy: "{}" });
    });
    expect(resource(result, "aws:iam/role:Role", "app-inner-role").inputs["tags"]).toEqual({ "managed-by": "meridian", component: "app" });
    expect(resource(result, "aws:iam/role:Role", "outside").inputs).not.toHaveProperty("tags");
  });

  it("fails at once on a tag no cloud form can carry", () => {
    expect(() => tagTransformation({ "aws:reserved": "x" })).toThrow(/reserved prefix 'aws:'/);
  });
});

describe("acknowledgement tags and the tags that spread", () => {
  it("refuses a meridian-ack-* key in tags given to a component or the stack: it would acknowledge findings on every resource under it", () => {
    const tags = { team: "orders", ...acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: "scratch volume, rebuilt nightly" }]) };
    let err: unknown;
    try {
      withStandardTags({}, tags);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MeridianValidationError);
    expect((err as MeridianValidationError).field).toBe("tags.meridian-ack-encryption-at-rest");
    expect((err as Error).message).toMatch(/reach every resource under it/);
    expect(() => registerStackTags(tags)).toThrow(MeridianValidationError);
    // On a component's own argument list of plain tags, the rest still passes.
    expect(() => withStandardTags({}, { team: "orders" })).not.toThrow();
  });
});
