/**
 * The examples are standalone consumer programs: each type-checks against the built package (as another program
 * would import it) and plans offline with `meridian plan --program`, with no violation.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import type { PlanReport } from "../../cli/plan";
import { meridian, ROOT } from "../helpers/cli";

function planOf(example: string): PlanReport {
  const r = meridian("plan", "--program", path.join("examples", example), "--stack", "dev", "--format", "json");
  if (r.code !== 0) throw new Error(`plan of ${example} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as PlanReport;
}

const components = (report: PlanReport) => report.summary.byComponent.filter((c) => c.urn !== null).map((c) => c.type).sort();

describe("examples/", () => {
  it("type-check as consumer programs (node16 resolution of the package's own exports)", () => {
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "examples", "tsconfig.json"), "--pretty", "false"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
    expect({ status: r.status, output: (r.stdout + r.stderr).trim() }).toEqual({ status: 0, output: "" });
  });

  it("aws-service plans a network, a database and a function that reads its password from Secrets Manager", () => {
    const report = planOf("aws-service");
    expect(report.project).toBe("orders-aws");
    expect(components(report)).toEqual(["meridian:alerts:AlertRouting", "meridian:database:RdsPostgres", "meridian:network:AwsNetwork", "meridian:serverless:AwsFunction"]);
    const fn = report.resources.find((r) => r.type === "aws:lambda/function:Function")!;
    expect(fn.inputs).toMatchObject({ vpcConfig: { subnetIds: expect.any(Array) }, environment: { variables: { DB_PASSWORD_SECRET: expect.stringMatching(/^arn:aws:secretsmanager:/) } } });
    expect(report.violations).toEqual([]);
  });

  it("gcp-service plans a network, Cloud SQL and a Cloud Run service that gets its password from Secret Manager", () => {
    const report = planOf("gcp-service");
    expect(components(report)).toEqual(["meridian:alerts:AlertRouting", "meridian:database:CloudSqlPostgres", "meridian:network:GcpNetwork", "meridian:serverless:CloudRunService"]);
    const run = report.resources.find((r) => r.type === "gcp:cloudrunv2/service:Service")!;
    expect(JSON.stringify(run.inputs)).toContain('"name":"PGPASSWORD","valueSource":{"secretKeyRef"');
    expect(report.violations).toEqual([]);
  });

  it("replication-pair plans RDS → DMS → Cloud SQL over the VPN, with the 10 s RPO guard", () => {
    const report = planOf("replication-pair");
    expect(components(report)).toEqual([
      "meridian:alerts:AlertRouting",
      "meridian:database:CloudSqlPostgres",
      "meridian:database:DmsReplication",
      "meridian:database:RdsPostgres",
      "meridian:network:AwsNetwork",
      "meridian:network:CrossCloudVpn",
      "meridian:network:GcpNetwork",
    ]);
    expect(report.outputs["rpoGuardSeconds"]).toBe(10);
    expect(report.dr).toMatchObject({ rpoGuardSeconds: 10 });
    // The VPN alone is most of dev's $300 budget: the one finding, and advisory.
    expect(report.violations.map((v) => [v.policyName, v.enforcementLevel])).toEqual([["meridian-cost-budget", "advisory"]]);
  });
});
