/** What the entry-point components share: route keys, host names within a zone, readiness paths. */
import { isPlainObject, type Validator } from "../../core/errors";
import { HOSTNAME } from "../../dns/internal/endpoints";

/** A route's stable key: it names the route's backend, rule and records, so it must not change. */
export const ROUTE_KEY = /^[a-z][a-z0-9-]{0,19}$/;
/** A request path: starts with `/`, no spaces, no query. */
export const REQUEST_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** The node ports Kubernetes hands out (the API server's default `--service-node-port-range`). */
export const NODE_PORT_RANGE = [30000, 32767] as const;

/** The readiness path a route's health checks request unless told otherwise. */
export const DEFAULT_READINESS_PATH = "/readyz";

/** A route as every entry point takes it: a key, the host names it answers, the readiness path it probes. */
export interface RouteBase {
  readonly name: string;
  readonly hostnames: string[];
  readonly healthPath?: string;
}

/** A host name as DNS compares it: no trailing dot, lower case. */
export function canonicalHost(hostname: string): string {
  return hostname.replace(/\.$/, "").toLowerCase();
}

/**
 * The label of `hostname` below `zone` (`api-aws` for `api-aws.example.com` in `example.com`), with dots as
 * hyphens: a stable key for the children a host name gets (its certificate validation and alias records).
 */
export function hostKey(hostname: string, zone: string): string {
  const host = canonicalHost(hostname);
  const z = canonicalHost(zone);
  return host === z ? "apex" : host.slice(0, host.length - z.length - 1).replace(/\./g, "-").replace(/\*/g, "wildcard");
}

/** True when `hostname` is the zone or a name below it. */
export function inZone(hostname: string, zone: string): boolean {
  const host = canonicalHost(hostname);
  const z = canonicalHost(zone);
  return host === z || host.endsWith(`.${z}`);
}

/**
 * Checks the zone and the routes: a list of route objects with distinct stable keys, a list of at least one and at
 * most `maxHostsPerRoute` host names per route, every host name within the zone (a certificate is validated through
 * records in the zone) and answered by one route only, readiness paths that are paths. Returns each route's
 * resolved readiness path, in order.
 */
export function checkRoutes(check: Validator, zoneName: unknown, routes: readonly RouteBase[] | undefined, maxHostsPerRoute: number): string[] {
  check.requiredPattern("zoneName", zoneName, HOSTNAME, "a domain name such as example.com");
  const zone = zoneName as string;
  const list = check.requiredList("routes", routes, "routes", { min: 1 });
  const keys = new Set<string>();
  const hosts = new Map<string, string>();
  return list.map((r, i) => {
    const f = `routes[${i}]`;
    if (!isPlainObject(r)) check.fail(f, r, "a route { name, hostnames, ... }");
    check.requiredPattern(`${f}.name`, r.name, ROUTE_KEY, "a stable key: a lower-case letter, then up to 19 lower-case letters, digits or hyphens");
    if (keys.has(r.name)) check.fail(`${f}.name`, r.name, "a key no other route has");
    keys.add(r.name);
    const names = check.requiredList(`${f}.hostnames`, r.hostnames, "host names", { min: 1, max: maxHostsPerRoute });
    names.forEach((h, j) => {
      check.requiredPattern(`${f}.hostnames[${j}]`, h, HOSTNAME, "a host name such as api.example.com (ASCII letters, digits and hyphens; IDNs in punycode)");
      if (!inZone(h, zone)) check.fail(`${f}.hostnames[${j}]`, h, `a name within the zone ${zone} (its certificate is validated through records in that zone)`);
      const key = canonicalHost(h);
      const other = hosts.get(key);
      if (other !== undefined) check.fail(`${f}.hostnames[${j}]`, h, other === r.name ? "a host name not already in this route's list" : `a host name no other route answers (route ${other} has it)`);
      hosts.set(key, r.name);
    });
    const healthPath = r.healthPath ?? DEFAULT_READINESS_PATH;
    check.requiredPattern(`${f}.healthPath`, healthPath, REQUEST_PATH, 'a request path starting with /, such as "/readyz"');
    return healthPath;
  });
}

/** Every host name of the routes, in order, without repeats: the names the certificate covers. */
export function certificateDomains(routes: readonly RouteBase[]): string[] {
  return [...new Set(routes.flatMap((r) => r.hostnames.map(canonicalHost)))];
}

/**
 * Checks what one route sends to: exactly one of its two target kinds, each an object, and — for nodes — a node
 * port in Kubernetes' range and a non-empty list of node groups with distinct stable keys.
 */
export function checkRouteTarget<N extends { nodePort: number }>(
  check: Validator,
  field: string,
  route: { name: string; nodePort?: N },
  other: { key: string; value: unknown; what: string },
  groups: { key: string; list: (n: N) => ReadonlyArray<{ key: string }>; what: string; keyPattern: RegExp },
): void {
  if ((route.nodePort === undefined) === (other.value === undefined)) check.fail(field, route.name, `a route with exactly one target: nodePort (Kubernetes nodes) or ${other.key} (${other.what})`);
  if (other.value !== undefined && !isPlainObject(other.value)) check.fail(`${field}.${other.key}`, other.value, `${other.what} as an object`);
  if (route.nodePort === undefined) return;
  if (!isPlainObject(route.nodePort)) check.fail(`${field}.nodePort`, route.nodePort, "the nodes serving a NodePort Service, as an object { nodePort, ... }");
  check.intRange(`${field}.nodePort.nodePort`, route.nodePort.nodePort, ...NODE_PORT_RANGE);
  if (route.nodePort.nodePort === undefined) check.fail(`${field}.nodePort.nodePort`, undefined, `the Service's node port, an integer from ${NODE_PORT_RANGE[0]} to ${NODE_PORT_RANGE[1]}`);
  const f = `${field}.nodePort.${groups.key}`;
  const list = check.requiredList(f, groups.list(route.nodePort), groups.what, { min: 1 });
  const keys = new Set<string>();
  list.forEach((g, j) => {
    if (!isPlainObject(g)) check.fail(`${f}[${j}]`, g, `a ${groups.what} { key, ... }`);
    check.requiredPattern(`${f}[${j}].key`, g.key, groups.keyPattern, "a stable key such as the node pool's name");
    if (keys.has(g.key)) check.fail(`${f}[${j}].key`, g.key, "a key no other group has");
    keys.add(g.key);
  });
}

/**
 * Checks the records a route publishes: a list, each among the host names it answers, none twice. Returns the list
 * (`[]` when unset).
 */
export function checkRouteRecords(check: Validator, field: string, records: readonly string[] | undefined, hostnames: readonly string[]): readonly string[] {
  const list = check.list(field, records, "host names among the route's hostnames");
  const answered = hostnames.map(canonicalHost);
  list.forEach((h, j) => {
    if (typeof h !== "string" || !answered.includes(canonicalHost(h))) check.fail(`${field}[${j}]`, h, `one of the route's hostnames (${hostnames.join(", ")})`);
  });
  check.distinct(field, list, canonicalHost);
  return list;
}
