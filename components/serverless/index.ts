export * from "./aws-function";
