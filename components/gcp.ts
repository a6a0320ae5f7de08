/** `meridian/gcp`: the core and the GCP components only. (Cross-cloud components are in `meridian`.) */
export * from "./core";
export { type GcpAddressPlan, type GcpAuthorizedNetwork, GcpNetwork, type GcpNetworkArgs, type GcpNetworkRef, GcpRoutingMode, type GcpSubnetRef, NatLogFilter, validateGcpNetworkArgs } from "./network/gcp-network";
export { CLOUD_RUN_LIMITS, CloudRunCpu, CloudRunIngress, CloudRunService, type CloudRunServiceArgs, type SecretEnvironmentRef, validateCloudRunServiceArgs } from "./serverless/cloud-run-service";
export { CLOUD_SQL_POSTGRES_VERSIONS, CloudSqlAvailability, CloudSqlEdition, CloudSqlPostgres, type CloudSqlPostgresArgs, CloudSqlSslMode, isValidTier, type MaintenanceWindow, validateCloudSqlPostgresArgs, Weekday } from "./database/cloud-sql-postgres";
export { GCE_MACHINE_TYPES, GKE_NODE_ROLES, GKE_VERSIONS, GkeApiEndpoint, GkeCluster, type GkeClusterArgs, GkeMode, GkeReleaseChannel, validateGkeClusterArgs } from "./kubernetes/gke-cluster";
export { type EgressRule, IDENTITY_ENDPOINTS, KubernetesApp, type KubernetesAppArgs, type ResourceQuantities, validateKubernetesAppArgs, type WorkloadIdentity } from "./kubernetes/kubernetes-app";
export { GkeWorkloadIdentity, type GkeWorkloadIdentityArgs, validateGkeWorkloadIdentityArgs } from "./kubernetes/gke-workload-identity";
export { DATABASE_ENVIRONMENT_NAMES, type DatabaseConnection, PasswordFormat } from "./database/connection";
export { KUBERNETES_VERSIONS, KubernetesVersion, type KubernetesVersionSupport, type NodePoolSpec, type Taint, TaintEffect } from "./kubernetes/node-pools";
export { cloudDnsFailoverBudget, type FailoverBudget, route53FailoverBudget, trafficManagerFailoverBudget } from "./dns/budget";
export { type CloudDnsEndpoint, type CloudDnsHealthCheckSettings, CloudDnsRouting, type CloudDnsRoutingArgs, CloudDnsRoutingPolicy, validateCloudDnsRoutingArgs } from "./dns/cloud-dns-routing";
export { CERTIFICATE_MANAGER_MAX_DOMAINS, type GcpCloudRunTarget, type GcpDnsRecord, type GcpInstanceGroupRef, GcpLoadBalancer, type GcpLoadBalancerArgs, type GcpLoadBalancerRoute, GcpMinTlsVersion, type GcpNodePortTarget, GcpSslProfile, GOOGLE_FRONT_END_RANGES, validateGcpLoadBalancerArgs } from "./ingress/gcp-load-balancer";
