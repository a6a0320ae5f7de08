/**
 * The exposure rules of helper "access" beyond their fixtures: values not known at preview, conditions that do or
 * do not name the caller, and the environment's allowUnauthenticated.
 */
import { UNKNOWN } from "../../../../cli/offline/decode";
import { publicBuckets } from "../../../../policies/rules/exposure/public-buckets";
import { publicIam } from "../../../../policies/rules/exposure/public-iam";
import { unauthenticatedServices } from "../../../../policies/rules/exposure/unauthenticated-services";
import { messages } from "../../../helpers/policy";

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const open = { Sid: "Open", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage" };
const queue = "aws:sqs/queuePolicy:QueuePolicy";

describe("meridian-exposure-public-iam", () => {
  it("decides at preview: a member or a document not known yet grants nothing to everyone (no \"can't run\")", async () => {
    expect(await messages(publicIam, "gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/viewer", member: UNKNOWN })).toEqual([]);
    expect(await messages(publicIam, "gcp:pubsub/topicIAMBinding:TopicIAMBinding", { topic: "t", role: "roles/viewer", members: [UNKNOWN, "allUsers"] })).toEqual(["allUsers has roles/viewer"]);
    expect(await messages(publicIam, queue, { queueUrl: "q", policy: UNKNOWN })).toEqual([]);
    expect(await messages(publicIam, queue, { queueUrl: "q", policy: { Statement: [{ ...open, Principal: { AWS: UNKNOWN } }] } })).toEqual([]);
  });

  it.each<[string, boolean, Record<string, unknown>]>([
    ["aws:SourceAccount", false, { StringEquals: { "aws:SourceAccount": "123456789012" } }],
    ["aws:SourceArn, case-insensitively", false, { ArnLike: { "AWS:SOURCEARN": "arn:aws:sns:us-east-1:123456789012:topic" } }],
    ["aws:PrincipalOrgID", false, { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
    ["only aws:SecureTransport", true, { Bool: { "aws:SecureTransport": "true" } }],
    ["aws:SourceArn of any account", true, { ArnLike: { "aws:SourceArn": "arn:aws:sns:us-east-1:*:topic" } }],
    ["aws:SourceArn \"*\"", true, { ArnLike: { "aws:SourceArn": "*" } }],
    ["aws:SourceIp 0.0.0.0/0", true, { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }],
  ])("a \"*\" principal with a condition on %s is public: %s", async (_what, isPublic, Condition) => {
    const found = await messages(publicIam, queue, { queueUrl: "q", policy: doc({ ...open, Condition }) });
    expect(found).toEqual(isPublic ? ['statement Open allows everyone ("*") with no condition that names who may call'] : []);
  });

  it("reads a policy given as an object with one statement", async () => {
    expect(await messages(publicIam, "aws:sns/topicPolicy:TopicPolicy", { arn: "t", policy: { Statement: { ...open, Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] } } } })).toEqual([
      'statement Open allows everyone ("*") with no condition that names who may call',
    ]);
  });

  it("leaves a secret policy to AWS when blockPublicPolicy is on", async () => {
    const policy = doc({ ...open, Action: "secretsmanager:GetSecretValue" });
    expect(await messages(publicIam, "aws:secretsmanager/secretPolicy:SecretPolicy", { secretArn: "s", policy, blockPublicPolicy: true })).toEqual([]);
    expect(await messages(publicIam, "aws:secretsmanager/secretPolicy:SecretPolicy", { secretArn: "s", policy })).toHaveLength(1);
  });
});

describe("meridian-exposure-public-buckets", () => {
  it("reads nothing into a bucket left at its defaults, and judges Cloud Storage's defaults as the scanners do", async () => {
    expect(await messages(publicBuckets, "aws:s3/bucket:Bucket", { bucket: "b", tags: {} })).toEqual([]);
    expect(await messages(publicBuckets, "azure-native:storage:StorageAccount", { resourceGroupName: "rg" })).toEqual([]);
    expect(await messages(publicBuckets, "gcp:storage/bucket:Bucket", { name: "b", location: "EU" })).toEqual([
      "uniformBucketLevelAccess is not true: object ACLs can make objects public",
      "publicAccessPrevention is not set (inherited), not enforced",
    ]);
  });
});

describe("meridian-exposure-unauthenticated-services", () => {
  const allow = { config: { allowUnauthenticated: true } };
  it("lets an environment that allows public services grant allUsers and \"*\", but never an unsourced service principal", async () => {
    expect(await messages(unauthenticatedServices, "gcp:cloudrun/iamBinding:IamBinding", { service: "s", role: "roles/run.invoker", members: ["allUsers"] }, allow)).toEqual([]);
    expect(await messages(unauthenticatedServices, "aws:lambda/permission:Permission", { function: "f", action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" }, allow)).toEqual([]);
    expect(await messages(unauthenticatedServices, "aws:lambda/permission:Permission", { function: "f", action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" }, allow)).toEqual([
      "principal is s3.amazonaws.com with no sourceArn or sourceAccount: that service may invoke the function on behalf of any account",
    ]);
  });

  it("takes a source not known yet at preview as named", async () => {
    expect(await messages(unauthenticatedServices, "aws:lambda/permission:Permission", { function: "f", action: "lambda:InvokeFunction", principal: "elasticloadbalancing.amazonaws.com", sourceArn: UNKNOWN })).toEqual([]);
    expect(await messages(unauthenticatedServices, "aws:lambda/permission:Permission", { function: "f", action: "lambda:InvokeFunction", principal: "*", principalOrgId: "o-abc123" })).toEqual([]);
  });

  it("flags allAuthenticatedUsers on Cloud Run but, as CKV_GCP_107, only allUsers on Cloud Functions", async () => {
    expect(await messages(unauthenticatedServices, "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding", { name: "s", role: "roles/run.invoker", members: ["allAuthenticatedUsers"] })).toEqual(["allAuthenticatedUsers may invoke the service"]);
    expect(await messages(unauthenticatedServices, "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember", { cloudFunction: "f", role: "roles/cloudfunctions.invoker", member: "allAuthenticatedUsers" })).toEqual([]);
  });
});
