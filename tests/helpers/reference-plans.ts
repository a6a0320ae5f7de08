/**
 * The plan of each reference stack (`stacks/Pulumi.<stack>.yaml`, unmodified), made once per jest run and shared by
 * every test file that reads it: a plan is a few seconds of CPU, and several suites read the same four.
 *
 * jest's global setup (tests/helpers/global-setup.ts) names a directory for the run in `MERIDIAN_TEST_PLANS`; the
 * first test file to ask for a stack plans it there (`meridian plan --format json --out`, as a user would), and the
 * others read the file. Two workers asking at once may both plan: the second rename wins, with the same content.
 * Without the variable (a test file run outside jest's setup), each file plans for itself.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanReport } from "../../cli/plan";
import { meridian } from "./cli";

export const PLANS_DIR_ENV = "MERIDIAN_TEST_PLANS";

/** This file's own directory, when jest's global setup named none. */
let ownDir: string | undefined;

/** The file holding the plan report of `stack` with its own config (JSON, as `meridian plan --format json` writes it). */
export function referencePlanFile(stack: string): string {
  const dir = process.env[PLANS_DIR_ENV] ?? (ownDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "meridian-plans-")));
  const file = path.join(dir, `${stack}.json`);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.${process.pid}.tmp`;
  const r = meridian("plan", "--stack", stack, "--format", "json", "--out", partial);
  if (r.code !== 0) throw new Error(`plan of ${stack} exited ${r.code}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  fs.renameSync(partial, file);
  return file;
}

/** The plan report of `stack` with its own config, parsed afresh (a caller may not change another's copy). */
export function referencePlan(stack: string): PlanReport {
  return JSON.parse(fs.readFileSync(referencePlanFile(stack), "utf8")) as PlanReport;
}
