/**
 * Regenerates components/core/taggable-types.json from the installed provider SDKs.
 * Run after upgrading @pulumi/aws, @pulumi/gcp or @pulumi/azure-native: `npm run taggable:generate`.
 */
import * as fs from "fs";
import * as path from "path";
import { scanTaggableTypes } from "../components/core/internal/taggable-scan";

const root = path.resolve(__dirname, "..");
const table = scanTaggableTypes(path.join(root, "node_modules"));
const out = path.join(root, "components", "core", "taggable-types.json");
fs.writeFileSync(out, `${JSON.stringify(table, null, 1)}\n`);
const counts: Record<string, number> = {};
for (const token of Object.keys(table.types)) {
  const pkg = token.split(":")[0] ?? "";
  counts[pkg] = (counts[pkg] ?? 0) + 1;
}
console.log(`wrote ${path.relative(root, out)}: ${Object.keys(table.types).length} taggable types`, counts);
