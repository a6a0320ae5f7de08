/**
 * The stacks program as the Pulumi CLI starts it: `@pulumi/pulumi/cmd/run` (the SDK's own run script, which the
 * Node.js language host launches) with `Pulumi.yaml`'s runtime options, against a minimal resource monitor.
 */
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { parse as parseYaml } from "yaml";
import { runUntilFirstResource } from "../../cli/language-host";
import { loadStackConfigFile } from "../../cli/offline/stack-config";
import { ROOT } from "../helpers/cli";

describe("the stacks program under the Pulumi CLI's run script", () => {
  it("is plain JavaScript to the language host (no ts-node type check on start), and loads the TypeScript through cli/ts-loader.js", () => {
    const project = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { main: string; runtime: { options: { typescript: boolean } } };
    expect(project).toMatchObject({ main: "stacks/main.js", runtime: { options: { typescript: false } } });
    expect(fs.readFileSync(path.join(ROOT, "stacks", "main.js"), "utf8")).toMatch(/require\("\.\.\/cli\/ts-loader\.js"\)\.register\(\);\n\}\nmodule\.exports = require\("\.\/index\.ts"\);/);
  });

  it.each([
    ["dev", "pulumi:providers:gcp"],
    ["prod", "pulumi:providers:aws"],
  ])("%s starts and registers its first resource (%s), declared at its TypeScript line", async (stack, type) => {
    const config = loadStackConfigFile(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "meridian").config;
    const first = await runUntilFirstResource({ programDir: ROOT, stack, config });
    expect({ type: first.type, name: first.name }).toEqual({ type, name: type.split(":").pop() });
    // The position the SDK sends the engine is in the TypeScript source (cli/stack-traces.js): the line holds the
    // provider's construction, at its column. (The run script's own source-map-support cannot read the loader's inline maps, and put it at line 2.)
    const pos = first.declaredAt!;
    expect(pos.uri).toMatch(/^file:\/\/.*\.ts$/);
    const line = fs.readFileSync(fileURLToPath(pos.uri), "utf8").split("\n")[pos.line - 1]!;
    expect(line.slice(pos.column - 1)).toMatch(/^new \w*Provider\(/);
  }, 120_000);
});
