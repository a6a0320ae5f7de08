import * as path from "path";

/**
 * Where a resource type's SDK class lives: `aws:ec2/vpc:Vpc` → `@pulumi/aws/ec2/vpc`,
 * `azure-native:network:NatGateway` → `@pulumi/azure-native/network/natGateway`,
 * `random:index/randomPassword:RandomPassword` → `@pulumi/random/randomPassword`,
 * `kubernetes:networking.k8s.io/v1:NetworkPolicy` → `@pulumi/kubernetes/networking/v1/networkPolicy`,
 * `pulumi:providers:gcp` → `@pulumi/gcp/provider`. Checked by the class's own `__pulumiType`, so a wrong guess
 * fails loudly instead of measuring something else.
 */
export function sdkClassOf(type: string, root = path.resolve(__dirname, "..")): { module: string; className: string } {
  const lowerFirst = (x: string) => x.charAt(0).toLowerCase() + x.slice(1);
  const provider = type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : undefined;
  // A provider class's __pulumiType is its package's name.
  const [pkg, mod, className] = provider ? [provider, "provider", "Provider"] : (type.split(":") as [string, string, string]);
  const expected = provider ?? type;
  const file = mod.replace(/^index\//, "");
  // Kubernetes API groups drop their domain in the SDK's paths: networking.k8s.io/v1 → networking/v1.
  const group = mod.split("/").map((seg) => seg.split(".")[0]).join("/");
  // The resource's own file first: a module's index file also exports the class, but loads more than a program
  // importing the class deeply (as the components do) would.
  const candidates = [`${mod}/${lowerFirst(className)}`, `${group}/${lowerFirst(className)}`, file, file.toLowerCase(), lowerFirst(className)].map((m) => `@pulumi/${pkg}/${m}`);
  for (const module of candidates) {
    let exported: { __pulumiType?: string } | undefined;
    try {
      // The module is only known from the type token at run time.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = (require(require.resolve(module, { paths: [root] })) as Record<string, { __pulumiType?: string }>)[className];
    } catch {
      continue;
    }
    if (exported?.__pulumiType === expected) return { module, className };
  }
  throw new Error(`no SDK class for ${type} (tried ${candidates.join(", ")})`);
}
