/**
 * The CLI's constants that its commands share, in a module that loads nothing else: `meridian diff`, `stack-info`
 * and a plan refused for bad usage start without loading the Pulumi SDK, the providers or the policy pack.
 */
export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

/**
 * `meridian runbook --scenario`: the strategy's failover scenarios — the primary cloud (AWS) down, the secondary
 * (GCP) down, and a degraded cloud whose traffic is shifted away in 10 % steps.
 */
export const SCENARIOS = ["aws-down", "gcp-down", "degraded"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The plan report's format; `meridian diff` compares reports of the same version only. */
export const REPORT_VERSION = 1;

/** `meridian plan --timeout`'s default, seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** A usage or config problem: the CLI prints the message as one line and exits 2. */
export class PlanUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanUsageError";
  }
}

/**
 * A module of this directory's tree (`./plan`, `../policies/pack`), loaded on first use: `require`, not `import()`,
 * because under a CommonJS `.ts` hook (the repository's `meridian`: cli/ts-loader.js) a dynamic `import()` goes to Node's ESM loader,
 * which does not load TypeScript.
 */
export function load<T>(module: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(module) as T;
}
