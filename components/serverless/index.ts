export * from "./aws-function";
export * from "./cloud-run-service";
export * from "./azure-function-app";
export * from "./azure-container-app";
export * from "./serverless-service";
