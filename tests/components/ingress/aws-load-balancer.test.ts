import { Provider } from "@pulumi/aws/provider";
import { AwsLoadBalancer, validateAwsLoadBalancerArgs, type AwsLoadBalancerArgs, type AwsLoadBalancerRoute } from "../../../components/ingress";
import { resource, runProgram } from "../../helpers/offline";
import { alertDestinations, awsNetworkWithPublicSubnets as network } from "../../helpers/fixtures";

const T = "meridian:ingress:AwsLoadBalancer";
const app: AwsLoadBalancerRoute = {
  name: "app",
  hostnames: ["app.example.com", "app-aws.example.com"],
  aliasRecords: ["app-aws.example.com"],
  nodePort: { nodePort: 30080, autoScalingGroups: [{ key: "general", name: "eks-general-asg" }], securityGroupId: "sg-nodes" },
};
const api: AwsLoadBalancerRoute = {
  name: "api",
  hostnames: ["api.example.com", "api-aws.example.com"],
  aliasRecords: ["api-aws.example.com"],
  healthPath: "/ready",
  lambda: { functionName: "api-fn", qualifier: "live", functionArn: "arn:aws:lambda:us-east-1:123456789012:function:api-fn:live" },
};
const base: AwsLoadBalancerArgs = { network, zoneName: "example.com", zoneId: "Z123", routes: [app, api] };

describe("validateAwsLoadBalancerArgs", () => {
  it.each<[string, Partial<AwsLoadBalancerArgs>, string]>([
    [
      "one public subnet",
      { network: { ...network, publicSubnetIds: ["subnet-a"], addressPlan: { ...network.addressPlan, publicSubnets: ["10.0.128.0/20"] } } },
      `${T} 'edge': network.addressPlan.publicSubnets must be at least 2 public subnets, in different Availability Zones; got ["10.0.128.0/20"].`,
    ],
    ["a network without its public subnets", { network: { ...network, publicSubnetIds: undefined } }, `${T} 'edge': network.publicSubnetIds must be the subnet ids, one per range of addressPlan.publicSubnets, in order; got undefined.`],
    ["no routes", { routes: [] }, `${T} 'edge': routes must be a list of routes (at least 1); got [].`],
    [
      "a TLS policy that still accepts TLS 1.0",
      { sslPolicy: "ELBSecurityPolicy-2016-08" },
      `${T} 'edge': sslPolicy must be a security policy that accepts TLS 1.2 or newer only: an ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policy, or one of ELBSecurityPolicy-TLS-1-2-2017-01,`,
    ],
    [
      "a certificate name outside the zone",
      { routes: [{ ...app, hostnames: ["app.example.org"], aliasRecords: [] }] },
      `${T} 'edge': routes[0].hostnames[0] must be a name within the zone example.com (its certificate is validated through records in that zone); got "app.example.org".`,
    ],
    ["a health path that is not a path", { routes: [{ ...app, healthPath: "readyz" }] }, `${T} 'edge': routes[0].healthPath must be a request path starting with /, such as "/readyz"; got "readyz".`],
    ["a route with two targets", { routes: [{ ...app, lambda: api.lambda }] }, `${T} 'edge': routes[0] must be a route with exactly one target: nodePort (Kubernetes nodes) or lambda (a function); got "app".`],
    ["a node port outside Kubernetes' range", { routes: [{ ...app, nodePort: { ...app.nodePort!, nodePort: 8080 } }] }, `${T} 'edge': routes[0].nodePort.nodePort must be an integer from 30000 to 32767; got 8080.`],
    ["two routes with one key", { routes: [app, { ...api, name: "app" }] }, `${T} 'edge': routes[1].name must be a key no other route has; got "app".`],
    [
      "one host name on two routes",
      { routes: [app, { ...api, hostnames: ["app.example.com"], aliasRecords: [] }] },
      `${T} 'edge': routes[1].hostnames[0] must be a host name no other route answers (route app has it); got "app.example.com".`,
    ],
    ["more host names than a rule matches", { routes: [{ ...app, hostnames: ["a", "b", "c", "d", "e", "f"].map((h) => `${h}.example.com`), aliasRecords: [] }] }, `${T} 'edge': routes[0].hostnames must be a list of host names (1 to 5);`],
    ["an alias record the route does not answer", { routes: [{ ...app, aliasRecords: ["other.example.com"] }] }, `${T} 'edge': routes[0].aliasRecords[0] must be one of the route's hostnames (app.example.com, app-aws.example.com); got "other.example.com".`],
    [
      "more names than ACM puts on one certificate",
      { routes: [app, { ...api, hostnames: ["a", "b", "c", "d", "e"].map((h) => `${h}.example.com`), aliasRecords: [] }, { ...api, name: "more", hostnames: ["f", "g", "h", "i"].map((h) => `${h}.example.com`), aliasRecords: [] }] },
      `${T} 'edge': routes must be at most 10 host names in all (ACM's names per certificate; raise the quota and certificateNameQuota for more); got "11 host names".`,
    ],
    ["a route key too long for a target group's name", { routes: [{ ...app, name: "checkout-api-service" }] }, `${T} 'edge': routes[0].name must be a key that keeps "edge-<key>" within 24 characters (a target group's name, with Pulumi's 8-character suffix, may have 32); got "checkout-api-service".`],
    ["an access-log retention of zero", { accessLogRetentionDays: 0 }, `${T} 'edge': accessLogRetentionDays must be an integer from 1 to 3650; got 0.`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAwsLoadBalancerArgs("edge", { ...base, ...args })).toThrow(message);
  });

  it("fails on a component name too long for the load balancer's name", () => {
    expect(() => validateAwsLoadBalancerArgs("production-edge-gateway", base)).toThrow(
      `${T} 'production-edge-gateway': name must be a name of 1 to 20 characters: lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen (it becomes an Application Load Balancer name, at most 32 characters with what is added); got "production-edge-gateway".`,
    );
  });

  it("takes the TLS 1.3-era policies, post-quantum and FIPS ones included, and a raised ACM quota", () => {
    for (const sslPolicy of ["ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", "ELBSecurityPolicy-FS-1-2-Res-2020-10"]) {
      expect(() => validateAwsLoadBalancerArgs("edge", { ...base, sslPolicy })).not.toThrow();
    }
    expect(() => validateAwsLoadBalancerArgs("edge", { ...base, sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06" })).toThrow(/sslPolicy must be/);
    const many = { ...api, name: "many", hostnames: ["a", "b", "c", "d", "e"].map((h) => `${h}.example.com`), aliasRecords: [] };
    expect(() => validateAwsLoadBalancerArgs("edge", { ...base, routes: [app, api, many, { ...many, name: "more", hostnames: ["f", "g"].map((h) => `${h}.example.com`) }], certificateNameQuota: 20 })).not.toThrow();
  });
});

describe("AwsLoadBalancer", () => {
  it("terminates TLS 1.2+ with a DNS-validated certificate, redirects HTTP, logs to a private bucket and routes by host", async () => {
    const result = await runProgram(() => {
      const lb = new AwsLoadBalancer("edge", base);
      return { dnsName: lb.dnsName, aliasRecords: lb.aliasRecords, certificateArn: lb.certificateArn };
    });
    const alb = resource(result, "aws:lb/loadBalancer:LoadBalancer", "edge-alb");
    const sg = resource(result, "aws:ec2/securityGroup:SecurityGroup", "edge-sg");
    const bucket = resource(result, "aws:s3/bucket:Bucket", "edge-logs");
    expect(alb.inputs).toMatchObject({
      loadBalancerType: "application",
      internal: false,
      subnets: ["subnet-c", "subnet-d"],
      securityGroups: [sg.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      accessLogs: { bucket: bucket.id, prefix: "edge", enabled: true },
    });
    // The bucket: nothing public, owner-enforced, SSE-S3 (what log delivery supports), expiring, TLS-only.
    expect(resource(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "edge-logs").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(resource(result, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "edge-logs").inputs).toMatchObject({ rule: { objectOwnership: "BucketOwnerEnforced" } });
    expect(resource(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "edge-logs").inputs).toMatchObject({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
    expect(resource(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "edge-logs").inputs).toMatchObject({ rules: [{ status: "Enabled", expiration: { days: 90 } }] });
    const policy = JSON.parse(resource(result, "aws:s3/bucketPolicy:BucketPolicy", "edge-logs").inputs["policy"] as string);
    // us-east-1 delivers through its ELB account (and the service principal).
    expect(policy.Statement[0]).toMatchObject({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::127311923021:root", Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject" });
    expect(policy.Statement[0].Resource).toMatch(/\/edge\/AWSLogs\/123456789012\/\*$/);
    expect(policy.Statement[1]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(alb.dependsOn).toContain(resource(result, "aws:s3/bucketPolicy:BucketPolicy", "edge-logs").urn);

    // The internet reaches 443 and 80 only.
    const ingress = result.resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.inputs["securityGroupId"] === sg.id);
    expect(ingress.map((r) => [r.inputs["cidrIpv4"], r.inputs["fromPort"], r.inputs["toPort"]]).sort()).toEqual([["0.0.0.0/0", 443, 443], ["0.0.0.0/0", 80, 80]]);

    // One certificate for every host name, one validation record per name in the zone.
    const cert = resource(result, "aws:acm/certificate:Certificate", "edge-cert");
    const certArn = expect.stringMatching(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
    expect(cert.inputs).toMatchObject({ domainName: "app.example.com", subjectAlternativeNames: ["app-aws.example.com", "api.example.com", "api-aws.example.com"], validationMethod: "DNS" });
    const validation = resource(result, "aws:route53/record:Record", "edge-validation-api-aws");
    expect(validation.inputs).toMatchObject({ zoneId: "Z123", type: "CNAME", name: expect.stringMatching(/^_[0-9a-f]+\.api-aws\.example\.com\.$/), records: [expect.stringMatching(/acm-validations\.aws\.$/)] });
    expect(resource(result, "aws:acm/certificateValidation:CertificateValidation", "edge-cert").inputs["validationRecordFqdns"]).toHaveLength(4);

    const https = resource(result, "aws:lb/listener:Listener", "edge-https");
    expect(https.inputs).toMatchObject({ port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", certificateArn: certArn, defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404" } }] });
    expect(resource(result, "aws:lb/listener:Listener", "edge-http").inputs).toMatchObject({ port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] });
    expect(result.outputs).toMatchObject({ aliasRecords: { app: ["app-aws.example.com"], api: ["api-aws.example.com"] }, certificateArn: certArn });
  });

  it("sends the app to every node on its node port, through the nodes' security group, checked on the readiness path", async () => {
    const result = await runProgram(() => new AwsLoadBalancer("edge", base));
    const tg = resource(result, "aws:lb/targetGroup:TargetGroup", "edge-app");
    const tgArn = expect.stringMatching(new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${tg.id}/`));
    expect(tg.inputs).toMatchObject({ vpcId: "vpc-1", targetType: "instance", protocol: "HTTP", port: 30080, healthCheck: { enabled: true, path: "/readyz", port: "traffic-port" } });
    expect(resource(result, "aws:autoscaling/attachment:Attachment", "edge-app-general").inputs).toEqual({ autoscalingGroupName: "eks-general-asg", lbTargetGroupArn: tgArn });
    expect(resource(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "edge-app-nodes").inputs).toMatchObject({ securityGroupId: "sg-nodes", fromPort: 30080, toPort: 30080, referencedSecurityGroupId: resource(result, "aws:ec2/securityGroup:SecurityGroup", "edge-sg").id });
    const rule = resource(result, "aws:lb/listenerRule:ListenerRule", "edge-app");
    expect(rule.inputs).toMatchObject({ priority: 10, conditions: [{ hostHeader: { values: ["app.example.com", "app-aws.example.com"] } }], actions: [{ type: "forward", targetGroupArn: tgArn }] });
    const alias = resource(result, "aws:route53/record:Record", "edge-app-aws");
    expect(alias.inputs).toMatchObject({ zoneId: "Z123", name: "app-aws.example.com", type: "A", aliases: [{ evaluateTargetHealth: true, zoneId: "Z35SXDOTRQ7X7K" }] });
  });

  it("lets only its target group invoke the function, at the alias it is given", async () => {
    const result = await runProgram(() => new AwsLoadBalancer("edge", base));
    const tg = resource(result, "aws:lb/targetGroup:TargetGroup", "edge-api");
    const tgArn = expect.stringMatching(new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${tg.id}/`));
    expect(tg.inputs).toMatchObject({ targetType: "lambda", healthCheck: { enabled: true, path: "/ready" } });
    const permission = resource(result, "aws:lambda/permission:Permission", "edge-api-invoke");
    expect(permission.inputs).toMatchObject({ action: "lambda:InvokeFunction", function: "api-fn", qualifier: "live", principal: "elasticloadbalancing.amazonaws.com", sourceArn: tgArn });
    const attachment = resource(result, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "edge-api");
    expect(attachment.inputs).toMatchObject({ targetGroupArn: tgArn, targetId: api.lambda!.functionArn });
    expect(attachment.dependsOn).toContain(permission.urn);
    expect(result.resources.filter((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((r) => r.name)).toEqual(["edge-app-out"]);
  });

  it("grants log delivery to the service principal alone in a Region that has no ELB account", async () => {
    const result = await runProgram(() => {
      const provider = new Provider("aws-mx", { region: "mx-central-1" });
      new AwsLoadBalancer("edge", base, { providers: { aws: provider } });
    });
    const policy = JSON.parse(resource(result, "aws:s3/bucketPolicy:BucketPolicy", "edge-logs").inputs["policy"] as string);
    expect(policy.Statement[0].Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
    expect(result.unknownInvokes).not.toContain("aws:elb/getServiceAccount:getServiceAccount");
  });

  it("protects and keeps the log bucket when asked, and can drop deletion protection outside prod", async () => {
    const result = await runProgram(() => new AwsLoadBalancer("edge", { ...base, protect: true, deletionProtection: false, accessLogRetentionDays: 400 }));
    const bucket = resource(result, "aws:s3/bucket:Bucket", "edge-logs");
    expect({ protect: bucket.protect, retainOnDelete: bucket.retainOnDelete, forceDestroy: bucket.inputs["forceDestroy"] }).toEqual({ protect: true, retainOnDelete: true, forceDestroy: false });
    const alb = resource(result, "aws:lb/loadBalancer:LoadBalancer", "edge-alb");
    expect({ protect: alb.protect, enableDeletionProtection: alb.inputs["enableDeletionProtection"] }).toEqual({ protect: true, enableDeletionProtection: false });
    expect(resource(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "edge-logs").inputs).toMatchObject({ rules: [{ expiration: { days: 400 } }] });
  });

  it("protects its stateful children (the load balancer and the log bucket) when the component is protected, with deletion protection on by default", async () => {
    const result = await runProgram(() => new AwsLoadBalancer("edge", base, { protect: true }));
    const alb = resource(result, "aws:lb/loadBalancer:LoadBalancer", "edge-alb");
    const bucket = resource(result, "aws:s3/bucket:Bucket", "edge-logs");
    expect({ alb: alb.protect, deletion: alb.inputs["enableDeletionProtection"], bucket: bucket.protect, kept: bucket.retainOnDelete }).toEqual({ alb: true, deletion: true, bucket: true, kept: true });
    const unprotected = await runProgram(() => new AwsLoadBalancer("edge", base));
    expect(resource(unprotected, "aws:lb/loadBalancer:LoadBalancer", "edge-alb").protect).toBe(false);
    expect(resource(unprotected, "aws:s3/bucket:Bucket", "edge-logs").protect).toBe(false);
  });

  it("refuses a protect argument that contradicts the component's protect option", () => {
    expect(() => validateAwsLoadBalancerArgs("edge", { ...base, protect: false }, { protect: true })).toThrow(`${T} 'edge': protect must be the same as the component's protect option (true), or unset; got false.`);
  });
});

describe("AwsLoadBalancer alarms", () => {
  type Result = Awaited<ReturnType<typeof runProgram>>;
  const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const alarmOf = (result: Result, name: string) => resource(result, ALARM, name).inputs;
  const alarmNames = (result: Result) => result.resources.filter((r) => r.type === ALARM).map((r) => r.name).sort();
  const lbDimension = { LoadBalancer: expect.stringMatching(/^app\/edge-alb-[0-9a-f]+\//) };

  it("one pair per load balancer: 5xx (targets' and its own) over requests above 5 % for 5 min, p99 response time above 1 s for 10 min", async () => {
    const result = await runProgram(() => new AwsLoadBalancer("edge", { ...base, alerts: alertDestinations }));
    expect(alarmNames(result)).toEqual(["edge-errors", "edge-latency"]);
    const count = (id: string, metricName: string) => ({ id, metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: lbDimension, period: 60, stat: "Sum" } });
    expect(alarmOf(result, "edge-errors")).toEqual({
      alarmDescription:
        "[critical] Load balancer edge: 5xx responses (targets' and the load balancer's) above 5 % of requests for 5 min. Runbook error-rate: Error rate above 5 %: check the latest deploy and the database; roll back, or shift traffic to the other cloud (degraded scenario) (README.md#runbook-alerts)",
      metricQueries: [
        count("target5xx", "HTTPCode_Target_5XX_Count"),
        count("elb5xx", "HTTPCode_ELB_5XX_Count"),
        count("requests", "RequestCount"),
        { id: "rate", expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests", label: "5xx rate (%)", returnData: true },
      ],
      evaluationPeriods: 5,
      threshold: 5,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [alertDestinations.aws.critical],
      okActions: [alertDestinations.aws.critical],
    });
    expect(alarmOf(result, "edge-latency")).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: lbDimension,
      extendedStatistic: "p99",
      period: 60,
      evaluationPeriods: 10,
      threshold: 1,
      comparisonOperator: "GreaterThanThreshold",
      alarmActions: [alertDestinations.aws.warning],
    });
    expect(alarmOf(result, "edge-latency")["statistic"]).toBeUndefined();
  });

  it("without alerts: no actions; thresholds in ms become seconds; { enabled: false } creates none", async () => {
    const quiet = await runProgram(() => new AwsLoadBalancer("edge", { ...base, alarms: { latencyP99Ms: 250, latencyMinutes: 3 } }));
    for (const name of alarmNames(quiet)) expect(alarmOf(quiet, name)).toMatchObject({ alarmActions: [], okActions: [] });
    expect(alarmOf(quiet, "edge-latency")).toMatchObject({ threshold: 0.25, evaluationPeriods: 3 });
    const none = await runProgram(() => new AwsLoadBalancer("edge", { ...base, alarms: { enabled: false } }));
    expect(alarmNames(none)).toEqual([]);
  });

  it.each<[string, Partial<AwsLoadBalancerArgs>, string]>([
    ["an error rate above 100 %", { alarms: { errorRatePercent: 150 } }, `${T} 'edge': alarms.errorRatePercent must be an integer from 1 to 100; got 150.`],
    ["a non-boolean enabled", { alarms: { enabled: "no" as never } }, `${T} 'edge': alarms.enabled must be true or false; got "no".`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAwsLoadBalancerArgs("edge", { ...base, ...args })).toThrow(message);
  });
});
