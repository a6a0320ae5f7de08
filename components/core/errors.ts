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
  /** Like `oneOf`, but the value is required: undefined fails too. */
  requiredOneOf<T extends string | number>(field: string, value: T | undefined, allowed: readonly T[]): void;
  intRange(field: string, value: number | undefined, min: number, max: number): void;
  pattern(field: string, value: string | undefined, re: RegExp, allowed: string): void;
  /** Like `pattern`, but the value is required: undefined (or not a string) fails too. */
  requiredPattern(field: string, value: unknown, re: RegExp, allowed: string): void;
  /** A boolean when set. */
  bool(field: string, value: unknown): void;
  /**
   * A list when set (undefined gives `[]`): a string, an object or a number where a list belongs fails here rather
   * than crashing later in `.map`. `what` names the elements: `CIDR blocks`.
   */
  list<T>(field: string, value: readonly T[] | undefined, what: string, bounds?: { min?: number; max?: number }): readonly T[];
  /** Like `list`, but the value is required. */
  requiredList<T>(field: string, value: readonly T[] | undefined, what: string, bounds?: { min?: number; max?: number }): readonly T[];
  /** A plain object (a map, a group of settings) when set; undefined gives `{}`. */
  record<T extends object>(field: string, value: T | undefined, what: string): T;
  /**
   * The entry of `table` for `key`, looked up as an own property only: `"__proto__"`, `"toString"` or
   * `"constructor"` are unknown keys, not the object's prototype.
   */
  lookup<V>(field: string, key: unknown, table: Readonly<Record<string, V>>): V;
  /** Fails unless no two elements have the same `keyOf`. */
  distinct<T>(field: string, values: readonly T[], keyOf?: (value: T) => unknown): void;
}

/** True when `table` has `key` as its own property (never through its prototype). */
export function hasOwn(table: object, key: unknown): boolean {
  return typeof key === "string" && Object.prototype.hasOwnProperty.call(table, key);
}

/** A plain object: `{}` or one made by `Object.create(null)`; not an array, a string, null or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const quoted = (values: readonly (string | number)[]): string => values.map((a) => JSON.stringify(a)).join(", ");

export function validator(component: string, name?: string): Validator {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new MeridianValidationError({ component, name, field, value, allowed });
  };
  const size = (bounds: { min?: number; max?: number } | undefined): string => {
    if (bounds?.min !== undefined && bounds.max !== undefined) return bounds.min === bounds.max ? ` (exactly ${bounds.min})` : ` (${bounds.min} to ${bounds.max})`;
    if (bounds?.min !== undefined) return ` (at least ${bounds.min})`;
    if (bounds?.max !== undefined) return ` (at most ${bounds.max})`;
    return "";
  };
  const list = <T>(field: string, value: readonly T[] | undefined, what: string, bounds: { min?: number; max?: number } | undefined, required: boolean): readonly T[] => {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) return fail(field, value, `a list of ${what}${size(bounds)}`);
    const list = value as readonly T[];
    if ((bounds?.min !== undefined && list.length < bounds.min) || (bounds?.max !== undefined && list.length > bounds.max)) fail(field, value, `a list of ${what}${size(bounds)}`);
    return list;
  };
  return {
    fail,
    oneOf(field, value, allowed) {
      if (value !== undefined && !allowed.includes(value)) fail(field, value, `one of ${quoted(allowed)}`);
    },
    requiredOneOf(field, value, allowed) {
      if (value === undefined || !allowed.includes(value)) fail(field, value, `one of ${quoted(allowed)}`);
    },
    intRange(field, value, min, max) {
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
        fail(field, value, `an integer from ${min} to ${max}`);
      }
    },
    pattern(field, value, re, allowed) {
      if (value !== undefined && (typeof value !== "string" || !re.test(value))) fail(field, value, allowed);
    },
    requiredPattern(field, value, re, allowed) {
      if (typeof value !== "string" || !re.test(value)) fail(field, value, allowed);
    },
    bool(field, value) {
      if (value !== undefined && typeof value !== "boolean") fail(field, value, "true or false");
    },
    list: (field, value, what, bounds) => list(field, value, what, bounds, false),
    requiredList: (field, value, what, bounds) => list(field, value, what, bounds, true),
    record<T extends object>(field: string, value: T | undefined, what: string): T {
      if (value === undefined) return {} as T;
      if (!isPlainObject(value)) fail(field, value, what);
      return value;
    },
    lookup<V>(field: string, key: unknown, table: Readonly<Record<string, V>>): V {
      if (!hasOwn(table, key)) fail(field, key, `one of ${quoted(Object.keys(table))}`);
      return table[key as string] as V;
    },
    distinct<T>(field: string, values: readonly T[], keyOf: (value: T) => unknown = (v) => v) {
      const seen = new Set<unknown>();
      for (const v of values) {
        const k = keyOf(v);
        if (seen.has(k)) fail(field, values, `a list without duplicates (${describeValue(k)} appears twice)`);
        seen.add(k);
      }
    },
  };
}

/**
 * The first check of every component: `args` is an object (a program passing `undefined`, `null` or a string gets
 * this message, not a `TypeError` from reading a field of it).
 */
export function checkArgs<T extends object>(check: Validator, args: T | null | undefined): asserts args is T {
  if (typeof args !== "object" || args === null || Array.isArray(args)) check.fail("args", args, "an object of arguments");
}
