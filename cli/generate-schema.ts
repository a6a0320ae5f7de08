/**
 * Writes schema.json, the component package's public contract as Pulumi's component provider generates it from the
 * sources (what `pulumi package add` would hand other languages): `npm run schema:generate`. A test fails when the
 * checked-in file differs, so an API change shows in review.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as meridian from "../components";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "schema.json");

/** The schema, pretty-printed with sorted keys so that a diff shows only what changed. */
export async function renderSchema(): Promise<string> {
  const root = path.resolve(__dirname, "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string };
  const provider = new ComponentProvider({ components: getPulumiComponents(meridian), dirname: root, name: pkg.name });
  return formatSchema(JSON.parse(await provider.getSchema()) as unknown);
}

/** schema.json's text for a schema: keys sorted at every level, two-space indent. */
export function formatSchema(schema: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return `${JSON.stringify(sort(schema), null, 2)}\n`;
}

if (require.main === module) {
  renderSchema()
    .then((text) => {
      fs.writeFileSync(SCHEMA_FILE, text);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
