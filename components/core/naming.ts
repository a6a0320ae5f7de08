import { createHash } from "crypto";
import type { Validator } from "./errors";

/** Names that clouds impose rules on, derived from Pulumi logical names. */

/**
 * A GCP resource name (RFC 1035 label as GCP uses it): lower case, `[a-z0-9-]`, starting with a letter, not
 * ending with a hyphen, at most `max` characters (63 for most resources).
 */
export function toGcpName(s: string, max = 63): string {
  let n = s.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
  if (!/^[a-z]/.test(n)) n = `m-${n}`;
  n = n.slice(0, max).replace(/-+$/, "");
  return n === "" ? "m" : n;
}

/**
 * A Google service account id for `name`, with a prefix saying what it runs: 6–30 characters, RFC 1035
 * (`toGcpName`, padded with zeros when short). An id that would be longer keeps its first 21 characters and ends
 * with a digest of the whole, so two long names never share an account. (Before 0.3.0 a long id was cut at 30
 * characters; accounts made then keep their id: give them `KEEP_ACCOUNT_ID`.)
 */
export function gcpServiceAccountId(prefix: string, name: string): string {
  const full = toGcpName(`${prefix}-${name}`, 63);
  if (full.length <= 30) return full.padEnd(6, "0");
  return `${full.slice(0, 21).replace(/-+$/, "")}-${stableSuffix(full, 8)}`;
}

/**
 * Options for a service account whose id `gcpServiceAccountId` derives: the id of an existing account is kept (an id
 * cannot change in place; a new one would be a new account, without the grants and bindings of the old).
 */
export const KEEP_ACCOUNT_ID: { readonly ignoreChanges: string[] } = Object.freeze({ ignoreChanges: Object.freeze(["accountId"]) as string[] });

/** A short, stable, lower-case hex digest of `key`: suffixes for names that must be globally unique, fake ids. */
export function stableSuffix(key: string, length = 8): string {
  return createHash("sha256").update(key).digest("hex").slice(0, length);
}

/**
 * A physical-name rule of one cloud resource kind: how long the name the cloud stores may be. Every Meridian
 * component name already has the shape all of them accept (`COMPONENT_NAME`); what differs is the length left once
 * the component adds its suffixes.
 */
export interface PhysicalNameRule {
  /** What the name becomes, for the message: `an RDS DB instance identifier`. */
  readonly what: string;
  /** The longest name the cloud accepts. */
  readonly max: number;
  /** Where the limit was read, and when. */
  readonly source: string;
}

/**
 * Name lengths per cloud and kind, for the kinds whose name a Meridian component derives from its own name.
 * Read from the providers' documentation on 2026-11-30; the page is named in each `source`.
 */
export const NAME_RULES = {
  aws: {
    rdsInstanceIdentifier: { what: "an RDS DB instance identifier", max: 63, source: "Amazon RDS User Guide, Naming constraints in Amazon RDS (2026-11-30)" },
    rdsSnapshotIdentifier: { what: "an RDS DB snapshot identifier", max: 255, source: "Amazon RDS User Guide, Naming constraints in Amazon RDS (2026-11-30)" },
    eksClusterName: { what: "an EKS cluster name", max: 100, source: "Amazon EKS API Reference, CreateCluster, name (2026-11-30)" },
    iamRoleName: { what: "an IAM role name", max: 64, source: "AWS IAM User Guide, IAM and AWS STS quotas, name requirements (2026-11-30)" },
    lambdaFunctionName: { what: "a Lambda function name", max: 64, source: "AWS Lambda API Reference, CreateFunction, FunctionName (2026-11-30)" },
    dmsReplicationInstanceIdentifier: { what: "a DMS replication instance identifier", max: 63, source: "AWS DMS API Reference, CreateReplicationInstance, ReplicationInstanceIdentifier (2026-11-30)" },
    dmsTaskIdentifier: { what: "a DMS replication task identifier", max: 255, source: "AWS DMS API Reference, CreateReplicationTask, ReplicationTaskIdentifier (2026-11-30)" },
    s3BucketName: { what: "an S3 bucket name", max: 63, source: "Amazon S3 User Guide, General purpose bucket naming rules (2026-11-30)" },
    nameTag: { what: "the value of an AWS Name tag", max: 256, source: "Amazon EC2 User Guide, Tag restrictions (2026-11-30)" },
    logGroupName: { what: "a CloudWatch Logs group name", max: 512, source: "Amazon CloudWatch Logs API Reference, CreateLogGroup, logGroupName (2026-11-30)" },
    secretName: { what: "a Secrets Manager secret name", max: 512, source: "AWS Secrets Manager API Reference, CreateSecret, Name (2026-11-30)" },
    snsTopicName: { what: "an SNS topic name", max: 256, source: "Amazon SNS API Reference, CreateTopic, Name (2026-11-30)" },
    kmsAliasName: { what: "a KMS alias name", max: 256, source: "AWS KMS API Reference, CreateAlias, AliasName (2026-11-30)" },
  },
  gcp: {
    resourceName: { what: "a GCP resource name (RFC 1035)", max: 63, source: "Compute Engine API, resource naming convention (2026-11-30)" },
    serviceAccountId: { what: "a Google service account id", max: 30, source: "IAM API Reference, projects.serviceAccounts.create, accountId (2026-11-30)" },
    gkeClusterName: { what: "a GKE cluster name", max: 40, source: "GKE API Reference, projects.locations.clusters, Cluster.name (2026-11-30)" },
    cloudRunServiceName: { what: "a Cloud Run service name", max: 49, source: "Cloud Run Admin API v2, projects.locations.services.create, serviceId (2026-11-30)" },
    kmsKeyRingName: { what: "a Cloud KMS key ring name", max: 63, source: "Cloud KMS API Reference, projects.locations.keyRings.create, keyRingId (2026-11-30)" },
  },
  azure: {
    aksDnsPrefix: { what: "an AKS DNS prefix", max: 54, source: "Azure AKS REST API, ManagedClusterProperties.dnsPrefix (2026-11-30)" },
    storageAccountName: { what: "an Azure storage account name", max: 24, source: "Azure resource naming rules, Microsoft.Storage/storageAccounts (2026-11-30)" },
    postgresServerName: { what: "an Azure Database for PostgreSQL flexible server name", max: 63, source: "Azure resource naming rules, Microsoft.DBforPostgreSQL/flexibleServers (2026-11-30)" },
    containerAppName: { what: "an Azure container app name", max: 32, source: "Azure resource naming rules, Microsoft.App/containerApps (2026-11-30)" },
    containerAppEnvironmentName: { what: "an Azure container apps environment name", max: 60, source: "Azure resource naming rules, Microsoft.App/managedEnvironments (2026-11-30)" },
    webSiteName: { what: "an Azure function app name", max: 60, source: "Azure resource naming rules, Microsoft.Web/sites (2026-11-30)" },
    resourceName: { what: "an Azure resource name", max: 63, source: "Azure resource naming rules, most Microsoft.Network resources (2026-11-30)" },
  },
  kubernetes: {
    dns1035Label: { what: "a Kubernetes Service name (RFC 1035 label)", max: 63, source: "Kubernetes docs, Object Names and IDs, RFC 1035 Label Names (2026-11-30)" },
    dns1123Label: { what: "a Kubernetes namespace name (RFC 1123 label)", max: 63, source: "Kubernetes docs, Object Names and IDs, DNS Label Names (2026-11-30)" },
    labelValue: { what: "a Kubernetes label value", max: 63, source: "Kubernetes docs, Labels and Selectors, syntax and character set (2026-11-30)" },
  },
} as const satisfies Record<string, Record<string, PhysicalNameRule>>;

/** How many characters Pulumi's auto-naming adds to a logical name: a hyphen and seven random characters. */
export const AUTONAME_SUFFIX_LENGTH = 8;

/**
 * The shape of every Meridian component name: lower-case letters, digits and single hyphens, starting with a letter,
 * not ending with a hyphen, at most 63 characters. It is the intersection of what the clouds accept for the
 * names a component derives from its own (RDS and DMS identifiers forbid `--`, Kubernetes Services and GCP names
 * are RFC 1035 labels), so a name is used as it is, never normalised: two different names can never become the same
 * physical name (`orders_db` and `orders-db` would).
 */
export const COMPONENT_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

/** A physical name a component derives from its own name: the rule it must meet and how many characters are added to the name. */
export interface DerivedName {
  readonly rule: PhysicalNameRule;
  /** Characters added to the component name, e.g. 17 for an auto-named `${name}-instance`. */
  readonly added: number;
}

/** A derived name `${name}${suffix}`, auto-named by Pulumi (a random suffix added) when `autonamed`. */
export function derived(rule: PhysicalNameRule, suffix: string, autonamed = false): DerivedName {
  return { rule, added: suffix.length + (autonamed ? AUTONAME_SUFFIX_LENGTH : 0) };
}

/**
 * Checks a component's own name before anything is registered: the shape every cloud accepts, and short enough for
 * the longest physical name the component derives from it. The message names the physical name that limits it.
 */
export function checkComponentName(check: Validator, name: unknown, names: readonly DerivedName[] = []): asserts name is string {
  let max = 63;
  let limit: DerivedName | undefined;
  for (const d of names) {
    if (d.rule.max - d.added < max) {
      max = d.rule.max - d.added;
      limit = d;
    }
  }
  const shape = "lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen";
  const why = limit === undefined ? "" : ` (it becomes ${limit.rule.what}, at most ${limit.rule.max} characters with what is added)`;
  if (typeof name !== "string" || !COMPONENT_NAME.test(name) || name.length > max) check.fail("name", name, `a name of 1 to ${max} characters: ${shape}${why}`);
}
