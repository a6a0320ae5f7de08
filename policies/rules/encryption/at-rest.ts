/** meridian-encryption-at-rest: databases, volumes, queues, topics, replication and cluster secrets are encrypted at rest. */
import { resourceRule, at, isSet } from "../rule";

/** Environment variable names that usually hold credentials. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;
/** Values that point at a secret store instead of holding the secret: a Secrets Manager secret or an SSM parameter ARN. */
const SECRET_REFERENCE = /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:|ssm:[a-z0-9-]+:\d{12}:parameter\/)/;

export interface EncryptionAtRestConfig {
  /** Require CloudWatch log groups to use a customer-managed KMS key. */
  readonly requireLogGroupKms: boolean;
}

export const encryptionAtRest = resourceRule<EncryptionAtRestConfig>({
  name: "meridian-encryption-at-rest",
  finding: "Stored data (databases, disks, queues, topics, DMS replication, Kubernetes secrets) is encrypted at rest.",
  why: "unencrypted storage exposes data to anyone who gets a snapshot, a disk or a backup, and fails most compliance frameworks.",
  remediation: "Set the encryption input named in the message (Meridian's components do by default).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { requireLogGroupKms: { type: "boolean", default: false } } },
  checks: {
    "aws:rds/instance:Instance": (p, report) => {
      if (p["storageEncrypted"] !== true && !p["replicateSourceDb"]) report("storageEncrypted is not true");
    },
    "aws:rds/cluster:Cluster": (p, report) => {
      if (p["storageEncrypted"] !== true) report("storageEncrypted is not true");
    },
    "aws:ec2/launchTemplate:LaunchTemplate": (p, report) => {
      for (const m of p["blockDeviceMappings"] ?? []) {
        if (m?.ebs && String(m.ebs.encrypted) !== "true") report(`block device ${m.deviceName ?? "?"} is not encrypted`);
      }
    },
    "aws:ebs/volume:Volume": (p, report) => {
      if (p["encrypted"] !== true) report("encrypted is not true");
    },
    "aws:sqs/queue:Queue": (p, report) => {
      if (!isSet(p, "kmsMasterKeyId") && p["sqsManagedSseEnabled"] !== true) report("neither kmsMasterKeyId nor sqsManagedSseEnabled is set");
    },
    "aws:sns/topic:Topic": (p, report) => {
      if (!isSet(p, "kmsMasterKeyId")) report("kmsMasterKeyId is not set");
    },
    "aws:dms/replicationInstance:ReplicationInstance": (p, report) => {
      if (!isSet(p, "kmsKeyArn")) report("kmsKeyArn is not set: storage uses DMS's default key, which you cannot audit or revoke");
    },
    "aws:eks/cluster:Cluster": (p, report) => {
      const resources: string[] = (p["encryptionConfig"]?.resources as string[] | undefined) ?? [];
      if (!resources.includes("secrets")) report("encryptionConfig does not cover secrets: Kubernetes secrets are stored only base64-encoded in etcd");
    },
    "gcp:container/cluster:Cluster": (p, report) => {
      if (at(p, "databaseEncryption.state") !== "ENCRYPTED") report("databaseEncryption.state is not ENCRYPTED (application-layer secrets encryption)");
    },
    "aws:lambda/function:Function": (p, report) => {
      // With a customer key the environment is encrypted whatever it holds: nothing to read.
      if (isSet(p, "kmsKeyArn")) return;
      const variables: Record<string, unknown> = at(p, "environment.variables") ?? {};
      // Only secret-named variables are read (another value unknown at preview says nothing about secrets); a
      // reference to Secrets Manager or Parameter Store is the remedy, not the problem.
      const names = Object.keys(variables)
        .filter((n) => SECRET_NAME.test(n))
        .filter((n) => {
          const v = variables[n];
          return !(typeof v === "string" && SECRET_REFERENCE.test(v));
        });
      if (names.length > 0) report(`environment holds ${names.join(", ")} but kmsKeyArn is not set (use Secrets Manager, or at least a customer key)`);
    },
    "aws:cloudwatch/logGroup:LogGroup": (p, report, { config }) => {
      if (config.requireLogGroupKms && !isSet(p, "kmsKeyId")) report("kmsKeyId is not set and this environment requires customer-managed keys for logs");
    },
    "aws:secretsmanager/secret:Secret": (p, report) => {
      if (!isSet(p, "kmsKeyId")) report("kmsKeyId is not set: the secret uses the account's default key");
    },
  },
});
