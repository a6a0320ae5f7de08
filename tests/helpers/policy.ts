/** Runs one rule over one resource, as the engine would, and returns the messages it reported. */
import type { Policies } from "@pulumi/policy";
import { evaluatePolicies, type PolicyPackConfigFile } from "../../policies/evaluate";

export async function messages(
  rule: Policies[number],
  type: string,
  props: Record<string, unknown>,
  options: { config?: Record<string, unknown>; protect?: boolean } = {},
): Promise<string[]> {
  const config: PolicyPackConfigFile = options.config ? { [rule.name]: options.config as PolicyPackConfigFile[string] } : {};
  const violations = await evaluatePolicies([rule], [{ type, name: "r", urn: `urn:pulumi:s::p::${type}::r`, props, protect: options.protect }], { config });
  return violations.map((v) => v.message);
}
