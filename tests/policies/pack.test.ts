import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "../../cli/offline/decode";
import { cantRunReason } from "../../policies/evaluate";
import { evaluatePolicies, mandatoryChecksNotRun, policies, policyConfigProblems } from "../../policies/pack";
import { renderRulesMarkdown } from "../../policies/rules-doc";

describe("the policy pack", () => {
  it("names every rule meridian-<concern>-<what>, with a description, a level and a config schema", () => {
    expect(policies.length).toBeGreaterThan(0);
    const names = new Set<string>();
    for (const p of policies) {
      expect(p.name).toMatch(/^meridian-(tagging|encryption|exposure|resilience|cost)-[a-z0-9-]+$/);
      expect(names.has(p.name)).toBe(false);
      names.add(p.name);
      expect(p.description.length).toBeGreaterThan(40);
      expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(p.enforcementLevel);
      expect(p.configSchema?.properties).toBeDefined();
    }
  });

  it("has a config per environment: advisory in dev, mandatory in staging and prod, naming only known rules", () => {
    const names = new Set(policies.map((p) => p.name));
    const levels: Record<string, string> = {};
    for (const env of ["dev", "staging", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config", `${env}.json`), "utf8")) as Record<string, unknown>;
      for (const key of Object.keys(config)) if (key !== "all") expect(names).toContain(key);
      levels[env] = config["all"] as string;
      expect(config["meridian-tagging-required"]).toMatchObject({ environment: env });
    }
    expect(levels).toEqual({ dev: "advisory", staging: "mandatory", prod: "mandatory" });
  });

  it("lists the checks that could not run at preview for rules enforced as mandatory (remediate counts as mandatory)", async () => {
    const type = "aws:s3/bucketV2:BucketV2";
    const violations = await evaluatePolicies([{ type, name: "r", urn: `urn:pulumi:prod::p::${type}::r`, props: { tags: UNKNOWN } }], { environment: "prod" });
    const cantRun = violations.filter((v) => v.policyName === "meridian-tagging-required");
    expect(cantRun).toHaveLength(1);
    expect(cantRunReason(cantRun[0]!.message)).toMatch(/tags/);
    expect(cantRunReason("required tags missing (tags): owner")).toBeUndefined();
    const notRun = (level: "advisory" | "mandatory" | "remediate" | "disabled") => mandatoryChecksNotRun(violations, { "meridian-tagging-required": level }).map((v) => v.policyName);
    expect(notRun("mandatory")).toContain("meridian-tagging-required");
    expect(notRun("remediate")).toContain("meridian-tagging-required");
    expect(notRun("advisory")).not.toContain("meridian-tagging-required");
  });

  it("refuses a policy config the Pulumi CLI would refuse: a value against a rule's schema, an unknown level, an unknown rule", () => {
    for (const env of ["dev", "staging", "prod"]) {
      expect(policyConfigProblems(JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config", `${env}.json`), "utf8")))).toEqual([]);
    }
    expect(
      policyConfigProblems({
        all: "strict" as never,
        "meridian-resilience-backups": { minRetention: "thirty" },
        "meridian-cost-budget": { enforcementLevel: "strict" as never },
        "meridian-resilience-dr-budget": { rtoTargetSeconds: 0 },
        "meridian-tagging-requried": "mandatory",
      }),
    ).toEqual([
      'all: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
      "meridian-resilience-backups.minRetention: must be integer",
      'meridian-cost-budget.enforcementLevel: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
      "meridian-resilience-dr-budget.rtoTargetSeconds: must be >= 1",
      "meridian-tagging-requried: no policy of that name in the pack",
    ]);
  });

  it("keeps policies/package.json, where the CLI's policy runtime reads the pack's version, in step with the package", () => {
    const pack = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/package.json"), "utf8")) as { name: string; version: string; main: string };
    const root = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect(pack).toMatchObject({ version: root.version, main: "index.ts" });
  });

  it("keeps the pack file to assembling the pack (it starts serving when loaded)", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../policies/index.ts"), "utf8");
    expect(source).toMatch(/new PolicyPack\("meridian", \{ policies \}\);/);
  });
});

describe("policies/RULES.md", () => {
  it("is the table the rules render today (run `npm run rules:generate` after changing a rule)", () => {
    expect(fs.readFileSync(path.join(__dirname, "../../policies/RULES.md"), "utf8")).toBe(renderRulesMarkdown());
  });
});
