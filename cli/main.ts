#!/usr/bin/env node
/**
 * The `meridian` command.
 *
 *   meridian plan --stack dev [--program DIR] [--config FILE] [--timeout SECONDS] [--format text|markdown|json] [--out FILE]
 *   meridian diff base.json head.json [--format text|markdown|json] [--out FILE]
 *   meridian stack-info --stack prod [--format json|github]
 *   meridian runbook --stack prod --scenario aws-down|gcp-down|degraded [--plan REPORT.json] [--format text|markdown|json] [--out FILE]
 *
 * Exit codes: 0 planned; 1 a mandatory policy violation, or something the engine would reject; 2 bad usage or bad config
 * (one line on stderr); 3 the program itself failed. `diff`: 0 no change or a safe one; 1 a stateful or protected
 * resource replaced or deleted, or a new mandatory violation; 2 bad usage. `runbook`: 0 printed; 2 bad usage, or a
 * scenario the stack cannot have (no DNS failover, no replication); 3 the program failed.
 */
import * as fs from "fs";
import { Command, CommanderError, Option } from "commander";
import type { PlanDiff } from "./diff";
import { DEFAULT_TIMEOUT_SECONDS, FORMATS, load, PlanUsageError, SCENARIOS, type Format, type Scenario } from "./options";
// Each command loads what it needs when it runs: `diff`, `stack-info` and bad usage do not load the Pulumi SDK,
// the providers or the policy pack (most of a plan's start-up).

export const EXIT = { ok: 0, rejected: 1, usage: 2, programFailed: 3 } as const;

/** One line; the SDK's repeated `error serializing property "x": ` prefixes (one per nesting level) said once. */
function oneLine(s: string): string {
  return s
    .replace(/\s*\n\s*/g, " ")
    .replace(/(error serializing property "[^"]*": )(?:error serializing property "[^"]*": )+/g, "$1")
    .trim();
}

/** Errors that mean "your config or arguments are wrong" rather than "the program crashed". */
function isConfigError(err: unknown): err is Error {
  return err instanceof Error && ["PlanUsageError", "DiffUsageError", "MeridianValidationError"].includes(err.name);
}

async function renderDiff(d: PlanDiff, format: Format): Promise<string> {
  if (format === "json") return `${JSON.stringify(d, null, 2)}\n`;
  const { renderDiffMarkdown, renderDiffText } = load<typeof import("./diff")>("./diff");
  return format === "markdown" ? renderDiffMarkdown(d) : renderDiffText(d);
}

async function write(text: string, out: string | undefined): Promise<void> {
  if (out) {
    fs.writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  } else {
    await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  }
}

/** `--timeout`: whole seconds, at least 1. */
function parseTimeout(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new PlanUsageError(`--timeout must be a whole number of seconds, at least 1; got ${JSON.stringify(value)}`);
  return n;
}

async function runPlanCommand(opts: { stack: string; program?: string; config?: string; policyConfig?: string; usage?: string; firstPreview?: boolean; timeout: string; compare?: string; format: Format; out?: string }): Promise<number> {
  // Read the base first: a wrong file is bad usage before any planning.
  const diff = opts.compare === undefined ? undefined : load<typeof import("./diff")>("./diff");
  const base = opts.compare === undefined ? undefined : diff!.readPlanReport(opts.compare);
  const timeoutSeconds = parseTimeout(opts.timeout);
  const { plan } = load<typeof import("./plan")>("./plan");
  const report = await plan({
    stack: opts.stack,
    programDir: opts.program,
    configFile: opts.config,
    policyConfigFile: opts.policyConfig,
    usageFile: opts.usage,
    firstPreview: opts.firstPreview,
    timeoutSeconds,
  });
  const mandatory = report.violations.some((v) => v.enforcementLevel === "mandatory");
  const planCode = report.engineErrors.length > 0 || mandatory ? EXIT.rejected : EXIT.ok;
  if (base !== undefined) {
    const d = diff!.diffPlans(base, report);
    await write(await renderDiff(d, opts.format), opts.out);
    return Math.max(planCode, diff!.diffExitCode(d));
  }
  const { render } = load<typeof import("./report")>("./report");
  await write(render(report, opts.format), opts.out);
  return planCode;
}

/**
 * `meridian runbook`: plans the stack offline, then prints the scenario's steps for it. With `--plan`, reads a plan
 * report of the stack made earlier (`meridian plan --format json`, a pipeline's artifact) instead of planning again.
 */
async function runRunbookCommand(opts: { stack: string; scenario: Scenario; plan?: string; program?: string; config?: string; policyConfig?: string; format: Format; out?: string }): Promise<number> {
  let report: import("./plan").PlanReport;
  if (opts.plan !== undefined) {
    const planned = ([["--program", opts.program], ["--config", opts.config], ["--policy-config", opts.policyConfig]] as const).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (planned.length > 0) throw new PlanUsageError(`${planned.join(", ")} and --plan do not go together: the plan report was made with its own (plan again without --plan to use them)`);
    const { readPlanReport } = load<typeof import("./diff")>("./diff");
    report = readPlanReport(opts.plan);
    if (report.stack !== opts.stack) throw new PlanUsageError(`${opts.plan} is a plan of stack ${JSON.stringify(report.stack)}, not ${JSON.stringify(opts.stack)}`);
  } else {
    const { plan } = load<typeof import("./plan")>("./plan");
    report = await plan({ stack: opts.stack, programDir: opts.program, configFile: opts.config, policyConfigFile: opts.policyConfig });
  }
  const { buildRunbook, renderRunbook } = load<typeof import("./runbook")>("./runbook");
  await write(renderRunbook(buildRunbook(report, opts.scenario), opts.format), opts.out);
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name("meridian")
    .description("Meridian: multi-cloud Pulumi components. Plan a stack offline, with no cloud account.")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(oneLine(s) + "\n") });
  program
    .command("plan")
    .description("evaluate a stack offline under Pulumi's mock runtime and report what it would create")
    .requiredOption("-s, --stack <name>", "the stack: reads <stackConfigDir>/Pulumi.<name>.yaml")
    .option("-p, --program <dir>", "the Pulumi project directory (default: the current directory)")
    .option("-c, --config <file>", "the stack config file (default: the project's Pulumi.<stack>.yaml)")
    .option("--policy-config <file>", "policy pack config (default: Meridian's policies/config/<environment>.json)")
    .option("--usage <file>", "expected usage of usage-priced services, for the cost estimate (JSON)")
    .option("--first-preview", "plan as the stack's first pulumi preview: every computed output unknown; report the mandatory checks that could not run")
    .option("--compare <base.json>", "print what changes against that earlier plan report (as meridian diff) instead of the plan")
    .option("--timeout <seconds>", "stop a program that has not finished after this many seconds, and report what was pending", String(DEFAULT_TIMEOUT_SECONDS))
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text"))
    .option("-o, --out <file>", "write the report to a file instead of stdout")
    .action(async (opts) => {
      code = await runPlanCommand(opts);
    });
  program
    .command("diff")
    .description("what a change does to a stack: compare two plan reports of it (meridian plan --format json)")
    .argument("<base.json>", "the plan report before the change (the base branch's)")
    .argument("<head.json>", "the plan report after it (the pull request's)")
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text"))
    .option("-o, --out <file>", "write the diff to a file instead of stdout")
    .action(async (basePath: string, headPath: string, opts: { format: Format; out?: string }) => {
      const { diffExitCode, diffPlans, readPlanReport } = load<typeof import("./diff")>("./diff");
      const d = diffPlans(readPlanReport(basePath), readPlanReport(headPath));
      await write(await renderDiff(d, opts.format), opts.out);
      code = diffExitCode(d);
    });
  program
    .command("stack-info")
    .description("the clouds a stack uses, its AWS region and its deploy runner, for pipelines")
    .requiredOption("-s, --stack <name>", "the stack: reads <stackConfigDir>/Pulumi.<name>.yaml")
    .option("-p, --program <dir>", "the Pulumi project directory (default: the current directory)")
    .addOption(new Option("-f, --format <format>", "json, or key=value lines for $GITHUB_OUTPUT").choices(["json", "github"]).default("json"))
    .action(async (opts: { stack: string; program?: string; format: "json" | "github" }) => {
      const { githubOutput, stackInfo } = load<typeof import("./stack-info")>("./stack-info");
      const info = stackInfo(opts.stack, opts.program);
      process.stdout.write(opts.format === "github" ? githubOutput(info) : `${JSON.stringify(info)}\n`);
    });
  program
    .command("runbook")
    .description("the failover steps of a scenario for a stack, with its resource names, commands and expected times (from its offline plan)")
    .requiredOption("-s, --stack <name>", "the stack: reads <stackConfigDir>/Pulumi.<name>.yaml")
    .addOption(new Option("--scenario <scenario>", "aws-down: AWS is down; gcp-down: GCP is down; degraded: shift traffic away in 10 % steps").choices(SCENARIOS).makeOptionMandatory())
    .option("--plan <report.json>", "a plan report of the stack (meridian plan --format json) to read instead of planning it again")
    .option("-p, --program <dir>", "the Pulumi project directory (default: the current directory)")
    .option("-c, --config <file>", "the stack config file (default: the project's Pulumi.<stack>.yaml)")
    .option("--policy-config <file>", "policy pack config (default: Meridian's policies/config/<environment>.json): the RTO target and failover size")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"))
    .option("-o, --out <file>", "write the runbook to a file instead of stdout")
    .action(async (opts) => {
      code = await runRunbookCommand(opts);
    });
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isConfigError(err)) {
      process.stderr.write(`meridian: ${oneLine(err.message)}\n`);
      return EXIT.usage;
    }
    const e = err as Error;
    process.stderr.write(`meridian: the program failed: ${oneLine(e?.message ?? String(err))}\n`);
    // A stop (a program that never settles, runs past --timeout or exits the process) is the one line: no trace helps.
    if (e?.stack && e.name !== "ProgramStoppedError") process.stderr.write(`${e.stack}\n`);
    return EXIT.programFailed;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`meridian: ${String(err)}\n`);
      process.exit(EXIT.programFailed);
    },
  );
}
