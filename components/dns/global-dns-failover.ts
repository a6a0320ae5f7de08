import * as pulumi from "@pulumi/pulumi";
import { getZoneOutput } from "@pulumi/aws/route53/getZone";
import { HealthCheck } from "@pulumi/aws/route53/healthCheck";
import { Record as DnsRecord } from "@pulumi/aws/route53/record";
import { Zone } from "@pulumi/aws/route53/zone";
import {
  CONTINENT_CODES,
  COUNTRY_CODES,
  ROUTE53_CHECKER_REGIONS,
  checkArgs,
  checkAwsRegion,
  checkComponentName,
  childOptions,
  resolveProtect,
  statefulOptions,
  validator,
  withStandardTags,
  type Tags,
} from "../core/shared";
import { createAlertTopic } from "../core/internal/aws-alert-topic";
import { checkAwsAlertTopics } from "../core/internal/alert-checks";
import type { AlertDestinations } from "../core/alerts";
import { awsMetricAlarm } from "../core/internal/aws-metric-alarms";
import { route53FailoverBudget, type FailoverBudget } from "./budget";
import {
  checkEndpoints,
  checkProbe,
  checkTtl,
  checkUnusedEndpointFields,
  requiredInt,
  HOSTNAME,
  PROBE_PATH_RULE,
  REQUEST_PATH,
  type AddressKind,
  type EndpointCloud,
  type EndpointRole,
  ProbeIntervalSeconds,
  type ProbeProtocol,
  type ProbeRequest,
} from "./internal/endpoints";
import { checkReplacedArgs, checkTagsArg } from "../core/internal/checks";

const TYPE = "meridian:dns:GlobalDnsFailover";

export const RoutingMode = { Failover: "failover", Weighted: "weighted", Latency: "latency", Geolocation: "geolocation" } as const;
export type RoutingMode = (typeof RoutingMode)[keyof typeof RoutingMode];

/** Where Route 53 health checkers can run: the core's list (components/core/regions.ts), exported here as before. */
export { ROUTE53_CHECKER_REGIONS };
/** Route 53 geolocation continent codes: the core's `CONTINENT_CODES`, under the name this module exported first. */
export const CONTINENTS = CONTINENT_CODES;

/** Health check metrics of Route 53 are published in us-east-1 only, whatever the record's zone. */
const HEALTH_METRICS_REGION = "us-east-1";

export interface DnsEndpoint {
  /** A stable key, lower case (`aws-primary`): it names the endpoint's health check and record. */
  readonly name: string;
  /** A hostname or an IPv4 address. */
  readonly address: pulumi.Input<string>;
  /** `hostname` or `ip`: required when `address` is an Output, inferred otherwise. */
  readonly kind?: AddressKind;
  /** The cloud the endpoint lives in (for reports and alarms). */
  readonly cloud: EndpointCloud;
  /** Failover: `primary` (exactly one) or `secondary` (one or more, tried in the order given). */
  readonly role?: EndpointRole;
  /** Weighted: 0–255 (not all zero). */
  readonly weight?: number;
  /** Latency: the AWS region whose latency stands for this endpoint's (for another cloud, the nearest one). */
  readonly region?: string;
  /** Geolocation: a continent code (`NA`, `EU`, `AS`, ...), of `CONTINENT_CODES`. */
  readonly continent?: string;
  /** Geolocation: an ISO 3166-1 alpha-2 country code (`US`), of `COUNTRY_CODES`. */
  readonly country?: string;
  /** Geolocation: answers everything no other endpoint's location matches (exactly one). */
  readonly isDefault?: boolean;
  /** The path this endpoint's health check requests, when it differs from `healthCheck.path` (a request path, as the entry points' readiness paths). @default - healthCheck.path */
  readonly healthCheckPath?: string;
}

export interface Route53HealthCheckSettings extends ProbeRequest {
  /** Seconds between checks: 10 (fast, costs more) or 30. @default 30 */
  readonly requestIntervalSeconds?: ProbeIntervalSeconds;
  /** Consecutive failures before the endpoint is unhealthy, 1–10. @default 3 */
  readonly failureThreshold?: number;
  /** Where the checkers run: at least 3 of `ROUTE53_CHECKER_REGIONS`. @default - Route 53's default set */
  readonly regions?: string[];
  /** Latency graphs from the checkers (a billed option). @default false */
  readonly measureLatency?: boolean;
}

export interface GlobalDnsFailoverArgs {
  /** The hosted zone's domain, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * An existing hosted zone's id. Without it, the public zone named `zoneName` is looked up, or created when
   * `createZone` is true.
   * @default - looked up by name
   */
  readonly zoneId?: pulumi.Input<string>;
  /** Create the hosted zone (then `zoneId` must be unset). @default false */
  readonly createZone?: boolean;
  /**
   * Protect the stateful children: a created zone (protected and retained on delete: losing it breaks the domain's
   * delegation) and the alarm topic's KMS key. The component's own `protect` resource option says the same; when
   * both are given they must agree. (Called `protectZone` before; that name is refused now.)
   * @default - the component's `protect` option, else false
   */
  readonly protect?: boolean;
  /** The record's name within the zone, e.g. `api`. */
  readonly recordName: string;
  readonly routing: RoutingMode;
  readonly endpoints: DnsEndpoint[];
  /**
   * Geolocation: each location's record is an alias (evaluating target health) to a failover chain named
   * `geo-<endpoint>.<record>`, whose primary is the location's endpoint and whose secondaries are the endpoints with
   * other addresses, in the order given. So clients of a failed endpoint go to a healthy one, whatever the default
   * is. Without it, Route 53 falls back from an unhealthy location's record to the default location's only, and
   * answers with the unhealthy record when the default is unhealthy too (Route 53 API Reference, "GeoLocation" and
   * "AZAffinity": "If every record that matches a query is unhealthy, Route 53 responds with the most specific one";
   * checked 2026-11-30): the failover budget then holds only for locations whose endpoint differs from the default's.
   * @default false
   */
  readonly geolocationFailover?: boolean;
  readonly healthCheck?: Route53HealthCheckSettings;
  /** The records' TTL, 0–86,400 s. @default 60 */
  readonly ttlSeconds?: number;
  /**
   * Where the health check alarms go (an `AlertRouting`'s `destinations`): with `alerts.aws`, to its `critical` topic,
   * which must be in us-east-1 (where Route 53 health check metrics, and so the alarms, are), and the component
   * creates no topic or key of its own. @default - its own encrypted topic in us-east-1, which notifies no one until
   * subscribed to
   */
  readonly alerts?: AlertDestinations;
  /** Tags for every resource. @default - none besides the stack's */
  readonly tags?: Tags;
}

interface Resolved {
  readonly kind: AddressKind;
  readonly fqdn: string;
  readonly ttlSeconds: number;
  readonly protocol: ProbeProtocol;
  readonly path: string;
  readonly port: number;
  readonly requestIntervalSeconds: number;
  readonly failureThreshold: number;
  readonly regions: string[] | undefined;
  readonly measureLatency: boolean;
  /** Endpoints in the order records are built: failover puts the primary first. */
  readonly ordered: DnsEndpoint[];
  readonly budget: FailoverBudget;
  readonly protect: boolean;
  readonly geolocationFailover: boolean;
  /** The topic the alarms notify when `alerts.aws` is given. */
  readonly alertTopic: pulumi.Input<string> | undefined;
}

/** The fields of an endpoint that one routing reads, and the routings that read each. */
const ROUTING_FIELDS: Readonly<Record<string, readonly RoutingMode[]>> = {
  role: ["failover"],
  weight: ["weighted"],
  region: ["latency"],
  continent: ["geolocation"],
  country: ["geolocation"],
  isDefault: ["geolocation"],
};

/** The set identifier and child name of a failover chain's alias records: an endpoint may not take one. */
const CHAIN_KEY = /^failover-\d+$/;

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateGlobalDnsFailoverArgs(name: string, args: GlobalDnsFailoverArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: the health checks' Name tags (`${name}-${endpoint}`, 256 at most), the
  // auto-named alarms (255) and alarm topic (256) all leave room within the 63 characters every name has.
  checkComponentName(check, name);
  check.requiredPattern("zoneName", args.zoneName, HOSTNAME, "a domain name such as example.com");
  check.requiredPattern("recordName", args.recordName, /^(\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, "a record name within the zone, such as api");
  check.bool("createZone", args.createZone);
  if (args.createZone === true && args.zoneId !== undefined) check.fail("zoneId", "set", "unset when createZone is true (the zone is created; its id is the new zone's)");
  if (typeof args.zoneId === "string") check.pattern("zoneId", args.zoneId, /^[A-Z0-9]{1,32}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
  checkReplacedArgs(check, args, { protectZone: "unset: the argument is called protect now (it protects the zone and the alarm key)" });
  check.requiredOneOf("routing", args.routing, Object.values(RoutingMode));
  const kinds = new Set(checkEndpoints(check, args.endpoints));
  const endpoints = args.endpoints;
  if (kinds.size > 1) check.fail("endpoints", endpoints.map((e) => e.name), "endpoints that are all hostnames or all IP addresses (the records of one name share one type)");
  const kind = [...kinds][0]!;

  let ordered = endpoints;
  switch (args.routing) {
    case "failover": {
      const primaries = endpoints.filter((e) => e.role === "primary");
      const secondaries = endpoints.filter((e) => e.role === "secondary");
      if (primaries.length !== 1) check.fail("endpoints", primaries.map((e) => e.name), "exactly one endpoint with role: primary");
      if (secondaries.length === 0) check.fail("endpoints", endpoints.map((e) => e.name), "at least one endpoint with role: secondary (failover needs somewhere to fail over to)");
      const other = endpoints.find((e) => e.role !== "primary" && e.role !== "secondary");
      if (other) check.fail(`endpoints[${endpoints.indexOf(other)}].role`, other.role, '"primary" or "secondary"');
      endpoints.forEach((e, i) => {
        if (CHAIN_KEY.test(e.name)) check.fail(`endpoints[${i}].name`, e.name, 'a key not of the form "failover-<n>" (the failover chain names its alias records so)');
      });
      ordered = [...primaries, ...secondaries];
      break;
    }
    case "weighted": {
      endpoints.forEach((e, i) => requiredInt(check, `endpoints[${i}].weight`, e.weight, 0, 255));
      if (endpoints.every((e) => e.weight === 0)) check.fail("endpoints", endpoints.map((e) => e.weight), "weights that are not all zero (no endpoint would get traffic)");
      break;
    }
    case "latency": {
      endpoints.forEach((e, i) => checkAwsRegion(check, `endpoints[${i}].region`, e.region));
      break;
    }
    case "geolocation": {
      const defaults = endpoints.filter((e) => e.isDefault === true);
      if (defaults.length !== 1) check.fail("endpoints", defaults.map((e) => e.name), "exactly one endpoint with isDefault: true (answers locations no other endpoint covers)");
      endpoints.forEach((e, i) => {
        check.bool(`endpoints[${i}].isDefault`, e.isDefault);
        if (e.isDefault === true) {
          // The default is Route 53's country "*": a location besides it would be ignored.
          if (e.continent !== undefined) check.fail(`endpoints[${i}].continent`, e.continent, "unset on the default endpoint (it answers every location no other endpoint covers)");
          if (e.country !== undefined) check.fail(`endpoints[${i}].country`, e.country, "unset on the default endpoint (it answers every location no other endpoint covers)");
          return;
        }
        if ((e.continent === undefined) === (e.country === undefined)) check.fail(`endpoints[${i}]`, e.name, "an endpoint with either a continent or a country");
        check.oneOf(`endpoints[${i}].continent`, e.continent, CONTINENT_CODES);
        if (e.country !== undefined && (typeof e.country !== "string" || !COUNTRY_CODES.has(e.country))) {
          check.fail(`endpoints[${i}].country`, e.country, 'an ISO 3166-1 alpha-2 country code such as "US" (upper case; the default location is isDefault: true)');
        }
      });
      // Route 53 takes one record per location of a name.
      const locations = endpoints.filter((e) => e.isDefault !== true).map((e) => e.continent ?? e.country);
      const twice = locations.find((l, i) => locations.indexOf(l) !== i);
      if (twice !== undefined) check.fail("endpoints", locations, `endpoints with distinct locations (Route 53 answers a location with one record; ${JSON.stringify(twice)} appears twice)`);
      break;
    }
  }
  checkUnusedEndpointFields(check, args.routing, endpoints, ROUTING_FIELDS);
  check.bool("geolocationFailover", args.geolocationFailover);
  if (args.geolocationFailover === true && args.routing !== "geolocation") check.fail("geolocationFailover", true, `unset: routing is ${JSON.stringify(args.routing)}, and geolocationFailover applies to "geolocation" routing only`);
  if (args.geolocationFailover === true) {
    // A chain needs somewhere to go: an endpoint with another address (the addresses known now; Outputs count as distinct).
    const distinct = new Set(endpoints.map((e, i) => (typeof e.address === "string" ? e.address.toLowerCase().replace(/\.$/, "") : `output-${i}`)));
    if (distinct.size < 2) check.fail("geolocationFailover", true, "false, or endpoints with at least two distinct addresses (each location fails over to another address)");
    endpoints.forEach((e, i) => {
      if (CHAIN_KEY.test(e.name)) check.fail(`endpoints[${i}].name`, e.name, 'a key not of the form "failover-<n>" (the failover chains name their alias records so)');
    });
  }

  const hc = check.record("healthCheck", args.healthCheck, "health check settings { protocol, path, port, requestIntervalSeconds, failureThreshold, regions, measureLatency }");
  const { protocol, port, path } = checkProbe(check, "healthCheck", hc);
  const requestIntervalSeconds = hc.requestIntervalSeconds ?? 30;
  check.oneOf("healthCheck.requestIntervalSeconds", requestIntervalSeconds, Object.values(ProbeIntervalSeconds));
  const failureThreshold = hc.failureThreshold ?? 3;
  check.intRange("healthCheck.failureThreshold", failureThreshold, 1, 10);
  if (hc.regions !== undefined) {
    const regionsRule = `at least 3 distinct regions of ${ROUTE53_CHECKER_REGIONS.join(", ")}`;
    const regions: unknown = hc.regions;
    if (!Array.isArray(regions) || regions.length < 3 || new Set(regions).size !== regions.length) check.fail("healthCheck.regions", regions, regionsRule);
    hc.regions.forEach((r, i) => check.oneOf(`healthCheck.regions[${i}]`, r, ROUTE53_CHECKER_REGIONS as readonly string[]));
  }
  check.bool("healthCheck.measureLatency", hc.measureLatency);
  endpoints.forEach((e, i) => {
    if (e.healthCheckPath !== undefined && protocol === "TCP") check.fail(`endpoints[${i}].healthCheckPath`, e.healthCheckPath, "unset with TCP health checks (they request no path)");
    check.pattern(`endpoints[${i}].healthCheckPath`, e.healthCheckPath, REQUEST_PATH, PROBE_PATH_RULE);
  });
  const ttlSeconds = args.ttlSeconds ?? 60;
  checkTtl(check, ttlSeconds);
  checkTagsArg(check, args.tags, "aws");
  const protect = resolveProtect(check, opts, args.protect);
  const zone = args.zoneName.replace(/\.$/, "");
  if (kind === "hostname" && (args.recordName === "@" || args.recordName === "")) {
    check.fail("recordName", args.recordName, "a name below the zone apex: hostname endpoints need CNAME records, which the apex cannot hold");
  }
  return {
    kind,
    fqdn: `${args.recordName}.${zone}`,
    ttlSeconds,
    protocol,
    path,
    port,
    requestIntervalSeconds,
    failureThreshold,
    regions: hc.regions,
    measureLatency: hc.measureLatency ?? false,
    ordered,
    budget: route53FailoverBudget({ requestIntervalSeconds, failureThreshold, ttlSeconds }),
    protect,
    geolocationFailover: args.geolocationFailover === true,
    alertTopic: checkAwsAlertTopics(check, args.alerts, HEALTH_METRICS_REGION)?.critical,
  };
}

/**
 * Global DNS routing and failover on Route 53 for endpoints in any cloud: a health check per endpoint, records
 * with the routing policy asked for (failover, weighted, latency, geolocation) carrying the health checks, and a
 * CloudWatch alarm per health check to an encrypted SNS topic. Exports the failover budget.
 */
export class GlobalDnsFailover extends pulumi.ComponentResource {
  public readonly fqdn: pulumi.Output<string>;
  public readonly zoneId: pulumi.Output<string>;
  /** The created zone's name servers (delegate the domain to them); undefined for an existing zone. */
  public readonly nameServers: pulumi.Output<string[]> | undefined;
  /** Health check ids by endpoint name. */
  public readonly healthCheckIds: pulumi.Output<Record<string, string>>;
  /** The SNS topic (us-east-1) the health check alarms notify. */
  public readonly alarmTopicArn: pulumi.Output<string>;
  /**
   * Detection + TTL: how long clients may be sent to a failed endpoint. Known at construction. It holds for every
   * routing, as every answer carries its endpoint's health check (an unhealthy one leaves the answers), with one
   * exception: geolocation without `geolocationFailover`, where the default location's endpoint has nowhere to go.
   */
  public readonly failoverBudget: FailoverBudget;
  /** The routing policy of the name's records. */
  public readonly routing: RoutingMode;

  constructor(name: string, args: GlobalDnsFailoverArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateGlobalDnsFailoverArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    this.failoverBudget = a.budget;
    this.routing = args.routing;

    let zoneId: pulumi.Output<string>;
    if (args.createZone) {
      // The zone is state (a new one gets new name servers): protected, and retained on delete, with the component.
      const zone = new Zone(
        `${name}-zone`,
        { name: args.zoneName, comment: `Meridian ${name}`, forceDestroy: false },
        statefulOptions(this, opts, a.protect, { retainOnDelete: a.protect }),
      );
      zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    } else {
      zoneId = args.zoneId ? pulumi.output(args.zoneId) : getZoneOutput({ name: args.zoneName, privateZone: false }, parent).zoneId;
      this.nameServers = undefined;
    }

    // The topic's KMS key is state (STATEFUL_TYPES): protected with the component; the topic stays free to change.
    // With `alerts`, the stack's critical topic (an endpoint down is a page); without, a topic of its own.
    const topicArn = pulumi.output(a.alertTopic ?? createAlertTopic(name, ["cloudwatch.amazonaws.com"], childOptions(this, opts), HEALTH_METRICS_REGION, statefulOptions(this, opts, a.protect)).topic.arn);
    const checks: Record<string, HealthCheck> = {};
    for (const e of a.ordered) {
      const target = a.kind === "ip" ? { ipAddress: e.address } : { fqdn: e.address };
      checks[e.name] = new HealthCheck(
        `${name}-${e.name}`,
        {
          ...target,
          type: a.protocol,
          port: a.port,
          resourcePath: a.protocol === "TCP" ? undefined : (e.healthCheckPath ?? a.path),
          enableSni: a.protocol === "HTTPS" ? true : undefined,
          requestInterval: a.requestIntervalSeconds,
          failureThreshold: a.failureThreshold,
          regions: a.regions,
          measureLatency: a.measureLatency,
          tags: { Name: `${name}-${e.name}`, "meridian:cloud": e.cloud },
        },
        parent,
      );
      // The description updates in place; the alarm keeps its name.
      awsMetricAlarm(
        `${name}-${e.name}`,
        { severity: "critical", subject: `${a.fqdn}: endpoint ${e.name} (${e.cloud})`, condition: "failed its Route 53 health check", step: "endpoint-down" },
        { critical: topicArn, warning: topicArn },
        {
          region: HEALTH_METRICS_REGION,
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: checks[e.name]!.id },
          statistic: "Minimum",
          period: 60,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "LessThanThreshold",
          treatMissingData: "breaching",
        },
        parent,
      );
    }

    const recordType = a.kind === "ip" ? "A" : "CNAME";
    const base = { zoneId, type: recordType, ttl: a.ttlSeconds };
    const simple = (e: DnsEndpoint) => ({ ...base, records: [e.address], healthCheckId: checks[e.name]!.id, setIdentifier: e.name });
    switch (args.routing) {
      case "failover":
        this.failoverChain(name, a.fqdn, a.ordered, a.ttlSeconds, zoneId, recordType, checks, parent);
        break;
      case "weighted":
        for (const e of a.ordered) new DnsRecord(`${name}-${e.name}`, { ...simple(e), name: a.fqdn, weightedRoutingPolicies: [{ weight: e.weight! }] }, parent);
        break;
      case "latency":
        for (const e of a.ordered) new DnsRecord(`${name}-${e.name}`, { ...simple(e), name: a.fqdn, latencyRoutingPolicies: [{ region: e.region! }] }, parent);
        break;
      case "geolocation":
        for (const e of a.ordered) {
          const where = e.isDefault ? { country: "*" } : e.continent ? { continent: e.continent } : { country: e.country };
          if (!a.geolocationFailover) {
            new DnsRecord(`${name}-${e.name}`, { ...simple(e), name: a.fqdn, geolocationRoutingPolicies: [where] }, parent);
            continue;
          }
          // The location answers with its chain: the endpoint while healthy, else the next address that is. The alias
          // carries no health check of its own: it is as healthy as its chain (evaluateTargetHealth), and Route 53
          // takes the TTL of the chain's records.
          const chain = `geo-${e.name}.${a.fqdn}`;
          this.failoverChain(`${name}-geo-${e.name}`, chain, geoChain(e, a.ordered), a.ttlSeconds, zoneId, recordType, checks, parent);
          new DnsRecord(
            `${name}-${e.name}`,
            { zoneId, name: a.fqdn, type: recordType, setIdentifier: e.name, geolocationRoutingPolicies: [where], aliases: [{ name: chain, zoneId, evaluateTargetHealth: true }] },
            parent,
          );
        }
        break;
    }

    this.fqdn = pulumi.output(a.fqdn);
    this.zoneId = zoneId;
    this.healthCheckIds = pulumi.all(Object.fromEntries(Object.entries(checks).map(([k, c]) => [k, c.id])));
    this.alarmTopicArn = topicArn;
    this.registerOutputs({
      fqdn: this.fqdn,
      zoneId: this.zoneId,
      nameServers: this.nameServers,
      healthCheckIds: this.healthCheckIds,
      alarmTopicArn: this.alarmTopicArn,
      failoverBudget: this.failoverBudget,
      routing: this.routing,
    });
  }

  /**
   * Route 53 failover takes one PRIMARY and one SECONDARY record per name. More secondaries chain: the
   * SECONDARY of each level is an alias (evaluating target health) to the next level's name,
   * `failover-<n>.<record>`, whose PRIMARY is the next endpoint.
   */
  private failoverChain(
    name: string,
    fqdn: string,
    eps: readonly DnsEndpoint[],
    ttlSeconds: number,
    zoneId: pulumi.Output<string>,
    type: string,
    checks: Record<string, HealthCheck>,
    parent: pulumi.CustomResourceOptions,
  ): void {
    const levelName = (level: number) => (level === 0 ? fqdn : `failover-${level}.${fqdn}`);
    for (let level = 0; level < eps.length - 1; level++) {
      const primary = eps[level]!;
      const here = levelName(level);
      new DnsRecord(
        `${name}-${primary.name}`,
        { zoneId, name: here, type, ttl: ttlSeconds, records: [primary.address], healthCheckId: checks[primary.name]!.id, setIdentifier: primary.name, failoverRoutingPolicies: [{ type: "PRIMARY" }] },
        parent,
      );
      const last = level === eps.length - 2;
      if (last) {
        const secondary = eps[level + 1]!;
        new DnsRecord(
          `${name}-${secondary.name}`,
          { zoneId, name: here, type, ttl: ttlSeconds, records: [secondary.address], healthCheckId: checks[secondary.name]!.id, setIdentifier: secondary.name, failoverRoutingPolicies: [{ type: "SECONDARY" }] },
          parent,
        );
      } else {
        new DnsRecord(
          `${name}-failover-${level + 1}`,
          { zoneId, name: here, type, setIdentifier: `failover-${level + 1}`, aliases: [{ name: levelName(level + 1), zoneId, evaluateTargetHealth: true }], failoverRoutingPolicies: [{ type: "SECONDARY" }] },
          parent,
        );
      }
    }
  }
}

/**
 * A geolocation endpoint's failover chain: the endpoint, then the first endpoint (in the order given) of each other
 * address. Endpoints that share the location's address add nothing (they fail with it).
 */
function geoChain(first: DnsEndpoint, all: readonly DnsEndpoint[]): DnsEndpoint[] {
  const key = (e: DnsEndpoint, i: number) => (typeof e.address === "string" ? e.address.toLowerCase().replace(/\.$/, "") : `output-${i}`);
  const seen = new Set([key(first, all.indexOf(first))]);
  const chain = [first];
  all.forEach((e, i) => {
    const k = key(e, i);
    if (!seen.has(k)) {
      seen.add(k);
      chain.push(e);
    }
  });
  return chain;
}
