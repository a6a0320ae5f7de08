/** Runs the `meridian` command as a user would: a separate process (the Pulumi runtime keeps global state). */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");

export function meridian(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, "cli", "bin.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `stacks/Pulumi.<stack>.yaml` with `edit` applied to its `config` map, written as `file` (default: the stack file's
 * own name) in a new temporary directory: the path, for `--config`.
 */
export function editedStackConfig<C = Record<string, Record<string, unknown>>>(stack: string, edit: (config: C) => void, file = `Pulumi.${stack}.yaml`): string {
  const doc = parseYaml(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: C };
  edit(doc.config);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-config-")), file);
  fs.writeFileSync(out, stringifyYaml(doc));
  return out;
}
