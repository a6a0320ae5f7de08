/**
 * The library as another team gets it (dist/ built first, as `npm test` does): `npm pack`, unpack the tarball into a scratch program outside the
 * repository (its dependencies linked from this repository's node_modules: nothing is downloaded), plan that
 * program with the packaged `meridian` command, and type-check a TypeScript consumer of every entry point under
 * each module resolver TypeScript offers Node programs, Pulumi's own template settings first.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the packed library", () => {
  let scratch: string;

  beforeAll(() => {
    // dist/ is built by `npm test` before jest starts (and by `npm ci`): packing without scripts keeps this test from
    // rewriting dist/ while other tests (the examples) read it.
    expect(fs.existsSync(path.join(ROOT, "dist", "components", "index.js"))).toBe(true);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-consumer-"));
    const packed = execFileSync(npm, ["pack", "--silent", "--ignore-scripts", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    const modules = path.join(scratch, "node_modules");
    fs.mkdirSync(path.join(modules, "meridian"), { recursive: true });
    execFileSync("tar", ["-xzf", path.join(scratch, packed), "-C", path.join(modules, "meridian"), "--strip-components=1"]);
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (entry === "meridian" || entry.startsWith(".")) continue;
      fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
    }
    fs.writeFileSync(path.join(scratch, "Pulumi.yaml"), "name: shop\nruntime: nodejs\nmain: index.js\n");
    fs.writeFileSync(path.join(scratch, "Pulumi.ci.yaml"), "config:\n  meridian:environment: dev\n");
    fs.writeFileSync(
      path.join(scratch, "index.js"),
      [
        'const { GcpNetwork, registerStackTags, standardTags } = require("meridian");',
        'const { policies } = require("meridian/policies");',
        'const aws = require("meridian/aws");',
        'if (typeof aws.AwsNetwork !== "function" || "GcpNetwork" in aws) throw new Error("meridian/aws is not the AWS entry point");',
        'const { Provider } = require("@pulumi/gcp/provider");',
        'registerStackTags(standardTags({ environment: "dev", project: "shop", owner: "web", costCenter: "cc-7" }));',
        'const gcp = new Provider("gcp", { project: "shop-dev-001", region: "europe-west1" });',
        'const net = new GcpNetwork("net", { region: "europe-west1" }, { providers: { gcp } });',
        "exports.ruleCount = policies.length;",
        "exports.network = net.networkSelfLink;",
      ].join("\n"),
    );
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("ships the built library, the CLI and the policy configs, and no TypeScript sources", () => {
    const pkg = path.join(scratch, "node_modules", "meridian");
    expect(fs.existsSync(path.join(pkg, "dist", "components", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(pkg, "dist", "components", "index.d.ts"))).toBe(true);
    expect(fs.existsSync(path.join(pkg, "dist", "policies", "pack.js"))).toBe(true);
    expect(fs.existsSync(path.join(pkg, "policies", "config", "prod.json"))).toBe(true);
    expect(fs.existsSync(path.join(pkg, "cli", "main.ts"))).toBe(false);
  });

  it("imports as `meridian` and `meridian/policies`, and plans with the packaged command", () => {
    const r = spawnSync(process.execPath, [path.join(scratch, "node_modules", "meridian", "cli", "bin.js"), "plan", "--stack", "ci", "--format", "json"], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.project).toBe("shop");
    expect(report.outputs.ruleCount).toBeGreaterThan(10);
    const vpc = report.resources.find((x: { type: string }) => x.type === "gcp:compute/network:Network");
    expect(vpc.urn).toBe("urn:pulumi:ci::shop::meridian:network:GcpNetwork$gcp:compute/network:Network::net-vpc");
    expect(report.violations).toEqual([]);
  });

  /** Pulumi's `pulumi new typescript` tsconfig, with the resolver under test. */
  const template = (module: string, moduleResolution: string) => ({
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module,
      moduleResolution,
      sourceMap: true,
      experimentalDecorators: true,
      pretty: false,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
      types: ["node"],
    },
    files: ["consumer.ts"],
  });

  it.each<[string, string, string]>([
    ["node (Pulumi's template)", "commonjs", "node"],
    ["node16", "node16", "node16"],
    ["nodenext", "nodenext", "nodenext"],
    ["bundler", "esnext", "bundler"],
  ])("type-checks a TypeScript consumer of every entry point under moduleResolution %s", (label, module, moduleResolution) => {
    fs.writeFileSync(
      path.join(scratch, "consumer.ts"),
      [
        'import { RdsPostgres, AwsLoadBalancer, MeridianValidationError } from "meridian";',
        'import { AwsNetwork, EksPodIdentity } from "meridian/aws";',
        'import { GcpNetwork, GcpLoadBalancer } from "meridian/gcp";',
        'import { AksCluster, AzureFrontDoor } from "meridian/azure";',
        'import { policies, evaluatePolicies, type PolicyViolation } from "meridian/policies";',
        'import { withMeridianMocks, type MeridianMocksRun } from "meridian/testing";',
        "const used: unknown[] = [RdsPostgres, AwsLoadBalancer, MeridianValidationError, AwsNetwork, EksPodIdentity, GcpNetwork, GcpLoadBalancer, AksCluster, AzureFrontDoor, evaluatePolicies, withMeridianMocks];",
        "export type Run = MeridianMocksRun;",
        "const count: number = policies.length;",
        "const none: PolicyViolation[] = [];",
        "export { used, count, none };",
      ].join("\n"),
    );
    const file = path.join(scratch, `tsconfig.${moduleResolution}.json`);
    fs.writeFileSync(file, JSON.stringify(template(module, moduleResolution)));
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", file], { cwd: scratch, encoding: "utf8", timeout: 300_000 });
    expect({ resolver: label, status: r.status, output: (r.stdout + r.stderr).trim() }).toEqual({ resolver: label, status: 0, output: "" });
  });

  it("gives a consumer's unit tests the fake cloud: meridian/testing records what the program registers", () => {
    fs.writeFileSync(
      path.join(scratch, "kit.js"),
      [
        'const { withMeridianMocks } = require("meridian/testing");',
        'const { RdsPostgres } = require("meridian/aws");',
        'const network = { vpcId: "vpc-1", privateSubnetIds: ["subnet-a", "subnet-b"], privateRouteTableIds: ["rtb-a", "rtb-b"], addressPlan: { vpc: "10.0.0.0/16", publicSubnets: [], privateSubnets: ["10.0.16.0/20", "10.0.32.0/20"] } };',
        "withMeridianMocks(() => new RdsPostgres(\"orders\", { network })).then((run) => {",
        '  const db = run.resource("aws:rds/instance:Instance", "orders-instance");',
        "  console.log(JSON.stringify({ encrypted: db.inputs.storageEncrypted, key: db.inputs.kmsKeyId, count: run.resources.length }));",
        "});",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, ["kit.js"], { cwd: scratch, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ encrypted: true, key: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//), count: expect.any(Number) });
  });
});
