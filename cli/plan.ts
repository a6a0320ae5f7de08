/**
 * The offline plan: load a stack's config, run the Pulumi program under the offline engine, and report what
 * it would create. Policy violations, cost and the failover budget join the same report as they land.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { isEnvironment, type Environment } from "../components/core/environment";
// The policy pack (and through it the SDK) loads when a plan gets that far, not for a usage error.
import type { CostEstimate, DrSummary, PolicyAcknowledgement, PolicyPackConfigFile, PolicyViolation, ServiceUsage } from "../policies/pack";
import { runOffline, resolveEntry, type RecordedResource } from "./offline/engine";
import { load, PlanUsageError, REPORT_VERSION } from "./options";
import { requestPaths, type RequestPath } from "./paths";
import { loadStackConfigFile, StackConfigFileError } from "./offline/stack-config";

export interface PlanOptions {
  readonly stack: string;
  /** The Pulumi project directory. Default: the current directory. */
  readonly programDir?: string;
  /** The stack config file. Default: `<stackConfigDir>/Pulumi.<stack>.yaml` of the project. */
  readonly configFile?: string;
  /**
   * The policy pack config (the `--policy-pack-config` format). Default: Meridian's `policies/config/<env>.json`
   * for the stack's `meridian:environment`, or every rule at its default level when there is none.
   */
  readonly policyConfigFile?: string;
  /** Expected usage of usage-priced services (JSON: resource name → { requestsPerMonth, avgDurationMs }). */
  readonly usageFile?: string;
  /** Plan as the stack's first `pulumi preview`: every output of a resource the program creates is unknown. */
  readonly firstPreview?: boolean;
  /** Stop the program after this many seconds and report what was pending. Default: `DEFAULT_TIMEOUT_SECONDS`. */
  readonly timeoutSeconds?: number;
}

export { PlanUsageError } from "./options";

export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string | null;
  readonly custom: boolean;
  readonly id: string | null;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** The URNs this resource answers to besides its own (its aliases): a rename that keeps the live resource. */
  readonly aliases: string[];
  readonly provider: string | null;
  readonly dependsOn: string[];
  /** The nearest component above this resource, or null for the stack's own resources. */
  readonly component: string | null;
  /** aws | gcp | azure | kubernetes | other; null for components and the stack. */
  readonly cloud: string | null;
  /** Inputs as the provider receives them, secrets masked as `[secret]`. */
  readonly inputs: Record<string, unknown>;
  /**
   * For each secret input (its dotted path), a short digest of its value, so that `meridian diff` can say whether
   * a secret changed without showing it. Offline, a secret is a config placeholder or a value the fake cloud made.
   */
  readonly secretDigests: Record<string, string>;
}

export interface ComponentSummary {
  readonly urn: string | null;
  readonly type: string;
  readonly name: string;
  readonly resources: number;
  readonly byCloud: Record<string, number>;
}

export { REPORT_VERSION } from "./options";

export interface PlanReport {
  /** The report's format (`REPORT_VERSION`). */
  readonly reportVersion: number;
  /** The Meridian version that made it. */
  readonly meridianVersion: string;
  readonly stack: string;
  readonly project: string;
  readonly program: string;
  readonly configFile: string;
  readonly resources: PlannedResource[];
  readonly summary: {
    readonly total: number;
    readonly custom: number;
    readonly components: number;
    readonly byType: Record<string, number>;
    readonly byCloud: Record<string, number>;
    readonly byComponent: ComponentSummary[];
  };
  /** The environment the policies were evaluated for (`meridian:environment`), or null. */
  readonly environment: Environment | null;
  /** The policy pack config used, or null for the rules' defaults. */
  readonly policyConfigFile: string | null;
  /** Policy violations; a mandatory one fails the plan. */
  readonly violations: PolicyViolation[];
  /**
   * Findings accepted for one resource by an acknowledgement (a `meridian-ack-*` tag or the rule's
   * `acknowledgements` config), with its reason and expiry: reported, not violations. Absent in reports before 0.4.0.
   */
  readonly acknowledged: PolicyAcknowledgement[];
  /** Estimated monthly cost (list prices; see policies/pricing). */
  readonly cost: CostEstimate;
  /** Failover budget and RPO guard against the targets; null when the stack has neither DNS failover nor replication. */
  readonly dr: DrSummary | null;
  /**
   * For each public name and each cloud it fails over to, the resources a request passes through, from the DNS
   * record to the database (cli/paths.ts).
   */
  readonly paths: RequestPath[];
  /** Whether this plan simulated a stack's first preview (every computed output unknown). */
  readonly firstPreview: boolean;
  /** Mandatory checks that could not run because a value they read was unknown (reported as "can't run" advisories). */
  readonly mandatoryChecksNotRun: PolicyViolation[];
  readonly outputs: Record<string, unknown>;
  readonly secretOutputs: string[];
  /** What the real engine would reject (e.g. a disabled default provider); each fails the plan. */
  readonly engineErrors: string[];
  readonly unknownInvokes: string[];
  readonly messages: string[];
}

export interface ProjectFile {
  name: string;
  main?: string;
  stackConfigDir?: string;
}

function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") ? p : rel;
}

export function readProjectFile(programDir: string): ProjectFile {
  const file = path.join(programDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new PlanUsageError(`${display(programDir)}: no Pulumi.yaml (is --program a Pulumi project directory?)`);
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PlanUsageError(`${display(file)}: invalid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const project = doc as Partial<ProjectFile> | null;
  if (!project || typeof project.name !== "string" || project.name === "") {
    throw new PlanUsageError(`${display(file)}: 'name' must be the project name`);
  }
  return { name: project.name, main: project.main, stackConfigDir: project.stackConfigDir };
}

const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Where a project keeps a stack's config: `<stackConfigDir>/Pulumi.<stack>.yaml`, as the Pulumi CLI reads it. */
export function stackConfigPath(programDir: string, project: ProjectFile, stack: string): string {
  return path.join(path.resolve(programDir, project.stackConfigDir ?? "."), `Pulumi.${stack}.yaml`);
}

function knownStacks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** The cloud a type token belongs to. */
export function cloudOf(type: string): string | null {
  const t = type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : type;
  const pkg = t.split(":")[0] ?? "";
  if (type === "pulumi:pulumi:Stack") return null;
  if (pkg === "aws" || pkg === "gcp" || pkg === "kubernetes") return pkg;
  if (pkg === "azure-native" || pkg === "azure") return "azure";
  return null;
}

function isComponent(r: RecordedResource): boolean {
  return !r.custom && r.type !== "pulumi:pulumi:Stack";
}

/** Builds the report from what the engine recorded. */
/** A short digest of each value masked as `[secret]` in `masked`, read from `revealed` at the same path. */
function secretDigests(masked: unknown, revealed: unknown, at = "", out: Record<string, string> = {}): Record<string, string> {
  if (masked === "[secret]") {
    out[at] = createHash("sha256").update(JSON.stringify(revealed ?? null)).digest("hex").slice(0, 16);
  } else if (Array.isArray(masked)) {
    masked.forEach((m, i) => secretDigests(m, Array.isArray(revealed) ? revealed[i] : undefined, `${at}[${i}]`, out));
  } else if (typeof masked === "object" && masked !== null) {
    const r = (typeof revealed === "object" && revealed !== null ? revealed : {}) as Record<string, unknown>;
    for (const [k, m] of Object.entries(masked)) secretDigests(m, r[k], at === "" ? k : `${at}.${k}`, out);
  }
  return out;
}

export function buildReport(
  base: {
    stack: string;
    project: string;
    program: string;
    configFile: string;
    environment: Environment | null;
    policyConfigFile: string | null;
    violations: PolicyViolation[];
    acknowledged: PolicyAcknowledgement[];
    cost: CostEstimate;
    dr: DrSummary | null;
    firstPreview: boolean;
    mandatoryChecksNotRun: PolicyViolation[];
  },
  run: Awaited<ReturnType<typeof runOffline>>,
): PlanReport {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const componentOf = (r: RecordedResource): RecordedResource | undefined => {
    let p = r.parent ? byUrn.get(r.parent) : undefined;
    while (p && !isComponent(p)) p = p.parent ? byUrn.get(p.parent) : undefined;
    return p;
  };
  const resources: PlannedResource[] = run.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    parent: r.parent ?? null,
    custom: r.custom,
    id: r.id ?? null,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    aliases: r.aliases,
    provider: r.provider ?? null,
    dependsOn: r.dependsOn,
    component: componentOf(r)?.urn ?? null,
    cloud: r.custom ? (cloudOf(r.type) ?? "other") : null,
    inputs: r.maskedInputs,
    secretDigests: secretDigests(r.maskedInputs, r.inputs),
  }));
  const byType: Record<string, number> = {};
  const byCloud: Record<string, number> = {};
  const groups = new Map<string | null, ComponentSummary & { byCloud: Record<string, number> }>();
  groups.set(null, { urn: null, type: "pulumi:pulumi:Stack", name: "(stack)", resources: 0, byCloud: {} });
  for (const r of run.resources) if (isComponent(r)) groups.set(r.urn, { urn: r.urn, type: r.type, name: r.name, resources: 0, byCloud: {} });
  for (const r of resources) {
    if (!r.custom) continue;
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    const cloud = r.cloud ?? "other";
    byCloud[cloud] = (byCloud[cloud] ?? 0) + 1;
    const g = groups.get(r.component);
    if (g) {
      (g as { resources: number }).resources += 1;
      g.byCloud[cloud] = (g.byCloud[cloud] ?? 0) + 1;
    }
  }
  const custom = resources.filter((r) => r.custom).length;
  return {
    reportVersion: REPORT_VERSION,
    meridianVersion: load<typeof import("../policies/evaluate")>("../policies/evaluate").PACK_VERSION,
    ...base,
    resources,
    summary: {
      total: resources.length,
      custom,
      components: run.resources.filter(isComponent).length,
      byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
      byCloud: Object.fromEntries(Object.entries(byCloud).sort(([a], [b]) => a.localeCompare(b))),
      byComponent: [...groups.values()],
    },
    paths: base.firstPreview ? [] : requestPaths(run.resources),
    outputs: run.outputs,
    secretOutputs: run.secretOutputs,
    engineErrors: run.engineErrors,
    unknownInvokes: run.unknownInvokes,
    messages: run.messages,
  };
}

/** A stack's project and config, read as the Pulumi CLI would (what `plan` and `stack-info` both start from). */
export interface LoadedStack {
  readonly programDir: string;
  readonly project: ProjectFile;
  readonly configFile: string;
  /** The config file as messages name it (relative to the working directory when below it). */
  readonly configFileDisplay: string;
  readonly loaded: ReturnType<typeof loadStackConfigFile>;
}

/**
 * Reads a stack: its name checked, its project file, its config file (`configFile`, or the project's
 * `Pulumi.<stack>.yaml`). Throws `PlanUsageError` with one line for each thing that can be wrong.
 */
export function loadStack(stack: string, programDirOption?: string, configFileOption?: string): LoadedStack {
  if (!STACK_NAME.test(stack)) {
    throw new PlanUsageError(`invalid stack name ${JSON.stringify(stack)}: use letters, digits, '-', '_' or '.'`);
  }
  const programDir = path.resolve(programDirOption ?? ".");
  const project = readProjectFile(programDir);
  const configFile = configFileOption ? path.resolve(configFileOption) : stackConfigPath(programDir, project, stack);
  if (!fs.existsSync(configFile)) {
    if (configFileOption) throw new PlanUsageError(`${display(configFile)}: no such config file`);
    const known = knownStacks(path.dirname(stackConfigPath(programDir, project, stack)));
    throw new PlanUsageError(`unknown stack ${JSON.stringify(stack)}: no ${display(configFile)} (known stacks: ${known.length ? known.join(", ") : "none"})`);
  }
  try {
    return { programDir, project, configFile, configFileDisplay: display(configFile), loaded: loadStackConfigFile(configFile, project.name, display(configFile)) };
  } catch (err) {
    if (err instanceof StackConfigFileError) throw new PlanUsageError(err.message);
    throw err;
  }
}

/** Plans one stack offline. Throws `PlanUsageError` for bad usage or config files. */
export async function plan(options: PlanOptions): Promise<PlanReport> {
  const { programDir, project, configFile, loaded } = loadStack(options.stack, options.programDir, options.configFile);
  let entry: string;
  try {
    entry = resolveEntry(programDir, project.main);
  } catch (err) {
    throw new PlanUsageError(`${display(path.join(programDir, "Pulumi.yaml"))}: ${(err as Error).message}`);
  }
  // Lets the program name the file in its errors (stacks/config.ts reads it).
  process.env["MERIDIAN_CONFIG_FILE"] = display(configFile);
  const run = await runOffline({
    programDir,
    program: entry,
    project: project.name,
    stack: options.stack,
    config: loaded.config,
    secretKeys: loaded.secretKeys,
    firstPreview: options.firstPreview,
    timeoutSeconds: options.timeoutSeconds,
  });
  const envValue = loaded.config[`${CONFIG_NAMESPACE}:environment`];
  const environment = isEnvironment(envValue) ? envValue : null;
  const policyConfigFile = options.policyConfigFile
    ? path.resolve(options.policyConfigFile)
    : environment
      ? path.join(PACKAGE_ROOT, "policies", "config", `${environment}.json`)
      : undefined;
  const policyConfig = policyConfigFile ? readPolicyConfig(policyConfigFile) : undefined;
  // Custom resources as policies see them (their inputs), components with their registered outputs.
  const policyResources = run.resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack")
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: r.custom ? r.inputs : (r.revealedOutputs ?? {}),
      protect: r.protect,
      provider: r.provider,
      kind: r.custom ? ("custom" as const) : ("component" as const),
      // What the engine gives stack policies, so that a rule relates resources whose ARNs are unknown at preview.
      dependencies: r.dependsOn,
      propertyDependencies: r.propertyDependencies ?? {},
    }));
  const usage = options.usageFile ? readJson<Record<string, ServiceUsage>>(path.resolve(options.usageFile), "usage file") : undefined;
  // The budget rule prices with the same usage as the report.
  const budgetEntry = policyConfig?.["meridian-cost-budget"];
  const withUsage: PolicyPackConfigFile | undefined =
    usage === undefined
      ? policyConfig
      : { ...policyConfig, "meridian-cost-budget": { ...(typeof budgetEntry === "object" ? budgetEntry : typeof budgetEntry === "string" ? { enforcementLevel: budgetEntry } : {}), usage } };
  const acknowledged: PolicyAcknowledgement[] = [];
  const { estimateMonthlyCost, evaluatePolicies, mandatoryChecksNotRun, stackDrSummary } = load<typeof import("../policies/pack")>("../policies/pack");
  const violations = await evaluatePolicies(policyResources, { environment: environment ?? undefined, config: withUsage, onAcknowledged: (a) => acknowledged.push(a) });
  const cost = estimateMonthlyCost(policyResources.filter((r) => r.kind === "custom"), { usage });
  const summary = stackDrSummary(policyResources, policyConfig);
  const dr = summary.failoverSeconds === null && summary.rpoGuardSeconds === null ? null : summary;
  return buildReport(
    {
      stack: options.stack,
      project: project.name,
      program: display(entry),
      configFile: display(configFile),
      environment,
      policyConfigFile: policyConfigFile ? display(policyConfigFile) : null,
      violations,
      acknowledged,
      cost,
      dr,
      firstPreview: options.firstPreview === true,
      mandatoryChecksNotRun: mandatoryChecksNotRun(violations, policyConfig),
    },
    run,
  );
}

const CONFIG_NAMESPACE = "meridian";

/** The Meridian package root (this file is cli/plan.ts in the sources, dist/cli/plan.js when built). */
const PACKAGE_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

function readPolicyConfig(file: string): PolicyPackConfigFile {
  const config = readJson<PolicyPackConfigFile>(file, "policy config");
  // The Pulumi CLI refuses a policy config that fails a rule's schema; so does the plan.
  const problems = load<typeof import("../policies/pack")>("../policies/pack").policyConfigProblems(config);
  if (problems.length > 0) throw new PlanUsageError(`${display(file)}: invalid policy config: ${problems.join("; ")}`);
  return config;
}

function readJson<T>(file: string, what: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PlanUsageError(`${display(file)}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("expected an object");
    return parsed as T;
  } catch (err) {
    throw new PlanUsageError(`${display(file)}: invalid ${what}: ${(err as Error).message}`);
  }
}
