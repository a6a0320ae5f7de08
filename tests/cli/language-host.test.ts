/**
 * The stacks program as the Pulumi CLI starts it: `@pulumi/pulumi/cmd/run` (the SDK's own run script, which the
 * Node.js language host launches) with `Pulumi.yaml`'s runtime options, against a minimal resource monitor.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { runUntilFirstResource } from "../../cli/language-host";
import { loadStackConfigFile } from "../../cli/offline/stack-config";
import { ROOT } from "../helpers/cli";

describe("the stacks program under the Pulumi CLI's run script", () => {
  it("is plain JavaScript to the language host (no ts-node type check on start), and loads the TypeScript through tsx", () => {
    const project = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { main: string; runtime: { options: { typescript: boolean } } };
    expect(project).toMatchObject({ main: "stacks/main.js", runtime: { options: { typescript: false } } });
    expect(fs.readFileSync(path.join(ROOT, "stacks", "main.js"), "utf8")).toMatch(/require\("tsx\/cjs\/api"\)\.register\(\);\nmodule\.exports = require\("\.\/index\.ts"\);/);
  });

  it.each([
    ["dev", "pulumi:providers:gcp"],
    ["prod", "pulumi:providers:aws"],
  ])("%s starts and registers its first resource (%s)", async (stack, type) => {
    const config = loadStackConfigFile(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "meridian").config;
    const first = await runUntilFirstResource({ programDir: ROOT, stack, config });
    expect({ type: first.type, name: first.name }).toEqual({ type, name: type.split(":").pop() });
  }, 120_000);
});
