import { createHash } from "crypto";

/** Names that clouds impose rules on, derived from Pulumi logical names. */

/**
 * A GCP resource name (RFC 1035 label as GCP uses it): lower case, `[a-z0-9-]`, starting with a letter, not
 * ending with a hyphen, at most `max` characters (63 for most resources).
 */
export function toGcpName(s: string, max = 63): string {
  let n = s.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
  if (!/^[a-z]/.test(n)) n = `m-${n}`;
  n = n.slice(0, max).replace(/-+$/, "");
  return n === "" ? "m" : n;
}

/**
 * A Google service account id for `name`, with a prefix saying what it runs: 6–30 characters, RFC 1035
 * (`toGcpName`, padded with zeros when short).
 */
export function gcpServiceAccountId(prefix: string, name: string): string {
  return toGcpName(`${prefix}-${name}`, 30).padEnd(6, "0");
}

/** A short, stable, lower-case hex digest of `key`: suffixes for names that must be globally unique, fake ids. */
export function stableSuffix(key: string, length = 8): string {
  return createHash("sha256").update(key).digest("hex").slice(0, length);
}
