/** `meridian/azure`: the core and the Azure components only. (Cross-cloud components are in `meridian`.) */
export * from "./core";
export { AZURE_SUBNET_ROLES, type AzureAddressPlan, AzureNetwork, type AzureNetworkArgs, type AzureNetworkRef, type AzureSubnetIdInputs, type AzureSubnetIds, type AzureSubnetRole, validateAzureNetworkArgs } from "./network/azure-network";
export { AzureFunctionApp, type AzureFunctionAppArgs, FLEX_INSTANCE_MEMORY_MB, FUNCTION_RUNTIMES, FunctionPlan, FunctionRuntime, validateAzureFunctionAppArgs } from "./serverless/azure-function-app";
export { AzureContainerApp, type AzureContainerAppArgs, CONTAINER_APP_LIMITS, validateAzureContainerAppArgs } from "./serverless/azure-container-app";
export { AZURE_POSTGRES_STORAGE_GB, AZURE_POSTGRES_VERSIONS, AzureHighAvailability, AzurePostgres, type AzurePostgresArgs, AzurePostgresTier, validateAzurePostgresArgs } from "./database/azure-postgres";
export { AKS_VERSIONS, AKS_VM_FAMILIES, AksCluster, type AksClusterArgs, type AksNetworkRef, AksTier, AZURE_LOCATIONS_WITHOUT_ZONES, validateAksClusterArgs } from "./kubernetes/aks-cluster";
export { type EgressRule, IDENTITY_ENDPOINTS, KubernetesApp, type KubernetesAppArgs, type ResourceQuantities, validateKubernetesAppArgs, type WorkloadIdentity } from "./kubernetes/kubernetes-app";
export { KUBERNETES_VERSIONS, KubernetesVersion, type KubernetesVersionSupport, type NodePoolSpec, type Taint, TaintEffect } from "./kubernetes/node-pools";
export { cloudDnsFailoverBudget, type FailoverBudget, route53FailoverBudget, trafficManagerFailoverBudget } from "./dns/budget";
export { TIMEOUT_RANGE, type TrafficManagerEndpoint, type TrafficManagerMonitorSettings, TrafficManagerRouting, type TrafficManagerRoutingArgs, TrafficRoutingMethod, validateTrafficManagerRoutingArgs } from "./dns/traffic-manager-routing";
export { AzureFrontDoor, type AzureFrontDoorArgs, type AzureFrontDoorRoute, type AzureOriginTarget, FRONT_DOOR_MAX_DOMAINS, type FrontDoorDnsRecord, FrontDoorMinTlsVersion, FrontDoorSku, validateAzureFrontDoorArgs } from "./ingress/azure-front-door";
