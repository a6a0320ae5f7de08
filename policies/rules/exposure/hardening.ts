/**
 * meridian-exposure-hardening: compute, clusters, registries and apps keep the hardening settings scanners expect.
 *
 * A missing input is judged by the provider's default where the default is the hardened value (GKE shielded nodes,
 * node auto-upgrade, vTPM and integrity monitoring on Shielded VMs, AKS RBAC); where the default is the weak value
 * (IMDSv1 allowed, mutable tags, no scan on push, AKS local accounts, no Azure Policy add-on) a missing input is a
 * finding, as the scanners have it.
 */
import { resourceRule, at, isSet } from "../rule";

export interface HardeningConfig {
  /** Also require Microsoft Defender's security monitoring on AKS clusters (no scanner requires it per cluster). */
  readonly requireAksDefender: boolean;
}

/** GCP metadata booleans: `TRUE`, `true`, `1` (GCE reads them case-insensitively). */
const META_TRUE = /^(true|1|y|yes)$/i;
const META_FALSE = /^(false|0|n|no)$/i;
const metaTrue = (v: unknown): boolean => v === true || (typeof v === "string" && META_TRUE.test(v.trim()));
const metaFalse = (v: unknown): boolean => v === false || (typeof v === "string" && META_FALSE.test(v.trim()));

/** IMDSv2 (AWS): the metadata service is off, or it requires session tokens. Unset, both versions are served. */
const imdsV2 = (p: Record<string, any>, report: (m: string) => void) => {
  const options = p["metadataOptions"] ?? {};
  if (options.httpEndpoint === "disabled") return;
  if (options.httpTokens !== "required") report(`metadataOptions.httpTokens is ${JSON.stringify(options.httpTokens ?? "optional")}, not "required": IMDSv1 hands credentials to any SSRF`);
};

/** The Compute Engine default service account: `<project number>-compute@developer.gserviceaccount.com`. */
const DEFAULT_SA = /^\d+-compute@developer\.gserviceaccount\.com$/;
const FULL_SCOPE = new Set(["https://www.googleapis.com/auth/cloud-platform", "cloud-platform"]);

/** Serial port, OS Login override, Shielded VM, default service account with full scopes (instances and templates). */
const gceInstance = (p: Record<string, any>, report: (m: string) => void) => {
  const metadata = p["metadata"] ?? {};
  if (metaTrue(metadata["serial-port-enable"])) report(`metadata serial-port-enable is ${JSON.stringify(metadata["serial-port-enable"])}: the interactive serial console is reachable`);
  if (metaFalse(metadata["enable-oslogin"])) report(`metadata enable-oslogin is ${JSON.stringify(metadata["enable-oslogin"])}: the instance overrides the project's OS Login`);
  const shielded = p["shieldedInstanceConfig"];
  // vTPM and integrity monitoring default to on; only an explicit false turns them off.
  if (shielded?.enableVtpm === false) report("shieldedInstanceConfig.enableVtpm is false");
  if (shielded?.enableIntegrityMonitoring === false) report("shieldedInstanceConfig.enableIntegrityMonitoring is false");
  const sa = p["serviceAccount"];
  const name = p["name"];
  if (sa && !(typeof name === "string" && name.startsWith("gke-"))) {
    const email = sa.email;
    const defaultAccount = email === undefined || email === null || email === "" || (typeof email === "string" && DEFAULT_SA.test(email));
    if (defaultAccount && (sa.scopes ?? []).some((s: unknown) => typeof s === "string" && FULL_SCOPE.has(s))) report("the default service account with the cloud-platform scope: every API the project's editor may call");
  }
};

export const hardening = resourceRule<HardeningConfig>({
  name: "meridian-exposure-hardening",
  finding:
    "Instances, node pools, clusters, registries and web apps keep their hardening settings: metadata service v2 only, no serial port, OS Login and Shielded VM on GCP, legacy ABAC off and shielded nodes on GKE, node auto-upgrade, images scanned and tags immutable, AKS without local accounts and with RBAC and Azure Policy, managed identities for web apps, no password SSH on Linux VMs.",
  why: "each of these settings closes a path attackers use after the first foothold: credential theft from the metadata service, console access, unsigned boot images, overwritten images.",
  remediation: "Set the input the message names to its hardened value (Meridian's components do by default).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { requireAksDefender: { type: "boolean", default: false } } },
  checks: {
    // ----- AWS
    "aws:ec2/instance:Instance": { refs: ["CKV_AWS_79", "AVD-AWS-0028"], check: imdsV2 },
    "aws:ec2/launchTemplate:LaunchTemplate": { refs: ["CKV_AWS_79", "AVD-AWS-0130"], check: imdsV2 },
    "aws:ecr/repository:Repository": { refs: ["CKV_AWS_163", "AVD-AWS-0030", "CKV_AWS_51", "AVD-AWS-0031"], check: (p, report) => {
      if (at(p, "imageScanningConfiguration.scanOnPush") !== true) report("imageScanningConfiguration.scanOnPush is not true");
      const mutability = p["imageTagMutability"];
      if (mutability !== "IMMUTABLE" && mutability !== "IMMUTABLE_WITH_EXCLUSION") report(`imageTagMutability is ${JSON.stringify(mutability ?? "MUTABLE")}: a pushed tag can be overwritten`);
    } },

    // ----- GCP
    "gcp:compute/instance:Instance": { refs: ["CKV_GCP_35", "AVD-GCP-0032", "CKV_GCP_34", "AVD-GCP-0036", "CKV_GCP_39", "AVD-GCP-0041", "AVD-GCP-0045", "CKV_GCP_31"], check: gceInstance },
    "gcp:compute/instanceTemplate:InstanceTemplate": { refs: ["CKV_GCP_35", "CKV_GCP_34", "CKV_GCP_39", "CKV_GCP_31"], check: gceInstance },
    "gcp:compute/projectMetadata:ProjectMetadata": { refs: ["CKV_GCP_33", "AVD-GCP-0042"], check: (p, report) => {
      const v = (p["metadata"] ?? {})["enable-oslogin"];
      if (!metaTrue(v)) report(`metadata enable-oslogin is ${JSON.stringify(v ?? null)}, not TRUE: instances take SSH keys from metadata instead of IAM`);
    } },
    "gcp:container/cluster:Cluster": { refs: ["CKV_GCP_7", "AVD-GCP-0062", "CKV_GCP_71", "AVD-GCP-0055"], check: (p, report) => {
      if (p["enableLegacyAbac"] === true) report("enableLegacyAbac is true: legacy ABAC grants broad rights beside RBAC");
      if (p["enableShieldedNodes"] === false) report("enableShieldedNodes is false");
    } },
    "gcp:container/nodePool:NodePool": { refs: ["CKV_GCP_10", "AVD-GCP-0058"], check: (p, report) => {
      // Enabled by default (the provider's NodePoolManagement): only an explicit false turns it off.
      if (at(p, "management.autoUpgrade") === false) report("management.autoUpgrade is false: nodes miss security patches");
    } },

    // ----- Azure
    "azure-native:containerservice:ManagedCluster": { refs: ["CKV_AZURE_141", "CKV_AZURE_5", "AVD-AZU-0042", "CKV_AZURE_116", "AVD-AZU-0066", "doc:azure/defender-for-containers"], check: (p, report, { config }) => {
      if (p["disableLocalAccounts"] !== true) report("disableLocalAccounts is not true: a static admin kubeconfig exists beside Entra ID");
      if (p["enableRBAC"] === false) report("enableRBAC is false");
      const addons: Record<string, any> = p["addonProfiles"] ?? {};
      const policy = Object.keys(addons).find((k) => k.toLowerCase() === "azurepolicy");
      if (policy === undefined || addons[policy]?.enabled !== true) report("addonProfiles.azurepolicy is not enabled: no Azure Policy admission control");
      if (config.requireAksDefender && at(p, "securityProfile.defender.securityMonitoring.enabled") !== true) report("securityProfile.defender.securityMonitoring is not enabled");
    } },
    "azure-native:web:WebApp": { refs: ["CKV_AZURE_71", "AVD-AZU-0002"], check: (p, report) => {
      // Checkov's rule covers web apps; function apps (kind functionapp) are not in it.
      const kind = p["kind"];
      if (typeof kind === "string" && kind.toLowerCase().includes("functionapp")) return;
      const type = at(p, "identity.type");
      if (!type || type === "None") report(`identity.type is ${JSON.stringify(type ?? null)}: the app has no managed identity and needs stored secrets`);
    } },
    "azure-native:compute:VirtualMachine": { refs: ["CKV_AZURE_149", "CKV_AZURE_1", "AVD-AZU-0039"], check: (p, report) => {
      const os = p["osProfile"];
      const linux = os?.linuxConfiguration;
      if (!linux) return;
      // Azure's default allows passwords: unset with an admin password is password SSH.
      if (linux.disablePasswordAuthentication === false || (linux.disablePasswordAuthentication === undefined && isSet(os, "adminPassword"))) {
        report("osProfile.linuxConfiguration.disablePasswordAuthentication is not true: SSH accepts passwords");
      }
    } },
  },
});
