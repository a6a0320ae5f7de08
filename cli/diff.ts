/**
 * `meridian diff`: what a change does to a stack, from two offline plan reports of it (the base branch's and the
 * pull request's), before any cloud is asked: resources added, removed, renamed or replaced, inputs changed (secrets
 * as changed or unchanged, never their values), the cost delta, policy findings added and fixed, and the DR figures.
 *
 * A rename is a URN that disappears while one of the same type, under the same kind of parent, with (nearly) the
 * same inputs appears: kept when the new resource carries an alias to the old URN, otherwise the engine would delete
 * the old resource and create the new one — the report names the alias to add. A change to an input the provider
 * can only apply by replacement (`REPLACE_ON_CHANGE`) is a replacement. Anything stateful (`STATEFUL_TYPES`) or
 * protected that would be replaced or deleted is listed first, and makes the exit code 1.
 */
import * as fs from "fs";
import { isStateful } from "../components/core/stateful";
import type { PlanReport, PlannedResource } from "./plan";
import { REPORT_VERSION } from "./options";
import { urnName, urnQualifiedType } from "./offline/urn";
import type { PolicyAcknowledgement, PolicyViolation } from "../policies/pack";

/** The diff report's format. */
export const DIFF_VERSION = 1;

/**
 * Inputs whose change the provider applies by replacing the resource, per type: for the stateful types at least.
 * Source: the providers' documentation ("Changing this forces a new resource", the Terraform providers' ForceNew
 * attributes that pulumi-aws 7.x and pulumi-gcp 9.x bridge), read 2026-11-30. Dotted paths; a path covers
 * everything below it.
 */
export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "aws:rds/instance:Instance": ["identifier", "identifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "dbName", "username", "characterSetName", "ncharCharacterSetName", "timezone", "availabilityZone"],
  "aws:kms/key:Key": ["keyUsage", "customerMasterKeySpec", "keySpec", "multiRegion"],
  "aws:eks/cluster:Cluster": ["name", "roleArn", "encryptionConfig", "kubernetesNetworkConfig", "vpcConfig.subnetIds", "bootstrapSelfManagedAddons"],
  "aws:eks/nodeGroup:NodeGroup": ["nodeGroupName", "nodeGroupNamePrefix", "clusterName", "subnetIds", "nodeRoleArn", "amiType", "capacityType", "diskSize", "instanceTypes"],
  "aws:route53/zone:Zone": ["name", "delegationSetId"],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix"],
  "aws:dms/replicationInstance:ReplicationInstance": ["replicationInstanceId", "kmsKeyArn", "replicationSubnetGroupId", "publiclyAccessible", "availabilityZone"],
  "aws:dms/replicationTask:ReplicationTask": ["replicationTaskId", "replicationInstanceArn", "sourceEndpointArn", "targetEndpointArn"],
  "aws:sqs/queue:Queue": ["name", "namePrefix", "fifoQueue"],
  "aws:lb/loadBalancer:LoadBalancer": ["name", "namePrefix", "internal", "loadBalancerType"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "description", "vpcId"],
  "aws:rds/parameterGroup:ParameterGroup": ["name", "namePrefix", "family", "description"],
  "aws:kms/alias:Alias": ["name", "namePrefix"],
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  "aws:rds/cluster:Cluster": ["clusterIdentifier", "clusterIdentifierPrefix", "engine", "storageEncrypted", "kmsKeyId", "databaseName", "masterUsername", "availabilityZones"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix"],
  "aws:secretsmanager/secretVersion:SecretVersion": ["secretId"],
  "gcp:secretmanager/secretVersion:SecretVersion": ["secret", "secretData"],
  // azure-native: a resource's name, resource group and location are its identity.
  "azure-native:dbforpostgresql:Server": ["serverName", "resourceGroupName", "location"],
  "azure-native:keyvault:Vault": ["vaultName", "resourceGroupName", "location"],
  "azure-native:keyvault:Key": ["keyName", "vaultName", "resourceGroupName"],
  "azure-native:containerservice:ManagedCluster": ["resourceName", "resourceGroupName", "location", "dnsPrefix"],
  "azure-native:containerservice:AgentPool": ["agentPoolName", "resourceName", "resourceGroupName", "vmSize"],
  "azure-native:storage:StorageAccount": ["accountName", "resourceGroupName", "location"],
  "azure-native:operationalinsights:Workspace": ["workspaceName", "resourceGroupName", "location"],
  "azure-native:network:DnsZone": ["zoneName", "resourceGroupName"],
  "gcp:sql/databaseInstance:DatabaseInstance": ["name", "region", "project", "encryptionKeyName", "masterInstanceName"],
  "gcp:sql/database:Database": ["name", "instance", "project"],
  "gcp:sql/user:User": ["name", "instance", "project", "host"],
  "gcp:kms/keyRing:KeyRing": ["name", "location", "project"],
  "gcp:kms/cryptoKey:CryptoKey": ["name", "keyRing", "purpose", "importOnly", "skipInitialVersionCreation"],
  "gcp:container/cluster:Cluster": ["name", "location", "project", "network", "subnetwork", "privateClusterConfig.masterIpv4CidrBlock", "ipAllocationPolicy", "enableAutopilot"],
  "gcp:container/nodePool:NodePool": ["name", "namePrefix", "location", "cluster", "project", "nodeConfig.serviceAccount", "nodeConfig.diskType"],
  "gcp:secretmanager/secret:Secret": ["secretId", "project", "replication"],
  "gcp:dns/managedZone:ManagedZone": ["name", "dnsName", "project"],
  "gcp:storage/bucket:Bucket": ["name", "location", "project"],
  // @pulumi/random: any change to an input makes a new value.
  "random:index/randomPassword:RandomPassword": ["*"],
  "random:index/randomId:RandomId": ["*"],
});

export interface ChangedInput {
  readonly path: string;
  /** The old and new values; a secret is `"[secret]"` on both sides, and `secret` says whether it changed. */
  readonly before: unknown;
  readonly after: unknown;
  readonly secret?: "changed" | "unchanged";
}

export interface ResourceRef {
  readonly urn: string;
  readonly type: string;
  readonly protect: boolean;
  readonly stateful: boolean;
}

export interface RenamedResource {
  readonly from: ResourceRef;
  readonly to: ResourceRef;
  /** True when the new resource carries an alias to the old URN: the live resource is kept. */
  readonly aliased: boolean;
  /** Without an alias: the option to add to the new resource to keep the live one. */
  readonly aliasToAdd?: string;
  /** Without an alias, when its parent was renamed too: the parent's old name; an alias on the parent covers it. */
  readonly parentRenamedFrom?: string;
}

export interface ReplacedResource extends ResourceRef {
  /** The inputs whose change forces the replacement. */
  readonly because: string[];
}

export interface UpdatedResource extends ResourceRef {
  readonly changes: ChangedInput[];
}

export interface CostDelta {
  readonly urn: string;
  readonly type: string;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
  readonly usagePriced: boolean;
}

export interface PlanDiff {
  readonly diffVersion: number;
  readonly stack: string;
  /** The reason for exit code 1, or an empty list: stateful or protected resources replaced or deleted, new mandatory violations. */
  readonly blocking: string[];
  /** Stateful or protected resources that would be replaced or deleted, first of all. */
  readonly atRisk: Array<ResourceRef & { readonly change: "deleted" | "replaced" | "renamed without alias"; readonly detail: string }>;
  readonly added: ResourceRef[];
  readonly deleted: ResourceRef[];
  readonly renamed: RenamedResource[];
  readonly replaced: ReplacedResource[];
  readonly updated: UpdatedResource[];
  readonly unchanged: number;
  readonly cost: { readonly beforeUsd: number; readonly afterUsd: number; readonly deltaUsd: number; readonly byResource: CostDelta[] };
  readonly policy: {
    readonly added: PolicyViolation[];
    readonly fixed: PolicyViolation[];
    readonly unchanged: number;
    /** Findings newly accepted by an acknowledgement (a reviewer should read the reason), and acknowledgements gone. */
    readonly acknowledgementsAdded: PolicyAcknowledgement[];
    readonly acknowledgementsRemoved: PolicyAcknowledgement[];
  };
  readonly dr: { readonly before: PlanReport["dr"]; readonly after: PlanReport["dr"]; readonly changed: boolean };
}

/** Bad usage: the CLI prints the message on one line and exits 2. */
export class DiffUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiffUsageError";
  }
}

/** Reads a plan report written by `meridian plan --format json`; refuses anything else. */
export function readPlanReport(file: string): PlanReport {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new DiffUsageError(`${file}: cannot read the plan report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let report: Partial<PlanReport>;
  try {
    report = JSON.parse(text) as Partial<PlanReport>;
  } catch {
    throw new DiffUsageError(`${file}: not JSON (write it with meridian plan --format json)`);
  }
  if (typeof report !== "object" || report === null || !Array.isArray(report.resources) || typeof report.stack !== "string") {
    throw new DiffUsageError(`${file}: not a plan report (write it with meridian plan --format json)`);
  }
  if (report.reportVersion !== REPORT_VERSION) {
    throw new DiffUsageError(`${file}: a plan report of format ${JSON.stringify(report.reportVersion ?? "none")} (Meridian ${report.meridianVersion ?? "before 0.3.0"}); this diff reads format ${REPORT_VERSION}: plan both sides with the same Meridian`);
  }
  return report as PlanReport;
}

const ref = (r: PlannedResource): ResourceRef => ({ urn: r.urn, type: r.type, protect: r.protect, stateful: isStateful(r.type) });

/** Leaf values of an object by dotted path (arrays by index). */
function leaves(value: unknown, at = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(at, []);
    value.forEach((v, i) => leaves(v, `${at}[${i}]`, out));
  } else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(at, {});
    for (const [k, v] of entries) leaves(v, at === "" ? k : `${at}.${k}`, out);
  } else {
    out.set(at, value);
  }
  return out;
}

/**
 * The inputs that differ, secrets compared by digest. (A resource renamed with an alias keeps its id, ARN and
 * generated name offline as in the cloud — the engine seeds the fake cloud with its old URN — so a reference to it
 * is not a change.)
 */
function changedInputs(before: PlannedResource, after: PlannedResource): ChangedInput[] {
  const a = leaves(before.inputs);
  const b = leaves(after.inputs);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ChangedInput[] = [];
  for (const p of paths) {
    const x = a.get(p);
    const y = b.get(p);
    if (x === "[secret]" || y === "[secret]") {
      const same = x === y && (before.secretDigests?.[p] ?? "") === (after.secretDigests?.[p] ?? "");
      if (!same) out.push({ path: p, before: x, after: y, secret: "changed" });
      continue;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path: p, before: x, after: y });
  }
  return out;
}

/** The replace-on-change inputs among `changes`, for `type`. */
function replacingInputs(type: string, changes: readonly ChangedInput[]): string[] {
  const keys = REPLACE_ON_CHANGE[type];
  if (!keys) return [];
  if (keys.includes("*")) return changes.map((c) => c.path);
  return changes.filter((c) => keys.some((k) => c.path === k || c.path.startsWith(`${k}.`) || c.path.startsWith(`${k}[`))).map((c) => c.path);
}


/** The share of input leaves two resources agree on (1 = the same inputs). */
function similarity(a: PlannedResource, b: PlannedResource): number {
  const x = leaves(a.inputs);
  const y = leaves(b.inputs);
  const all = new Set([...x.keys(), ...y.keys()]);
  if (all.size === 0) return 1;
  let same = 0;
  for (const k of all) if (JSON.stringify(x.get(k)) === JSON.stringify(y.get(k))) same += 1;
  return same / all.size;
}

/**
 * How alike two resources' inputs must be to count as one renamed (the rest are new and deleted): names and
 * descriptions derived from a renamed component differ, the settings do not.
 */
const RENAME_SIMILARITY = 0.6;

/**
 * A finding is a rule on a resource (or on the stack): its message may carry figures that move with the change (a
 * cost, a budget), and such a finding is the same finding, not a fixed one and a new one.
 */
function violationKey(v: PolicyViolation): string {
  return `${v.policyName}\u0000${v.urn ?? ""}`;
}

/** Compares two plan reports of one stack. */
export function diffPlans(base: PlanReport, head: PlanReport): PlanDiff {
  if (base.stack !== head.stack || base.project !== head.project) {
    throw new DiffUsageError(`the reports are of different stacks: ${base.project}/${base.stack} and ${head.project}/${head.stack}`);
  }
  const custom = (r: PlanReport) => r.resources.filter((x) => x.type !== "pulumi:pulumi:Stack");
  const before = new Map(custom(base).map((r) => [r.urn, r]));
  const after = new Map(custom(head).map((r) => [r.urn, r]));

  // Renames: first the ones an alias declares, then by likeness.
  const renamed: RenamedResource[] = [];
  const removed = new Set([...before.keys()].filter((u) => !after.has(u)));
  const appeared = new Set([...after.keys()].filter((u) => !before.has(u)));
  for (const urn of [...appeared]) {
    const r = after.get(urn)!;
    const old = r.aliases?.find((a) => removed.has(a));
    if (old) {
      renamed.push({ from: ref(before.get(old)!), to: ref(r), aliased: true });
      removed.delete(old);
      appeared.delete(urn);
    }
  }
  for (const oldUrn of [...removed].sort()) {
    const old = before.get(oldUrn)!;
    let best: { urn: string; score: number } | undefined;
    for (const newUrn of appeared) {
      const cand = after.get(newUrn)!;
      if (cand.type !== old.type || urnQualifiedType(newUrn) !== urnQualifiedType(oldUrn)) continue;
      const score = similarity(old, cand);
      if (score >= RENAME_SIMILARITY && (!best || score > best.score)) best = { urn: newUrn, score };
    }
    if (best) {
      renamed.push({ from: ref(old), to: ref(after.get(best.urn)!), aliased: false });
      removed.delete(oldUrn);
      appeared.delete(best.urn);
    }
  }
  // The alias to add: on the outermost renamed resource. Pulumi derives its children's aliases from it (a child named
  // `<old parent name>-x` answers to its old URN), so one alias keeps a whole renamed component.
  const renamedFrom = new Map(renamed.map((r) => [r.from.urn, r]));
  for (const [i, r] of renamed.entries()) {
    if (r.aliased) continue;
    const old = before.get(r.from.urn)!;
    const to = after.get(r.to.urn)!;
    const parentRenamed = old.parent !== null && renamedFrom.has(old.parent) && !renamedFrom.get(old.parent)!.aliased;
    renamed[i] = parentRenamed
      ? { ...r, parentRenamedFrom: urnName(old.parent!) }
      : { ...r, aliasToAdd: old.parent === to.parent ? `aliases: [{ name: "${old.name}" }]` : `aliases: ["${r.from.urn}"]` };
  }

  const replaced: ReplacedResource[] = [];
  const updated: UpdatedResource[] = [];
  let unchanged = 0;
  const pairs: Array<[PlannedResource, PlannedResource]> = [
    ...[...before.keys()].filter((u) => after.has(u)).map((u) => [before.get(u)!, after.get(u)!] as [PlannedResource, PlannedResource]),
    ...renamed.filter((r) => r.aliased).map((r) => [before.get(r.from.urn)!, after.get(r.to.urn)!] as [PlannedResource, PlannedResource]),
  ];
  for (const [b, a] of pairs) {
    const changes = changedInputs(b, a);
    if (changes.length === 0) {
      unchanged += 1;
      continue;
    }
    const because = replacingInputs(a.type, changes);
    if (because.length > 0) replaced.push({ ...ref(a), because });
    else updated.push({ ...ref(a), changes });
  }

  replaced.sort((x, y) => x.urn.localeCompare(y.urn));
  updated.sort((x, y) => x.urn.localeCompare(y.urn));
  renamed.sort((x, y) => x.from.urn.localeCompare(y.from.urn));
  const added = [...appeared].sort().map((u) => ref(after.get(u)!));
  const deleted = [...removed].sort().map((u) => ref(before.get(u)!));
  const atRisk: PlanDiff["atRisk"] = [
    ...deleted.filter((r) => r.stateful || r.protect).map((r) => ({ ...r, change: "deleted" as const, detail: "it disappears from the program" })),
    ...renamed
      .filter((r) => !r.aliased && (r.from.stateful || r.from.protect))
      .map((r) => ({ ...r.from, change: "renamed without alias" as const, detail: `it reappears as ${r.to.urn}; the engine deletes the old and creates the new unless ${keepBy(r)}` })),
    ...replaced.filter((r) => r.stateful || r.protect).map((r) => ({ ...r, change: "replaced" as const, detail: `${r.because.join(", ")} can only change by replacement` })),
  ];

  // Cost, by resource (a renamed resource is compared with its old self).
  const costOf = (r: PlanReport) => new Map(r.cost.byResource.map((l) => [l.urn, l]));
  const cb = costOf(base);
  const ca = costOf(head);
  const renamedTo = new Map(renamed.map((r) => [r.to.urn, r.from.urn]));
  const byResource: CostDelta[] = [];
  const seenBefore = new Set<string>();
  for (const [urn, line] of ca) {
    const old = cb.get(renamedTo.get(urn) ?? urn);
    if (old) seenBefore.add(old.urn);
    const beforeUsd = old?.monthlyUsd ?? 0;
    if (Math.abs(line.monthlyUsd - beforeUsd) >= 0.005) {
      byResource.push({ urn, type: line.type, beforeUsd, afterUsd: line.monthlyUsd, deltaUsd: round(line.monthlyUsd - beforeUsd), usagePriced: line.basis.startsWith("usage-priced") || /requests ×/.test(line.basis) });
    }
  }
  for (const [urn, line] of cb) {
    if (!seenBefore.has(urn) && line.monthlyUsd !== 0) byResource.push({ urn, type: line.type, beforeUsd: line.monthlyUsd, afterUsd: 0, deltaUsd: round(-line.monthlyUsd), usagePriced: line.basis.startsWith("usage-priced") });
  }
  byResource.sort((x, y) => Math.abs(y.deltaUsd) - Math.abs(x.deltaUsd) || x.urn.localeCompare(y.urn));

  // Policy findings, matched by rule, resource and message (a renamed resource keeps its findings).
  const renameKey = (v: PolicyViolation) => violationKey({ ...v, urn: v.urn ? (renamedTo.get(v.urn) ?? v.urn) : v.urn });
  const beforeKeys = new Set(base.violations.map(violationKey));
  const afterKeys = new Set(head.violations.map(renameKey));
  const addedViolations = head.violations.filter((v) => !beforeKeys.has(renameKey(v)));
  const fixed = base.violations.filter((v) => !afterKeys.has(violationKey(v)));

  // Acknowledgements, matched by rule, resource (under its old URN when renamed), reason and expiry: a changed reason
  // or expiry counts as a new acknowledgement.
  const ackKey = (a: PolicyAcknowledgement, urn = a.urn) => JSON.stringify([a.policyName, urn, a.reason, a.expires ?? null]);
  const acksBefore = new Set((base.acknowledged ?? []).map((a) => ackKey(a)));
  const acksAfter = new Set((head.acknowledged ?? []).map((a) => ackKey(a, renamedTo.get(a.urn) ?? a.urn)));
  const acknowledgementsAdded = (head.acknowledged ?? []).filter((a) => !acksBefore.has(ackKey(a, renamedTo.get(a.urn) ?? a.urn)));
  const acknowledgementsRemoved = (base.acknowledged ?? []).filter((a) => !acksAfter.has(ackKey(a)));

  const blocking: string[] = [];
  for (const r of atRisk) blocking.push(`${r.urn}: ${r.stateful ? "stateful" : "protected"}, ${r.change}`);
  for (const v of addedViolations.filter((x) => x.enforcementLevel === "mandatory")) blocking.push(`new mandatory violation: ${v.policyName} on ${v.urn || "the stack"}`);
  for (const e of head.engineErrors.filter((x) => !base.engineErrors.includes(x))) blocking.push(`the engine would reject: ${e}`);

  return {
    diffVersion: DIFF_VERSION,
    stack: head.stack,
    blocking,
    atRisk,
    added,
    deleted,
    renamed,
    replaced,
    updated,
    unchanged,
    cost: { beforeUsd: base.cost.totalMonthlyUsd, afterUsd: head.cost.totalMonthlyUsd, deltaUsd: round(head.cost.totalMonthlyUsd - base.cost.totalMonthlyUsd), byResource },
    policy: { added: addedViolations, fixed, unchanged: head.violations.length - addedViolations.length, acknowledgementsAdded, acknowledgementsRemoved },
    dr: { before: base.dr, after: head.dr, changed: JSON.stringify(base.dr) !== JSON.stringify(head.dr) },
  };
}

/** What keeps the live resource of a rename without an alias. */
function keepBy(r: RenamedResource): string {
  // A pairing by likeness may also be one resource deleted and an unrelated one created: alias only the same thing.
  return r.parentRenamedFrom !== undefined
    ? `its parent gets an alias to its old name ("${r.parentRenamedFrom}"), which its children follow (if it is the same resource renamed)`
    : `the new one has ${r.aliasToAdd} (if it is the same resource renamed, not a new one)`;
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

const usd = (n: number) => `${n < 0 ? "-" : ""}$${Math.abs(n).toFixed(2)}`;
const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "-" : "±"}$${Math.abs(n).toFixed(2)}`;
const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v).slice(0, 80));

/** One line: what the change does. */
export function summaryLine(d: PlanDiff): string {
  const counts = [
    d.added.length && `${d.added.length} added`,
    d.deleted.length && `${d.deleted.length} deleted`,
    d.replaced.length && `${d.replaced.length} replaced`,
    d.renamed.length && `${d.renamed.length} renamed`,
    d.updated.length && `${d.updated.length} updated`,
  ].filter(Boolean);
  const what = counts.length === 0 ? "no resource changes" : counts.join(", ");
  const risk = d.atRisk.length > 0 ? `; ${d.atRisk.length} stateful or protected at risk` : "";
  const policy = d.policy.added.length || d.policy.fixed.length ? `; policy +${d.policy.added.length}/-${d.policy.fixed.length}` : "";
  const acks = d.policy.acknowledgementsAdded.length ? `; ${d.policy.acknowledgementsAdded.length} newly acknowledged` : "";
  return `${d.stack}: ${what}${risk}; cost ${signed(d.cost.deltaUsd)}/month${policy}${acks}${d.dr.changed ? "; DR figures change" : ""}`;
}

function drLine(dr: PlanReport["dr"]): string {
  if (!dr) return "none";
  // The RTO's sum is absent in reports before 0.5.0.
  const rto = dr.rtoSeconds === undefined || dr.rtoSeconds === null ? "" : `, RTO sum ${dr.rtoSeconds} s`;
  return `failover ${dr.failoverSeconds ?? "-"} s${rto} (RTO ${dr.rtoTargetSeconds} s), RPO guard ${dr.rpoGuardSeconds ?? "-"} s (RPO ${dr.rpoTargetSeconds} s)`;
}

export function renderDiffText(d: PlanDiff): string {
  const lines = [summaryLine(d)];
  if (d.atRisk.length) lines.push("", "AT RISK (stateful or protected):", ...d.atRisk.map((r) => `  ! ${r.change}: ${r.urn} (${r.detail})`));
  if (d.added.length) lines.push("", "Added:", ...d.added.map((r) => `  + ${r.urn}`));
  if (d.deleted.length) lines.push("", "Deleted:", ...d.deleted.map((r) => `  - ${r.urn}`));
  if (d.renamed.length) lines.push("", "Renamed:", ...d.renamed.map((r) => `  ~ ${r.from.urn} -> ${r.to.urn} ${r.aliased ? "(alias: kept)" : `(no alias: replaced unless ${keepBy(r)})`}`));
  if (d.replaced.length) lines.push("", "Replaced:", ...d.replaced.map((r) => `  +- ${r.urn} (${r.because.join(", ")})`));
  if (d.updated.length) {
    lines.push("", "Updated:");
    for (const r of d.updated) {
      lines.push(`  ~ ${r.urn}`);
      for (const c of r.changes) lines.push(`      ${c.path}: ${c.secret ? `[secret] ${c.secret}` : `${show(c.before)} -> ${show(c.after)}`}`);
    }
  }
  lines.push("", `Cost: ${usd(d.cost.beforeUsd)} -> ${usd(d.cost.afterUsd)} per month (${signed(d.cost.deltaUsd)})`);
  for (const c of d.cost.byResource.slice(0, 20)) lines.push(`  ${signed(c.deltaUsd)} ${c.urn}${c.usagePriced ? " (usage-priced)" : ""}`);
  lines.push("", `Policy: ${d.policy.added.length} added, ${d.policy.fixed.length} fixed, ${d.policy.unchanged} unchanged`);
  for (const v of d.policy.added) lines.push(`  + [${v.enforcementLevel}] ${v.policyName}: ${v.urn ?? "(stack)"}: ${v.message}`);
  for (const v of d.policy.fixed) lines.push(`  - [${v.enforcementLevel}] ${v.policyName}: ${v.urn ?? "(stack)"}: ${v.message}`);
  for (const a of d.policy.acknowledgementsAdded) lines.push(`  ~ acknowledged: ${a.policyName}: ${a.urn}: ${a.findings.join("; ")} (${a.expires ? `expires ${a.expires}` : "no expiry"}: ${a.reason})`);
  for (const a of d.policy.acknowledgementsRemoved) lines.push(`  ~ no longer acknowledged: ${a.policyName}: ${a.urn}`);
  lines.push("", `DR: ${drLine(d.dr.before)} -> ${drLine(d.dr.after)}`);
  return `${lines.join("\n")}\n`;
}

/** Markdown for a pull-request comment: the summary first, the detail folded. */
export function renderDiffMarkdown(d: PlanDiff): string {
  const short = (urn: string) => `\`${urn.split("::").slice(2).join("::").split("$").pop()}\``;
  const out = [`**\`${d.stack}\`** — ${summaryLine(d).slice(d.stack.length + 2)}`, ""];
  if (d.atRisk.length) {
    out.push("> [!CAUTION]", `> ${d.atRisk.length} stateful or protected resource(s) would be deleted or replaced:`);
    for (const r of d.atRisk) out.push(`> - **${r.change}**: ${short(r.urn)} — ${r.detail.replace(/urn:pulumi:[^\s;]+/g, (u) => short(u))}`);
    out.push("");
  }
  const fold = (title: string, body: string[]) => (body.length ? ["<details>", `<summary>${title}</summary>`, "", ...body, "", "</details>", ""] : []);
  out.push(...fold(`Added (${d.added.length})`, d.added.map((r) => `- ${short(r.urn)}`)));
  out.push(...fold(`Deleted (${d.deleted.length})`, d.deleted.map((r) => `- ${short(r.urn)}`)));
  // A renamed component's children follow it: one line for the component, with how many go with it.
  const under = (r: RenamedResource) => d.renamed.filter((c) => c.parentRenamedFrom !== undefined && c.from.urn.includes(`::${r.from.urn.split("::").pop()}-`)).length;
  out.push(
    ...fold(
      `Renamed (${d.renamed.length})`,
      d.renamed
        .filter((r) => r.parentRenamedFrom === undefined)
        .map((r) => {
          const n = under(r);
          const children = n > 0 ? ` (and the ${n} resources under it)` : "";
          return `- ${short(r.from.urn)} → ${short(r.to.urn)}${children}: ${r.aliased ? "alias, kept" : `no alias, **replaced** unless it has \`${r.aliasToAdd}\``}`;
        }),
    ),
  );
  out.push(...fold(`Replaced (${d.replaced.length})`, d.replaced.map((r) => `- ${short(r.urn)}: ${r.because.map((b) => `\`${b}\``).join(", ")}`)));
  out.push(
    ...fold(
      `Updated (${d.updated.length})`,
      d.updated.flatMap((r) => [`- ${short(r.urn)}`, ...r.changes.slice(0, 10).map((c) => `  - \`${c.path}\`: ${c.secret ? `secret, ${c.secret}` : `\`${show(c.before)}\` → \`${show(c.after)}\``}`), ...(r.changes.length > 10 ? [`  - and ${r.changes.length - 10} more`] : [])]),
    ),
  );
  const costRows = d.cost.byResource.slice(0, 15).map((c) => `| ${short(c.urn)} | ${usd(c.beforeUsd)} | ${usd(c.afterUsd)} | ${signed(c.deltaUsd)}${c.usagePriced ? " (usage)" : ""} |`);
  out.push(...fold(`Cost: ${usd(d.cost.beforeUsd)} → ${usd(d.cost.afterUsd)} per month (${signed(d.cost.deltaUsd)})`, costRows.length ? ["| resource | before | after | delta |", "|---|---:|---:|---:|", ...costRows] : ["No resource's estimate changes."]));
  out.push(
    ...fold(`Policy: ${d.policy.added.length} added, ${d.policy.fixed.length} fixed${d.policy.acknowledgementsAdded.length ? `, ${d.policy.acknowledgementsAdded.length} newly acknowledged` : ""}`, [
      ...d.policy.added.map((v) => `- added, ${v.enforcementLevel}: \`${v.policyName}\` on ${v.urn ? short(v.urn) : "the stack"}: ${v.message}`),
      ...d.policy.fixed.map((v) => `- fixed: \`${v.policyName}\` on ${v.urn ? short(v.urn) : "the stack"}`),
      ...d.policy.acknowledgementsAdded.map((a) => `- **acknowledged**: \`${a.policyName}\` on ${short(a.urn)}: ${a.findings.join("; ")} — ${a.expires ? `expires ${a.expires}` : "no expiry"}: ${a.reason}`),
      ...d.policy.acknowledgementsRemoved.map((a) => `- no longer acknowledged: \`${a.policyName}\` on ${short(a.urn)}`),
    ]),
  );
  if (d.dr.changed) out.push(`DR: ${drLine(d.dr.before)} → ${drLine(d.dr.after)}`, "");
  return `${out.join("\n").trimEnd()}\n`;
}

/** 1 when the change puts state at risk or adds a mandatory violation; else 0. */
export function diffExitCode(d: PlanDiff): 0 | 1 {
  return d.blocking.length > 0 ? 1 : 0;
}
