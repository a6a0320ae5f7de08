/**
 * Hostile input to the kubernetes domain: every case is refused at construction with Meridian's message, before
 * anything is registered (tests/helpers/hostile.ts).
 */
import {
  AksCluster,
  EksCluster,
  EksPodIdentity,
  GkeCluster,
  GkeWorkloadIdentity,
  KubernetesApp,
  KubernetesCluster,
  type AksClusterArgs,
  type EksClusterArgs,
  type EksPodIdentityArgs,
  type GkeClusterArgs,
  type GkeWorkloadIdentityArgs,
  type KubernetesAppArgs,
  type KubernetesClusterArgs,
  type NodePoolSpec,
} from "../../../components/kubernetes";
import { hostileInputs } from "../../helpers/hostile";
import { awsDatabaseConnection as db, awsNetwork, azureNetwork, gcpNetwork } from "../../helpers/fixtures";

const LONG = "a".repeat(300);
/** A name of `n` valid characters. */
const nameOf = (n: number): string => "k".repeat(n);


const eksPool: NodePoolSpec = { name: "general", machineType: "m7g.large", minNodes: 1, maxNodes: 3 };
const eks: EksClusterArgs = { network: awsNetwork, nodePools: [eksPool] };
const ADMIN = "arn:aws:iam::123456789012:role/platform-admin";

hostileInputs("meridian:kubernetes:EksCluster", [
  { what: "a name with an underscore", field: "name", build: () => new EksCluster("orders_eks", eks) },
  { what: "a 300-character name", field: "name", build: () => new EksCluster(LONG, eks) },
  { what: "a name of __proto__", field: "name", build: () => new EksCluster("__proto__", eks) },
  { what: "a non-ASCII name", field: "name", build: () => new EksCluster("données", eks) },
  { what: "a name too long for the IAM roles auto-named from it (48 at most)", field: "name", build: () => new EksCluster(nameOf(49), eks) },
  { what: "args of null", field: "args", build: () => new EksCluster("eks", null as never) },
  { what: "no network", field: "network", build: () => new EksCluster("eks", { ...eks, network: undefined as never }) },
  { what: "a network with one private subnet (EKS needs two AZs)", field: "network.addressPlan.privateSubnets", build: () => new EksCluster("eks", { ...eks, network: { ...awsNetwork, privateSubnetIds: ["subnet-a"], addressPlan: { ...awsNetwork.addressPlan, privateSubnets: ["10.0.1.0/24"] } } }) },
  { what: "the old subnetIds shape instead of a network (an argument of 0.2.0, named rather than ignored)", field: "subnetIds", build: () => new EksCluster("eks", { subnetIds: ["subnet-a", "subnet-b"], nodePools: [eksPool] } as never) },
  { what: "node pools as a string", field: "nodePools", build: () => new EksCluster("eks", { ...eks, nodePools: "general" as never }) },
  { what: "an instance type EC2 does not have", field: "nodePools[0].machineType", build: () => new EksCluster("eks", { ...eks, nodePools: [{ ...eksPool, machineType: "m7g.huge" }] }) },
  { what: "a pool key too long for its node group name", field: "nodePools[0].name", build: () => new EksCluster(nameOf(40), { ...eks, nodePools: [{ ...eksPool, name: "a-very-long-pool-key" }] }) },
  { what: "a pool with no maxNodes", field: "nodePools[0].maxNodes", build: () => new EksCluster("eks", { ...eks, nodePools: [{ ...eksPool, maxNodes: undefined as never }] }) },
  { what: "a taint without its effect", field: "nodePools[0].taints[0].effect", build: () => new EksCluster("eks", { ...eks, nodePools: [{ ...eksPool, taints: [{ key: "batch", value: "true" } as never] }] }) },
  { what: "a label key Kubernetes refuses", field: "nodePools[0].labels.-tier", build: () => new EksCluster("eks", { ...eks, nodePools: [{ ...eksPool, labels: { "-tier": "web" } }] }) },
  { what: "an unsupported version", field: "version", build: () => new EksCluster("eks", { ...eks, version: "1.20" as never }) },
  { what: "public CIDRs as a string", field: "publicAccessCidrs", build: () => new EksCluster("eks", { ...eks, publicAccessCidrs: "203.0.113.0/24" as never }) },
  { what: "a private range for the public endpoint (EKS refuses it)", field: "publicAccessCidrs[0]", build: () => new EksCluster("eks", { ...eks, publicAccessCidrs: ["10.0.0.0/8"] }) },
  { what: "an admin that is not an IAM ARN", field: "adminPrincipalArns[0]", build: () => new EksCluster("eks", { ...eks, adminPrincipalArns: ["platform-admin"] }) },
  { what: "the same admin twice (EKS keeps one access entry per principal)", field: "adminPrincipalArns", build: () => new EksCluster("eks", { ...eks, adminPrincipalArns: [ADMIN, ADMIN] }) },
  { what: "a retention CloudWatch does not offer", field: "logRetentionDays", build: () => new EksCluster("eks", { ...eks, logRetentionDays: 42 }) },
  { what: "protect: false in the args with { protect: true } as an option", field: "protect", build: () => new EksCluster("eks", { ...eks, protect: false }, { protect: true }) },
]);

const gkePool: NodePoolSpec = { name: "general", machineType: "e2-standard-4", minNodes: 1, maxNodes: 3 };
const gke: GkeClusterArgs = { network: gcpNetwork, project: "meridian-prod-01", region: "us-central1", nodePools: [gkePool] };

hostileInputs("meridian:kubernetes:GkeCluster", [
  { what: "a name with capitals and an underscore", field: "name", build: () => new GkeCluster("Orders_GKE", gke) },
  { what: "a name too long for the auto-named cluster (GKE: 40 characters)", field: "name", build: () => new GkeCluster(nameOf(25), gke) },
  { what: "a name of __proto__", field: "name", build: () => new GkeCluster("__proto__", gke) },
  { what: "a non-ASCII name", field: "name", build: () => new GkeCluster("données", gke) },
  { what: "args of undefined", field: "args", build: () => new GkeCluster("gke", undefined as never) },
  { what: "a region that does not exist", field: "region", build: () => new GkeCluster("gke", { ...gke, region: "us-moon1" }) },
  { what: "a zone the region does not have", field: "zones[0]", build: () => new GkeCluster("gke", { ...gke, zones: ["us-central1-z"] }) },
  { what: "a zone twice", field: "zones", build: () => new GkeCluster("gke", { ...gke, zones: ["us-central1-a", "us-central1-a"] }) },
  { what: "zones as a string", field: "zones", build: () => new GkeCluster("gke", { ...gke, zones: "us-central1-a" as never }) },
  { what: "a vCPU count the family does not come in", field: "nodePools[0].machineType", build: () => new GkeCluster("gke", { ...gke, nodePools: [{ ...gkePool, machineType: "e2-standard-3" }] }) },
  { what: "a machine family GCE does not have", field: "nodePools[0].machineType", build: () => new GkeCluster("gke", { ...gke, nodePools: [{ ...gkePool, machineType: "x9-standard-4" }] }) },
  { what: "a pool key too long for its node pool name (GKE: 40)", field: "nodePools[0].name", build: () => new GkeCluster(nameOf(20), { ...gke, nodePools: [{ ...gkePool, name: "a-very-long-pool-key" }] }) },
  { what: "node pools as a string", field: "nodePools", build: () => new GkeCluster("gke", { ...gke, nodePools: "general" as never }) },
  { what: "a version the release channel does not offer", field: "version", build: () => new GkeCluster("gke", { ...gke, version: "1.31" }) },
  { what: "a version GKE does not have", field: "version", build: () => new GkeCluster("gke", { ...gke, version: "1.99" as never }) },
  { what: "no network", field: "network", build: () => new GkeCluster("gke", { ...gke, network: undefined as never }) },
  { what: "a network of another region", field: "network.region", build: () => new GkeCluster("gke", { ...gke, network: { ...gcpNetwork, region: "europe-west1" } as never }) },
  { what: "deletion protection off while protected", field: "deletionProtection", build: () => new GkeCluster("gke", { ...gke, deletionProtection: false }, { protect: true }) },
  { what: "authorized networks as a string", field: "authorizedNetworks", build: () => new GkeCluster("gke", { ...gke, authorizedNetworks: "198.51.100.0/24" as never }) },
  { what: "a project id GCP refuses", field: "project", build: () => new GkeCluster("gke", { ...gke, project: "Bad_Project" }) },
]);

const aksPool: NodePoolSpec = { name: "user", machineType: "Standard_D4ds_v5", minNodes: 1, maxNodes: 3 };
const aks: AksClusterArgs = { network: azureNetwork, location: "eastus", nodePools: [aksPool] };

hostileInputs("meridian:kubernetes:AksCluster", [
  { what: "a name with an underscore", field: "name", build: () => new AksCluster("orders_aks", aks) },
  { what: "a Key Vault key's id for the disk encryption set", field: "diskEncryptionSetId", build: () => new AksCluster("aks", { ...aks, diskEncryptionSetId: "https://kv.vault.azure.net/keys/disks/1" }) },
  { what: "encryption at host as a string", field: "encryptionAtHost", build: () => new AksCluster("aks", { ...aks, encryptionAtHost: "no" as never }) },
  { what: "a name too long for the auto-named managed cluster (47 at most)", field: "name", build: () => new AksCluster(nameOf(48), aks) },
  { what: "a name of __proto__", field: "name", build: () => new AksCluster("__proto__", aks) },
  { what: "a non-ASCII name", field: "name", build: () => new AksCluster("données", aks) },
  { what: "args of null", field: "args", build: () => new AksCluster("aks", null as never) },
  { what: "no network (it crashed after registering)", field: "network", build: () => new AksCluster("aks", { ...aks, network: undefined as never }) },
  { what: "a network without its address plan", field: "network.addressPlan", build: () => new AksCluster("aks", { ...aks, network: { ...azureNetwork, addressPlan: undefined as never } }) },
  { what: "a pod range inside the VNet", field: "podCidr", build: () => new AksCluster("aks", { ...aks, podCidr: "10.40.128.0/17" }) },
  { what: "a VNet over AKS's default service range", field: "serviceCidr", build: () => new AksCluster("aks", { ...aks, network: { ...azureNetwork, addressPlan: { ...azureNetwork.addressPlan, vnet: "10.0.0.0/8" } } }) },
  { what: "a location that does not exist", field: "location", build: () => new AksCluster("aks", { ...aks, location: "moonbase" }) },
  { what: "a location without availability zones", field: "location", build: () => new AksCluster("aks", { ...aks, location: "westus" }) },
  { what: "a VM size of no family", field: "nodePools[0].machineType", build: () => new AksCluster("aks", { ...aks, nodePools: [{ ...aksPool, machineType: "Standard_Moon4" }] }) },
  { what: "a 1-vCPU VM size (AKS refuses it)", field: "nodePools[0].machineType", build: () => new AksCluster("aks", { ...aks, nodePools: [{ ...aksPool, machineType: "Standard_B1s" }] }) },
  { what: "a 1-vCPU system pool", field: "systemVmSize", build: () => new AksCluster("aks", { ...aks, systemVmSize: "Standard_D1_v2" }) },
  { what: "a user pool named system", field: "nodePools[0].name", build: () => new AksCluster("aks", { ...aks, nodePools: [{ ...aksPool, name: "system" }] }) },
  { what: "public ranges on a private cluster (silently ignored before)", field: "authorizedIpRanges", build: () => new AksCluster("aks", { ...aks, authorizedIpRanges: ["203.0.113.0/24"] }) },
  { what: "node pools as a string", field: "nodePools", build: () => new AksCluster("aks", { ...aks, nodePools: "user" as never }) },
  { what: "an admin group that is not an object id", field: "adminGroupObjectIds[0]", build: () => new AksCluster("aks", { ...aks, adminGroupObjectIds: ["platform-admins"] }) },
]);

const pools = [{ name: "general", size: "small" as const, minNodes: 1, maxNodes: 3 }];
const awsSpec: KubernetesClusterArgs = { cloud: "aws", awsNetwork, nodePools: pools };
const gcpSpec: KubernetesClusterArgs = { cloud: "gcp", gcpNetwork, project: "meridian-prod-01", region: "us-central1", nodePools: pools };
const azureSpec: KubernetesClusterArgs = { cloud: "azure", azureNetwork, region: "eastus", nodePools: pools };

hostileInputs("meridian:kubernetes:KubernetesCluster", [
  { what: "no cloud", field: "cloud", build: () => new KubernetesCluster("k8s", { ...awsSpec, cloud: undefined as never }) },
  { what: "a cloud that does not exist", field: "cloud", build: () => new KubernetesCluster("k8s", { ...awsSpec, cloud: "moon" as never }) },
  { what: "args of null", field: "args", build: () => new KubernetesCluster("k8s", null as never) },
  { what: "a name with an underscore", field: "name", build: () => new KubernetesCluster("k8s_aws", awsSpec) },
  { what: "a name too long for GKE", field: "name", build: () => new KubernetesCluster(nameOf(25), gcpSpec) },
  { what: "node pools as a string", field: "nodePools", build: () => new KubernetesCluster("k8s", { ...awsSpec, nodePools: "general" as never }) },
  { what: "a size of __proto__", field: "nodePools[0].size", build: () => new KubernetesCluster("k8s", { ...awsSpec, nodePools: [{ ...pools[0]!, size: "__proto__" as never }] }) },
  { what: "a size of toString", field: "nodePools[0].size", build: () => new KubernetesCluster("k8s", { ...gcpSpec, nodePools: [{ ...pools[0]!, size: "toString" as never }] }) },
  { what: "an AWS-only field on GCP", field: "adminPrincipalArns", build: () => new KubernetesCluster("k8s", { ...gcpSpec, adminPrincipalArns: [ADMIN] }) },
  { what: "GKE zones on AWS", field: "zones", build: () => new KubernetesCluster("k8s", { ...awsSpec, zones: ["us-east-1a"] }) },
  { what: "a GCP project on Azure", field: "project", build: () => new KubernetesCluster("k8s", { ...azureSpec, project: "meridian-prod-01" }) },
  { what: "a region on AWS (which takes the provider's)", field: "region", build: () => new KubernetesCluster("k8s", { ...awsSpec, region: "us-east-1" }) },
  { what: "another cloud's network", field: "gcpNetwork", build: () => new KubernetesCluster("k8s", { ...azureSpec, gcpNetwork }) },
  { what: "no network for the cloud", field: "awsNetwork", build: () => new KubernetesCluster("k8s", { ...awsSpec, awsNetwork: undefined }) },
  { what: "no region on GCP", field: "region", build: () => new KubernetesCluster("k8s", { ...gcpSpec, region: undefined }) },
  { what: "a version GKE's REGULAR channel does not offer", field: "version", build: () => new KubernetesCluster("k8s", { ...gcpSpec, version: "1.31" }) },
  { what: "a zone GCP does not have", field: "zones[0]", build: () => new KubernetesCluster("k8s", { ...gcpSpec, zones: ["us-central1-z"] }) },
  { what: "a private range for the EKS public endpoint", field: "apiAllowedCidrs[0]", build: () => new KubernetesCluster("k8s", { ...awsSpec, apiAllowedCidrs: ["10.0.0.0/8"] }) },
  { what: "an Azure location that does not exist", field: "region", build: () => new KubernetesCluster("k8s", { ...azureSpec, region: "moonbase" }) },
  { what: "an Azure network without its address plan", field: "azureNetwork.addressPlan", build: () => new KubernetesCluster("k8s", { ...azureSpec, azureNetwork: { ...azureNetwork, addressPlan: undefined as never } }) },
  { what: "protect: false in the args with { protect: true } as an option", field: "protect", build: () => new KubernetesCluster("k8s", { ...awsSpec, protect: false }, { protect: true }) },
]);

const app: KubernetesAppArgs = { image: "ghcr.io/acme/api:1.4.2" };
/** The validation runs before the provider is used: a map naming the package is enough here. */
const k8s = { providers: { kubernetes: {} as never } };

hostileInputs("meridian:kubernetes:KubernetesApp", [
  { what: "a name starting with a digit (a Service name is an RFC 1035 label)", field: "name", build: () => new KubernetesApp("1api", app, k8s) },
  { what: "a name with a dot", field: "name", build: () => new KubernetesApp("api.v2", app, k8s) },
  { what: "a 70-character name (label values and Service names: 63)", field: "name", build: () => new KubernetesApp(nameOf(70), app, k8s) },
  { what: "a name of __proto__", field: "name", build: () => new KubernetesApp("__proto__", app, k8s) },
  { what: "args of null", field: "args", build: () => new KubernetesApp("api", null as never, k8s) },
  { what: "no cluster provider (it registered before refusing)", field: "opts.providers", build: () => new KubernetesApp("api", app) },
  { what: "an environment variable starting with a digit", field: "environment", build: () => new KubernetesApp("api", { ...app, environment: { "1BAD": "x" } }, k8s) },
  { what: "an environment variable with =", field: "environment", build: () => new KubernetesApp("api", { ...app, environment: { "A=B": "x" } }, k8s) },
  { what: "an empty environment variable name", field: "environment", build: () => new KubernetesApp("api", { ...app, environment: { "": "x" } }, k8s) },
  { what: "a number as an environment value", field: "environment.PORT", build: () => new KubernetesApp("api", { ...app, environment: { PORT: 8080 as never } }, k8s) },
  { what: "a variable the database connection sets", field: "environment", build: () => new KubernetesApp("api", { ...app, database: db, environment: { PGHOST: "elsewhere" } }, k8s) },
  { what: "an empty image", field: "image", build: () => new KubernetesApp("api", { image: "" }, k8s) },
  { what: "an image with no tag or digest", field: "image", build: () => new KubernetesApp("api", { image: "ghcr.io/acme/api" }, k8s) },
  { what: "an image on :latest", field: "image", build: () => new KubernetesApp("api", { image: "ghcr.io/acme/api:latest" }, k8s) },
  { what: "a CPU quantity with a suffix Kubernetes does not have (K)", field: "requests.cpu", build: () => new KubernetesApp("api", { ...app, requests: { cpu: "1000000K", memory: "256Mi" } }, k8s) },
  { what: "a million cores", field: "limits.cpu", build: () => new KubernetesApp("api", { ...app, limits: { cpu: "1000000", memory: "512Mi" } }, k8s) },
  { what: "a CPU finer than a millicore", field: "requests.cpu", build: () => new KubernetesApp("api", { ...app, requests: { cpu: "0.5m", memory: "256Mi" } }, k8s) },
  { what: "a memory request below what a runtime runs", field: "requests.memory", build: () => new KubernetesApp("api", { ...app, requests: { cpu: "250m", memory: "1Ki" } }, k8s) },
  { what: "requests as a string", field: "requests", build: () => new KubernetesApp("api", { ...app, requests: "250m" as never }, k8s) },
  { what: "ingress sources as a string", field: "allowedIngressCidrs", build: () => new KubernetesApp("api", { ...app, allowedIngressCidrs: "10.0.0.0/8" as never }, k8s) },
  { what: "an egress rule of null", field: "allowedEgress[0]", build: () => new KubernetesApp("api", { ...app, allowedEgress: [null as never] }, k8s) },
  { what: "a workload identity with no cloud", field: "workloadIdentity.cloud", build: () => new KubernetesApp("api", { ...app, workloadIdentity: { roleArn: "arn:aws:iam::123456789012:role/api" } as never }, k8s) },
  { what: "a workload identity of __proto__", field: "workloadIdentity.cloud", build: () => new KubernetesApp("api", { ...app, workloadIdentity: { cloud: "__proto__" as never } }, k8s) },
  { what: "a role ARN that is not one", field: "workloadIdentity.roleArn", build: () => new KubernetesApp("api", { ...app, workloadIdentity: { cloud: "aws", roleArn: "api-role" } }, k8s) },
  { what: "the kube-system namespace (it exists; the app creates its own)", field: "namespace", build: () => new KubernetesApp("api", { ...app, namespace: "kube-system" }, k8s) },
  { what: "a name that makes the default namespace", field: "name", build: () => new KubernetesApp("default", app, k8s) },
]);

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const pod: EksPodIdentityArgs = { clusterName: "eks-prod", namespace: "web", serviceAccount: "web", secrets: { "db-password": SECRET }, kmsKeyArns: [KEY] };

hostileInputs("meridian:kubernetes:EksPodIdentity", [
  { what: "a name with an underscore", field: "name", build: () => new EksPodIdentity("web_identity", pod) },
  { what: "a name too long for the auto-named role (51 at most)", field: "name", build: () => new EksPodIdentity(nameOf(52), pod) },
  { what: "a name of __proto__", field: "name", build: () => new EksPodIdentity("__proto__", pod) },
  { what: "a non-ASCII name", field: "name", build: () => new EksPodIdentity("données", pod) },
  { what: "args of null", field: "args", build: () => new EksPodIdentity("web-identity", null as never) },
  { what: "no cluster name", field: "clusterName", build: () => new EksPodIdentity("web-identity", { ...pod, clusterName: undefined as never }) },
  { what: "a cluster name EKS refuses", field: "clusterName", build: () => new EksPodIdentity("web-identity", { ...pod, clusterName: "eks prod" }) },
  { what: "a namespace with capitals", field: "namespace", build: () => new EksPodIdentity("web-identity", { ...pod, namespace: "Web" }) },
  { what: "a service account with an underscore", field: "serviceAccount", build: () => new EksPodIdentity("web-identity", { ...pod, serviceAccount: "web_sa" }) },
  { what: "KMS keys as a string", field: "kmsKeyArns", build: () => new EksPodIdentity("web-identity", { ...pod, kmsKeyArns: KEY as never }) },
  { what: "a KMS alias where a key ARN goes", field: "kmsKeyArns[0]", build: () => new EksPodIdentity("web-identity", { ...pod, kmsKeyArns: ["alias/aws/secretsmanager"] }) },
  { what: "a KMS key of another Region than the secrets", field: "kmsKeyArns[0]", build: () => new EksPodIdentity("web-identity", { ...pod, kmsKeyArns: [KEY.replace("us-east-1", "eu-west-1")] }) },
  { what: "secrets of two Regions with one decrypt grant", field: "secrets", build: () => new EksPodIdentity("web-identity", { ...pod, secrets: { a: SECRET, b: SECRET.replace("us-east-1", "eu-west-1") } }) },
  { what: "secrets as a string", field: "secrets", build: () => new EksPodIdentity("web-identity", { ...pod, secrets: SECRET as never }) },
  { what: "no secret at all", field: "secrets", build: () => new EksPodIdentity("web-identity", { ...pod, secrets: {} }) },
  { what: "a password where the secret ARN goes", field: "secrets.db-password", build: () => new EksPodIdentity("web-identity", { ...pod, secrets: { "db-password": "hunter2" } }) },
  { what: "a secret keyed __proto__", field: "secrets.__proto__", build: () => new EksPodIdentity("web-identity", { ...pod, secrets: { ["__proto__"]: SECRET } }) },
]);

const wi: GkeWorkloadIdentityArgs = { project: "meridian-prod-01", namespace: "web", serviceAccount: "web", secrets: { "db-password": "projects/meridian-prod-01/secrets/db-password" } };

hostileInputs("meridian:kubernetes:GkeWorkloadIdentity", [
  { what: "a name with an underscore", field: "name", build: () => new GkeWorkloadIdentity("web_identity", wi) },
  { what: "a 64-character name", field: "name", build: () => new GkeWorkloadIdentity(nameOf(64), wi) },
  { what: "a name of __proto__", field: "name", build: () => new GkeWorkloadIdentity("__proto__", wi) },
  { what: "a non-ASCII name", field: "name", build: () => new GkeWorkloadIdentity("données", wi) },
  { what: "args of undefined", field: "args", build: () => new GkeWorkloadIdentity("web-identity", undefined as never) },
  { what: "a project id GCP refuses", field: "project", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, project: "P" }) },
  { what: "a namespace with an underscore", field: "namespace", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, namespace: "kube_system" }) },
  { what: "no namespace", field: "namespace", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, namespace: undefined as never }) },
  { what: "an empty service account", field: "serviceAccount", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, serviceAccount: "" }) },
  { what: "secrets as a string", field: "secrets", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, secrets: "projects/p/secrets/s" as never }) },
  { what: "secrets as a list", field: "secrets", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, secrets: ["projects/meridian-prod-01/secrets/db-password"] as never }) },
  { what: "a bare secret name where the secret id goes", field: "secrets.db-password", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, secrets: { "db-password": "db-password" } }) },
  { what: "a secret keyed toString", field: "secrets.toString", build: () => new GkeWorkloadIdentity("web-identity", { ...wi, secrets: { toString: "projects/meridian-prod-01/secrets/db-password" } }) },
]);
hostileInputs("meridian:kubernetes:KubernetesCluster", [{ what: "a GKE-only endpoint choice on EKS", field: "apiEndpoint", build: () => new KubernetesCluster("k8s", { ...awsSpec, apiEndpoint: "private" }) }]);
