/** meridian-exposure-public-buckets: no S3 bucket is readable or writable by the public. */
import { resourceRule } from "../rule";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * Condition keys that narrow "everyone" to a known caller (an account, an organization, a network, a source
 * resource). Any other condition — `aws:SecureTransport`, say — leaves the statement public. The same keys S3's
 * own "is this policy public" evaluation treats as restricting (Amazon S3 User Guide, "Blocking public access —
 * The meaning of public", checked 2026-11-30).
 */
const RESTRICTING_KEYS = ["aws:sourcevpc", "aws:sourcevpce", "aws:principalorgid", "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceip", "aws:principalarn", "aws:userid", "aws:principalorgpaths"];

function restricts(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  return Object.values(condition as Record<string, unknown>).some(
    (block) => block !== null && typeof block === "object" && Object.keys(block as object).some((k) => RESTRICTING_KEYS.includes(k.toLowerCase())),
  );
}

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
        if (st.Effect === "Allow" && isEveryone(st.Principal) && !restricts(st.Condition)) report(`statement ${st.Sid ?? "(no Sid)"} allows everyone ("*") with no condition that names who may call`);
      }
    },
    "aws:s3/bucketAcl:BucketAcl": (p, report) => {
      if (PUBLIC_ACLS.includes(String(p["acl"]))) report(`acl is ${p["acl"]}`);
    },
  },
});
