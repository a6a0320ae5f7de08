/**
 * Reading who a policy grants access to, for the exposure rules: AWS resource policies (a JSON string or an object,
 * one statement or an array, principals as "*", {"AWS": "*"} or {"AWS": ["*", ...]}) and GCP IAM members, bindings
 * and policy data (allUsers, allAuthenticatedUsers).
 *
 * A value not known yet at preview (a document or a member built from another resource's outputs) is read as
 * granting nothing: "*", allUsers and allAuthenticatedUsers are literals, never computed, and the pack runs again
 * at update, when the document is known. Reading it plainly would make the analyzer report "can't run".
 */
import { known } from "../../props";

export { known };

/**
 * Condition keys that narrow "everyone" to a known caller (an account, an organization, a network, a source
 * resource). Any other condition — `aws:SecureTransport`, say — leaves the statement public. The keys S3's own
 * "is this policy public" evaluation treats as restricting (Amazon S3 User Guide, "Blocking public access — The
 * meaning of public", checked 2026-11-30), with those Checkov's CKV_AWS_70 accepts besides (aws:VpceAccount,
 * aws:Ec2InstanceSourceVpc, ec2:SourceInstanceArn, lambda:SourceFunctionArn, ssm:SourceInstanceArn) and the
 * organization forms of the source keys. Lower case: condition keys are case-insensitive.
 */
const RESTRICTING_KEYS = new Set([
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:vpceaccount",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceowner",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:sourceip",
  "aws:userid",
  "aws:ec2instancesourcevpc",
  "ec2:sourceinstancearn",
  "lambda:sourcefunctionarn",
  "ssm:sourceinstancearn",
  // KMS's own: AWS's default key policy for service keys grants "*" on the condition that the caller is one account.
  "kms:calleraccount",
]);

/** A value that names no one: "*", any address, or an ARN of any resource in any account (Checkov's CKV_AWS_70 test). */
const ANY_ARN = /^arn:aws[a-z-]*:[^:]*:[^:]*:(\*|:\*)/;

function names(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.length > 0 && values.every((v) => typeof v !== "string" || (v !== "*" && v !== "0.0.0.0/0" && v !== "::/0" && !ANY_ARN.test(v)));
}

/** True when a statement's condition restricts the caller to a named account, organization, network or source. */
export function restricts(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  for (const block of Object.values(condition as Record<string, unknown>)) {
    if (block === null || typeof block !== "object") continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (RESTRICTING_KEYS.has(key.toLowerCase()) && names(value)) return true;
    }
  }
  return false;
}

/** An AWS principal that is everyone: "*", or a principal ARN in any account (`arn:aws:iam::*:role/x`). */
function anyone(v: unknown): boolean {
  return v === "*" || (typeof v === "string" && ANY_ARN.test(v));
}

/** True for the principal "*", {"AWS": "*"}, {"AWS": [..., "*"]} (and ["*"]), or an AWS principal ARN in any account. */
export function isEveryone(principal: unknown): boolean {
  if (Array.isArray(principal)) return principal.some(anyone);
  if (principal && typeof principal === "object") {
    const aws = (principal as { AWS?: unknown }).AWS;
    return Array.isArray(aws) ? aws.some(anyone) : anyone(aws);
  }
  return anyone(principal);
}

export interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: unknown;
}

/** Parsed documents by their JSON text: the same policy string is parsed once, however many resources carry it. */
const parsed = new Map<string, Statement[] | undefined>();
const PARSED_MAX = 512;

function statementsOfObject(doc: unknown): Statement[] {
  if (!doc || typeof doc !== "object") return [];
  const st = (doc as { Statement?: unknown; statement?: unknown }).Statement ?? (doc as { statement?: unknown }).statement;
  const list = Array.isArray(st) ? st : st ? [st] : [];
  return list.filter((s): s is Statement => s !== null && typeof s === "object");
}

/**
 * The statements of a policy given as a JSON string or an object; undefined when the text is not JSON (a policy
 * the provider will refuse anyway, or one a template renders later), so that the caller decides nothing.
 */
export function statementsOf(policy: unknown): Statement[] | undefined {
  if (policy === undefined || policy === null || policy === "") return [];
  if (typeof policy !== "string") return statementsOfObject(policy);
  if (parsed.has(policy)) return parsed.get(policy);
  let out: Statement[] | undefined;
  try {
    out = statementsOfObject(JSON.parse(policy));
  } catch {
    out = undefined;
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(policy, out);
  return out;
}

/** True when the statement allows everyone with no condition naming the caller (a part not known yet names someone). */
function isPublic(st: Statement): boolean {
  return known(() => st.Effect === "Allow" && isEveryone(st.Principal) && !restricts(st.Condition), false);
}

/** The statements that allow everyone with no condition naming the caller. */
export function publicStatements(policy: unknown): Statement[] {
  const statements = known(() => statementsOf(policy), undefined);
  if (!statements) return [];
  return statements.filter(isPublic);
}

/**
 * One finding per public statement of the policy in `p[key]`, e.g. `statement Open allows everyone ("*") ...`, the
 * input named first when `named` (`assumeRolePolicy statement ...`).
 */
export function reportPublicStatements(p: Record<string, any>, key: string, report: (message: string) => void, named = false): void {
  for (const st of publicStatements(known(() => p[key], undefined))) {
    const sid = known(() => st.Sid, undefined);
    report(`${named ? `${key} ` : ""}statement ${sid ?? "(no Sid)"} allows everyone ("*") with no condition that names who may call`);
  }
}

/** GCP's principals for everyone on the internet and every Google account. */
export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(["allUsers", "allAuthenticatedUsers"]);

/** The public members of a GCP IAM member (`member`), binding (`members`) or policy (`policyData`) resource. */
export function publicMembers(p: Record<string, any>): Array<{ member: string; role?: string }> {
  const out: Array<{ member: string; role?: string }> = [];
  const roleOf = (r: unknown) => (typeof r === "string" ? r : undefined);
  const role = known(() => roleOf(p["role"]), undefined);
  const add = (m: unknown, r: string | undefined) => {
    if (typeof m === "string" && PUBLIC_MEMBERS.has(m)) out.push({ member: m, role: r });
  };
  const addAll = (list: unknown, r: string | undefined) => {
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) add(known(() => list[i], undefined), r);
  };
  add(known(() => p["member"], undefined), role);
  addAll(known(() => p["members"], undefined), role);
  const policyData = known(() => p["policyData"], undefined);
  if (policyData !== undefined) {
    const doc = parsedPolicyData(policyData);
    const bindings = doc && Array.isArray(doc.bindings) ? doc.bindings : [];
    for (const b of bindings) if (b && typeof b === "object") addAll(b.members, roleOf(b.role));
  }
  return out;
}

const parsedData = new Map<string, { bindings?: Array<{ role?: unknown; members?: unknown[] }> } | undefined>();

function parsedPolicyData(data: unknown): { bindings?: Array<{ role?: unknown; members?: unknown[] }> } | undefined {
  if (typeof data !== "string") return data && typeof data === "object" ? (data as never) : undefined;
  if (parsedData.has(data)) return parsedData.get(data);
  let out;
  try {
    out = JSON.parse(data);
  } catch {
    out = undefined;
  }
  if (parsedData.size >= PARSED_MAX) parsedData.clear();
  parsedData.set(data, out);
  return out;
}

/** One finding per public member: `allUsers has roles/storage.objectViewer`. */
export function reportPublicMembers(p: Record<string, any>, report: (message: string) => void, what = "has"): void {
  for (const { member, role } of publicMembers(p)) report(`${member} ${what} ${role ?? "a role"}`);
}
