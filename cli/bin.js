#!/usr/bin/env node
// The `meridian` command. In this repository it runs the TypeScript source (cli/ts-loader.js transpiles it), so
// `npx meridian` needs no build step and never runs a stale build; an installed package (which ships dist/, not
// the sources) runs the built CLI.
"use strict";
const fs = require("fs");
const path = require("path");

// Source-mapped stack traces for the programs the plan runs, at little cost (cli/stack-traces.js).
require("./stack-traces.js").install();

const source = path.join(__dirname, "main.ts");
let cli;
if (fs.existsSync(source)) {
  require("./ts-loader.js").register();
  cli = require(source);
} else {
  cli = require(path.join(__dirname, "..", "dist", "cli", "main.js"));
}
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`meridian: ${String(err)}\n`);
    process.exit(3);
  },
);
