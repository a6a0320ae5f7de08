/**
 * meridian-encryption-key-rotation: customer-managed keys rotate and stored secrets are rotated or expire.
 *
 * A Secrets Manager secret cannot be judged on its own: its rotation is a separate resource
 * (`aws:secretsmanager/secretRotation:SecretRotation`) that a check of one resource cannot see (Checkov needs a graph
 * check, CKV2_AWS_57, for that). The rule judges the rotation resource (its schedule) and leaves the secret alone.
 */
import { resourceRule, at, isSet, type CheckTable } from "../rule";

const DAY_SECONDS = 24 * 60 * 60;
const NINETY_DAYS_SECONDS = 90 * DAY_SECONDS;
/** `rate(30 days)`, `rate(12 hours)` ... as Secrets Manager takes them. */
const RATE = /^rate\((\d+)\s+(day|days|hour|hours|minute|minutes)\)$/;
/** Cloud KMS durations: seconds with an `s` suffix, fractions allowed (`7776000s`). */
const DURATION = /^(\d+)(\.\d+)?s$/;

/** GCP key purposes whose keys cannot rotate automatically (Checkov CKV_GCP_43 leaves them out). */
const GCP_ASYMMETRIC = new Set(["ASYMMETRIC_SIGN", "ASYMMETRIC_DECRYPT"]);

function rateWithin90Days(expression: string): boolean {
  const m = RATE.exec(expression.trim());
  if (!m) return false;
  const n = Number(m[1]);
  const unit = m[2]!;
  if (unit.startsWith("day")) return n <= 90;
  if (unit.startsWith("hour")) return n <= 90 * 24;
  return n <= 90 * 24 * 60;
}

const aws: CheckTable<Record<string, never>> = {
  "aws:kms/key:Key": {
    refs: ["CKV_AWS_7", "AVD-AWS-0065", "AwsSolutions-KMS5"],
    check: (p, report) => {
      // Only symmetric encryption keys rotate automatically; signing, asymmetric and HMAC keys cannot.
      const spec = String(p["customerMasterKeySpec"] ?? "SYMMETRIC_DEFAULT");
      const usage = String(p["keyUsage"] ?? "ENCRYPT_DECRYPT");
      if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return;
      if (p["enableKeyRotation"] !== true) report("enableKeyRotation is not true");
    },
  },
  "aws:secretsmanager/secretRotation:SecretRotation": {
    refs: ["CKV_AWS_304"],
    check: (p, report) => {
      const rules = (p["rotationRules"] ?? {}) as Record<string, unknown>;
      const days = rules["automaticallyAfterDays"];
      if (typeof days === "number" && days <= 90) return;
      const schedule = rules["scheduleExpression"];
      if (typeof schedule === "string") {
        // A cron schedule runs at least yearly by construction; Checkov does not judge its period.
        if (schedule.startsWith("cron(")) return;
        if (rateWithin90Days(schedule)) return;
        report(`rotationRules.scheduleExpression ${JSON.stringify(schedule)} rotates less often than every 90 days`);
        return;
      }
      report(days === undefined ? "rotationRules sets neither automaticallyAfterDays nor scheduleExpression" : `rotationRules.automaticallyAfterDays is ${JSON.stringify(days)}, more than 90`);
    },
  },
};

const gcp: CheckTable<Record<string, never>> = {
  "gcp:kms/cryptoKey:CryptoKey": {
    refs: ["CKV_GCP_43", "AVD-GCP-0065"],
    check: (p, report) => {
      if (GCP_ASYMMETRIC.has(String(p["purpose"]))) return;
      const period = p["rotationPeriod"];
      if (period === undefined || period === null || period === "") {
        report("rotationPeriod is not set: the key never rotates");
        return;
      }
      const m = DURATION.exec(String(period));
      const seconds = m ? Number(m[1]) : NaN;
      if (!(seconds >= DAY_SECONDS && seconds <= NINETY_DAYS_SECONDS)) report(`rotationPeriod is ${JSON.stringify(period)}, not between 1 and 90 days (86400s to 7776000s)`);
    },
  },
};

const azure: CheckTable<Record<string, never>> = {
  "azure-native:keyvault:Key": {
    refs: ["CKV_AZURE_40", "AVD-AZU-0014"],
    check: (p, report) => {
      // An expiry date bounds the key's life; a rotation policy that sets one on every new version does the same.
      if (isSet(at(p, "properties.attributes") ?? {}, "expires")) return;
      if (isSet(at(p, "properties.rotationPolicy.attributes") ?? {}, "expiryTime")) return;
      report("properties.attributes.expires is not set and no rotationPolicy sets an expiryTime: the key never expires");
    },
  },
  "azure-native:keyvault:Secret": {
    refs: ["CKV_AZURE_41", "AVD-AZU-0017"],
    check: (p, report) => {
      if (!isSet(at(p, "properties.attributes") ?? {}, "expires")) report("properties.attributes.expires is not set: the secret never expires");
    },
  },
};

export const keyRotation = resourceRule({
  name: "meridian-encryption-key-rotation",
  finding:
    "Customer-managed encryption keys rotate automatically (yearly on AWS KMS, at most every 90 days on Cloud KMS), Key Vault keys and secrets expire, and Secrets Manager rotation runs at least every 90 days.",
  why: "a key or secret that never changes gives a leaked copy unlimited life; rotation bounds how much one leak can read.",
  remediation: "Turn on the rotation or expiry setting the message names (Meridian's components do by default).",
  enforcementLevel: "mandatory",
  severity: "medium",
  checks: [aws, gcp, azure],
});
