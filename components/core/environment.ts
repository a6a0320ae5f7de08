import type { Validator } from "./errors";

/** The environments a Meridian stack can be. Each has its own stack config and its own policy levels. */
export const Environment = {
  Dev: "dev",
  Staging: "staging",
  Prod: "prod",
} as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

export const ENVIRONMENTS: readonly Environment[] = Object.values(Environment);

/** The clouds Meridian builds on. */
export const Cloud = {
  Aws: "aws",
  Gcp: "gcp",
  Azure: "azure",
} as const;
export type Cloud = (typeof Cloud)[keyof typeof Cloud];

export const CLOUDS: readonly Cloud[] = Object.values(Cloud);

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}

/**
 * Checks an either-or over the clouds: the field named for `cloud` is set, the fields named for the other clouds are
 * not. `prefix` goes before each field in the message (`workloadIdentity.`); `whenMissing` says what the missing
 * field must be.
 */
export function checkFieldOfCloud(
  check: Validator,
  cloud: Cloud,
  value: object,
  fields: Readonly<Record<Cloud, string>>,
  prefix = "",
  whenMissing: (cloud: Cloud) => string = (c) => `set (cloud is ${c})`,
): void {
  for (const c of CLOUDS) {
    const isSet = (value as Record<string, unknown>)[fields[c]] !== undefined;
    if (c === cloud && !isSet) check.fail(`${prefix}${fields[c]}`, undefined, whenMissing(c));
    if (c !== cloud && isSet) check.fail(`${prefix}${fields[c]}`, "set", `unset (cloud is ${cloud}; give ${fields[cloud]})`);
  }
}
