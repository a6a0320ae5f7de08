import * as pulumi from "@pulumi/pulumi";
import { AgentPool } from "@pulumi/azure-native/containerservice/agentPool";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { OffSchema, AZURE_LOCATION_PATTERN, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import type { AzureNetworkRef } from "../network/azure-network";
import { parseCidr, requireCidr } from "../network/internal/cidr";
import { checkNodePools, type KubernetesVersion, type NodePoolSpec } from "./node-pools";

const TYPE = "meridian:kubernetes:AksCluster";

const providers = new OffSchema<AksCluster, K8sProvider>();

/** AKS versions in support (AKS docs, "Supported Kubernetes versions", checked 2026-11-22). */
export const AKS_VERSIONS: readonly KubernetesVersion[] = ["1.31", "1.32", "1.33", "1.34"];

/** The AKS pricing tier: Standard carries the financially backed SLA. */
export const AksTier = { Standard: "Standard", Free: "Free" } as const;
export type AksTier = (typeof AksTier)[keyof typeof AksTier];

export interface AksClusterArgs {
  /** The network: nodes go on its `aks` subnet. */
  readonly network: AzureNetworkRef;
  readonly location: string;
  /** @default "1.33" */
  readonly version?: KubernetesVersion;
  /** The system pool's VM size (critical add-ons only). @default "Standard_D2ds_v5" */
  readonly systemVmSize?: string;
  /** User node pools (autoscaling across zones 1, 2 and 3). */
  readonly nodePools: NodePoolSpec[];
  /** A private API server; otherwise it is public but limited to `authorizedIpRanges`. @default true */
  readonly privateCluster?: boolean;
  /** CIDRs allowed to reach a public API server (required when `privateCluster` is false). */
  readonly authorizedIpRanges?: string[];
  /** Entra ID groups that administer the cluster (Azure RBAC). @default - none */
  readonly adminGroupObjectIds?: string[];
  /** Standard tier (financially backed SLA) or Free. @default "Standard" */
  readonly tier?: AksTier;
  /** The pod overlay range. @default "192.168.0.0/16" */
  readonly podCidr?: string;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAksClusterArgs(name: string, args: AksClusterArgs) {
  const check = validator(TYPE, name);
  check.requiredPattern("location", args.location, AZURE_LOCATION_PATTERN, 'an Azure location such as "eastus"');
  const version = args.version ?? "1.33";
  check.oneOf("version", version, AKS_VERSIONS);
  const pools = checkNodePools(check, args.nodePools);
  pools.forEach((p, i) => check.pattern(`nodePools[${i}].name`, p.name, /^[a-z][a-z0-9]{0,11}$/, "an AKS pool name: a lower-case letter, then up to 11 lower-case letters or digits"));
  const privateCluster = args.privateCluster ?? true;
  const ranges = args.authorizedIpRanges ?? [];
  if (!privateCluster && ranges.length === 0) check.fail("authorizedIpRanges", ranges, "at least one CIDR when privateCluster is false (a public API server open to everyone is not offered)");
  ranges.forEach((c, i) => {
    const p = parseCidr(c);
    if (!p || p.prefix === 0) check.fail(`authorizedIpRanges[${i}]`, c, "an IPv4 CIDR block narrower than 0.0.0.0/0");
  });
  const tier = args.tier ?? "Standard";
  check.oneOf("tier", tier, Object.values(AksTier));
  const podCidr = args.podCidr ?? "192.168.0.0/16";
  requireCidr(check, "podCidr", podCidr);
  return { version, pools, privateCluster, ranges, tier, podCidr, systemVmSize: args.systemVmSize ?? "Standard_D2ds_v5" };
}

/**
 * An AKS cluster: a system pool for critical add-ons only and autoscaling user pools across three zones, managed
 * identity, Entra ID with Azure RBAC and local accounts disabled, OIDC issuer and workload identity, Azure CNI
 * overlay with Cilium, a private API server (or authorized ranges), Azure Policy and monitoring to a Log
 * Analytics workspace, automatic upgrades, and the Standard tier's SLA.
 */
export class AksCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  /** The user kubeconfig (Entra ID via kubelogin; secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster (a getter: it stays out of the multi-language schema; use `kubeconfig` there). */
  public get provider(): K8sProvider {
    return providers.get(this);
  }
  public readonly oidcIssuerUrl: pulumi.Output<string>;

  constructor(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAksClusterArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const resourceGroupName = args.network.resourceGroupName;
    const zones = ["1", "2", "3"];

    const workspace = new Workspace(`${name}-logs`, { resourceGroupName, location: args.location, sku: { name: "PerGB2018" }, retentionInDays: 30 }, parent);
    const cluster = new ManagedCluster(
      `${name}-cluster`,
      {
        resourceGroupName,
        location: args.location,
        kubernetesVersion: a.version,
        dnsPrefix: name,
        identity: { type: "SystemAssigned" },
        sku: { name: "Base", tier: a.tier },
        agentPoolProfiles: [
          {
            name: "system",
            mode: "System",
            vmSize: a.systemVmSize,
            enableAutoScaling: true,
            minCount: 2,
            maxCount: 3,
            count: 2,
            availabilityZones: zones,
            vnetSubnetID: args.network.subnetIds.aks,
            osSKU: "AzureLinux",
            // Only critical add-ons run on the system pool.
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
          },
        ],
        enableRBAC: true,
        aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds },
        disableLocalAccounts: true,
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true } },
        networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkDataplane: "cilium", networkPolicy: "cilium", podCidr: a.podCidr, outboundType: "userAssignedNATGateway" },
        apiServerAccessProfile: a.privateCluster ? { enablePrivateCluster: true } : { authorizedIPRanges: a.ranges },
        addonProfiles: {
          azurepolicy: { enabled: true },
          omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspace.id } },
        },
        autoUpgradeProfile: { upgradeChannel: "stable", nodeOSUpgradeChannel: "NodeImage" },
      },
      parent,
    );
    for (const p of a.pools) {
      new AgentPool(
        `${name}-${p.name}`,
        {
          resourceGroupName,
          resourceName: cluster.name,
          agentPoolName: p.name,
          mode: "User",
          vmSize: p.machineType,
          enableAutoScaling: true,
          minCount: p.minNodes,
          maxCount: p.maxNodes,
          count: p.desiredNodes ?? p.minNodes,
          availabilityZones: zones,
          vnetSubnetID: args.network.subnetIds.aks,
          osSKU: "AzureLinux",
          osDiskSizeGB: p.diskSizeGb ?? 50,
          scaleSetPriority: p.spot ? "Spot" : "Regular",
          ...(p.spot ? { scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 } : {}),
          nodeLabels: p.labels,
          nodeTaints: (p.taints ?? []).map((t) => `${t.key}=${t.value}:${t.effect}`),
        },
        parent,
      );
    }

    const creds = listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: cluster.name }, parent);
    this.kubeconfig = pulumi.secret(creds.kubeconfigs.apply((k) => Buffer.from(k?.[0]?.value ?? "", "base64").toString("utf8")));
    this.clusterName = cluster.name;
    this.oidcIssuerUrl = cluster.oidcIssuerProfile.apply((o) => o?.issuerURL ?? "");
    providers.set(this, new K8sProvider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, parent));
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, oidcIssuerUrl: this.oidcIssuerUrl });
  }
}
