/**
 * Meridian's Azure components (no stack runs them yet) against the whole pack under the prod config: no
 * violation, and each finding the component makes on purpose acknowledged on the resource, with its reason.
 * (Tagging and Pulumi `protect` come from the stack, which registers its tags and sets protection: left out here.)
 */
import * as fs from "fs";
import * as path from "path";
import { AzureFunctionApp } from "../../../components/serverless";
import { AzureNetwork } from "../../../components/network";
import { evaluatePolicies, type PolicyAcknowledgement, type PolicyPackConfigFile } from "../../../policies/pack";
import { runProgram } from "../../helpers/offline";

const prod = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../policies/config/prod.json"), "utf8")) as PolicyPackConfigFile;
const FROM_THE_STACK = ["meridian-tagging-required", "meridian-resilience-data-protection"];

async function judge(program: () => void) {
  const result = await runProgram(() => {
    program();
    return {};
  });
  const resources = result.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, protect: r.protect }));
  const acknowledged: PolicyAcknowledgement[] = [];
  const violations = await evaluatePolicies(resources, { environment: "prod", config: prod, onAcknowledged: (a) => acknowledged.push(a) });
  return { violations: violations.filter((v) => !FROM_THE_STACK.includes(v.policyName)), acknowledged };
}

describe("Meridian's Azure components under the prod policy config", () => {
  it("AzureFunctionApp: no violation; its public entry point and its runtime storage acknowledged, with reasons", async () => {
    const { violations, acknowledged } = await judge(() => new AzureFunctionApp("fn", { resourceGroupName: "rg", location: "eastus", runtime: "node", runtimeVersion: "22" }));
    expect(violations).toEqual([]);
    expect(acknowledged.map((a) => [a.urn.split("::").pop(), a.policyName]).sort()).toEqual([
      ["fn-app", "meridian-exposure-public-endpoints"],
      ["fn-storage", "meridian-exposure-public-endpoints"],
      ["fn-storage", "meridian-resilience-high-availability"],
    ]);
    for (const a of acknowledged) expect(a.reason.length).toBeGreaterThan(40);
  });

  it("AzureNetwork: no violation and nothing acknowledged", async () => {
    expect(await judge(() => new AzureNetwork("net", { location: "eastus" }))).toEqual({ violations: [], acknowledged: [] });
  });
});
