/** meridian-exposure-public-buckets: no S3 bucket is readable or writable by the public. */
import { resourceRule } from "../rule";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    const aws = (principal as { AWS?: unknown }).AWS;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
  }
  return false;
}

export const publicBuckets = resourceRule({
  name: "meridian-exposure-public-buckets",
  finding: "S3 buckets block every form of public access, grant nothing to everyone in their policies, and carry no public ACL.",
  why: "a public bucket (access logs included: they list every client's address and every path) is read by scanners within hours.",
  remediation: "Keep the four public access block settings true, name the principals a bucket policy allows, and use no public canned ACL.",
  enforcementLevel: "mandatory",
  severity: "critical",
  checks: {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (p, report) => {
      const off = BLOCKS.filter((k) => p[k] !== true);
      if (off.length > 0) report(`${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true`);
    },
    "aws:s3/bucketPolicy:BucketPolicy": (p, report) => {
      let doc: { Statement?: unknown };
      try {
        doc = typeof p["policy"] === "string" ? JSON.parse(p["policy"]) : (p["policy"] ?? {});
      } catch {
        return;
      }
      const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
      for (const st of statements as Array<{ Effect?: string; Principal?: unknown; Condition?: unknown; Sid?: string }>) {
        if (st.Effect === "Allow" && isEveryone(st.Principal) && st.Condition === undefined) report(`statement ${st.Sid ?? "(no Sid)"} allows everyone ("*") with no condition`);
      }
    },
    "aws:s3/bucketAcl:BucketAcl": (p, report) => {
      if (PUBLIC_ACLS.includes(String(p["acl"]))) report(`acl is ${p["acl"]}`);
    },
  },
});
