/**
 * meridian-encryption-at-rest: databases, disks, buckets, queues, topics, caches, search domains, registries, logs and
 * cluster secrets are encrypted at rest.
 *
 * What "encrypted" means follows the public scanners (Checkov, Trivy, cdk-nag): where a scanner's baseline rule for a
 * type only asks for encryption (S3, SQS, SNS, EBS, RDS, EFS, ElastiCache, OpenSearch), that is the default and a
 * customer-managed key is asked for only with `requireCustomerManagedKeys`; where the scanners' only rule for a type
 * asks for a customer-managed key (the service always encrypts with its own key: DynamoDB, ECR, CloudTrail, Secrets
 * Manager, Performance Insights, Pub/Sub, BigQuery, Artifact Registry, Cloud Storage, Compute Engine disks, AKS), the
 * key is asked for by default. Two stricter asks stay behind their own switch: a KMS key on CloudWatch log groups
 * (`requireLogGroupKms`, as before: Meridian's log groups use CloudWatch's own encryption) and Azure storage
 * infrastructure encryption (`requireInfrastructureEncryption`: Trivy alone asks for it, and turning it on replaces
 * an existing account).
 */
import { known } from "../../props";
import { resourceRule, at, isSet, type CheckTable } from "../rule";

export interface EncryptionAtRestConfig {
  /** Require CloudWatch log groups to use a customer-managed KMS key. */
  readonly requireLogGroupKms: boolean;
  /** Also require a customer-managed key where the scanners' baseline rule accepts the service's own key. */
  readonly requireCustomerManagedKeys: boolean;
  /** Require Azure storage accounts to add infrastructure (double) encryption. */
  readonly requireInfrastructureEncryption: boolean;
}

/** A boolean input that Terraform-style schemas sometimes carry as a string (launch template block devices). */
function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

function isFalse(v: unknown): boolean {
  return v === false || v === "false";
}

/** AWS-managed key aliases: "encrypted", but not with a key you control. */
const AWS_MANAGED_ALIAS = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:)?alias\/aws\//;

/** A key is set and is not an AWS-managed alias; a key another resource of the program computes is a customer key. */
function isCustomerKey(p: Record<string, unknown>, key: string): boolean {
  if (!isSet(p, key)) return false;
  return known(() => {
    const v = p[key];
    return !(typeof v === "string" && AWS_MANAGED_ALIAS.test(v));
  }, true);
}

/** Performance Insights is always encrypted; the scanners ask for a customer key once it is on. */
function performanceInsightsKey(p: Record<string, any>, report: (m: string) => void): void {
  if (p["performanceInsightsEnabled"] === true && !isCustomerKey(p, "performanceInsightsKmsKeyId")) {
    report("performanceInsightsEnabled is true but performanceInsightsKmsKeyId is not a customer-managed key");
  }
}

/** An EC2 instance's or a launch configuration's EBS block devices (rootBlockDevice, ebsBlockDevices). */
function blockDevices(p: Record<string, any>, report: (m: string) => void, rootRequired: boolean): void {
  const root = p["rootBlockDevice"];
  if (root === undefined || root === null) {
    // Checkov: with no rootBlockDevice block the root volume takes the AMI's encryption, unencrypted by default.
    if (rootRequired) report("rootBlockDevice is not set: the root volume is created unencrypted unless the AMI or the account's default says otherwise (set rootBlockDevice.encrypted)");
  } else if (!isTrue(root.encrypted) && !root.snapshotId) {
    report(`rootBlockDevice.encrypted is ${JSON.stringify(root.encrypted ?? null)}, not true`);
  }
  for (const d of (p["ebsBlockDevices"] ?? []) as Array<Record<string, unknown>>) {
    // A volume made from a snapshot takes the snapshot's encryption.
    if (d && !isTrue(d["encrypted"]) && !d["snapshotId"]) report(`ebsBlockDevices ${String(d["deviceName"] ?? "?")}: encrypted is ${JSON.stringify(d["encrypted"] ?? null)}, not true`);
  }
}

/** OpenSearch and the legacy Elasticsearch domain share their encryption inputs. */
const searchDomain = {
  refs: ["CKV_AWS_5", "AVD-AWS-0048", "AwsSolutions-OS8", "CKV_AWS_247"],
  check: (p: Record<string, any>, report: (m: string) => void, { config }: { config: EncryptionAtRestConfig }) => {
    if (!isTrue(at(p, "encryptAtRest.enabled"))) report("encryptAtRest.enabled is not true");
    else if (config.requireCustomerManagedKeys && !isSet(p["encryptAtRest"], "kmsKeyId")) report("encryptAtRest.kmsKeyId is not set and this environment requires customer-managed keys");
  },
};

const aws: CheckTable<EncryptionAtRestConfig> = {
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    refs: ["CKV_AWS_19", "AVD-AWS-0088", "CKV_AWS_145", "AVD-AWS-0132"],
    check: (p, report, { config }) => {
      const rules = (p["rules"] ?? []) as Array<Record<string, any>>;
      const algorithms = rules.map((r) => r?.applyServerSideEncryptionByDefault?.sseAlgorithm as unknown);
      if (!algorithms.some((a) => a === "AES256" || a === "aws:kms" || a === "aws:kms:dsse")) {
        report(`no rule sets applyServerSideEncryptionByDefault.sseAlgorithm (AES256, aws:kms or aws:kms:dsse)`);
        return;
      }
      if (config.requireCustomerManagedKeys && !rules.some((r) => String(r?.applyServerSideEncryptionByDefault?.sseAlgorithm).startsWith("aws:kms") && isSet(r.applyServerSideEncryptionByDefault, "kmsMasterKeyId"))) {
        report("sseAlgorithm is not aws:kms with a kmsMasterKeyId and this environment requires customer-managed keys");
      }
    },
  },
  "aws:rds/instance:Instance": {
    refs: ["CKV_AWS_16", "AVD-AWS-0080", "AwsSolutions-RDS2", "CKV_AWS_354", "AVD-AWS-0078"],
    check: (p, report) => {
      // A read replica takes its source's encryption.
      if (p["storageEncrypted"] !== true && !p["replicateSourceDb"]) report("storageEncrypted is not true");
      performanceInsightsKey(p, report);
    },
  },
  "aws:rds/cluster:Cluster": {
    refs: ["CKV_AWS_96", "AVD-AWS-0079", "AwsSolutions-RDS2", "CKV_AWS_327"],
    check: (p, report, { config }) => {
      // Aurora Serverless v1 is always encrypted.
      if (p["storageEncrypted"] !== true && p["engineMode"] !== "serverless") report("storageEncrypted is not true");
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsKeyId")) report("kmsKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:rds/clusterInstance:ClusterInstance": {
    // Storage encryption is the cluster's; the instance carries its Performance Insights key.
    refs: ["CKV_AWS_354", "AVD-AWS-0078"],
    check: (p, report) => performanceInsightsKey(p, report),
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    refs: ["AwsSolutions-EC26"],
    check: (p, report) => {
      for (const m of p["blockDeviceMappings"] ?? []) {
        if (m?.ebs && !isTrue(m.ebs.encrypted) && !m.ebs.snapshotId) report(`block device ${m.deviceName ?? "?"} is not encrypted`);
      }
    },
  },
  "aws:ec2/launchConfiguration:LaunchConfiguration": {
    refs: ["CKV_AWS_8", "AVD-AWS-0008", "AwsSolutions-EC26"],
    check: (p, report) => blockDevices(p, report, true),
  },
  "aws:ec2/instance:Instance": {
    refs: ["CKV_AWS_8", "AVD-AWS-0131", "AwsSolutions-EC26"],
    check: (p, report) => blockDevices(p, report, true),
  },
  "aws:ebs/volume:Volume": {
    refs: ["CKV_AWS_3", "AVD-AWS-0026", "AwsSolutions-EC26", "CKV_AWS_189", "AVD-AWS-0027"],
    check: (p, report, { config }) => {
      if (p["encrypted"] !== true) report("encrypted is not true");
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsKeyId")) report("kmsKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:sqs/queue:Queue": {
    refs: ["CKV_AWS_27", "AVD-AWS-0096", "AwsSolutions-SQS2", "CKV2_AWS_73", "AVD-AWS-0135"],
    check: (p, report, { config }) => {
      if (!isSet(p, "kmsMasterKeyId") && p["sqsManagedSseEnabled"] !== true) report("neither kmsMasterKeyId nor sqsManagedSseEnabled is set");
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsMasterKeyId")) report("kmsMasterKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:sns/topic:Topic": {
    refs: ["CKV_AWS_26", "AVD-AWS-0095", "AVD-AWS-0136"],
    check: (p, report, { config }) => {
      if (!isSet(p, "kmsMasterKeyId")) report("kmsMasterKeyId is not set");
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsMasterKeyId")) report("kmsMasterKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:dms/replicationInstance:ReplicationInstance": {
    refs: ["CKV_AWS_212"],
    check: (p, report) => {
      if (!isSet(p, "kmsKeyArn")) report("kmsKeyArn is not set: storage uses DMS's default key, which you cannot audit or revoke");
    },
  },
  "aws:eks/cluster:Cluster": {
    refs: ["CKV_AWS_58", "AVD-AWS-0039"],
    check: (p, report) => {
      const resources: string[] = (p["encryptionConfig"]?.resources as string[] | undefined) ?? [];
      if (!resources.includes("secrets")) report("encryptionConfig does not cover secrets: Kubernetes secrets are stored only base64-encoded in etcd");
      else if (!isSet(p["encryptionConfig"]?.provider ?? {}, "keyArn")) report("encryptionConfig.provider.keyArn is not set: there is no key to encrypt secrets with");
    },
  },
  "aws:lambda/function:Function": {
    refs: ["CKV_AWS_173"],
    check: (p, report) => {
      // Checkov: any environment variable, whatever its name, is encrypted with a customer key (otherwise with
      // Lambda's own key, readable by anyone who can read the function's configuration).
      if (isSet(p, "kmsKeyArn")) return;
      const variables = at(p, "environment.variables") as Record<string, unknown> | undefined;
      const names = variables && typeof variables === "object" ? Object.keys(variables) : [];
      if (names.length > 0) report(`environment holds ${names.join(", ")} but kmsKeyArn is not set (set a customer key; keep secrets themselves in Secrets Manager)`);
    },
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    refs: ["CKV_AWS_158", "AVD-AWS-0017"],
    check: (p, report, { config }) => {
      if (config.requireLogGroupKms && !isSet(p, "kmsKeyId")) report("kmsKeyId is not set and this environment requires customer-managed keys for logs");
    },
  },
  "aws:secretsmanager/secret:Secret": {
    refs: ["CKV_AWS_149", "AVD-AWS-0098"],
    check: (p, report) => {
      if (!isSet(p, "kmsKeyId")) report("kmsKeyId is not set: the secret uses the account's default key");
      else if (!isCustomerKey(p, "kmsKeyId")) report(`kmsKeyId is ${JSON.stringify(p["kmsKeyId"])}, an AWS-managed key`);
    },
  },
  "aws:ecr/repository:Repository": {
    refs: ["CKV_AWS_136", "AVD-AWS-0033"],
    check: (p, report, { config }) => {
      const type = at(p, "encryptionConfigurations.0.encryptionType") as unknown;
      if (type !== "KMS" && type !== "KMS_DSSE") report(`encryptionConfigurations[0].encryptionType is ${JSON.stringify(type ?? "AES256")}, not KMS`);
      else if (config.requireCustomerManagedKeys && !isCustomerKey(at(p, "encryptionConfigurations.0") ?? {}, "kmsKey")) report("encryptionConfigurations[0].kmsKey is not set and this environment requires customer-managed keys");
    },
  },
  "aws:cloudtrail/trail:Trail": {
    refs: ["CKV_AWS_35", "AVD-AWS-0015"],
    check: (p, report) => {
      if (!isSet(p, "kmsKeyId")) report("kmsKeyId is not set: log files are encrypted only with S3's own key");
    },
  },
  "aws:dynamodb/table:Table": {
    refs: ["CKV_AWS_119", "AVD-AWS-0025"],
    check: (p, report) => {
      const sse = p["serverSideEncryption"] as Record<string, unknown> | undefined;
      if (sse?.["enabled"] !== true) report("serverSideEncryption.enabled is not true: the table uses a key owned by DynamoDB");
      else if (!isCustomerKey(sse, "kmsKeyArn")) report("serverSideEncryption.kmsKeyArn is not a customer-managed key");
    },
  },
  "aws:efs/fileSystem:FileSystem": {
    refs: ["CKV_AWS_42", "AVD-AWS-0037", "AwsSolutions-EFS1", "CKV_AWS_184"],
    check: (p, report, { config }) => {
      if (p["encrypted"] !== true) report("encrypted is not true");
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsKeyId")) report("kmsKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    refs: ["CKV_AWS_29", "AVD-AWS-0045", "AwsSolutions-AEC3", "CKV_AWS_191"],
    check: (p, report, { config }) => {
      // Unset, Valkey encrypts at rest and Redis OSS does not.
      const atRest = p["atRestEncryptionEnabled"] ?? (p["engine"] === "valkey" ? true : false);
      if (!isTrue(atRest)) report(`atRestEncryptionEnabled is ${JSON.stringify(p["atRestEncryptionEnabled"] ?? null)}, not true`);
      else if (config.requireCustomerManagedKeys && !isCustomerKey(p, "kmsKeyId")) report("kmsKeyId is not a customer-managed key and this environment requires customer-managed keys");
    },
  },
  "aws:opensearch/domain:Domain": searchDomain,
  "aws:elasticsearch/domain:Domain": searchDomain,
  "aws:apigateway/methodSettings:MethodSettings": {
    refs: ["CKV_AWS_308", "AVD-AWS-0002"],
    check: (p, report) => {
      if (at(p, "settings.cachingEnabled") === true && at(p, "settings.cacheDataEncrypted") !== true) report("settings.cachingEnabled is true but settings.cacheDataEncrypted is not");
    },
  },
};

const gcp: CheckTable<EncryptionAtRestConfig> = {
  "gcp:container/cluster:Cluster": {
    refs: ["doc:gke/application-layer-secrets-encryption"],
    check: (p, report) => {
      if (at(p, "databaseEncryption.state") !== "ENCRYPTED") report("databaseEncryption.state is not ENCRYPTED (application-layer secrets encryption)");
    },
  },
  "gcp:storage/bucket:Bucket": {
    refs: ["AVD-GCP-0066"],
    check: (p, report) => {
      if (!isSet(p["encryption"] ?? {}, "defaultKmsKeyName")) report("encryption.defaultKmsKeyName is not set: objects are encrypted only with Google's own key");
    },
  },
  "gcp:pubsub/topic:Topic": {
    refs: ["CKV_GCP_83"],
    check: (p, report) => {
      if (!isSet(p, "kmsKeyName")) report("kmsKeyName is not set: messages are encrypted only with Google's own key");
    },
  },
  "gcp:bigquery/dataset:Dataset": {
    refs: ["CKV_GCP_81"],
    check: (p, report) => {
      if (!isSet(p["defaultEncryptionConfiguration"] ?? {}, "kmsKeyName")) report("defaultEncryptionConfiguration.kmsKeyName is not set: tables are encrypted only with Google's own key");
    },
  },
  "gcp:artifactregistry/repository:Repository": {
    refs: ["CKV_GCP_84"],
    check: (p, report) => {
      if (!isSet(p, "kmsKeyName")) report("kmsKeyName is not set: artifacts are encrypted only with Google's own key");
    },
  },
  "gcp:compute/disk:Disk": {
    refs: ["CKV_GCP_37", "AVD-GCP-0034"],
    check: (p, report) => {
      const key = (p["diskEncryptionKey"] ?? {}) as Record<string, unknown>;
      if (!isSet(key, "kmsKeySelfLink") && !isSet(key, "rawKey") && !isSet(key, "rsaEncryptedKey")) report("diskEncryptionKey is not set: the disk is encrypted only with Google's own key");
    },
  },
  "gcp:compute/instance:Instance": {
    refs: ["CKV_GCP_38", "AVD-GCP-0033"],
    check: (p, report) => {
      const keyed = (d: Record<string, unknown>) => isSet(d, "kmsKeySelfLink") || isSet(d, "diskEncryptionKeyRaw") || isSet(d, "diskEncryptionKeyRsa");
      if (!keyed((p["bootDisk"] ?? {}) as Record<string, unknown>)) report("bootDisk has neither kmsKeySelfLink nor a customer-supplied key: the boot disk is encrypted only with Google's own key");
      for (const d of (p["attachedDisks"] ?? []) as Array<Record<string, unknown>>) {
        if (d && !keyed(d)) report(`attachedDisks ${String(d["deviceName"] ?? d["source"] ?? "?")}: neither kmsKeySelfLink nor a customer-supplied key`);
      }
    },
  },
};

const azure: CheckTable<EncryptionAtRestConfig> = {
  "azure-native:storage:StorageAccount": {
    refs: ["AVD-AZU-0061"],
    check: (p, report, { config }) => {
      if (config.requireInfrastructureEncryption && at(p, "encryption.requireInfrastructureEncryption") !== true) report("encryption.requireInfrastructureEncryption is not true and this environment requires infrastructure encryption");
    },
  },
  "azure-native:containerservice:ManagedCluster": {
    refs: ["CKV_AZURE_117", "AVD-AZU-0067", "CKV_AZURE_227"],
    check: (p, report) => {
      if (!isSet(p, "diskEncryptionSetID")) report("diskEncryptionSetID is not set: node OS and data disks use platform-managed keys only");
      for (const pool of (p["agentPoolProfiles"] ?? []) as Array<Record<string, unknown>>) {
        if (pool && pool["enableEncryptionAtHost"] !== true) report(`agentPoolProfiles ${String(pool["name"] ?? "?")}: enableEncryptionAtHost is not true (temp disks and disk caches are not encrypted)`);
      }
    },
  },
  "azure-native:containerservice:AgentPool": {
    refs: ["CKV_AZURE_227"],
    check: (p, report) => {
      if (p["enableEncryptionAtHost"] !== true) report("enableEncryptionAtHost is not true (temp disks and disk caches are not encrypted)");
    },
  },
  "azure-native:sql:TransparentDataEncryption": {
    refs: ["CKV2_AZURE_25"],
    check: (p, report) => {
      if (p["state"] === "Disabled") report('state is "Disabled": the database, its backups and logs are stored unencrypted');
    },
  },
  "azure-native:compute:VirtualMachine": {
    refs: ["CKV_AZURE_151"],
    check: (p, report) => {
      // Checkov asks it of Windows machines (azurerm_windows_virtual_machine) only.
      const windows = at(p, "osProfile.windowsConfiguration") !== undefined || at(p, "storageProfile.osDisk.osType") === "Windows";
      if (windows && at(p, "securityProfile.encryptionAtHost") !== true) report("securityProfile.encryptionAtHost is not true (temp disk and disk caches are not encrypted)");
    },
  },
  "azure-native:compute:Disk": {
    refs: ["CKV_AZURE_2", "AVD-AZU-0038"],
    check: (p, report) => {
      if (isSet(p["encryption"] ?? {}, "diskEncryptionSetId")) return;
      if (isFalse(at(p, "encryptionSettingsCollection.enabled"))) report("encryptionSettingsCollection.enabled is false");
    },
  },
};

export const encryptionAtRest = resourceRule<EncryptionAtRestConfig>({
  name: "meridian-encryption-at-rest",
  finding:
    "Stored data (databases, disks, buckets, queues, topics, caches, search domains, registries, trails, DMS replication, Kubernetes secrets) is encrypted at rest, with a customer-managed key where the service would otherwise use only its own.",
  why: "unencrypted storage exposes data to anyone who gets a snapshot, a disk or a backup, and fails most compliance frameworks; a key you control is what lets you audit and revoke access to it.",
  remediation: "Set the encryption input named in the message (Meridian's components do by default).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      requireLogGroupKms: { type: "boolean", default: false },
      requireCustomerManagedKeys: { type: "boolean", default: false },
      requireInfrastructureEncryption: { type: "boolean", default: false },
    },
  },
  checks: [aws, gcp, azure],
});
