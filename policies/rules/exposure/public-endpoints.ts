/** meridian-exposure-public-endpoints: databases, replication instances and cluster APIs are not reachable from the internet. */
import { parseCidr } from "../../../components/network/internal/cidr";
import { resourceRule, at } from "../rule";

const isWorld = (cidr: unknown) => {
  const c = typeof cidr === "string" ? parseCidr(cidr) : undefined;
  return c !== undefined && c.prefix === 0;
};

export const publicEndpoints = resourceRule({
  name: "meridian-exposure-public-endpoints",
  finding: "Databases, DMS replication instances and Kubernetes API servers are not reachable from the whole internet.",
  why: "an internet-facing database or API server is scanned within minutes of creation; one weak credential or CVE away from a breach.",
  remediation: "Keep the resource private (Meridian's default), or restrict it to named CIDRs.",
  enforcementLevel: "mandatory",
  severity: "critical",
  checks: {
    "aws:rds/instance:Instance": (p, report) => {
      if (p["publiclyAccessible"] === true) report("publiclyAccessible is true");
    },
    "aws:dms/replicationInstance:ReplicationInstance": (p, report) => {
      if (p["publiclyAccessible"] === true) report("publiclyAccessible is true (acceptable only for a public-IP target, chosen explicitly: set this rule to advisory for that stack)");
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report) => {
      const ip = at(p, "settings.ipConfiguration") ?? {};
      if (ip.ipv4Enabled === true && (ip.authorizedNetworks ?? []).some((n: { value?: string }) => isWorld(n.value))) report("a public IP authorized for 0.0.0.0/0");
    },
    "azure-native:dbforpostgresql:Server": (p, report) => {
      if (at(p, "network.publicNetworkAccess") === "Enabled") report("network.publicNetworkAccess is Enabled");
    },
    "aws:eks/cluster:Cluster": (p, report) => {
      const vpc = p["vpcConfig"] ?? {};
      // EKS's default is a public endpoint open to 0.0.0.0/0: unset counts as public.
      if (vpc.endpointPublicAccess !== false && (!vpc.publicAccessCidrs || vpc.publicAccessCidrs.some(isWorld))) report("the public API endpoint is open to 0.0.0.0/0");
    },
    "gcp:container/cluster:Cluster": (p, report) => {
      if (p["enableAutopilot"] !== true && at(p, "privateClusterConfig.enablePrivateNodes") !== true) report("privateClusterConfig.enablePrivateNodes is not true: nodes get public IPs");
      const authorized = p["masterAuthorizedNetworksConfig"];
      if (at(p, "privateClusterConfig.enablePrivateEndpoint") !== true && (!authorized || (authorized.cidrBlocks ?? []).some((b: { cidrBlock?: string }) => isWorld(b.cidrBlock)))) {
        report("the control plane's public endpoint accepts any address (set masterAuthorizedNetworksConfig)");
      }
    },
    "azure-native:containerservice:ManagedCluster": (p, report) => {
      if (p["disableLocalAccounts"] !== true) report("disableLocalAccounts is not true: a static admin kubeconfig exists beside Entra ID");
      const access = p["apiServerAccessProfile"] ?? {};
      if (access.enablePrivateCluster !== true && (!access.authorizedIPRanges?.length || access.authorizedIPRanges.some(isWorld))) report("the API server is public with no authorized IP ranges");
    },
  },
});
