import fc from "fast-check";
import {
  MeridianValidationError,
  standardTags,
  TAG_LIMITS,
  toAwsTagKey,
  toAwsTags,
  toAzureTagName,
  toAzureTags,
  toGcpLabelKey,
  toGcpLabels,
  toGcpLabelValue,
} from "../../../components/core";

const base = { environment: "prod", project: "shop", owner: "platform-team", costCenter: "CC 42" } as const;

const GCP_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_VALUE = /^[a-z0-9_-]{0,63}$/;
const AWS_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Any string map with at most `max` entries, keys and values from the whole of Unicode. */
const anyTags = (max: number) => fc.dictionary(fc.string({ unit: "grapheme", maxLength: 600 }), fc.string({ unit: "grapheme", maxLength: 600 }), { maxKeys: max });

describe("standardTags", () => {
  it("sets the five standard tags", () => {
    expect(standardTags(base)).toEqual({
      environment: "prod",
      project: "shop",
      owner: "platform-team",
      "cost-center": "CC 42",
      "managed-by": "meridian",
    });
  });

  it("merges the standard tags under the caller's: a caller's key wins, other keys are kept", () => {
    const tags = standardTags(base, { owner: "db-team", team: "payments" });
    expect(tags.owner).toBe("db-team");
    expect(tags.team).toBe("payments");
    expect(tags["managed-by"]).toBe("meridian");
  });
});

describe("toGcpLabels", () => {
  it("lower-cases and replaces characters GCP does not allow", () => {
    expect(toGcpLabels({ "Cost Center": "CC 42", owner: "team@example.com" })).toEqual({ cost_center: "cc_42", owner: "team_example_com" });
  });

  it("prefixes keys that do not start with a letter", () => {
    expect(toGcpLabelKey("1st")).toBe("k_1st");
    expect(toGcpLabelKey("")).toBe("k_");
  });

  it("cuts keys and values to 63 characters", () => {
    expect(toGcpLabelKey("a".repeat(100))).toHaveLength(63);
    expect(toGcpLabelValue("b".repeat(100))).toHaveLength(63);
  });

  it("fails when two keys become the same label, naming both", () => {
    expect(() => toGcpLabels({ "Cost Center": "a", cost_center: "b" })).toThrow(
      'meridian:core:tags: tags must be keys that stay distinct in GCP label form (both become "cost_center"); got ["Cost Center","cost_center"].',
    );
  });

  it("fails with more than 64 labels", () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"]));
    expect(() => toGcpLabels(many)).toThrow('tags must be at most 64 labels on one GCP resource; got "65 tags".');
  });

  it("turns any input into valid labels, or fails only on a real collision (property)", () => {
    fc.assert(
      fc.property(anyTags(TAG_LIMITS.gcp.maxTags), (tags) => {
        let labels: Record<string, string>;
        try {
          labels = toGcpLabels(tags);
        } catch (err) {
          expect(err).toBeInstanceOf(MeridianValidationError);
          const keys = Object.keys(tags).map(toGcpLabelKey);
          expect(new Set(keys).size).toBeLessThan(keys.length);
          return;
        }
        expect(Object.keys(labels)).toHaveLength(Object.keys(tags).length);
        for (const [k, v] of Object.entries(labels)) {
          expect(k).toMatch(GCP_KEY);
          expect(v).toMatch(GCP_VALUE);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("toAzureTags", () => {
  it("replaces < > % & \\ ? / in names and keeps values", () => {
    expect(toAzureTags({ "a/b?c": "x<y" })).toEqual({ a_b_c: "x<y" });
  });

  it("fails on names that differ only in case (Azure tag names are case-insensitive)", () => {
    expect(() => toAzureTags({ Owner: "a", owner: "b" })).toThrow(/keys that stay distinct in Azure tag form/);
  });

  it("turns any input into valid tags, or fails only on a real collision (property)", () => {
    fc.assert(
      fc.property(anyTags(TAG_LIMITS.azure.maxTags), (tags) => {
        let out: Record<string, string>;
        try {
          out = toAzureTags(tags);
        } catch (err) {
          expect(err).toBeInstanceOf(MeridianValidationError);
          const names = Object.keys(tags).map((k) => toAzureTagName(k).toLowerCase());
          expect(new Set(names).size).toBeLessThan(names.length);
          return;
        }
        expect(Object.keys(out)).toHaveLength(Object.keys(tags).length);
        for (const [k, v] of Object.entries(out)) {
          expect(k).not.toMatch(/[<>%&\\?/]/);
          expect(k.length).toBeGreaterThan(0);
          expect(k.length).toBeLessThanOrEqual(512);
          expect(v.length).toBeLessThanOrEqual(256);
        }
        const folded = Object.keys(out).map((k) => k.toLowerCase());
        expect(new Set(folded).size).toBe(folded.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("toAwsTags", () => {
  it("rejects the reserved aws: prefix, naming the key", () => {
    expect(() => toAwsTags({ "aws:cloudformation:stack": "x" })).toThrow(
      `meridian:core:tags: tags.aws:cloudformation:stack must be a key that does not start with the reserved prefix 'aws:'; got "aws:cloudformation:stack".`,
    );
  });

  it("fails with more than 50 tags", () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(() => toAwsTags(many)).toThrow(/at most 50 tags on one AWS resource/);
  });

  it("keeps allowed characters and replaces the rest", () => {
    expect(toAwsTags({ "team:name": "a+b=c @x", "bad#key": "v!" })).toEqual({ "team:name": "a+b=c @x", bad_key: "v_" });
  });

  it("turns any input without the reserved prefix into valid tags (property)", () => {
    fc.assert(
      fc.property(anyTags(TAG_LIMITS.aws.maxTags), (tags) => {
        if (Object.keys(tags).some((k) => /^aws:/i.test(k))) return;
        let out: Record<string, string>;
        try {
          out = toAwsTags(tags);
        } catch (err) {
          expect(err).toBeInstanceOf(MeridianValidationError);
          const keys = Object.keys(tags).map(toAwsTagKey);
          expect(new Set(keys).size).toBeLessThan(keys.length);
          return;
        }
        for (const [k, v] of Object.entries(out)) {
          expect(k).toMatch(AWS_CHARS);
          expect(v).toMatch(AWS_CHARS);
          expect(k.length).toBeGreaterThan(0);
          expect(k.length).toBeLessThanOrEqual(128);
          expect(v.length).toBeLessThanOrEqual(256);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("keys that are names of Object.prototype members", () => {
  it("treats __proto__ and constructor as ordinary keys in every cloud's form", () => {
    const tags = JSON.parse('{"__proto__":"a","constructor":"b"}') as Record<string, string>;
    for (const out of [toAwsTags(tags), toAzureTags(tags)]) {
      expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(out.constructor).toBe("b");
    }
    expect(Object.keys(toGcpLabels(tags))).toEqual(["k___proto__", "constructor"]);
  });
});
