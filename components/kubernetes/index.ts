export * from "./kubernetes-app";
export * from "./node-pools";
export * from "./gke-cluster";
export * from "./eks-cluster";
export * from "./aks-cluster";
export * from "./kubernetes-cluster";
export * from "./eks-pod-identity";
export * from "./gke-workload-identity";
