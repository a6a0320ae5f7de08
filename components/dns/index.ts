export * from "./budget";
export * from "./global-dns-failover";
export * from "./cloud-dns-routing";
export * from "./traffic-manager-routing";
export { AddressKind, EndpointCloud, EndpointRole, ProbeIntervalSeconds, ProbeProtocol, type ProbeRequest } from "./internal/endpoints";
