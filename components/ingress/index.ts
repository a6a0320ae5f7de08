export * from "./aws-load-balancer";
export * from "./gcp-load-balancer";
export * from "./azure-front-door";
export { NODE_PORT_RANGE } from "./internal/routes";
