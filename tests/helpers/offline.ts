/**
 * Runs a piece of Pulumi code under the offline engine, as the plan does, and returns what it registered.
 *
 * A program that fails inside an `apply` cannot be tested this way: the SDK then leaves rejected promises that
 * only a process-level handler catches, and jest keeps those for itself. Plan such a program through the CLI
 * (tests/helpers/cli.ts) instead.
 */
import type { OfflineRunResult, RecordedResource } from "../../cli/offline/engine";
import { withMeridianMocks } from "../../cli/testing";

export interface RunOptions {
  readonly stack?: string;
  readonly project?: string;
  readonly config?: Record<string, string>;
  readonly preview?: boolean;
  readonly firstPreview?: boolean;
}

/** Our own tests use the kit other teams get (`meridian/testing`). */
export function runProgram(program: () => unknown, options: RunOptions = {}): Promise<OfflineRunResult> {
  return withMeridianMocks(program, { project: options.project ?? "meridian", stack: options.stack ?? "test", config: options.config ?? {}, preview: options.preview, firstPreview: options.firstPreview });
}

/** The one resource of `type` named `name`; fails the test when there is not exactly one. */
export function resource(result: OfflineRunResult, type: string, name: string): RecordedResource {
  const found = result.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${result.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);
  }
  return found[0] as RecordedResource;
}
