/** Renders a plan report as text (for a terminal), markdown (for a pull request summary) or JSON. */
import { cantRunReason } from "../policies/cant-run";
import { rtoParts } from "../policies/rules/resilience/dr-budget";
import type { PolicyAcknowledgement } from "../policies/acknowledge";
import type { PlanReport, PlannedResource } from "./plan";

export { FORMATS, type Format } from "./options";
import type { Format } from "./options";

function groupResources(report: PlanReport): Array<{ title: string; resources: PlannedResource[] }> {
  return report.summary.byComponent.map((c) => ({
    title: c.urn === null ? "(stack)" : `${c.name} (${c.type})`,
    resources: report.resources.filter((r) => r.custom && r.component === c.urn),
  }));
}

function flags(r: PlannedResource): string {
  const f: string[] = [];
  if (r.protect) f.push("protected");
  if (r.retainOnDelete) f.push("retained on delete");
  return f.length ? ` [${f.join(", ")}]` : "";
}

function counts(map: Record<string, number>): string {
  const entries = Object.entries(map);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(", ") : "none";
}

/** `aws:lb/listener:Listener::edge-aws-https` → `Listener edge-aws-https`. */
export function shortUrn(urn: string): string {
  const [typePath = "", name = ""] = urn.split("::").slice(-2);
  const type = typePath.split("$").pop() ?? typePath;
  return `${type.split(":").pop()} ${name}`;
}

/**
 * The RTO as the sum of its parts, and each part (reports before 0.5.0 have none of them: nothing is printed).
 * `meridian runbook` prints the same lines.
 */
export function rtoLines(dr: NonNullable<PlanReport["dr"]>): string[] {
  if (dr.rtoSeconds === undefined || dr.rtoSeconds === null) return [];
  const out = [`RTO: ${rtoParts(dr)} (target ${dr.rtoTargetSeconds} s)`];
  const p = dr.promotion;
  if (p) out.push(`promotion ${p.totalSeconds} s: stop the DMS task ${p.stopTaskSeconds} s + reset sequences ${p.resetSequencesSeconds} s + make the standby writable ${p.makeWritableSeconds} s + the app's switch ${p.appSwitchSeconds} s`);
  for (const a of dr.scaleUp?.apps ?? []) {
    const nodes = a.podsPerNode === null ? "node capacity unknown" : `${a.podsPerNode} pods a node, ${a.nodesAtMin} node${a.nodesAtMin === 1 ? "" : "s"} at the minimum${a.nodeScaleUp ? `, ${a.nodesNeeded} needed: new nodes` : ""}`;
    out.push(`scale-up ${a.seconds} s: ${a.app} on ${a.cloud} from ${a.minReplicas} to ${a.targetReplicas} replicas (${nodes})${a.reachable ? "" : ` — CANNOT: ${a.problem}`}`);
  }
  for (const sv of dr.scaleUp?.serverless ?? []) out.push(`scale-up ${sv.seconds} s: ${sv.resource} on ${sv.cloud} (instances on demand, minimum ${sv.minInstances})`);
  return out;
}

function renderValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function renderText(report: PlanReport): string {
  const out: string[] = [];
  out.push(`Meridian offline plan: stack ${report.stack} (project ${report.project})`);
  out.push(`program ${report.program}, config ${report.configFile}`);
  out.push("");
  const s = report.summary;
  out.push(`Resources: ${s.custom} cloud resources in ${s.components} components (${s.total} registrations with the stack)`);
  out.push(`By cloud: ${counts(s.byCloud)}`);
  for (const g of groupResources(report)) {
    if (g.resources.length === 0) continue;
    out.push("");
    out.push(`${g.title}: ${g.resources.length}`);
    const width = Math.max(...g.resources.map((r) => r.type.length));
    for (const r of g.resources) out.push(`  ${(r.cloud ?? "").padEnd(10)} ${r.type.padEnd(width)}  ${r.name}${flags(r)}`);
  }
  out.push("");
  out.push("By type:");
  for (const [type, n] of Object.entries(s.byType)) out.push(`  ${String(n).padStart(4)}  ${type}`);
  if (Object.keys(report.outputs).length) {
    out.push("");
    out.push("Stack outputs:");
    for (const [k, v] of Object.entries(report.outputs)) out.push(`  ${k}: ${renderValue(v)}`);
  }
  out.push("");
  out.push(`Estimated cost: $${report.cost.totalMonthlyUsd.toFixed(2)}/month (list prices, policies/pricing)`);
  // Reports written before 0.4.0 have no groups.
  if (report.cost.byCloud?.length) out.push(`  by cloud: ${report.cost.byCloud.map((c) => `${c.cloud} $${c.monthlyUsd.toFixed(2)}`).join(", ")}`);
  if (report.cost.byService?.length) out.push(`  by service: ${report.cost.byService.map((s) => `${s.service} $${s.monthlyUsd.toFixed(2)}`).join(", ")}`);
  for (const l of [...report.cost.byResource].sort((a, b) => b.monthlyUsd - a.monthlyUsd)) {
    out.push(`  ${("$" + l.monthlyUsd.toFixed(2)).padStart(10)}  ${l.urn.split("::").pop()}  (${l.basis})`);
  }
  if (report.cost.unpriced.length) out.push(`  not priced (size unknown to the tables): ${report.cost.unpriced.map((u) => u.split("::").pop()).join(", ")}`);
  if (report.dr) {
    out.push("");
    const f = report.dr.failoverSeconds === null ? "no DNS failover" : `${report.dr.failoverSeconds} s (RTO target ${report.dr.rtoTargetSeconds} s)`;
    const r = report.dr.rpoGuardSeconds === null ? "no replication" : `${report.dr.rpoGuardSeconds} s (RPO target ${report.dr.rpoTargetSeconds} s)`;
    out.push(`Disaster recovery: failover budget ${f}; replication lag alarm ${r}`);
    for (const [fqdn, seconds] of Object.entries(report.dr.failoverByName)) out.push(`  ${fqdn}: fails over within ${seconds} s`);
    for (const line of rtoLines(report.dr)) out.push(`  ${line}`);
  }
  if (report.paths.length) {
    out.push("");
    out.push("Request paths (DNS record → health check → entry point → backend → workload → database):");
    for (const p of report.paths) {
      out.push(`  ${p.name} via ${p.cloud}${p.complete ? "" : ` — INCOMPLETE: ${p.missing}`}`);
      out.push(`    ${p.urns.map(shortUrn).join(" → ")}`);
    }
  }
  if (report.firstPreview) {
    out.push("");
    const n = report.mandatoryChecksNotRun.length;
    out.push(`First preview (every computed output unknown): ${n} mandatory check${n === 1 ? "" : "s"} could not run${n ? ":" : "."}`);
    for (const v of report.mandatoryChecksNotRun) out.push(`  ? ${v.policyName}: ${v.urn.split("::").pop()}: ${cantRunReason(v.message) ?? v.message}`);
  }
  out.push("");
  const policyFrom = report.policyConfigFile ? `config ${report.policyConfigFile}` : "default levels";
  if (report.violations.length === 0) {
    out.push(`Policies: no violations (${policyFrom}).`);
  } else {
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const n = report.violations.length;
    out.push(`Policies: ${n} violation${n === 1 ? "" : "s"}, ${mandatory} mandatory (${policyFrom}):`);
    for (const v of report.violations) out.push(`  ${v.enforcementLevel === "mandatory" ? "✗" : "!"} [${v.enforcementLevel}] ${v.policyName}: ${v.urn}: ${v.message}`);
  }
  const acks = report.acknowledged ?? [];
  if (acks.length > 0) {
    out.push(`Acknowledged findings: ${acks.length} (not violations; each holds until its expiry):`);
    for (const a of acks) out.push(`  ~ ${a.policyName}: ${a.urn}: ${a.findings.join("; ")} — acknowledged by ${ackWhere(a)}${a.expires ? `, expires ${a.expires}` : ", no expiry"}: ${a.reason}`);
  }
  if (report.engineErrors.length) {
    out.push("");
    out.push(`The Pulumi engine would reject (${report.engineErrors.length}):`);
    for (const e of report.engineErrors) out.push(`  ✗ ${e}`);
  }
  if (report.unknownInvokes.length) {
    out.push("");
    out.push(`Invokes the offline engine answered with their own arguments: ${report.unknownInvokes.join(", ")}`);
  }
  if (report.messages.length) {
    out.push("");
    out.push("Program messages:");
    for (const m of report.messages) out.push(`  ${m}`);
  }
  return `${out.join("\n")}\n`;
}

/** Where an acknowledgement was declared. */
export function ackWhere(a: PolicyAcknowledgement): string {
  return a.source === "tag" ? `tag ${a.where}` : `policy config ${a.where}`;
}

function md(s: string): string {
  return s.replace(/\|/g, "\\|");
}

export function renderMarkdown(report: PlanReport): string {
  const out: string[] = [];
  const s = report.summary;
  out.push(`## Meridian offline plan: \`${report.stack}\``);
  out.push("");
  out.push(`Project \`${report.project}\`, program \`${report.program}\`, config \`${report.configFile}\`.`);
  out.push("");
  out.push(`**${s.custom}** cloud resources in **${s.components}** components. By cloud: ${counts(s.byCloud)}.`);
  out.push("");
  out.push("| component | cloud | type | name | protected |");
  out.push("|---|---|---|---|---|");
  for (const g of groupResources(report)) {
    for (const r of g.resources) out.push(`| ${md(g.title)} | ${r.cloud ?? ""} | \`${r.type}\` | ${md(r.name)} | ${r.protect ? "yes" : ""} |`);
  }
  out.push("");
  out.push("| count | type |");
  out.push("|---:|---|");
  for (const [type, n] of Object.entries(s.byType)) out.push(`| ${n} | \`${type}\` |`);
  if (Object.keys(report.outputs).length) {
    out.push("");
    out.push("| output | value |");
    out.push("|---|---|");
    for (const [k, v] of Object.entries(report.outputs)) out.push(`| ${md(k)} | \`${md(renderValue(v))}\` |`);
  }
  out.push("");
  out.push(`### Estimated cost: $${report.cost.totalMonthlyUsd.toFixed(2)}/month`);
  out.push("");
  if (report.cost.byService?.length) {
    out.push(`By cloud: ${report.cost.byCloud.map((c) => `${c.cloud} $${c.monthlyUsd.toFixed(2)}`).join(", ")}.`);
    out.push("");
    out.push("| service | cloud | resources | monthly |");
    out.push("|---|---|---:|---:|");
    for (const s of report.cost.byService) out.push(`| \`${md(s.service)}\` | ${s.cloud} | ${s.resources} | $${s.monthlyUsd.toFixed(2)} |`);
    out.push("");
  }
  out.push("| monthly | resource | basis |");
  out.push("|---:|---|---|");
  for (const l of [...report.cost.byResource].sort((a, b) => b.monthlyUsd - a.monthlyUsd)) out.push(`| $${l.monthlyUsd.toFixed(2)} | \`${md(l.urn.split("::").pop() ?? l.urn)}\` | ${md(l.basis)} |`);
  if (report.cost.unpriced.length) out.push(`\nNot priced: ${report.cost.unpriced.map((u) => `\`${md(u.split("::").pop() ?? u)}\``).join(", ")}.`);
  if (report.dr) {
    out.push("");
    out.push(`**Disaster recovery:** failover budget ${report.dr.failoverSeconds ?? "n/a"} s (RTO target ${report.dr.rtoTargetSeconds} s); replication lag alarm ${report.dr.rpoGuardSeconds ?? "n/a"} s (RPO target ${report.dr.rpoTargetSeconds} s).`);
    for (const [fqdn, seconds] of Object.entries(report.dr.failoverByName)) out.push(`- \`${md(fqdn)}\` fails over within ${seconds} s`);
    for (const line of rtoLines(report.dr)) out.push(`- ${md(line)}`);
  }
  if (report.firstPreview) {
    out.push("");
    out.push(`**First preview** (every computed output unknown): ${report.mandatoryChecksNotRun.length} mandatory check(s) could not run.`);
    for (const v of report.mandatoryChecksNotRun) out.push(`- \`${md(v.policyName)}\` on \`${md(v.urn.split("::").pop() ?? v.urn)}\`: ${md(v.message)}`);
  }
  if (report.paths.length) {
    out.push("");
    out.push("### Request paths");
    out.push("");
    out.push("| name | cloud | path |");
    out.push("| --- | --- | --- |");
    for (const p of report.paths) out.push(`| \`${md(p.name)}\` | ${p.cloud} | ${p.urns.map((u) => md(shortUrn(u))).join(" → ")}${p.complete ? "" : ` **incomplete: ${md(p.missing ?? "")}**`} |`);
  }
  out.push("");
  out.push("### Policies");
  out.push("");
  if (report.violations.length === 0) {
    out.push("No violations.");
  } else {
    out.push("| level | policy | resource | message |");
    out.push("|---|---|---|---|");
    for (const v of report.violations) out.push(`| ${v.enforcementLevel} | ${v.policyName} | \`${md(v.urn)}\` | ${md(v.message)} |`);
  }
  const acks = report.acknowledged ?? [];
  if (acks.length > 0) {
    out.push("");
    out.push(`**Acknowledged findings** (${acks.length}, not violations):`);
    out.push("");
    out.push("| policy | resource | findings | acknowledged by | expires | reason |");
    out.push("|---|---|---|---|---|---|");
    for (const a of acks) out.push(`| ${a.policyName} | \`${md(a.urn)}\` | ${md(a.findings.join("; "))} | ${md(ackWhere(a))} | ${a.expires ?? "never"} | ${md(a.reason)} |`);
  }
  if (report.engineErrors.length) {
    out.push("");
    out.push("### The Pulumi engine would reject");
    for (const e of report.engineErrors) out.push(`- ${md(e)}`);
  }
  if (report.unknownInvokes.length) {
    out.push("");
    out.push(`Invokes answered with their own arguments: ${report.unknownInvokes.map((t) => `\`${t}\``).join(", ")}.`);
  }
  return `${out.join("\n")}\n`;
}

export function renderJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function render(report: PlanReport, format: Format): string {
  switch (format) {
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report);
    case "json":
      return renderJson(report);
  }
}
