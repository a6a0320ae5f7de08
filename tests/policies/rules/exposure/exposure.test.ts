import { openIngress } from "../../../../policies/rules/exposure/open-ingress";
import { publicBuckets } from "../../../../policies/rules/exposure/public-buckets";
import { publicEndpoints } from "../../../../policies/rules/exposure/public-endpoints";
import { unauthenticatedServices } from "../../../../policies/rules/exposure/unauthenticated-services";
import { messages } from "../../../helpers/policy";

describe("meridian-exposure-public-endpoints", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["RDS", "aws:rds/instance:Instance", { publiclyAccessible: false }, { publiclyAccessible: true }, "publiclyAccessible is true"],
    // A public IP at all is the finding (CKV_GCP_60, AVD-GCP-0017), even for named networks: it used to pass.
    ["Cloud SQL", "gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: "vpc" } } }, { settings: { ipConfiguration: { ipv4Enabled: true, authorizedNetworks: [{ value: "198.51.100.0/24" }] } } }, "settings.ipConfiguration.ipv4Enabled is true: the instance has a public IP"],
    ["Azure PostgreSQL", "azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Disabled" } }, { network: { publicNetworkAccess: "Enabled" } }, "network.publicNetworkAccess is Enabled"],
    ["EKS", "aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"] } }, { vpcConfig: { endpointPublicAccess: true } }, "the public API endpoint is open to 0.0.0.0/0"],
    ["EKS left at the provider's public default", "aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: false } }, { vpcConfig: {} }, "the public API endpoint is open to 0.0.0.0/0"],
    ["GKE", "gcp:container/cluster:Cluster", { privateClusterConfig: { enablePrivateNodes: true }, masterAuthorizedNetworksConfig: { cidrBlocks: [] } }, { privateClusterConfig: { enablePrivateNodes: false }, masterAuthorizedNetworksConfig: { cidrBlocks: [] } }, "privateClusterConfig.enablePrivateNodes is not true: nodes get public IPs"],
    ["GKE without authorized networks", "gcp:container/cluster:Cluster", { privateClusterConfig: { enablePrivateNodes: true }, masterAuthorizedNetworksConfig: {} }, { privateClusterConfig: { enablePrivateNodes: true } }, "the control plane's public endpoint accepts any address (set masterAuthorizedNetworksConfig)"],
    // AKS local accounts moved to meridian-exposure-hardening (network.test.ts).
    ["AKS API server", "azure-native:containerservice:ManagedCluster", { apiServerAccessProfile: { enablePrivateCluster: true } }, { apiServerAccessProfile: {} }, "the API server is public with no authorized IP ranges"],
  ])("%s: passes when private, fails when public", async (_what, type, good, bad, message) => {
    expect(await messages(publicEndpoints, type, good)).toEqual([]);
    expect(await messages(publicEndpoints, type, bad)).toEqual([message]);
  });
});

describe("meridian-exposure-open-ingress", () => {
  const rule = (props: Record<string, unknown>) => messages(openIngress, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", props);
  it("allows HTTPS from anywhere and SSH from a known range, refuses SSH or everything from anywhere", async () => {
    expect(await rule({ cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp" })).toEqual([]);
    expect(await rule({ cidrIpv4: "10.0.0.0/8", fromPort: 22, toPort: 22, ipProtocol: "tcp" })).toEqual([]);
    expect(await rule({ cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22, ipProtocol: "tcp" })).toEqual(["0.0.0.0/0 may reach port 22 (allowed from the internet: 80, 443)"]);
    expect(await rule({ cidrIpv4: "0.0.0.0/0", ipProtocol: "-1" })).toEqual(["0.0.0.0/0 may reach every port (allowed from the internet: 80, 443)"]);
  });
  it("reads inline security group rules too, and the allowed ports from config", async () => {
    const sg = { ingress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 8443, toPort: 8443, protocol: "tcp" }] };
    expect(await messages(openIngress, "aws:ec2/securityGroup:SecurityGroup", sg)).toEqual(["0.0.0.0/0 may reach port 8443 (allowed from the internet: 80, 443)"]);
    expect(await messages(openIngress, "aws:ec2/securityGroup:SecurityGroup", sg, { config: { allowedPorts: [443, 8443] } })).toEqual([]);
  });
});

describe("meridian-exposure-unauthenticated-services", () => {
  it("refuses allUsers on Cloud Run and NONE on function URLs unless the environment allows public services", async () => {
    const binding = { role: "roles/run.invoker", member: "allUsers" };
    expect(await messages(unauthenticatedServices, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", { ...binding, member: "serviceAccount:x@p.iam.gserviceaccount.com" })).toEqual([]);
    expect(await messages(unauthenticatedServices, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", binding)).toEqual(["allUsers may invoke the service"]);
    expect(await messages(unauthenticatedServices, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", binding, { config: { allowUnauthenticated: true } })).toEqual([]);
    expect(await messages(unauthenticatedServices, "aws:lambda/functionUrl:FunctionUrl", { authorizationType: "AWS_IAM" })).toEqual([]);
    expect(await messages(unauthenticatedServices, "aws:lambda/functionUrl:FunctionUrl", { authorizationType: "NONE" })).toEqual(["authorizationType is NONE"]);
  });
});

describe("meridian-exposure-public-buckets", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      "the public access block",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true },
      "blockPublicPolicy, restrictPublicBuckets are not true",
    ],
    [
      "a bucket policy",
      "aws:s3/bucketPolicy:BucketPolicy",
      { policy: JSON.stringify({ Statement: [{ Sid: "Logs", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject" }, { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) },
      { policy: JSON.stringify({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject" }] }) },
      'statement Open allows everyone ("*") with no condition that names who may call',
    ],
    [
      "a bucket policy whose only condition is TLS",
      "aws:s3/bucketPolicy:BucketPolicy",
      { policy: JSON.stringify({ Statement: [{ Sid: "Org", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }] }) },
      { policy: JSON.stringify({ Statement: [{ Sid: "Tls", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: { Bool: { "aws:SecureTransport": "true" } } }] }) },
      'statement Tls allows everyone ("*") with no condition that names who may call',
    ],
    ["a canned ACL", "aws:s3/bucketAcl:BucketAcl", { acl: "private" }, { acl: "public-read" }, "acl is public-read"],
  ])("%s: passes when private, fails when public", async (_what, type, good, bad, message) => {
    expect(await messages(publicBuckets, type, good)).toEqual([]);
    expect(await messages(publicBuckets, type, bad)).toEqual([message]);
  });
});

describe("meridian-exposure-unauthenticated-services: Cloud Run without its invoker check", () => {
  const run = "gcp:cloudrunv2/service:Service";
  it("is fine behind a load balancer, refused when open to all", async () => {
    expect(await messages(unauthenticatedServices, run, { invokerIamDisabled: true, ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" })).toEqual([]);
    expect(await messages(unauthenticatedServices, run, { invokerIamDisabled: true, ingress: "INGRESS_TRAFFIC_ALL" })).toEqual([
      "invokerIamDisabled with ingress from all: anyone on the internet may call it (keep ingress to internal and load balancers)",
    ]);
    expect(await messages(unauthenticatedServices, run, { invokerIamDisabled: true, ingress: "INGRESS_TRAFFIC_ALL" }, { config: { allowUnauthenticated: true } })).toEqual([]);
  });
});
