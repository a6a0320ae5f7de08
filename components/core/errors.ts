/**
 * Errors raised before anything reaches a provider.
 *
 * Every message has the same shape, so that a reader (or a test) finds the same four facts in it:
 *
 *     <component> '<name>': <field> must be <allowed>; got <value>.
 */

/** What a `MeridianValidationError` knows about the bad value. */
export interface ValidationProblem {
  /** The component type or the file that was being validated, e.g. `meridian:database:RdsPostgres` or `stacks/Pulumi.dev.yaml`. */
  readonly component: string;
  /** The logical name of the component instance, when there is one. */
  readonly name?: string;
  /** The field or config key, as a dotted path: `backupRetentionDays`, `meridian:gcp.region`. */
  readonly field: string;
  /** The value received (rendered with `describeValue`). */
  readonly value: unknown;
  /** What would have been accepted, in words: `an integer from 1 to 35`. */
  readonly allowed: string;
}

/** Renders a received value for an error message: strings quoted, long values cut, Outputs (which may hold secrets) never unwrapped. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "object" && value !== null && "__pulumiOutput" in value) return "<pulumi.Output>";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * A plain argument or a config value is not acceptable. Thrown at construction (or at config load),
 * so a bad value never reaches a provider or the engine.
 */
export class MeridianValidationError extends Error {
  readonly component: string;
  readonly componentName: string | undefined;
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(problem: ValidationProblem) {
    const who = problem.name === undefined ? problem.component : `${problem.component} '${problem.name}'`;
    super(`${who}: ${problem.field} must be ${problem.allowed}; got ${describeValue(problem.value)}.`);
    this.name = "MeridianValidationError";
    this.component = problem.component;
    this.componentName = problem.name;
    this.field = problem.field;
    this.value = problem.value;
    this.allowed = problem.allowed;
  }
}

/**
 * A validator bound to one component instance, so checks read as one line each:
 *
 *     const check = validator("meridian:database:RdsPostgres", name);
 *     check.intRange("backupRetentionDays", args.backupRetentionDays, 1, 35);
 */
export interface Validator {
  fail(field: string, value: unknown, allowed: string): never;
  oneOf<T extends string | number>(field: string, value: T | undefined, allowed: readonly T[]): void;
  intRange(field: string, value: number | undefined, min: number, max: number): void;
  pattern(field: string, value: string | undefined, re: RegExp, allowed: string): void;
  /** Like `pattern`, but the value is required: undefined (or not a string) fails too. */
  requiredPattern(field: string, value: unknown, re: RegExp, allowed: string): void;
}

export function validator(component: string, name?: string): Validator {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new MeridianValidationError({ component, name, field, value, allowed });
  };
  return {
    fail,
    oneOf(field, value, allowed) {
      if (value !== undefined && !allowed.includes(value)) {
        fail(field, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
      }
    },
    intRange(field, value, min, max) {
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
        fail(field, value, `an integer from ${min} to ${max}`);
      }
    },
    pattern(field, value, re, allowed) {
      if (value !== undefined && !re.test(value)) fail(field, value, allowed);
    },
    requiredPattern(field, value, re, allowed) {
      if (typeof value !== "string" || !re.test(value)) fail(field, value, allowed);
    },
  };
}
