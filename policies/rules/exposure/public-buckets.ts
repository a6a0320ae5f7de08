/** meridian-exposure-public-buckets: no object storage (S3, Cloud Storage, Azure blob) is readable or writable by the public. */
import { resourceRule, type CheckTable, type TypeCheck } from "../rule";
import { reportPublicMembers, reportPublicStatements } from "./policy-document";

/** Canned ACLs that grant to everyone or to every AWS account (Checkov CKV_AWS_20 / CKV_AWS_57 list "website" too). */
const PUBLIC_ACLS: ReadonlySet<string> = new Set(["public-read", "public-read-write", "authenticated-read", "website"]);
const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
/** The ACL grantee groups that mean everyone and every AWS account. */
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

function reportAcl(acl: unknown, report: (message: string) => void): void {
  if (typeof acl === "string" && PUBLIC_ACLS.has(acl)) report(`acl is ${acl}`);
}

/** A grant to AllUsers or AuthenticatedUsers, as `grants[]` of a bucket (`uri`) or `accessControlPolicy.grants[].grantee.uri`. */
function reportGrants(grants: unknown, key: string, uriOf: (g: Record<string, any>) => unknown, report: (message: string) => void): void {
  if (!Array.isArray(grants)) return;
  for (const g of grants) {
    if (!g || typeof g !== "object") continue;
    const group = PUBLIC_GROUPS[String(uriOf(g))];
    if (group !== undefined) report(`${key} grants ${group}`);
  }
}

/** Bucket and BucketV2 take the same inline acl, grants and policy inputs: one check for both. */
const BUCKET_INLINE: TypeCheck<Record<string, never>> = {
  refs: ["CKV_AWS_20", "CKV_AWS_57", "CKV_AWS_70", "AVD-AWS-0092"],
  check: (p, report) => {
    reportAcl(p["acl"], report);
    reportGrants(p["grants"], "grants", (g) => g["uri"], report);
    reportPublicStatements(p, "policy", report, true);
  },
};

const aws: CheckTable<Record<string, never>> = {
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    refs: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093"],
    check: (p, report) => {
      // Each setting defaults to false.
      const off = BLOCKS.filter((k) => p[k] !== true);
      if (off.length > 0) report(`${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true`);
    },
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    refs: ["CKV_AWS_70"],
    check: (p, report) => reportPublicStatements(p, "policy", report),
  },
  "aws:s3/bucketAcl:BucketAcl": {
    refs: ["CKV_AWS_20", "CKV_AWS_57", "CKV_AWS_375", "CKV2_AWS_43", "AVD-AWS-0092"],
    check: (p, report) => {
      reportAcl(p["acl"], report);
      reportGrants(p["accessControlPolicy"]?.grants, "accessControlPolicy", (g) => g["grantee"]?.uri, report);
    },
  },
  "aws:s3/bucketAclV2:BucketAclV2": {
    refs: ["CKV_AWS_20", "CKV_AWS_57", "CKV_AWS_375", "CKV2_AWS_43", "AVD-AWS-0092"],
    check: (p, report) => {
      reportAcl(p["acl"], report);
      reportGrants(p["accessControlPolicy"]?.grants, "accessControlPolicy", (g) => g["grantee"]?.uri, report);
    },
  },
  // The bucket's own (deprecated) acl, grants and policy inputs; absent, the bucket is private.
  "aws:s3/bucket:Bucket": BUCKET_INLINE,
  "aws:s3/bucketV2:BucketV2": BUCKET_INLINE,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
    refs: ["CKV2_AWS_65"],
    check: (p, report) => {
      const ownership = p["rule"]?.objectOwnership;
      if (ownership !== "BucketOwnerEnforced") report(`rule.objectOwnership is ${ownership ?? "not set"}, not BucketOwnerEnforced: ACLs still apply`);
    },
  },
};

const gcp: CheckTable<Record<string, never>> = {
  "gcp:storage/bucket:Bucket": {
    refs: ["CKV_GCP_29", "CKV_GCP_114", "AVD-GCP-0002"],
    check: (p, report) => {
      // Both default to the permissive side: ACLs on (fine-grained) and prevention "inherited" from the organization.
      if (p["uniformBucketLevelAccess"] !== true) report("uniformBucketLevelAccess is not true: object ACLs can make objects public");
      if (p["publicAccessPrevention"] !== "enforced") report(`publicAccessPrevention is ${p["publicAccessPrevention"] ?? "not set (inherited)"}, not enforced`);
    },
  },
  "gcp:storage/bucketIAMMember:BucketIAMMember": { refs: ["CKV_GCP_28", "AVD-GCP-0001"], check: (p, report) => reportPublicMembers(p, report) },
  "gcp:storage/bucketIAMBinding:BucketIAMBinding": { refs: ["CKV_GCP_28", "AVD-GCP-0001"], check: (p, report) => reportPublicMembers(p, report) },
  "gcp:storage/bucketIAMPolicy:BucketIAMPolicy": { refs: ["AVD-GCP-0001", "CKV_GCP_113"], check: (p, report) => reportPublicMembers(p, report) },
};

const azure: CheckTable<Record<string, never>> = {
  "azure-native:storage:StorageAccount": {
    refs: ["CKV_AZURE_190", "CKV2_AZURE_47"],
    check: (p, report) => {
      // The API's default is false (anonymous blob access off).
      if (p["allowBlobPublicAccess"] === true) report("allowBlobPublicAccess is true: containers may be made public");
    },
  },
  "azure-native:storage:BlobContainer": {
    refs: ["CKV_AZURE_34", "AVD-AZU-0007"],
    check: (p, report) => {
      const access = p["publicAccess"];
      if (access !== undefined && access !== null && access !== "None") report(`publicAccess is ${access}`);
    },
  },
};

export const publicBuckets = resourceRule({
  name: "meridian-exposure-public-buckets",
  finding:
    "Object storage is not public: S3 buckets block every form of public access, disable ACLs, grant nothing to everyone in their policies and carry no public ACL; Cloud Storage buckets enforce public access prevention and uniform access and grant nothing to allUsers or allAuthenticatedUsers; Azure storage allows no anonymous blob access.",
  why: "a public bucket (access logs included: they list every client's address and every path) is read by scanners within hours.",
  remediation:
    "Keep the four public access block settings true and object ownership BucketOwnerEnforced, name the principals a bucket policy allows, and use no public ACL; on GCP set publicAccessPrevention enforced and uniformBucketLevelAccess and grant roles to named members; on Azure keep allowBlobPublicAccess false and containers' publicAccess None.",
  enforcementLevel: "mandatory",
  severity: "critical",
  checks: [aws, gcp, azure],
});
