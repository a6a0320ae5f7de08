import * as pulumi from "@pulumi/pulumi";
import { AgentPool } from "@pulumi/azure-native/containerservice/agentPool";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials";
import { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import {
  NAME_RULES,
  OffSchema,
  checkArgs,
  checkAzureLocation,
  checkComponentName,
  childOptions,
  derived,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
  type Validator,
} from "../core/shared";
import type { AzureAddressPlan, AzureNetworkRef } from "../network/azure-network";
import { checkAzureNetworkRef } from "../network/internal/refs";
import { GUID } from "../core/internal/checks";
import { acknowledgementTags } from "../core/acknowledgements";
import { firstOverlap, formatCidr, parseCidr, requireCidr } from "../network/internal/cidr";
import { AKS_VERSIONS, checkNodePools, type KubernetesVersion, type MachineTypeRule, type NodePoolSpec } from "./node-pools";

const TYPE = "meridian:kubernetes:AksCluster";

/**
 * Why a cluster without `diskEncryptionSetId` passes the at-rest rule's disk encryption set check (Checkov
 * CKV_AZURE_117) as acknowledged: node disks are encrypted with platform-managed keys (and, with encryption at host,
 * temp disks and caches too); a customer-managed set needs a Key Vault key this component does not create.
 */
const DISK_KEYS_REASON = "no diskEncryptionSetId: node disks use platform-managed keys";
/** Why pools without encryption at host (CKV_AZURE_227) pass as acknowledged: `encryptionAtHost: false`, set explicitly. */
const HOST_ENCRYPTION_REASON = "encryptionAtHost false set explicitly: no host encryption of temp disks and caches";
/** A disk encryption set's resource id. */
const DISK_ENCRYPTION_SET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w._()]{1,90}\/providers\/Microsoft\.Compute\/diskEncryptionSets\/[-\w]{1,80}$/i;

const providers = new OffSchema<AksCluster, K8sProvider>();

/** AKS versions in support: derived from the one version table, `KUBERNETES_VERSIONS` (node-pools.ts). */
export { AKS_VERSIONS };

/**
 * The Azure VM size families AKS nodes run on. A size is `Standard_<family><vCPUs>[-<active vCPUs>]<features>
 * [_<accelerator>][_v<version>]` (`Standard_D4ds_v5`, `Standard_E64-16ds_v4`, `Standard_NC24ads_A100_v4`), and AKS
 * refuses sizes with fewer than 2 vCPUs. Sources: Azure docs, "Azure virtual machine sizes naming conventions" and
 * "Sizes for virtual machines in Azure"; AKS docs, "Restricted VM sizes" (checked 2026-11-30).
 */
export const AKS_VM_FAMILIES = ["B", "D", "DC", "DS", "E", "EC", "F", "FX", "HB", "HC", "HX", "L", "M", "NC", "ND", "NG", "NV"] as const;
const AZURE_VM_SIZE = /^Standard_([A-Z]{1,2})(\d+)(?:-\d+)?[a-z]*(?:_[A-Z][A-Za-z0-9]*)*(?:_v[1-7])?$/;

/** True when `size` is an Azure VM size of `AKS_VM_FAMILIES` with at least 2 vCPUs. */
export function isAksVmSize(size: string): boolean {
  const m = AZURE_VM_SIZE.exec(size);
  return m !== null && (AKS_VM_FAMILIES as readonly string[]).includes(m[1]!) && Number(m[2]) >= 2;
}

const AKS_VM_SIZE: MachineTypeRule = {
  test: isAksVmSize,
  allowed: `an Azure VM size of the families ${AKS_VM_FAMILIES.join(", ")} with at least 2 vCPUs (AKS refuses smaller), such as "Standard_D4ds_v5"`,
};

/**
 * Azure locations without availability zones: the cluster spreads every pool over zones 1, 2 and 3, which Azure
 * refuses there. Source: Azure docs, "Azure regions with availability zone support" (checked 2026-11-30).
 */
export const AZURE_LOCATIONS_WITHOUT_ZONES: readonly string[] = [
  "australiacentral2", "australiasoutheast", "brazilsoutheast", "canadaeast", "francesouth", "germanynorth", "jioindiacentral", "jioindiawest",
  "koreasouth", "northcentralus", "norwaywest", "southafricawest", "southindia", "switzerlandwest", "uaecentral", "ukwest", "westcentralus", "westindia", "westus",
];

/** The service CIDR AKS uses when none is given. Source: AKS docs, "Configure Azure CNI Overlay networking" (checked 2026-11-30). */
export const AKS_DEFAULT_SERVICE_CIDR = "10.0.0.0/16";

/** What an AKS cluster needs of a network: an `AzureNetwork` fits as it is (its address plan is checked against the cluster's ranges). */
export interface AksNetworkRef extends AzureNetworkRef {
  readonly addressPlan: AzureAddressPlan;
}

/** The AKS pricing tier: Standard carries the financially backed SLA. */
export const AksTier = { Standard: "Standard", Free: "Free" } as const;
export type AksTier = (typeof AksTier)[keyof typeof AksTier];

export interface AksClusterArgs {
  /** The network: nodes go on its `aks` subnet. An `AzureNetwork` fits as it is. */
  readonly network: AksNetworkRef;
  readonly location: string;
  /** @default "1.33" */
  readonly version?: KubernetesVersion;
  /** The system pool's VM size (critical add-ons only; at least 2 vCPUs). @default "Standard_D2ds_v5" */
  readonly systemVmSize?: string;
  /** User node pools (autoscaling across zones 1, 2 and 3); `system` is the system pool's name. */
  readonly nodePools: NodePoolSpec[];
  /** A private API server; otherwise it is public but limited to `authorizedIpRanges`. @default true */
  readonly privateCluster?: boolean;
  /** CIDRs allowed to reach a public API server (required when `privateCluster` is false, refused when it is true). */
  readonly authorizedIpRanges?: string[];
  /** Entra ID groups that administer the cluster (Azure RBAC). @default - none */
  readonly adminGroupObjectIds?: string[];
  /** Standard tier (financially backed SLA) or Free. @default "Standard" */
  readonly tier?: AksTier;
  /** The pod overlay range: outside the VNet's ranges and the service range. @default "192.168.0.0/16" */
  readonly podCidr?: string;
  /**
   * The Kubernetes service range (its 10th address is the cluster DNS service): outside the VNet's ranges and the
   * pod range. @default - AKS's own, "10.0.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * A disk encryption set (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/diskEncryptionSets/<name>`):
   * the nodes' OS and data disks are encrypted with its customer-managed key. Azure takes it only when the cluster is
   * created (AKS documentation, "Bring your own keys (BYOK) with Azure managed disks", read 2026-11-30); its Key
   * Vault needs soft delete and purge protection. Without it, disks use platform-managed keys, and the cluster carries
   * an acknowledgement of `meridian-encryption-at-rest` saying so. @default - none
   */
  readonly diskEncryptionSetId?: string;
  /**
   * Encrypt temp disks and disk caches on the VM host, on every pool. The subscription needs the
   * `Microsoft.Compute/EncryptionAtHost` feature registered, and AKS sets it only when a cluster or pool is created
   * (AKS documentation, "Host-based encryption", read 2026-11-30): a cluster created before Meridian 0.4.0 keeps its
   * pools as they are only with `false` (an explicit opt-out, acknowledged on the cluster and its pools). @default true
   */
  readonly encryptionAtHost?: boolean;
  /**
   * Protect the stateful children — the managed cluster and its Log Analytics workspace — from any Pulumi delete.
   * The same as the component's `protect` resource option; give either (or both, agreeing). @default - the
   * component's protect option, else false
   */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAksClusterArgs(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // The name is the DNS prefix (at most 54 characters); the managed cluster is auto-named from `${name}-cluster`.
  checkComponentName(check, name, [derived(NAME_RULES.azure.aksDnsPrefix, ""), derived(NAME_RULES.azure.resourceName, "-cluster", true)]);
  const protect = resolveProtect(check, opts, args.protect);
  checkAzureLocation(check, "location", args.location);
  if (AZURE_LOCATIONS_WITHOUT_ZONES.includes(args.location)) {
    check.fail("location", args.location, "an Azure location with availability zones (every pool spreads over zones 1, 2 and 3; see AZURE_LOCATIONS_WITHOUT_ZONES)");
  }
  checkAzureNetworkRef(check, "network", args.network, { subnets: ["aks"], addressPlan: true });
  const plan = args.network.addressPlan;
  const version = args.version ?? "1.33";
  check.oneOf("version", version, AKS_VERSIONS);
  const systemVmSize = args.systemVmSize ?? "Standard_D2ds_v5";
  if (typeof systemVmSize !== "string" || !isAksVmSize(systemVmSize)) check.fail("systemVmSize", systemVmSize, AKS_VM_SIZE.allowed as string);
  const pools = checkNodePools(check, args.nodePools, AKS_VM_SIZE);
  pools.forEach((p, i) => {
    check.pattern(`nodePools[${i}].name`, p.name, /^[a-z][a-z0-9]{0,11}$/, "an AKS pool name: a lower-case letter, then up to 11 lower-case letters or digits");
    if (p.name === "system") check.fail(`nodePools[${i}].name`, p.name, "a name other than \"system\" (the system pool's)");
  });
  check.bool("privateCluster", args.privateCluster);
  const privateCluster = args.privateCluster ?? true;
  const ranges = check.list("authorizedIpRanges", args.authorizedIpRanges, "IPv4 CIDR blocks");
  if (!privateCluster && ranges.length === 0) check.fail("authorizedIpRanges", ranges, "at least one CIDR when privateCluster is false (a public API server open to everyone is not offered)");
  if (privateCluster && ranges.length > 0) check.fail("authorizedIpRanges", ranges, "unset or empty while privateCluster is true (a private API server has no public ranges; set privateCluster: false to use them)");
  ranges.forEach((c, i) => {
    const p = typeof c === "string" ? parseCidr(c) : undefined;
    if (!p || p.prefix === 0) check.fail(`authorizedIpRanges[${i}]`, c, "an IPv4 CIDR block narrower than 0.0.0.0/0");
  });
  check.distinct("authorizedIpRanges", ranges);
  const adminGroupObjectIds = check.list("adminGroupObjectIds", args.adminGroupObjectIds, "Entra ID group object ids");
  adminGroupObjectIds.forEach((id, i) => check.requiredPattern(`adminGroupObjectIds[${i}]`, id, GUID, "an Entra ID group object id (a GUID)"));
  check.distinct("adminGroupObjectIds", adminGroupObjectIds);
  const tier = args.tier ?? "Standard";
  check.oneOf("tier", tier, Object.values(AksTier));
  const podCidr = args.podCidr ?? "192.168.0.0/16";
  const pods = requireCidr(check, "podCidr", podCidr);
  const serviceCidr = args.serviceCidr ?? AKS_DEFAULT_SERVICE_CIDR;
  const services = requireCidr(check, "serviceCidr", serviceCidr);
  // AKS refuses a pod or service range that overlaps the VNet (its subnets lie inside it) or each other.
  const vnet = { label: "network.addressPlan.vnet", cidr: parseCidr(plan.vnet)! };
  const podClash = firstOverlap([{ label: "podCidr", cidr: pods }, vnet, { label: "serviceCidr", cidr: services }]);
  if (podClash && podClash[0] === "podCidr") check.fail("podCidr", podCidr, `a range outside the VNet and the service range (it overlaps ${podClash[1]} ${podClash[1] === "serviceCidr" ? serviceCidr : plan.vnet})`);
  const serviceClash = firstOverlap([{ label: "serviceCidr", cidr: services }, vnet]);
  if (serviceClash) check.fail("serviceCidr", serviceCidr, `a range outside the VNet (it overlaps ${serviceClash[1]} ${plan.vnet}${args.serviceCidr === undefined ? "; AKS uses 10.0.0.0/16 unless serviceCidr is set" : ""})`);
  if (services.prefix > 28 || services.prefix < 12) check.fail("serviceCidr", serviceCidr, "a block from /12 to /28");
  // The cluster DNS service takes the range's 10th address.
  const dnsServiceIp = formatCidr({ base: services.base + 10, prefix: 32 }).replace(/\/32$/, "");
  if (args.diskEncryptionSetId !== undefined) check.requiredPattern("diskEncryptionSetId", args.diskEncryptionSetId, DISK_ENCRYPTION_SET_ID, "a disk encryption set's resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/diskEncryptionSets/<name>");
  check.bool("encryptionAtHost", args.encryptionAtHost);
  const encryptionAtHost = args.encryptionAtHost ?? true;
  // What the at-rest rule will find, acknowledged where the arguments chose it (one tag per rule and resource).
  const clusterReasons = [...(args.diskEncryptionSetId === undefined ? [DISK_KEYS_REASON] : []), ...(encryptionAtHost ? [] : [HOST_ENCRYPTION_REASON])];
  const clusterAck = clusterReasons.length === 0 ? undefined : acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: clusterReasons.join("; ") }], TYPE);
  const poolAck = encryptionAtHost ? undefined : acknowledgementTags([{ rule: "meridian-encryption-at-rest", reason: HOST_ENCRYPTION_REASON }], TYPE);
  return { version, pools, privateCluster, ranges, tier, podCidr, serviceCidr: args.serviceCidr, dnsServiceIp, systemVmSize, protect, adminGroupObjectIds, encryptionAtHost, clusterAck, poolAck };
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
    const a = validateAksClusterArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const stateful = statefulOptions(this, opts, a.protect);
    const resourceGroupName = args.network.resourceGroupName;
    const zones = ["1", "2", "3"];

    const workspace = new Workspace(`${name}-logs`, { resourceGroupName, location: args.location, sku: { name: "PerGB2018" }, retentionInDays: 30 }, stateful);
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
            // Temp disks and disk caches encrypted on the host (the subscription needs Microsoft.Compute/EncryptionAtHost registered).
            enableEncryptionAtHost: a.encryptionAtHost,
            // Only critical add-ons run on the system pool.
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
          },
        ],
        enableRBAC: true,
        aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds === undefined ? undefined : [...a.adminGroupObjectIds] },
        disableLocalAccounts: true,
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true } },
        networkProfile: {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkDataplane: "cilium",
          networkPolicy: "cilium",
          podCidr: a.podCidr,
          ...(a.serviceCidr === undefined ? {} : { serviceCidr: a.serviceCidr, dnsServiceIP: a.dnsServiceIp }),
          outboundType: "userAssignedNATGateway",
        },
        apiServerAccessProfile: a.privateCluster ? { enablePrivateCluster: true } : { authorizedIPRanges: [...a.ranges] },
        addonProfiles: {
          azurepolicy: { enabled: true },
          omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspace.id } },
        },
        autoUpgradeProfile: { upgradeChannel: "stable", nodeOSUpgradeChannel: "NodeImage" },
        ...(args.diskEncryptionSetId === undefined ? {} : { diskEncryptionSetID: args.diskEncryptionSetId }),
        ...(a.clusterAck ? { tags: a.clusterAck } : {}),
      },
      stateful,
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
          enableEncryptionAtHost: a.encryptionAtHost,
          ...(a.poolAck ? { tags: a.poolAck } : {}),
          scaleSetPriority: p.spot ? "Spot" : "Regular",
          ...(p.spot ? { scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 } : {}),
          nodeLabels: p.labels,
          nodeTaints: (p.taints ?? []).map((t) => `${t.key}=${t.value}:${t.effect}`),
        },
        stateful,
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
