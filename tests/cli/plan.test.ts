/**
 * The `meridian plan` command end to end, as a user runs it: a separate process per invocation
 * (the Pulumi runtime keeps global state), its exit code, its stdout and its stderr.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanReport } from "../../cli/plan";
import { FIXTURES, meridian } from "../helpers/cli";
import { referencePlan } from "../helpers/reference-plans";

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe("meridian plan --stack dev", () => {
  let report: PlanReport;

  beforeAll(() => {
    // `meridian plan --stack dev --format json`, made once for the test run (tests/helpers/reference-plans.ts).
    report = referencePlan("dev");
  });

  it("emits one JSON document with the stack and every resource's type, name, URN, parent, inputs and protect flag", () => {
    expect(report.stack).toBe("dev");
    expect(report.project).toBe("meridian");
    const stack = report.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    expect(stack?.urn).toBe("urn:pulumi:dev::meridian::pulumi:pulumi:Stack::meridian-dev");
    for (const r of report.resources) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(["type", "name", "urn", "parent", "inputs", "protect"]));
      // Every resource's parent is a registered resource: the stack, or a component under it.
      if (r !== stack) expect(report.resources.map((x) => x.urn)).toContain(r.parent);
    }
  });

  it("builds the dev environment from stacks/Pulumi.dev.yaml: the GCP provider and the APIs, all through that provider", () => {
    const provider = report.resources.find((r) => r.type === "pulumi:providers:gcp");
    expect(provider?.inputs).toMatchObject({ project: "meridian-dev-0001", region: "us-central1" });
    const services = report.resources.filter((r) => r.type === "gcp:projects/service:Service");
    expect(services.map((s) => s.inputs["service"])).toContain("sqladmin.googleapis.com");
    for (const s of services) {
      expect(s.provider).toBe(`${provider?.urn}::${provider?.id}`);
      expect(s.inputs).toMatchObject({ project: "meridian-dev-0001", disableOnDestroy: false });
    }
    // Everything is GCP but the database password from @pulumi/random, which belongs to no cloud.
    expect(report.summary.byCloud).toEqual({ gcp: report.resources.filter((r) => r.custom).length - 1, other: 1 });
    expect(report.summary.byType["gcp:projects/service:Service"]).toBe(services.length);
    expect(report.engineErrors).toEqual([]);
    expect(report.outputs).toMatchObject({ environment: "dev", clouds: ["gcp"] });
  });

  it("builds the GCP network from the config's ranges, through the GCP provider, after the APIs are enabled", () => {
    const network = report.summary.byComponent.find((c) => c.type === "meridian:network:GcpNetwork");
    expect(network).toMatchObject({ name: "network-gcp", resources: 7, byCloud: { gcp: 7 } });
    const subnet = report.resources.find((r) => r.type === "gcp:compute/subnetwork:Subnetwork");
    expect(subnet?.inputs).toMatchObject({ region: "us-central1", ipCidrRange: "10.10.0.0/20", project: "meridian-dev-0001" });
    const compute = report.resources.find((r) => r.name === "gcp-api-compute");
    expect(subnet?.dependsOn).toContain(compute?.urn);
    expect(subnet?.provider).toMatch(/::pulumi:providers:gcp::gcp::/);
  });

  it("builds dev's small zonal Cloud SQL database on the network, unprotected so the stack can be torn down", () => {
    const instance = report.resources.find((r) => r.type === "gcp:sql/databaseInstance:DatabaseInstance");
    expect(instance?.inputs).toMatchObject({ deletionProtection: false, settings: { tier: "db-custom-1-3840", availabilityType: "ZONAL", ipConfiguration: { ipv4Enabled: false } } });
    expect(instance?.protect).toBe(false);
    // Where the password is, never the password.
    expect(report.outputs["databases"]).toMatchObject({ gcp: { passwordSecretId: "projects/meridian-dev-0001/secrets/db-gcp-password" } });
    expect(report.secretOutputs).not.toContain("databases");
  });

  it("deploys one serverless service, on Cloud Run, private and with its own service account", () => {
    const service = report.resources.find((r) => r.type === "gcp:cloudrunv2/service:Service");
    expect(service?.inputs).toMatchObject({ ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", template: { scaling: { maxInstanceCount: 3 } } });
    expect(service?.urn).toContain("meridian:serverless:ServerlessService$meridian:serverless:CloudRunService$gcp:cloudrunv2/service:Service");
    expect(report.resources.some((r) => r.type === "gcp:cloudrunv2/serviceIamMember:ServiceIamMember")).toBe(false);
  });

  it("estimates the monthly cost from the price tables, and has no DR section without failover or replication", () => {
    const db = report.cost.byResource.find((l) => l.type === "gcp:sql/databaseInstance:DatabaseInstance");
    expect(db?.basis).toBe("db-custom-1-3840, 10 GB SSD");
    expect(db?.monthlyUsd).toBeGreaterThan(0);
    expect(report.cost.byResource.find((l) => l.type === "gcp:cloudrunv2/service:Service")?.basis).toMatch(/^usage-priced: no usage given/);
    expect(report.cost.totalMonthlyUsd).toBeCloseTo(report.cost.byResource.reduce((s, l) => s + l.monthlyUsd, 0), 2);
    expect(report.cost.unpriced).toEqual([]);
    expect(report.dr).toBeNull();
  });

  it("evaluates the policy pack with the dev config and finds nothing", () => {
    expect(report.environment).toBe("dev");
    expect(report.policyConfigFile).toBe("policies/config/dev.json");
    expect(report.violations).toEqual([]);
  });

  it("prints a text report by default and writes markdown to --out", () => {
    const text = meridian("plan", "--stack", "dev");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Meridian offline plan: stack dev \(project meridian\)\n/);
    expect(text.stdout).toMatch(/gcp:projects\/service:Service\s+gcp-api-sqladmin/);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-")), "plan.md");
    const md = meridian("plan", "--stack", "dev", "--format", "markdown", "--out", out);
    expect(md.code).toBe(0);
    expect(md.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toMatch(/^## Meridian offline plan: `dev`\n/);
  });
});

describe("meridian plan: bad usage and bad config exit 2 with one line", () => {
  it("names an unknown stack and the known ones", () => {
    const r = meridian("plan", "--stack", "nope");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('meridian: unknown stack "nope": no stacks/Pulumi.nope.yaml (known stacks: dev, prod, staging, staging-azure)');
  });

  it("names the file, line and column of unreadable YAML", () => {
    const r = meridian("plan", "--stack", "dev", "--config", "tests/fixtures/stack-configs/invalid-yaml.yaml");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^meridian: tests\/fixtures\/stack-configs\/invalid-yaml\.yaml: invalid YAML at line 2, column 25: Nested mappings are not allowed in compact mappings$/);
  });

  it("names the file, the key, the value and what is allowed for a malformed value", () => {
    const r = meridian("plan", "--stack", "dev", "--config", "tests/fixtures/stack-configs/bad-environment.yaml");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      'meridian: tests/fixtures/stack-configs/bad-environment.yaml: meridian:environment must be one of "dev", "staging", "prod"; got "qa".',
    );
  });

  it("stack-info reads a stack as the plan does: an invalid name and an unknown stack are one line each", () => {
    expect(meridian("stack-info", "--stack", "bad name")).toMatchObject({ code: 2, stderr: `meridian: invalid stack name "bad name": use letters, digits, '-', '_' or '.'\n` });
    expect(meridian("stack-info", "--stack", "nope")).toMatchObject({ code: 2, stderr: "meridian: unknown stack \"nope\": no stacks/Pulumi.nope.yaml (known stacks: dev, prod, staging, staging-azure)\n" });
  });

  it("rejects a missing --stack and an unknown format", () => {
    expect(meridian("plan").code).toBe(2);
    const r = meridian("plan", "--stack", "dev", "--format", "xml");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/argument 'xml' is invalid\. Allowed choices are text, markdown, json\./);
  });
});

describe("meridian plan: every config mistake is one line naming the file and the key, exit 2", () => {
  it.each([
    [
      "replication without both databases (a rule across keys)",
      "replication-without-databases.yaml",
      'meridian:replication must be set only with both meridian:aws.database and meridian:gcp.database (it copies the AWS database to the GCP one); got {"maxLagSeconds":10}.',
    ],
    ["a well-formed region that does not exist", "unknown-region.yaml", 'meridian:aws.region must be an AWS region such as "us-east-1" (one the AWS provider knows); got "us-moon-1".'],
    [
      "an alert webhook that is not HTTPS",
      "alert-webhook-http.yaml",
      'meridian:alerts.warning.webhooks.0 must be an https:// URL such as "https://hooks.example.com/alerts" (alerts never travel in clear text); got "http://hooks.example.com/alerts".',
    ],
    ["a YAML alias bomb", "alias-bomb.yaml", "YAML aliases expand too far (Excessive alias count indicates a resource exhaustion attack); write the values out"],
  ])("%s", (_what, file, message) => {
    const r = meridian("plan", "--stack", "dev", "--config", `tests/fixtures/stack-configs/${file}`);
    expect({ code: r.code, line: oneLine(r.stderr) }).toEqual({ code: 2, line: `meridian: tests/fixtures/stack-configs/${file}: ${message}` });
  });
});

describe("meridian plan: a component refusing a value from the config names the config key", () => {
  const staging = fs.readFileSync(path.join(__dirname, "../../stacks/Pulumi.staging.yaml"), "utf8");
  it.each([
    ["an app image with no tag", "    image: us-docker.pkg.dev/meridian-stg-0001/meridian/web:1.0.0", '    image: ""', "meridian:app.image", "(meridian:kubernetes:KubernetesApp 'app-aws'); got \"\"."],
    [
      "a database alarm threshold out of range",
      "      backupRetentionDays: 7\n    cluster:",
      "      backupRetentionDays: 7\n      alarms: { cpuPercent: 150 }\n    cluster:",
      "meridian:aws.database.alarms.cpuPercent",
      "(meridian:database:RdsPostgres 'db-aws'); got 150.",
    ],
    [
      "an API image on :latest",
      "      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/meridian/api:1.0.0",
      "      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/meridian/api:latest",
      "meridian:aws.service.image",
      "(meridian:serverless:ServerlessService 'api-aws'); got \"123456789012.dkr.ecr.us-east-1.amazonaws.com/meridian/api:latest\".",
    ],
  ])("%s", (_what, from, to, key, tail) => {
    expect(staging).toContain(from);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-config-")), "Pulumi.staging.yaml");
    fs.writeFileSync(file, staging.replace(from, to));
    const r = meridian("plan", "--stack", "staging", "--config", file);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line.startsWith(`meridian: ${file}: ${key} must be `) || line.startsWith(`meridian: ${path.relative(process.cwd(), file)}: ${key} must be `)).toBe(true);
    expect(line.endsWith(tail)).toBe(true);
  });
});

describe("meridian plan always ends with a verdict: a program that does not end the Pulumi way exits 3 with one line", () => {
  const stopping = (name: string) => path.join(FIXTURES, "stopping-programs", name);
  it.each([
    ["a promise that never settles (nothing left to wait for)", "never", [], /^meridian: the program failed: the program can never finish: nothing is left that could settle what it waits for; still waiting for the program's default export to settle; 1 resource registered$/],
    ["a promise that never settles with a timer pending, past --timeout", "timer", ["--timeout", "2"], /^meridian: the program failed: the program did not finish within 2 s \(--timeout\); still waiting for the program's default export to settle; 1 resource registered$/],
    ["process.exit() inside the program", "exit", [], /^meridian: the program failed: the program called process\.exit\(\); a Pulumi program ends by returning its outputs or throwing an error$/],
  ])("%s", (_what, program, extra, line) => {
    const r = meridian("plan", "--program", stopping(program), "--stack", "ci", ...(extra as string[]));
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toMatch(line);
    expect(r.stdout).toBe("");
  });

  it("a stray unhandled rejection fails the plan with that rejection first", () => {
    const r = meridian("plan", "--program", stopping("reject"), "--stack", "ci");
    expect(r.code).toBe(3);
    expect(r.stderr.split("\n")[0]).toBe("meridian: the program failed: a stray rejection");
  });

  it("refuses a --timeout that is not a whole number of seconds", () => {
    const r = meridian("plan", "--program", stopping("never"), "--stack", "ci", "--timeout", "soon");
    expect({ code: r.code, line: oneLine(r.stderr) }).toEqual({ code: 2, line: 'meridian: --timeout must be a whole number of seconds, at least 1; got "soon"' });
  });
});

describe("meridian plan --program: another team's program", () => {
  const program = path.join(FIXTURES, "consumer-program");

  it("plans it with its own config, tags its resources and masks its secrets", () => {
    const r = meridian("plan", "--program", program, "--stack", "ci", "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.project).toBe("consumer");
    const bucket = report.resources.find((x) => x.type === "aws:s3/bucket:Bucket");
    expect(bucket?.urn).toBe("urn:pulumi:ci::consumer::aws:s3/bucket:Bucket::uploads");
    expect(bucket?.inputs["tags"]).toEqual({ environment: "dev", project: "consumer", owner: "web-team", "cost-center": "cc-9", "managed-by": "meridian" });
    expect(report.outputs["bucketArn"]).toMatch(/^arn:aws:s3:::uploads-[0-9a-f]{8}$/);
    expect(report.outputs["token"]).toBe("[secret]");
    expect(r.stdout).not.toContain("not-for-reports");
  });

  it("exits 1 when the engine would reject the program (a disabled default provider)", () => {
    const r = meridian("plan", "--program", program, "--stack", "ambient");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("The Pulumi engine would reject (1):");
    expect(r.stdout).toContain("aws:s3/bucket:Bucket::ambient: uses the default 'aws' provider");
  });

  it("exits 3 when the program itself fails, with its error first", () => {
    const r = meridian("plan", "--program", path.join(FIXTURES, "failing-program"), "--stack", "ci");
    expect(r.code).toBe(3);
    expect(r.stderr.split("\n")[0]).toBe("meridian: the program failed: the program failed on purpose");
  });
});

describe("meridian plan: policy violations", () => {
  it("exits 1 on a mandatory violation (prod config) and lists it", () => {
    const r = meridian("plan", "--program", path.join(FIXTURES, "untagged-program"), "--stack", "prod", "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.environment).toBe("prod");
    expect(report.policyConfigFile).toBe("policies/config/prod.json");
    expect(report.violations).toEqual([
      {
        policyName: "meridian-tagging-required",
        enforcementLevel: "mandatory",
        urn: "urn:pulumi:prod::untagged::aws:s3/bucket:Bucket::untagged",
        message: "missing required tags (tags): project, cost-center, managed-by",
      },
      {
        policyName: "meridian-tagging-required",
        enforcementLevel: "mandatory",
        urn: "urn:pulumi:prod::untagged::aws:s3/bucket:Bucket::untagged",
        message: 'tags.environment is "dev", but this stack is "prod"',
      },
      // A bucket holds state: in prod it must be protected in Pulumi, whoever created it.
      {
        policyName: "meridian-resilience-data-protection",
        enforcementLevel: "mandatory",
        urn: "urn:pulumi:prod::untagged::aws:s3/bucket:Bucket::untagged",
        message: "not protected in Pulumi (protect: true): it holds the objects",
      },
    ]);
  });

  it("reports the same violations as advisory, exit 0, under a dev policy config", () => {
    const r = meridian("plan", "--program", path.join(FIXTURES, "untagged-program"), "--stack", "prod", "--policy-config", "policies/config/dev.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Policies: 2 violations, 0 mandatory (config policies/config/dev.json):");
  });

  it("refuses, exit 2, a policy config the Pulumi CLI would refuse", () => {
    const r = meridian("plan", "--stack", "dev", "--policy-config", path.join(FIXTURES, "policy-configs", "bad-schema.json"));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'meridian: tests/fixtures/policy-configs/bad-schema.json: invalid policy config: meridian-resilience-backups.minRetention: must be integer; meridian-cost-budget.enforcementLevel: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
    );
  });
});
