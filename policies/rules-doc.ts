/** The rule table of policies/RULES.md, rendered from the rule objects (so the table cannot drift from the code). */
import { policies } from "./pack";

function configText(schema: { properties?: Record<string, { default?: unknown; type?: string }> } | undefined): string {
  const props = Object.entries(schema?.properties ?? {});
  if (props.length === 0) return "";
  return props.map(([k, v]) => `\`${k}\`${v.default !== undefined ? ` (default ${JSON.stringify(v.default)})` : ""}`).join(", ");
}

export function renderRulesMarkdown(): string {
  const rows = policies.map((p) => {
    const concern = p.name.split("-")[1] ?? "";
    const applies = "appliesTo" in p && Array.isArray((p as { appliesTo?: string[] }).appliesTo) ? (p as { appliesTo: string[] }).appliesTo.map((t) => `\`${t}\``).join("<br>") : "validateStack" in p ? "the whole stack" : "every taggable AWS, GCP and Azure type";
    return `| \`${p.name}\` | ${concern} | ${p.description.replace(/\|/g, "\\|")} | ${applies} | ${p.enforcementLevel ?? "advisory"} | ${configText(p.configSchema as never)} |`;
  });
  return [
    "# Meridian policy rules",
    "",
    "Generated from `policies/pack.ts` by `npm run rules:generate`; a test fails when it is out of date.",
    "Levels are the rules' defaults; `policies/config/<env>.json` sets them per environment (advisory in dev,",
    "mandatory in staging and prod, with the thresholds each environment uses). A rule is not applicable to any type",
    "it does not list.",
    "",
    "| rule | concern | finding and why | applies to | default level | config |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
