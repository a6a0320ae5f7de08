/**
 * Building a resource rule from per-type checks: the rule is not applicable to any other type (so an unknown type
 * is `notApplicable`, never silently compliant), and its description carries the finding and why it matters.
 */
import { UnknownValueError } from "@pulumi/policy";
import type { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy, Severity } from "@pulumi/policy/policy";

/** The facts a check gets besides the resource's inputs. */
export interface CheckContext<C> {
  readonly config: C;
  readonly type: string;
  readonly name: string;
  /** The resource's `protect` option. */
  readonly protect: boolean;
}

export type Check<C> = (props: Record<string, any>, report: (message: string) => void, ctx: CheckContext<C>) => void;

export interface RuleDefinition<C> {
  readonly name: string;
  /** What is wrong, in one sentence. */
  readonly finding: string;
  /** Why it matters. */
  readonly why: string;
  readonly remediation: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly configSchema?: PolicyConfigSchema;
  /** Type token → check. */
  readonly checks: Readonly<Record<string, Check<C>>>;
}

/** A rule as `resourceRule` builds it: a CrossGuard resource policy and the types it checks. */
export type MeridianResourceRule = ResourceValidationPolicy & { readonly appliesTo: string[] };

export function resourceRule<C extends object = Record<string, never>>(def: RuleDefinition<C>): MeridianResourceRule {
  const types = Object.keys(def.checks);
  return {
    name: def.name,
    description: `${def.finding} Why: ${def.why}`,
    remediationSteps: def.remediation,
    enforcementLevel: def.enforcementLevel,
    severity: def.severity,
    configSchema: def.configSchema ?? { properties: {} },
    appliesTo: types,
    validateResource: (args, reportViolation) => {
      const check = def.checks[args.type];
      if (!check) {
        args.notApplicable(`applies to ${types.join(", ")}`);
        return;
      }
      check(args.props, reportViolation, { config: args.getConfig<C>(), type: args.type, name: args.name, protect: args.opts?.protect ?? false });
    },
  };
}

/** The value at a dotted path, or undefined. */
export function at(obj: unknown, path: string): any {
  let cur: any = obj;
  for (const seg of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * True when `key` holds a value: a truthy one, or one not known yet at preview (an ARN or id another resource of
 * the program will compute is certainly set, even before it can be read). Reading it plainly would make the
 * analyzer report "can't run" instead of deciding.
 */
export function isSet(p: Record<string, unknown>, key: string): boolean {
  try {
    return Boolean(p[key]);
  } catch (err) {
    if (err instanceof UnknownValueError) return true;
    throw err;
  }
}
