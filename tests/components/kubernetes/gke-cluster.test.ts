import * as pulumi from "@pulumi/pulumi";
import { GkeCluster, validateGkeClusterArgs, type GkeClusterArgs, type NodePoolSpec } from "../../../components/kubernetes";
import { GcpNetwork } from "../../../components/network";
import { resource, runProgram } from "../../helpers/offline";
import { gcpNetwork as network } from "../../helpers/fixtures";

const T = "meridian:kubernetes:GkeCluster";
const pool: NodePoolSpec = { name: "general", machineType: "e2-standard-4", minNodes: 1, maxNodes: 3 };
const base: GkeClusterArgs = { network, project: "meridian-prod-01", region: "us-central1", nodePools: [pool] };

describe("validateGkeClusterArgs", () => {
  it.each<[string, Partial<GkeClusterArgs>, string]>([
    ["no node pools", { nodePools: [] }, `${T} 'gke': nodePools must be a list of node pools (at least 1); got [].`],
    ["min above max", { nodePools: [{ ...pool, minNodes: 4 }] }, `${T} 'gke': nodePools[0].minNodes must be an integer from 0 to 3; got 4.`],
    ["desired outside [min, max]", { nodePools: [{ ...pool, desiredNodes: 5 }] }, `${T} 'gke': nodePools[0].desiredNodes must be an integer from 1 to 3; got 5.`],
    ["a master CIDR inside the network", { masterCidr: "10.10.0.0/28" }, `${T} 'gke': masterCidr must be a /28 outside the network's ranges (it overlaps network.subnet); got "10.10.0.0/28".`],
    ["a master CIDR that is not a /28", { masterCidr: "172.16.0.0/24" }, `${T} 'gke': masterCidr must be a /28 block; got "172.16.0.0/24".`],
    ["node pools on Autopilot", { mode: "autopilot" }, `${T} 'gke': nodePools must be empty in autopilot mode (Google manages the nodes); got ["general"].`],
    ["two pools with one key", { nodePools: [pool, pool] }, `${T} 'gke': nodePools[1].name must be a key no other pool has; got "general".`],
    ["a zone of another region", { zones: ["us-east1-b"] }, `${T} 'gke': zones[0] must be a zone of us-central1: "us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"; got "us-east1-b".`],
    ["a zone twice", { zones: ["us-central1-a", "us-central1-a"] }, `${T} 'gke': zones must be a list without duplicates ("us-central1-a" appears twice); got ["us-central1-a","us-central1-a"].`],
    ["zones on Autopilot", { mode: "autopilot", nodePools: [], zones: ["us-central1-a"] }, `${T} 'gke': zones must be unset in autopilot mode (Google places the nodes); got ["us-central1-a"].`],
    [
      "a hand-typed network whose plan has a malformed range",
      { network: { ...network, addressPlan: { ...network.addressPlan, pods: "10.16/14" } } as unknown as GcpNetwork },
      `${T} 'gke': network.addressPlan.pods must be an IPv4 CIDR block; got "10.16/14".`,
    ],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateGkeClusterArgs("gke", { ...base, ...args })).toThrow(message);
  });
});

describe("GkeCluster", () => {
  it("is private, VPC-native, Dataplane V2, Workload Identity, KMS-encrypted secrets, least-privilege nodes; kubeconfig secret", async () => {
    let kubeconfigSecret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const net = new GcpNetwork("net", { region: "us-central1" });
      const gke = new GkeCluster("gke", { ...base, network: net, nodePools: [{ ...pool, spot: true, taints: [{ key: "batch", value: "true", effect: "NoSchedule" }] }], authorizedNetworks: [{ name: "office", cidr: "198.51.100.0/24" }] });
      kubeconfigSecret = pulumi.isSecret(gke.kubeconfig);
      return { kubeconfig: gke.kubeconfig, pool: gke.workloadPool };
    });
    const cluster = resource(result, "gcp:container/cluster:Cluster", "gke-cluster");
    expect(cluster.inputs).toMatchObject({
      location: "us-central1",
      removeDefaultNodePool: true,
      enableShieldedNodes: true,
      workloadIdentityConfig: { workloadPool: "meridian-prod-01.svc.id.goog" },
      releaseChannel: { channel: "REGULAR" },
      ipAllocationPolicy: { clusterSecondaryRangeName: "net-pods", servicesSecondaryRangeName: "net-services" },
      privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: "172.16.0.0/28" },
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ displayName: "office", cidrBlock: "198.51.100.0/24" }] },
      datapathProvider: "ADVANCED_DATAPATH",
      databaseEncryption: { state: "ENCRYPTED" },
      deletionProtection: true,
    });
    expect(cluster.dependsOn).toContain(resource(result, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gke-secrets").urn);
    expect(resource(result, "gcp:kms/cryptoKey:CryptoKey", "gke-secrets").inputs).toMatchObject({ rotationPeriod: "7776000s" });
    expect(resource(result, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gke-secrets").inputs["member"]).toBe("serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com");
    const nodePool = resource(result, "gcp:container/nodePool:NodePool", "gke-general");
    expect(nodePool.inputs).toMatchObject({
      autoscaling: { minNodeCount: 1, maxNodeCount: 3 },
      nodeConfig: {
        machineType: "e2-standard-4",
        spot: true,
        serviceAccount: "gke-gke@meridian-prod-01.iam.gserviceaccount.com",
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        taints: [{ key: "batch", value: "true", effect: "NO_SCHEDULE" }],
      },
    });
    const roles = result.resources.filter((r) => r.type === "gcp:projects/iAMMember:IAMMember").map((r) => r.inputs["role"]);
    expect(roles).toEqual(["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/artifactregistry.reader"]);
    expect(await kubeconfigSecret).toBe(true);
    expect(result.outputs["kubeconfig"]).toBe("[secret]");
    const provider = resource(result, "pulumi:providers:kubernetes", "gke-k8s");
    const kubeconfig = JSON.parse(provider.inputs["kubeconfig"] as string);
    expect(kubeconfig.users[0].user.exec.command).toBe("gke-gcloud-auth-plugin");
    expect(provider.maskedInputs["kubeconfig"]).toBe("[secret]");
  });
});

describe("GkeCluster and the load balancer", () => {
  it("pins the nodes to the zones given and lists each pool's instance group per zone", async () => {
    const result = await runProgram(() => {
      const gke = new GkeCluster("gke", { ...base, zones: ["us-central1-a", "us-central1-c"] });
      return { groups: pulumi.all(gke.instanceGroups().map((g) => pulumi.all({ key: g.key, zone: g.zone, group: g.group }))) };
    });
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster").inputs["nodeLocations"]).toEqual(["us-central1-a", "us-central1-c"]);
    expect(resource(result, "gcp:container/nodePool:NodePool", "gke-general").inputs["nodeLocations"]).toEqual(["us-central1-a", "us-central1-c"]);
    expect(result.outputs["groups"]).toEqual([
      { key: "general-a", zone: "us-central1-a", group: expect.stringMatching(/\/zones\/us-central1-a\/instanceGroups\/gke-/) },
      { key: "general-c", zone: "us-central1-c", group: expect.stringMatching(/\/zones\/us-central1-c\/instanceGroups\/gke-/) },
    ]);
  });

  it("refuses to list instance groups without zones, naming the field", async () => {
    await expect(runProgram(() => new GkeCluster("gke", base).instanceGroups())).rejects.toThrow(`${T} 'gke': zones must be the zones of the region, to put the node pools behind a load balancer; got undefined.`);
  });
});

describe("GkeCluster protection, version and key ring", () => {
  it("protects the cluster (GKE deletion protection on), its node pools, the key ring, its key and the ring's suffix when the component is protected", async () => {
    const result = await runProgram(() => new GkeCluster("gke", base, { protect: true }));
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster")).toMatchObject({ protect: true, inputs: { deletionProtection: true } });
    expect(resource(result, "gcp:container/nodePool:NodePool", "gke-general").protect).toBe(true);
    expect(resource(result, "gcp:kms/keyRing:KeyRing", "gke-keys").protect).toBe(true);
    expect(resource(result, "gcp:kms/cryptoKey:CryptoKey", "gke-secrets").protect).toBe(true);
    expect(resource(result, "random:index/randomId:RandomId", "gke-keys").protect).toBe(true);
  });

  it("leaves them free without protection, keeping deletionProtection as given", async () => {
    const result = await runProgram(() => new GkeCluster("gke", { ...base, deletionProtection: false }));
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster")).toMatchObject({ protect: false, inputs: { deletionProtection: false } });
    expect(resource(result, "gcp:kms/keyRing:KeyRing", "gke-keys").protect).toBe(false);
  });

  it("names the key ring with a random suffix made once, so a destroyed stack can be created again", async () => {
    const result = await runProgram(() => new GkeCluster("gke", base));
    expect(resource(result, "random:index/randomId:RandomId", "gke-keys").inputs).toEqual({ byteLength: 2 });
    expect(resource(result, "gcp:kms/keyRing:KeyRing", "gke-keys").inputs["name"]).toMatch(/^gke-gke-[0-9a-f]{4}$/);
  });

  it("honours the version as the control plane's minimum; the node pools follow it by auto-upgrade, never pinned", async () => {
    const result = await runProgram(() => new GkeCluster("gke", { ...base, version: "1.33" }));
    expect(resource(result, "gcp:container/cluster:Cluster", "gke-cluster").inputs).toMatchObject({ minMasterVersion: "1.33", releaseChannel: { channel: "REGULAR" } });
    const pool = resource(result, "gcp:container/nodePool:NodePool", "gke-general").inputs;
    expect({ version: pool["version"], autoUpgrade: (pool["management"] as { autoUpgrade?: boolean } | undefined)?.autoUpgrade }).toEqual({ version: undefined, autoUpgrade: true });
    const unset = await runProgram(() => new GkeCluster("gke", base));
    expect(resource(unset, "gcp:container/cluster:Cluster", "gke-cluster").inputs["minMasterVersion"]).toBeUndefined();
    expect(resource(unset, "gcp:container/nodePool:NodePool", "gke-general").inputs["version"]).toBeUndefined();
  });

  it("takes the machine types GCE has, shared-core E2 included", () => {
    const accepted = ["e2-medium", "n2-highmem-16", "c3-standard-22", "t2a-standard-4", "n2d-highcpu-224", "g2-standard-4", "a2-highgpu-1g", "m1-ultramem-40", "n2-custom-6-24576"];
    for (const machineType of accepted) {
      expect(() => validateGkeClusterArgs("gke", { ...base, nodePools: [{ ...pool, machineType }] })).not.toThrow();
    }
    // A sized family's size that does not exist, and a family that does not.
    for (const machineType of ["n2-standard-6", "moon-standard-4"]) {
      expect(() => validateGkeClusterArgs("gke", { ...base, nodePools: [{ ...pool, machineType }] })).toThrow("nodePools[0].machineType must be");
    }
  });
});

describe("GkeCluster on its private endpoint", () => {
  it("points the kubeconfig at the control plane's private IP and exports the VPC's custom routes to the control plane's peering", async () => {
    const result = await runProgram(() => {
      const gke = new GkeCluster("gke", { ...base, apiEndpoint: "private", authorizedNetworks: [{ name: "aws-vpc", cidr: "10.0.0.0/16" }] });
      return { endpoint: gke.endpoint, masterCidr: gke.masterCidr, kubeconfig: pulumi.unsecret(gke.kubeconfig) };
    });
    const cluster = resource(result, "gcp:container/cluster:Cluster", "gke-cluster");
    const peering = (cluster.state!["privateClusterConfig"] as { peeringName: string }).peeringName;
    expect(resource(result, "gcp:compute/networkPeeringRoutesConfig:NetworkPeeringRoutesConfig", "gke-control-plane-routes").inputs).toEqual({
      project: "meridian-prod-01",
      network: (network.networkId as string).split("/").pop(),
      peering,
      exportCustomRoutes: true,
      importCustomRoutes: false,
    });
    expect(result.outputs).toMatchObject({ endpoint: "172.16.0.2", masterCidr: "172.16.0.0/28" });
    expect((JSON.parse(result.outputs["kubeconfig"] as string) as { clusters: Array<{ cluster: { server: string } }> }).clusters[0]!.cluster.server).toBe("https://172.16.0.2");
    expect(cluster.inputs["masterAuthorizedNetworksConfig"]).toEqual({ cidrBlocks: [{ displayName: "aws-vpc", cidrBlock: "10.0.0.0/16" }] });
  });

  it("keeps the public endpoint by default, with no peering routes config", async () => {
    const result = await runProgram(() => new GkeCluster("gke", base));
    expect(result.resources.filter((r) => r.type === "gcp:compute/networkPeeringRoutesConfig:NetworkPeeringRoutesConfig")).toEqual([]);
    expect(() => validateGkeClusterArgs("gke", { ...base, apiEndpoint: "internal" as never })).toThrow(`${T} 'gke': apiEndpoint must be one of "public", "private"; got "internal".`);
  });
});
