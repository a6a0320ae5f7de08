import * as pulumi from "@pulumi/pulumi";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { RecordSet } from "@pulumi/gcp/dns/recordSet";
import { GCP_PROJECT_PATTERN, NAME_RULES, checkArgs, checkComponentName, checkGcpRegion, childOptions, derived, validator, withStandardTags, type Tags } from "../core/shared";
import { cloudDnsFailoverBudget, type FailoverBudget } from "./budget";
import { checkEndpoints, checkProbe, checkTtl, checkUnusedEndpointFields, HOSTNAME, type AddressKind, type EndpointCloud, type EndpointRole, type ProbeProtocol, type ProbeRequest } from "./internal/endpoints";
import { checkTagsArg } from "../core/internal/checks";

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

/** The fields of an endpoint that one routing reads, and the routings that read each. */
const ROUTING_FIELDS: Readonly<Record<string, readonly CloudDnsRoutingPolicy[]>> = {
  role: ["failover"],
  weight: ["weighted"],
  location: ["geolocation", "failover"],
};

/** A Cloud DNS managed zone's name: 1 to 63 lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const MANAGED_ZONE_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateCloudDnsRoutingArgs(name: string, args: CloudDnsRoutingArgs): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: the health check, auto-named (`${name}-health-1a2b3c4`, a GCP resource
  // name of 63 at most). The record set is named by the record, not the component.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.resourceName, "-health", true)]);
  if (typeof args.managedZone === "string" ? !MANAGED_ZONE_NAME.test(args.managedZone) : args.managedZone === undefined || args.managedZone === null) {
    check.fail("managedZone", args.managedZone, "a Cloud DNS managed zone's name: 1 to 63 lower-case letters, digits and hyphens, starting with a letter (or an Output of one)");
  }
  if (typeof args.project === "string") check.pattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id: 6 to 30 lower-case letters, digits and hyphens, starting with a letter");
  check.requiredPattern("dnsName", args.dnsName, HOSTNAME, "a domain name such as example.com");
  check.requiredPattern("recordName", args.recordName, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, "a record name within the zone, such as api");
  check.requiredOneOf("routing", args.routing, Object.values(CloudDnsRoutingPolicy));
  checkEndpoints(check, args.endpoints).forEach((kind, i) => {
    if (kind !== "ip") check.fail(`endpoints[${i}].address`, args.endpoints[i]?.address, "an IPv4 address (Cloud DNS health checks probe IP addresses, not hostnames)");
  });
  const endpoints = args.endpoints;
  const needsLocation = (e: CloudDnsEndpoint) => args.routing === "geolocation" || (args.routing === "failover" && e.role === "secondary");
  endpoints.forEach((e, i) => {
    if (needsLocation(e)) {
      if (e.location === undefined) check.fail(`endpoints[${i}].location`, e.location, 'a GCP region such as "us-central1" (the clients this endpoint answers)');
      checkGcpRegion(check, `endpoints[${i}].location`, e.location);
    }
  });
  if (args.routing === "failover") {
    const primaries = endpoints.filter((e) => e.role === "primary");
    if (primaries.length !== 1) check.fail("endpoints", primaries.map((e) => e.name), "exactly one endpoint with role: primary");
    if (!endpoints.some((e) => e.role === "secondary")) check.fail("endpoints", endpoints.map((e) => e.name), "at least one endpoint with role: secondary (failover needs somewhere to fail over to)");
    const other = endpoints.find((e) => e.role !== "primary" && e.role !== "secondary");
    if (other) check.fail(`endpoints[${endpoints.indexOf(other)}].role`, other.role, '"primary" or "secondary"');
    // The primary answers wherever it is healthy: a location on it would be ignored.
    const located = endpoints.findIndex((e) => e.role === "primary" && e.location !== undefined);
    if (located >= 0) check.fail(`endpoints[${located}].location`, endpoints[located]!.location, "unset on the primary (locations place the backups)");
  }
  if (args.routing === "weighted") {
    endpoints.forEach((e, i) => {
      if (typeof e.weight !== "number" || !Number.isFinite(e.weight) || e.weight < 0) check.fail(`endpoints[${i}].weight`, e.weight, "a number ≥ 0");
    });
    if (endpoints.every((e) => e.weight === 0)) check.fail("endpoints", endpoints.map((e) => e.weight), "weights that are not all zero (no endpoint would get traffic)");
  }
  // Cloud DNS takes each location once in a policy.
  const locations = endpoints.filter(needsLocation).map((e) => e.location);
  const twice = locations.find((l, i) => locations.indexOf(l) !== i);
  if (twice !== undefined) check.fail("endpoints", locations, `endpoints with distinct locations (a routing policy takes each location once; ${JSON.stringify(twice)} appears twice)`);
  checkUnusedEndpointFields(check, args.routing, endpoints, ROUTING_FIELDS);

  const hc = check.record("healthCheck", args.healthCheck, "health check settings { protocol, path, port, checkIntervalSeconds, timeoutSeconds, unhealthyThreshold, sourceRegions }");
  const { protocol, port, path } = checkProbe(check, "healthCheck", hc);
  const checkIntervalSeconds = hc.checkIntervalSeconds ?? 30;
  check.intRange("healthCheck.checkIntervalSeconds", checkIntervalSeconds, 30, 300);
  const timeoutSeconds = hc.timeoutSeconds ?? 10;
  check.intRange("healthCheck.timeoutSeconds", timeoutSeconds, 1, checkIntervalSeconds);
  const unhealthyThreshold = hc.unhealthyThreshold ?? 2;
  check.intRange("healthCheck.unhealthyThreshold", unhealthyThreshold, 1, 10);
  const sourceRegions = hc.sourceRegions ?? ["us-east4", "europe-west1", "asia-southeast1"];
  if (!Array.isArray(sourceRegions) || sourceRegions.length !== 3 || new Set(sourceRegions).size !== 3) {
    check.fail("healthCheck.sourceRegions", sourceRegions, "exactly 3 distinct GCP regions");
  }
  sourceRegions.forEach((r, i) => checkGcpRegion(check, `healthCheck.sourceRegions[${i}]`, r));
  const ttlSeconds = args.ttlSeconds ?? 60;
  checkTtl(check, ttlSeconds);
  checkTagsArg(check, args.tags, "gcp");
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
