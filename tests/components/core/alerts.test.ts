/**
 * Alarm descriptions name a runbook step, and every step is in the README's "Runbook: alerts" table: the anchor the
 * descriptions point to exists, and so does each step they can name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { alarmDescription, RUNBOOK_DOC, RUNBOOK_STEPS, type RunbookStep } from "../../../components/core/alerts";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");

describe("alarm descriptions", () => {
  it("start with the severity and end with the step, its action and the README anchor", () => {
    expect(alarmDescription("critical", "db-aws", "the instance failed over", "database-down")).toBe(
      `[critical] db-aws: the instance failed over. Runbook database-down: ${RUNBOOK_STEPS["database-down"]} (README.md#runbook-alerts)`,
    );
  });

  it("fit CloudWatch's 1,024-character limit for every step, with a long subject and condition", () => {
    for (const step of Object.keys(RUNBOOK_STEPS) as RunbookStep[]) {
      expect(alarmDescription("warning", "x".repeat(63), "y".repeat(200), step).length).toBeLessThanOrEqual(1024);
    }
  });

  it("point to a README section that exists and lists every step", () => {
    const anchor = RUNBOOK_DOC.split("#")[1]!;
    expect(README).toMatch(new RegExp(`^### ${anchor.replace(/-/g, "[ :]+")}$`, "im"));
    const section = README.slice(README.search(/^### Runbook: alerts$/m));
    for (const step of Object.keys(RUNBOOK_STEPS)) expect(section).toContain(`| \`${step}\` |`);
  });
});
