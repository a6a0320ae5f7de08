/**
 * `npm run bench`: measures the offline plan and the policy pack and writes BENCHMARKS.md. Each figure is the
 * median of at least five runs after a warm-up, with min–max. Nothing here asserts a time; the targets are
 * written beside the figures.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "cli", "bin.js");
const RSS = path.join(ROOT, "cli", "bench-rss.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));

interface Sample {
  readonly seconds: number;
  readonly rssMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs a whole `meridian` process: wall time and peak RSS. */
function runProcess(args: string[], cwd = ROOT): Sample {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", RSS, BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, MERIDIAN_BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`meridian ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { seconds, rssMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024 };
}

function measure(label: string, fn: () => Sample, runs = RUNS): { label: string; seconds: number[]; rssMb: number[] } {
  fn(); // warm-up: file caches, tsx's transform cache
  const samples = Array.from({ length: runs }, fn);
  process.stderr.write(`${label}: ${median(samples.map((s) => s.seconds)).toFixed(2)} s\n`);
  return { label, seconds: samples.map((s) => s.seconds), rssMb: samples.map((s) => s.rssMb) };
}

const fmt = (xs: number[], digits = 2) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

function planJson(args: string[], cwd = ROOT): any {
  const out = path.join(work, `plan-${process.hrtime.bigint()}.json`);
  runProcess([...args, "--format", "json", "--out", out], cwd);
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

/** A program that registers the prod plan's resources directly, with no components: the floor. */
function floorProgram(prod: any): string {
  const dir = path.join(work, "floor");
  fs.mkdirSync(dir, { recursive: true });
  const custom = prod.resources.filter((r: any) => r.custom);
  const lines = [
    'const pulumi = require("@pulumi/pulumi");',
    "const providers = {};",
    "function opts(r) { return r.provider && providers[r.provider.split('::').slice(0, -1).join('::')] ? { provider: providers[r.provider.split('::').slice(0, -1).join('::')] } : {}; }",
  ];
  for (const r of custom) {
    const ctor = r.type.startsWith("pulumi:providers:") ? `new pulumi.ProviderResource(${JSON.stringify(r.type.slice("pulumi:providers:".length))}, ${JSON.stringify(r.name)}, ${JSON.stringify(r.inputs)})` : `new pulumi.CustomResource(${JSON.stringify(r.type)}, ${JSON.stringify(r.name)}, ${JSON.stringify(r.inputs)}, opts(${JSON.stringify({ provider: r.provider })}))`;
    lines.push(r.type.startsWith("pulumi:providers:") ? `providers[${JSON.stringify(r.urn)}] = ${ctor};` : `${ctor};`);
  }
  fs.writeFileSync(path.join(dir, "index.js"), lines.join("\n"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: floor\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config: {}\n");
  linkModules(dir);
  return dir;
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
const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({})") });
for (let i = 0; i < ${n}; i++) {
  switch (i % 3) {
    case 0: new AwsFunction(\`fn-\${i}\`, { code, runtime: "nodejs22.x", handler: "index.handler" }); break;
    case 1: new CloudRunService(\`run-\${i}\`, { region: "us-central1", image: "us-docker.pkg.dev/p/r/api:1" }); break;
    default: new RdsPostgres(\`db-\${i}\`, { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"] });
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
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, rssMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024 };
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

  // 2. The floor.
  const prod = planJson(["plan", "--stack", "prod"]);
  const floorDir = floorProgram(prod);
  const floor = measure("floor", () => runProcess(["plan", "--program", floorDir, "--stack", "bench", "--format", "json", "--out", path.join(work, "out.json")]));
  const ratio = median(stackResults["prod"]!.seconds) / median(floor.seconds);
  lines.push("", "## The floor", "");
  lines.push(`The prod plan's ${prod.resources.filter((r: any) => r.custom).length} custom resources registered directly (a generated program, same types, inputs and providers, no components), planned the same way:`);
  lines.push("", "| program | seconds | peak RSS, MB |", "|---|---:|---:|", `| prod stack | ${fmt(stackResults["prod"]!.seconds)} | ${fmt(stackResults["prod"]!.rssMb, 0)} |`, `| floor | ${fmt(floor.seconds)} | ${fmt(floor.rssMb, 0)} |`);
  lines.push("", `**prod / floor = ${ratio.toFixed(2)}** (target ≤ 1.3: ${ratio <= 1.3 ? "met" : "missed"}).`);

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
  lines.push("", `**${fmt(rates.map((r) => r / 1000), 0)} thousand resource-checks per second** (target ≥ 50: ${median(rates) >= 50_000 ? "met" : "missed"}).`);

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

  // 6. The test suite.
  const start = process.hrtime.bigint();
  const t = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["test", "--silent"], { cwd: ROOT, encoding: "utf8" });
  const testSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  lines.push("", "## Test suite", "", `\`npm test\` (lint, type check, jest): ${testSeconds.toFixed(0)} s, one run, exit ${t.status}.`, "");

  fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), lines.join("\n"));
  fs.rmSync(work, { recursive: true, force: true });
  process.stderr.write("wrote BENCHMARKS.md\n");
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
