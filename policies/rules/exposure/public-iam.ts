/** meridian-exposure-public-iam: no IAM binding or resource policy grants access to everyone. */
import { resourceRule, type CheckTable, type TypeCheck } from "../rule";
import { known, reportPublicMembers, reportPublicStatements } from "./policy-document";

type NoConfig = Record<string, never>;

/** An AWS resource whose `key` input is a resource policy. */
function policyCheck(refs: readonly string[], key = "policy"): TypeCheck<NoConfig> {
  return { refs, check: (p, report) => reportPublicStatements(p, key, report, key !== "policy") };
}

/** A GCP IAM member (`member`), binding (`members`) or policy (`policyData`). */
function membersCheck(refs: readonly string[]): TypeCheck<NoConfig> {
  return { refs, check: (p, report) => reportPublicMembers(p, report) };
}

const aws: CheckTable<NoConfig> = {
  "aws:sqs/queuePolicy:QueuePolicy": policyCheck(["CKV_AWS_168"]),
  "aws:sqs/queue:Queue": policyCheck(["CKV_AWS_168"]),
  "aws:sns/topicPolicy:TopicPolicy": policyCheck(["CKV_AWS_169"]),
  "aws:sns/topic:Topic": policyCheck(["CKV_AWS_169"]),
  "aws:ecr/repositoryPolicy:RepositoryPolicy": policyCheck(["CKV_AWS_32", "AVD-AWS-0032"]),
  "aws:kms/key:Key": policyCheck(["CKV_AWS_33"]),
  "aws:kms/keyPolicy:KeyPolicy": policyCheck(["CKV_AWS_33"]),
  "aws:glacier/vault:Vault": policyCheck(["CKV_AWS_167"], "accessPolicy"),
  "aws:iam/role:Role": policyCheck(["CKV_AWS_60"], "assumeRolePolicy"),
  // No scanner reads secret policies; AWS's own guard (blockPublicPolicy) refuses a public one at apply time.
  "aws:secretsmanager/secretPolicy:SecretPolicy": {
    refs: ["doc:aws-secretsmanager/block-public-policy"],
    check: (p, report) => {
      if (p["blockPublicPolicy"] !== true) reportPublicStatements(p, "policy", report);
    },
  },
};

/** Checkov's "IAM policy should not define public access", for resources no narrower rule names. */
const GCP_POLICY_PUBLIC = ["CKV_GCP_113"];

const gcp: CheckTable<NoConfig> = {
  "gcp:projects/iAMMember:IAMMember": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:projects/iAMBinding:IAMBinding": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:projects/iAMPolicy:IAMPolicy": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:pubsub/topicIAMMember:TopicIAMMember": membersCheck(["CKV_GCP_99"]),
  "gcp:pubsub/topicIAMBinding:TopicIAMBinding": membersCheck(["CKV_GCP_99"]),
  "gcp:pubsub/topicIAMPolicy:TopicIAMPolicy": membersCheck(["CKV_GCP_99", "CKV_GCP_113"]),
  "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:pubsub/subscriptionIAMBinding:SubscriptionIAMBinding": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:pubsub/subscriptionIAMPolicy:SubscriptionIAMPolicy": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": membersCheck(["CKV_GCP_112", "CKV2_GCP_6"]),
  "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding": membersCheck(["CKV_GCP_112", "CKV2_GCP_6"]),
  "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy": membersCheck(["CKV_GCP_112", "CKV2_GCP_6"]),
  "gcp:kms/keyRingIAMMember:KeyRingIAMMember": membersCheck(["CKV2_GCP_8"]),
  "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding": membersCheck(["CKV2_GCP_8"]),
  "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy": membersCheck(["CKV2_GCP_8", "CKV_GCP_113"]),
  "gcp:bigquery/dataset:Dataset": {
    refs: ["CKV_GCP_15", "AVD-GCP-0046"],
    check: (p, report) => {
      const accesses = known(() => p["accesses"], undefined);
      if (!Array.isArray(accesses)) return;
      for (let i = 0; i < accesses.length; i++) {
        const a = known(() => accesses[i], undefined);
        reportDatasetAccess(a, report, `accesses[${i}]`);
        // A role with no principal is how the provider records allUsers read back from the API (Checkov's CKV_GCP_15 fail_all_users).
        if (a && typeof a === "object" && !PRINCIPAL_KEYS.some((k) => known(() => (a as Record<string, unknown>)[k] !== undefined, true))) {
          report(`accesses[${i}] grants ${known(() => (a as Record<string, unknown>)["role"], undefined) ?? "a role"} with no principal named (allUsers as the API records it)`);
        }
      }
    },
  },
  "gcp:bigquery/datasetAccess:DatasetAccess": { refs: ["CKV_GCP_15", "AVD-GCP-0046"], check: (p, report) => reportDatasetAccess(p, report) },
  "gcp:bigquery/datasetIamMember:DatasetIamMember": membersCheck(["CKV_GCP_15", "CKV_GCP_113"]),
  "gcp:bigquery/datasetIamBinding:DatasetIamBinding": membersCheck(["CKV_GCP_15", "CKV_GCP_113"]),
  "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy": membersCheck(["CKV_GCP_15", "CKV_GCP_113"]),
  "gcp:bigquery/iamMember:IamMember": membersCheck(["CKV_GCP_100"]),
  "gcp:bigquery/iamBinding:IamBinding": membersCheck(["CKV_GCP_100"]),
  "gcp:bigquery/iamPolicy:IamPolicy": membersCheck(["CKV_GCP_100", "CKV_GCP_113"]),
  "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": membersCheck(["CKV_GCP_101"]),
  "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding": membersCheck(["CKV_GCP_101"]),
  "gcp:artifactregistry/repositoryIamPolicy:RepositoryIamPolicy": membersCheck(["CKV_GCP_101", "CKV_GCP_113"]),
  "gcp:dataproc/clusterIAMMember:ClusterIAMMember": membersCheck(["CKV_GCP_98"]),
  "gcp:dataproc/clusterIAMBinding:ClusterIAMBinding": membersCheck(["CKV_GCP_98"]),
  "gcp:dataproc/clusterIAMPolicy:ClusterIAMPolicy": membersCheck(["CKV_GCP_98", "CKV_GCP_113"]),
  "gcp:secretmanager/secretIamMember:SecretIamMember": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:secretmanager/secretIamBinding:SecretIamBinding": membersCheck(GCP_POLICY_PUBLIC),
  "gcp:secretmanager/secretIamPolicy:SecretIamPolicy": membersCheck(GCP_POLICY_PUBLIC),
};

/** The keys of a dataset access entry that name who it grants to. */
const PRINCIPAL_KEYS = ["userByEmail", "groupByEmail", "domain", "specialGroup", "iamMember", "view", "routine", "dataset"];

const PUBLIC_SPECIAL_GROUPS: ReadonlySet<string> = new Set(["allUsers", "allAuthenticatedUsers"]);

/** A dataset access entry granting to everyone: `specialGroup` or `iamMember` allUsers / allAuthenticatedUsers. */
function reportDatasetAccess(a: unknown, report: (message: string) => void, where?: string): void {
  if (!a || typeof a !== "object") return;
  const entry = a as Record<string, unknown>;
  const prefix = where ? `${where}: ` : "";
  for (const key of ["specialGroup", "iamMember"]) {
    const who = known(() => entry[key], undefined);
    if (typeof who === "string" && PUBLIC_SPECIAL_GROUPS.has(who)) report(`${prefix}${key} ${who} has ${known(() => entry["role"], undefined) ?? "access"}`);
  }
}

export const publicIam = resourceRule({
  name: "meridian-exposure-public-iam",
  finding:
    "No IAM member, binding or resource policy grants a role or an action to everyone (GCP allUsers or allAuthenticatedUsers, an AWS principal \"*\" without a condition that names the caller): queues, topics, keys, registries, secrets, roles' trust policies, datasets.",
  why: "a grant to everyone makes the data or the service public whatever its network settings, and is the usual way buckets, topics and keys leak.",
  remediation: "Grant the role to named principals (service accounts, groups, accounts), or add a condition that restricts the caller.",
  enforcementLevel: "mandatory",
  severity: "critical",
  checks: [aws, gcp],
});
