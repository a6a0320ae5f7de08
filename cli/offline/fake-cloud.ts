/**
 * A small fake cloud for `pulumi.runtime.setMocks`: deterministic ids, and the attributes a real provider
 * computes (ARNs, endpoints, IPs, self links, resource ids), so that wiring between resources is exercised.
 * Invokes that programs commonly make get fixed, realistic answers; any other invoke is recorded and answered
 * with its own arguments, and the plan reports it.
 */
import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { stableSuffix } from "../../components/core/naming";

/** The fake identity of each cloud. Realistic shapes, reserved or documentation values. */
export interface FakeCloudIdentity {
  readonly awsAccountId: string;
  readonly awsRegion: string;
  readonly gcpProject: string;
  readonly gcpProjectNumber: string;
  readonly gcpRegion: string;
  readonly azureSubscriptionId: string;
  readonly azureTenantId: string;
  readonly azureLocation: string;
}

export const DEFAULT_IDENTITY: FakeCloudIdentity = {
  awsAccountId: "123456789012",
  awsRegion: "us-east-1",
  gcpProject: "meridian-offline",
  gcpProjectNumber: "123456789012",
  gcpRegion: "us-central1",
  azureSubscriptionId: "00000000-0000-4000-8000-000000000000",
  azureTenantId: "00000000-0000-4000-8000-000000000001",
  azureLocation: "eastus",
};

/** Stable hex digest of a string. */
export const stableHash = stableSuffix;

/** A fake but well-formed IPv4 in 10.0.0.0/8, stable per key. */
function privateIp(key: string): string {
  const h = createHash("sha256").update(key).digest();
  return `10.${h[0]}.${h[1]}.${((h[2] ?? 0) % 250) + 4}`;
}

/** A documentation-range public IPv4 (RFC 5737 203.0.113.0/24), stable per key. */
function publicIp(key: string): string {
  const h = createHash("sha256").update(key).digest();
  return `203.0.113.${((h[0] ?? 0) % 250) + 4}`;
}

function uuidFrom(key: string): string {
  const h = stableHash(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** `aws:rds/instance:Instance` → { pkg: "aws", mod: "rds", kind: "Instance" }. */
export function parseType(type: string): { pkg: string; mod: string; kind: string } {
  const [pkg = "", modPath = "", kind = ""] = type.split(":");
  return { pkg, mod: modPath.split("/")[0] ?? "", kind };
}

/** EC2-style id prefixes for the AWS types whose ids have them. */
const AWS_ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/vpnGateway:VpnGateway": "vgw",
  "aws:ec2/customerGateway:CustomerGateway": "cgw",
  "aws:ec2/vpnConnection:VpnConnection": "vpn",
  "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

function awsState(type: string, name: string, inputs: Record<string, any>, id: string, who: FakeCloudIdentity) {
  const { mod, kind } = parseType(type);
  // AWS provider v7 lets a resource name its own region; otherwise it is the provider's.
  const region = str(inputs["region"]) ?? who.awsRegion;
  const acct = who.awsAccountId;
  const state: Record<string, unknown> = {};
  const physical = str(inputs["name"]) ?? id;
  // Auto-named resources get their physical name from the provider.
  state["name"] = physical;
  state["arn"] = `arn:aws:${mod}:${region}:${acct}:${kind.toLowerCase()}/${physical}`;
  switch (type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = str(inputs["bucket"]) ?? id;
      Object.assign(state, { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, region });
      break;
    }
    case "aws:iam/role:Role":
    case "aws:iam/policy:Policy":
      Object.assign(state, { arn: `arn:aws:iam::${acct}:${kind.toLowerCase()}/${physical}`, name: physical, uniqueId: `AROA${stableHash(id, 16).toUpperCase()}` });
      break;
    case "aws:kms/key:Key":
      Object.assign(state, { arn: `arn:aws:kms:${region}:${acct}:key/${uuidFrom(id)}`, keyId: uuidFrom(id) });
      break;
    case "aws:rds/instance:Instance": {
      const identifier = str(inputs["identifier"]) ?? id;
      const address = `${identifier}.c${stableHash(acct, 10)}.${region}.rds.amazonaws.com`;
      const port = typeof inputs["port"] === "number" ? inputs["port"] : 5432;
      Object.assign(state, {
        identifier,
        address,
        port,
        endpoint: `${address}:${port}`,
        arn: `arn:aws:rds:${region}:${acct}:db:${identifier}`,
        resourceId: `db-${stableHash(id, 26).toUpperCase()}`,
        masterUserSecrets: inputs["manageMasterUserPassword"]
          ? [{ secretArn: `arn:aws:secretsmanager:${region}:${acct}:secret:rds!db-${uuidFrom(id)}`, secretStatus: "active", kmsKeyId: inputs["masterUserSecretKmsKeyId"] ?? "" }]
          : [],
      });
      break;
    }
    case "aws:lambda/function:Function":
      Object.assign(state, {
        arn: `arn:aws:lambda:${region}:${acct}:function:${physical}`,
        invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${acct}:function:${physical}/invocations`,
        qualifiedArn: `arn:aws:lambda:${region}:${acct}:function:${physical}:1`,
        version: "1",
      });
      break;
    case "aws:eks/cluster:Cluster":
      Object.assign(state, {
        vpcConfig: { clusterSecurityGroupId: `sg-${stableHash(`${id}/cluster`, 17)}` },
        arn: `arn:aws:eks:${region}:${acct}:cluster/${physical}`,
        endpoint: `https://${stableHash(id, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from(`fake-ca-${id}`).toString("base64") },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${stableHash(id, 32).toUpperCase()}` }] }],
        version: inputs["version"] ?? "1.33",
      });
      break;
    case "aws:route53/zone:Zone":
      Object.assign(state, {
        zoneId: `Z${stableHash(id, 20).toUpperCase()}`,
        nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"],
      });
      break;
    case "aws:sqs/queue:Queue":
      Object.assign(state, { url: `https://sqs.${region}.amazonaws.com/${acct}/${physical}`, arn: `arn:aws:sqs:${region}:${acct}:${physical}` });
      break;
    case "aws:sns/topic:Topic":
      state["arn"] = `arn:aws:sns:${region}:${acct}:${physical}`;
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      state["arn"] = `arn:aws:logs:${region}:${acct}:log-group:${physical}`;
      break;
    case "aws:ec2/eip:Eip":
      Object.assign(state, { publicIp: publicIp(id), allocationId: id });
      break;
    case "aws:ec2/vpc:Vpc":
      Object.assign(state, { defaultSecurityGroupId: `sg-${stableHash(`${id}/default`, 17)}`, mainRouteTableId: `rtb-${stableHash(`${id}/main`, 17)}` });
      break;
    case "aws:ec2/vpnConnection:VpnConnection":
      Object.assign(state, {
        tunnel1Address: publicIp(`${id}/1`),
        tunnel2Address: publicIp(`${id}/2`),
        tunnel1CgwInsideAddress: "169.254.10.2",
        tunnel1VgwInsideAddress: "169.254.10.1",
        tunnel2CgwInsideAddress: "169.254.11.2",
        tunnel2VgwInsideAddress: "169.254.11.1",
        tunnel1BgpAsn: "64512",
        tunnel2BgpAsn: "64512",
      });
      break;
    case "aws:dms/replicationInstance:ReplicationInstance":
      Object.assign(state, { replicationInstanceArn: `arn:aws:dms:${region}:${acct}:rep:${stableHash(id, 26).toUpperCase()}`, replicationInstancePrivateIps: [privateIp(id)] });
      break;
    case "aws:dms/endpoint:Endpoint":
      state["endpointArn"] = `arn:aws:dms:${region}:${acct}:endpoint:${stableHash(id, 26).toUpperCase()}`;
      break;
    case "aws:dms/replicationTask:ReplicationTask":
      state["replicationTaskArn"] = `arn:aws:dms:${region}:${acct}:task:${stableHash(id, 26).toUpperCase()}`;
      break;
    case "aws:ec2/launchTemplate:LaunchTemplate":
      Object.assign(state, { latestVersion: 1, defaultVersion: 1 });
      break;
    case "aws:lambda/functionUrl:FunctionUrl":
      state["functionUrl"] = `https://${stableHash(id, 32)}.lambda-url.${region}.on.aws/`;
      break;
    case "aws:route53/healthCheck:HealthCheck":
      state["arn"] = `arn:aws:route53:::healthcheck/${id}`;
      break;
    case "aws:route53/record:Record":
      state["fqdn"] = String(inputs["name"] ?? physical).replace(/\.$/, "");
      break;
    case "aws:lb/loadBalancer:LoadBalancer": {
      const lbName = str(inputs["name"]) ?? `${name}-${stableHash(id, 7)}`.slice(0, 32);
      const h = stableHash(id, 16);
      Object.assign(state, {
        name: lbName,
        arn: `arn:aws:elasticloadbalancing:${region}:${acct}:loadbalancer/app/${lbName}/${h}`,
        arnSuffix: `app/${lbName}/${h}`,
        dnsName: `${lbName}-${stableHash(`${id}/dns`, 10)}.${region}.elb.amazonaws.com`,
        // ALB canonical hosted zone of us-east-1 (Elastic Load Balancing endpoints and quotas, AWS General Reference).
        zoneId: "Z35SXDOTRQ7X7K",
      });
      break;
    }
    case "aws:lb/targetGroup:TargetGroup":
    case "aws:lb/listener:Listener":
    case "aws:lb/listenerRule:ListenerRule": {
      const what = { TargetGroup: "targetgroup", Listener: "listener/app", ListenerRule: "listener-rule/app" }[kind] ?? kind.toLowerCase();
      state["arn"] = `arn:aws:elasticloadbalancing:${region}:${acct}:${what}/${physical.slice(0, 32)}/${stableHash(id, 16)}`;
      break;
    }
    case "aws:acm/certificate:Certificate": {
      const domains = [inputs["domainName"], ...((inputs["subjectAlternativeNames"] as unknown[]) ?? [])].filter((d): d is string => typeof d === "string");
      Object.assign(state, {
        arn: `arn:aws:acm:${region}:${acct}:certificate/${uuidFrom(id)}`,
        status: "PENDING_VALIDATION",
        domainValidationOptions: domains.map((d) => ({
          domainName: d,
          resourceRecordName: `_${stableHash(`${id}/${d}`, 32)}.${d}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${stableHash(`${id}/${d}/value`, 32)}.acm-validations.aws.`,
        })),
      });
      break;
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      state["certificateArn"] = inputs["certificateArn"];
      break;
    case "aws:eks/nodeGroup:NodeGroup":
      Object.assign(state, {
        arn: `arn:aws:eks:${region}:${acct}:nodegroup/${str(inputs["clusterName"]) ?? "cluster"}/${physical}/${uuidFrom(id)}`,
        resources: [{ autoscalingGroups: [{ name: `eks-${physical}-${uuidFrom(id)}` }], remoteAccessSecurityGroupId: "" }],
      });
      break;
    case "aws:lambda/alias:Alias":
      state["arn"] = `arn:aws:lambda:${region}:${acct}:function:${str(inputs["functionName"]) ?? "function"}:${physical}`;
      break;
    default:
      break;
  }
  return state;
}

/** The global load-balancing kinds whose ids the fake cloud gives in the provider's `projects/.../global/...` form. */
const LB_COLLECTIONS: Record<string, string> = {
  BackendService: "backendServices",
  HealthCheck: "healthChecks",
  URLMap: "urlMaps",
  SSLPolicy: "sslPolicies",
  TargetHttpsProxy: "targetHttpsProxies",
  TargetHttpProxy: "targetHttpProxies",
  GlobalForwardingRule: "forwardingRules",
};

function gcpState(type: string, name: string, inputs: Record<string, any>, id: string, who: FakeCloudIdentity) {
  const { mod, kind } = parseType(type);
  const project = str(inputs["project"]) ?? who.gcpProject;
  const region = str(inputs["region"]) ?? str(inputs["location"]) ?? who.gcpRegion;
  const physical = str(inputs["name"]) ?? id;
  const plural = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}s`;
  const state: Record<string, unknown> = { project, name: physical };
  if (mod === "compute") {
    const collection = LB_COLLECTIONS[kind];
    const global = collection !== undefined || ["Network", "Firewall", "GlobalAddress"].includes(kind);
    const scope = global ? "global" : `regions/${region}`;
    state["selfLink"] = `https://www.googleapis.com/compute/v1/projects/${project}/${scope}/${plural}/${physical}`;
    // The load balancer's parts refer to each other by these ids (the provider's id formats).
    if (collection) state["id"] = `projects/${project}/global/${collection}/${physical}`;
  }
  if (mod === "certificatemanager") state["id"] = `projects/${project}/locations/global/${plural}/${physical}`;
  switch (type) {
    case "gcp:serviceaccount/account:Account": {
      const accountId = str(inputs["accountId"]) ?? physical;
      const email = `${accountId}@${project}.iam.gserviceaccount.com`;
      Object.assign(state, { email, member: `serviceAccount:${email}`, uniqueId: stableHash(id, 21).replace(/[a-f]/g, "1"), name: `projects/${project}/serviceAccounts/${email}` });
      break;
    }
    case "gcp:sql/databaseInstance:DatabaseInstance":
      Object.assign(state, {
        connectionName: `${project}:${region}:${physical}`,
        privateIpAddress: privateIp(id),
        publicIpAddress: inputs["settings"]?.ipConfiguration?.ipv4Enabled ? publicIp(id) : "",
        firstIpAddress: privateIp(id),
        serverCaCerts: [{ cert: `-----BEGIN CERTIFICATE-----\nfake-${id}\n-----END CERTIFICATE-----`, commonName: "C=US,O=Google\\, Inc,CN=Google Cloud SQL Server CA", sha1Fingerprint: stableHash(id, 40) }],
        selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${physical}`,
      });
      break;
    case "gcp:cloudrunv2/service:Service":
      Object.assign(state, { uri: `https://${physical}-${stableHash(id, 10)}-uc.a.run.app`, uid: uuidFrom(id) });
      break;
    case "gcp:container/cluster:Cluster": {
      // A peering-based private cluster: GKE names the control plane's peering and gives it an IP in masterCidr.
      const pcc = (inputs["privateClusterConfig"] ?? {}) as Record<string, unknown>;
      const master = str(pcc["masterIpv4CidrBlock"]);
      const privateEndpoint = master ? master.replace(/\.\d+\/\d+$/, (m) => `.${Number(m.slice(1).split("/")[0]) + 2}`) : privateIp(`${id}-master`);
      Object.assign(state, {
        privateClusterConfig: { ...pcc, peeringName: `gke-n${stableSuffix(id, 16)}-${stableSuffix(`${id}-peer`, 4)}-peer`, privateEndpoint },
        endpoint: privateIp(id),
        masterAuth: { clusterCaCertificate: Buffer.from(`fake-ca-${id}`).toString("base64") },
        selfLink: `https://container.googleapis.com/v1/projects/${project}/locations/${region}/clusters/${physical}`,
      });
      break;
    }
    case "gcp:kms/keyRing:KeyRing":
      state["id"] = `projects/${project}/locations/${region}/keyRings/${physical}`;
      break;
    case "gcp:kms/cryptoKey:CryptoKey":
      state["id"] = `${str(inputs["keyRing"]) ?? `projects/${project}/locations/${region}/keyRings/ring`}/cryptoKeys/${physical}`;
      break;
    case "gcp:secretmanager/secret:Secret":
      state["id"] = `projects/${project}/secrets/${str(inputs["secretId"]) ?? physical}`;
      state["name"] = `projects/${who.gcpProjectNumber}/secrets/${str(inputs["secretId"]) ?? physical}`;
      break;
    case "gcp:certificatemanager/dnsAuthorization:DnsAuthorization": {
      const domain = str(inputs["domain"]) ?? "example.com";
      state["dnsResourceRecords"] = [{ name: `_acme-challenge.${domain}.`, type: "CNAME", data: `${stableHash(id, 12)}.${stableHash(`${id}/n`, 1)}.authorize.certificatemanager.goog.` }];
      break;
    }
    case "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup":
      state["id"] = `projects/${project}/regions/${region}/networkEndpointGroups/${physical}`;
      break;
    case "gcp:container/nodePool:NodePool": {
      const zones: string[] = Array.isArray(inputs["nodeLocations"]) && inputs["nodeLocations"].length > 0 ? inputs["nodeLocations"] : ["a", "b", "c"].map((z) => `${region}-${z}`);
      const group = (z: string) => `gke-${String(inputs["cluster"] ?? "cluster").slice(0, 20)}-${physical.slice(0, 10)}-${stableHash(`${id}/${z}`, 8)}-grp`;
      Object.assign(state, {
        managedInstanceGroupUrls: zones.map((z) => `https://www.googleapis.com/compute/v1/projects/${project}/zones/${z}/instanceGroups/${group(z)}`),
        instanceGroupUrls: zones.map((z) => `https://www.googleapis.com/compute/v1/projects/${project}/zones/${z}/instanceGroupManagers/${group(z)}`),
      });
      break;
    }
    case "gcp:dns/managedZone:ManagedZone":
      state["nameServers"] = ["ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com.", "ns-cloud-a3.googledomains.com.", "ns-cloud-a4.googledomains.com."];
      break;
    case "gcp:compute/address:Address":
    case "gcp:compute/globalAddress:GlobalAddress":
      state["address"] = str(inputs["address"]) ?? (inputs["addressType"] === "INTERNAL" ? privateIp(id) : publicIp(id));
      break;
    case "gcp:servicenetworking/connection:Connection":
      state["peering"] = "servicenetworking-googleapis-com";
      break;
    case "gcp:compute/haVpnGateway:HaVpnGateway":
      state["vpnInterfaces"] = [
        { id: 0, ipAddress: publicIp(`${id}/0`) },
        { id: 1, ipAddress: publicIp(`${id}/1`) },
      ];
      break;
    default:
      break;
  }
  return state;
}

function azureState(type: string, name: string, inputs: Record<string, any>, id: string, who: FakeCloudIdentity) {
  const { mod, kind } = parseType(type);
  const physical =
    str(inputs[`${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`]) ?? str(inputs["resourceName"]) ?? str(inputs["name"]) ?? id;
  const sub = who.azureSubscriptionId;
  const rg = str(inputs["resourceGroupName"]);
  const provider = `Microsoft.${mod.charAt(0).toUpperCase()}${mod.slice(1)}`;
  const armId =
    type === "azure-native:resources:ResourceGroup"
      ? `/subscriptions/${sub}/resourceGroups/${physical}`
      : `/subscriptions/${sub}/resourceGroups/${rg ?? "rg"}/providers/${provider}/${kind.charAt(0).toLowerCase()}${kind.slice(1)}s/${physical}`;
  const state: Record<string, unknown> = { name: physical, azureApiVersion: "2024-01-01", location: inputs["location"] ?? who.azureLocation };
  if (inputs["identity"]?.type && String(inputs["identity"].type).includes("SystemAssigned")) {
    state["identity"] = { ...inputs["identity"], principalId: uuidFrom(`${id}/principal`), tenantId: who.azureTenantId };
  }
  switch (type) {
    case "azure-native:applicationinsights:Component":
      state["connectionString"] = `InstrumentationKey=${uuidFrom(id)};IngestionEndpoint=https://${who.azureLocation}.in.applicationinsights.azure.com/`;
      break;
    case "azure-native:app:ContainerApp":
      state["latestRevisionFqdn"] = `${physical}.${stableHash(id, 10)}.${who.azureLocation}.azurecontainerapps.io`;
      // The app's stable name in its environment's domain (`<app>.<env domain>`), where ingress is enabled.
      if (inputs["configuration"]?.ingress) {
        const domain = `${stableHash(String(inputs["managedEnvironmentId"] ?? id), 10)}.${inputs["location"] ?? who.azureLocation}.azurecontainerapps.io`;
        state["configuration"] = { ...inputs["configuration"], ingress: { ...inputs["configuration"].ingress, fqdn: `${physical}.${domain}` } };
      }
      break;
    case "azure-native:web:WebApp":
      state["defaultHostName"] = `${physical}.azurewebsites.net`;
      break;
    case "azure-native:dbforpostgresql:Server":
      state["fullyQualifiedDomainName"] = `${physical}.postgres.database.azure.com`;
      break;
    case "azure-native:containerservice:ManagedCluster":
      Object.assign(state, {
        fqdn: `${physical}-${stableHash(id, 8)}.hcp.${who.azureLocation}.azmk8s.io`,
        privateFQDN: `${physical}.privatelink.${who.azureLocation}.azmk8s.io`,
        oidcIssuerProfile: { ...(inputs["oidcIssuerProfile"] ?? {}), issuerURL: `https://${who.azureLocation}.oic.prod-aks.azure.com/${who.azureTenantId}/${uuidFrom(id)}/` },
      });
      break;
    case "azure-native:storage:StorageAccount":
      state["primaryEndpoints"] = { blob: `https://${physical}.blob.core.windows.net/` };
      break;
    case "azure-native:cdn:AFDEndpoint":
      state["hostName"] = `${physical}-${stableHash(id, 16)}.z01.azurefd.net`;
      break;
    case "azure-native:cdn:AFDCustomDomain":
      state["validationProperties"] = { validationToken: stableHash(`${id}/token`, 32), expirationDate: "2027-01-07T00:00:00Z" };
      break;
    default:
      break;
  }
  return { armId, state };
}

/** A deterministic string of `length` characters from `alphabet`, derived from `key`. */
function deterministicString(key: string, length: number, alphabet: string): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    for (const byte of createHash("sha256").update(`${key}#${round}`).digest()) {
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** @pulumi/random results: deterministic, and honouring the requested length and character classes. */
function randomState(type: string, inputs: Record<string, any>, key: string): Record<string, unknown> {
  const length = typeof inputs["length"] === "number" ? inputs["length"] : 16;
  let alphabet = "";
  if (inputs["upper"] !== false) alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  if (inputs["lower"] !== false) alphabet += "abcdefghijklmnopqrstuvwxyz";
  if (inputs["numeric"] !== false && inputs["number"] !== false) alphabet += "0123456789";
  if (inputs["special"] !== false) alphabet += str(inputs["overrideSpecial"]) ?? "!@#$%&*()-_=+[]{}<>:?";
  switch (type) {
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString":
      return { result: deterministicString(key, length, alphabet || "abcdefghijklmnopqrstuvwxyz") };
    case "random:index/randomId:RandomId": {
      const bytes = typeof inputs["byteLength"] === "number" ? inputs["byteLength"] : 8;
      const hex = stableHash(key, bytes * 2);
      return { hex, b64Url: Buffer.from(hex, "hex").toString("base64url"), dec: BigInt(`0x${hex}`).toString() };
    }
    default:
      return {};
  }
}

/** The id and computed attributes the fake cloud returns for one resource. */
export function fakeResourceState(
  args: { type: string; name: string; inputs: Record<string, any>; urn?: string },
  who: FakeCloudIdentity = DEFAULT_IDENTITY,
): { id: string; state: Record<string, unknown> } {
  const { type, name, inputs } = args;
  const key = args.urn ?? `${type}::${name}`;
  const { pkg } = parseType(type);
  const prefix = AWS_ID_PREFIX[type];
  let id = prefix ? `${prefix}-${stableHash(key, 17)}` : `${name}-${stableHash(key)}`;
  let computed: Record<string, unknown> = {};
  if (pkg === "aws") computed = awsState(type, name, inputs, id, who);
  else if (pkg === "gcp") {
    computed = gcpState(type, name, inputs, id, who);
    if (typeof computed["id"] === "string") id = computed["id"] as string;
  } else if (pkg === "azure-native") {
    const { armId, state } = azureState(type, name, inputs, id, who);
    id = armId;
    computed = state;
  } else if (pkg === "random") {
    computed = randomState(type, inputs, key);
    id = String(computed["result"] ?? computed["hex"] ?? id);
  } else if (type.startsWith("pulumi:providers:")) {
    id = uuidFrom(key);
  }
  // Inputs echo back as outputs; where the provider adds to an input object (an identity's principal id), merge.
  const state: Record<string, unknown> = { ...computed, ...inputs, id };
  for (const [k, v] of Object.entries(computed)) {
    const given = inputs[k];
    if (isObject(v) && isObject(given)) state[k] = { ...given, ...v };
  }
  return { id, state };
}

/** Fixed answers to the invokes programs commonly make. */
export function fakeInvoke(token: string, inputs: Record<string, any>, who: FakeCloudIdentity = DEFAULT_IDENTITY): Record<string, unknown> | undefined {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const names = ["a", "b", "c", "d", "f"].map((s) => `${who.awsRegion}${s}`);
      return { names, zoneIds: names.map((_, i) => `use1-az${i + 1}`), id: who.awsRegion, groupNames: [who.awsRegion] };
    }
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: who.awsAccountId, arn: `arn:aws:iam::${who.awsAccountId}:user/meridian-offline`, userId: "AIDAOFFLINEUSER", id: who.awsAccountId };
    case "aws:index/getRegion:getRegion":
      return { name: who.awsRegion, region: who.awsRegion, id: who.awsRegion, description: "US East (N. Virginia)", endpoint: `ec2.${who.awsRegion}.amazonaws.com` };
    case "aws:elb/getServiceAccount:getServiceAccount":
      // The Elastic Load Balancing account of us-east-1 (Elastic Load Balancing User Guide, "Enable access logs").
      return { arn: "arn:aws:iam::127311923021:root", id: "127311923021" };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" };
    case "gcp:organizations/getProject:getProject": {
      const projectId = str(inputs["projectId"]) ?? who.gcpProject;
      return { projectId, number: who.gcpProjectNumber, name: projectId, id: `projects/${projectId}` };
    }
    case "gcp:organizations/getClientConfig:getClientConfig":
      return { project: who.gcpProject, region: who.gcpRegion, zone: `${who.gcpRegion}-a`, accessToken: "offline-token", id: "offline" };
    case "gcp:compute/getZones:getZones":
      return { names: ["a", "b", "c", "f"].map((s) => `${str(inputs["region"]) ?? who.gcpRegion}-${s}`), project: who.gcpProject, id: "zones" };
    case "azure-native:containerservice:listManagedClusterUserCredentials": {
      const cluster = str(inputs["resourceName"]) ?? "cluster";
      const kubeconfig = JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: cluster, cluster: { server: `https://${cluster}.hcp.${who.azureLocation}.azmk8s.io:443`, "certificate-authority-data": "ZmFrZQ==" } }],
        users: [{ name: "clusterUser", user: { exec: { command: "kubelogin", args: ["get-token", "--login", "azurecli"] } } }],
      });
      return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] };
    }
    case "azure-native:authorization:getClientConfig":
      return { subscriptionId: who.azureSubscriptionId, tenantId: who.azureTenantId, clientId: uuidFrom("client"), objectId: uuidFrom("object") };
    default:
      return undefined;
  }
}

/** The answers the fake cloud could not give (invokes it does not know). */
export interface FakeCloudLog {
  readonly unknownInvokes: string[];
}

/** The `Mocks` object handed to `pulumi.runtime.setMocks`. */
export function fakeCloudMocks(who: FakeCloudIdentity = DEFAULT_IDENTITY, log: FakeCloudLog = { unknownInvokes: [] }): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      return fakeResourceState({ type: args.type, name: args.name, inputs: args.inputs }, who);
    },
    call(args) {
      const answer = fakeInvoke(args.token, args.inputs, who);
      if (answer !== undefined) return answer;
      if (!log.unknownInvokes.includes(args.token)) log.unknownInvokes.push(args.token);
      return args.inputs;
    },
  };
}
