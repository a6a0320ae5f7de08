/**
 * `npm run bench`: measures the offline plan and the policy pack and writes BENCHMARKS.md. Each figure is the
 * median of at least five runs after a warm-up, with min–max. Nothing here asserts a time; the targets are
 * written beside the figures.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { diffPlans, readPlanReport, renderDiffMarkdown } from "./diff";
import { coldTsNodeCache, coldTransformCache, runUntilFirstResource, type FirstResource } from "./language-host";
import { loadStackConfigFile } from "./offline/stack-config";
import { SECRET_MASK } from "./offline/decode";
import { sdkClassOf } from "./sdk-class";

const ROOT = path.resolve(__dirname, "..");
/** The version measured (the pack's rules change between versions). */
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const BIN = path.join(ROOT, "cli", "bin.js");
const RSS = path.join(ROOT, "cli", "bench-rss.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));

interface Sample {
  readonly seconds: number;
  readonly rssMb: number;
  /** User + system CPU time of the process: less disturbed than wall time by what else the machine runs. */
  readonly cpuSeconds: number;
}

/** Reads what cli/bench-rss.js wrote: peak RSS (KB) and CPU time (µs). */
function readUsage(file: string): { rssMb: number; cpuSeconds: number } {
  const [rss, cpu] = fs.readFileSync(file, "utf8").split(" ").map(Number) as [number, number];
  return { rssMb: rss / 1024, cpuSeconds: cpu / 1e6 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs a whole `meridian` process: wall time and peak RSS. */
export function runProcess(args: string[], cwd = ROOT, nodeArgs: string[] = []): Sample {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeArgs, "--require", RSS, BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, MERIDIAN_BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`meridian ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { seconds, ...readUsage(rssFile) };
}

function measure(label: string, fn: () => Sample, runs = RUNS): { label: string; seconds: number[]; rssMb: number[] } {
  fn(); // warm-up: file caches, the `.ts` loader's transform cache
  const samples = Array.from({ length: runs }, fn);
  process.stderr.write(`${label}: ${median(samples.map((s) => s.seconds)).toFixed(2)} s\n`);
  return { label, seconds: samples.map((s) => s.seconds), rssMb: samples.map((s) => s.rssMb) };
}

const fmt = (xs: number[], digits = 2) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export function planJson(args: string[], cwd = ROOT): any {
  const out = path.join(work, `plan-${process.hrtime.bigint()}.json`);
  runProcess([...args, "--format", "json", "--out", out], cwd);
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

/**
 * The floor: the prod plan's custom resources registered directly, with no components — each through its own SDK
 * class (so the floor loads the same provider modules and runs the same SDK constructors as the stack), with the
 * same inputs, providers and protection, planned with the prod environment and the prod stack's provider settings
 * (so the same policies and cost estimate run). The plan's JSON masks secrets: they become secrets again here.
 * Provider inputs are recorded as the engine got them (`"false"`), so they are decoded back to values. Archives
 * stay the plain objects the JSON holds (a few per stack).
 */
export function floorProgram(prod: any, config: Record<string, unknown> = prodFloorConfig(), name = "floor"): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  const custom = prod.resources.filter((r: any) => r.custom);
  const lines = [
    'const pulumi = require("@pulumi/pulumi");',
    "const providers = {};",
    // A provider reference is "<urn>::<id>"; the providers are keyed by URN.
    "const opts = (ref, protect) => { const provider = ref && providers[ref.split('::').slice(0, -1).join('::')]; return provider ? { protect, provider } : { protect }; };",
    `const revive = (v) => v === ${JSON.stringify(SECRET_MASK)} ? pulumi.secret("x") : Array.isArray(v) ? v.map(revive) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)])) : v;`,
    "const decoded = (inputs) => Object.fromEntries(Object.entries(inputs).map(([k, v]) => { try { const p = JSON.parse(v); return [k, typeof p === 'string' ? v : p]; } catch { return [k, v]; } }));",
  ];
  for (const r of custom) {
    const { module, className } = sdkClassOf(r.type);
    const isProvider = r.type.startsWith("pulumi:providers:");
    const inputs = isProvider ? `revive(decoded(${JSON.stringify(r.inputs)}))` : `revive(${JSON.stringify(r.inputs)})`;
    const ctor = `new (require(${JSON.stringify(module)}).${className})(${JSON.stringify(r.name)}, ${inputs}, opts(${JSON.stringify(r.provider ?? null)}, ${r.protect === true}))`;
    lines.push(isProvider ? `providers[${JSON.stringify(r.urn)}] = ${ctor};` : `${ctor};`);
  }
  fs.writeFileSync(path.join(dir, "index.js"), lines.join("\n"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: floor\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), YAML.stringify({ config }));
  linkModules(dir);
  return dir;
}

/**
 * The prod stack's settings a floor plans with: its environment (so the same policy config applies) and its provider
 * settings. Stack-level rules that read the stack's own exports (the DR budget) find none in a floor and do not apply.
 */
function prodFloorConfig(): Record<string, unknown> {
  const prodConfig = YAML.parse(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
  return { "meridian:environment": "prod", "pulumi:disable-default-providers": prodConfig.config["pulumi:disable-default-providers"] };
}

/**
 * A program and its floor, planned in alternation (the first of each pair alternating, so neither always runs on a
 * machine the other just warmed, and a change in the machine's load falls on both alike), after one warm-up pair.
 * Each ratio is the median of the per-pair ratios.
 */
function alternate(programArgs: string[], floorArgs: string[], cwd: string, runs: number): { pairs: Array<{ program: Sample; floor: Sample }>; wallRatio: number; cpuRatio: number } {
  runProcess(programArgs, cwd);
  runProcess(floorArgs, cwd);
  const pairs = Array.from({ length: runs }, (_, i) => {
    if (i % 2 === 0) {
      const program = runProcess(programArgs, cwd);
      return { program, floor: runProcess(floorArgs, cwd) };
    }
    const floor = runProcess(floorArgs, cwd);
    return { program: runProcess(programArgs, cwd), floor };
  });
  return { pairs, wallRatio: median(pairs.map((p) => p.program.seconds / p.floor.seconds)), cpuRatio: median(pairs.map((p) => p.program.cpuSeconds / p.floor.cpuSeconds)) };
}

/** A program of `n` components: a mix of AwsFunction, CloudRunService and RdsPostgres. */
function scaleProgram(n: number): string {
  const dir = path.join(work, `scale-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import { AwsFunction, CloudRunService } from ${JSON.stringify(path.join(ROOT, "components", "serverless"))};
import { RdsPostgres } from ${JSON.stringify(path.join(ROOT, "components", "database"))};
const network = {
  vpcId: "vpc-1",
  privateSubnetIds: ["subnet-a", "subnet-b"],
  privateRouteTableIds: ["rtb-a", "rtb-b"],
  addressPlan: { vpc: "10.0.0.0/16", publicSubnets: [], privateSubnets: ["10.0.0.0/20", "10.0.16.0/20"] },
};
const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({})") });
for (let i = 0; i < ${n}; i++) {
  switch (i % 3) {
    case 0: new AwsFunction(\`fn-\${i}\`, { code, runtime: "nodejs22.x", handler: "index.handler" }); break;
    case 1: new CloudRunService(\`run-\${i}\`, { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1" }); break;
    default: new RdsPostgres(\`db-\${i}\`, { network });
  }
}
`,
  );
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: scale\nruntime: nodejs\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config: {}\n");
  linkModules(dir);
  return dir;
}

function linkModules(dir: string): void {
  const target = path.join(dir, "node_modules");
  if (!fs.existsSync(target)) fs.symlinkSync(path.join(ROOT, "node_modules"), target);
}

function timeNode(code: string): Sample {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", RSS, "-e", code], { cwd: ROOT, encoding: "utf8", env: { ...process.env, MERIDIAN_BENCH_RSS_FILE: rssFile } });
  if (r.status !== 0) throw new Error(r.stderr);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, ...readUsage(rssFile) };
}

/** Runs one process under `node --cpu-prof` and tabulates its self time by where the code comes from. */
/** Runs one process under `node --cpu-prof` and sums its self time by where the code comes from (µs), with the total. */
function profileByCode(args: string[], cwd = ROOT): { totals: Map<string, number>; total: number; sdkFunctions: Map<string, number> } {
  const dir = fs.mkdtempSync(path.join(work, "prof-"));
  runProcess(args, cwd, ["--cpu-prof", "--cpu-prof-dir", dir]);
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const where = (frame: { functionName: string; url: string }): string => {
    if (frame.functionName === "(garbage collector)") return "garbage collection";
    if (!frame.url) return "V8 and native code (compiling, idle, ...)";
    if (frame.url.startsWith("node:")) return "Node.js internals (mostly loading modules)";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
    if (pkg) return ["tsx", "esbuild", "@pulumi/pulumi", "google-protobuf", "@grpc/grpc-js", "zod"].includes(pkg[1]!) ? pkg[1]! : pkg[1]!.startsWith("@pulumi/") ? "provider SDKs (@pulumi/aws, ...)" : "other packages";
    const dirName = path.relative(ROOT, frame.url.replace(/^file:\/\//, "")).split(path.sep)[0]!;
    return ["components", "stacks", "policies", "cli"].includes(dirName) ? `Meridian: ${dirName}/` : "other";
  };
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  // The SDK's own functions, by name and file: where its share goes.
  const sdkFunctions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const frame = frames.get(id)!;
    const key = where(frame);
    totals.set(key, (totals.get(key) ?? 0) + dt);
    if (key === "@pulumi/pulumi") {
      const fn = `${frame.functionName || "(anonymous)"} (${frame.url.split("@pulumi/pulumi/")[1] ?? frame.url})`;
      sdkFunctions.set(fn, (sdkFunctions.get(fn) ?? 0) + dt);
    }
  });
  return { totals, total, sdkFunctions };
}

/** What the SDK function that grows most at scale does (read in @pulumi/pulumi 3.x runtime/debuggable.js). */
const DEBUGGABLE_PROMISE_NOTE =
  "`debuggablePromise` is the SDK's promise-leak tracking: for every promise it tracks (each resource's and each output's) it captures `new Error().stack` and keeps the promise in a set until it settles, whether or not `PULUMI_DEBUG_PROMISE_LEAKS` is set. `cli/stack-traces.js` already makes the formatting of those traces free unless that variable is set; the capture itself, and the extra promises a component resource brings, are the SDK's.";

/**
 * A program and its floor, one `--cpu-prof` run each, self CPU by code side by side (largest growth first), and the
 * SDK's functions that grow most: where a program's overhead over its floor goes.
 */
function sideBySide(label: string, programArgs: string[], floorArgs: string[], cwd: string): string[] {
  const a = profileByCode(programArgs, cwd);
  const b = profileByCode(floorArgs, cwd);
  const s = (m: Map<string, number>, k: string) => (m.get(k) ?? 0) / 1e6;
  const signed = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(2);
  const keys = [...new Set([...a.totals.keys(), ...b.totals.keys()])];
  const rows = keys.map((k) => [k, s(a.totals, k), s(b.totals, k)] as const).sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
  const out = [`| code | ${label}, s | floor, s | difference, s |`, "|---|---:|---:|---:|"];
  for (const [k, x, y] of rows) out.push(`| ${k} | ${x.toFixed(2)} | ${y.toFixed(2)} | ${signed(x - y)} |`);
  out.push(`| **total** | ${(a.total / 1e6).toFixed(2)} | ${(b.total / 1e6).toFixed(2)} | ${signed((a.total - b.total) / 1e6)} |`);
  const diffOf = (pick: (k: string) => boolean) => keys.filter(pick).reduce((t, k) => t + s(a.totals, k) - s(b.totals, k), 0);
  const ours = diffOf((k) => k.startsWith("Meridian:") || k === "tsx" || k === "esbuild" || k === "zod");
  const sdk = diffOf((k) => ["@pulumi/pulumi", "google-protobuf", "@grpc/grpc-js", "provider SDKs (@pulumi/aws, ...)"].includes(k));
  const runtime = diffOf((k) => k === "garbage collection" || k.startsWith("V8") || k.startsWith("Node.js"));
  out.push(
    "",
    `Of the ${signed((a.total - b.total) / 1e6)} s: Meridian's own code and its loading (components/, stacks/, cli/ with its .ts loader, policies/, esbuild, zod) ${signed(ours)} s; the Pulumi SDK and the provider SDKs (registrations, outputs, the promises it tracks, serialization) ${signed(sdk)} s; garbage collection, V8 (compiling the extra code) and Node's module loading, which both bring, ${signed(runtime)} s.`,
  );
  // The test for a ratio over 1.1: is what remains the SDK's? The ratio this profile gives counting only ours.
  const oursOnly = (b.total / 1e6 + ours) / (b.total / 1e6);
  out.push(
    "",
    `Counting Meridian's share only, (floor ${signed(ours)} s) / floor = **${oursOnly.toFixed(2)}** (target ≤ 1.1: ${oursOnly <= 1.1 ? "met" : "missed"}); the rest of the difference is the SDK's and the runtime's work for the component resources themselves.`,
  );
  const fnKeys = [...new Set([...a.sdkFunctions.keys(), ...b.sdkFunctions.keys()])];
  const fnRows = fnKeys.map((k) => [k, s(a.sdkFunctions, k) - s(b.sdkFunctions, k)] as const).sort((x, y) => y[1] - x[1]).slice(0, 6);
  out.push("", "The SDK's functions whose self time grows most:", "", "| @pulumi/pulumi function | difference, s |", "|---|---:|");
  for (const [k, d] of fnRows) out.push(`| \`${k}\` | ${signed(d)} |`);
  return out;
}

/** One process's self CPU by code, as a table. */
function profileTable(args: string[], cwd = ROOT): string[] {
  const { totals, total } = profileByCode(args, cwd);
  return [
    "| code | self CPU, s | share |",
    "|---|---:|---:|",
    ...[...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${(v / 1e6).toFixed(2)} | ${((100 * v) / total).toFixed(0)}% |`),
  ];
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  lines.push("# Benchmarks", "");
  lines.push(`Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`);
  lines.push(`Method: each figure is the median of ${RUNS} runs after one warm-up run, with min–max in brackets; times are wall`);
  lines.push("clock of whole processes (spawned fresh), peak RSS is the process's own `resourceUsage().maxRSS`. Nothing in the test");
  lines.push("suite asserts a time; the targets below are checked here, by reading.", "");

  // 1. The stacks.
  lines.push("## Plan of each stack (`meridian plan --stack <s> --format json`)", "", "| stack | resources | seconds | peak RSS, MB |", "|---|---:|---:|---:|");
  const stackResults: Record<string, ReturnType<typeof measure>> = {};
  for (const stack of ["dev", "staging", "prod"]) {
    const count = planJson(["plan", "--stack", stack]).resources.length;
    const m = (stackResults[stack] = measure(`plan ${stack}`, () => runProcess(["plan", "--stack", stack, "--format", "json", "--out", path.join(work, "out.json")])));
    lines.push(`| ${stack} | ${count} | ${fmt(m.seconds)} | ${fmt(m.rssMb, 0)} |`);
  }

  // 2. The floor: prod and floor runs alternate, so a change in the machine's load falls on both alike.
  const prod = planJson(["plan", "--stack", "prod"]);
  const floorDir = floorProgram(prod);
  const prodArgs = ["plan", "--stack", "prod", "--format", "json", "--out", path.join(work, "out.json")];
  const floorArgs = ["plan", "--program", floorDir, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")];
  const { pairs, wallRatio, cpuRatio } = alternate(prodArgs, floorArgs, ROOT, RUNS);
  process.stderr.write(`prod / floor: ${wallRatio.toFixed(2)} (wall), ${cpuRatio.toFixed(2)} (CPU)\n`);
  const col = (xs: Sample[]) => `${fmt(xs.map((x) => x.seconds))} | ${fmt(xs.map((x) => x.cpuSeconds))} | ${fmt(xs.map((x) => x.rssMb), 0)}`;
  lines.push("", "## The floor", "");
  lines.push(
    `The prod plan's ${prod.resources.filter((r: any) => r.custom).length} custom resources registered directly by a generated program: each through its own SDK class (the same provider modules load and the same SDK constructors run), with the same inputs, providers and protection, no components, planned with the prod environment and provider settings (the same policies and cost estimate run), secrets made secrets again. Prod and floor runs alternate (${RUNS} pairs after one warm-up pair, the first of each pair alternating); each ratio is the median of the per-pair ratios.`,
  );
  lines.push("", "| program | wall seconds | CPU seconds | peak RSS, MB |", "|---|---:|---:|---:|", `| prod stack | ${col(pairs.map((p) => p.program))} |`, `| floor | ${col(pairs.map((p) => p.floor))} |`);
  lines.push("", `**prod / floor = ${wallRatio.toFixed(2)}** wall, ${cpuRatio.toFixed(2)} CPU (target ≤ 1.1: ${wallRatio <= 1.1 ? "met" : "missed"}).`);
  lines.push("", "Where one prod plan's CPU goes (`node --cpu-prof`, self time by code):", "", ...profileTable(prodArgs), "");
  const prodComponents = prod.resources.filter((r: any) => !r.custom && r.type !== "pulumi:pulumi:Stack").length;
  lines.push(`Where prod's overhead over its floor goes (one \`--cpu-prof\` run of each): prod loads ${prodComponents} components' and the stack program's TypeScript (through cli/ts-loader.js, compiled by V8) and the stack config's schema, runs the components' own code (validation, names, tags), and registers ${prodComponents} component resources with their outputs; the floor does none of that:`, "");
  lines.push(...sideBySide("prod", prodArgs, floorArgs, ROOT), "");
  lines.push("Before 2026-11-22 the floor registered generic `CustomResource`s, loaded no provider SDK module and ran no policy, so it left out work any program of these resources does; the ratio it gave (1.08 in one run, 1.39 in the next) measured that as component overhead. Since the stacks program and `meridian` load TypeScript through `cli/ts-loader.js` (not tsx, which lexed every `.js` file the process loaded), both runs start faster, the floor most (its generated program is one large `.js` file): the ratio rose from 1.18 to about 1.3 while the difference itself stayed at about 0.45 s.");

  // 3. Scale.
  lines.push("", "## Scale: synthetic programs (AwsFunction, CloudRunService, RdsPostgres in turn)", "", "| components | resources | seconds | peak RSS, MB | ms per resource |", "|---:|---:|---:|---:|---:|");
  const perResource: Record<number, number> = {};
  let bigPlan: any;
  for (const n of [10, 100, 1000]) {
    const dir = scaleProgram(n);
    const plan = planJson(["plan", "--program", dir, "--stack", "bench"], dir);
    if (n === 1000) bigPlan = plan;
    const count = plan.resources.length;
    const m = measure(`scale ${n}`, () => runProcess(["plan", "--program", dir, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")], dir));
    perResource[n] = (median(m.seconds) * 1000) / count;
    lines.push(`| ${n} | ${count} | ${fmt(m.seconds)} | ${fmt(m.rssMb, 0)} | ${perResource[n]!.toFixed(2)} |`);
  }
  const growth = perResource[1000]! / perResource[100]!;
  lines.push("", `Time per resource at 1,000 components is ${growth.toFixed(2)}× that at 100 (target ≤ 1.5×: ${growth <= 1.5 ? "met" : "missed"}).`);
  lines.push("Targets for 1,000 components: ≤ 60 s and ≤ 2 GiB (see the last row).");

  // 3b. The floor at 1,000 components: the same resources registered without components, planned the same way.
  const bigDir = path.join(work, "scale-1000");
  const bigFloor = floorProgram(bigPlan, {}, "floor-1000");
  const bigRuns = Math.max(3, Math.ceil(RUNS / 2));
  const big = alternate(["plan", "--program", bigDir, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")], ["plan", "--program", bigFloor, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")], bigDir, bigRuns);
  process.stderr.write(`1,000 components / floor: ${big.wallRatio.toFixed(2)} (wall), ${big.cpuRatio.toFixed(2)} (CPU)\n`);
  lines.push("", "### The floor at 1,000 components", "", `The 1,000-component program's ${bigPlan.resources.filter((r: any) => r.custom).length} custom resources registered directly, as for prod (${bigRuns} alternating pairs after a warm-up pair):`);
  lines.push("", "| program | wall seconds | CPU seconds | peak RSS, MB |", "|---|---:|---:|---:|", `| 1,000 components | ${col(big.pairs.map((p) => p.program))} |`, `| floor | ${col(big.pairs.map((p) => p.floor))} |`);
  lines.push("", `**1,000 components / floor = ${big.wallRatio.toFixed(2)}** wall, ${big.cpuRatio.toFixed(2)} CPU (target ≤ 1.1: ${big.wallRatio <= 1.1 ? "met" : "missed"}).`);
  // Where the difference goes: one profiled run of each, self CPU by code, side by side.
  const components = bigPlan.resources.filter((r: any) => !r.custom && r.type !== "pulumi:pulumi:Stack").length;
  lines.push("", `Where the difference goes (one \`--cpu-prof\` run of each; the program registers ${components} component resources the floor does not, each with its outputs):`, "");
  lines.push(...sideBySide("1,000 components", ["plan", "--program", bigDir, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")], ["plan", "--program", bigFloor, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")], bigDir));
  lines.push("", DEBUGGABLE_PROMISE_NOTE);
  lines.push("");

  // 4. Policies.
  const { evaluatePolicies, policies } = await import("../policies/pack");
  const resources = bigPlan.resources.filter((r: any) => r.custom).map((r: any) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect }));
  const resourceRules = policies.filter((p) => "validateResource" in p).length;
  const rates: number[] = [];
  await evaluatePolicies(resources); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await evaluatePolicies(resources);
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push((resources.length * resourceRules) / s);
  }
  lines.push("", "## Policies", "", `\`evaluatePolicies\` over the 1,000-component plan's ${resources.length} resources × ${resourceRules} resource rules (plus the stack rules):`);
  lines.push("", `**${fmt(rates.map((r) => r / 1000), 0)} thousand resource-checks per second** (target ≥ 100, with the pack of ${VERSION}: ${median(rates) >= 100_000 ? "met" : "missed"}).`);

  // 4b. meridian diff: two prod plans compared in process (read, diff, render), as the pull-request job does.
  const prodA = path.join(work, "prod-a.json");
  const prodB = path.join(work, "prod-b.json");
  fs.writeFileSync(prodA, JSON.stringify(prod));
  const resized = path.join(work, "prod-resized.yaml");
  fs.writeFileSync(resized, fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8").replace("instanceClass: db.m7g.large", "instanceClass: db.m7g.xlarge"));
  fs.writeFileSync(prodB, JSON.stringify(planJson(["plan", "--stack", "prod", "--config", resized])));
  const diffMs: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const start = process.hrtime.bigint();
    renderDiffMarkdown(diffPlans(readPlanReport(prodA), readPlanReport(prodB)));
    if (i > 0) diffMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  lines.push("", "## meridian diff", "", `Two prod plans (${prod.resources.length} resources each; the RDS instance resized), read, compared and rendered as markdown in process: **${fmt(diffMs.map((m) => m / 1000), 3)} s** (target: well under 1 s).`);

  // 4c. The wait before `pulumi preview` does anything: the stacks program started by the SDK's own run script, as the
  // Node.js language host starts it, until its first resource registers.
  const prodConfig = loadStackConfigFile(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "meridian").config;
  const hostRows: Array<[string, () => Promise<FirstResource>]> = [
    ["as shipped: `typescript: false`, `stacks/main.js` loads the TypeScript through `cli/ts-loader.js` (its transform cache warm: any run after the first)", () => runUntilFirstResource({ programDir: ROOT, stack: "prod", config: prodConfig })],
    ["as shipped, the transform cache cold (a fresh runner, or the first run after an edit)", () => runUntilFirstResource({ programDir: ROOT, stack: "prod", config: prodConfig, env: coldTransformCache() })],
    ["`typescript: true` (ts-node), type checking, cold ts-node cache: the 0.2.0 default", () => runUntilFirstResource({ programDir: ROOT, stack: "prod", config: prodConfig, typescriptMain: "stacks/", env: coldTsNodeCache() })],
    ["`typescript: true`, `PULUMI_NODEJS_TRANSPILE_ONLY=true`, cold ts-node cache", () => runUntilFirstResource({ programDir: ROOT, stack: "prod", config: prodConfig, typescriptMain: "stacks/", env: { ...coldTsNodeCache(), PULUMI_NODEJS_TRANSPILE_ONLY: "true" } })],
  ];
  lines.push("", "## Start under the Pulumi CLI", "", "The prod program started by `@pulumi/pulumi/cmd/run` as the Node.js language host starts it (against a minimal resource monitor, `cli/language-host.ts`), from process start to its first registered resource:", "", "| how the program is loaded | seconds | peak RSS, MB |", "|---|---:|---:|");
  const measured: Array<{ seconds: number[]; rss: number[] }> = [];
  for (const [label, start] of hostRows) {
    const seconds: number[] = [];
    const rss: number[] = [];
    await start(); // warm-up (the OS file cache; ts-node's own cache stays cold: a fresh directory each run)
    for (let i = 0; i < RUNS; i++) {
      const r = await start();
      seconds.push(r.seconds);
      rss.push(r.peakRssMb ?? 0);
    }
    measured.push({ seconds, rss });
    lines.push(`| ${label} | ${fmt(seconds)} | ${fmt(rss, 0)} |`);
  }
  const verdict = (m: { seconds: number[]; rss: number[] }) => `${median(m.seconds).toFixed(2)} s and ${median(m.rss).toFixed(0)} MB (target ≤ 3 s and ≤ 300 MB: ${median(m.seconds) <= 3 && median(m.rss) <= 300 ? "met" : "missed"})`;
  lines.push("", `As shipped: ${verdict(measured[0]!)}; with the transform cache cold, ${verdict(measured[1]!)}.`);

  // 5. Start-up.
  // The start-up figures load the built library: build it from the current sources first.
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], { cwd: ROOT });
  const loadLib = measure("require meridian", () => timeNode('require("./dist/components")'));
  const loadSdks = measure("require the four SDKs", () => timeNode('require("@pulumi/aws"); require("@pulumi/gcp"); require("@pulumi/azure-native"); require("@pulumi/kubernetes")'));
  const loadAwsOnly = measure("require meridian/aws", () => timeNode('require("./dist/components/aws")'));
  const loaded = (entry: string, sdk: string) =>
    spawnSync(process.execPath, ["-e", `require("./dist/components/${entry}"); console.log(Object.keys(require.cache).some((k) => k.includes("/@pulumi/${sdk}/")))`], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  lines.push("", "## Start-up", "", "| what is loaded | seconds | peak RSS, MB |", "|---|---:|---:|");
  lines.push(`| \`require("meridian")\` (the whole library, built) | ${fmt(loadLib.seconds)} | ${fmt(loadLib.rssMb, 0)} |`);
  lines.push(`| the four provider SDKs' root modules alone | ${fmt(loadSdks.seconds)} | ${fmt(loadSdks.rssMb, 0)} |`);
  lines.push(`| \`require("meridian/aws")\` (the AWS components) | ${fmt(loadAwsOnly.seconds)} | ${fmt(loadAwsOnly.rssMb, 0)} |`);
  lines.push("", `\`meridian/aws\` loads @pulumi/azure-native: ${loaded("aws", "azure-native")}; @pulumi/gcp: ${loaded("aws", "gcp")}. The components import provider modules deeply (\`@pulumi/aws/rds/instance\`), never a root module; \`meridian\` itself loads the modules of every cloud's components.`);

  // 6. The test suite, and jest's time per file (its own JSON report: from a file's start to its end, in a worker).
  const start = process.hrtime.bigint();
  const jestJson = path.join(work, "jest.json");
  // npm appends the arguments to the script's last command: jest.
  const t = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["test", "--silent", "--", "--json", `--outputFile=${jestJson}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const testSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  lines.push("", "## Test suite", "", `\`npm test\` (lint, type check, build, jest): **${testSeconds.toFixed(0)} s**, one run, exit ${t.status} (target ≤ 180 s on these 2 cores: ${testSeconds <= 180 && t.status === 0 ? "met" : "missed"}).`);
  if (fs.existsSync(jestJson)) {
    const report = JSON.parse(fs.readFileSync(jestJson, "utf8")) as { numTotalTests: number; startTime: number; testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }> };
    const files = report.testResults.map((f) => ({ file: path.relative(ROOT, f.name), seconds: (f.endTime - f.startTime) / 1000, tests: f.assertionResults.length })).sort((a, b) => b.seconds - a.seconds);
    const jestWall = (Math.max(...report.testResults.map((f) => f.endTime)) - report.startTime) / 1000;
    const sum = files.reduce((a, f) => a + f.seconds, 0);
    lines.push("", `Jest: ${report.numTotalTests} tests in ${files.length} files, ${jestWall.toFixed(0)} s of the run (two workers; ${sum.toFixed(0)} s of file time). The files that take longest:`, "", "| file | tests | seconds |", "|---|---:|---:|");
    for (const f of files.slice(0, 20)) lines.push(`| \`${f.file}\` | ${f.tests} | ${f.seconds.toFixed(1)} |`);
    lines.push(`| the other ${Math.max(0, files.length - 20)} files | ${files.slice(20).reduce((a, f) => a + f.tests, 0)} | ${files.slice(20).reduce((a, f) => a + f.seconds, 0).toFixed(1)} |`);
  }
  lines.push("");

  fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), lines.join("\n"));
  fs.rmSync(work, { recursive: true, force: true });
  process.stderr.write("wrote BENCHMARKS.md\n");
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
