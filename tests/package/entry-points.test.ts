/** Per-cloud entry points load only their cloud's SDK modules (measured in BENCHMARKS.md; checked here). */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

function loads(entry: string): string[] {
  const code = `require("./cli/ts-loader.js").register(); require("./components/${entry}"); console.log(JSON.stringify(["aws", "gcp", "azure-native", "kubernetes"].filter((s) => Object.keys(require.cache).some((k) => k.includes("/@pulumi/" + s + "/")))))`;
  const r = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]");
}

describe("per-cloud entry points", () => {
  it.each<[string, string[]]>([
    ["aws", ["aws", "kubernetes"]],
    ["gcp", ["gcp", "kubernetes"]],
    ["azure", ["azure-native", "kubernetes"]],
    ["index", ["aws", "gcp", "azure-native", "kubernetes"]],
  ])("meridian/%s loads the SDKs of its clouds only", (entry, sdks) => {
    expect(loads(entry)).toEqual(sdks);
  });
});

describe("the public API", () => {
  it("names what it exports: the helpers the components share stay internal", async () => {
    const internal = ["OffSchema", "childOptions", "validator", "checkFieldOfCloud", "checkAwsAddressPlan", "checkGcpAddressPlan", "checkNetworkForCloud", "checkDatabaseConnection", "databaseEnvironment", "secretKeyDecryptStatement", "secretReadStatements", "checkDatabaseVariables", "withDatabaseEnvironment", "gcpServiceAccountId", "checkNodePools", "execKubeconfig", "upperSnakeTaints", "tableMappings"];
    for (const entry of ["index", "aws", "gcp", "azure"]) {
      const api = (await import(`../../components/${entry}`)) as Record<string, unknown>;
      expect({ entry, leaked: internal.filter((n) => n in api) }).toEqual({ entry, leaked: [] });
    }
    const api = (await import("../../components")) as Record<string, unknown>;
    for (const name of ["RdsPostgres", "AwsLoadBalancer", "GcpLoadBalancer", "AzureFrontDoor", "KubernetesApp", "MeridianValidationError", "registerStackTags", "privateSubnetIdList"]) expect(typeof api[name]).toBe("function");
  });
});

