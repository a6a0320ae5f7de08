#!/usr/bin/env node
// `node cli/parallel.js lint typecheck build`: runs those npm scripts at once (each is one process that keeps a
// core busy for most of its run: eslint's type-aware rules and two tsc compiles), prints each one's output as a
// block when it ends, and exits 1 if any failed. `npm test` runs its checks this way before jest.
"use strict";
const { spawn } = require("child_process");

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write("usage: node cli/parallel.js <npm script>...\n");
  process.exit(2);
}
const started = Date.now();
const runs = scripts.map(
  (name) =>
    new Promise((resolve) => {
      const child = spawn(npm, ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32" });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", (err) => resolve({ name, code: 1, output: `${output}${String(err)}\n` }));
      child.on("close", (code) => resolve({ name, code: code ?? 1, output }));
    }).then((r) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`> npm run ${r.name}: ${r.code === 0 ? "ok" : `failed (exit ${r.code})`}, ${seconds} s\n${r.output}`);
      return r.code;
    }),
);
Promise.all(runs).then((codes) => process.exit(codes.some((c) => c !== 0) ? 1 : 0));
