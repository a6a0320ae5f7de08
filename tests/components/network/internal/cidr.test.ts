import fc from "fast-check";
import { allocateSubnets, bitsFor, contains, firstOverlap, formatCidr, isPrivate, overlaps, parseCidr, type Cidr } from "../../../../components/network/internal/cidr";

const c = (s: string) => parseCidr(s) as Cidr;

describe("parseCidr / formatCidr", () => {
  it("round-trips valid blocks", () => {
    for (const s of ["10.0.0.0/16", "0.0.0.0/0", "192.168.1.128/25", "255.255.255.255/32"]) expect(formatCidr(c(s))).toBe(s);
  });

  it("rejects malformed blocks and blocks with host bits set", () => {
    for (const s of ["10.0.0.0", "10.0.0.256/24", "10.0.0.0/33", "10.0.0.1/24", "a.b.c.d/8", " 10.0.0.0/8"]) expect(parseCidr(s)).toBeUndefined();
  });
});

describe("overlaps / contains / isPrivate", () => {
  it("answers for touching, nested and disjoint blocks", () => {
    expect(overlaps(c("10.0.0.0/24"), c("10.0.1.0/24"))).toBe(false);
    expect(overlaps(c("10.0.0.0/16"), c("10.0.200.0/24"))).toBe(true);
    expect(contains(c("10.0.0.0/16"), c("10.0.200.0/24"))).toBe(true);
    expect(contains(c("10.0.200.0/24"), c("10.0.0.0/16"))).toBe(false);
    expect(isPrivate(c("172.20.0.0/16"))).toBe(true);
    expect(isPrivate(c("172.32.0.0/16"))).toBe(false);
    expect(firstOverlap([{ label: "a", cidr: c("10.0.0.0/16") }, { label: "b", cidr: c("10.1.0.0/16") }, { label: "c", cidr: c("10.0.5.0/24") }])).toEqual(["a", "c"]);
  });
});

describe("allocateSubnets", () => {
  it("places the largest first, aligned, and returns them in the order asked", () => {
    const out = allocateSubnets(c("10.0.0.0/16"), [21, 19, 21, 19]);
    expect(out?.map(formatCidr)).toEqual(["10.0.64.0/21", "10.0.0.0/19", "10.0.72.0/21", "10.0.32.0/19"]);
  });

  it("returns undefined when the subnets do not fit", () => {
    expect(allocateSubnets(c("10.0.0.0/24"), [25, 25, 25])).toBeUndefined();
    expect(allocateSubnets(c("10.0.0.0/24"), [23])).toBeUndefined();
  });

  it("never overlaps and always fits in the block (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 8, max: 28 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 12 }),
        (addr, prefix, extra) => {
          const block: Cidr = { base: (addr & ~(2 ** (32 - prefix) - 1)) >>> 0, prefix };
          const prefixes = extra.map((e) => Math.min(32, prefix + e));
          const out = allocateSubnets(block, prefixes);
          const total = prefixes.reduce((s, p) => s + 2 ** (32 - p), 0);
          if (out === undefined) {
            // Only when the subnets do not fit even in the best case could the planner refuse them: aligned
            // largest-first packing of power-of-two blocks is perfect, so refusal means they exceed the block.
            expect(total).toBeGreaterThan(2 ** (32 - prefix));
            return;
          }
          expect(out.map((o) => o.prefix)).toEqual(prefixes);
          for (const s of out) expect(contains(block, s)).toBe(true);
          for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(overlaps(out[i] as Cidr, out[j] as Cidr)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("bitsFor gives the bits needed to number n items", () => {
    expect([1, 2, 3, 4, 5, 6].map(bitsFor)).toEqual([0, 1, 2, 2, 3, 3]);
  });
});
