// Source-mapped stack traces that cost little, for a program whose TypeScript a loader compiles (cli/ts-loader.js, tsx).
//
// The Pulumi SDK takes a full stack trace (Error.stackTraceLimit = Infinity) in the constructor of every resource, to
// record where it was declared. Under the CLI's language host (`@pulumi/pulumi/cmd/run` installs source-map-support)
// each of those traces copies every call site and maps it through source-map-support, and a TypeScript loader turns on Node's own
// source maps for every module loaded after it, provider SDK modules included (their `.js.map` files are read and
// parsed as they load). For the prod stack that was about 2 s of CPU before the first resource registered
// (BENCHMARKS.md, "Start under the Pulumi CLI").
//
// The SDK takes another for every promise it tracks, read only to report leaked promises when
// PULUMI_DEBUG_PROMISE_LEAKS is set: those are not formatted otherwise.
//
// `install()` keeps traces mapped where it matters, for less:
// - Node's source maps only for files outside node_modules (Meridian's and the stack's TypeScript, as the loader
//   compiles it): dependencies' frames show their JavaScript positions;
// - `Error.prepareStackTrace` formats each call site as V8 does and maps a position of those files through Node's
//   cached source map, memoised (the same few hundred call sites recur in every trace).
// Error messages and the positions the SDK sends the engine stay in TypeScript lines and columns.
"use strict";
const Module = require("module");
const path = require("path");
const url = require("url");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
let installed = false;

/** `file:line:column` in the TypeScript source for a position in a compiled file, or null when it has no map. */
function mapper() {
  const memo = new Map();
  return (file, line, column) => {
    const key = `${file}:${line}:${column}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit = null;
      const map = Module.findSourceMap(file);
      const entry = map && map.findEntry(line - 1, column - 1);
      if (entry && entry.originalSource) {
        const source = entry.originalSource.startsWith("file:") ? url.fileURLToPath(entry.originalSource) : entry.originalSource;
        hit = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      }
      memo.set(key, hit);
    }
    return hit;
  };
}

function install() {
  if (installed || typeof process.setSourceMapsEnabled !== "function" || typeof Module.findSourceMap !== "function") return;
  installed = true;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    process.setSourceMapsEnabled(typeof filename === "string" && !filename.includes(NODE_MODULES));
    return compile.call(this, content, filename);
  };
  const mapped = mapper();
  // The SDK also takes a stack trace for every promise it tracks (runtime/debuggable.js), read only when
  // PULUMI_DEBUG_PROMISE_LEAKS asks for leaked promises' origins: thousands per stack, formatted for nothing.
  const debugLeaks = Boolean(process.env["PULUMI_DEBUG_PROMISE_LEAKS"]);
  Error.prepareStackTrace = (error, frames) => {
    if (!debugLeaks && frames.length > 0 && frames[0].getFunctionName() === "debuggablePromise" && /[\\/]@pulumi[\\/]pulumi[\\/]/.test(frames[0].getFileName() || "")) return "";
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = "Error";
    }
    const lines = [header];
    for (const frame of frames) {
      const text = frame.toString();
      const file = frame.getFileName();
      const line = frame.getLineNumber();
      const column = frame.getColumnNumber();
      if (!file || file.startsWith("node:") || file.includes(NODE_MODULES) || !line || !column) {
        lines.push(`    at ${text}`);
        continue;
      }
      const to = mapped(file, line, column);
      // A function replacer: the path may hold `$&` and the like, which a replacement string would expand.
      lines.push(`    at ${to === null ? text : text.replace(`${file}:${line}:${column}`, () => to)}`);
    }
    return lines.join("\n");
  };
}

module.exports = { install };
