/**
 * The resource types that hold state a replacement or a deletion would lose: data, keys that data is encrypted
 * with, names others resolve, generated secrets (a replacement rotates them), replication checkpoints, logs.
 *
 * One table serves three readers: the components give these children `statefulOptions` (protected when the
 * component is), the data-protection policy asks for `protect` on exactly these types, and the prod test checks
 * every one of them in the prod plan. `deletionProtection` names the provider's own guard where the type has one;
 * the component sets it, and the prod test checks it.
 */
import { hasOwn } from "./errors";

export interface StatefulType {
  /** What is lost with it, in words. */
  readonly holds: string;
  /** The provider's own deletion guard: the input and the value that turns it on. */
  readonly deletionProtection?: { readonly input: string; readonly value: unknown };
}

export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = Object.freeze({
  // AWS
  "aws:rds/instance:Instance": { holds: "the database", deletionProtection: { input: "deletionProtection", value: true } },
  "aws:rds/cluster:Cluster": { holds: "the database", deletionProtection: { input: "deletionProtection", value: true } },
  "aws:kms/key:Key": { holds: "the key that data is encrypted with" },
  "aws:eks/cluster:Cluster": { holds: "the cluster and everything running in it", deletionProtection: { input: "deletionProtection", value: true } },
  "aws:route53/zone:Zone": { holds: "the zone others delegate to (a new zone gets new name servers)" },
  "aws:s3/bucket:Bucket": { holds: "the objects" },
  "aws:s3/bucketV2:BucketV2": { holds: "the objects" },
  "aws:secretsmanager/secret:Secret": { holds: "the secret" },
  "aws:secretsmanager/secretVersion:SecretVersion": { holds: "the secret's value" },
  "aws:cloudwatch/logGroup:LogGroup": { holds: "the logs" },
  "aws:dms/replicationInstance:ReplicationInstance": { holds: "the running replication" },
  "aws:dms/replicationTask:ReplicationTask": { holds: "the replication's change-data-capture position" },
  "aws:eks/nodeGroup:NodeGroup": { holds: "the nodes the workloads run on" },
  "aws:sqs/queue:Queue": { holds: "the queued messages (a dead-letter queue: the events that failed)" },
  "aws:lb/loadBalancer:LoadBalancer": { holds: "the entry point's DNS name, which records alias", deletionProtection: { input: "enableDeletionProtection", value: true } },
  // GCP
  "gcp:sql/databaseInstance:DatabaseInstance": { holds: "the database", deletionProtection: { input: "deletionProtection", value: true } },
  "gcp:sql/database:Database": { holds: "the database's data", deletionProtection: { input: "deletionPolicy", value: "ABANDON" } },
  "gcp:sql/user:User": { holds: "the database user and its grants", deletionProtection: { input: "deletionPolicy", value: "ABANDON" } },
  "gcp:kms/keyRing:KeyRing": { holds: "the key ring (it can never be deleted, only forgotten)" },
  "gcp:kms/cryptoKey:CryptoKey": { holds: "the key that data is encrypted with" },
  "gcp:container/cluster:Cluster": { holds: "the cluster and everything running in it", deletionProtection: { input: "deletionProtection", value: true } },
  "gcp:container/nodePool:NodePool": { holds: "the nodes the workloads run on" },
  "gcp:secretmanager/secret:Secret": { holds: "the secret" },
  "gcp:secretmanager/secretVersion:SecretVersion": { holds: "the secret's value" },
  "gcp:dns/managedZone:ManagedZone": { holds: "the zone others delegate to" },
  "gcp:storage/bucket:Bucket": { holds: "the objects" },
  // Azure
  "azure-native:dbforpostgresql:Server": { holds: "the database" },
  "azure-native:keyvault:Vault": { holds: "the keys and secrets" },
  "azure-native:keyvault:Key": { holds: "the key that data is encrypted with" },
  "azure-native:containerservice:ManagedCluster": { holds: "the cluster and everything running in it" },
  "azure-native:containerservice:AgentPool": { holds: "the nodes the workloads run on" },
  "azure-native:storage:StorageAccount": { holds: "the objects" },
  "azure-native:operationalinsights:Workspace": { holds: "the logs" },
  "azure-native:network:DnsZone": { holds: "the zone others delegate to" },
  // Generated secrets: a replacement generates a new value.
  "random:index/randomPassword:RandomPassword": { holds: "a generated password or pre-shared key (a replacement rotates it)" },
  "random:index/randomId:RandomId": { holds: "a generated part of a physical name (a replacement renames what it names)" },
});

/** True when resources of `type` hold state (see `STATEFUL_TYPES`). */
export function isStateful(type: string): boolean {
  return hasOwn(STATEFUL_TYPES, type);
}
