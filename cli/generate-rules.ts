/** Writes policies/RULES.md from the rule objects themselves: `npm run rules:generate`. A test keeps it current. */
import * as fs from "fs";
import * as path from "path";
import { renderRulesMarkdown } from "../policies/rules-doc";

const out = path.resolve(__dirname, "..", "policies", "RULES.md");
fs.writeFileSync(out, renderRulesMarkdown());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
