/**
 * cli/ts-loader.js, the `.ts` hook of the stacks program and the repository's `meridian`: run in a process of its
 * own (jest has its own module system), against a temporary directory of TypeScript and a temporary cache.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/cli";

const LOADER = path.join(ROOT, "cli", "ts-loader.js");

/** Runs `script` (CommonJS) with its own TMPDIR, so the loader's cache starts empty; returns its stdout lines. */
function run(tmp: string, script: string): { code: number | null; out: string[]; err: string } {
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TMPDIR: tmp }, timeout: 60_000 });
  return { code: r.status, out: r.stdout.trim().split("\n"), err: r.stderr };
}

describe("cli/ts-loader.js", () => {
  let tmp: string;
  let src: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-ts-loader-"));
    src = path.join(tmp, "src");
    fs.mkdirSync(path.join(src, "lib"), { recursive: true });
    fs.writeFileSync(
      path.join(src, "lib", "index.ts"),
      [
        'import * as os from "os";',
        'import type { Stats } from "fs";',
        "export interface Shape { readonly name: string }",
        "export class Named implements Shape { readonly name: string; constructor(name: string) { this.name = name; } }",
        "export const eol: string = os.EOL;",
        "export function fail(): never {",
        '  throw new Error("boom");',
        "}",
        "export type S = Stats;",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(src, "main.ts"), 'import { Named, eol } from "./lib";\nexport const answer: number = 42;\nexport const named = new Named("x").name + JSON.stringify(eol);\n');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("loads TypeScript under CommonJS (extensionless and directory imports, type-only imports dropped), and only `.ts`: `.js` loads as Node loads it", () => {
    const r = run(
      tmp,
      `const Module = require("module"); const js = Module._extensions[".js"];
       console.log(require(${JSON.stringify(LOADER)}).register());
       const m = require(${JSON.stringify(path.join(src, "main"))});
       console.log(JSON.stringify([m.answer, m.named]));
       console.log(Module._extensions[".js"] === js, Object.keys(Module._extensions).join(","));
       console.log(require(${JSON.stringify(LOADER)}).register());`,
    );
    expect(r.err).toBe("");
    expect(r.out).toEqual(["true", JSON.stringify([42, `x${JSON.stringify(os.EOL)}`]), "true .js,.json,.node,.ts", "false"]);
  });

  it("keeps each transpiled file in a cache under TMPDIR, reads it on the next start, and transpiles a changed file again", () => {
    const load = `require(${JSON.stringify(LOADER)}).register(); console.log(require(${JSON.stringify(path.join(src, "main"))}).answer);`;
    expect(run(tmp, load).out).toEqual(["42"]);
    const dir = path.join(tmp, `meridian-ts-${process.getuid!()}`);
    const cached = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect(cached).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // The next start reads the cache, not the source: a changed cache entry shows.
    const mainEntry = cached.map((f) => path.join(dir, f)).find((f) => fs.readFileSync(f, "utf8").includes("answer = 42"))!;
    fs.writeFileSync(mainEntry, fs.readFileSync(mainEntry, "utf8").replace("answer = 42", "answer = 43"));
    expect(run(tmp, load).out).toEqual(["43"]);
    // A changed source misses the cache.
    fs.writeFileSync(path.join(src, "main.ts"), fs.readFileSync(path.join(src, "main.ts"), "utf8").replace("= 42", "= 44"));
    expect(run(tmp, load).out).toEqual(["44"]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".js"))).toHaveLength(3);
  });

  it("uses no cache in a directory another user could write to (the temporary directory is shared; cached code runs)", () => {
    const dir = path.join(tmp, `meridian-ts-${process.getuid!()}`);
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    const load = `require(${JSON.stringify(LOADER)}).register(); console.log(require(${JSON.stringify(path.join(src, "main"))}).answer);`;
    expect(run(tmp, load).out).toEqual(["42"]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("maps a stack trace to the TypeScript line with cli/stack-traces.js, as the stacks program installs them", () => {
    const r = run(
      tmp,
      `require(${JSON.stringify(path.join(ROOT, "cli", "stack-traces.js"))}).install(); require(${JSON.stringify(LOADER)}).register();
       try { require(${JSON.stringify(path.join(src, "lib"))}).fail(); } catch (e) { console.log(e.stack.split("\\n")[1]); }`,
    );
    expect(r.err).toBe("");
    expect(r.out[0]).toContain(`${path.join(src, "lib", "index.ts")}:7:9`);
  });

  it("names the file when its TypeScript does not parse", () => {
    fs.writeFileSync(path.join(src, "bad.ts"), "export const = 1;\n");
    const r = run(tmp, `require(${JSON.stringify(LOADER)}).register(); require(${JSON.stringify(path.join(src, "bad.ts"))});`);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(path.join(src, "bad.ts"));
  });
});
