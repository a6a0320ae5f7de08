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
