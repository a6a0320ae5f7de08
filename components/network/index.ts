export * from "./aws-network";
export * from "./gcp-network";
