// The entry point the Pulumi CLI runs (Pulumi.yaml: `main: stacks/main.js`, `typescript: false`).
//
// The Node.js language host would otherwise load `stacks/index.ts` through ts-node, which type-checks the whole
// program on every cold start (12 to 15 s and 1.25 GB here, before the first resource registers; BENCHMARKS.md).
// `npm test` and CI type-check everything already, so this entry loads the TypeScript through cli/ts-loader.js,
// which only transpiles (esbuild, with a cache). MERIDIAN_TYPECHECK=true opts back in: the program is type-checked (`tsc --noEmit`, the project's own
// compiler and tsconfig) before it runs, and a type error stops it.
"use strict";
const path = require("path");

if (process.env["MERIDIAN_TYPECHECK"] === "true") {
  const { execFileSync } = require("child_process");
  const root = path.join(__dirname, "..");
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc");
  } catch {
    throw new Error("MERIDIAN_TYPECHECK: the typescript package is not installed (a development dependency: npm ci installs it)");
  }
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "-p", path.join(root, "tsconfig.json")], { cwd: root, stdio: "pipe" });
  } catch (err) {
    throw new Error(`MERIDIAN_TYPECHECK: the program does not type-check:\n${String(err.stdout || err.message)}`);
  }
}
// When `.ts` files load already (the offline plan, the tests), as they are. Otherwise: source-mapped stack traces
// that cost little (cli/stack-traces.js; they replace source-map-support's, which the SDK's run script installs
// and which maps every frame of the trace the SDK takes for each resource, to wrong TypeScript positions at that),
// then the `.ts` hook.
if (require.extensions[".ts"] === undefined) {
  require("../cli/stack-traces.js").install();
  require("../cli/ts-loader.js").register();
}
module.exports = require("./index.ts");
