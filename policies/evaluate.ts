/**
 * Runs the policy pack's resource rules outside the Pulumi engine, the way CrossGuard's analyzer runs them
 * (@pulumi/policy 1.21 server.js): per-policy enforcement levels from the pack config, config defaults from
 * each rule's `configSchema`, inputs behind `unknownCheckingProxy`, `notApplicable` and unknown values handled
 * as the analyzer does. The offline plan and the tests call this; `pulumi preview --policy-pack policies`
 * runs the very same rule objects.
 */
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
// The types from the module that declares them: @pulumi/policy's index.d.ts re-exports two names its proxy.d.ts
// does not declare, which breaks a consumer's type check without skipLibCheck (Pulumi's template has none).
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import type { EnforcementLevel, Policies, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy/policy";
import type { Environment } from "../components/core";
import type { FoundAcknowledgement, PolicyAcknowledgement } from "./acknowledge";

/** One resource as the engine reports it to a policy. */
export interface PolicyResourceInput {
  /** The type token, e.g. `aws:rds/instance:Instance`. */
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs with secrets revealed; unknowns as the engine's unknown sentinel. */
  readonly props: Record<string, unknown>;
  readonly protect?: boolean;
  /**
   * `component` resources (their props are their registered outputs) reach stack rules only, as in a Pulumi
   * snapshot. @default "custom"
   */
  readonly kind?: "custom" | "component";
  /** The URNs it depends on; stack rules get them as the resources themselves, as from the engine. @default [] */
  readonly dependencies?: readonly string[];
  /** For each input, the URNs its value came from; stack rules get the resources themselves. @default {} */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /**
   * The URN of the resource's explicit provider (offline: `urn::id` as the engine records it), as CrossGuard gives a
   * stack rule `provider.urn`. @default - none (the default provider)
   */
  readonly provider?: string;
}

export interface PolicyViolation {
  readonly policyName: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  readonly message: string;
}

/** A policy pack config as `--policy-pack-config` reads it: `{ all?: level, "<policy>": level | { enforcementLevel?, ...config } }`. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface EvaluateOptions {
  /** The stack's environment: passed to every rule whose `configSchema` has an `environment` property. */
  readonly environment?: Environment;
  readonly config?: PolicyPackConfigFile;
  /** The day acknowledgements' expiry is judged by, `YYYY-MM-DD` (UTC). @default today */
  readonly today?: string;
  /** Called for each rule's acknowledged findings on a resource (they are not violations). */
  readonly onAcknowledged?: (ack: PolicyAcknowledgement) => void;
}

/**
 * The pack's name (policies/index.ts) and version: the package's, which policies/package.json (where the CLI's
 * policy runtime reads it) repeats, kept equal by a test. Found by walking up from here: this file is
 * policies/evaluate.ts in the sources and dist/policies/evaluate.js when installed.
 */
export const PACK_NAME = "meridian";
export const PACK_VERSION: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "policies") {
    if (path.dirname(dir) === dir) return "0.0.0";
    dir = path.dirname(dir);
  }
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
})();

/** Thrown by `args.notApplicable()`. Not an Error: a rule declines for most resources, and a stack trace each time costs. */
class NotApplicable {
  constructor(readonly reason: string | undefined) {}
}

/** A policy's enforcement level from a `--policy-pack-config` file, as the CLI resolves it before it configures the pack. */
export function levelOf(policy: Policies[number], config: PolicyPackConfigFile): EnforcementLevel {
  const entry = config[policy.name];
  if (typeof entry === "string") return entry;
  if (entry && typeof entry === "object" && entry.enforcementLevel) return entry.enforcementLevel;
  const all = config["all"];
  if (typeof all === "string") return all;
  return policy.enforcementLevel ?? "advisory";
}

/**
 * The level a policy is enforced at: `levelOf`, with `remediate` acting as `mandatory` (Meridian's rules validate and
 * have no remediation, so a violation stops the update as a mandatory one does).
 */
export function enforcedLevel(policy: Policies[number], config: PolicyPackConfigFile): Exclude<EnforcementLevel, "remediate"> {
  const level = levelOf(policy, config);
  return level === "remediate" ? "mandatory" : level;
}

export { cantRunReason } from "./cant-run";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * Checks a `--policy-pack-config` file as the Pulumi CLI does before it configures a pack: each entry names a
 * policy of the pack (or `all`), its level is a known one, and its other properties satisfy the policy's
 * `configSchema` (a JSON schema, checked here with Ajv). Returns one line per problem, empty when the file is good.
 * Meridian is stricter in one place: an entry for a policy the pack does not have is an error, not ignored (a typo
 * would otherwise leave a rule at its default without a word).
 */
export function policyConfigProblems(policies: Policies, config: PolicyPackConfigFile): string[] {
  const problems: string[] = [];
  const byName = new Map(policies.map((p) => [p.name, p]));
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [name, entry] of Object.entries(config)) {
    if (name === "all") {
      if (!LEVELS.includes(entry as EnforcementLevel)) problems.push(`all: ${JSON.stringify(entry)} is not an enforcement level (${LEVELS.join(", ")})`);
      continue;
    }
    const policy = byName.get(name);
    if (!policy) {
      problems.push(`${name}: no policy of that name in the pack`);
      continue;
    }
    if (typeof entry === "string") {
      if (!LEVELS.includes(entry)) problems.push(`${name}: ${JSON.stringify(entry)} is not an enforcement level (${LEVELS.join(", ")})`);
      continue;
    }
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      problems.push(`${name}: must be an enforcement level or an object; got ${JSON.stringify(entry)}`);
      continue;
    }
    const { enforcementLevel, ...properties } = entry;
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel)) problems.push(`${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${LEVELS.join(", ")})`);
    const schema: { properties?: object; required?: string[] } = policy.configSchema ?? {};
    const validate = ajv.compile({ type: "object", properties: schema.properties ?? {}, required: schema.required ?? [] });
    if (!validate(properties)) {
      for (const e of validate.errors ?? []) problems.push(`${name}${e.instancePath.replace(/\//g, ".")}: ${e.message ?? "is invalid"}`);
    }
  }
  return problems;
}

/** The config a rule sees: its schema's defaults, then the config file's entry for it (as CrossGuard resolves them). */
export function configOf(policy: Policies[number], options: EvaluateOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = policy.configSchema?.properties ?? {};
  for (const [key, schema] of Object.entries(properties)) {
    const def = (schema as { default?: unknown }).default;
    if (def !== undefined) out[key] = def;
  }
  const entry = options.config?.[policy.name];
  if (entry && typeof entry === "object") {
    for (const [k, v] of Object.entries(entry)) if (k !== "enforcementLevel") out[k] = v;
  }
  // The stack's own environment is a fact; a config file's `environment` only stands in for it under the CLI.
  if (options.environment !== undefined && "environment" in properties) out["environment"] = options.environment;
  return out;
}

/** Runs every rule of `policies` — resource rules over custom resources, stack rules over all — and returns the violations, in order. */
export async function evaluatePolicies(policies: Policies, resources: readonly PolicyResourceInput[], options: EvaluateOptions = {}): Promise<PolicyViolation[]> {
  const violations: PolicyViolation[] = [];
  const config = options.config ?? {};
  const custom = resources.filter((r) => (r.kind ?? "custom") === "custom");
  for (const policy of policies) {
    const level = enforcedLevel(policy, config);
    if (level === "disabled") continue;
    const policyConfig = configOf(policy, options);
    const notApplicable = (reason?: string): never => {
      throw new NotApplicable(reason);
    };
    const failed = (err: unknown, urn: string) => {
      if (err instanceof NotApplicable) return;
      if (err instanceof UnknownValueError) {
        // Word for word what @pulumi/policy's analyzer reports (server.js).
        violations.push({ policyName: policy.name, enforcementLevel: "advisory", urn, message: `can't run policy '${policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${(err as Error).message}` });
        return;
      }
      throw new Error(`policy '${policy.name}' failed on ${urn || "the stack"}: ${(err as Error).message}`);
    };
    if ("validateStack" in policy && policy.validateStack) {
      // As the engine hands them over: dependencies are the resources themselves (`PolicyResource`), not URNs.
      const stackResources = resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: unknownCheckingProxy(r.props) as Record<string, unknown>,
        ...(r.provider === undefined ? {} : { provider: { urn: r.provider.replace(/::[^:]*$/, "") } }),
        opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], replaceOnChanges: [] },
        dependencies: [] as unknown[],
        propertyDependencies: {} as Record<string, unknown[]>,
      }));
      const byUrn = new Map(stackResources.map((r) => [r.urn, r]));
      const resolve = (urns: readonly string[] | undefined) => (urns ?? []).map((u) => byUrn.get(u)).filter((x) => x !== undefined);
      resources.forEach((r, i) => {
        const target = stackResources[i]!;
        target.dependencies = resolve(r.dependencies);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) target.propertyDependencies[k] = resolve(urns);
      });
      const args = {
        resources: stackResources,
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => policyConfig as T,
        notApplicable,
      } as unknown as StackValidationArgs;
      try {
        await policy.validateStack(args, (message, urn) => violations.push({ policyName: policy.name, enforcementLevel: level, urn: urn ?? "", message }));
      } catch (err) {
        failed(err, "");
      }
      continue;
    }
    if (!("validateResource" in policy) || !policy.validateResource) continue;
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const resource of custom) {
      const report = (message: string) => violations.push({ policyName: policy.name, enforcementLevel: level, urn: resource.urn, message });
      for (const validate of validations) {
        const props = unknownCheckingProxy(resource.props) as Record<string, unknown>;
        const args = {
          type: resource.type,
          props,
          urn: resource.urn,
          name: resource.name,
          opts: { protect: resource.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], replaceOnChanges: [] },
          stackTags: new Map<string, string>(),
          isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === resource.type,
          asType: (cls: { __pulumiType?: string }) => (cls.__pulumiType === resource.type ? props : undefined),
          getConfig: <T extends object>() => policyConfig as T,
          notApplicable,
          meridianToday: options.today,
          meridianAcknowledged: (ack: FoundAcknowledgement, findings: readonly string[]) =>
            options.onAcknowledged?.({ policyName: policy.name, urn: resource.urn, source: ack.source, where: ack.where, reason: ack.reason, ...(ack.expires ? { expires: ack.expires } : {}), findings }),
        } as unknown as ResourceValidationArgs;
        try {
          await validate(args, report);
        } catch (err) {
          failed(err, resource.urn);
        }
      }
    }
  }
  return violations;
}
