/**
 * The offline engine: runs a Pulumi program under the SDK's own mock runtime (`pulumi.runtime.setMocks`)
 * and records every resource registration as the real engine would receive it.
 *
 * What differs from the mock runtime as shipped, so that the record matches a real deployment:
 * - URNs are built the way the engine builds them (the parent's full qualified type, and no `Stack` type
 *   for the stack's direct children). The SDK's MockMonitor uses only the parent's last type segment.
 * - Each registration's options are kept: parent, protect, provider, dependencies, retainOnDelete, aliases.
 * - A resource's computed attributes come from the fake cloud, in the region/project of its provider.
 * - `pulumi:disable-default-providers` is enforced as the engine would: a resource that would need a
 *   disabled default provider is reported.
 * - A registration's `additionalSecretOutputs` come back secret, as the engine makes them.
 *
 * The Pulumi runtime keeps global state: run one program per process.
 */
import * as fs from "fs";
import * as path from "path";
import { containsSecret, decodeWire, providerUrnOf, SECRET_SIG, SIG_KEY } from "./decode";
import { urnName, urnQualifiedType } from "./urn";
import { DEFAULT_TIMEOUT_SECONDS } from "../options";
import { DEFAULT_IDENTITY, fakeCloudMocks, fakeResourceState, type FakeCloudIdentity, type FakeCloudLog } from "./fake-cloud";

interface AliasSpecLike {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  getNoparent(): boolean;
}
interface AliasLike {
  getUrn(): string;
  getSpec(): AliasSpecLike | undefined;
}

/** The URNs a registration's aliases stand for: an alias spec's unset parts are the resource's own, as the engine fills them. */
function aliasUrns(
  req: { getAliasesList?: () => AliasLike[]; getAliasurnsList?: () => string[] },
  own: { stack: string; project: string; parent: string | undefined; type: string; name: string },
): string[] {
  const urns = [...(req.getAliasurnsList?.() ?? [])];
  for (const alias of req.getAliasesList?.() ?? []) {
    const spec = alias.getSpec();
    if (!spec) {
      if (alias.getUrn()) urns.push(alias.getUrn());
      continue;
    }
    const parent = spec.getNoparent() ? undefined : spec.getParenturn() || own.parent;
    urns.push(engineUrn(spec.getStack() || own.stack, spec.getProject() || own.project, parent, spec.getType() || own.type, spec.getName() || own.name));
  }
  return urns;
}

/**
 * The aliases a child gets from its parent's, as the engine derives them (the SDK sends the parent's alias specs
 * only): for each URN the parent answers to, the child under it — named with the parent's old name in place of its
 * new one when the child's name starts with the parent's (`orders-db-key` under `orders-db` answers to
 * `orders-key` under `orders`).
 */
function inheritedAliases(parent: { name: string; aliases: string[] } | undefined, at: { stack: string; project: string }, type: string, name: string): string[] {
  if (!parent) return [];
  return parent.aliases.map((alias) => {
    const oldParentName = urnName(alias);
    const childName = name.startsWith(parent.name) ? `${oldParentName}${name.slice(parent.name.length)}` : name;
    return engineUrn(at.stack, at.project, alias, type, childName);
  });
}

/** One resource as the engine would have received it. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's URN; undefined only for the stack itself. */
  readonly parent: string | undefined;
  readonly custom: boolean;
  /** A multi-language component whose children are invisible offline (e.g. @pulumi/eks). */
  readonly remote: boolean;
  readonly id: string | undefined;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  /** `urn::id` of the explicit provider, or undefined when the default provider is used. */
  readonly provider: string | undefined;
  readonly dependsOn: string[];
  /** For each input, the URNs of the resources its value came from (what the engine gives stack policies). */
  readonly propertyDependencies?: Record<string, string[]>;
  readonly ignoreChanges: string[];
  readonly additionalSecretOutputs: string[];
  /** How many aliases the registration carried. */
  readonly aliasCount: number;
  /** The URNs its aliases stand for (a URN alias as given; an alias spec resolved the way the engine resolves it). */
  readonly aliases: string[];
  /** Inputs with secrets revealed, as CrossGuard policies see them; unknowns are the engine's unknown sentinel. */
  readonly inputs: Record<string, unknown>;
  /** Inputs with secrets masked as `[secret]`, for reports. */
  readonly maskedInputs: Record<string, unknown>;
  /**
   * What the fake cloud answered for a custom resource: its inputs with the attributes a provider computes (ids,
   * ARNs, addresses), secrets as the SDK's secret wrappers. Undefined for components.
   */
  state?: Record<string, unknown>;
  /** Outputs a component registered (`registerOutputs`), secrets masked; undefined for custom resources. */
  outputs?: Record<string, unknown>;
  /** The same outputs with secrets revealed, for stack policies. */
  revealedOutputs?: Record<string, unknown>;
  /** Names of component outputs that are secret. */
  secretOutputs?: string[];
}

export interface OfflineRunOptions {
  /**
   * The program: the path of the module to load (as Pulumi would: its exports become the stack outputs),
   * or a function that creates resources and returns the stack outputs (for tests).
   */
  readonly program: string | (() => unknown);
  /** The directory of the Pulumi project; its `@pulumi/pulumi` is the one mocked. Default: Meridian's own SDK. */
  readonly programDir?: string;
  readonly project: string;
  readonly stack: string;
  /** `namespace:key` → value, as `PULUMI_CONFIG` holds it. */
  readonly config: Record<string, string>;
  readonly secretKeys?: readonly string[];
  readonly identity?: Partial<FakeCloudIdentity>;
  /** Run as a preview (`pulumi.runtime.isDryRun()` true). Default false: an update, so all values are known. */
  readonly preview?: boolean;
  /**
   * Run as a stack's first `pulumi preview`: nothing exists yet, so every resource's outputs are unknown except
   * its own inputs (ids, ARNs, addresses: all unknown). Implies `preview`.
   */
  readonly firstPreview?: boolean;
  /** How long the program may run before it is stopped and reported, in seconds. Default: `DEFAULT_TIMEOUT_SECONDS`. */
  readonly timeoutSeconds?: number;
}

/** A plan of the 1,000-component benchmark program takes under a minute here; five leave room for slow runners. */
export { DEFAULT_TIMEOUT_SECONDS } from "../options";

/**
 * The program did not come to an end the way a Pulumi program does: it never settled, ran past the timeout, or
 * tried to exit the process. The message is one line saying which, and what was still pending.
 */
export class ProgramStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramStoppedError";
  }
}

export interface OfflineRunResult {
  readonly resources: RecordedResource[];
  /** The stack outputs, secrets masked. */
  readonly outputs: Record<string, unknown>;
  /** Names of stack outputs that are secret. */
  readonly secretOutputs: string[];
  /** Everything the program and the SDK printed. */
  readonly messages: string[];
  /** Invokes the fake cloud had no answer for (answered with their own arguments). */
  readonly unknownInvokes: string[];
  /** Things the real engine would have rejected. */
  readonly engineErrors: string[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";

export { urnName, urnQualifiedType } from "./urn";

/** The URN the engine gives a resource: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export function engineUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentQualified = urnQualifiedType(parentUrn);
    if (parentQualified !== STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Resolves the module Pulumi would load for `main` (a file, or a directory's index.ts / index.js). */
export function resolveEntry(programDir: string, main: string | undefined): string {
  const target = path.resolve(programDir, main ?? ".");
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    for (const index of ["index.ts", "index.js"]) {
      const candidate = path.join(target, index);
      if (fs.existsSync(candidate)) return candidate;
    }
    throw new Error(`no index.ts or index.js in ${target}`);
  }
  for (const candidate of [target, `${target}.ts`, `${target}.js`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`program entry ${target} does not exist`);
}

function requireFrom(dir: string, id: string): string {
  try {
    return require.resolve(id, { paths: [dir] });
  } catch {
    return require.resolve(id);
  }
}

function ensureTypeScriptLoader(entry: string): void {
  // From the repository's `meridian` (cli/ts-loader.js) or under jest, `.ts` files already load; from the built CLI,
  // register tsx for them: another team's program may use what our own loader does not handle (ES modules, paths).
  if (/\.[cm]?ts$/.test(entry) && require.extensions[".ts"] === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("tsx/cjs/api") as { register: () => unknown }).register();
  }
}

type Callback = (err: unknown, resp: unknown) => void;
interface MonitorLike {
  newUrn: (parent: string, type: string, name: string) => string;
  registerResource: (req: any, cb: Callback) => Promise<void>;
  registerResourceOutputs: (req: any, cb: Callback) => void;
  mocks: { newResource: (args: any) => unknown };
}

/** Runs the program under mocks and returns what it registered. */
export async function runOffline(options: OfflineRunOptions): Promise<OfflineRunResult> {
  const who: FakeCloudIdentity = { ...DEFAULT_IDENTITY, ...options.identity };
  const fakeLog: FakeCloudLog = { unknownInvokes: [] };
  const resources: RecordedResource[] = [];
  const byUrn = new Map<string, RecordedResource>();
  const messages: string[] = [];
  const engineErrors: string[] = [];
  const asyncErrors: unknown[] = [];
  let programError: unknown;

  // Use the SDK the program itself resolves, so that mocks reach the copy it registers resources with.
  const sdkPath = options.programDir ? requireFrom(options.programDir, "@pulumi/pulumi") : require.resolve("@pulumi/pulumi");
  const sdkDir = path.dirname(sdkPath);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(sdkPath) as typeof import("@pulumi/pulumi");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require(path.join(sdkDir, "runtime", "settings")) as { getMonitor(): unknown; waitForRPCs(): Promise<void> };

  const disabled = parseDisabledDefaultProviders(options.config["pulumi:disable-default-providers"]);
  // Keyed by the provider's URN: a reference is `urn::id`, and at a first preview the id is unknown.
  const providerIdentity = new Map<string, Partial<FakeCloudIdentity>>();
  const identityOf = (ref: string | undefined) => (ref ? providerIdentity.get(providerUrnOf(ref)) : undefined);
  let pending: { urn: string; seed: { urn: string; name: string }; who: FakeCloudIdentity; secretOutputs: string[] } | undefined;

  const mocks = fakeCloudMocks(who, fakeLog);
  const baseCall = mocks.call.bind(mocks);
  mocks.call = (args) => {
    const pkg = args.token.split(":")[0] ?? "";
    if (!args.provider && (disabled.has("*") || disabled.has(pkg)) && !args.token.startsWith("pulumi:")) {
      engineErrors.push(`invoke ${args.token}: uses the default '${pkg}' provider, which this stack disables (pulumi:disable-default-providers)`);
    }
    // An invoke made through an explicit provider answers in that provider's region and project.
    const identity = identityOf(args.provider);
    return identity ? fakeCloudMocks({ ...who, ...identity }, fakeLog).call(args) : baseCall(args);
  };
  const baseNewResource = mocks.newResource.bind(mocks);
  const recordingNewResource: typeof mocks.newResource = (args) => {
    // Called synchronously from MockMonitor.registerResource, before its first await: `pending` is this call's.
    const ctx = pending;
    if (!ctx) return baseNewResource(args);
    // A resource renamed with an alias is the same cloud resource: it keeps the id, ARN and generated name it had under
    // its old URN, so the fake cloud answers from that URN and name.
    const result = fakeResourceState({ type: args.type, name: ctx.seed.name, inputs: args.inputs, urn: ctx.seed.urn }, ctx.who);
    // The engine marks a resource's `additionalSecretOutputs` secret (e.g. @pulumi/random's `result`); so do we.
    for (const key of ctx.secretOutputs) {
      if (key in result.state) result.state[key] = { [SIG_KEY]: SECRET_SIG, value: result.state[key] };
    }
    const record = byUrn.get(ctx.urn);
    if (record) record.state = result.state;
    return result;
  };

  // In a first preview, what the engine answers for a resource that does not exist: its inputs, and nothing computed
  // (the SDK resolves every property the answer lacks as unknown during a preview).
  mocks.newResource = options.firstPreview ? (args) => ({ id: undefined as unknown as string, state: { ...args.inputs } }) : recordingNewResource;
  await sdk.runtime.setMocks(mocks, options.project, options.stack, options.preview === true || options.firstPreview === true);
  sdk.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);

  const monitor = settings.getMonitor() as MonitorLike;
  monitor.newUrn = (parent, type, name) => engineUrn(options.stack, options.project, parent || undefined, type, name);
  const baseRegister = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: Callback) => {
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent();
    const custom: boolean = req.getCustom();
    const provider: string = req.getProvider();
    const urn = monitor.newUrn(parent, type, name);
    const wire = req.getObject()?.toJavaScript() ?? {};
    const pkg = type.split(":")[0] ?? "";
    if (custom && !provider && !type.startsWith("pulumi:providers:") && (disabled.has("*") || disabled.has(pkg))) {
      engineErrors.push(`${urn}: uses the default '${pkg}' provider, which this stack disables (pulumi:disable-default-providers)`);
    }
    const record: RecordedResource = {
      type,
      name,
      urn,
      parent: parent || undefined,
      custom,
      remote: Boolean(req.getRemote?.()),
      id: undefined,
      protect: Boolean(req.getProtect()),
      retainOnDelete: Boolean(req.getRetainondelete?.()),
      deleteBeforeReplace: Boolean(req.getDeletebeforereplace?.()),
      provider: provider || undefined,
      dependsOn: [...(req.getDependenciesList?.() ?? [])],
      propertyDependencies: propertyDependenciesOf(req),
      ignoreChanges: [...(req.getIgnorechangesList?.() ?? [])],
      additionalSecretOutputs: [...(req.getAdditionalsecretoutputsList?.() ?? [])],
      aliasCount: (req.getAliasesList?.() ?? []).length + (req.getAliasurnsList?.() ?? []).length,
      aliases: [...aliasUrns(req, { stack: options.stack, project: options.project, parent: parent || undefined, type, name }), ...inheritedAliases(byUrn.get(parent), options, type, name)],
      inputs: decodeWire(wire, "reveal") as Record<string, unknown>,
      maskedInputs: decodeWire(wire, "mask") as Record<string, unknown>,
    };
    resources.push(record);
    byUrn.set(urn, record);
    // A provider's region and project come from its inputs: known at registration, whatever its id turns out to be.
    if (type.startsWith("pulumi:providers:")) providerIdentity.set(urn, identityFromProvider(type.slice("pulumi:providers:".length), record.inputs));
    const callWho = { ...who, ...identityOf(provider || undefined) };
    const seedUrn = record.aliases[0] ?? urn;
    pending = { urn, seed: { urn: seedUrn, name: urnName(seedUrn) }, who: callWho, secretOutputs: record.additionalSecretOutputs };
    const done = baseRegister(req, (err, resp: any) => {
      if (!err && resp) {
        const id: string = resp.getId?.() ?? "";
        (record as { id: string | undefined }).id = id || undefined;
      }
      cb(err, resp);
    });
    pending = undefined;
    return done;
  };
  const baseOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: any, cb: Callback) => {
    const record = byUrn.get(req.getUrn());
    const wire = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    if (record) {
      record.outputs = decodeWire(wire, "mask") as Record<string, unknown>;
      record.revealedOutputs = decodeWire(wire, "reveal") as Record<string, unknown>;
      record.secretOutputs = Object.keys(wire).filter((k) => containsSecret(wire[k]));
    }
    baseOutputs(req, cb);
  };

  // An error thrown inside an apply or during serialization surfaces only as an unhandled rejection, and the
  // registration it broke never completes: the engine would stop the program there, and so do we.
  let failAsync: (reason: unknown) => void = () => undefined;
  const asyncFailure = new Promise<never>((_, reject) => (failAsync = reject));
  asyncFailure.catch(() => undefined);
  const onRejection = (reason: unknown) => {
    asyncErrors.push(reason);
    failAsync(reason);
  };
  process.on("unhandledRejection", onRejection);
  // Test runners such as jest take unhandled rejections for themselves, so `onRejection` may never hear of a
  // failed registration. The SDK wraps each resource operation in `debuggablePromise(p, "resource:...")`
  // (runtime/resource.js, looked up at call time): observe those promises directly as well.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require(path.join(sdkDir, "runtime", "debuggable")) as { debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
  const baseDebuggable = debuggable.debuggablePromise;
  debuggable.debuggablePromise = (p, ctx) => {
    const out = baseDebuggable(p, ctx);
    if (typeof ctx === "string" && ctx.startsWith("resource:")) out.catch(onRejection);
    return out;
  };
  const restoreConsole = captureConsole(messages);
  // The SDK formats a stack trace for every resource operation it tracks (debuggablePromise reads
  // `new Error().stack` at once); with source maps on (cli/stack-traces.js turns them on for our files) each costs a source-map lookup, and
  // together they were a third of a large plan's CPU time. Off while the program runs; errors keep their
  // stacks unformatted until read, so traces printed afterwards are still source-mapped.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  let failed = false;
  // Where the program is, for a stop report: its own code, its exported values, or the resource operations.
  let stage = "running the program's own code (it has not returned)";
  const pendingWork = () => {
    const waiting = resources.filter((r) => !r.custom && r.outputs === undefined && r.type !== STACK_TYPE).map((r) => r.name);
    const components = waiting.length === 0 ? "" : `; components that never registered their outputs: ${waiting.slice(0, 5).join(", ")}${waiting.length > 5 ? `, and ${waiting.length - 5} more` : ""}`;
    return `${stage}; ${resources.length} ${resources.length === 1 ? "resource" : "resources"} registered${components}`;
  };
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  let timer: NodeJS.Timeout | undefined;
  let onDrained: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    // Unref'd: a program that leaves nothing to wait for must not be kept alive by our own timer.
    timer = setTimeout(() => reject(new ProgramStoppedError(`the program did not finish within ${timeoutSeconds} s (--timeout); still ${pendingWork()}`)), timeoutSeconds * 1000);
    timer.unref();
    // Node empties its event loop while we still wait: the program awaits a promise nothing can settle.
    onDrained = () => reject(new ProgramStoppedError(`the program can never finish: nothing is left that could settle what it waits for; still ${pendingWork()}`));
    process.on("beforeExit", onDrained);
  });
  stopped.catch(() => undefined);
  // A Pulumi program ends by returning or throwing; exiting the process would end the plan with no verdict.
  const realExit = process.exit;
  process.exit = ((code?: number | string | null) => {
    throw new ProgramStoppedError(`the program called process.exit(${code ?? ""}); a Pulumi program ends by returning its outputs or throwing an error`);
  }) as typeof process.exit;
  try {
    const program = options.program;
    if (typeof program === "string") ensureTypeScriptLoader(program);
    // The program's own error is caught inside the stack's init, so the stack still completes and leaves no
    // rejected promises behind; it is thrown once pending registrations have drained.
    const run = sdk.runtime.runInPulumiStack(async () => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        let exported = (typeof program === "string" ? require(program) : await program()) as Record<string, unknown>;
        if (exported === undefined || exported === null) return {};
        if (Object.getOwnPropertyDescriptor(exported, "default") !== undefined && Object.keys(exported).length === 1) {
          stage = "waiting for the program's default export to settle";
          const def = exported["default"];
          exported = (typeof def === "function" ? await (def as () => unknown)() : await def) as Record<string, unknown>;
        }
        stage = "resolving the stack's outputs";
        return exported;
      } catch (err) {
        programError = err;
        return {};
      }
    });
    await Promise.race([run, asyncFailure, stopped]);
    stage = "waiting for resource operations to finish";
    await Promise.race([settings.waitForRPCs(), asyncFailure, stopped]);
    // A rejection nobody handled is reported once the task that made it ends: let it arrive while we listen.
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), asyncFailure]);
  } catch (err) {
    failed = true;
    throw programError ?? err;
  } finally {
    process.exit = realExit;
    clearTimeout(timer);
    if (onDrained) process.off("beforeExit", onDrained);
    process.setSourceMapsEnabled(sourceMaps);
    restoreConsole();
    // After a failure, registrations it broke may still reject later: keep catching those (the engine would
    // have stopped the program there), rather than let them crash the process or a test run that goes on.
    if (!failed) {
      debuggable.debuggablePromise = baseDebuggable;
      process.off("unhandledRejection", onRejection);
    }
  }
  if (programError !== undefined) throw programError;
  if (asyncErrors.length > 0) throw asyncErrors[0];

  const stackRecord = resources.find((r) => r.type === STACK_TYPE);
  return {
    resources,
    outputs: stackRecord?.outputs ?? {},
    secretOutputs: stackRecord?.secretOutputs ?? [],
    messages,
    unknownInvokes: fakeLog.unknownInvokes,
    engineErrors,
  };
}

function parseDisabledDefaultProviders(value: string | undefined): Set<string> {
  if (!value) return new Set();
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return new Set(parsed.map(String));
  } catch {
    // a plain string: one package name
  }
  return new Set([value]);
}

function identityFromProvider(pkg: string, inputs: Record<string, unknown>): Partial<FakeCloudIdentity> {
  const s = (k: string) => (typeof inputs[k] === "string" && inputs[k] !== "" ? (inputs[k] as string) : undefined);
  const out: Record<string, string | undefined> = {};
  if (pkg === "aws") out["awsRegion"] = s("region");
  if (pkg === "gcp") {
    out["gcpProject"] = s("project");
    out["gcpRegion"] = s("region");
  }
  if (pkg === "azure-native") {
    out["azureLocation"] = s("location");
    out["azureSubscriptionId"] = s("subscriptionId");
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Partial<FakeCloudIdentity>;
}

/** Sends console output to `sink` (so a JSON report on stdout stays clean); returns the restore function. */
function captureConsole(sink: string[]): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      sink.push(args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
    };
  }
  return () => methods.forEach((m, i) => (console[m] = saved[i] as (typeof console)[typeof m]));
}

/** A registration's property dependencies: input name → the URNs its value depends on. */
function propertyDependenciesOf(req: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const map = req.getPropertydependenciesMap?.();
  map?.forEach((deps: any, key: string) => {
    const urns = [...(deps?.getUrnsList?.() ?? [])] as string[];
    if (urns.length > 0) out[key] = urns;
  });
  return out;
}
