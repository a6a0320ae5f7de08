import { encryptionAtRest } from "../../../../policies/rules/encryption/at-rest";
import { encryptionInTransit } from "../../../../policies/rules/encryption/in-transit";
import { keyRotation } from "../../../../policies/rules/encryption/key-rotation";
import { messages } from "../../../helpers/policy";

describe("meridian-encryption-at-rest", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["RDS storage", "aws:rds/instance:Instance", { storageEncrypted: true }, { storageEncrypted: false }, "storageEncrypted is not true"],
    ["launch template disks", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }, "block device /dev/xvda is not encrypted"],
    ["SQS", "aws:sqs/queue:Queue", { sqsManagedSseEnabled: true }, {}, "neither kmsMasterKeyId nor sqsManagedSseEnabled is set"],
    ["SNS", "aws:sns/topic:Topic", { kmsMasterKeyId: "k" }, {}, "kmsMasterKeyId is not set"],
    ["DMS", "aws:dms/replicationInstance:ReplicationInstance", { kmsKeyArn: "k" }, {}, "kmsKeyArn is not set: storage uses DMS's default key, which you cannot audit or revoke"],
    ["EKS secrets", "aws:eks/cluster:Cluster", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: "k" } } }, { encryptionConfig: { resources: [], provider: { keyArn: "k" } } }, "encryptionConfig does not cover secrets: Kubernetes secrets are stored only base64-encoded in etcd"],
    ["GKE secrets", "gcp:container/cluster:Cluster", { databaseEncryption: { state: "ENCRYPTED" } }, { databaseEncryption: { state: "DECRYPTED" } }, "databaseEncryption.state is not ENCRYPTED (application-layer secrets encryption)"],
    ["Lambda secrets in the environment", "aws:lambda/function:Function", { environment: { variables: { DB_PASSWORD: "x" } }, kmsKeyArn: "k" }, { environment: { variables: { DB_PASSWORD: "x" } } }, "environment holds DB_PASSWORD but kmsKeyArn is not set (set a customer key; keep secrets themselves in Secrets Manager)"],
    // Checkov CKV_AWS_173: any environment without a customer key, whatever its variables are called or hold.
    [
      "a Lambda environment of plain settings",
      "aws:lambda/function:Function",
      { environment: { variables: { PGHOST: "db.internal", DB_PASSWORD_SECRET: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1" } }, kmsKeyArn: "k" },
      { environment: { variables: { PGHOST: "db.internal", DB_PASSWORD_SECRET: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1" } } },
      "environment holds PGHOST, DB_PASSWORD_SECRET but kmsKeyArn is not set (set a customer key; keep secrets themselves in Secrets Manager)",
    ],
  ])("%s: passes when encrypted, fails when not", async (_what, type, good, bad, message) => {
    expect(await messages(encryptionAtRest, type, good)).toEqual([]);
    expect(await messages(encryptionAtRest, type, bad)).toEqual([message]);
  });

  it("requires a KMS key on log groups only where configured", async () => {
    expect(await messages(encryptionAtRest, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 })).toEqual([]);
    expect(await messages(encryptionAtRest, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 }, { config: { requireLogGroupKms: true } })).toEqual([
      "kmsKeyId is not set and this environment requires customer-managed keys for logs",
    ]);
  });

  it("is not applicable to other types", async () => {
    expect(await messages(encryptionAtRest, "gcp:projects/service:Service", {})).toEqual([]);
  });
});

describe("meridian-encryption-in-transit", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["RDS force_ssl", "aws:rds/parameterGroup:ParameterGroup", { family: "postgres17", parameters: [{ name: "rds.force_ssl", value: "1" }] }, { family: "postgres17", parameters: [] }, "r: rds.force_ssl is not 1"],
    ["Cloud SQL", "gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { sslMode: "ENCRYPTED_ONLY" } } }, { settings: { ipConfiguration: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } }, 'settings.ipConfiguration.sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED", not ENCRYPTED_ONLY or stricter'],
    ["DMS endpoints", "aws:dms/endpoint:Endpoint", { sslMode: "verify-ca" }, { sslMode: "none" }, 'sslMode is "none": replication would cross the network in clear text'],
    [
      "an HTTPS listener's TLS policy",
      "aws:lb/listener:Listener",
      { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" },
      { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" },
      'sslPolicy "ELBSecurityPolicy-2016-08" accepts TLS below 1.2 (use an ELBSecurityPolicy-TLS13-1-2-* policy, such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06)',
    ],
    [
      "an HTTPS listener left at the API's default policy",
      "aws:lb/listener:Listener",
      { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09" },
      { protocol: "HTTPS" },
      "sslPolicy null accepts TLS below 1.2 (use an ELBSecurityPolicy-TLS13-1-2-* policy, such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06)",
    ],
    [
      "a plain-HTTP listener",
      "aws:lb/listener:Listener",
      { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] },
      { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
      "an HTTP listener that does not redirect to HTTPS: requests and cookies would cross the internet in clear text",
    ],
    ["a GCP SSL policy's floor", "gcp:compute/sSLPolicy:SSLPolicy", { profile: "MODERN", minTlsVersion: "TLS_1_2" }, { profile: "MODERN", minTlsVersion: "TLS_1_0" }, 'minTlsVersion is "TLS_1_0", below TLS_1_2'],
    ["a GCP SSL policy's ciphers", "gcp:compute/sSLPolicy:SSLPolicy", { profile: "RESTRICTED", minTlsVersion: "TLS_1_3" }, { profile: "COMPATIBLE", minTlsVersion: "TLS_1_2" }, 'profile is "COMPATIBLE": it keeps legacy ciphers (use MODERN or RESTRICTED)'],
    ["a GCP HTTPS proxy", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", { sslPolicy: "projects/p/global/sslPolicies/tls" }, {}, "no sslPolicy: Google's default policy still accepts TLS 1.0"],
    ["a Front Door custom domain", "azure-native:cdn:AFDCustomDomain", { tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" } }, { tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" } }, 'tlsSettings.minimumTlsVersion is "TLS10", below TLS12'],
    ["a Front Door route taking plain HTTP", "azure-native:cdn:Route", { supportedProtocols: ["Http", "Https"], httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly" }, { supportedProtocols: ["Http", "Https"], httpsRedirect: "Disabled", forwardingProtocol: "HttpsOnly" }, "the route takes HTTP without redirecting it to HTTPS"],
    ["a Front Door route to a plain-HTTP origin", "azure-native:cdn:Route", { supportedProtocols: ["Https"], forwardingProtocol: "HttpsOnly" }, { supportedProtocols: ["Https"], forwardingProtocol: "MatchRequest" }, 'forwardingProtocol is "MatchRequest": Front Door may reach the origin over plain HTTP'],
    ["Azure storage", "azure-native:storage:StorageAccount", { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2" }, { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_0" }, 'minimumTlsVersion is "TLS1_0", below TLS1_2'],
    ["function apps", "azure-native:web:WebApp", { httpsOnly: true, siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" } }, { httpsOnly: false, siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" } }, "httpsOnly is not true"],
    ["Azure PostgreSQL", "azure-native:dbforpostgresql:Configuration", { configurationName: "require_secure_transport", value: "on" }, { configurationName: "require_secure_transport", value: "off" }, "require_secure_transport is off"],
  ])("%s: passes with TLS, fails without", async (_what, type, good, bad, message) => {
    expect(await messages(encryptionInTransit, type, good)).toEqual([]);
    expect(await messages(encryptionInTransit, type, bad)).toEqual([message]);
  });
});

describe("at a stack's first preview", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  it("counts a key that another resource will compute as set, and says it cannot decide what it cannot", async () => {
    expect(await messages(encryptionAtRest, "aws:sns/topic:Topic", { kmsMasterKeyId: UNKNOWN })).toEqual([]);
    expect(await messages(encryptionAtRest, "aws:dms/replicationInstance:ReplicationInstance", { kmsKeyArn: UNKNOWN })).toEqual([]);
    expect(await messages(encryptionInTransit, "gcp:compute/targetHttpsProxy:TargetHttpsProxy", { sslPolicy: UNKNOWN })).toEqual([]);
    // A key the program creates is a customer key, even before its ARN is known.
    expect(await messages(encryptionAtRest, "aws:rds/instance:Instance", { storageEncrypted: true, performanceInsightsEnabled: true, performanceInsightsKmsKeyId: UNKNOWN })).toEqual([]);
    expect(await messages(encryptionAtRest, "aws:secretsmanager/secret:Secret", { kmsKeyId: UNKNOWN })).toEqual([]);
    expect(await messages(encryptionAtRest, "aws:sqs/queue:Queue", { kmsMasterKeyId: UNKNOWN }, { config: { requireCustomerManagedKeys: true } })).toEqual([]);
    // With a key (even one not created yet) the environment is encrypted whatever it holds.
    expect(await messages(encryptionAtRest, "aws:lambda/function:Function", { kmsKeyArn: UNKNOWN, environment: { variables: { DB_PASSWORD_SECRET: UNKNOWN } } })).toEqual([]);
    // Without one, the variables' names are enough to decide: their values, known or not, do not matter.
    expect(await messages(encryptionAtRest, "aws:lambda/function:Function", { environment: { variables: { DB_PASSWORD_SECRET: UNKNOWN } } })).toEqual([
      "environment holds DB_PASSWORD_SECRET but kmsKeyArn is not set (set a customer key; keep secrets themselves in Secrets Manager)",
    ]);
  });
});


describe("meridian-encryption-key-rotation", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["a KMS key", "aws:kms/key:Key", { enableKeyRotation: true }, { enableKeyRotation: false }, "enableKeyRotation is not true"],
    ["a Cloud KMS key", "gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "7776000s" }, { rotationPeriod: "7776001s" }, 'rotationPeriod is "7776001s", not between 1 and 90 days (86400s to 7776000s)'],
    ["a Secrets Manager rotation", "aws:secretsmanager/secretRotation:SecretRotation", { rotationRules: { scheduleExpression: "rate(2160 hours)" } }, { rotationRules: { scheduleExpression: "rate(2161 hours)" } }, 'rotationRules.scheduleExpression "rate(2161 hours)" rotates less often than every 90 days'],
    ["a Key Vault secret", "azure-native:keyvault:Secret", { properties: { value: "v", attributes: { expires: 1893456000 } } }, { properties: { value: "v" } }, "properties.attributes.expires is not set: the secret never expires"],
  ])("%s: passes when it rotates or expires, fails when not", async (_what, type, good, bad, message) => {
    expect(await messages(keyRotation, type, good)).toEqual([]);
    expect(await messages(keyRotation, type, bad)).toEqual([message]);
  });

  it("leaves keys that cannot rotate automatically alone", async () => {
    expect(await messages(keyRotation, "aws:kms/key:Key", { customerMasterKeySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT" })).toEqual([]);
    expect(await messages(keyRotation, "aws:kms/key:Key", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })).toEqual([]);
    expect(await messages(keyRotation, "gcp:kms/cryptoKey:CryptoKey", { purpose: "ASYMMETRIC_DECRYPT" })).toEqual([]);
  });

  it("does not judge a Secrets Manager secret on its own (its rotation is another resource)", async () => {
    expect(keyRotation.appliesTo).not.toContain("aws:secretsmanager/secret:Secret");
  });
});

describe("customer-managed keys beyond the scanners' baseline", () => {
  it("accepts the AWS-managed key by default and refuses it where the environment asks for customer keys", async () => {
    const queue = { kmsMasterKeyId: "alias/aws/sqs" };
    expect(await messages(encryptionAtRest, "aws:sqs/queue:Queue", queue)).toEqual([]);
    expect(await messages(encryptionAtRest, "aws:sqs/queue:Queue", queue, { config: { requireCustomerManagedKeys: true } })).toEqual([
      "kmsMasterKeyId is not a customer-managed key and this environment requires customer-managed keys",
    ]);
  });
});
