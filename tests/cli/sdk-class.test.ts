/**
 * The benchmark's floor program (cli/bench.ts) builds every resource of the prod plan through its SDK class; this
 * checks the mapping from type token to class for every type the prod stack registers (a provider class's
 * `__pulumiType` is its package's name), and that a wrong token fails. The modules are loaded in a child process:
 * some 90 SDK modules in a jest worker left it too slow to exit.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { sdkClassOf } from "../../cli/sdk-class";
import { referencePlan } from "../helpers/reference-plans";

const ROOT = path.resolve(__dirname, "../..");

/** sdkClassOf for each type, and the `__pulumiType` of the class it names, computed in a fresh process. */
function resolveInChild(types: string[]): Record<string, { module: string; found: string | undefined }> {
  const script = `
    require(${JSON.stringify(path.join(ROOT, "cli", "ts-loader.js"))}).register();
    const { sdkClassOf } = require(${JSON.stringify(path.join(ROOT, "cli", "sdk-class.ts"))});
    const out = {};
    for (const type of JSON.parse(process.argv[1])) {
      const { module, className } = sdkClassOf(type);
      out[type] = { module, found: require(require.resolve(module, { paths: [${JSON.stringify(ROOT)}] }))[className].__pulumiType };
    }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["-e", script, JSON.stringify(types)], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, { module: string; found: string | undefined }>;
}

describe("sdkClassOf", () => {
  it("finds the SDK class of every custom resource type of the prod plan, checked by its __pulumiType", () => {
    const resources = referencePlan("prod").resources;
    const types = [...new Set(resources.filter((r) => r.custom).map((r) => r.type))].sort();
    expect(types.length).toBeGreaterThan(40);
    const resolved = resolveInChild([...types, "azure-native:network:NatGateway", "kubernetes:core/v1:Namespace"]);
    for (const type of types) expect({ type, found: resolved[type]!.found }).toEqual({ type, found: type.replace(/^pulumi:providers:/, "") });
    expect(resolved["kubernetes:networking.k8s.io/v1:NetworkPolicy"]!.module).toBe("@pulumi/kubernetes/networking/v1/networkPolicy");
    expect(resolved["gcp:projects/iAMMember:IAMMember"]!.module).toBe("@pulumi/gcp/projects/iammember");
    expect(resolved["pulumi:providers:aws"]!.module).toBe("@pulumi/aws/provider");
    // The resource's own file, not the module index that also exports it.
    expect(resolved["azure-native:network:NatGateway"]!.module).toBe("@pulumi/azure-native/network/natGateway");
    expect(resolved["kubernetes:core/v1:Namespace"]!.module).toBe("@pulumi/kubernetes/core/v1/namespace");
  }, 120_000);

  it("fails on a type no SDK defines", () => {
    expect(() => sdkClassOf("aws:ec2/nothing:Nothing")).toThrow("no SDK class for aws:ec2/nothing:Nothing");
  });
});
