/**
 * `meridian/aws`: the core and the AWS components only, for programs that should not load the GCP and Azure
 * SDK modules. (Cross-cloud components — CrossCloudVpn, DmsReplication, AlertRouting — are in `meridian`.)
 */
export * from "./core";
export { type AwsAddressPlan, AwsNetwork, type AwsNetworkArgs, type AwsNetworkRef, NatGatewayMode, privateSubnetIdList, publicSubnetIdList, validateAwsNetworkArgs } from "./network/aws-network";
export { AwsFunction, type AwsFunctionArgs, type AwsFunctionUrl, type AwsSecurityGroupPort, FunctionUrlAuthType, LAMBDA_LIMITS, LAMBDA_RUNTIMES, LambdaArchitecture, LambdaRuntime, type PolicyStatement, validateAwsFunctionArgs } from "./serverless/aws-function";
export { RDS_INSTANCE_CLASS, RDS_POSTGRES_VERSIONS, RdsPostgres, type RdsPostgresArgs, validateRdsPostgresArgs } from "./database/rds-postgres";
export { EKS_ADDONS, EKS_LOG_TYPES, EKS_VERSIONS, EksCluster, type EksClusterArgs, EksSupportType, validateEksClusterArgs, VPC_CNI_CONFIGURATION } from "./kubernetes/eks-cluster";
export { type EgressRule, IDENTITY_ENDPOINTS, KubernetesApp, type KubernetesAppArgs, type ResourceQuantities, validateKubernetesAppArgs, type WorkloadIdentity } from "./kubernetes/kubernetes-app";
export { EKS_POD_IDENTITY_PRINCIPAL, EksPodIdentity, type EksPodIdentityArgs, validateEksPodIdentityArgs } from "./kubernetes/eks-pod-identity";
export { DATABASE_ENVIRONMENT_NAMES, type DatabaseConnection, PasswordFormat } from "./database/connection";
export { KUBERNETES_VERSIONS, KubernetesVersion, type KubernetesVersionSupport, type NodePoolSpec, type Taint, TaintEffect } from "./kubernetes/node-pools";
export { cloudDnsFailoverBudget, type FailoverBudget, route53FailoverBudget, trafficManagerFailoverBudget } from "./dns/budget";
export { CONTINENTS, type DnsEndpoint, GlobalDnsFailover, type GlobalDnsFailoverArgs, ROUTE53_CHECKER_REGIONS, type Route53HealthCheckSettings, RoutingMode, validateGlobalDnsFailoverArgs } from "./dns/global-dns-failover";
export { ACM_DEFAULT_NAMES_PER_CERTIFICATE, ALB_HOSTS_PER_RULE, ALB_TLS12_POLICIES, type AwsAutoScalingGroupRef, type AwsLambdaTarget, AwsLoadBalancer, type AwsLoadBalancerArgs, type AwsLoadBalancerRoute, type AwsNodePortTarget, ELB_ACCOUNT_REGIONS, isTls12Policy, validateAwsLoadBalancerArgs } from "./ingress/aws-load-balancer";
