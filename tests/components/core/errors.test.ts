import * as pulumi from "@pulumi/pulumi";
import { describeValue, MeridianValidationError, validator } from "../../../components/core/shared";

describe("MeridianValidationError", () => {
  it("names the component, the instance, the field, the value and what is allowed", () => {
    const err = new MeridianValidationError({ component: "meridian:database:RdsPostgres", name: "orders", field: "backupRetentionDays", value: 40, allowed: "an integer from 1 to 35" });
    expect(err.message).toBe("meridian:database:RdsPostgres 'orders': backupRetentionDays must be an integer from 1 to 35; got 40.");
    expect(err).toMatchObject({ name: "MeridianValidationError", component: "meridian:database:RdsPostgres", componentName: "orders", field: "backupRetentionDays", value: 40 });
  });
});

describe("describeValue", () => {
  it("quotes strings, cuts long values and never unwraps an Output", () => {
    expect(describeValue("x")).toBe('"x"');
    expect(describeValue("y".repeat(200))).toHaveLength(122);
    expect(describeValue(pulumi.secret("hunter2"))).toBe("<pulumi.Output>");
    expect(describeValue({ a: [1] })).toBe('{"a":[1]}');
  });
});

describe("validator", () => {
  const check = validator("meridian:test:Thing", "t");

  it("checks choices, integer ranges and patterns, passing undefined (a default applies)", () => {
    expect(() => check.oneOf("mode", "b" as string, ["a", "c"])).toThrow(`meridian:test:Thing 't': mode must be one of "a", "c"; got "b".`);
    expect(() => check.intRange("count", 2.5, 1, 3)).toThrow("count must be an integer from 1 to 3; got 2.5.");
    expect(() => check.pattern("name", "A!", /^[a-z]+$/, "lower-case letters")).toThrow('name must be lower-case letters; got "A!".');
    expect(() => check.oneOf("mode", undefined, ["a"])).not.toThrow();
    expect(() => check.intRange("count", 3, 1, 3)).not.toThrow();
  });
});
