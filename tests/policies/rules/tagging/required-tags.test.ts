import { evaluatePolicies as evaluateRules, type EvaluateOptions, type PolicyResourceInput } from "../../../../policies/evaluate";
import { requiredTags } from "../../../../policies/rules/tagging/required-tags";

// This rule alone: the rest of the pack has its own tests.
const evaluatePolicies = (resources: PolicyResourceInput[], options?: EvaluateOptions) => evaluateRules([requiredTags], resources, options);
import { UNKNOWN } from "../../../../cli/offline/decode";

const AWS_TAGS = { environment: "prod", project: "shop", owner: "platform", "cost-center": "cc-1", "managed-by": "meridian" };
const GCP_LABELS = { environment: "prod", project: "shop", owner: "platform", "cost-center": "cc-1", "managed-by": "meridian" };

function run(type: string, props: Record<string, unknown>, environment: "dev" | "staging" | "prod" = "prod") {
  return evaluatePolicies([{ type, name: "r", urn: `urn:pulumi:prod::p::${type}::r`, props }], { environment });
}

describe("meridian-tagging-required", () => {
  it("passes a fully tagged resource on each cloud", async () => {
    expect(await run("aws:s3/bucketV2:BucketV2", { tags: AWS_TAGS })).toEqual([]);
    expect(await run("gcp:storage/bucket:Bucket", { labels: GCP_LABELS })).toEqual([]);
    expect(await run("azure-native:resources:ResourceGroup", { tags: AWS_TAGS })).toEqual([]);
    expect(await run("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-f1-micro", userLabels: GCP_LABELS } })).toEqual([]);
  });

  it("fails when a required tag is missing, naming it and the input", async () => {
    const { owner: _owner, ...tags } = AWS_TAGS;
    expect(await run("aws:s3/bucketV2:BucketV2", { tags })).toEqual([
      {
        policyName: "meridian-tagging-required",
        enforcementLevel: "advisory",
        urn: "urn:pulumi:prod::p::aws:s3/bucketV2:BucketV2::r",
        message: "missing required tags (tags): owner",
      },
    ]);
  });

  it("fails a GCP resource whose labels are absent, in label words", async () => {
    const violations = await run("gcp:container/cluster:Cluster", { location: "us-central1" });
    expect(violations.map((v) => v.message)).toEqual(["missing required labels (resourceLabels): environment, project, owner, cost-center, managed-by"]);
  });

  it("fails on empty values", async () => {
    const violations = await run("aws:rds/instance:Instance", { tags: { ...AWS_TAGS, owner: "" } });
    expect(violations.map((v) => v.message)).toEqual(["required tags with empty values (tags): owner"]);
  });

  it("fails when the environment tag names another environment", async () => {
    const violations = await run("azure-native:resources:ResourceGroup", { tags: { ...AWS_TAGS, environment: "dev" } }, "prod");
    expect(violations.map((v) => v.message)).toEqual(['tags.environment is "dev", but this stack is "prod"']);
  });

  it("is not applicable to types that take no tags", async () => {
    expect(await run("gcp:projects/service:Service", { service: "run.googleapis.com" })).toEqual([]);
    expect(await run("kubernetes:core/v1:Namespace", {})).toEqual([]);
  });

  it("says it cannot decide when the tags are unknown at preview (advisory)", async () => {
    const violations = await run("aws:s3/bucketV2:BucketV2", { tags: UNKNOWN });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ enforcementLevel: "advisory" });
    expect(violations[0]?.message).toMatch(/^can't run policy 'meridian-tagging-required' from policy pack 'meridian@v\d+\.\d+\.\d+' during preview: .*tags/);
  });

  it("takes its enforcement level and required list from the pack config", async () => {
    const resources = [{ type: "aws:s3/bucketV2:BucketV2", name: "r", urn: "u", props: { tags: { team: "x" } } }];
    const v = await evaluatePolicies(resources, { config: { "meridian-tagging-required": { enforcementLevel: "mandatory", requiredTags: ["team"] } } });
    expect(v).toEqual([]);
    const v2 = await evaluatePolicies(resources, { config: { all: "mandatory", "meridian-tagging-required": { requiredTags: ["team", "owner"] } } });
    expect(v2).toEqual([{ policyName: "meridian-tagging-required", enforcementLevel: "mandatory", urn: "u", message: "missing required tags (tags): owner" }]);
    expect(await evaluatePolicies(resources, { config: { "meridian-tagging-required": "disabled" } })).toEqual([]);
  });

  it("declares a schema whose defaults are the standard tags", () => {
    expect(requiredTags.configSchema?.properties["requiredTags"]).toMatchObject({ default: ["environment", "project", "owner", "cost-center", "managed-by"] });
  });
});
