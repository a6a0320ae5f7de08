export * from "./aws-network";
export * from "./gcp-network";
export * from "./azure-network";
export * from "./cross-cloud-vpn";
export * from "./network-for-cloud";
