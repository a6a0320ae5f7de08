/** `meridian/gcp`: the core and the GCP components only. (Cross-cloud components are in `meridian`.) */
export * from "./core";
export * from "./network/gcp-network";
export * from "./serverless/cloud-run-service";
export * from "./database/cloud-sql-postgres";
export * from "./kubernetes/gke-cluster";
export * from "./kubernetes/kubernetes-app";
export * from "./kubernetes/gke-workload-identity";
export * from "./database/connection";
export * from "./kubernetes/node-pools";
export * from "./dns/budget";
export * from "./dns/cloud-dns-routing";
export * from "./ingress/gcp-load-balancer";
