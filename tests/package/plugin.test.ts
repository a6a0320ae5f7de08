/**
 * Meridian as a Pulumi plugin package (`PulumiPlugin.yaml`), the way other Pulumi languages consume it: the schema
 * Pulumi's component provider generates from the sources must list every exported component with its inputs and
 * outputs, every type it refers to must resolve, and a component must build from inputs shaped as another
 * language sends them (plain values, no TypeScript objects). The last test boots the real plugin host
 * (`@pulumi/pulumi/cmd/run-plugin`, what the Node.js language host runs) and asks it for the schema over gRPC.
 */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as meridian from "../../components";
import { CLOUDS, EKS_VERSIONS, LAMBDA_RUNTIMES } from "../../components";
import { formatSchema, SCHEMA_FILE } from "../../cli/generate-schema";
import { startHost, stopHost } from "../helpers/host";
import { resource, runProgram } from "../helpers/offline";

const ROOT = path.resolve(__dirname, "../..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string; main: string };

interface SchemaProperty {
  $ref?: string;
  type?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  plain?: boolean;
}
interface SchemaResource {
  isComponent?: boolean;
  inputProperties?: Record<string, SchemaProperty>;
  requiredInputs?: string[];
  properties?: Record<string, SchemaProperty>;
}
interface Schema {
  name: string;
  version: string;
  resources: Record<string, SchemaResource>;
  types: Record<string, { type: string; enum?: Array<{ name: string; value: unknown }>; properties?: Record<string, SchemaProperty> }>;
  dependencies?: Array<{ name: string; version: string }>;
}

const components = getPulumiComponents(meridian);
const provider = new ComponentProvider({ components, dirname: ROOT, name: PACKAGE.name });
let schema: Schema;

/**
 * Each component's args properties and public fields, read from the sources with the TypeScript compiler: a
 * program of components/ alone (its files import one another; the provider SDKs and the standard library are left
 * out, `noResolve`, `noLib`), which names the same properties in 0.3 s instead of 6 s. An args interface that
 * extended a provider's type would lose those properties here, and the comparison with the schema would fail.
 */
function declaredShapes(): Map<string, { inputs: string[]; outputs: string[] }> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const sources = config.fileNames.filter((f) => f.startsWith(path.join(ROOT, "components") + path.sep));
  const program = ts.createProgram(sources, { ...config.options, noResolve: true, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const shapes = new Map<string, { inputs: string[]; outputs: string[] }>();
  const names = new Set(components.map((c) => c.name));
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(path.join(ROOT, "components"))) continue;
    ts.forEachChild(file, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name || !names.has(node.name.text)) return;
      const ctor = node.members.find(ts.isConstructorDeclaration)!;
      const args = ctor.parameters.find((p) => p.name.getText() === "args")!;
      const inputs = checker.getTypeAtLocation(args.type!).getProperties().map((p) => p.getName());
      const outputs = node.members
        .filter(ts.isPropertyDeclaration)
        .filter((m) => !(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)))
        .map((m) => m.name.getText());
      shapes.set(node.name.text, { inputs: inputs.sort(), outputs: outputs.sort() });
    });
  }
  return shapes;
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

beforeAll(async () => {
  schema = JSON.parse(await provider.getSchema()) as Schema;
}, 120_000);

describe("the component provider's schema", () => {
  it("is checked in as schema.json, the public contract a reviewer sees change (npm run schema:generate)", () => {
    // The schema the provider generates in beforeAll, as `npm run schema:generate` writes it.
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(formatSchema(schema));
  });

  it("lists every exported component under the package's name and version", () => {
    expect(components.length).toBeGreaterThanOrEqual(22);
    expect(schema.name).toBe("meridian");
    expect(schema.version).toBe(PACKAGE.version);
    expect(Object.keys(schema.resources).sort()).toEqual(components.map((c) => `meridian:index:${c.name}`).sort());
    for (const r of Object.values(schema.resources)) expect(r.isComponent).toBe(true);
  });

  it("has every args property as an input and every public field (only those) as an output", () => {
    const shapes = declaredShapes();
    expect([...shapes.keys()].sort()).toEqual(components.map((c) => c.name).sort());
    for (const [name, shape] of shapes) {
      const r = schema.resources[`meridian:index:${name}`]!;
      expect({ name, inputs: Object.keys(r.inputProperties ?? {}).sort() }).toEqual({ name, inputs: shape.inputs });
      expect({ name, outputs: Object.keys(r.properties ?? {}).sort() }).toEqual({ name, outputs: shape.outputs });
      expect(shape.inputs.length).toBeGreaterThan(0);
      expect(shape.outputs.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it("refers only to types it defines and to resources of the providers it depends on", () => {
    const deps = new Set((schema.dependencies ?? []).map((d) => `${d.name}/v${d.version}`));
    for (const ref of refsIn({ resources: schema.resources, types: schema.types })) {
      if (ref.startsWith("#/types/")) {
        expect({ ref, defined: ref.slice("#/types/".length) in schema.types }).toEqual({ ref, defined: true });
      } else if (ref.startsWith("pulumi.json#/")) {
        // Not Any: an arg the analyser could only call Any would reach other languages untyped.
        expect(["pulumi.json#/Archive", "pulumi.json#/Asset"]).toContain(ref);
      } else {
        // A resource of another package: /<pkg>/v<version>/schema.json#/resources/<pkg>:<module>:<Type>. A provider
        // (a token without a module) has no such entry, so SDK generation would fail on it.
        const m = /^\/([a-z0-9-]+\/v[0-9.]+)\/schema\.json#\/resources\/(.+)$/.exec(ref);
        expect({ ref, matches: m !== null }).toEqual({ ref, matches: true });
        expect(deps).toContain(m![1]);
        expect(decodeURIComponent(m![2]!).split(":")).toHaveLength(3);
      }
    }
  });

  it("describes the enums with exactly the values the components accept", () => {
    const values = (t: string) => schema.types[`meridian:index:${t}`]!.enum!.map((e) => e.value).sort();
    expect(values("Cloud")).toEqual([...CLOUDS].sort());
    expect(values("KubernetesVersion")).toEqual([...EKS_VERSIONS].sort());
    expect(values("LambdaRuntime")).toEqual([...LAMBDA_RUNTIMES].sort());
    const kinds = Object.entries(schema.types).filter(([, t]) => t.enum !== undefined);
    expect(kinds.length).toBeGreaterThanOrEqual(30);
  });

  it("takes networks and databases as plain values, the way another language passes them", () => {
    const net = schema.types["meridian:index:GcpNetworkRef"]!;
    expect(Object.keys(net.properties ?? {}).sort()).toEqual(
      ["addressPlan", "networkId", "podsRangeName", "privateServicesConnection", "region", "servicesRangeName", "subnetworkId"].sort(),
    );
    expect(schema.resources["meridian:index:CloudSqlPostgres"]!.inputProperties!["network"]!.$ref).toBe("#/types/meridian:index:GcpNetworkRef");
    expect(schema.resources["meridian:index:DmsReplication"]!.inputProperties!["source"]!.$ref).toBe("#/types/meridian:index:ReplicationSourceRef");
    expect(schema.resources["meridian:index:DmsReplication"]!.inputProperties!["target"]!.$ref).toBe("#/types/meridian:index:PostgresTarget");
  });
});

describe("constructing through the component provider", () => {
  const plan = { subnet: "10.10.0.0/20", pods: "10.16.0.0/14", services: "10.20.0.0/20", privateServices: "10.30.0.0/16" };
  const gcpNetwork = {
    networkId: "projects/p/global/networks/core",
    subnetworkId: "projects/p/regions/us-central1/subnetworks/core",
    region: "us-central1",
    podsRangeName: "pods",
    servicesRangeName: "services",
    addressPlan: plan,
  };

  it("builds Cloud SQL and an EKS cluster from plain network values and outputs, and returns the schema's outputs", async () => {
    const states: Array<Record<string, unknown>> = [];
    const result = await runProgram(async () => {
      // Values another program computed arrive as Outputs.
      const network = { ...gcpNetwork, networkId: pulumi.output(gcpNetwork.networkId), subnetworkId: pulumi.secret(gcpNetwork.subnetworkId) };
      const db = await provider.construct("db", "meridian:index:CloudSqlPostgres", { network, region: "us-central1" }, {});
      const k8s = await provider.construct(
        "k8s",
        "meridian:index:KubernetesCluster",
        {
          cloud: "aws",
          awsNetwork: {
            vpcId: "vpc-1",
            privateSubnetIds: ["subnet-a", "subnet-b"],
            privateRouteTableIds: ["rtb-a", "rtb-b"],
            addressPlan: { vpc: "10.0.0.0/16", publicSubnets: ["10.0.0.0/24", "10.0.1.0/24"], privateSubnets: ["10.0.16.0/20", "10.0.32.0/20"] },
          },
          nodePools: [{ name: "general", size: "small", minNodes: 1, maxNodes: 3 }],
        },
        {},
      );
      states.push(db.state as Record<string, unknown>, k8s.state as Record<string, unknown>);
    });
    const instance = resource(result, "gcp:sql/databaseInstance:DatabaseInstance", "db-instance");
    expect(instance.inputs).toMatchObject({ region: "us-central1", settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: gcpNetwork.networkId } } });
    const cluster = resource(result, "aws:eks/cluster:Cluster", "k8s-cluster");
    expect(cluster.inputs).toMatchObject({ vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPublicAccess: false } });
    // The state is read from the instance's fields: each must hold a value, not be undefined.
    expect(states[0]).toMatchObject({ databaseName: "app", userName: "app", port: 5432 });
    for (const key of ["privateIp", "connectionName", "userPassword", "serverCaCert"]) expect({ key, output: pulumi.Output.isInstance(states[0]![key]) }).toEqual({ key, output: true });
    expect(states[1]).toMatchObject({ cloud: "aws" });
    for (const key of ["kubeconfig", "clusterName"]) expect({ key, output: pulumi.Output.isInstance(states[1]![key]) }).toEqual({ key, output: true });
  }, 120_000);

  it("deploys an app on the cluster given in the options' providers map, as the engine passes it", async () => {
    const result = await runProgram(async () => {
      const cluster = new Provider("cluster", { kubeconfig: "{}" });
      await provider.construct("api", "meridian:index:KubernetesApp", { image: "ghcr.io/acme/api:1" }, { providers: { kubernetes: cluster } });
    });
    expect(resource(result, "kubernetes:apps/v1:Deployment", "api-deployment").provider).toMatch(/::pulumi:providers:kubernetes::cluster::/);
  });

  it("names the component and the field when a plain input is wrong", async () => {
    await expect(
      runProgram(() => provider.construct("db", "meridian:index:CloudSqlPostgres", { network: gcpNetwork, region: "Iowa" }, {})),
    ).rejects.toThrow(`meridian:database:CloudSqlPostgres 'db': region must be a GCP region such as "us-central1" (the list in components/core/regions.ts; a region opened since needs an entry there); got "Iowa".`);
  });
});

describe("the plugin host", () => {
  let host: ChildProcess | undefined;
  afterAll(() => stopHost(host));

  it("boots from PulumiPlugin.yaml's directory and serves the same schema over gRPC", async () => {
    expect(fs.readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    // The host requires the directory: package.json `main` leads to the root index.ts (ts-node is registered).
    expect(PACKAGE.main).toBe("index.ts");
    const runPlugin = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-plugin");
    const started = await startHost(runPlugin, [ROOT], ROOT);
    host = started.child;
    const port = started.port;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pb = require("@pulumi/pulumi/proto/provider_pb");
    const client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const served = await new Promise<Schema>((resolve, reject) =>
      client.getSchema(new pb.GetSchemaRequest(), (err: Error | null, res: { getSchema(): string }) => (err ? reject(err) : resolve(JSON.parse(res.getSchema()) as Schema))),
    );
    client.close();
    expect(served.name).toBe("meridian");
    expect(Object.keys(served.resources).sort()).toEqual(Object.keys(schema.resources).sort());
    expect(served.types).toEqual(schema.types);
  }, 180_000);
});
