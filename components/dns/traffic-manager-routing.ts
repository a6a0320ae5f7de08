import * as pulumi from "@pulumi/pulumi";
import { Profile } from "@pulumi/azure-native/trafficmanager/profile";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, validator, withStandardTags, type Tags } from "../core/shared";
import { checkResourceGroupName } from "../network/internal/refs";
import { trafficManagerFailoverBudget, type FailoverBudget } from "./budget";
import { checkEndpoints, checkProbe, checkTtl, checkUnusedEndpointFields, requiredInt, type AddressKind, type EndpointCloud, ProbeIntervalSeconds, type ProbeProtocol, type ProbeRequest } from "./internal/endpoints";
import { isTrafficManagerGeoCode, TRAFFIC_MANAGER_GEO_REGIONS, TRAFFIC_MANAGER_WORLD } from "./internal/traffic-manager-geo";
import { checkTagsArg } from "../core/internal/checks";

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
  /**
   * Geographic routing: the regions it answers: `WORLD`, a grouping (`GEO-NA`, `GEO-EU`, `GEO-AS`, `GEO-AP`, `GEO-AF`,
   * `GEO-ME`, `GEO-SA`, `GEO-AN`) or an ISO 3166-1 alpha-2 country code (`US`). Each code on one endpoint only.
   */
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

/** The fields of an endpoint that one routing reads, and the routings that read each. */
const ROUTING_FIELDS: Readonly<Record<string, readonly TrafficRoutingMethod[]>> = {
  priority: ["Priority"],
  weight: ["Weighted"],
  location: ["Performance"],
  geoMapping: ["Geographic"],
};

const GEO_RULE = `"${TRAFFIC_MANAGER_WORLD}", one of ${Object.keys(TRAFFIC_MANAGER_GEO_REGIONS).map((c) => JSON.stringify(c)).join(", ")}, or an ISO 3166-1 alpha-2 country code such as "US"`;

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateTrafficManagerRoutingArgs(name: string, args: TrafficManagerRoutingArgs): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: the profile, auto-named by Azure Native (`${name}-profile` and a
  // random suffix; a Traffic Manager profile name is 63 at most). Its DNS name is `relativeName`, checked below.
  checkComponentName(check, name, [derived(NAME_RULES.azure.resourceName, "-profile", true)]);
  checkResourceGroupName(check, "resourceGroupName", args.resourceGroupName, true);
  check.requiredPattern("relativeName", args.relativeName, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a DNS label: lower-case letters, digits and hyphens, 1-63 characters");
  check.requiredOneOf("routing", args.routing, Object.values(TrafficRoutingMethod));
  checkEndpoints(check, args.endpoints);
  const endpoints = args.endpoints;
  const mapped = new Map<string, number>();
  endpoints.forEach((e, i) => {
    switch (args.routing) {
      case "Priority":
        requiredInt(check, `endpoints[${i}].priority`, e.priority, 1, 1000);
        if (endpoints.some((o, j) => j < i && o.priority === e.priority)) check.fail(`endpoints[${i}].priority`, e.priority, "a priority no other endpoint has");
        break;
      case "Weighted":
        requiredInt(check, `endpoints[${i}].weight`, e.weight, 1, 1000);
        break;
      case "Performance":
        checkAzureLocation(check, `endpoints[${i}].location`, e.location);
        break;
      case "Geographic": {
        const codes = check.list(`endpoints[${i}].geoMapping`, e.geoMapping, "Traffic Manager geographic codes", { min: 1 });
        if (e.geoMapping === undefined) check.fail(`endpoints[${i}].geoMapping`, e.geoMapping, 'a non-empty list of regions, such as ["GEO-NA"]');
        codes.forEach((code, j) => {
          if (!isTrafficManagerGeoCode(code)) check.fail(`endpoints[${i}].geoMapping[${j}]`, code, GEO_RULE);
          // Traffic Manager maps each code to one endpoint of a profile.
          const other = mapped.get(code);
          if (other !== undefined) check.fail(`endpoints[${i}].geoMapping[${j}]`, code, `a code no other mapping has (endpoints[${other}] has it)`);
          mapped.set(code, i);
        });
        break;
      }
    }
  });
  if (args.routing === "Priority" && endpoints.length < 2) check.fail("endpoints", endpoints.map((e) => e.name), "at least two endpoints (priority routing fails over from the first to the next)");
  if (args.routing === "Geographic" && !mapped.has(TRAFFIC_MANAGER_WORLD)) {
    check.fail("endpoints", endpoints.map((e) => e.name), 'an endpoint whose geoMapping includes "WORLD" (a default for unmapped regions, which would get no answer)');
  }
  checkUnusedEndpointFields(check, args.routing, endpoints, ROUTING_FIELDS);

  const m = check.record("monitor", args.monitor, "monitor settings { protocol, path, port, intervalSeconds, timeoutSeconds, toleratedFailures }");
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
  checkTagsArg(check, args.tags, "azure");
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
