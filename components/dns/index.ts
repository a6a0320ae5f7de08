export * from "./budget";
export * from "./global-dns-failover";
