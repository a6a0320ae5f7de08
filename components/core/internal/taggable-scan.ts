/**
 * Finds which resource types take tags or labels, by reading the provider SDKs' own type definitions.
 *
 * No provider can be asked at run time which of its resources are taggable, and the provider plugins
 * (which carry the schema) are not installed here. The SDK packages are generated from that schema, so
 * each resource's `<Class>Args` interface in its `.d.ts` says whether it has a string-map `tags` (AWS,
 * Azure) or `labels` / `resourceLabels` (GCP) input. `cli/generate-taggable.ts` writes the result to
 * `components/core/taggable-types.json`; a test regenerates it and fails when an SDK upgrade changed it.
 */
import * as fs from "fs";
import * as path from "path";

/** The tag input of one resource type, as a dotted path into its inputs. */
export type TagPath = string;

export interface TaggableTable {
  /** The SDK versions the table was read from. */
  readonly generatedFrom: Record<string, string>;
  /** Type token → the input that holds its tags or labels. */
  readonly types: Record<string, TagPath>;
}

/** Which top-level inputs hold user tags, per SDK, in order of preference. */
const TAG_PROPERTIES: Record<string, readonly string[]> = {
  "@pulumi/aws": ["tags"],
  // GCP `tags` are network tags or Resource Manager tag bindings, never labels. Cloud Monitoring's resources keep
  // their labels in `userLabels`: a notification channel's `labels` are its configuration (`email_address`, ...), so
  // `userLabels` comes first.
  "@pulumi/gcp": ["userLabels", "labels", "resourceLabels"],
  "@pulumi/azure-native": ["tags"],
};

/**
 * Labels that live below the top level, which the scan cannot see. Checked by hand against the SDK types.
 * (Cloud SQL keeps its labels in `settings.userLabels`; a GKE node pool's GCE labels are
 * `nodeConfig.resourceLabels` — `nodeConfig.labels` are Kubernetes node labels, not cloud labels.)
 */
export const NESTED_TAG_PATHS: Record<string, TagPath> = {
  "gcp:sql/databaseInstance:DatabaseInstance": "settings.userLabels",
  "gcp:container/nodePool:NodePool": "nodeConfig.resourceLabels",
};

const TOKEN_RE = /static __pulumiType = '([^']+)';/g;

function hasStringMapProperty(argsBlock: string, prop: string): boolean {
  const re = new RegExp(`^ {4}${prop}\\?: pulumi\\.Input<\\{\\n\\s+\\[key: string\\]: pulumi\\.Input<string>;`, "m");
  return re.test(argsBlock);
}

function argsBlock(dts: string, className: string): string | undefined {
  const start = dts.indexOf(`export interface ${className}Args {`);
  if (start < 0) return undefined;
  const end = dts.indexOf("\n}", start);
  return dts.slice(start, end < 0 ? undefined : end);
}

/** Scans one SDK package directory. */
export function scanPackage(packageDir: string, packageName: string): Record<string, TagPath> {
  const props = TAG_PROPERTIES[packageName];
  if (!props) throw new Error(`no tag properties known for ${packageName}`);
  const found: Record<string, TagPath> = {};
  const dirs = fs
    .readdirSync(packageDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "types" && d.name !== "config" && !d.name.startsWith("."))
    .map((d) => path.join(packageDir, d.name));
  dirs.push(packageDir);
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith(".js") || file === "index.js") continue;
      const js = fs.readFileSync(path.join(dir, file), "utf8");
      const tokens = [...js.matchAll(TOKEN_RE)].map((m) => m[1]).filter((t): t is string => t !== undefined);
      if (tokens.length === 0) continue;
      const dtsPath = path.join(dir, file.replace(/\.js$/, ".d.ts"));
      if (!fs.existsSync(dtsPath)) continue;
      const dts = fs.readFileSync(dtsPath, "utf8");
      for (const token of tokens) {
        if (token.startsWith("pulumi:providers:")) continue;
        const className = token.split(":").pop() ?? "";
        const block = argsBlock(dts, className);
        if (!block) continue;
        const prop = props.find((p) => hasStringMapProperty(block, p));
        if (prop) found[token] = prop;
      }
    }
  }
  return found;
}

/** Scans the three cloud SDKs installed under `nodeModules`. */
export function scanTaggableTypes(nodeModules: string): TaggableTable {
  const generatedFrom: Record<string, string> = {};
  let types: Record<string, TagPath> = {};
  for (const pkg of Object.keys(TAG_PROPERTIES)) {
    const dir = path.join(nodeModules, pkg);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
    generatedFrom[pkg] = manifest.version;
    types = { ...types, ...scanPackage(dir, pkg) };
  }
  types = { ...types, ...NESTED_TAG_PATHS };
  const sorted: Record<string, TagPath> = {};
  for (const key of Object.keys(types).sort()) sorted[key] = types[key] as TagPath;
  return { generatedFrom, types: sorted };
}
