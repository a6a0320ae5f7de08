import { appScaleUps, kubernetesCloud, SCALE_UP_TIMES, serverlessScaleUps } from "../../../../policies/rules/resilience/rto-parts";

/** The Kubernetes provider a GkeCluster (or EksCluster) component makes, as the offline engine records it (`urn::id`). */
const provider = (cluster: "GkeCluster" | "EksCluster") => `urn:pulumi:s::p::meridian:kubernetes:KubernetesCluster$meridian:kubernetes:${cluster}$pulumi:providers:kubernetes::k8s::0000`;

/** An app as KubernetesApp registers it on `cluster`: its autoscaler and Deployment. */
function app(cluster: "GkeCluster" | "EksCluster", opts: { min: number; max: number; cpu?: string; memory?: string }) {
  const metadata = { name: "web", namespace: "web" };
  return [
    { type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name: "web-hpa", provider: provider(cluster), props: { metadata, spec: { minReplicas: opts.min, maxReplicas: opts.max, scaleTargetRef: { name: "web" } } } },
    {
      type: "kubernetes:apps/v1:Deployment",
      name: "web-deployment",
      provider: provider(cluster),
      props: { metadata, spec: { template: { spec: { containers: [{ resources: { requests: { cpu: opts.cpu ?? "250m", memory: opts.memory ?? "256Mi" } } }] } } } },
    },
  ];
}
const gkePool = (min: number, max: number, zones = 3, machineType = "e2-standard-4") => ({
  type: "gcp:container/nodePool:NodePool",
  name: "pool",
  props: { autoscaling: { minNodeCount: min, maxNodeCount: max }, nodeLocations: ["a", "b", "c"].slice(0, zones), nodeConfig: { machineType } },
});
const eksGroup = (min: number, max: number, instanceType = "m7g.xlarge") => ({ type: "aws:eks/nodeGroup:NodeGroup", name: "group", props: { instanceTypes: [instanceType], scalingConfig: { minSize: min, maxSize: max } } });
const t = SCALE_UP_TIMES;

describe("appScaleUps (the RTO's scale-up part)", () => {
  it("reads the cloud from the cluster component that made the Kubernetes provider", () => {
    expect(kubernetesCloud({ type: "x", props: {}, provider: provider("GkeCluster") })).toBe("gcp");
    expect(kubernetesCloud({ type: "x", props: {}, provider: { urn: provider("EksCluster") } })).toBe("aws");
    expect(kubernetesCloud({ type: "x", props: {} })).toBeNull();
  });

  it("is the pods' start when the pools' minimum holds the failover size (GKE sizes are per zone)", () => {
    // e2-standard-4, 75 % for the app: 3,000 m / 250 m = 12 pods a node; 1 node in each of 3 zones holds 36.
    const [gcp] = appScaleUps([...app("GkeCluster", { min: 3, max: 20 }), gkePool(1, 4)], 10);
    expect(gcp).toMatchObject({ cloud: "gcp", app: "web", namespace: "web", minReplicas: 3, targetReplicas: 10, podsPerNode: 12, nodesAtMin: 3, nodesNeeded: 1, nodeScaleUp: false, reachable: true, seconds: t.podStartSeconds });
  });

  it("adds the autoscaler's scan and new nodes when the minimum cannot hold it, by the tighter of CPU and memory", () => {
    // m7g.xlarge 16 GiB × 75 % = 12 GiB / 4 GiB = 3 pods a node (CPU would allow 3,000 m / 500 m = 6): 10 pods need 4 nodes.
    const [aws] = appScaleUps([...app("EksCluster", { min: 2, max: 20, cpu: "500m", memory: "4Gi" }), eksGroup(1, 6)], 10);
    expect(aws).toMatchObject({ cloud: "aws", podsPerNode: 3, nodesAtMin: 1, nodesNeeded: 4, nodeScaleUp: true, reachable: true });
    expect(aws?.seconds).toBe(t.podStartSeconds + t.clusterAutoscalerScanSeconds + t.nodeProvisionSeconds);
  });

  it("is 0 when the minimum is already the failover size", () => {
    expect(appScaleUps([...app("GkeCluster", { min: 10, max: 20 }), gkePool(1, 4)], 10)[0]?.seconds).toBe(0);
  });

  it("fails to reach the failover size, saying why: the autoscaler's maximum, or the pools' maximum", () => {
    expect(appScaleUps([...app("GkeCluster", { min: 1, max: 4 }), gkePool(1, 4)], 10)[0]).toMatchObject({ reachable: false, problem: "its autoscaler allows at most 4 replicas" });
    expect(appScaleUps([...app("EksCluster", { min: 1, max: 20, memory: "4Gi" }), eksGroup(1, 2)], 10)[0]).toMatchObject({ reachable: false, problem: "10 pods need 4 nodes and the pools allow at most 2" });
  });

  it("leaves node capacity unknown for a machine type outside its table, and counts no new nodes", () => {
    expect(appScaleUps([...app("GkeCluster", { min: 1, max: 20 }), gkePool(1, 4, 3, "c4-standard-4")], 10)[0]).toMatchObject({ podsPerNode: null, nodesNeeded: null, nodeScaleUp: false, seconds: t.podStartSeconds });
  });

  it("counts Cloud Run services as instances started on demand", () => {
    expect(serverlessScaleUps([{ type: "gcp:cloudrunv2/service:Service", name: "api", props: { template: { scaling: { minInstanceCount: 2 } } } }])).toEqual([
      { cloud: "gcp", resource: "api", minInstances: 2, seconds: t.cloudRunInstanceStartSeconds },
    ]);
  });
});
