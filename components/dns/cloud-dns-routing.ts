import * as pulumi from "@pulumi/pulumi";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { RecordSet } from "@pulumi/gcp/dns/recordSet";
import { GCP_REGION_PATTERN, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { cloudDnsFailoverBudget, type FailoverBudget } from "./budget";
import { checkEndpoints, checkProbe, checkTtl, HOSTNAME, type AddressKind, type EndpointCloud, type EndpointRole, type ProbeProtocol, type ProbeRequest } from "./internal/endpoints";

const TYPE = "meridian:dns:CloudDnsRouting";

/** The routing policies of a Cloud DNS record set. */
export const CloudDnsRoutingPolicy = { Weighted: "weighted", Geolocation: "geolocation", Failover: "failover" } as const;
export type CloudDnsRoutingPolicy = (typeof CloudDnsRoutingPolicy)[keyof typeof CloudDnsRoutingPolicy];

export interface CloudDnsEndpoint {
  /** A stable key, lower case. */
  readonly name: string;
  /** A public IPv4 address: Cloud DNS health checks probe IP addresses, not hostnames. */
  readonly address: pulumi.Input<string>;
  /** Must be `ip` (set it when `address` is an Output): Cloud DNS probes IP addresses only. */
  readonly kind?: AddressKind;
  readonly cloud: EndpointCloud;
  /** Failover: `primary` (exactly one) or `secondary` (one or more). */
  readonly role?: EndpointRole;
  /** Weighted round robin: a weight ≥ 0. */
  readonly weight?: number;
  /** Geolocation, and the backup locations of failover: the GCP region whose clients this endpoint answers. */
  readonly location?: string;
}

export interface CloudDnsHealthCheckSettings extends ProbeRequest {
  /** Seconds between probes, 30–300 (at least 30 when probing from source regions). @default 30 */
  readonly checkIntervalSeconds?: number;
  /** Seconds a probe may take, at most the interval. @default 10 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the endpoint is unhealthy, 1–10. @default 2 */
  readonly unhealthyThreshold?: number;
  /** Exactly three GCP regions to probe from. @default ["us-east4", "europe-west1", "asia-southeast1"] */
  readonly sourceRegions?: string[];
}

export interface CloudDnsRoutingArgs {
  /** The existing Cloud DNS managed zone (its resource name). */
  readonly managedZone: pulumi.Input<string>;
  /** The managed zone's domain, e.g. `example.com`. */
  readonly dnsName: string;
  /** The record's name within the zone, e.g. `api`. */
  readonly recordName: string;
  readonly routing: CloudDnsRoutingPolicy;
  readonly endpoints: CloudDnsEndpoint[];
  readonly healthCheck?: CloudDnsHealthCheckSettings;
  /** @default 60 */
  readonly ttlSeconds?: number;
  /** @default - the provider's project */
  readonly project?: pulumi.Input<string>;
  readonly tags?: Tags;
}

interface Resolved {
  readonly fqdn: string;
  readonly ttlSeconds: number;
  readonly protocol: ProbeProtocol;
  readonly path: string;
  readonly port: number;
  readonly checkIntervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly unhealthyThreshold: number;
  readonly sourceRegions: string[];
  readonly budget: FailoverBudget;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateCloudDnsRoutingArgs(name: string, args: CloudDnsRoutingArgs): Resolved {
  const check = validator(TYPE, name);
  check.requiredPattern("dnsName", args.dnsName, HOSTNAME, "a domain name such as example.com");
  check.requiredPattern("recordName", args.recordName, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, "a record name within the zone, such as api");
  check.oneOf("routing", args.routing, Object.values(CloudDnsRoutingPolicy));
  const endpoints = args.endpoints ?? [];
  checkEndpoints(check, endpoints).forEach((kind, i) => {
    if (kind !== "ip") check.fail(`endpoints[${i}].address`, endpoints[i]?.address, "an IPv4 address (Cloud DNS health checks probe IP addresses, not hostnames)");
  });
  const needsLocation = (e: CloudDnsEndpoint) => args.routing === "geolocation" || (args.routing === "failover" && e.role === "secondary");
  endpoints.forEach((e, i) => {
    if (needsLocation(e)) check.requiredPattern(`endpoints[${i}].location`, e.location, GCP_REGION_PATTERN, 'a GCP region such as "us-central1" (the clients this endpoint answers)');
  });
  if (args.routing === "failover") {
    const primaries = endpoints.filter((e) => e.role === "primary");
    if (primaries.length !== 1) check.fail("endpoints", primaries.map((e) => e.name), "exactly one endpoint with role: primary");
    if (!endpoints.some((e) => e.role === "secondary")) check.fail("endpoints", endpoints.map((e) => e.name), "at least one endpoint with role: secondary (failover needs somewhere to fail over to)");
  }
  if (args.routing === "weighted") {
    endpoints.forEach((e, i) => {
      if (typeof e.weight !== "number" || !Number.isFinite(e.weight) || e.weight < 0) check.fail(`endpoints[${i}].weight`, e.weight, "a number ≥ 0");
    });
    if (endpoints.every((e) => e.weight === 0)) check.fail("endpoints", endpoints.map((e) => e.weight), "weights that are not all zero (no endpoint would get traffic)");
  }

  const hc = args.healthCheck ?? {};
  const { protocol, port, path } = checkProbe(check, "healthCheck", hc);
  const checkIntervalSeconds = hc.checkIntervalSeconds ?? 30;
  check.intRange("healthCheck.checkIntervalSeconds", checkIntervalSeconds, 30, 300);
  const timeoutSeconds = hc.timeoutSeconds ?? 10;
  check.intRange("healthCheck.timeoutSeconds", timeoutSeconds, 1, checkIntervalSeconds);
  const unhealthyThreshold = hc.unhealthyThreshold ?? 2;
  check.intRange("healthCheck.unhealthyThreshold", unhealthyThreshold, 1, 10);
  const sourceRegions = hc.sourceRegions ?? ["us-east4", "europe-west1", "asia-southeast1"];
  if (sourceRegions.length !== 3 || new Set(sourceRegions).size !== 3 || sourceRegions.some((r) => !GCP_REGION_PATTERN.test(r))) {
    check.fail("healthCheck.sourceRegions", sourceRegions, "exactly 3 distinct GCP regions");
  }
  const ttlSeconds = args.ttlSeconds ?? 60;
  checkTtl(check, ttlSeconds);
  return {
    fqdn: `${args.recordName}.${args.dnsName.replace(/\.$/, "")}`,
    ttlSeconds,
    protocol,
    path,
    port,
    checkIntervalSeconds,
    timeoutSeconds,
    unhealthyThreshold,
    sourceRegions,
    budget: cloudDnsFailoverBudget({ checkIntervalSeconds, unhealthyThreshold, ttlSeconds }),
  };
}

/**
 * DNS routing on Cloud DNS: one record set with a weighted round robin, geolocation or primary-backup routing
 * policy over health-checked external endpoints, probed by a global health check from three source regions.
 * Exports the failover budget.
 */
export class CloudDnsRouting extends pulumi.ComponentResource {
  public readonly fqdn: pulumi.Output<string>;
  public readonly healthCheckId: pulumi.Output<string>;
  public readonly failoverBudget: FailoverBudget;

  constructor(name: string, args: CloudDnsRoutingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateCloudDnsRoutingArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.failoverBudget = a.budget;

    const probe = a.protocol === "HTTPS" ? { httpsHealthCheck: { port: a.port, requestPath: a.path } } : a.protocol === "HTTP" ? { httpHealthCheck: { port: a.port, requestPath: a.path } } : { tcpHealthCheck: { port: a.port } };
    const health = new HealthCheck(
      `${name}-health`,
      {
        project: args.project,
        description: `Cloud DNS routing health check for ${a.fqdn}`,
        ...probe,
        checkIntervalSec: a.checkIntervalSeconds,
        timeoutSec: a.timeoutSeconds,
        unhealthyThreshold: a.unhealthyThreshold,
        healthyThreshold: 2,
        sourceRegions: a.sourceRegions,
      },
      parent,
    );
    const checked = (e: CloudDnsEndpoint) => ({ healthCheckedTargets: { externalEndpoints: [e.address] } });
    let routingPolicy;
    switch (args.routing) {
      case "weighted":
        routingPolicy = { healthCheck: health.id, wrrs: args.endpoints.map((e) => ({ weight: e.weight!, ...checked(e) })) };
        break;
      case "geolocation":
        routingPolicy = { healthCheck: health.id, geos: args.endpoints.map((e) => ({ location: e.location!, ...checked(e) })) };
        break;
      case "failover": {
        const primary = args.endpoints.find((e) => e.role === "primary")!;
        routingPolicy = {
          healthCheck: health.id,
          primaryBackup: {
            primary: { externalEndpoints: [primary.address] },
            backupGeos: args.endpoints.filter((e) => e.role === "secondary").map((e) => ({ location: e.location!, ...checked(e) })),
            trickleRatio: 0,
          },
        };
        break;
      }
    }
    new RecordSet(`${name}-record`, { project: args.project, managedZone: args.managedZone, name: `${a.fqdn}.`, type: "A", ttl: a.ttlSeconds, routingPolicy }, parent);

    this.fqdn = pulumi.output(a.fqdn);
    this.healthCheckId = health.id;
    this.registerOutputs({ fqdn: this.fqdn, healthCheckId: this.healthCheckId, failoverBudget: this.failoverBudget });
  }
}
