/**
 * `meridian/aws`: the core and the AWS components only, for programs that should not load the GCP and Azure
 * SDK modules. (Cross-cloud components — CrossCloudVpn, DmsReplication — are in `meridian`.)
 */
export * from "./core";
export * from "./network/aws-network";
export * from "./serverless/aws-function";
export * from "./database/rds-postgres";
export * from "./kubernetes/eks-cluster";
export * from "./kubernetes/kubernetes-app";
export * from "./kubernetes/eks-pod-identity";
export * from "./database/connection";
export * from "./kubernetes/node-pools";
export * from "./dns/budget";
export * from "./dns/global-dns-failover";
export * from "./ingress/aws-load-balancer";
