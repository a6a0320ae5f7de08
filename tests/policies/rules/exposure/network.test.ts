/**
 * meridian-exposure-public-endpoints, -open-ingress and -hardening beyond their fixtures: a deliberate public endpoint
 * acknowledged by the component that makes it, the cases where the rules must stay quiet, and the config switches.
 */
import * as pulumi from "@pulumi/pulumi";
import { DmsReplication, RdsPostgres, type PostgresTarget } from "../../../../components/database";
import { evaluatePolicies } from "../../../../policies/evaluate";
import type { PolicyAcknowledgement } from "../../../../policies/acknowledge";
import { hardening } from "../../../../policies/rules/exposure/hardening";
import { openIngress } from "../../../../policies/rules/exposure/open-ingress";
import { publicEndpoints } from "../../../../policies/rules/exposure/public-endpoints";
import { awsNetwork as network } from "../../../helpers/fixtures";
import { resource, runProgram } from "../../../helpers/offline";
import { messages } from "../../../helpers/policy";

describe("meridian-exposure-public-endpoints: a DMS replication instance with connectivity: public", () => {
  const publicTarget: PostgresTarget = { host: "203.0.113.9", port: 5432, databaseName: "app", userName: "app", password: "x", reachability: "public" };

  it("is acknowledged by the component's tag, not a violation, and the finding is kept in the acknowledgement", async () => {
    const result = await runProgram(() => {
      const primary = new RdsPostgres("primary", { network, replicationSource: true });
      new DmsReplication("repl", { source: primary, target: { ...publicTarget, password: pulumi.secret("p") }, connectivity: "public", network });
    });
    const instance = resource(result, "aws:dms/replicationInstance:ReplicationInstance", "repl-instance");
    const acknowledged: PolicyAcknowledgement[] = [];
    const violations = await evaluatePolicies([publicEndpoints], [{ type: instance.type, name: instance.name, urn: instance.urn, props: instance.inputs }], {
      config: { "meridian-exposure-public-endpoints": "mandatory" },
      today: "2026-11-30",
      onAcknowledged: (a) => acknowledged.push(a),
    });
    expect(violations).toEqual([]);
    expect(acknowledged).toEqual([
      expect.objectContaining({
        policyName: "meridian-exposure-public-endpoints",
        source: "tag",
        where: "meridian-ack-exposure-public-endpoints",
        findings: ["publiclyAccessible is true: the replication instance has a public IP"],
      }),
    ]);
  });

  it("is a violation without the tag, and its message no longer tells anyone to make the rule advisory", async () => {
    const found = await messages(publicEndpoints, "aws:dms/replicationInstance:ReplicationInstance", { publiclyAccessible: true });
    expect(found).toEqual(["publiclyAccessible is true: the replication instance has a public IP"]);
    expect(publicEndpoints.description + (publicEndpoints.remediationSteps ?? "")).not.toMatch(/advisory/);
  });
});

describe("meridian-exposure-public-endpoints: what stays quiet", () => {
  it.each<[string, string, Record<string, unknown>]>([
    ["a private Cloud SQL instance (Meridian's default)", "gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: "vpc" } } }],
    ["a storage account behind its firewall, public network access left on", "azure-native:storage:StorageAccount", { networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "198.51.100.7" }] } }],
    ["a storage account with public network access off and no rules", "azure-native:storage:StorageAccount", { publicNetworkAccess: "Disabled" }],
    ["a key vault with public network access off", "azure-native:keyvault:Vault", { properties: { publicNetworkAccess: "Disabled", tenantId: "t", sku: { family: "A", name: "standard" } } }],
    ["a launch template whose interface gets no public IP", "aws:ec2/launchTemplate:LaunchTemplate", { networkInterfaces: [{ associatePublicIpAddress: "false" }] }],
    ["a GCE instance with no access config", "gcp:compute/instance:Instance", { networkInterfaces: [{ network: "default" }] }],
  ])("%s", async (_what, type, props) => {
    expect(await messages(publicEndpoints, type, props)).toEqual([]);
  });
});

describe("meridian-exposure-open-ingress: sources and ports", () => {
  const sg = "aws:ec2/securityGroup:SecurityGroup";
  it("reads IPv6 ::/0 on every AWS form", async () => {
    expect(await messages(openIngress, sg, { ingress: [{ ipv6CidrBlocks: ["::/0"], fromPort: 22, toPort: 22, protocol: "tcp" }] })).toEqual(["::/0 may reach port 22 (allowed from the internet: 80, 443)"]);
    expect(await messages(openIngress, "aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", ipv6CidrBlocks: ["::/0"], fromPort: 3389, toPort: 3389, protocol: "tcp" })).toEqual([
      "::/0 may reach port 3389 (allowed from the internet: 80, 443)",
    ]);
    expect(await messages(openIngress, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv6: "::/0", fromPort: 443, toPort: 443, ipProtocol: "tcp" })).toEqual([]);
  });

  it("leaves ICMP, egress rules, self references and closed sources alone", async () => {
    expect(await messages(openIngress, sg, { ingress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: -1, toPort: -1, protocol: "icmp" }] })).toEqual([]);
    expect(await messages(openIngress, "aws:ec2/securityGroupRule:SecurityGroupRule", { type: "egress", cidrBlocks: ["0.0.0.0/0"], fromPort: 0, toPort: 0, protocol: "-1" })).toEqual([]);
    expect(await messages(openIngress, sg, { ingress: [{ self: true, fromPort: 0, toPort: 0, protocol: "-1" }] })).toEqual([]);
    expect(await messages(openIngress, "gcp:compute/firewall:Firewall", { direction: "EGRESS", allows: [{ protocol: "all" }], destinationRanges: ["0.0.0.0/0"] })).toEqual([]);
    expect(await messages(openIngress, "gcp:compute/firewall:Firewall", { allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"], disabled: true })).toEqual([]);
  });

  it("reads GCP port lists and ranges, and Azure's any-source tags", async () => {
    expect(await messages(openIngress, "gcp:compute/firewall:Firewall", { allows: [{ protocol: "tcp", ports: ["80", "443"] }, { protocol: "udp" }], sourceRanges: ["0.0.0.0/0"] })).toEqual([
      "udp: 0.0.0.0/0 may reach every port (allowed from the internet: 80, 443)",
    ]);
    expect(await messages(openIngress, "gcp:compute/firewall:Firewall", { allows: [{ protocol: "tcp", ports: ["8000-8080"] }], sourceRanges: ["10.0.0.0/8", "0.0.0.0/0"] })).toEqual([
      "tcp: 0.0.0.0/0 may reach ports 8000-8080 (allowed from the internet: 80, 443)",
    ]);
    const rule = { name: "ssh", access: "Allow", direction: "Inbound", protocol: "Tcp", destinationPortRange: "22", priority: 100 };
    for (const source of ["*", "Internet", "Any", "0.0.0.0/0"]) {
      expect(await messages(openIngress, "azure-native:network:SecurityRule", { ...rule, sourceAddressPrefix: source })).toEqual([`security rule ssh: ${source} may reach port 22 (allowed from the internet: 80, 443)`]);
    }
    expect(await messages(openIngress, "azure-native:network:SecurityRule", { ...rule, sourceAddressPrefix: "VirtualNetwork" })).toEqual([]);
    expect(await messages(openIngress, "azure-native:network:SecurityRule", { ...rule, access: "Deny", sourceAddressPrefix: "*" })).toEqual([]);
  });
});

describe("meridian-exposure-hardening", () => {
  const aks = "azure-native:containerservice:ManagedCluster";
  const hardenedAks = { disableLocalAccounts: true, enableRBAC: true, addonProfiles: { azurepolicy: { enabled: true } } };

  it("refuses AKS local accounts (moved here from public-endpoints, whose concern is reachability)", async () => {
    expect(await messages(hardening, aks, hardenedAks)).toEqual([]);
    expect(await messages(hardening, aks, { ...hardenedAks, disableLocalAccounts: false })).toEqual(["disableLocalAccounts is not true: a static admin kubeconfig exists beside Entra ID"]);
    expect(await messages(publicEndpoints, aks, { disableLocalAccounts: false, apiServerAccessProfile: { enablePrivateCluster: true } })).toEqual([]);
  });

  it("asks for Defender on AKS only when requireAksDefender is set", async () => {
    const defended = { ...hardenedAks, securityProfile: { defender: { securityMonitoring: { enabled: true }, logAnalyticsWorkspaceResourceId: "/subscriptions/s/w" } } };
    expect(await messages(hardening, aks, hardenedAks, { config: { requireAksDefender: true } })).toEqual(["securityProfile.defender.securityMonitoring is not enabled"]);
    expect(await messages(hardening, aks, defended, { config: { requireAksDefender: true } })).toEqual([]);
  });

  it("judges a missing input by the provider's default", async () => {
    // GKE shielded nodes and node auto-upgrade are on by default; IMDSv1 is served by default.
    expect(await messages(hardening, "gcp:container/cluster:Cluster", {})).toEqual([]);
    expect(await messages(hardening, "gcp:container/nodePool:NodePool", { management: { autoRepair: true } })).toEqual([]);
    expect(await messages(hardening, "aws:ec2/instance:Instance", { ami: "ami-1", instanceType: "t3.micro" })).toEqual([
      'metadataOptions.httpTokens is "optional", not "required": IMDSv1 hands credentials to any SSRF',
    ]);
    expect(await messages(hardening, "aws:ec2/instance:Instance", { metadataOptions: { httpEndpoint: "disabled" } })).toEqual([]);
  });

  it("leaves function apps' identity and GKE-made instances' scopes to their own rules", async () => {
    expect(await messages(hardening, "azure-native:web:WebApp", { kind: "functionapp,linux" })).toEqual([]);
    const fullScopes = { serviceAccount: { scopes: ["cloud-platform"] } };
    expect(await messages(hardening, "gcp:compute/instance:Instance", { ...fullScopes, name: "gke-pool-1" })).toEqual([]);
    expect(await messages(hardening, "gcp:compute/instance:Instance", { ...fullScopes, name: "vm-1" })).toEqual(["the default service account with the cloud-platform scope: every API the project's editor may call"]);
  });
});
