import { evaluatePolicies } from "../../../policies/evaluate";
import { budget } from "../../../policies/rules/cost/budget";
import { drBudget } from "../../../policies/rules/resilience/dr-budget";

const component = (type: string, props: Record<string, unknown>) => ({ type, name: "c", urn: `urn:pulumi:s::p::${type}::c`, props, kind: "component" as const });

describe("meridian-resilience-dr-budget", () => {
  const stack = [component("meridian:dns:GlobalDnsFailover", { failoverBudget: { detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 } }), component("meridian:database:DmsReplication", { rpoGuardSeconds: 10 })];
  it("passes when the budgets fit the targets, fails naming each that does not", async () => {
    expect(await evaluatePolicies([drBudget], stack)).toEqual([]);
    const tight = await evaluatePolicies([drBudget], stack, { config: { "meridian-resilience-dr-budget": { rtoTargetSeconds: 60, rpoTargetSeconds: 5 } } });
    expect(tight.map((v) => v.message)).toEqual(["DNS failover takes up to 90 s, over the RTO target of 60 s", "replication pages at 10 s of lag, over the RPO target of 5 s"]);
    expect(tight[0]?.enforcementLevel).toBe("mandatory");
  });
});

describe("meridian-cost-budget", () => {
  const rds = { type: "aws:rds/instance:Instance", name: "db", urn: "urn:pulumi:s::p::aws:rds/instance:Instance::db", props: { instanceClass: "db.m7g.large", multiAz: true, allocatedStorage: 100 } };
  it("passes without a budget or under it, fails over it naming the largest items", async () => {
    expect(await evaluatePolicies([budget], [rds])).toEqual([]);
    expect(await evaluatePolicies([budget], [rds], { config: { "meridian-cost-budget": { monthlyBudgetUsd: 1000 } } })).toEqual([]);
    const over = await evaluatePolicies([budget], [rds], { config: { "meridian-cost-budget": { monthlyBudgetUsd: 100 } } });
    expect(over.map((v) => v.message)).toEqual(["estimated $268.28/month is over the budget of $100 (largest: db $268.28)"]);
  });
});
