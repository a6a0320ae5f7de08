/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: keys namespaced
 * (`environment` → `<project>:environment`), structured values as JSON, secure values as secrets.
 * Offline there is no key to decrypt `secure:` values, so they become a fixed placeholder.
 */
import * as fs from "fs";
import { isScalar, parseDocument, visit } from "yaml";

/** Stands in for every `secure:` value in offline runs: no key is available to decrypt it. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-secret";

/** A problem with the stack config file itself, reported in one line (the CLI exits 2). */
export class StackConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigFileError";
  }
}

export interface LoadedStackConfig {
  /** `namespace:key` → value, as `PULUMI_CONFIG` would hold it. */
  readonly config: Record<string, string>;
  /** Keys whose value was `secure:` (in whole or in part). */
  readonly secretKeys: string[];
}

function replaceSecure(value: unknown): { value: unknown; secret: boolean } {
  if (Array.isArray(value)) {
    let secret = false;
    const out = value.map((v) => {
      const r = replaceSecure(v);
      secret ||= r.secret;
      return r.value;
    });
    return { value: out, secret };
  }
  if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === "secure" && typeof obj["secure"] === "string") {
      return { value: OFFLINE_SECRET_PLACEHOLDER, secret: true };
    }
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const r = replaceSecure(v);
      secret ||= r.secret;
      out[k] = r.value;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/**
 * Bounds on a stack config file, so that a hostile or broken file is refused with a message rather than exhausting
 * the machine. A real stack file is a few kilobytes; these leave room for a thousandfold more.
 */
export const STACK_CONFIG_LIMITS = { bytes: 1024 * 1024, entriesPerMapping: 10_000, aliasExpansions: 1_000 } as const;

/** Parses the YAML text of a stack config file. `file` is used in error messages only. */
export function parseStackConfigYaml(text: string, file: string, project: string): LoadedStackConfig {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > STACK_CONFIG_LIMITS.bytes) {
    throw new StackConfigFileError(`${file}: the file is ${bytes} bytes; a stack config file may be at most ${STACK_CONFIG_LIMITS.bytes} bytes`);
  }
  // The parser's own duplicate-key check compares every key with every other (quadratic: a 100,000-key mapping
  // takes minutes); checkMappings does it with a set, after bounding each mapping's size.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
    const reason = firstError.message.split("\n")[0] ?? "";
    throw new StackConfigFileError(`${file}: invalid YAML${where}: ${reason.replace(/ at line \d+, column \d+.*$/, "")}`);
  }
  checkMappings(doc, text, file);
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: STACK_CONFIG_LIMITS.aliasExpansions });
  } catch (err) {
    // The yaml package refuses an alias "bomb" (aliases of aliases that expand exponentially) with a ReferenceError.
    throw new StackConfigFileError(`${file}: YAML aliases expand too far (${(err as Error).message}); write the values out`);
  }
  if (root === null || root === undefined) return { config: {}, secretKeys: [] };
  if (typeof root !== "object" || Array.isArray(root)) {
    throw new StackConfigFileError(`${file}: expected a mapping at the top level, got ${Array.isArray(root) ? "a list" : typeof root}`);
  }
  const section = (root as Record<string, unknown>)["config"];
  if (section === undefined || section === null) return { config: {}, secretKeys: [] };
  if (typeof section !== "object" || Array.isArray(section)) {
    throw new StackConfigFileError(`${file}: 'config' must be a mapping of keys to values`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, rawValue] of Object.entries(section as Record<string, unknown>)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const { value, secret } = replaceSecure(rawValue);
    if (secret) secretKeys.push(key);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secretKeys };
}

/** Each mapping has at most `entriesPerMapping` entries and no key twice. */
function checkMappings(doc: ReturnType<typeof parseDocument>, text: string, file: string): void {
  const lineOf = (offset: number | undefined) => (offset === undefined ? "" : ` at line ${text.slice(0, offset).split("\n").length}`);
  visit(doc, {
    Map(_key, map) {
      if (map.items.length > STACK_CONFIG_LIMITS.entriesPerMapping) {
        throw new StackConfigFileError(`${file}: a mapping${lineOf(map.range?.[0])} has ${map.items.length} entries; at most ${STACK_CONFIG_LIMITS.entriesPerMapping} are accepted`);
      }
      const seen = new Set<string>();
      for (const item of map.items) {
        const key = isScalar(item.key) ? String(item.key.value) : JSON.stringify(item.key);
        // Read into JavaScript, this key would set the mapping's prototype and vanish: refuse it rather than lose it.
        if (key === "__proto__") throw new StackConfigFileError(`${file}: the key "__proto__"${lineOf(isScalar(item.key) ? item.key.range?.[0] : undefined)} cannot be used (read into JavaScript it would be dropped)`);
        if (seen.has(key)) throw new StackConfigFileError(`${file}: invalid YAML${lineOf(isScalar(item.key) ? item.key.range?.[0] : undefined)}: the key ${JSON.stringify(key)} appears twice in one mapping`);
        seen.add(key);
      }
    },
  });
}

/** Reads and parses a stack config file; a missing or unreadable file is a `StackConfigFileError`. */
export function loadStackConfigFile(file: string, project: string, displayName = file): LoadedStackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new StackConfigFileError(`${displayName}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseStackConfigYaml(text, displayName, project);
}
