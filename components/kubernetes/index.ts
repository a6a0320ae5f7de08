/** The kubernetes domain's public API: named, so that a helper the components share stays internal. */
export { type EgressRule, IDENTITY_ENDPOINTS, KubernetesApp, type KubernetesAppArgs, QUANTITY_BOUNDS, type ResourceQuantities, validateKubernetesAppArgs, type WorkloadIdentity } from "./kubernetes-app";
export { KUBERNETES_VERSIONS, KubernetesVersion, type KubernetesVersionSupport, type NodePoolSpec, type Taint, TaintEffect } from "./node-pools";
export { GCE_MACHINE_TYPES, GKE_NODE_ROLES, GKE_VERSIONS, GkeApiEndpoint, GkeCluster, type GkeClusterArgs, GkeMode, GkeReleaseChannel, validateGkeClusterArgs } from "./gke-cluster";
export { EKS_ADDONS, EKS_LOG_TYPES, EKS_VERSIONS, EksCluster, type EksClusterArgs, EksSupportType, validateEksClusterArgs, VPC_CNI_CONFIGURATION } from "./eks-cluster";
export { AKS_VERSIONS, AKS_VM_FAMILIES, AksCluster, type AksClusterArgs, type AksNetworkRef, AksTier, AZURE_LOCATIONS_WITHOUT_ZONES, validateAksClusterArgs } from "./aks-cluster";
export { KubernetesCluster, type KubernetesClusterArgs, NODE_SIZES, NodeSize, type PoolSpec } from "./kubernetes-cluster";
export { EKS_POD_IDENTITY_PRINCIPAL, EksPodIdentity, type EksPodIdentityArgs, validateEksPodIdentityArgs } from "./eks-pod-identity";
export { GkeWorkloadIdentity, type GkeWorkloadIdentityArgs, validateGkeWorkloadIdentityArgs } from "./gke-workload-identity";
