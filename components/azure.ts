/** `meridian/azure`: the core and the Azure components only. (Cross-cloud components are in `meridian`.) */
export * from "./core";
export * from "./network/azure-network";
export * from "./serverless/azure-function-app";
export * from "./serverless/azure-container-app";
export * from "./database/azure-postgres";
export * from "./kubernetes/aks-cluster";
export * from "./kubernetes/kubernetes-app";
export * from "./kubernetes/node-pools";
export * from "./dns/budget";
export * from "./dns/traffic-manager-routing";
export * from "./ingress/azure-front-door";
