/**
 * Every type a resource rule covers has a failing and a passing fixture translated from a public case, each rule
 * flags only what it is about (a passing fixture draws no violation of its rule), and every covered type cites the
 * public rules its check stands for. Fixtures: tests/policies/fixtures/*.ts (shape: fixtures/fixture.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { evaluatePolicies, type PolicyPackConfigFile } from "../../policies/evaluate";
import { policies } from "../../policies/pack";
import type { MeridianResourceRule } from "../../policies/rules/rule";
import type { RuleFixture } from "./fixtures/fixture";

const DIR = path.join(__dirname, "fixtures");

/** The reference id forms RULES.md names: Checkov, Trivy (AVD), KICS, cdk-nag, the provider's documentation. */
const REFERENCE = /^(CKV2?_(AWS|GCP|AZURE|K8S)_\d+|AVD-(AWS|GCP|AZU|KSV)-\d{4}|KICS-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|AwsSolutions-[A-Za-z0-9]+|doc:[a-z0-9-]+(\/[a-z0-9.-]+)*)$/;

/* eslint-disable @typescript-eslint/no-require-imports */
const all: Array<RuleFixture & { file: string }> = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".ts") && f !== "fixture.ts")
  .sort()
  .flatMap((f) => (require(path.join(DIR, f)) as { fixtures: RuleFixture[] }).fixtures.map((x) => ({ ...x, file: f })));
/* eslint-enable @typescript-eslint/no-require-imports */

const rules = policies.filter((p): p is MeridianResourceRule => "appliesTo" in p);
const byName = new Map(rules.map((r) => [r.name, r]));

async function violationsOf(fx: RuleFixture, which: "pass" | "fail") {
  const props = fx[which];
  const protect = typeof fx.protect === "object" ? fx.protect[which] : (fx.protect ?? false);
  const rule = byName.get(fx.rule)!;
  const config: PolicyPackConfigFile = fx.config ? { [fx.rule]: fx.config as never } : {};
  const urn = `urn:pulumi:test::fixture::${fx.type}::fixture`;
  return evaluatePolicies([rule], [{ type: fx.type, name: "fixture", urn, props, protect }], { config, today: "2026-11-30" });
}

describe("rule fixtures", () => {
  it("exist: a failing and a passing case for every type every resource rule covers", () => {
    const missing: string[] = [];
    for (const rule of rules) {
      for (const type of rule.appliesTo) {
        if (!all.some((f) => f.rule === rule.name && f.type === type)) missing.push(`${rule.name} × ${type}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("name a rule and a type the rule covers, and cite a public source", () => {
    const orphans = all.filter((f) => !byName.get(f.rule)?.appliesTo.includes(f.type)).map((f) => `${f.file}: ${f.rule} × ${f.type}`);
    expect(orphans).toEqual([]);
    const unsourced = all.filter((f) => !f.source.split(/[\s,;()]+/).some((w) => REFERENCE.test(w.replace(/[:.]+$/, "")))).map((f) => `${f.file}: ${f.rule} × ${f.type}: ${f.source}`);
    expect(unsourced).toEqual([]);
  });

  it("cite the public rules each covered type's check stands for", () => {
    const bad: string[] = [];
    for (const rule of rules) {
      for (const type of rule.appliesTo) {
        const refs = rule.references[type] ?? [];
        if (refs.length === 0) bad.push(`${rule.name} × ${type}: no reference`);
        for (const r of refs) if (!REFERENCE.test(r)) bad.push(`${rule.name} × ${type}: ${JSON.stringify(r)} is not a reference id`);
      }
    }
    expect(bad).toEqual([]);
  });

  // (jest refuses an empty table)
  (all.length > 0 ? describe.each : () => () => undefined)(all.map((f) => [`${f.rule} × ${f.type} (${f.file}: ${f.source.slice(0, 60)})`, f] as const))("%s", (_title, fx) => {
    it("fails the failing case", async () => {
      const found = await violationsOf(fx, "fail");
      expect(found.map((v) => v.policyName)).toContain(fx.rule);
      expect(found.filter((v) => /^can't run/.test(v.message))).toEqual([]);
      if (fx.finding !== undefined) expect(found.map((v) => v.message).join("\n")).toMatch(fx.finding);
    });

    it("passes the passing case", async () => {
      expect(await violationsOf(fx, "pass")).toEqual([]);
    });
  });
});
