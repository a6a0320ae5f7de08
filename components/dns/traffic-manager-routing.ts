import * as pulumi from "@pulumi/pulumi";
import { Profile } from "@pulumi/azure-native/trafficmanager/profile";
import { AZURE_LOCATION_PATTERN, childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { trafficManagerFailoverBudget, type FailoverBudget } from "./budget";
import { checkEndpoints, checkProbe, checkTtl, type AddressKind, type EndpointCloud, ProbeIntervalSeconds, type ProbeProtocol, type ProbeRequest } from "./internal/endpoints";

const TYPE = "meridian:dns:TrafficManagerRouting";

export const TrafficRoutingMethod = { Priority: "Priority", Weighted: "Weighted", Performance: "Performance", Geographic: "Geographic" } as const;
export type TrafficRoutingMethod = (typeof TrafficRoutingMethod)[keyof typeof TrafficRoutingMethod];

/**
 * The probe timeouts Traffic Manager accepts for each probing interval.
 * Source: Azure Traffic Manager docs, "Traffic Manager endpoint monitoring — Configure endpoint monitoring"
 * (checked 2026-11-22): 5–10 s with a 30 s interval, 5–9 s with a 10 s interval.
 */
export const TIMEOUT_RANGE: Readonly<Record<10 | 30, readonly [number, number]>> = { 10: [5, 9], 30: [5, 10] };

export interface TrafficManagerEndpoint {
  /** A stable key, lower case: the endpoint's name in the profile. */
  readonly name: string;
  /** The endpoint's hostname or IPv4 address (an external endpoint). */
  readonly address: pulumi.Input<string>;
  readonly kind?: AddressKind;
  readonly cloud: EndpointCloud;
  /** Priority routing: 1 (first) to 1000, distinct. */
  readonly priority?: number;
  /** Weighted routing: 1 to 1000. */
  readonly weight?: number;
  /** Performance routing: the Azure location nearest the endpoint, e.g. `eastus`. */
  readonly location?: string;
  /** Geographic routing: the regions it answers (`GEO-NA`, `GEO-EU`, country codes, or `WORLD`). */
  readonly geoMapping?: string[];
}

export interface TrafficManagerMonitorSettings extends ProbeRequest {
  /** 10 (fast probing, costs more) or 30. @default 30 */
  readonly intervalSeconds?: ProbeIntervalSeconds;
  /** 5–9 s with a 10 s interval, 5–10 s with 30 s. @default the longest allowed */
  readonly timeoutSeconds?: number;
  /** Failures tolerated before the endpoint is Degraded, 0–9. @default 3 */
  readonly toleratedFailures?: number;
}

export interface TrafficManagerRoutingArgs {
  /** The resource group of the profile. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** The profile's DNS label: the name answers at `<relativeName>.trafficmanager.net`. Globally unique. */
  readonly relativeName: string;
  readonly routing: TrafficRoutingMethod;
  readonly endpoints: TrafficManagerEndpoint[];
  readonly monitor?: TrafficManagerMonitorSettings;
  /** @default 60 */
  readonly ttlSeconds?: number;
  readonly tags?: Tags;
}

interface Resolved {
  readonly protocol: ProbeProtocol;
  readonly path: string;
  readonly port: number;
  readonly intervalSeconds: ProbeIntervalSeconds;
  readonly timeoutSeconds: number;
  readonly toleratedFailures: number;
  readonly ttlSeconds: number;
  readonly budget: FailoverBudget;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateTrafficManagerRoutingArgs(name: string, args: TrafficManagerRoutingArgs): Resolved {
  const check = validator(TYPE, name);
  check.requiredPattern("relativeName", args.relativeName, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a DNS label: lower-case letters, digits and hyphens, 1-63 characters");
  check.oneOf("routing", args.routing, Object.values(TrafficRoutingMethod));
  const endpoints = args.endpoints ?? [];
  checkEndpoints(check, endpoints);
  endpoints.forEach((e, i) => {
    switch (args.routing) {
      case "Priority":
        check.intRange(`endpoints[${i}].priority`, e.priority ?? -1, 1, 1000);
        if (endpoints.some((o, j) => j < i && o.priority === e.priority)) check.fail(`endpoints[${i}].priority`, e.priority, "a priority no other endpoint has");
        break;
      case "Weighted":
        check.intRange(`endpoints[${i}].weight`, e.weight ?? -1, 1, 1000);
        break;
      case "Performance":
        check.requiredPattern(`endpoints[${i}].location`, e.location, AZURE_LOCATION_PATTERN, 'an Azure location such as "eastus"');
        break;
      case "Geographic":
        if (!Array.isArray(e.geoMapping) || e.geoMapping.length === 0) check.fail(`endpoints[${i}].geoMapping`, e.geoMapping, 'a non-empty list of regions, such as ["GEO-NA"]');
        break;
    }
  });
  if (args.routing === "Priority" && endpoints.length < 2) check.fail("endpoints", endpoints.map((e) => e.name), "at least two endpoints (priority routing fails over from the first to the next)");
  if (args.routing === "Geographic" && !endpoints.some((e) => e.geoMapping?.includes("WORLD"))) {
    check.fail("endpoints", endpoints.map((e) => e.name), 'an endpoint whose geoMapping includes "WORLD" (a default for unmapped regions, which would get no answer)');
  }

  const m = args.monitor ?? {};
  const { protocol, port, path } = checkProbe(check, "monitor", m);
  const intervalSeconds = m.intervalSeconds ?? 30;
  check.oneOf("monitor.intervalSeconds", intervalSeconds, Object.values(ProbeIntervalSeconds));
  const [minTimeout, maxTimeout] = TIMEOUT_RANGE[intervalSeconds];
  const timeoutSeconds = m.timeoutSeconds ?? maxTimeout;
  check.intRange("monitor.timeoutSeconds", timeoutSeconds, minTimeout, maxTimeout);
  const toleratedFailures = m.toleratedFailures ?? 3;
  check.intRange("monitor.toleratedFailures", toleratedFailures, 0, 9);
  const ttlSeconds = args.ttlSeconds ?? 60;
  checkTtl(check, ttlSeconds);
  return {
    protocol,
    path,
    port,
    intervalSeconds,
    timeoutSeconds,
    toleratedFailures,
    ttlSeconds,
    budget: trafficManagerFailoverBudget({ intervalSeconds, toleratedFailures, timeoutSeconds, ttlSeconds }),
  };
}

/**
 * DNS routing on Azure Traffic Manager: a profile with Priority, Weighted, Performance or Geographic routing over
 * external endpoints in any cloud, monitored over HTTPS. Exports the failover budget.
 */
export class TrafficManagerRouting extends pulumi.ComponentResource {
  public readonly fqdn: pulumi.Output<string>;
  public readonly profileId: pulumi.Output<string>;
  public readonly failoverBudget: FailoverBudget;

  constructor(name: string, args: TrafficManagerRoutingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateTrafficManagerRoutingArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    this.failoverBudget = a.budget;
    const profile = new Profile(
      `${name}-profile`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "global",
        profileStatus: "Enabled",
        trafficRoutingMethod: args.routing,
        dnsConfig: { relativeName: args.relativeName, ttl: a.ttlSeconds },
        monitorConfig: {
          protocol: a.protocol,
          port: a.port,
          path: a.protocol === "TCP" ? undefined : a.path,
          intervalInSeconds: a.intervalSeconds,
          timeoutInSeconds: a.timeoutSeconds,
          toleratedNumberOfFailures: a.toleratedFailures,
        },
        endpoints: args.endpoints.map((e) => ({
          name: e.name,
          type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
          target: e.address,
          endpointStatus: "Enabled",
          priority: args.routing === "Priority" ? e.priority : undefined,
          weight: args.routing === "Weighted" ? e.weight : undefined,
          endpointLocation: args.routing === "Performance" ? e.location : undefined,
          geoMapping: args.routing === "Geographic" ? e.geoMapping : undefined,
        })),
      },
      childOptions(this, opts),
    );
    this.fqdn = pulumi.output(`${args.relativeName}.trafficmanager.net`);
    this.profileId = profile.id;
    this.registerOutputs({ fqdn: this.fqdn, profileId: this.profileId, failoverBudget: this.failoverBudget });
  }
}
