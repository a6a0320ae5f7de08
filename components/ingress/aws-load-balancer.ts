import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "@pulumi/aws/acm/certificate";
import { CertificateValidation } from "@pulumi/aws/acm/certificateValidation";
import { Attachment } from "@pulumi/aws/autoscaling/attachment";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { getServiceAccountOutput } from "@pulumi/aws/elb/getServiceAccount";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { Permission } from "@pulumi/aws/lambda/permission";
import { Listener } from "@pulumi/aws/lb/listener";
import { ListenerRule } from "@pulumi/aws/lb/listenerRule";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { TargetGroupAttachment } from "@pulumi/aws/lb/targetGroupAttachment";
import { Record as DnsRecord } from "@pulumi/aws/route53/record";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import type { AlertDestinations } from "../core/alerts";
import { awsMetricAlarm } from "../core/internal/aws-metric-alarms";
import { checkAlertDestinations, checkRequestAlarms, type RequestAlarmThresholds, type RequestAlarms } from "../core/internal/alarms";
import { checkArgs, checkComponentName, childOptions, derived, NAME_RULES, resolveProtect, statefulOptions, validator, withStandardTags, type PhysicalNameRule, type Tags } from "../core/shared";
import { publicSubnetIdList, type AwsNetworkRef } from "../network/aws-network";
import { checkRef, checkReplacedArgs, checkTagsArg } from "../core/internal/checks";
import { checkAwsNetworkRef } from "../network/internal/refs";
import { canonicalHost, certificateDomains, checkRouteRecords, checkRouteTarget, checkRoutes, hostKey, type RouteBase } from "./internal/routes";
import { ALB_TLS12_POLICIES, isTls12Policy } from "./internal/tls";

export { ALB_TLS12_POLICIES, isTls12Policy };

const TYPE = "meridian:ingress:AwsLoadBalancer";

/**
 * Names one ACM certificate may cover by default. Source: AWS Certificate Manager User Guide, "Quotas" — domain
 * names per ACM certificate: 10, adjustable up to 100 (checked 2026-11-30).
 */
export const ACM_DEFAULT_NAMES_PER_CERTIFICATE = 10;

/** The names AWS gives the load balancer and its target groups (both auto-named by Pulumi from logical names). */
const ALB_NAME: PhysicalNameRule = { what: "an Application Load Balancer name", max: 32, source: "Elastic Load Balancing API Reference, CreateLoadBalancer, Name (2026-11-30)" };
const TARGET_GROUP_NAME: PhysicalNameRule = { what: "a target group name", max: 32, source: "Elastic Load Balancing API Reference, CreateTargetGroup, Name (2026-11-30)" };
/** The longest logical name a target group may have: Pulumi's auto-naming adds a hyphen and 7 random characters. */
const AWS_LB_NAME_MAX = TARGET_GROUP_NAME.max - 8;

/**
 * Regions whose ALB access logs are delivered by the Region's Elastic Load Balancing account (the Regions available
 * before August 2022); newer Regions use the log delivery service principal only, and have no such account.
 * Source: Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer" (checked
 * 2026-11-30).
 */
export const ELB_ACCOUNT_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
  "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2",
  "eu-west-3", "eu-south-1", "eu-north-1", "me-south-1", "sa-east-1", "us-gov-west-1", "us-gov-east-1",
] as const;

/**
 * Host-header values one listener rule may match. Source: Elastic Load Balancing User Guide, "Quotas for your
 * Application Load Balancers" — condition values per rule: 5 (checked 2026-11-30).
 */
export const ALB_HOSTS_PER_RULE = 5;

/** The service principal that writes ALB access logs (every Region takes it; see `ELB_ACCOUNT_REGIONS`). */
const LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/** An Auto Scaling group whose instances receive the route's traffic on the node port. */
export interface AwsAutoScalingGroupRef {
  /** A stable key (the node pool's): it names the attachment. */
  readonly key: string;
  readonly name: pulumi.Input<string>;
}

/** Kubernetes nodes that serve a NodePort Service: the load balancer sends to every node on that port. */
export interface AwsNodePortTarget {
  /** The Service's node port, 30000–32767. */
  readonly nodePort: number;
  /** The node groups' Auto Scaling groups, attached to the route's target group. */
  readonly autoScalingGroups: AwsAutoScalingGroupRef[];
  /** The nodes' security group: the load balancer is let in on the node port, and only there. */
  readonly securityGroupId: pulumi.Input<string>;
}

/** A Lambda function the load balancer invokes. */
export interface AwsLambdaTarget {
  readonly functionName: pulumi.Input<string>;
  /** The version or alias invoked (the one with provisioned concurrency, say). @default - the unqualified function */
  readonly qualifier?: pulumi.Input<string>;
  /** The ARN the target group invokes: the function's, or its alias's when `qualifier` is set. */
  readonly functionArn: pulumi.Input<string>;
}

export interface AwsLoadBalancerRoute extends RouteBase {
  /** A stable key, lower case (`app`, `api`): it names the route's target group and rule. */
  readonly name: string;
  /** The host names this route answers (1–5, within the zone); all go on the certificate. */
  readonly hostnames: string[];
  /**
   * Host names among `hostnames` the load balancer publishes in the zone as alias records to itself (its per-cloud
   * names, which health checks probe; the shared names belong to the DNS failover). @default []
   */
  readonly aliasRecords?: string[];
  /** The readiness path the target group's health check requests. @default "/readyz" */
  readonly healthPath?: string;
  /** Kubernetes nodes serving a NodePort. Exactly one of `nodePort` and `lambda`. */
  readonly nodePort?: AwsNodePortTarget;
  /** A Lambda function. Exactly one of `nodePort` and `lambda`. */
  readonly lambda?: AwsLambdaTarget;
}

/**
 * The thresholds of an AwsLoadBalancer's alarms, on the whole load balancer (every route): CloudWatch's
 * `AWS/ApplicationELB` metrics, dimension LoadBalancer, 60-second periods. The strategy's values by default: 5xx
 * (the targets' and the load balancer's own) above 5 % of requests for 5 min, critical; p99 TargetResponseTime above
 * 1,000 ms for 10 min, warning.
 */
export type AwsLoadBalancerAlarms = RequestAlarms;

export interface AwsLoadBalancerArgs {
  /**
   * The network (an `AwsNetwork` fits as it is): the load balancer goes in its public subnets, `publicSubnetIds`,
   * which must be given, in at least two Availability Zones (an ALB needs two); target groups are in its VPC.
   */
  readonly network: AwsNetworkRef;
  /** The Route 53 public zone's domain: every host name must be in it. */
  readonly zoneName: string;
  /** The zone's id: certificate validation and alias records go there. */
  readonly zoneId: pulumi.Input<string>;
  readonly routes: AwsLoadBalancerRoute[];
  /** The HTTPS listener's security policy: TLS 1.2 or newer only (`isTls12Policy`). @default "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" */
  readonly sslPolicy?: string;
  /** The account's ACM quota of names per certificate (10 unless raised, up to 100). @default 10 */
  readonly certificateNameQuota?: number;
  /** Days access logs are kept in their bucket, 1–3,650. @default 90 */
  readonly accessLogRetentionDays?: number;
  /** Deletion protection on the load balancer (`enableDeletionProtection`; set in prod). @default true */
  readonly deletionProtection?: boolean;
  /**
   * Protect the stateful children in Pulumi (the load balancer, whose DNS name records alias, and the access-log
   * bucket, which is also kept when the stack is destroyed). The component's own `protect` resource option says the
   * same; when both are given they must agree. @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  /**
   * Where the alarms go, by severity (`AlertRouting`'s destinations; this component uses `aws`). Without it the
   * alarms exist and show their state, but notify no one. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alarms' thresholds (see `AwsLoadBalancerAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: AwsLoadBalancerAlarms;
  readonly tags?: Tags;
}

interface Resolved {
  readonly protect: boolean;
  readonly alarms: RequestAlarmThresholds | false;
  readonly sslPolicy: string;
  readonly accessLogRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly healthPaths: string[];
  readonly domains: string[];
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAwsLoadBalancerArgs(name: string, args: AwsLoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { vpcId: "unset: give network, an AwsNetworkRef (an AwsNetwork fits as it is)", publicSubnetIds: "unset: give network, an AwsNetworkRef (an AwsNetwork fits as it is)" });
  // Physical names from the component's name: the ALB (auto-named "<name>-alb-xxxxxxx"), the log bucket.
  checkComponentName(check, name, [derived(ALB_NAME, "-alb", true), derived(NAME_RULES.aws.s3BucketName, "-logs", true), derived(NAME_RULES.aws.nameTag, "-alb")]);
  const protect = resolveProtect(check, opts, args.protect);
  check.bool("deletionProtection", args.deletionProtection);
  checkAwsNetworkRef(check, "network", args.network, { privateSubnets: 0, publicSubnets: 2 });
  checkRef(check, "zoneId", args.zoneId, "the Route 53 zone's id (certificate validation and alias records go there)");
  checkTagsArg(check, args.tags, "aws");
  const healthPaths = checkRoutes(check, args.zoneName, args.routes, ALB_HOSTS_PER_RULE);
  args.routes.forEach((r, i) => {
    const f = `routes[${i}]`;
    checkRouteTarget(check, f, r, { key: "lambda", value: r.lambda, what: "a function" }, { key: "autoScalingGroups", list: (n) => n.autoScalingGroups, what: "Auto Scaling groups", keyPattern: /^[a-z][a-z0-9-]{0,23}$/ });
    if (r.nodePort !== undefined) {
      checkRef(check, `${f}.nodePort.securityGroupId`, r.nodePort.securityGroupId, "the nodes' security group id");
      r.nodePort.autoScalingGroups.forEach((g, j) => checkRef(check, `${f}.nodePort.autoScalingGroups[${j}].name`, g.name, "the Auto Scaling group's name"));
    }
    if (r.lambda !== undefined) {
      checkRef(check, `${f}.lambda.functionName`, r.lambda.functionName, "the function's name");
      checkRef(check, `${f}.lambda.functionArn`, r.lambda.functionArn, "the ARN the target group invokes (the function's, or its alias's)");
    }
    checkRouteRecords(check, `${f}.aliasRecords`, r.aliasRecords, r.hostnames);
    if (`${name}-${r.name}`.length > AWS_LB_NAME_MAX) check.fail(`${f}.name`, r.name, `a key that keeps "${name}-<key>" within ${AWS_LB_NAME_MAX} characters (a target group's name, with Pulumi's 8-character suffix, may have ${TARGET_GROUP_NAME.max})`);
  });
  const sslPolicy = args.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
  if (!isTls12Policy(sslPolicy)) {
    check.fail("sslPolicy", sslPolicy, `a security policy that accepts TLS 1.2 or newer only: an ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policy, or one of ${ALB_TLS12_POLICIES.slice(6).join(", ")}`);
  }
  const quota = args.certificateNameQuota ?? ACM_DEFAULT_NAMES_PER_CERTIFICATE;
  check.intRange("certificateNameQuota", quota, 1, 100);
  const domains = certificateDomains(args.routes);
  if (domains.length > quota) check.fail("routes", `${domains.length} host names`, `at most ${quota} host names in all (ACM's names per certificate; raise the quota and certificateNameQuota for more)`);
  const accessLogRetentionDays = args.accessLogRetentionDays ?? 90;
  check.intRange("accessLogRetentionDays", accessLogRetentionDays, 1, 3650);
  checkAlertDestinations(check, "alerts", args.alerts, "aws");
  const alarms = checkRequestAlarms(check, args.alarms);
  return { protect, sslPolicy, accessLogRetentionDays, deletionProtection: args.deletionProtection ?? true, healthPaths, domains, alarms };
}

/**
 * An internet-facing Application Load Balancer as a stack's AWS entry point, every part a resource of the program:
 * an ACM certificate for every host name, validated through records in the Route 53 zone (so it validates while
 * DNS points at another cloud); an HTTPS listener on a TLS 1.2+ policy with a rule per route on the Host header
 * (anything else gets 404); HTTP redirected to HTTPS; invalid header fields dropped; deletion protection; access
 * logs to a private, SSE-S3-encrypted bucket that expires them. Each route forwards to Kubernetes nodes on a node
 * port (the node groups' Auto Scaling groups attached to its target group: no in-cluster controller) or to a
 * Lambda function that only this load balancer may invoke, and health-checks the route's readiness path.
 */
export class AwsLoadBalancer extends pulumi.ComponentResource {
  /** The load balancer's DNS name. */
  public readonly dnsName: pulumi.Output<string>;
  /** The load balancer's canonical hosted zone id (for alias records). */
  public readonly canonicalZoneId: pulumi.Output<string>;
  public readonly loadBalancerArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** The validated certificate's ARN. */
  public readonly certificateArn: pulumi.Output<string>;
  public readonly accessLogBucket: pulumi.Output<string>;
  /** Target group ARNs by route name. */
  public readonly targetGroupArns: pulumi.Output<Record<string, string>>;
  /** The alias records published, by route name: the per-cloud names health checks probe. Known at construction. */
  public readonly aliasRecords: Record<string, string[]>;

  constructor(name: string, args: AwsLoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAwsLoadBalancerArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const network = args.network;

    // Access logs: private, owner-enforced, SSE-S3 (the only encryption ALB log delivery supports), expiring.
    const bucket = new Bucket(`${name}-logs`, { forceDestroy: false }, statefulOptions(this, opts, a.protect, { retainOnDelete: a.protect }));
    const publicBlock = new BucketPublicAccessBlock(`${name}-logs`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, parent);
    new BucketOwnershipControls(`${name}-logs`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
    new BucketServerSideEncryptionConfiguration(`${name}-logs`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }] }, parent);
    new BucketLifecycleConfiguration(
      `${name}-logs`,
      { bucket: bucket.id, rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: a.accessLogRetentionDays }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }] },
      parent,
    );
    const account = getCallerIdentityOutput({}, parent).accountId;
    // Older Regions deliver through their ELB account; newer ones have none (the lookup would fail there).
    const principal = getRegionOutput({}, parent).region.apply((region) =>
      (ELB_ACCOUNT_REGIONS as readonly string[]).includes(region)
        ? getServiceAccountOutput({ region }, parent).arn.apply((arn) => ({ AWS: arn, Service: LOG_DELIVERY_PRINCIPAL }))
        : pulumi.output({ Service: LOG_DELIVERY_PRINCIPAL }),
    );
    const logPolicy = new BucketPolicy(
      `${name}-logs`,
      {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "LoadBalancerWritesLogs",
              Effect: "Allow",
              Principal: principal,
              Action: "s3:PutObject",
              Resource: pulumi.interpolate`${bucket.arn}/${name}/AWSLogs/${account}/*`,
            },
            { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
          ],
        }),
      },
      // S3 refuses a policy while the public access block is being applied.
      childOptions(this, opts, { dependsOn: [publicBlock] }),
    );

    // The internet reaches the listeners and nothing else; the load balancer reaches each node port and nothing else.
    const sg = new SecurityGroup(`${name}-sg`, { vpcId: network.vpcId, description: `${name}: HTTPS and HTTP (redirected) from the internet`, tags: { Name: `${name}-alb` } }, parent);
    for (const port of [443, 80]) {
      new SecurityGroupIngressRule(`${name}-in-${port}`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: port, toPort: port, description: port === 443 ? "HTTPS" : "HTTP, redirected to HTTPS" }, parent);
    }

    const lb = new LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "ipv4",
        securityGroups: [sg.id],
        subnets: publicSubnetIdList({ publicSubnetIds: network.publicSubnetIds!, addressPlan: network.addressPlan }),
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableDeletionProtection: a.deletionProtection,
        idleTimeout: 60,
        accessLogs: { bucket: bucket.bucket, prefix: name, enabled: true },
      },
      // Stateful: records alias its DNS name, which a new load balancer would not have.
      statefulOptions(this, opts, a.protect, { dependsOn: [logPolicy] }),
    );

    // The certificate covers every host name and validates through DNS, whatever the names point at today.
    const cert = new Certificate(`${name}-cert`, { domainName: a.domains[0]!, subjectAlternativeNames: a.domains.slice(1), validationMethod: "DNS", keyAlgorithm: "RSA_2048" }, parent);
    const validationRecords = a.domains.map((domain) => {
      // Under mocks that echo inputs the options are absent: nothing here may assume the cloud computed them.
      const option = cert.domainValidationOptions.apply((all) => (all ?? []).find((o) => o.domainName === domain));
      return new DnsRecord(
        `${name}-validation-${hostKey(domain, args.zoneName)}`,
        { zoneId: args.zoneId, name: option.apply((o) => o?.resourceRecordName ?? `_validation.${domain}`), type: option.apply((o) => o?.resourceRecordType ?? "CNAME"), records: [option.apply((o) => o?.resourceRecordValue ?? "")], ttl: 300, allowOverwrite: true },
        parent,
      );
    });
    const validation = new CertificateValidation(`${name}-cert`, { certificateArn: cert.arn, validationRecordFqdns: validationRecords.map((r) => r.fqdn) }, parent);

    const https = new Listener(
      `${name}-https`,
      {
        loadBalancerArn: lb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: a.sslPolicy,
        certificateArn: validation.certificateArn,
        // A host name no route answers gets a 404, not some backend.
        defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } }],
      },
      parent,
    );
    new Listener(
      `${name}-http`,
      { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] },
      parent,
    );

    const targetGroups: Record<string, pulumi.Output<string>> = {};
    const aliasRecords: Record<string, string[]> = {};
    args.routes.forEach((route, i) => {
      const healthPath = a.healthPaths[i]!;
      const key = `${name}-${route.name}`;
      let tg: TargetGroup;
      if (route.nodePort) {
        const np = route.nodePort;
        tg = new TargetGroup(
          key,
          {
            vpcId: network.vpcId,
            targetType: "instance",
            protocol: "HTTP",
            port: np.nodePort,
            deregistrationDelay: 30,
            healthCheck: { enabled: true, protocol: "HTTP", port: "traffic-port", path: healthPath, matcher: "200-399", interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
          },
          parent,
        );
        for (const g of np.autoScalingGroups) new Attachment(`${key}-${g.key}`, { autoscalingGroupName: g.name, lbTargetGroupArn: tg.arn }, parent);
        new SecurityGroupEgressRule(`${key}-out`, { securityGroupId: sg.id, referencedSecurityGroupId: np.securityGroupId, ipProtocol: "tcp", fromPort: np.nodePort, toPort: np.nodePort, description: `${route.name}: node port` }, parent);
        new SecurityGroupIngressRule(`${key}-nodes`, { securityGroupId: np.securityGroupId, referencedSecurityGroupId: sg.id, ipProtocol: "tcp", fromPort: np.nodePort, toPort: np.nodePort, description: `${name}: ${route.name} through the load balancer` }, parent);
      } else {
        const fn = route.lambda!;
        tg = new TargetGroup(
          key,
          { targetType: "lambda", lambdaMultiValueHeadersEnabled: true, healthCheck: { enabled: true, path: healthPath, matcher: "200", interval: 35, timeout: 30, healthyThreshold: 2, unhealthyThreshold: 2 } },
          parent,
        );
        // Only this target group may invoke the function.
        const permission = new Permission(
          `${key}-invoke`,
          { action: "lambda:InvokeFunction", function: fn.functionName, qualifier: fn.qualifier, principal: "elasticloadbalancing.amazonaws.com", sourceArn: tg.arn },
          parent,
        );
        new TargetGroupAttachment(key, { targetGroupArn: tg.arn, targetId: fn.functionArn }, childOptions(this, opts, { dependsOn: [permission] }));
      }
      new ListenerRule(
        key,
        { listenerArn: https.arn, priority: (i + 1) * 10, conditions: [{ hostHeader: { values: route.hostnames.map(canonicalHost) } }], actions: [{ type: "forward", targetGroupArn: tg.arn }] },
        parent,
      );
      targetGroups[route.name] = tg.arn;
      aliasRecords[route.name] = [...(route.aliasRecords ?? [])];
      for (const host of route.aliasRecords ?? []) {
        new DnsRecord(`${name}-${hostKey(host, args.zoneName)}`, { zoneId: args.zoneId, name: host, type: "A", aliases: [{ name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true }] }, parent);
      }
    });

    if (a.alarms !== false) createLoadBalancerAlarms(name, a.alarms, args.alerts, lb, parent);

    this.dnsName = lb.dnsName;
    this.canonicalZoneId = lb.zoneId;
    this.loadBalancerArn = lb.arn;
    this.securityGroupId = sg.id;
    this.certificateArn = validation.certificateArn;
    this.accessLogBucket = bucket.bucket;
    this.targetGroupArns = pulumi.all(targetGroups);
    this.aliasRecords = aliasRecords;
    this.registerOutputs({
      dnsName: this.dnsName,
      canonicalZoneId: this.canonicalZoneId,
      loadBalancerArn: this.loadBalancerArn,
      securityGroupId: this.securityGroupId,
      certificateArn: this.certificateArn,
      accessLogBucket: this.accessLogBucket,
      targetGroupArns: this.targetGroupArns,
      aliasRecords: this.aliasRecords,
    });
  }
}

/**
 * The entry point's alarms, one pair per load balancer rather than per route: the strategy's error rate and latency
 * are what users of the entry point see, every route shares the listener, and a route's target group would add two
 * alarms (and their cost) per route. A route's own figures are in CloudWatch under the TargetGroup dimension.
 * Metrics: `AWS/ApplicationELB` HTTPCode_Target_5XX_Count, HTTPCode_ELB_5XX_Count and RequestCount (Sum), and
 * TargetResponseTime (seconds; p99 as an extended statistic), dimension LoadBalancer (`app/<name>/<id>`, the ARN's
 * suffix). Source: Elastic Load Balancing User Guide, "CloudWatch metrics for your Application Load Balancer"
 * (checked 2026-11-30). A count metric has no data point in a minute without such responses: FILL(…, 0) makes them
 * zero; a minute without requests has no rate and is not breaching.
 */
function createLoadBalancerAlarms(name: string, t: RequestAlarmThresholds, alerts: AlertDestinations | undefined, lb: LoadBalancer, opts: pulumi.CustomResourceOptions): void {
  const subject = `Load balancer ${name}`;
  const dimensions = { LoadBalancer: lb.arnSuffix };
  const count = (id: string, metricName: string) => ({ id, metric: { namespace: "AWS/ApplicationELB", metricName, dimensions, period: 60, stat: "Sum" } });
  awsMetricAlarm(
    `${name}-errors`,
    { severity: "critical", subject, condition: `5xx responses (targets' and the load balancer's) above ${t.errorRatePercent} % of requests for ${t.errorMinutes} min`, step: "error-rate" },
    alerts?.aws,
    {
      metricQueries: [
        count("target5xx", "HTTPCode_Target_5XX_Count"),
        count("elb5xx", "HTTPCode_ELB_5XX_Count"),
        count("requests", "RequestCount"),
        { id: "rate", expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests", label: "5xx rate (%)", returnData: true },
      ],
      evaluationPeriods: t.errorMinutes,
      threshold: t.errorRatePercent,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    opts,
  );
  awsMetricAlarm(
    `${name}-latency`,
    { severity: "warning", subject, condition: `p99 TargetResponseTime above ${t.latencyP99Ms} ms for ${t.latencyMinutes} min`, step: "latency" },
    alerts?.aws,
    {
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions,
      extendedStatistic: "p99",
      period: 60,
      evaluationPeriods: t.latencyMinutes,
      // TargetResponseTime is in seconds.
      threshold: t.latencyP99Ms / 1000,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    },
    opts,
  );
}
