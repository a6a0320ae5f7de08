/** The dns domain's public API: named, so that a helper the components share stays internal. */
export { AddressKind, EndpointCloud, EndpointRole, ProbeIntervalSeconds, ProbeProtocol, type ProbeRequest } from "./internal/endpoints";
export { cloudDnsFailoverBudget, type FailoverBudget, route53FailoverBudget, trafficManagerFailoverBudget } from "./budget";
export { CONTINENTS, type DnsEndpoint, GlobalDnsFailover, type GlobalDnsFailoverArgs, ROUTE53_CHECKER_REGIONS, type Route53HealthCheckSettings, RoutingMode, validateGlobalDnsFailoverArgs } from "./global-dns-failover";
export { type CloudDnsEndpoint, type CloudDnsHealthCheckSettings, CloudDnsRouting, type CloudDnsRoutingArgs, CloudDnsRoutingPolicy, validateCloudDnsRoutingArgs } from "./cloud-dns-routing";
export { TIMEOUT_RANGE, type TrafficManagerEndpoint, type TrafficManagerMonitorSettings, TrafficManagerRouting, type TrafficManagerRoutingArgs, TrafficRoutingMethod, validateTrafficManagerRoutingArgs } from "./traffic-manager-routing";
export { NEAREST_AWS_REGION, nearestAwsRegion } from "./latency-regions";
