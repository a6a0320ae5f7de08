/**
 * The benchmark's floor program (cli/bench.ts) builds every resource of the prod plan through its SDK class; this
 * checks the mapping from type token to class for every type the prod stack registers (a provider class's
 * `__pulumiType` is its package's name), and that a wrong token fails.
 */
import { sdkClassOf } from "../../cli/sdk-class";
import { meridian } from "../helpers/cli";

describe("sdkClassOf", () => {
  it("finds the SDK class of every custom resource type of the prod plan, checked by its __pulumiType", () => {
    const plan = meridian("plan", "--stack", "prod", "--format", "json");
    expect(plan.code).toBe(0);
    const resources = (JSON.parse(plan.stdout) as { resources: Array<{ type: string; custom: boolean }> }).resources;
    const types = [...new Set(resources.filter((r) => r.custom).map((r) => r.type))].sort();
    expect(types.length).toBeGreaterThan(40);
    for (const type of types) {
      const { module, className } = sdkClassOf(type);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect({ type, found: (require(module) as Record<string, { __pulumiType?: string }>)[className]?.__pulumiType }).toEqual({ type, found: type.replace(/^pulumi:providers:/, "") });
    }
    expect(sdkClassOf("kubernetes:networking.k8s.io/v1:NetworkPolicy").module).toBe("@pulumi/kubernetes/networking/v1/networkPolicy");
    expect(sdkClassOf("gcp:projects/iAMMember:IAMMember").module).toBe("@pulumi/gcp/projects/iammember");
    expect(sdkClassOf("pulumi:providers:aws")).toEqual({ module: "@pulumi/aws/provider", className: "Provider" });
    // The resource's own file, not the module index that also exports it.
    expect(sdkClassOf("azure-native:network:NatGateway").module).toBe("@pulumi/azure-native/network/natGateway");
    expect(sdkClassOf("kubernetes:core/v1:Namespace").module).toBe("@pulumi/kubernetes/core/v1/namespace");
  }, 120_000);

  it("fails on a type no SDK defines", () => {
    expect(() => sdkClassOf("aws:ec2/nothing:Nothing")).toThrow("no SDK class for aws:ec2/nothing:Nothing");
  });
});
