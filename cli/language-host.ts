/**
 * Runs a Pulumi program the way the Pulumi CLI's Node.js language host does — `node <nodeargs>
 * @pulumi/pulumi/cmd/run --monitor … --engine … <main>` in the project directory, with `PULUMI_NODEJS_TYPESCRIPT`
 * from `Pulumi.yaml`'s `typescript` option and the stack config in `PULUMI_CONFIG` — against a minimal resource
 * monitor, and reports when the program registers its first resource (the wait a user has before anything
 * happens). The monitor answers every registration with an id and the inputs echoed, and every invoke with nothing;
 * it is for timing the start, not for planning (that is `meridian plan`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { parse as parseYaml } from "yaml";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const sdkProto = (name: string) => require(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "proto", name));
const resourceGrpc = sdkProto("resource_grpc_pb.js");
const resourcePb = sdkProto("resource_pb.js");
const engineGrpc = sdkProto("engine_grpc_pb.js");
const enginePb = sdkProto("engine_pb.js");
const providerPb = sdkProto("provider_pb.js");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb.js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js");

export interface FirstResource {
  /** The first resource the program registered (the stack itself excluded). */
  readonly type: string;
  readonly name: string;
  /** From process start to that registration. */
  readonly seconds: number;
  /** The process's peak resident memory by then (Linux `VmHWM`), MB; null elsewhere. */
  readonly peakRssMb: number | null;
  /**
   * Where the program declared it: of the positions the SDK reports to the engine (its source position, then its
   * stack trace's frames: file URI, 1-based line and column), the first outside node_modules; null if none.
   */
  readonly declaredAt: { readonly uri: string; readonly line: number; readonly column: number } | null;
}

export interface HostRun {
  /** The Pulumi project directory (with `Pulumi.yaml`). */
  readonly programDir: string;
  readonly stack: string;
  /** `namespace:key` → value, as `PULUMI_CONFIG` holds it. */
  readonly config: Record<string, string>;
  /** Environment additions (`PULUMI_NODEJS_TRANSPILE_ONLY`, `TS_NODE_CACHE_DIRECTORY`, ...). */
  readonly env?: Record<string, string>;
  /** Overrides `Pulumi.yaml`: run the program as TypeScript through ts-node (`typescript: true`) from this entry. */
  readonly typescriptMain?: string;
  readonly timeoutMs?: number;
}

function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Starts the program as the language host would and resolves at its first resource registration (then stops it). */
export async function runUntilFirstResource(run: HostRun): Promise<FirstResource> {
  const project = parseYaml(fs.readFileSync(path.join(run.programDir, "Pulumi.yaml"), "utf8")) as { name: string; main?: string; runtime?: { options?: { typescript?: boolean; nodeargs?: string } } };
  const typescript = run.typescriptMain !== undefined ? true : (project.runtime?.options?.typescript ?? true);
  const main = run.typescriptMain ?? project.main ?? ".";
  type Registered = Pick<FirstResource, "type" | "name" | "declaredAt">;
  let resolveFirst: (r: Registered) => void = () => undefined;
  const first = new Promise<Registered>((resolve) => (resolveFirst = resolve));
  let stackUrn = "";

  const server = new grpc.Server();
  server.addService(resourceGrpc.ResourceMonitorService, {
    supportsFeature: (_call: any, cb: any) => {
      const resp = new resourcePb.SupportsFeatureResponse();
      resp.setHassupport(false);
      cb(null, resp);
    },
    registerResource: (call: any, cb: any) => {
      const req = call.request;
      const [type, name] = [req.getType() as string, req.getName() as string];
      const urn = `urn:pulumi:${run.stack}::${project.name}::${type}::${name}`;
      if (type === "pulumi:pulumi:Stack") stackUrn = urn;
      else {
        const positions = [req.getSourceposition(), ...(req.getStacktrace()?.getFramesList() ?? []).map((f: any) => f.getPc())].filter(Boolean);
        const own = positions.find((p: any) => !String(p.getUri()).includes("/node_modules/"));
        resolveFirst({ type, name, declaredAt: own ? { uri: own.getUri(), line: own.getLine(), column: own.getColumn() } : null });
      }
      const resp = new resourcePb.RegisterResourceResponse();
      resp.setUrn(urn);
      resp.setId(req.getCustom() ? `${name}-id` : "");
      resp.setObject(req.getObject() ?? Struct.fromJavaScript({}));
      cb(null, resp);
    },
    registerResourceOutputs: (_call: any, cb: any) => cb(null, new Empty()),
    invoke: (_call: any, cb: any) => {
      const resp = new providerPb.InvokeResponse();
      resp.setReturn(Struct.fromJavaScript({}));
      cb(null, resp);
    },
  });
  server.addService(engineGrpc.EngineService, {
    log: (_call: any, cb: any) => cb(null, new Empty()),
    getRootResource: (_call: any, cb: any) => {
      const resp = new enginePb.GetRootResourceResponse();
      resp.setUrn(stackUrn);
      cb(null, resp);
    },
    setRootResource: (call: any, cb: any) => {
      stackUrn = call.request.getUrn();
      cb(null, new enginePb.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  const address = `127.0.0.1:${port}`;

  const runScript = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run");
  const nodeArgs = (project.runtime?.options?.nodeargs ?? "").split(/\s+/).filter(Boolean);
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, runScript, `--monitor=${address}`, `--engine=${address}`, `--project=${project.name}`, `--stack=${run.stack}`, `--pwd=${run.programDir}`, main], {
    cwd: run.programDir,
    env: { ...process.env, ...run.env, PULUMI_NODEJS_TYPESCRIPT: String(typescript), PULUMI_CONFIG: JSON.stringify(run.config), PULUMI_CONFIG_SECRET_KEYS: "[]" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<never>((_, reject) => child.on("exit", (code) => reject(new Error(`the program exited (${code}) before registering a resource:\n${output.slice(-2000)}`))));
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no resource within ${run.timeoutMs ?? 120_000} ms:\n${output.slice(-2000)}`)), run.timeoutMs ?? 120_000).unref());
  try {
    const r = await Promise.race([first, exited, timeout]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { ...r, seconds, peakRssMb: peakRssMb(child.pid!) };
  } finally {
    const gone = new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)));
    child.kill("SIGKILL");
    await gone;
    server.forceShutdown();
  }
}

/**
 * A fresh temporary directory, where cli/ts-loader.js keeps its transform cache (`<tmpdir>/meridian-ts-<uid>`; tsx
 * keeps its own there too): a cold start.
 */
export function coldTransformCache(): Record<string, string> {
  return { TMPDIR: fs.mkdtempSync(path.join(os.tmpdir(), "ts-cold-")) };
}

/** A fresh, empty directory for ts-node's cache: a cold start, as on a new runner or after an edit. */
export function coldTsNodeCache(): Record<string, string> {
  return { TS_NODE_CACHE_DIRECTORY: fs.mkdtempSync(path.join(os.tmpdir(), "ts-node-cold-")) };
}
