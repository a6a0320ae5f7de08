import { cloudDnsFailoverBudget, route53FailoverBudget, trafficManagerFailoverBudget } from "../../../components/dns";

describe("failover budgets", () => {
  it("Route 53: interval × threshold + TTL", () => {
    expect(route53FailoverBudget({ requestIntervalSeconds: 10, failureThreshold: 3, ttlSeconds: 60 })).toEqual({ detectionSeconds: 30, ttlSeconds: 60, totalSeconds: 90 });
    expect(route53FailoverBudget({ requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60 })).toEqual({ detectionSeconds: 90, ttlSeconds: 60, totalSeconds: 150 });
    expect(route53FailoverBudget({ requestIntervalSeconds: 10, failureThreshold: 1, ttlSeconds: 10 }).totalSeconds).toBe(20);
  });

  it("Cloud DNS: interval × unhealthy threshold + TTL", () => {
    expect(cloudDnsFailoverBudget({ checkIntervalSeconds: 30, unhealthyThreshold: 2, ttlSeconds: 60 })).toEqual({ detectionSeconds: 60, ttlSeconds: 60, totalSeconds: 120 });
  });

  it("Traffic Manager: interval × (tolerated failures + 1) + timeout + TTL", () => {
    expect(trafficManagerFailoverBudget({ intervalSeconds: 10, toleratedFailures: 2, timeoutSeconds: 5, ttlSeconds: 60 })).toEqual({ detectionSeconds: 35, ttlSeconds: 60, totalSeconds: 95 });
    expect(trafficManagerFailoverBudget({ intervalSeconds: 30, toleratedFailures: 3, timeoutSeconds: 10, ttlSeconds: 300 })).toEqual({ detectionSeconds: 130, ttlSeconds: 300, totalSeconds: 430 });
  });
});
