/**
 * IPv4 CIDR arithmetic and subnet planning: pure functions, so every network component plans its address space
 * the same way and the planner is tested on its own.
 */
import type { Validator } from "../../core/shared";

/** A parsed IPv4 CIDR block. `base` is the network address as an unsigned 32-bit integer. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when it is not a valid IPv4 CIDR with its host bits zero. */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR_RE.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
  if ((base & hostMask(prefix)) !== 0) return undefined;
  return { base, prefix };
}

/** Parses a value that must be an IPv4 CIDR block; fails `field` with the standard message when it is not. */
export function requireCidr(check: Validator, field: string, value: unknown): Cidr {
  const parsed = typeof value === "string" ? parseCidr(value) : undefined;
  if (!parsed) check.fail(field, value, "an IPv4 CIDR block");
  return parsed!;
}

function hostMask(prefix: number): number {
  return prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
}

/** The number of addresses in a block. */
export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** True when the two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

/** The RFC 1918 private blocks. */
export const PRIVATE_BLOCKS: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c) as Cidr);

export function isPrivate(c: Cidr): boolean {
  return PRIVATE_BLOCKS.some((p) => contains(p, c));
}

/**
 * Carves subnets of the given prefix lengths out of `block`, aligned, without overlap, largest first (so small
 * subnets cannot fragment the space big ones need). Returns the subnets in the order asked, or undefined when
 * they do not fit.
 */
export function allocateSubnets(block: Cidr, prefixes: readonly number[]): Cidr[] | undefined {
  if (prefixes.some((p) => !Number.isInteger(p) || p < block.prefix || p > 32)) return undefined;
  const order = prefixes.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out: Cidr[] = new Array(prefixes.length);
  let next = block.base;
  const end = block.base + size(block);
  for (const { p, i } of order) {
    const sz = 2 ** (32 - p);
    const aligned = Math.ceil(next / sz) * sz;
    if (aligned + sz > end) return undefined;
    out[i] = { base: aligned >>> 0, prefix: p };
    next = aligned + sz;
  }
  return out;
}

/** The smallest n with 2^n ≥ count. */
export function bitsFor(count: number): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, count))));
}

/** The first pair of blocks in `cidrs` that overlap, or undefined. */
export function firstOverlap(cidrs: ReadonlyArray<{ label: string; cidr: Cidr }>): [string, string] | undefined {
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      const a = cidrs[i];
      const b = cidrs[j];
      if (a && b && overlaps(a.cidr, b.cidr)) return [a.label, b.label];
    }
  }
  return undefined;
}
