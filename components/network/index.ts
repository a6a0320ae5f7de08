export * from "./aws-network";
export * from "./gcp-network";
export * from "./azure-network";
