import * as pulumi from "@pulumi/pulumi";
import { EksCluster, validateEksClusterArgs, type EksClusterArgs, type NodePoolSpec } from "../../../components/kubernetes";
import { stableSuffix } from "../../../components/core/naming";
import { resource, runProgram } from "../../helpers/offline";
import { awsNetwork as network } from "../../helpers/fixtures";

const T = "meridian:kubernetes:EksCluster";
const pool: NodePoolSpec = { name: "general", machineType: "m7g.large", minNodes: 2, maxNodes: 6 };
const base: EksClusterArgs = { network, nodePools: [pool] };

describe("validateEksClusterArgs", () => {
  it.each<[string, Partial<EksClusterArgs>, string]>([
    ["an unsupported version", { version: "1.24" as never }, `${T} 'eks': version must be one of "1.31", "1.32", "1.33", "1.34"; got "1.24".`],
    ["an endpoint open to everyone", { publicAccessCidrs: ["0.0.0.0/0"] }, `${T} 'eks': publicAccessCidrs[0] must be an IPv4 CIDR block narrower than 0.0.0.0/0 (the API server is never open to everyone); got "0.0.0.0/0".`],
    ["empty node pools", { nodePools: [] }, `${T} 'eks': nodePools must be a list of node pools (at least 1); got [].`],
    ["min above max", { nodePools: [{ ...pool, minNodes: 7 }] }, `${T} 'eks': nodePools[0].minNodes must be an integer from 0 to 6; got 7.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateEksClusterArgs("eks", { ...base, ...args })).toThrow(message);
  });
});

describe("EksCluster", () => {
  it("has a private endpoint, encrypted secrets, all logs kept, API access entries, IMDSv2 nodes and the add-ons", async () => {
    let secret: Promise<boolean> = Promise.resolve(false);
    const result = await runProgram(() => {
      const eks = new EksCluster("eks", { ...base, adminPrincipalArns: ["arn:aws:iam::123456789012:role/platform-admin"], nodePools: [{ ...pool, spot: true, labels: { tier: "web" } }] });
      secret = pulumi.isSecret(eks.kubeconfig);
      return { kubeconfig: eks.kubeconfig };
    }, { stack: "prod" });
    const cluster = resource(result, "aws:eks/cluster:Cluster", "eks-cluster");
    expect(cluster.inputs).toMatchObject({
      name: "eks-prod",
      version: "1.33",
      vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false },
      encryptionConfig: { resources: ["secrets"] },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      upgradePolicy: { supportType: "STANDARD" },
    });
    const logs = resource(result, "aws:cloudwatch/logGroup:LogGroup", "eks-logs");
    expect(logs.inputs).toMatchObject({ name: "/aws/eks/eks-prod/cluster", retentionInDays: 90 });
    expect(cluster.dependsOn).toContain(logs.urn);
    expect(resource(result, "aws:kms/key:Key", "eks-secrets").inputs["enableKeyRotation"]).toBe(true);
    // Keyed by a digest of the principal's ARN, with an alias to the old positional name.
    const admin = `eks-admin-${stableSuffix("arn:aws:iam::123456789012:role/platform-admin")}`;
    expect(resource(result, "aws:eks/accessEntry:AccessEntry", admin).aliasCount).toBe(1);
    expect(resource(result, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", admin).inputs).toMatchObject({
      principalArn: "arn:aws:iam::123456789012:role/platform-admin",
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      accessScope: { type: "cluster" },
    });
    expect(resource(result, "aws:ec2/launchTemplate:LaunchTemplate", "eks-general").inputs).toMatchObject({
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ ebs: { volumeType: "gp3", encrypted: "true" } }],
    });
    expect(resource(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs).toMatchObject({
      capacityType: "SPOT",
      instanceTypes: ["m7g.large"],
      scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 2 },
      labels: { tier: "web" },
      launchTemplate: { version: "1" },
    });
    const addons = result.resources.filter((r) => r.type === "aws:eks/addon:Addon");
    expect(addons.map((r) => r.inputs["addonName"]).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    // CoreDNS and the CSI controller run as pods: they wait for the nodes.
    expect(resource(result, "aws:eks/addon:Addon", "eks-coredns").dependsOn).toContain(resource(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").urn);
    const csi = resource(result, "aws:eks/addon:Addon", "eks-aws-ebs-csi-driver");
    const csiRole = resource(result, "aws:iam/role:Role", "eks-ebs-csi");
    expect(csi.inputs["serviceAccountRoleArn"]).toMatch(/^arn:aws:iam::123456789012:role\//);
    const trust = JSON.parse(csiRole.inputs["assumeRolePolicy"] as string);
    expect(Object.entries(trust.Statement[0].Condition.StringEquals)).toContainEqual([expect.stringMatching(/^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}:sub$/), "system:serviceaccount:kube-system:ebs-csi-controller-sa"]);
    expect(resource(result, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "eks-oidc").inputs).toMatchObject({ clientIdLists: ["sts.amazonaws.com"] });
    expect(await secret).toBe(true);
    const kubeconfig = JSON.parse(resource(result, "pulumi:providers:kubernetes", "eks-k8s").inputs["kubeconfig"] as string);
    expect(kubeconfig.users[0].user.exec).toMatchObject({ command: "aws", args: ["eks", "get-token", "--cluster-name", "eks-prod", "--region", "us-east-1", "--output", "json"] });
  });
});

describe("EksCluster and the load balancer", () => {
  it("enforces NetworkPolicies through the VPC CNI and names each pool's Auto Scaling group", async () => {
    const result = await runProgram(() => {
      const eks = new EksCluster("eks", { ...base, nodePools: [pool, { ...pool, name: "batch" }] });
      return { groups: pulumi.all(eks.nodeAutoScalingGroups().map((g) => pulumi.all({ key: g.key, name: g.name }))) };
    });
    expect(JSON.parse(resource(result, "aws:eks/addon:Addon", "eks-vpc-cni").inputs["configurationValues"] as string)).toEqual({ enableNetworkPolicy: "true" });
    expect(resource(result, "aws:eks/addon:Addon", "eks-coredns").inputs["configurationValues"]).toBeUndefined();
    expect(result.outputs["groups"]).toEqual([
      { key: "general", name: expect.stringMatching(/^eks-eks-general-/) },
      { key: "batch", name: expect.stringMatching(/^eks-eks-batch-/) },
    ]);
  });
});

describe("EksCluster outputs", () => {
  it("exposes the cluster security group, which the stacks let into the database", async () => {
    const result = await runProgram(() => ({ sg: new EksCluster("eks", base).clusterSecurityGroupId }));
    expect(result.outputs["sg"]).toMatch(/^sg-[0-9a-f]{17}$/);
  });
});

describe("EksCluster protection and keys", () => {
  it("protects the cluster (with EKS deletion protection on), its secrets key and its log group when the component is protected", async () => {
    const result = await runProgram(() => new EksCluster("eks", base, { protect: true }));
    const cluster = resource(result, "aws:eks/cluster:Cluster", "eks-cluster");
    expect({ protect: cluster.protect, deletionProtection: cluster.inputs["deletionProtection"] }).toEqual({ protect: true, deletionProtection: true });
    expect(resource(result, "aws:kms/key:Key", "eks-secrets").protect).toBe(true);
    expect(resource(result, "aws:cloudwatch/logGroup:LogGroup", "eks-logs").protect).toBe(true);
  });

  it("protects them through the protect argument too, and leaves them free (deletion protection off) without either", async () => {
    const byArg = await runProgram(() => new EksCluster("eks", { ...base, protect: true }));
    expect(resource(byArg, "aws:eks/cluster:Cluster", "eks-cluster")).toMatchObject({ protect: true, inputs: { deletionProtection: true } });
    expect(resource(byArg, "aws:kms/key:Key", "eks-secrets").protect).toBe(true);
    const free = await runProgram(() => new EksCluster("eks", base));
    expect(resource(free, "aws:eks/cluster:Cluster", "eks-cluster")).toMatchObject({ protect: false, inputs: { deletionProtection: false } });
    expect(resource(free, "aws:cloudwatch/logGroup:LogGroup", "eks-logs").protect).toBe(false);
  });

  it("protects its stateful children when a parent component is protected (they inherit; nothing sets them false)", async () => {
    const result = await runProgram(() => {
      const wrapper = new pulumi.ComponentResource("test:index:Platform", "platform", {}, { protect: true });
      new EksCluster("eks", base, { parent: wrapper });
    });
    expect(resource(result, "aws:eks/cluster:Cluster", "eks-cluster").protect).toBe(true);
    expect(resource(result, "aws:kms/key:Key", "eks-secrets").protect).toBe(true);
  });

  it("keeps a given cluster name (a cluster made under a name this version refuses), for the cluster and its log group", async () => {
    const result = await runProgram(() => new EksCluster("orders-eks", { ...base, clusterName: "orders_eks-prod" }));
    expect(resource(result, "aws:eks/cluster:Cluster", "orders-eks-cluster").inputs["name"]).toBe("orders_eks-prod");
    expect(resource(result, "aws:cloudwatch/logGroup:LogGroup", "orders-eks-logs").inputs["name"]).toBe("/aws/eks/orders_eks-prod/cluster");
    expect(() => validateEksClusterArgs("eks", { ...base, clusterName: "-bad" })).toThrow("clusterName must be an EKS cluster name");
  });

  it("puts the control plane and the nodes on the network's private subnets", async () => {
    const result = await runProgram(() => new EksCluster("eks", base));
    expect(resource(result, "aws:eks/cluster:Cluster", "eks-cluster").inputs).toMatchObject({ vpcConfig: { subnetIds: ["subnet-a", "subnet-b"] } });
    expect(resource(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs["subnetIds"]).toEqual(["subnet-a", "subnet-b"]);
  });

  it("keys each admin's access entry by its ARN, so removing the first replaces nothing else, with an alias to the old positional name", async () => {
    const first = "arn:aws:iam::123456789012:role/platform-admin";
    const second = "arn:aws:iam::123456789012:user/break-glass";
    const names = (r: Awaited<ReturnType<typeof runProgram>>, type: string) => r.resources.filter((x) => x.type === type).map((x) => x.name);
    const both = await runProgram(() => new EksCluster("eks", { ...base, adminPrincipalArns: [first, second] }));
    const keyed = [`eks-admin-${stableSuffix(first)}`, `eks-admin-${stableSuffix(second)}`];
    expect(names(both, "aws:eks/accessEntry:AccessEntry")).toEqual(keyed);
    expect(names(both, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).toEqual(keyed);
    for (const type of ["aws:eks/accessEntry:AccessEntry", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"]) {
      expect(keyed.map((n) => resource(both, type, n).aliasCount)).toEqual([1, 1]);
    }
    expect(resource(both, "aws:eks/accessEntry:AccessEntry", keyed[1]!).inputs["principalArn"]).toBe(second);
    const secondOnly = await runProgram(() => new EksCluster("eks", { ...base, adminPrincipalArns: [second] }));
    expect(names(secondOnly, "aws:eks/accessEntry:AccessEntry")).toEqual([keyed[1]]);
  });
});
