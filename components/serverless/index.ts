export * from "./aws-function";
export * from "./cloud-run-service";
