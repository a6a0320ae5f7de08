import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "@pulumi/gcp/certificatemanager/certificate";
import { CertificateMap } from "@pulumi/gcp/certificatemanager/certificateMap";
import { CertificateMapEntry } from "@pulumi/gcp/certificatemanager/certificateMapEntry";
import { DnsAuthorization } from "@pulumi/gcp/certificatemanager/dnsAuthorization";
import { BackendService } from "@pulumi/gcp/compute/backendService";
import { Firewall } from "@pulumi/gcp/compute/firewall";
import { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { InstanceGroupNamedPort } from "@pulumi/gcp/compute/instanceGroupNamedPort";
import { RegionNetworkEndpointGroup } from "@pulumi/gcp/compute/regionNetworkEndpointGroup";
import { SSLPolicy } from "@pulumi/gcp/compute/sslpolicy";
import { TargetHttpProxy } from "@pulumi/gcp/compute/targetHttpProxy";
import { TargetHttpsProxy } from "@pulumi/gcp/compute/targetHttpsProxy";
import { URLMap } from "@pulumi/gcp/compute/urlmap";
import { RecordSet } from "@pulumi/gcp/dns/recordSet";
import type { AlertDestinations } from "../core/alerts";
import { checkAlertDestinations, checkRequestAlarms, type RequestAlarmThresholds, type RequestAlarms } from "../core/internal/alarms";
import { gcpRequestAlertPolicies } from "../core/internal/gcp-alert-policies";
import { AUTONAME_SUFFIX_LENGTH, GCP_PROJECT_PATTERN, NAME_RULES, checkArgs, checkComponentName, checkGcpRegion, checkGcpZone, childOptions, derived, hasOwn, GCP_REGION_ZONES, validator, withStandardTags, type Tags } from "../core/shared";
import { checkRef, checkTagsArg } from "../core/internal/checks";
import { canonicalHost, certificateDomains, checkRouteRecords, checkRouteTarget, checkRoutes, hostKey, type RouteBase } from "./internal/routes";

const TYPE = "meridian:ingress:GcpLoadBalancer";

/**
 * Where Google's front ends and health checkers connect from, for a global external Application Load Balancer:
 * the nodes' firewall admits these, on the node port only. Source: Cloud Load Balancing docs, "Firewall rules —
 * health check and proxy ranges" (checked 2026-11-30).
 */
export const GOOGLE_FRONT_END_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/** SSL policy profiles that keep to modern ciphers (COMPATIBLE, which keeps legacy ones, is not offered). */
export const GcpSslProfile = { Modern: "MODERN", Restricted: "RESTRICTED" } as const;
export type GcpSslProfile = (typeof GcpSslProfile)[keyof typeof GcpSslProfile];

/** The lowest TLS version the load balancer negotiates: 1.2 or 1.3. */
export const GcpMinTlsVersion = { Tls12: "TLS_1_2", Tls13: "TLS_1_3" } as const;
export type GcpMinTlsVersion = (typeof GcpMinTlsVersion)[keyof typeof GcpMinTlsVersion];

/** Host names one certificate may cover. Source: Certificate Manager docs, "Quotas and limits" — 100 (checked 2026-11-30). */
export const CERTIFICATE_MANAGER_MAX_DOMAINS = 100;

/** One zonal instance group of a node pool (`GkeCluster.instanceGroups()` returns them). */
export interface GcpInstanceGroupRef {
  /** A stable key (pool and zone): it names the group's named port. */
  readonly key: string;
  /** The zone, e.g. `us-central1-a`. */
  readonly zone: string;
  /** The instance group's URL. */
  readonly group: pulumi.Input<string>;
}

/** Kubernetes nodes that serve a NodePort Service. */
export interface GcpNodePortTarget {
  /** The Service's node port, 30000–32767. */
  readonly nodePort: number;
  /** The node pools' zonal instance groups. */
  readonly instanceGroups: GcpInstanceGroupRef[];
  /** The VPC network of the nodes (the firewall rule's). */
  readonly network: pulumi.Input<string>;
  /** The nodes' service account: the firewall rule admits the load balancer to these nodes only. */
  readonly nodeServiceAccountEmail: pulumi.Input<string>;
}

/** A Cloud Run service, reached through a serverless network endpoint group. */
export interface GcpCloudRunTarget {
  readonly serviceName: pulumi.Input<string>;
  /** The service's region. */
  readonly region: string;
}

export interface GcpLoadBalancerRoute extends RouteBase {
  /** A stable key, lower case (`app`, `api`): it names the route's backend. */
  readonly name: string;
  /** The host names this route answers (within the zone); all go on the certificate. */
  readonly hostnames: string[];
  /** Host names among `hostnames` published as A records to the load balancer's address, when `managedZone` is set. @default [] */
  readonly addressRecords?: string[];
  /** The readiness path the backend's health check requests (node ports; serverless backends take none). @default "/readyz" */
  readonly healthPath?: string;
  /** Kubernetes nodes serving a NodePort. Exactly one of `nodePort` and `cloudRun`. */
  readonly nodePort?: GcpNodePortTarget;
  /** A Cloud Run service. Exactly one of `nodePort` and `cloudRun`. */
  readonly cloudRun?: GcpCloudRunTarget;
}

/**
 * The thresholds of a GcpLoadBalancer's alert policies, on the whole load balancer (its URL map, every route):
 * Cloud Monitoring's `loadbalancing.googleapis.com/https/*` metrics, 60-second alignment. The strategy's values by
 * default: 5xx above 5 % of requests for 5 min, critical; p99 total latency above 1,000 ms for 10 min, warning.
 */
export type GcpLoadBalancerAlarms = RequestAlarms;

export interface GcpLoadBalancerArgs {
  readonly project: string;
  /** The DNS zone's domain: every host name must be in it. */
  readonly zoneName: string;
  /**
   * A Cloud DNS managed zone for `zoneName`: the certificate's DNS authorization records and the routes'
   * `addressRecords` go there. Without it they are outputs (`dnsRecords`) for the program to publish where the zone
   * lives (Route 53, say). @default - not published here
   */
  readonly managedZone?: pulumi.Input<string>;
  readonly routes: GcpLoadBalancerRoute[];
  /** @default "MODERN" */
  readonly sslProfile?: GcpSslProfile;
  /** @default "TLS_1_2" */
  readonly minTlsVersion?: GcpMinTlsVersion;
  /** The share of requests logged by each backend, 0–1. @default 1 */
  readonly logSampleRate?: number;
  /**
   * Where the alert policies notify, by severity (`AlertRouting`'s destinations; this component uses `gcp`). Without
   * it the policies exist and open incidents in the console, but notify no one. @default - no notifications
   */
  readonly alerts?: AlertDestinations;
  /** The alert policies' thresholds (see `GcpLoadBalancerAlarms`), or `{ enabled: false }` for none. @default - the defaults */
  readonly alarms?: GcpLoadBalancerAlarms;
  readonly tags?: Tags;
}

/** A DNS record another zone must hold for this load balancer. */
export interface GcpDnsRecord {
  /** A stable key: it names the record where it is published. */
  readonly key: string;
  readonly name: pulumi.Output<string>;
  readonly type: pulumi.Output<string>;
  readonly value: pulumi.Output<string>;
}

interface Resolved {
  readonly sslProfile: GcpSslProfile;
  readonly minTlsVersion: GcpMinTlsVersion;
  readonly logSampleRate: number;
  readonly healthPaths: string[];
  readonly domains: string[];
  readonly alarms: RequestAlarmThresholds | false;
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateGcpLoadBalancerArgs(name: string, args: GcpLoadBalancerArgs): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Physical names from the component's name: every child is auto-named from "<name>-<suffix>"; "-redirect" is the longest fixed suffix.
  checkComponentName(check, name, [derived(NAME_RULES.gcp.resourceName, "-redirect", true)]);
  check.requiredPattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id");
  checkTagsArg(check, args.tags, "gcp");
  const healthPaths = checkRoutes(check, args.zoneName, args.routes, CERTIFICATE_MANAGER_MAX_DOMAINS);
  const fits = (suffix: string) => name.length + suffix.length + AUTONAME_SUFFIX_LENGTH <= NAME_RULES.gcp.resourceName.max;
  const room = `${NAME_RULES.gcp.resourceName.max} characters with Pulumi's ${AUTONAME_SUFFIX_LENGTH}-character suffix (${NAME_RULES.gcp.resourceName.what})`;
  args.routes.forEach((r, i) => {
    const f = `routes[${i}]`;
    checkRouteTarget(check, f, r, { key: "cloudRun", value: r.cloudRun, what: "a Cloud Run service" }, { key: "instanceGroups", list: (n) => n.instanceGroups, what: "instance groups (GkeCluster.instanceGroups())", keyPattern: /^[a-z][a-z0-9-]{0,40}$/ });
    if (!fits(`-${r.name}-neg`)) check.fail(`${f}.name`, r.name, `a key that keeps "${name}-<key>-neg" within ${room}`);
    if (r.nodePort !== undefined) {
      checkRef(check, `${f}.nodePort.network`, r.nodePort.network, "the nodes' VPC network");
      checkRef(check, `${f}.nodePort.nodeServiceAccountEmail`, r.nodePort.nodeServiceAccountEmail, "the nodes' service account email");
      const groups = new Set<string>();
      r.nodePort.instanceGroups.forEach((g, j) => {
        const gf = `${f}.nodePort.instanceGroups[${j}]`;
        const region = typeof g.zone === "string" ? g.zone.replace(/-[a-z]$/, "") : "";
        if (!hasOwn(GCP_REGION_ZONES, region)) check.fail(`${gf}.zone`, g.zone, 'a zone of a GCP region, such as "us-central1-a"');
        checkGcpZone(check, `${gf}.zone`, g.zone, region);
        checkRef(check, `${gf}.group`, g.group, "the instance group's URL");
        if (!fits(`-${r.name}-${g.key}`)) check.fail(`${gf}.key`, g.key, `a key that keeps "${name}-${r.name}-<key>" within ${room}`);
        if (typeof g.group === "string") {
          if (groups.has(g.group)) check.fail(`${gf}.group`, g.group, "an instance group not already in the list");
          groups.add(g.group);
        }
      });
    }
    if (r.cloudRun !== undefined) {
      checkRef(check, `${f}.cloudRun.serviceName`, r.cloudRun.serviceName, "the Cloud Run service's name");
      checkGcpRegion(check, `${f}.cloudRun.region`, r.cloudRun.region);
    }
    checkRouteRecords(check, `${f}.addressRecords`, r.addressRecords, r.hostnames);
  });
  const domains = certificateDomains(args.routes);
  for (const domain of domains) {
    // The certificate's DNS authorization and map entry are auto-named from the host's key.
    if (!fits(`-authz-${hostKey(domain, args.zoneName)}`)) {
      const i = args.routes.findIndex((r) => r.hostnames.some((h) => canonicalHost(h) === domain));
      const j = args.routes[i]!.hostnames.findIndex((h) => canonicalHost(h) === domain);
      check.fail(`routes[${i}].hostnames[${j}]`, args.routes[i]!.hostnames[j], `a host name whose label below the zone keeps "${name}-authz-<label>" within ${room}`);
    }
  }
  if (domains.length > CERTIFICATE_MANAGER_MAX_DOMAINS) check.fail("routes", domains.length, `at most ${CERTIFICATE_MANAGER_MAX_DOMAINS} host names in all (one certificate covers them)`);
  const sslProfile = args.sslProfile ?? "MODERN";
  check.oneOf("sslProfile", sslProfile, Object.values(GcpSslProfile));
  const minTlsVersion = args.minTlsVersion ?? "TLS_1_2";
  check.oneOf("minTlsVersion", minTlsVersion, Object.values(GcpMinTlsVersion));
  const logSampleRate = args.logSampleRate ?? 1;
  if (typeof logSampleRate !== "number" || !(logSampleRate >= 0 && logSampleRate <= 1)) check.fail("logSampleRate", logSampleRate, "a number from 0 to 1");
  checkAlertDestinations(check, "alerts", args.alerts, "gcp");
  const alarms = checkRequestAlarms(check, args.alarms);
  return { sslProfile, minTlsVersion, logSampleRate, healthPaths, domains, alarms };
}

/**
 * A global external Application Load Balancer as a stack's GCP entry point, every part a resource of the program: a
 * reserved global address; a Certificate Manager certificate for every host name, authorized through DNS (so it
 * is issued while DNS points at another cloud), served through a certificate map; an HTTPS proxy on an SSL policy
 * of TLS 1.2 or newer; a URL map with a host rule per route; HTTP redirected to HTTPS. Each route's backend service
 * logs its requests and reaches either Kubernetes nodes on a node port (the node pools' instance groups with a
 * named port, a health check on the readiness path, and a firewall rule admitting only Google's front ends to the
 * nodes' service account) or a Cloud Run service through a serverless network endpoint group.
 */
export class GcpLoadBalancer extends pulumi.ComponentResource {
  /** The reserved global IPv4 address. */
  public readonly ipAddress: pulumi.Output<string>;
  /** The records the zone must hold: certificate DNS authorizations, then the routes' address records. */
  public readonly dnsRecords: GcpDnsRecord[];
  /** Backend service ids by route name. */
  public readonly backendServiceIds: pulumi.Output<Record<string, string>>;
  /** The address records by route name: the per-cloud names health checks probe. Known at construction. */
  public readonly addressRecords: Record<string, string[]>;

  constructor(name: string, args: GcpLoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateGcpLoadBalancerArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const project = args.project;

    const address = new GlobalAddress(`${name}-ip`, { project, addressType: "EXTERNAL", ipVersion: "IPV4", description: `${name}: entry point` }, parent);

    // One DNS authorization per host name: the certificate is issued through DNS, wherever the names point.
    const records: GcpDnsRecord[] = [];
    const authorizations = a.domains.map((domain) => {
      const key = hostKey(domain, args.zoneName);
      const authz = new DnsAuthorization(`${name}-authz-${key}`, { project, location: "global", domain, description: `${name}: ${domain}` }, parent);
      const rr = authz.dnsResourceRecords.apply((all) => (all ?? [])[0]);
      records.push({ key: `authz-${key}`, name: rr.apply((r) => r?.name ?? `_acme-challenge.${domain}.`), type: rr.apply((r) => r?.type ?? "CNAME"), value: rr.apply((r) => r?.data ?? "") });
      return authz;
    });
    const cert = new Certificate(
      `${name}-cert`,
      { project, location: "global", scope: "DEFAULT", description: `${name}: ${a.domains.join(", ")}`, managed: { domains: a.domains, dnsAuthorizations: authorizations.map((z) => z.id) } },
      parent,
    );
    const certMap = new CertificateMap(`${name}-certs`, { project, description: `${name}: host name to certificate` }, parent);
    for (const domain of a.domains) {
      new CertificateMapEntry(`${name}-cert-${hostKey(domain, args.zoneName)}`, { project, map: certMap.name, hostname: domain, certificates: [cert.id] }, parent);
    }
    const sslPolicy = new SSLPolicy(`${name}-tls`, { project, profile: a.sslProfile, minTlsVersion: a.minTlsVersion, description: `${name}: ${a.minTlsVersion} or newer` }, parent);

    const logConfig = { enable: true, sampleRate: a.logSampleRate };
    const backends: Record<string, BackendService> = {};
    const addressRecords: Record<string, string[]> = {};
    args.routes.forEach((route, i) => {
      const key = `${name}-${route.name}`;
      if (route.nodePort) {
        const np = route.nodePort;
        const portName = `http-${route.name}`;
        const hc = new HealthCheck(
          key,
          { project, checkIntervalSec: 5, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2, httpHealthCheck: { port: np.nodePort, requestPath: a.healthPaths[i]! }, logConfig: { enable: true } },
          parent,
        );
        for (const g of np.instanceGroups) {
          const groupName = pulumi.output(g.group).apply((url) => url.split("/").pop() ?? url);
          new InstanceGroupNamedPort(`${key}-${g.key}`, { project, group: groupName, zone: g.zone, name: portName, port: np.nodePort }, parent);
        }
        new Firewall(
          `${key}-lb`,
          {
            project,
            network: np.network,
            description: `${name}: Google front ends and health checks to the ${route.name} node port`,
            direction: "INGRESS",
            sourceRanges: [...GOOGLE_FRONT_END_RANGES],
            allows: [{ protocol: "tcp", ports: [String(np.nodePort)] }],
            targetServiceAccounts: [np.nodeServiceAccountEmail],
            logConfig: { metadata: "INCLUDE_ALL_METADATA" },
          },
          parent,
        );
        backends[route.name] = new BackendService(
          key,
          {
            project,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            protocol: "HTTP",
            portName,
            timeoutSec: 30,
            healthChecks: hc.id,
            backends: np.instanceGroups.map((g) => ({ group: g.group, balancingMode: "UTILIZATION", maxUtilization: 0.8, capacityScaler: 1 })),
            logConfig,
          },
          parent,
        );
      } else {
        const run = route.cloudRun!;
        const neg = new RegionNetworkEndpointGroup(`${key}-neg`, { project, region: run.region, networkEndpointType: "SERVERLESS", cloudRun: { service: run.serviceName } }, parent);
        backends[route.name] = new BackendService(key, { project, loadBalancingScheme: "EXTERNAL_MANAGED", protocol: "HTTPS", backends: [{ group: neg.id }], logConfig }, parent);
      }
      addressRecords[route.name] = [...(route.addressRecords ?? [])];
      for (const host of route.addressRecords ?? []) {
        records.push({ key: hostKey(host, args.zoneName), name: pulumi.output(`${host.replace(/\.$/, "")}.`), type: pulumi.output("A"), value: address.address });
      }
    });

    const urlMap = new URLMap(
      `${name}-https`,
      {
        project,
        description: `${name}: a host rule per route`,
        // A host no route answers reaches no backend: it is sent to the first route's first name.
        defaultUrlRedirect: { hostRedirect: canonicalHost(args.routes[0]!.hostnames[0]!), httpsRedirect: true, redirectResponseCode: "FOUND", stripQuery: true },
        hostRules: args.routes.map((r) => ({ hosts: r.hostnames.map(canonicalHost), pathMatcher: r.name })),
        pathMatchers: args.routes.map((r) => ({ name: r.name, defaultService: backends[r.name]!.id })),
      },
      parent,
    );
    const httpsProxy = new TargetHttpsProxy(`${name}-https`, { project, urlMap: urlMap.id, certificateMap: pulumi.interpolate`//certificatemanager.googleapis.com/${certMap.id}`, sslPolicy: sslPolicy.id }, parent);
    new GlobalForwardingRule(`${name}-https`, { project, target: httpsProxy.id, ipAddress: address.id, portRange: "443", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" }, parent);

    if (a.alarms !== false) createEntryPointAlertPolicies(name, a.alarms, args.alerts, project, urlMap, parent);

    const redirect = new URLMap(`${name}-redirect`, { project, description: `${name}: HTTP to HTTPS`, defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false } }, parent);
    const httpProxy = new TargetHttpProxy(`${name}-http`, { project, urlMap: redirect.id }, parent);
    new GlobalForwardingRule(`${name}-http`, { project, target: httpProxy.id, ipAddress: address.id, portRange: "80", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" }, parent);

    if (args.managedZone !== undefined) {
      for (const r of records) new RecordSet(`${name}-${r.key}`, { project, managedZone: args.managedZone, name: r.name, type: r.type, ttl: 300, rrdatas: [r.value] }, parent);
    }

    this.ipAddress = address.address;
    this.dnsRecords = records;
    this.backendServiceIds = pulumi.all(Object.fromEntries(Object.entries(backends).map(([k, b]) => [k, b.id])));
    this.addressRecords = addressRecords;
    this.registerOutputs({ ipAddress: this.ipAddress, dnsRecords: this.dnsRecords, backendServiceIds: this.backendServiceIds, addressRecords: this.addressRecords });
  }
}

/**
 * The entry point's alert policies, one pair per load balancer rather than per route (as on AWS: what users of the
 * entry point see, at a fixed cost; a route's backend is a label of the same metrics). Metric types:
 * `loadbalancing.googleapis.com/https/request_count` (label `response_code_class`, an integer: 500 for 5xx) and
 * `https/total_latencies` (a distribution, ms); resource type `https_lb_rule` (global external Application Load
 * Balancers), label `url_map_name`. Source: Cloud Load Balancing docs, "Load balancing metrics" and the Google Cloud
 * metrics list, "loadbalancing" (checked 2026-11-30). The HTTP-to-HTTPS redirect has its own URL map and is not
 * counted. The error rate is a ratio condition; the p99 is taken across the rule's series (ALIGN_DELTA, then
 * REDUCE_PERCENTILE_99).
 */
function createEntryPointAlertPolicies(name: string, t: RequestAlarmThresholds, alerts: AlertDestinations | undefined, project: string, urlMap: URLMap, opts: pulumi.CustomResourceOptions): void {
  gcpRequestAlertPolicies(
    name,
    {
      project,
      subject: `Load balancer ${name}`,
      filter: (metric) => pulumi.interpolate`metric.type = "loadbalancing.googleapis.com/https/${metric}" AND resource.type = "https_lb_rule" AND resource.label.url_map_name = "${urlMap.name}"`,
      serverErrors: "metric.label.response_code_class = 500",
      latency: "total_latencies",
      latencyWords: "total latency",
      groupBy: "resource.label.url_map_name",
    },
    t,
    alerts,
    opts,
  );
}
