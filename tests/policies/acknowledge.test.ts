/**
 * Acknowledged findings: the tag format (components/core/acknowledgements.ts) on every cloud, and the pack's
 * handling offline (policies/acknowledge.ts through a real rule): acknowledged findings are reported, not violations;
 * expired or unreadable acknowledgements leave the findings violations, saying why.
 */
import { acknowledgementTags, MeridianValidationError, parseAcknowledgementValue, toAwsTags, toAzureTags, toGcpLabels } from "../../components/core";
import { evaluatePolicies, policyConfigProblems, type PolicyAcknowledgement, type PolicyPackConfigFile } from "../../policies/pack";

const VOLUME = "aws:ebs/volume:Volume";
const urn = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;

async function judge(props: Record<string, unknown>, options: { today?: string; config?: PolicyPackConfigFile; type?: string; name?: string } = {}) {
  const acknowledged: PolicyAcknowledgement[] = [];
  const type = options.type ?? VOLUME;
  const violations = await evaluatePolicies([{ type, name: options.name ?? "data", urn: urn(type, options.name ?? "data"), props }], {
    today: options.today ?? "2026-11-30",
    config: { all: "mandatory", ...options.config },
    onAcknowledged: (a) => acknowledged.push(a),
  });
  return { violations: violations.filter((v) => v.policyName === "meridian-encryption-at-rest"), acknowledged };
}

describe("acknowledgementTags", () => {
  it("writes one tag per rule: the reason, after the expiry when there is one", () => {
    expect(
      acknowledgementTags([
        { rule: "meridian-encryption-at-rest", reason: "scratch volume, holds no data", expires: "2027-03-01" },
        { rule: "meridian-exposure-public-endpoints", reason: "target reachable only by public IP" },
      ]),
    ).toEqual({
      "meridian-ack-encryption-at-rest": "expires 2027-03-01: scratch volume, holds no data",
      "meridian-ack-exposure-public-endpoints": "target reachable only by public IP",
    });
  });

  it.each([
    [{ rule: "encryption-at-rest", reason: "a good reason" }, "acknowledge[0].rule"],
    [{ rule: "meridian-encryption-at-rest", reason: "short" }, "acknowledge[0].reason"],
    [{ rule: "meridian-encryption-at-rest", reason: "a line\nbreak inside" }, "acknowledge[0].reason"],
    [{ rule: "meridian-encryption-at-rest", reason: "x".repeat(201) }, "acknowledge[0].reason"],
    [{ rule: "meridian-encryption-at-rest", reason: "a good reason", expires: "2027-02-30" }, "acknowledge[0].expires"],
    [{ rule: "meridian-encryption-at-rest", reason: "a good reason", expires: "1 March 2027" }, "acknowledge[0].expires"],
  ])("refuses %j, naming %s", (ack, field) => {
    let err: unknown;
    try {
      acknowledgementTags([ack]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MeridianValidationError);
    expect((err as MeridianValidationError).field).toBe(field);
  });

  it("refuses a rule acknowledged twice on one resource", () => {
    expect(() => acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: "first reason" }, { rule: "meridian-encryption-at-rest", reason: "second reason" }])).toThrow(/once per resource/);
  });

  it("reads back on every cloud, the expiry surviving GCP's 63-character values", () => {
    const tags = acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: "scratch volume, rebuilt nightly from the image; never holds customer data", expires: "2027-03-01" }]);
    const key = "meridian-ack-encryption-at-rest";
    const aws = toAwsTags(tags)[key];
    const azure = toAzureTags(tags)[key];
    const gcp = toGcpLabels(tags)[key];
    expect(aws).toBe("expires 2027-03-01: scratch volume_ rebuilt nightly from the image_ never holds customer data");
    expect(azure).toBe("expires 2027-03-01: scratch volume, rebuilt nightly from the image; never holds customer data");
    expect(gcp).toMatch(/^expires_2027-03-01__scratch_volume__rebuilt/);
    expect(gcp!.length).toBe(63);
    for (const value of [aws, azure, gcp]) expect(parseAcknowledgementValue(value)).toMatchObject({ expires: "2027-03-01", reason: expect.stringMatching(/^scratch.volume/) });
  });

  it.each([
    ["", /no reason/],
    ["expires 2027-13-01: a reason given", /not a date/],
    ["expires soon", /does not read/],
    ["--", /no reason/],
  ])("says what is wrong with the value %j", (value, problem) => {
    expect(parseAcknowledgementValue(value)).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe("acknowledged findings in the pack", () => {
  const tag = (value: string) => ({ encrypted: false, tags: { "meridian-ack-encryption-at-rest": value } });

  it("are violations without an acknowledgement", async () => {
    const { violations, acknowledged } = await judge({ encrypted: false, tags: {} });
    expect(violations.map((v) => v.message)).toEqual(["encrypted is not true"]);
    expect(acknowledged).toEqual([]);
  });

  it("are reported as acknowledged, with reason, source and findings, when the resource's tag acknowledges them", async () => {
    const { violations, acknowledged } = await judge(tag("expires 2027-03-01: scratch volume, rebuilt nightly"));
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([
      { policyName: "meridian-encryption-at-rest", urn: urn(VOLUME, "data"), source: "tag", where: "meridian-ack-encryption-at-rest", reason: "scratch volume, rebuilt nightly", expires: "2027-03-01", findings: ["encrypted is not true"] },
    ]);
  });

  it("are violations again from the expiry day on, saying the acknowledgement expired", async () => {
    const value = "expires 2027-03-01: scratch volume, rebuilt nightly";
    expect((await judge(tag(value), { today: "2027-02-28" })).violations).toEqual([]);
    const { violations, acknowledged } = await judge(tag(value), { today: "2027-03-01" });
    expect(acknowledged).toEqual([]);
    expect(violations.map((v) => v.message)).toEqual(["encrypted is not true (not acknowledged: its acknowledgement expired on 2027-03-01; reason given: scratch volume, rebuilt nightly)"]);
    expect(violations[0]!.enforcementLevel).toBe("mandatory");
  });

  it("are violations when the tag cannot be read", async () => {
    const { violations } = await judge(tag("expires 2027-02-30: scratch volume"));
    expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(/not acknowledged: its tag meridian-ack-encryption-at-rest cannot be read: "2027-02-30" is not a date/)]);
  });

  it("acknowledge only the rule they name", async () => {
    const props = { encrypted: false, tags: { "meridian-ack-exposure-public-endpoints": "not the rule that fires here" } };
    expect((await judge(props)).violations).toHaveLength(1);
  });

  it("are acknowledged by the rule's policy config, by URN pattern, until its expiry", async () => {
    const config = (expires?: string) => ({ "meridian-encryption-at-rest": { acknowledgements: [{ urn: "urn:pulumi:prod::shop::aws:ebs/*::data", reason: "scratch volume, rebuilt nightly", ...(expires ? { expires } : {}) }] } });
    const ok = await judge({ encrypted: false }, { config: config() });
    expect(ok.violations).toEqual([]);
    expect(ok.acknowledged).toEqual([expect.objectContaining({ source: "config", where: "urn:pulumi:prod::shop::aws:ebs/*::data", findings: ["encrypted is not true"] })]);
    expect((await judge({ encrypted: false }, { config: config(), name: "other" })).violations).toHaveLength(1);
    expect((await judge({ encrypted: false }, { config: config("2026-11-30") })).violations.map((v) => v.message)).toEqual([expect.stringMatching(/expired on 2026-11-30/)]);
  });

  it("read GCP labels where the type keeps them", async () => {
    const type = "gcp:container/cluster:Cluster";
    const labels = toGcpLabels(acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: "sandbox cluster, no secrets stored", expires: "2027-01-15" }]));
    const { violations, acknowledged } = await judge({ resourceLabels: labels, databaseEncryption: { state: "DECRYPTED" } }, { type });
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([expect.objectContaining({ source: "tag", expires: "2027-01-15", reason: "sandbox_cluster__no_secrets_stored" })]);
  });

  it("are declared in a config the schema checks, as the Pulumi CLI would", () => {
    expect(policyConfigProblems({ "meridian-encryption-at-rest": { acknowledgements: [{ urn: "urn:*", reason: "why not", expires: "soon" }] } })).toEqual([
      "meridian-encryption-at-rest.acknowledgements.0.reason: must NOT have fewer than 8 characters",
      'meridian-encryption-at-rest.acknowledgements.0.expires: must match pattern "^\\d{4}-\\d{2}-\\d{2}$"',
    ]);
  });
});

describe("findings before a value unknown at preview", () => {
  it("are still reported (or acknowledged) when the check then reads an unknown value", async () => {
    const { UNKNOWN } = await import("../../cli/offline/decode");
    const type = "azure-native:containerservice:ManagedCluster";
    // No disk encryption set (a finding), then pools the check cannot read yet.
    const props = { agentPoolProfiles: UNKNOWN, tags: {} };
    const violations = await evaluatePolicies([{ type, name: "aks", urn: urn(type, "aks"), props }], { config: { all: "mandatory" }, today: "2026-11-30" });
    const atRest = violations.filter((v) => v.policyName === "meridian-encryption-at-rest");
    expect(atRest.map((v) => v.enforcementLevel)).toEqual(expect.arrayContaining(["mandatory", "advisory"]));
    expect(atRest.find((v) => v.enforcementLevel === "mandatory")!.message).toMatch(/diskEncryptionSetID/);
    expect(atRest.find((v) => v.enforcementLevel === "advisory")!.message).toMatch(/^can't run policy 'meridian-encryption-at-rest'/);
  });
});

describe("URN patterns for a component's resources", () => {
  it("match a child, whose URN joins its parent's type with $, when the type starts with *", async () => {
    const type = "aws:ebs/volume:Volume";
    const childUrn = `urn:pulumi:prod::shop::meridian:database:Scratch$${type}::data`;
    const judgeWith = async (pattern: string) =>
      (await evaluatePolicies([{ type, name: "data", urn: childUrn, props: { encrypted: false } }], { today: "2026-11-30", config: { all: "mandatory", "meridian-encryption-at-rest": { acknowledgements: [{ urn: pattern, reason: "scratch volume, rebuilt nightly" }] } } })).filter((v) => v.policyName === "meridian-encryption-at-rest");
    expect(await judgeWith("urn:pulumi:prod::*aws:ebs/volume:Volume::data")).toEqual([]);
    expect(await judgeWith("urn:pulumi:prod::*::aws:ebs/volume:Volume::data")).toHaveLength(1);
  });
});
