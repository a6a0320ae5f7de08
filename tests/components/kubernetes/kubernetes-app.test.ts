import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { KubernetesApp, validateKubernetesAppArgs, type KubernetesAppArgs } from "../../../components/kubernetes";
import { cpuMillis, memoryBytes } from "../../../components/kubernetes/kubernetes-app";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:kubernetes:KubernetesApp";
const base = { image: "ghcr.io/acme/api:1" } as KubernetesAppArgs;

describe("quantities", () => {
  it("reads CPU and memory as Kubernetes does", () => {
    expect(cpuMillis("250m")).toBe(250);
    expect(cpuMillis("1.5")).toBe(1500);
    expect(memoryBytes("256Mi")).toBe(256 * 1024 ** 2);
    expect(memoryBytes("1G")).toBe(1e9);
    expect(cpuMillis("0.1")).toBe(100);
    expect(cpuMillis("1e-3")).toBe(1);
    expect(memoryBytes("1k")).toBe(1000);
    // `K` is not a Kubernetes suffix (`k` is).
    expect(memoryBytes("1K")).toBeNaN();
  });
});

describe("validateKubernetesAppArgs", () => {
  it.each<[string, Partial<KubernetesAppArgs>, string]>([
    ["a port outside 1-65535", { port: 70000 }, `${T} 'api': port must be an integer from 1 to 65535; got 70000.`],
    ["a CPU limit below the request", { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "250m", memory: "512Mi" } }, `${T} 'api': limits.cpu must be at least requests.cpu (500m); got "250m".`],
    ["a memory limit below the request", { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "512Mi" } }, `${T} 'api': limits.memory must be at least requests.memory (1Gi); got "512Mi".`],
    ["min replicas above max", { minReplicas: 5, maxReplicas: 3 }, `${T} 'api': minReplicas must be an integer from 1 to 3; got 5.`],
    ["a malformed quantity", { requests: { cpu: "a lot", memory: "256Mi" } }, `${T} 'api': requests.cpu must be a CPU quantity such as "250m" or "1"; got "a lot".`],
    ["a readiness path that is not a path", { readinessPath: "readyz" }, `${T} 'api': readinessPath must be a request path starting with /, such as "/readyz"; got "readyz".`],
    ["a liveness path with a space", { livenessPath: "/health z" }, `${T} 'api': livenessPath must be a request path starting with /, such as "/healthz"; got "/health z".`],
    ["a node port outside Kubernetes' range", { nodePort: 8080 }, `${T} 'api': nodePort must be an integer from 30000 to 32767; got 8080.`],
    ["an ingress source that is not a CIDR block", { allowedIngressCidrs: ["10.0.0.0/33"] }, `${T} 'api': allowedIngressCidrs[0] must be an IPv4 CIDR block; got "10.0.0.0/33".`],
    ["ingress sources as a string", { allowedIngressCidrs: "10.0.0.0/8" as never }, `${T} 'api': allowedIngressCidrs must be a list of IPv4 CIDR blocks; got "10.0.0.0/8".`],
    ["an egress rule with no port", { allowedEgress: [{ cidr: "10.30.0.0/16", ports: [] }] }, `${T} 'api': allowedEgress[0].ports must be a list of at least one TCP port; got [].`],
    ["a workload identity without its cloud's field", { workloadIdentity: { cloud: "aws" } }, `${T} 'api': workloadIdentity.roleArn must be set (cloud is aws); got undefined.`],
    [
      "a workload identity with another cloud's field",
      { workloadIdentity: { cloud: "gcp", serviceAccountEmail: "a@p.iam.gserviceaccount.com", clientId: "c" } },
      `${T} 'api': workloadIdentity.clientId must be unset (cloud is gcp; give serviceAccountEmail); got "set".`,
    ],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateKubernetesAppArgs("api", { ...base, ...args })).toThrow(message);
  });
});

describe("KubernetesApp", () => {
  it("deploys a hardened, autoscaled, disruption-budgeted workload behind a deny-by-default network policy, on the given cluster", async () => {
    const result = await runProgram(() => {
      const provider = new Provider("cluster", { kubeconfig: "{}" });
      new KubernetesApp("api", { ...base, workloadIdentity: { cloud: "gcp", serviceAccountEmail: "api@p.iam.gserviceaccount.com" } }, { providers: [provider] });
    });
    const dep = resource(result, "kubernetes:apps/v1:Deployment", "api-deployment");
    expect(dep.provider).toMatch(/::pulumi:providers:kubernetes::cluster::/);
    type Pod = { securityContext: unknown; containers: unknown[]; topologySpreadConstraints: unknown[] };
    const pod = (dep.inputs as { spec: { template: { spec: Pod } } }).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers[0]).toMatchObject({
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      livenessProbe: { httpGet: { path: "/healthz", port: "http" } },
      readinessProbe: { httpGet: { path: "/readyz", port: "http" } },
    });
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "topology.kubernetes.io/zone" });
    expect(resource(result, "kubernetes:core/v1:ServiceAccount", "api-sa").inputs).toMatchObject({ metadata: { annotations: { "iam.gke.io/gcp-service-account": "api@p.iam.gserviceaccount.com" } } });
    expect(resource(result, "kubernetes:core/v1:Namespace", "api-ns").inputs).toMatchObject({ metadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted" } } });
    expect(resource(result, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api-hpa").inputs).toMatchObject({
      spec: { minReplicas: 2, maxReplicas: 10, metrics: [{ resource: { name: "cpu", target: { averageUtilization: 70 } } }, { resource: { name: "memory", target: { averageUtilization: 80 } } }] },
    });
    expect(resource(result, "kubernetes:policy/v1:PodDisruptionBudget", "api-pdb").inputs).toMatchObject({ spec: { maxUnavailable: 1 } });
    expect(resource(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "api-netpol").inputs["spec"]).toEqual({
      podSelector: expect.anything(),
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ ports: [{ protocol: "TCP", port: 8080 }] }],
      // Out: DNS only, until the app declares more.
      egress: [{ ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }],
    });
    expect(resource(result, "kubernetes:core/v1:Service", "api-service").inputs).toMatchObject({ spec: { type: "ClusterIP", ports: [{ port: 8080, targetPort: "http" }] } });
  });

  it("serves a load balancer on a node port, admits only its path, and reaches only the declared destinations", async () => {
    const result = await runProgram(() => {
      const provider = new Provider("cluster", { kubeconfig: "{}" });
      new KubernetesApp(
        "web",
        { ...base, nodePort: 30080, livenessPath: "/livez", readinessPath: "/ready", allowedIngressCidrs: ["10.0.0.0/16"], allowedEgress: [{ cidr: "10.0.0.0/20", ports: [5432] }] },
        { providers: [provider] },
      );
    });
    expect(resource(result, "kubernetes:core/v1:Service", "web-service").inputs).toMatchObject({
      spec: { type: "NodePort", externalTrafficPolicy: "Cluster", ports: [{ name: "http", port: 8080, targetPort: "http", nodePort: 30080 }] },
    });
    const container = (resource(result, "kubernetes:apps/v1:Deployment", "web-deployment").inputs as { spec: { template: { spec: { containers: unknown[] } } } }).spec.template.spec.containers[0];
    expect(container).toMatchObject({ livenessProbe: { httpGet: { path: "/livez" } }, readinessProbe: { httpGet: { path: "/ready" } } });
    expect(resource(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "web-netpol").inputs["spec"]).toMatchObject({
      ingress: [{ ports: [{ protocol: "TCP", port: 8080 }], from: [{ ipBlock: { cidr: "10.0.0.0/16" } }] }],
      egress: [{ ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/20" } }], ports: [{ protocol: "TCP", port: 5432 }] }],
    });
  });

  it("takes its cluster from the resource options, and refuses to run without one", async () => {
    const result = await runProgram(() => {
      const provider = new Provider("cluster", { kubeconfig: "{}" });
      new KubernetesApp("api", { ...base, workloadIdentity: { cloud: "aws", roleArn: "arn:aws:iam::123456789012:role/api" } }, { providers: [provider] });
    });
    expect(resource(result, "kubernetes:core/v1:ServiceAccount", "api-sa").inputs).toMatchObject({ metadata: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/api" } } });
    await expect(runProgram(() => new KubernetesApp("bare", base))).rejects.toThrow(`${T} 'bare': opts.providers must be the cluster's Kubernetes provider`);
  });

  it("takes the cluster from a parent's providers, an image pinned by digest, and its own environment beside the database's", async () => {
    const image = `ghcr.io/acme/api@sha256:${"0".repeat(64)}`;
    const result = await runProgram(() => {
      const provider = new Provider("cluster", { kubeconfig: "{}" });
      const parent = new pulumi.ComponentResource("test:index:Parent", "platform", {}, { providers: [provider] });
      new KubernetesApp("api", { image, environment: { LOG_LEVEL: "info", _FEATURE_X: "on" } }, { parent });
    });
    const dep = resource(result, "kubernetes:apps/v1:Deployment", "api-deployment");
    expect(dep.provider).toMatch(/::pulumi:providers:kubernetes::cluster::/);
    const container = (dep.inputs as { spec: { template: { spec: { containers: Array<{ image: string; env: unknown[] }> } } } }).spec.template.spec.containers[0]!;
    expect(container.image).toBe(image);
    expect(container.env).toEqual([{ name: "LOG_LEVEL", value: "info" }, { name: "_FEATURE_X", value: "on" }]);
  });
});

describe("KubernetesApp environment names", () => {
  it("takes the names the Kubernetes API takes (dots and dashes included) and refuses the rest", () => {
    expect(() => validateKubernetesAppArgs("web", { ...base, environment: { "spring.profiles.active": "prod", "JAVA-OPTS": "-Xmx1g", _HIDDEN: "1" } })).not.toThrow();
    for (const name of ["1BAD", "A=B", "", "has space"]) {
      expect(() => validateKubernetesAppArgs("web", { ...base, environment: { [name]: "x" } })).toThrow(/environment.* must be /);
    }
  });
});
