/**
 * What a pipeline needs to know about a stack before it starts the job that deploys it: which clouds the stack's
 * config uses (so the job logs in to those and no others), the AWS region, and the runner labels that can reach the
 * stack's cluster APIs (`meridian:deploy.runner`, `previewRunner`). Read from the stack config file and validated as
 * the reference stacks' program does: it serves this repository's stacks, whose config schema it knows.
 */
import { loadStack } from "./plan";
import { configObjectFromMap, parseStackConfig } from "../stacks/config-schema";

export interface StackInfo {
  readonly stack: string;
  readonly environment: string;
  readonly aws: boolean;
  readonly gcp: boolean;
  readonly azure: boolean;
  readonly awsRegion: string | null;
  /** `runs-on` labels for the jobs that deploy the stack (`up`: code from main). */
  readonly runner: string[];
  /** `runs-on` labels for the jobs that preview it (pull-request code). */
  readonly previewRunner: string[];
}

/** The labels used when a stack names none: GitHub's hosted runner (fine for stacks with no private cluster API). */
export const DEFAULT_RUNNER = ["ubuntu-latest"];

export function stackInfo(stack: string, programDir = "."): StackInfo {
  // The same reading as the plan's: the stack name checked, an unknown stack named with the known ones.
  const { loaded, configFileDisplay } = loadStack(stack, programDir);
  const config = parseStackConfig(configObjectFromMap(loaded.config), configFileDisplay);
  return {
    stack,
    environment: config.environment,
    aws: config.aws !== undefined,
    gcp: config.gcp !== undefined,
    azure: config.azure !== undefined,
    awsRegion: config.aws?.region ?? null,
    runner: config.deploy?.runner ?? DEFAULT_RUNNER,
    previewRunner: config.deploy?.previewRunner ?? DEFAULT_RUNNER,
  };
}

/** `key=value` lines for `$GITHUB_OUTPUT`. */
export function githubOutput(info: StackInfo): string {
  return [`environment=${info.environment}`, `aws=${info.aws}`, `gcp=${info.gcp}`, `azure=${info.azure}`, `aws-region=${info.awsRegion ?? ""}`, `runner=${JSON.stringify(info.runner)}`, `preview-runner=${JSON.stringify(info.previewRunner)}`].join("\n") + "\n";
}
