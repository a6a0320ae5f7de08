/**
 * On-demand list prices, USD, Linux, in the regions the stacks use (AWS us-east-1, GCP us-central1, Azure East
 * US). Each table says where its figures come from and when they were taken.
 *
 * Honesty note: EKS's figures were checked against AWS's published announcement on 2026-11-22. The others are
 * the providers' published list prices as the author knew them on 2026-11-22 and could not be re-fetched from
 * this machine (no internet); they are estimates for comparing stacks and guarding budgets, not invoices.
 * Update a figure by changing it here with its source and date: every estimate and test reads these tables.
 */

export const HOURS_PER_MONTH = 730;

export interface PriceTable<K extends string = string> {
  readonly source: string;
  readonly checked: string;
  readonly usd: Readonly<Record<K, number>>;
}

export const PRICES = {
  eks: {
    source: "AWS Containers blog, 'Amazon EKS extended support for Kubernetes versions pricing' (cluster-hour)",
    checked: "2026-11-22",
    usd: { standardClusterHour: 0.1, extendedClusterHour: 0.6 },
  },
  ec2: {
    source: "aws.amazon.com/ec2/pricing/on-demand, us-east-1, Linux (instance-hour)",
    checked: "2026-11-22 (not re-fetched)",
    // c6i.xlarge: the multi-cloud strategy's application nodes (its cost table: 5 × c6i.xlarge ≈ $600/month), at the
    // on-demand rate as the author knew it on 2026-11-30 (not re-fetched).
    usd: { "t4g.medium": 0.0336, "m7g.large": 0.0816, "m7g.xlarge": 0.1632, "m7g.2xlarge": 0.3264, "m7i.large": 0.1008, "c7g.large": 0.0725, "r7g.large": 0.1071, "c6i.xlarge": 0.17 },
  },
  rds: {
    source: "aws.amazon.com/rds/postgresql/pricing, us-east-1, Single-AZ (instance-hour; Multi-AZ is twice)",
    checked: "2026-11-22 (not re-fetched)",
    usd: {
      "db.t4g.micro": 0.016,
      "db.t4g.small": 0.032,
      "db.t4g.medium": 0.065,
      "db.t4g.large": 0.129,
      "db.m7g.large": 0.168,
      "db.m7g.xlarge": 0.337,
      "db.r7g.large": 0.239,
      "db.r7g.xlarge": 0.478,
      // The strategy's primary database class (its table: ≈ $500/month); 2026-11-30, not re-fetched.
      "db.r6g.xlarge": 0.449,
    },
  },
  rdsStorage: { source: "aws.amazon.com/rds/postgresql/pricing, gp3 (GB-month, Single-AZ)", checked: "2026-11-22 (not re-fetched)", usd: { gp3GbMonth: 0.115 } },
  dms: {
    source: "aws.amazon.com/dms/pricing, us-east-1, Single-AZ (instance-hour; Multi-AZ is twice)",
    checked: "2026-11-22 (not re-fetched)",
    usd: { "dms.t3.medium": 0.078, "dms.t3.large": 0.156, "dms.c5.large": 0.154, "dms.r5.large": 0.21 },
  },
  awsNetwork: { source: "aws.amazon.com/vpc/pricing, NAT gateway (hour, data processing not included)", checked: "2026-11-22 (not re-fetched)", usd: { natGatewayHour: 0.045 } },
  route53: {
    source: "aws.amazon.com/route53/pricing (hosted zone-month; basic health check-month, AWS and non-AWS endpoints)",
    checked: "2026-11-22 (health check figures seen in AWS's docs summary)",
    usd: { hostedZoneMonth: 0.5, healthCheckAwsMonth: 0.5, healthCheckOtherMonth: 0.75 },
  },
  gke: { source: "cloud.google.com/kubernetes-engine/pricing, cluster management fee (cluster-hour)", checked: "2026-11-22 (not re-fetched)", usd: { clusterHour: 0.1 } },
  gce: {
    source: "cloud.google.com/compute/vm-instance-pricing, us-central1 (instance-hour)",
    checked: "2026-11-22 (not re-fetched)",
    // n2-standard-4: the strategy's GKE nodes (its table: 5 × n2-standard-4 ≈ $500/month); N2's per-vCPU and per-GB
    // rates in us-central1 (4 × $0.031611 + 16 × $0.004237), as the author knew them on 2026-11-30 (not re-fetched).
    usd: { "e2-standard-2": 0.067, "e2-standard-4": 0.134, "e2-standard-8": 0.268, "n2-standard-4": 0.1942, "n2-standard-8": 0.3885 },
  },
  cloudSql: {
    source: "cloud.google.com/sql/pricing, Enterprise edition, us-central1 (vCPU-hour, GB of memory-hour, SSD GB-month; HA doubles each)",
    checked: "2026-11-22 (not re-fetched)",
    usd: { vcpuHour: 0.0413, memoryGbHour: 0.007, ssdGbMonth: 0.17 },
  },
  cloudNat: { source: "cloud.google.com/nat/pricing (gateway-hour at its cap of 32 VMs; data not included)", checked: "2026-11-22 (not re-fetched)", usd: { gatewayHour: 0.044 } },
  aks: { source: "azure.microsoft.com/pricing/details/kubernetes-service, Standard tier (cluster-hour)", checked: "2026-11-22 (not re-fetched)", usd: { standardClusterHour: 0.1 } },
  azureVm: {
    source: "azure.microsoft.com/pricing/details/virtual-machines/linux, East US (instance-hour)",
    checked: "2026-11-22 (not re-fetched)",
    usd: { Standard_B2ms: 0.0832, Standard_D2ds_v5: 0.113, Standard_D4ds_v5: 0.226, Standard_D8ds_v5: 0.452, Standard_E4ds_v5: 0.288 },
  },
  azurePostgres: {
    source: "azure.microsoft.com/pricing/details/postgresql/flexible-server, East US (compute-hour; zone-redundant HA doubles; storage GB-month)",
    checked: "2026-11-22 (not re-fetched)",
    usd: { Standard_B2ms: 0.0998, Standard_D2ds_v5: 0.178, Standard_D4ds_v5: 0.356, Standard_E2ds_v5: 0.222, Standard_E4ds_v5: 0.444, storageGbMonth: 0.115 },
  },
  azureNetwork: { source: "azure.microsoft.com/pricing/details/azure-nat-gateway (gateway-hour; data not included)", checked: "2026-11-22 (not re-fetched)", usd: { natGatewayHour: 0.045 } },
  awsMisc: {
    source: "aws.amazon.com pricing pages for Site-to-Site VPN (connection-hour), public IPv4 (address-hour), KMS (key-month), Secrets Manager (secret-month), CloudWatch (standard alarm-month), Lambda provisioned concurrency (GB-second, arm64)",
    checked: "2026-11-22 (not re-fetched)",
    usd: { vpnConnectionHour: 0.05, publicIpv4Hour: 0.005, kmsKeyMonth: 1, secretMonth: 0.4, alarmMonth: 0.1, provisionedGbSecond: 0.0000033334 },
  },
  gcpMisc: {
    source:
      "cloud.google.com/network-connectivity/docs/vpn/pricing (tunnel-hour), cloud.google.com/kms/pricing (active key version-month), cloud.google.com/stackdriver/pricing, Cloud Monitoring alerting (condition-month; time series returned are charged apart and not in the table)",
    // The alerting figure: "Manage alerting costs" (docs.cloud.google.com/monitoring/alerts/cost-control, checked
    // 2026-11-30 through the docs index) confirms a charge per condition and per time series returned; the $0.10 per
    // condition-month is the price as the author knew it on 2026-11-30 (the pricing page's figure could not be read here).
    checked: "2026-11-22 (not re-fetched); alerting 2026-11-30",
    usd: { vpnTunnelHour: 0.05, kmsKeyMonth: 0.06, alertConditionMonth: 0.1 },
  },
  loadBalancing: {
    source:
      "aws.amazon.com/elasticloadbalancing/pricing, Application Load Balancer, us-east-1 (ALB-hour, LCU-hour); cloud.google.com/vpc/network-pricing, Cloud Load Balancing forwarding rules (the first 5 rules of a project together, per hour; each rule beyond 5, per hour); azure.microsoft.com/pricing/details/frontdoor, base fee per profile-month (Standard, Premium; requests and data transfer extra)",
    checked: "2026-11-30 (not re-fetched: no internet here)",
    usd: { albHour: 0.0225, albLcuHour: 0.008, gcpFirstFiveRulesHour: 0.025, gcpExtraRuleHour: 0.01, frontDoorStandardMonth: 35, frontDoorPremiumMonth: 330 },
  },
  usage: {
    source: "aws.amazon.com/lambda/pricing (arm64), cloud.google.com/run/pricing (request-based, tier 1), azure container apps consumption pricing",
    checked: "2026-11-22 (not re-fetched)",
    usd: {
      lambdaPerMillionRequests: 0.2,
      lambdaArmGbSecond: 0.0000133334,
      cloudRunPerMillionRequests: 0.4,
      cloudRunVcpuSecond: 0.000024,
      cloudRunGibSecond: 0.0000025,
      containerAppsVcpuSecond: 0.000024,
      containerAppsGibSecond: 0.000003,
    },
  },
} as const satisfies Record<string, PriceTable>;
