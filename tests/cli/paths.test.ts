/**
 * The path walk follows what the program wired, so a broken link shows as an incomplete path that says where it
 * stopped. Checked on the prod stack's own resources, each time with one link cut.
 */
import * as path from "path";
import { runOffline, type OfflineRunResult, type RecordedResource } from "../../cli/offline/engine";
import { loadStackConfigFile } from "../../cli/offline/stack-config";
import { requestPaths } from "../../cli/paths";

const ROOT = path.resolve(__dirname, "../..");
let run: OfflineRunResult;

beforeAll(async () => {
  const loaded = loadStackConfigFile(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "meridian", "stacks/Pulumi.prod.yaml");
  run = await runOffline({ programDir: ROOT, program: path.join(ROOT, "stacks", "index.ts"), project: "meridian", stack: "prod", config: loaded.config, secretKeys: loaded.secretKeys });
}, 120_000);

/** The prod resources with `change` applied to the one resource of `type` named `name`. */
function cut(type: string, name: string, change: (r: RecordedResource) => RecordedResource | undefined): RecordedResource[] {
  return run.resources.flatMap((r) => (r.type === type && r.name === name ? [change(r)].filter((x): x is RecordedResource => x !== undefined) : [r]));
}

const leg = (paths: ReturnType<typeof requestPaths>, name: string, cloud: string) => paths.find((p) => p.name === name && p.cloud === cloud)!;

describe("requestPaths", () => {
  it("walks all four legs of prod to a database", () => {
    expect(requestPaths(run.resources).map((p) => [p.name, p.cloud, p.complete])).toEqual([
      ["api.meridian.example.com", "aws", true],
      ["api.meridian.example.com", "gcp", true],
      ["app.meridian.example.com", "aws", true],
      ["app.meridian.example.com", "gcp", true],
    ]);
  });

  it("stops where the app's Deployment is missing", () => {
    const paths = requestPaths(cut("kubernetes:apps/v1:Deployment", "app-gcp-deployment", () => undefined));
    expect(leg(paths, "app.meridian.example.com", "gcp")).toMatchObject({ complete: false, missing: "no Deployment's pods match the selector of Service app-gcp-service" });
    expect(leg(paths, "app.meridian.example.com", "aws").complete).toBe(true);
  });

  it("stops where a listener rule answers the health check's name but not the public one clients send", () => {
    const paths = requestPaths(
      cut("aws:lb/listenerRule:ListenerRule", "edge-aws-api", (r) => ({ ...r, inputs: { ...r.inputs, conditions: [{ hostHeader: { values: ["api-aws.meridian.example.com"] } }] } })),
    );
    expect(leg(paths, "api.meridian.example.com", "aws")).toMatchObject({ complete: false, missing: "no rule of edge-aws-https matches both hosts api.meridian.example.com and api-aws.meridian.example.com" });
  });

  it("stops where the certificate does not cover the public name", () => {
    const paths = requestPaths(
      cut("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry", "edge-gcp-cert-app", () => undefined),
    );
    expect(leg(paths, "app.meridian.example.com", "gcp")).toMatchObject({ complete: false, missing: "the certificate map of edge-gcp-https does not cover both app.meridian.example.com and app-gcp.meridian.example.com" });
    expect(leg(paths, "api.meridian.example.com", "gcp").complete).toBe(true);
  });

  it("stops where the health check probes another name than the record sends clients to", () => {
    const paths = requestPaths(cut("aws:route53/healthCheck:HealthCheck", "dns-gcp", (r) => ({ ...r, inputs: { ...r.inputs, fqdn: "elsewhere.meridian.example.com" } })));
    expect(leg(paths, "api.meridian.example.com", "gcp")).toMatchObject({ complete: false, missing: "health check dns-gcp probes elsewhere.meridian.example.com, not the record's target api-gcp.meridian.example.com" });
  });

  it("stops where the Service selects no Deployment's pods", () => {
    const paths = requestPaths(
      cut("kubernetes:core/v1:Service", "app-aws-service", (r) => ({ ...r, inputs: { ...r.inputs, spec: { ...(r.inputs["spec"] as object), selector: { "app.kubernetes.io/name": "other" } } } })),
    );
    expect(leg(paths, "app.meridian.example.com", "aws")).toMatchObject({ complete: false, missing: "no Deployment's pods match the selector of Service app-aws-service" });
  });

  it("stops where the function is given no database", () => {
    const paths = requestPaths(cut("aws:lambda/function:Function", "api-aws-function", (r) => ({ ...r, inputs: { ...r.inputs, environment: { variables: {} } } })));
    expect(leg(paths, "api.meridian.example.com", "aws")).toMatchObject({ complete: false, missing: "the workload has no database host (PGHOST)" });
  });

  it("stops where nothing publishes the cloud's own name", () => {
    const paths = requestPaths(cut("aws:route53/record:Record", "edge-gcp-app-gcp", () => undefined));
    expect(leg(paths, "app.meridian.example.com", "gcp")).toMatchObject({ complete: false, missing: "nothing publishes app-gcp.meridian.example.com" });
  });
});
