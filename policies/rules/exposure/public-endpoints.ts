/**
 * meridian-exposure-public-endpoints: databases, replication instances, cluster APIs, instances, search domains and
 * Azure storage, vaults and apps are not reachable from the whole internet.
 *
 * Only what the scanners flag is flagged: an explicit public setting, or a provider default that is public where the
 * scanners judge the default (EKS's public endpoint, Azure's `publicNetworkAccess`). Entry points (load balancers,
 * Container Apps ingress, Cloud Run behind its invoker check) are not endpoints in this sense and are not covered.
 */
import { resourceRule, at } from "../rule";

/** A source that is the whole internet: any IPv4 or IPv6 block with a /0 prefix (`0.0.0.0/0`, `::/0`). */
const isWorld = (cidr: unknown): boolean => typeof cidr === "string" && cidr.trim().endsWith("/0");

/** `true` as a boolean input or as the string some string-typed inputs carry (launch template interfaces). */
const isTrue = (v: unknown): boolean => v === true || (typeof v === "string" && v.toLowerCase() === "true");

/** Azure's `publicNetworkAccess` is enabled unless it says Disabled (its default is Enabled; SecuredByPerimeter is not public). */
const azurePublic = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && (v === "" || v.toLowerCase() === "enabled"));

const rdsPublic = (p: Record<string, any>, report: (m: string) => void) => {
  if (p["publiclyAccessible"] === true) report("publiclyAccessible is true");
};

const gcpAccessConfigs = (p: Record<string, any>, report: (m: string) => void) => {
  const nics: any[] = p["networkInterfaces"] ?? [];
  nics.forEach((nic, i) => {
    if ((nic?.accessConfigs ?? []).length > 0 || (nic?.ipv6AccessConfigs ?? []).length > 0) report(`networkInterfaces[${i}] has an access config: the instance gets an external IP`);
  });
};

export const publicEndpoints = resourceRule({
  name: "meridian-exposure-public-endpoints",
  finding:
    "Databases, DMS replication instances, Kubernetes API servers, VM instances, search domains, and Azure storage accounts, key vaults, SQL servers and web apps are not reachable from the whole internet.",
  why: "an internet-facing database or API server is scanned within minutes of creation; one weak credential or CVE away from a breach.",
  remediation:
    "Keep the resource private (Meridian's default), or restrict it to named CIDRs or networks. Where a public endpoint is a deliberate choice, acknowledge it on the resource (`acknowledgementTags` from components/core) with the reason.",
  enforcementLevel: "mandatory",
  severity: "critical",
  checks: {
    // ----- AWS
    "aws:rds/instance:Instance": { refs: ["CKV_AWS_17", "AVD-AWS-0180"], check: rdsPublic },
    "aws:rds/clusterInstance:ClusterInstance": { refs: ["CKV_AWS_17", "AVD-AWS-0180"], check: rdsPublic },
    "aws:dms/replicationInstance:ReplicationInstance": { refs: ["CKV_AWS_89"], check: (p, report) => {
      if (p["publiclyAccessible"] === true) report("publiclyAccessible is true: the replication instance has a public IP");
    } },
    "aws:eks/cluster:Cluster": { refs: ["CKV_AWS_38", "AVD-AWS-0041"], check: (p, report) => {
      const vpc = p["vpcConfig"] ?? {};
      // EKS's default is a public endpoint open to 0.0.0.0/0: unset counts as public.
      if (vpc.endpointPublicAccess !== false && (!vpc.publicAccessCidrs || vpc.publicAccessCidrs.some(isWorld))) report("the public API endpoint is open to 0.0.0.0/0");
    } },
    "aws:ec2/instance:Instance": { refs: ["CKV_AWS_88"], check: (p, report) => {
      if (p["associatePublicIpAddress"] === true) report("associatePublicIpAddress is true");
    } },
    "aws:ec2/launchTemplate:LaunchTemplate": { refs: ["CKV_AWS_88"], check: (p, report) => {
      const nics: any[] = p["networkInterfaces"] ?? [];
      nics.forEach((nic, i) => {
        if (isTrue(nic?.associatePublicIpAddress)) report(`networkInterfaces[${i}].associatePublicIpAddress is true`);
      });
    } },
    "aws:opensearch/domain:Domain": { refs: ["CKV_AWS_137"], check: (p, report) => {
      if (!p["vpcOptions"]) report("vpcOptions is not set: the domain has a public endpoint");
    } },
    "aws:elasticsearch/domain:Domain": { refs: ["CKV_AWS_137"], check: (p, report) => {
      if (!p["vpcOptions"]) report("vpcOptions is not set: the domain has a public endpoint");
    } },

    // ----- GCP
    "gcp:sql/databaseInstance:DatabaseInstance": { refs: ["CKV_GCP_60", "CKV_GCP_11", "AVD-GCP-0017"], check: (p, report) => {
      const ip = at(p, "settings.ipConfiguration") ?? {};
      if (ip.ipv4Enabled === true) report("settings.ipConfiguration.ipv4Enabled is true: the instance has a public IP");
      for (const n of ip.authorizedNetworks ?? []) {
        if (isWorld(n?.value)) report(`authorizedNetworks admits ${n.value}: the public IP accepts any address`);
      }
    } },
    "gcp:container/cluster:Cluster": { refs: ["CKV_GCP_64", "AVD-GCP-0059", "CKV_GCP_20", "AVD-GCP-0061"], check: (p, report) => {
      if (p["enableAutopilot"] !== true && at(p, "privateClusterConfig.enablePrivateNodes") !== true) report("privateClusterConfig.enablePrivateNodes is not true: nodes get public IPs");
      const authorized = p["masterAuthorizedNetworksConfig"];
      if (at(p, "privateClusterConfig.enablePrivateEndpoint") !== true && (!authorized || (authorized.cidrBlocks ?? []).some((b: { cidrBlock?: string }) => isWorld(b.cidrBlock)))) {
        report("the control plane's public endpoint accepts any address (set masterAuthorizedNetworksConfig)");
      }
    } },
    "gcp:compute/instance:Instance": { refs: ["CKV_GCP_40", "AVD-GCP-0031"], check: gcpAccessConfigs },
    "gcp:compute/instanceTemplate:InstanceTemplate": { refs: ["CKV_GCP_40", "AVD-GCP-0031"], check: gcpAccessConfigs },

    // ----- Azure
    "azure-native:dbforpostgresql:Server": { refs: ["CKV_AZURE_68", "AVD-AZU-0022"], check: (p, report) => {
      if (at(p, "network.publicNetworkAccess") === "Enabled") report("network.publicNetworkAccess is Enabled");
    } },
    "azure-native:containerservice:ManagedCluster": { refs: ["CKV_AZURE_6", "AVD-AZU-0041"], check: (p, report) => {
      const access = p["apiServerAccessProfile"] ?? {};
      if (access.enablePrivateCluster !== true && (!access.authorizedIPRanges?.length || access.authorizedIPRanges.some(isWorld))) report("the API server is public with no authorized IP ranges");
    } },
    "azure-native:storage:StorageAccount": { refs: ["CKV_AZURE_35", "CKV_AZURE_59", "AVD-AZU-0012"], check: (p, report) => {
      // Reachable from anywhere when public network access is on (Azure's default) and the firewall's default
      // action allows (Azure's default when no networkRuleSet is given).
      const action = at(p, "networkRuleSet.defaultAction");
      if (azurePublic(p["publicNetworkAccess"]) && action !== "Deny") report(`networkRuleSet.defaultAction is ${JSON.stringify(action ?? "Allow")} with public network access on: any address may connect`);
    } },
    "azure-native:keyvault:Vault": { refs: ["CKV_AZURE_109", "CKV_AZURE_189", "AVD-AZU-0013"], check: (p, report) => {
      const props = p["properties"] ?? {};
      const action = props.networkAcls?.defaultAction;
      if (azurePublic(props.publicNetworkAccess) && action !== "Deny") report(`properties.networkAcls.defaultAction is ${JSON.stringify(action ?? "Allow")} with public network access on: any address may connect`);
    } },
    "azure-native:sql:Server": { refs: ["CKV_AZURE_113", "AVD-AZU-0022"], check: (p, report) => {
      if (azurePublic(p["publicNetworkAccess"])) report(`publicNetworkAccess is ${JSON.stringify(p["publicNetworkAccess"] ?? "Enabled")}, not Disabled`);
    } },
    "azure-native:web:WebApp": { refs: ["CKV_AZURE_222", "CKV_AZURE_221"], check: (p, report) => {
      if (azurePublic(p["publicNetworkAccess"])) report(`publicNetworkAccess is ${JSON.stringify(p["publicNetworkAccess"] ?? "Enabled")}, not Disabled`);
    } },
  },
});
