// Loads Meridian's own TypeScript (`.ts` files under CommonJS) for the stacks program and the `meridian` command
// run from the repository: each file is transpiled by esbuild, without type checking (`npm test` and CI
// type-check), and the result kept in a cache keyed by the file's path and content.
//
// Why not tsx, which does the same for `.ts`: tsx also hooks every `.js` file the process loads, to find ES module
// syntax it would have to transform, and the provider SDKs are thousands of CommonJS files whose `exports.` text
// passes tsx's quick test, so each is scanned by its module lexer: about 0.3 s of CPU on every start of the prod
// program (BENCHMARKS.md, "Start under the Pulumi CLI"). This hook handles `.ts` and nothing else; `.js` loads as
// Node loads it. It supports what this repository's TypeScript uses (tsconfig.json: CommonJS output, ES2022,
// `isolatedModules`), not what it does not (ES module `.mts`, path aliases, decorators): other teams' programs
// that `meridian plan --program` loads still go through tsx (cli/offline/engine.ts).
//
// The cache: `<os.tmpdir()>/meridian-ts-<uid>/<sha1>.js`, as tsx keeps its own (`TMPDIR` moves it); a file whose
// content, path, esbuild version or options changed misses and is transpiled again. Writes go through a
// temporary file and a rename, so a concurrent reader sees a whole file or none; a cache that cannot be written
// only costs the next start its transpile. The directory is used only if this user owns it and no one else can
// write to it (the temporary directory is shared; cached code runs): otherwise every start transpiles.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** The repository's compiler options that change what esbuild emits (tsconfig.json). */
const TRANSFORM = {
  loader: "ts",
  format: "cjs",
  target: "es2022",
  platform: "node",
  sourcemap: "inline",
  // The TypeScript is on disk beside its map; no need to carry it in every cached file.
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true } },
};

function cacheDirectory() {
  const uid = typeof process.getuid === "function" ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `meridian-ts-${uid}`);
}

/**
 * The cache directory, created if missing, when only this user can write to it; otherwise undefined (no cache).
 * The temporary directory is shared: code read from a directory another user made or can write would run here.
 */
function trustedCacheDirectory() {
  const dir = cacheDirectory();
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    const mine = typeof process.getuid !== "function" || st.uid === process.getuid();
    return st.isDirectory() && mine && (st.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The cached transpile of a file, or undefined when there is none (or no cache). */
function readCached(file) {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps a transpile: through a temporary file and a rename; a failed write only costs the next start its transpile. */
function writeCached(file, code) {
  if (file === undefined) return;
  try {
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  } catch {
    // A read-only or full temporary directory: the next start transpiles again.
  }
}

/**
 * Registers the `.ts` hook, unless something loads TypeScript already (tsx, ts-node, jest): then it does nothing.
 * Returns true when it registered.
 */
function register() {
  if (require.extensions[".ts"] !== undefined) return false;
  const esbuild = require("esbuild");
  const dir = trustedCacheDirectory();
  const salt = `${esbuild.version}\0${JSON.stringify(TRANSFORM)}\0`;
  require.extensions[".ts"] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha1").update(salt).update(filename).update("\0").update(source).digest("hex");
    const cached = dir === undefined ? undefined : path.join(dir, `${key}.js`);
    let code = readCached(cached);
    if (code === undefined) {
      code = esbuild.transformSync(source, { ...TRANSFORM, sourcefile: filename }).code;
      writeCached(cached, code);
    }
    module._compile(code, filename);
  };
  return true;
}

module.exports = { register };
