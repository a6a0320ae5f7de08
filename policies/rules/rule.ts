/**
 * Building a resource rule from per-type checks: the rule is not applicable to any other type (so an unknown type
 * is `notApplicable`, never silently compliant), its description carries the finding and why it matters, each type
 * cites the public rules it stands for, and a finding acknowledged for the resource (policies/acknowledge.ts) is
 * reported as acknowledged instead of as a violation.
 */
import { UnknownValueError } from "@pulumi/policy";
import { todayUtc } from "../../components/core/acknowledgements";
import { hasOwn } from "../../components/core/errors";
import { ACKNOWLEDGEMENTS_SCHEMA, acknowledgedReason, acknowledgementFor, type ConfigAcknowledgement, type FoundAcknowledgement } from "../acknowledge";
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

/**
 * A check of one type, with the public scanners' rules it stands for: Checkov (`CKV_AWS_19`, `CKV2_GCP_5`), Trivy
 * (`AVD-AWS-0088`), KICS (`KICS-<uuid>`), cdk-nag (`AwsSolutions-S1`), Pulumi's compliance policies, or the provider's
 * own documentation (`doc:<what>`) where no scanner has one.
 */
export interface TypeCheck<C> {
  readonly refs: readonly string[];
  readonly check: Check<C>;
}

/** Type token → check. */
export type CheckTable<C> = Readonly<Record<string, TypeCheck<C>>>;

export type Concern = "tagging" | "encryption" | "exposure" | "resilience" | "cost";

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
  /** Type token → check; several tables (one per cloud) are merged, checks of one type running in turn. */
  readonly checks: CheckTable<C> | readonly CheckTable<C>[];
}

/** A rule as `resourceRule` builds it: a CrossGuard resource policy, the types it checks and the references of each. */
export type MeridianResourceRule = ResourceValidationPolicy & {
  readonly appliesTo: string[];
  readonly concern: Concern;
  /** Type token → the public rule ids its check stands for. */
  readonly references: Readonly<Record<string, readonly string[]>>;
};

/** The tables merged: a type in several runs each check in turn, with the references of all. */
export function mergeChecks<C>(tables: readonly CheckTable<C>[]): Record<string, TypeCheck<C>> {
  const out: Record<string, TypeCheck<C>> = {};
  for (const table of tables) {
    for (const [type, entry] of Object.entries(table)) {
      const seen = out[type];
      out[type] = seen
        ? {
            refs: [...new Set([...seen.refs, ...entry.refs])],
            check: (p, report, ctx) => {
              seen.check(p, report, ctx);
              entry.check(p, report, ctx);
            },
          }
        : entry;
    }
  }
  return out;
}

/** What the offline evaluator adds to a resource's args: the day to judge expiry by, and a sink for acknowledged findings. */
export interface OfflineArgs {
  readonly meridianToday?: string;
  readonly meridianAcknowledged?: (ack: FoundAcknowledgement, findings: readonly string[]) => void;
}

export function resourceRule<C extends object = Record<string, never>>(def: RuleDefinition<C>): MeridianResourceRule {
  const checks = mergeChecks(Array.isArray(def.checks) ? (def.checks as readonly CheckTable<C>[]) : [def.checks as CheckTable<C>]);
  const types = Object.keys(checks);
  const concern = def.name.split("-")[1] as Concern;
  return {
    name: def.name,
    description: `${def.finding} Why: ${def.why}`,
    remediationSteps: def.remediation,
    enforcementLevel: def.enforcementLevel,
    severity: def.severity,
    configSchema: { ...def.configSchema, properties: { ...def.configSchema?.properties, acknowledgements: ACKNOWLEDGEMENTS_SCHEMA as never } },
    appliesTo: types,
    concern,
    references: Object.fromEntries(types.map((t) => [t, checks[t]!.refs])),
    validateResource: (args, reportViolation) => {
      const entry = hasOwn(checks, args.type) ? checks[args.type] : undefined;
      if (!entry) {
        args.notApplicable(`applies to ${types.join(", ")}`);
        return;
      }
      const config = args.getConfig<C & { acknowledgements?: ConfigAcknowledgement[] }>();
      const findings: string[] = [];
      // A value the check reads may be unknown at preview: what it found before that is still reported (or
      // acknowledged) before the analyzer hears it could not finish.
      let unknown: unknown;
      try {
        entry.check(args.props, (m) => findings.push(m), { config, type: args.type, name: args.name, protect: args.opts?.protect ?? false });
      } catch (err) {
        if (!(err instanceof UnknownValueError)) throw err;
        unknown = err;
      }
      const offline = args as unknown as OfflineArgs;
      const ack = findings.length === 0 ? undefined : acknowledgementFor(def.name, args, config.acknowledgements, offline.meridianToday ?? todayUtc());
      if (ack === undefined || ack.lapsed !== undefined) {
        for (const f of findings) reportViolation(ack === undefined ? f : `${f} (not acknowledged: ${ack.lapsed}; reason given: ${ack.reason})`);
        if (unknown !== undefined) throw unknown;
        return;
      }
      offline.meridianAcknowledged?.(ack, findings);
      if (unknown !== undefined) throw unknown;
      args.notApplicable(acknowledgedReason(ack, findings));
    },
  };
}

export { at, isSet } from "../props";
