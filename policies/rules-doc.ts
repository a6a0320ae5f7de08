/**
 * policies/RULES.md, rendered from the rule objects (so the document cannot drift from the code): the rules, then
 * the coverage table (type × concern, with the public scanners' rule ids each check stands for), then how to
 * acknowledge a finding.
 */
import { cloudOfType, isTaggable } from "../components/core";
import { policies } from "./pack";
import type { Concern, MeridianResourceRule } from "./rules/rule";

const CONCERNS: readonly Concern[] = ["tagging", "encryption", "exposure", "resilience", "cost"];

function configText(schema: { properties?: Record<string, { default?: unknown; type?: string }> } | undefined): string {
  const props = Object.entries(schema?.properties ?? {}).filter(([k]) => k !== "acknowledgements");
  if (props.length === 0) return "";
  return props.map(([k, v]) => `\`${k}\`${v.default !== undefined ? ` (default ${JSON.stringify(v.default)})` : ""}`).join(", ");
}

function isResourceRule(p: (typeof policies)[number]): p is MeridianResourceRule & (typeof policies)[number] {
  return "appliesTo" in p && Array.isArray((p as { appliesTo?: unknown }).appliesTo);
}

const short = (name: string) => name.replace(/^meridian-[a-z]+-/, "");

/** Type → concern → the rules (short names) and references covering it. */
export function coverage(): Map<string, Map<Concern, { rules: string[]; refs: string[] }>> {
  const out = new Map<string, Map<Concern, { rules: string[]; refs: string[] }>>();
  const cell = (type: string, concern: Concern) => {
    let row = out.get(type);
    if (!row) out.set(type, (row = new Map()));
    let c = row.get(concern);
    if (!c) row.set(concern, (c = { rules: [], refs: [] }));
    return c;
  };
  for (const p of policies) {
    if (!isResourceRule(p)) continue;
    for (const type of p.appliesTo) {
      const c = cell(type, p.concern);
      c.rules.push(short(p.name));
      for (const r of p.references[type] ?? []) if (!c.refs.includes(r)) c.refs.push(r);
    }
  }
  // The tagging rule reads every taggable type; the table lists it for the types the other rules cover.
  for (const [type, row] of out) if (isTaggable(type)) row.set("tagging", { rules: ["required"], refs: [] });
  return out;
}

export function renderRulesMarkdown(): string {
  const rows = policies.map((p) => {
    const concern = p.name.split("-")[1] ?? "";
    const applies = isResourceRule(p) ? `${p.appliesTo.length} types (below)` : "validateStack" in p ? "the whole stack" : "every taggable AWS, GCP and Azure type";
    return `| \`${p.name}\` | ${concern} | ${p.description.replace(/\|/g, "\\|")} | ${applies} | ${p.enforcementLevel ?? "advisory"} | ${configText(p.configSchema as never)} |`;
  });
  const table = coverage();
  const coverageRows: string[] = [];
  for (const cloud of ["aws", "gcp", "azure", "random"] as const) {
    const types = [...table.keys()].filter((t) => (cloudOfType(t) ?? t.split(":")[0]) === cloud).sort();
    for (const type of types) {
      const row = table.get(type)!;
      const cells = CONCERNS.map((c) => {
        const cell = row.get(c);
        if (!cell) return "";
        return `${cell.rules.join(", ")}${cell.refs.length ? `<br><sub>${cell.refs.join(" ")}</sub>` : ""}`;
      });
      coverageRows.push(`| \`${type}\` | ${cells.join(" | ")} |`);
    }
  }
  return [
    "# Meridian policy rules",
    "",
    "Generated from `policies/pack.ts` by `npm run rules:generate`; a test fails when it is out of date.",
    "Levels are the rules' defaults; `policies/config/<env>.json` sets them per environment (advisory in dev,",
    "mandatory in staging and prod, with the thresholds each environment uses). A rule is not applicable to any type",
    "it does not list. Every resource rule also takes `acknowledgements` in its config (below).",
    "",
    "| rule | concern | finding and why | applies to | default level | config |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    "## Coverage",
    "",
    "Each type a rule checks, by concern: the rules (without their `meridian-<concern>-` prefix) and the public",
    "scanners' rules the checks stand for: Checkov (`CKV_*`, `CKV2_*`), Trivy (`AVD-*`), KICS (`KICS-<id>`),",
    "cdk-nag (`AwsSolutions-*`), and the provider's own documentation (`doc:*`) where no scanner has a rule.",
    "Tagging is `meridian-tagging-required`, which checks every taggable type (its list: `components/core/taggable-types.json`).",
    "",
    `| type | ${CONCERNS.join(" | ")} |`,
    `|---|${CONCERNS.map(() => "---").join("|")}|`,
    ...coverageRows,
    "",
    "## Acknowledged findings",
    "",
    "A finding can be accepted for one resource, with a reason and optionally an expiry date (`YYYY-MM-DD`, UTC: on",
    "that day the finding is a violation again). It is then reported as acknowledged (in `meridian plan`'s report",
    "and output; under the Pulumi CLI as the rule's not-applicable reason), never dropped. Two ways to declare one:",
    "",
    "- **On the resource**, as the tag (label on GCP) `meridian-ack-<rule without meridian->`, value",
    "  `[expires YYYY-MM-DD: ]<reason>`. `acknowledgementTags([{ rule, reason, expires }])` from `meridian` builds it",
    "  for the tags of a resource you create. (A component's `tags` reach every resource under it and refuse it.)",
    "- **In the policy config**, under the rule, by URN pattern (`*` matches any run of characters), for resources",
    "  that take no tags, that another program creates, or that a component creates (a child's URN joins its",
    "  parent's type with `$`: start the type with `*`):",
    "  `\"meridian-exposure-public-iam\": { \"acknowledgements\": [{ \"urn\": \"urn:pulumi:prod::*gcp:storage/bucketIAMMember:BucketIAMMember::site-public\", \"reason\": \"public website assets\", \"expires\": \"2027-06-01\" }] }`.",
    "",
    "An acknowledgement covers every finding of its rule on its resource; the report lists the findings it covers.",
    "",
    "An acknowledgement tag that cannot be read (no reason, a date that is not one) acknowledges nothing: the",
    "findings are violations and say why.",
    "",
  ].join("\n");
}
