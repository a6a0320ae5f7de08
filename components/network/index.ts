export * from "./aws-network";
