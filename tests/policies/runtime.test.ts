/**
 * The policy pack as the Pulumi CLI runs it: `@pulumi/pulumi/cmd/run-policy-pack` started the way the Node.js
 * language host starts it (working directory the pack, arguments the engine address and the pack), spoken to over
 * the Analyzer gRPC protocol — GetPluginInfo, GetAnalyzerInfo, Configure, Analyze per resource, AnalyzeStack —
 * and fed each stack's planned resources (secrets as secrets, protection as an option) and a set of broken
 * fixtures. Its violations must be exactly those of `evaluatePolicies`, the offline evaluator the plan uses.
 *
 * What the CLI does in Go before Configure (resolving `all` and each rule's level and properties from the
 * `--policy-pack-config` file, filling schema defaults) is not in node_modules; the test sends what that
 * resolution gives (`levelOf`, `configOf`), and a test in pack.test.ts checks the files against the schemas.
 */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runOffline } from "../../cli/offline/engine";
import { loadStackConfigFile } from "../../cli/offline/stack-config";
import { configOf, evaluatePolicies, levelOf, PACK_NAME, PACK_VERSION, type PolicyPackConfigFile, type PolicyResourceInput, type PolicyViolation } from "../../policies/evaluate";
import { policies } from "../../policies/pack";
import { startHost, stopHost } from "../helpers/host";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policies");
const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

let pack: ChildProcess | undefined;
let client: any;

function call<T>(method: string, req: unknown): Promise<T> {
  return new Promise((resolve, reject) => client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
}

beforeAll(async () => {
  const runPolicyPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
  // As the language host runs a policy pack: from the pack's directory, the engine's address first. The pack does
  // not call the engine unless it logs, which it does not.
  const host = await startHost(runPolicyPack, ["127.0.0.1:1", "."], PACK_DIR);
  pack = host.child;
  client = new rpc.AnalyzerClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
}, 180_000);

afterAll(async () => {
  client?.close();
  await stopHost(pack);
});

/** Inputs as the engine sends them: where the masked copy says `[secret]`, the value travels as a secret. */
function withSecrets(revealed: unknown, masked: unknown): unknown {
  if (masked === "[secret]" && revealed !== "[secret]") return { [SECRET_SIG.key]: SECRET_SIG.value, value: revealed };
  if (Array.isArray(revealed)) return revealed.map((v, i) => withSecrets(v, Array.isArray(masked) ? masked[i] : undefined));
  if (revealed !== null && typeof revealed === "object") {
    const m = (masked ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(revealed).map(([k, v]) => [k, withSecrets(v, m[k])]));
  }
  return revealed;
}

interface Resource extends PolicyResourceInput {
  readonly wire: Record<string, unknown>;
}

/** Fills what an AnalyzeRequest and an AnalyzerResource share: type, name, URN, properties, options. */
function described<T extends { setType(v: string): void; setName(v: string): void; setUrn(v: string): void; setProperties(v: unknown): void; setOptions(v: unknown): void }>(msg: T, r: Resource): T {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.protect ?? false);
  msg.setType(r.type);
  msg.setName(r.name);
  msg.setUrn(r.urn);
  msg.setProperties(Struct.fromJavaScript(r.wire));
  msg.setOptions(o);
  return msg;
}

async function configure(config: PolicyPackConfigFile, environment?: "dev" | "staging" | "prod"): Promise<void> {
  const req = new pb.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const p of policies) {
    const c = new pb.PolicyConfig();
    c.setEnforcementlevel(LEVELS.indexOf(levelOf(p, config) as (typeof LEVELS)[number]));
    c.setProperties(Struct.fromJavaScript(configOf(p, { config, environment })));
    map.set(p.name, c);
  }
  await call("configure", req);
}

/** Runs the real analyzer over the resources: Analyze for each custom resource, then AnalyzeStack for all. */
async function analyze(resources: readonly Resource[]): Promise<PolicyViolation[]> {
  const out: PolicyViolation[] = [];
  const collect = (res: any, description: (name: string) => string) => {
    for (const d of res.getDiagnosticsList()) {
      const raw: string = d.getMessage();
      // The runtime reports "<the rule's description>\n<message>"; the plan shows the message (and the rule's
      // description beside it in RULES.md). A "can't run" diagnostic carries no description.
      const prefix = `${description(d.getPolicyname())}\n`;
      out.push({ policyName: d.getPolicyname(), enforcementLevel: LEVELS[d.getEnforcementlevel()] as PolicyViolation["enforcementLevel"], urn: d.getUrn(), message: raw.startsWith(prefix) ? raw.slice(prefix.length) : raw });
    }
  };
  const descriptions = new Map(policies.map((p) => [p.name, p.description ?? ""]));
  const description = (name: string) => descriptions.get(name) ?? "";
  // All at once, as the engine sends them (it analyzes each resource as its step comes, many in flight).
  const custom = resources.filter((x) => (x.kind ?? "custom") === "custom");
  const responses = await Promise.all(custom.map((r) => call<any>("analyze", described(new pb.AnalyzeRequest(), r))));
  custom.forEach((r, k) => {
    // The analyzer leaves `urn` empty on resource diagnostics: the engine knows which resource it asked about.
    const before = out.length;
    collect(responses[k], description);
    for (let i = before; i < out.length; i++) out[i] = { ...out[i]!, urn: out[i]!.urn || r.urn };
  });
  const stack = new pb.AnalyzeStackRequest();
  // The stack's resources carry their dependencies, as the engine sends them: what relates resources at preview.
  const withDependencies = (r: Resource) => {
    const msg = described(new pb.AnalyzerResource(), r);
    msg.setDependenciesList([...(r.dependencies ?? [])]);
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
      const deps = new pb.AnalyzerPropertyDependencies();
      deps.setUrnsList([...urns]);
      msg.getPropertydependenciesMap().set(key, deps);
    }
    return msg;
  };
  stack.setResourcesList(resources.map(withDependencies));
  collect(await call<any>("analyzeStack", stack), description);
  return out;
}

const key = (v: PolicyViolation) => `${v.policyName}|${v.urn}|${v.enforcementLevel}|${v.message}`;
const sorted = (vs: readonly PolicyViolation[]) => [...vs].map(key).sort();

describe("the policy pack under the Pulumi CLI's policy runtime", () => {
  it("starts from its own directory: the runtime reads the pack's version from policies/package.json", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string };
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(root.version);
    expect(PACK_VERSION).toBe(root.version);
    const info = await call<any>("getAnalyzerInfo", new Empty());
    expect({ name: info.getName(), version: info.getVersion() }).toEqual({ name: PACK_NAME, version: PACK_VERSION });
    expect(info.getPoliciesList().map((p: any) => p.getName()).sort()).toEqual(policies.map((p) => p.name).sort());
    expect((await call<any>("getPluginInfo", new Empty())).getVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ["dev", false],
    ["staging", false],
    ["prod", false],
    ["prod", true],
  ] as const)(
    "reports on the %s stack (first preview: %s) exactly what the offline evaluator reports",
    async (stack, firstPreview) => {
      // Each stack's program runs afresh, with its own SDK state (the plan gives each its own process).
      jest.resetModules();
      const loaded = loadStackConfigFile(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "meridian", `stacks/Pulumi.${stack}.yaml`);
      const run = await runOffline({ programDir: ROOT, program: path.join(ROOT, "stacks", "index.ts"), project: "meridian", stack, config: loaded.config, secretKeys: loaded.secretKeys, firstPreview });
      const config = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", `${stack}.json`), "utf8")) as PolicyPackConfigFile;
      // As the plan builds them: custom resources with their inputs, components with their registered outputs.
      const resources: Resource[] = run.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) =>
          r.custom
            ? { type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect, kind: "custom" as const, wire: withSecrets(r.inputs, r.maskedInputs) as Record<string, unknown>, dependencies: r.dependsOn, propertyDependencies: r.propertyDependencies ?? {} }
            : { type: r.type, name: r.name, urn: r.urn, props: r.revealedOutputs ?? {}, protect: r.protect, kind: "component" as const, wire: withSecrets(r.revealedOutputs ?? {}, r.outputs ?? {}) as Record<string, unknown> },
        );
      // Secrets travel to the analyzer as secrets: computed ones (passwords) and, even at a first preview, the alert
      // webhook URLs the config gives.
      expect(resources.some((r) => JSON.stringify(r.wire).includes(SECRET_SIG.value))).toBe(true);
      // At a first preview, what the clouds compute is unknown, and both must treat it alike.
      expect(resources.some((r) => JSON.stringify(r.wire).includes("04da6b54-80e4-46f7-96ec-b56ff0331ba9"))).toBe(firstPreview);
      // One resource that breaks a rule, so each comparison has a violation at the stack's own level to agree on.
      const open = { Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] };
      resources.push({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "open", urn: `urn:pulumi:${stack}::meridian::aws:s3/bucketPolicy:BucketPolicy::open`, props: { policy: JSON.stringify(open) }, wire: { policy: JSON.stringify(open) } });
      await configure(config, stack);
      const real = await analyze(resources);
      const offline = await evaluatePolicies(policies, resources, { environment: stack, config });
      expect(real.filter((v) => v.policyName === "meridian-exposure-public-buckets").map((v) => v.enforcementLevel)).toEqual([stack === "dev" ? "advisory" : "mandatory"]);
      expect(sorted(real)).toEqual(sorted(offline));
    },
    180_000,
  );

  it("treats acknowledged findings as the offline evaluator does: not violations, named in the not-applicable reasons; expired ones are violations", async () => {
    const type = "aws:ebs/volume:Volume";
    const volume = (name: string, tags: Record<string, string>): Resource => ({ type, name, urn: `urn:pulumi:prod::meridian::${type}::${name}`, props: { encrypted: false, tags }, wire: { encrypted: false, tags } });
    const tagged = volume("tagged", { "meridian-ack-encryption-at-rest": "expires 2999-01-01: scratch volume, rebuilt nightly" });
    const expired = volume("expired", { "meridian-ack-encryption-at-rest": "expires 2020-01-01: scratch volume, rebuilt nightly" });
    const configured = volume("configured", {});
    const config: PolicyPackConfigFile = { all: "mandatory", "meridian-encryption-at-rest": { acknowledgements: [{ urn: "urn:pulumi:prod::meridian::aws:ebs/*::configured", reason: "named in the policy config" }] } };
    await configure(config, "prod");
    const notApplicable = async (r: Resource) =>
      ((await call<any>("analyze", described(new pb.AnalyzeRequest(), r))).getNotApplicableList() as any[]).filter((n) => n.getPolicyName() === "meridian-encryption-at-rest").map((n) => n.getReason() as string);
    expect(await notApplicable(tagged)).toEqual(["acknowledged by tag meridian-ack-encryption-at-rest, expiring 2999-01-01: scratch volume, rebuilt nightly. Findings: encrypted is not true"]);
    expect(await notApplicable(configured)).toEqual(["acknowledged by policy config (urn:pulumi:prod::meridian::aws:ebs/*::configured): named in the policy config. Findings: encrypted is not true"]);
    const real = (await analyze([tagged, expired, configured])).filter((v) => v.policyName === "meridian-encryption-at-rest");
    expect(real.map((v) => [v.urn.split("::").pop(), v.enforcementLevel, v.message])).toEqual([["expired", "mandatory", expect.stringMatching(/^encrypted is not true \(not acknowledged: its acknowledgement expired on 2020-01-01/)]]);
    const offline = (await evaluatePolicies(policies, [tagged, expired, configured], { environment: "prod", config })).filter((v) => v.policyName === "meridian-encryption-at-rest");
    expect(sorted(real)).toEqual(sorted(offline));
  });

  it("reports the same violations on broken resources, at the levels the config gives", async () => {
    const urn = (type: string, name: string) => `urn:pulumi:test::meridian::${type}::${name}`;
    const r = (type: string, name: string, props: Record<string, unknown>, protect = false): Resource => ({ type, name, urn: urn(type, name), props, protect, wire: props });
    const broken: Resource[] = [
      r("aws:rds/instance:Instance", "db", { storageEncrypted: false, publiclyAccessible: true, deletionProtection: false, backupRetentionPeriod: 1, multiAz: false, tags: { environment: "prod" } }),
      r("aws:lb/listener:Listener", "http", { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }], tags: {} }),
      r("aws:lb/listener:Listener", "https", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08", tags: {} }),
      r("aws:s3/bucketPolicy:BucketPolicy", "open", { policy: JSON.stringify({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }) }),
      r("gcp:compute/sSLPolicy:SSLPolicy", "tls", { profile: "COMPATIBLE", minTlsVersion: "TLS_1_0" }),
      r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ssh", { cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22, ipProtocol: "tcp", tags: {} }),
      r("gcp:cloudrunv2/service:Service", "run", { invokerIamDisabled: true, ingress: "INGRESS_TRAFFIC_ALL", labels: {} }),
      // A value not known at preview: the rule cannot decide, and both say so the same way.
      r("aws:rds/instance:Instance", "later", { storageEncrypted: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", tags: {} }),
      // An alarm publishing to a topic nobody subscribed to, related only by its property dependencies (the ARN is unknown).
      r("aws:sns/topic:Topic", "quiet", { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", tags: {} }),
      { ...r("aws:cloudwatch/metricAlarm:MetricAlarm", "lag", { alarmActions: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"], tags: {} }), propertyDependencies: { alarmActions: [urn("aws:sns/topic:Topic", "quiet")] } },
    ];
    const config = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", "prod.json"), "utf8")) as PolicyPackConfigFile;
    await configure(config, "prod");
    const real = await analyze(broken);
    const offline = await evaluatePolicies(policies, broken, { environment: "prod", config });
    expect(real.length).toBeGreaterThan(10);
    expect(real.some((v) => v.message.startsWith("can't run policy 'meridian-encryption-at-rest' from policy pack 'meridian@v"))).toBe(true);
    expect(real.filter((v) => v.policyName === "meridian-resilience-alert-subscribers").map((v) => v.message)).toEqual(["SNS topic quiet has no subscription: 1 publisher(s) (lag) notify no one"]);
    expect(sorted(real)).toEqual(sorted(offline));
  });
});
