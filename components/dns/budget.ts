/**
 * Failover budgets: how long, at worst, clients keep being sent to a failed endpoint — the time the health
 * checks take to declare it unhealthy, plus the time resolvers may keep serving the old answer (the TTL).
 * Each cloud's health checking works differently, so each has its own formula. Pure functions; the DNS
 * components export their result so a stack can compare it with its RTO target.
 */

export interface FailoverBudget {
  /** Seconds from the endpoint failing to the DNS answer changing. */
  readonly detectionSeconds: number;
  /** Seconds a resolver may keep the previous answer. */
  readonly ttlSeconds: number;
  /** detectionSeconds + ttlSeconds. */
  readonly totalSeconds: number;
}

function budget(detectionSeconds: number, ttlSeconds: number): FailoverBudget {
  return { detectionSeconds, ttlSeconds, totalSeconds: detectionSeconds + ttlSeconds };
}

/**
 * Route 53: each health checker declares the endpoint unhealthy after `failureThreshold` consecutive failed
 * checks, one every `requestIntervalSeconds` (10 or 30); Route 53 then stops answering with its record.
 * detection = interval × threshold.
 * Source: Amazon Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is healthy"
 * (checked 2026-11-22). The 18 % aggregation across checkers and the per-check timeouts (4 s connect, 2 s
 * response) are inside the interval and not added.
 */
export function route53FailoverBudget(s: { requestIntervalSeconds: number; failureThreshold: number; ttlSeconds: number }): FailoverBudget {
  return budget(s.requestIntervalSeconds * s.failureThreshold, s.ttlSeconds);
}

/**
 * Cloud DNS routing policies with health-checked external endpoints use a global health check probing from
 * three source regions; an endpoint is unhealthy after `unhealthyThreshold` consecutive failures, one every
 * `checkIntervalSeconds` (at least 30 with source regions). detection = interval × threshold.
 * Source: Cloud DNS docs, "Health checks for routing policies", and the `sourceRegions` constraints documented
 * on google_compute_health_check (@pulumi/gcp 9.37 compute/healthCheck.d.ts) (checked 2026-11-22).
 */
export function cloudDnsFailoverBudget(s: { checkIntervalSeconds: number; unhealthyThreshold: number; ttlSeconds: number }): FailoverBudget {
  return budget(s.checkIntervalSeconds * s.unhealthyThreshold, s.ttlSeconds);
}

/**
 * Azure Traffic Manager: a probe every `intervalSeconds` (10 or 30) may take up to `timeoutSeconds`; the
 * endpoint is Degraded at the first failure after `toleratedFailures` consecutive ones.
 * detection = interval × (toleratedFailures + 1) + timeout.
 * Source: Azure Traffic Manager docs, "Traffic Manager endpoint monitoring" (checked 2026-11-22).
 */
export function trafficManagerFailoverBudget(s: { intervalSeconds: number; toleratedFailures: number; timeoutSeconds: number; ttlSeconds: number }): FailoverBudget {
  return budget(s.intervalSeconds * (s.toleratedFailures + 1) + s.timeoutSeconds, s.ttlSeconds);
}
