/** Validation shared by the DNS components: endpoint addresses, names, TTLs. */
import type * as pulumi from "@pulumi/pulumi";
import { isPlainObject, type Validator } from "../../core/errors";
// routes.ts imports HOSTNAME from here: both modules read each other's constants inside functions only, so the
// cycle is harmless at load time.
import { REQUEST_PATH } from "../../ingress/internal/routes";

export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A DNS hostname: labels of letters, digits and hyphens, not starting or ending with a hyphen, at most 253 characters. */
export const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;
/**
 * An endpoint's stable key: it names the endpoint's children (health check, alarm, record) and is its record's set
 * identifier or its name in a profile, so it must not change. A name as Meridian's component names are (lower-case
 * letters, digits and single hyphens, starting with a letter, not ending with a hyphen), at most 40 characters.
 */
export const ENDPOINT_KEY = /^(?=.{1,40}$)[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/;
const ENDPOINT_KEY_RULE = "a stable key of 1 to 40 characters: lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen";

/** What a health probe requests: a path as the entry points' readiness paths are (`REQUEST_PATH`). */
export const PROBE_PATH_RULE = 'a request path starting with /, such as "/readyz"';
export { REQUEST_PATH };

/** The kind of an endpoint's address. */
export const AddressKind = { Hostname: "hostname", Ip: "ip" } as const;
export type AddressKind = (typeof AddressKind)[keyof typeof AddressKind];

/** Where an endpoint runs (for reports and alarms). */
export const EndpointCloud = { Aws: "aws", Gcp: "gcp", Azure: "azure", Other: "other" } as const;
export type EndpointCloud = (typeof EndpointCloud)[keyof typeof EndpointCloud];

/** An endpoint's place in failover routing. */
export const EndpointRole = { Primary: "primary", Secondary: "secondary" } as const;
export type EndpointRole = (typeof EndpointRole)[keyof typeof EndpointRole];

/** Seconds between health probes where a service offers two speeds (Route 53, Traffic Manager). */
export const ProbeIntervalSeconds = { Fast: 10, Standard: 30 } as const;
export type ProbeIntervalSeconds = (typeof ProbeIntervalSeconds)[keyof typeof ProbeIntervalSeconds];

/**
 * The kind of an endpoint's address: inferred from a plain value (which must be a hostname or an IPv4
 * address), or declared with `kind` when the address is only known later (an Output).
 */
export function addressKind(check: Validator, field: string, address: pulumi.Input<string>, kind: AddressKind | undefined): AddressKind {
  if (typeof address === "string") {
    const inferred: AddressKind | undefined = IPV4.test(address) ? "ip" : HOSTNAME.test(address) ? "hostname" : undefined;
    if (!inferred) check.fail(`${field}.address`, address, "a hostname or an IPv4 address");
    if (kind !== undefined && kind !== inferred) check.fail(`${field}.kind`, kind, `"${inferred}" (the address is ${inferred === "ip" ? "an IP address" : "a hostname"})`);
    return inferred!;
  }
  if (address === undefined || address === null || typeof address !== "object") check.fail(`${field}.address`, address, "a hostname or an IPv4 address (or an Output of one)");
  if (kind !== "hostname" && kind !== "ip") check.fail(`${field}.kind`, kind, '"hostname" or "ip" (required when the address is an Output)');
  return kind!;
}

/** An integer from `min` to `max` that the routing chosen needs: undefined fails too, and the message says so. */
export function requiredInt(check: Validator, field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) check.fail(field, value, `an integer from ${min} to ${max}`);
  check.intRange(field, value, min, max);
}

/** TTL in seconds: 0 to 86,400 (one day), the range all three DNS services accept. */
export function checkTtl(check: Validator, ttl: number): void {
  check.intRange("ttlSeconds", ttl, 0, 86400);
}

/**
 * Checks every endpoint's stable key (format and uniqueness) and address; returns each endpoint's address kind,
 * in order.
 */
export function checkEndpoints(
  check: Validator,
  endpoints: ReadonlyArray<{ name: string; address: pulumi.Input<string>; kind?: AddressKind; cloud: EndpointCloud }> | undefined,
): AddressKind[] {
  if (!Array.isArray(endpoints) || endpoints.length === 0) check.fail("endpoints", endpoints, "a list of at least one endpoint");
  const keys = new Set<string>();
  return endpoints!.map((e, i) => {
    if (!isPlainObject(e as unknown)) check.fail(`endpoints[${i}]`, e, "an endpoint { name, address, cloud, ... }");
    check.requiredPattern(`endpoints[${i}].name`, e.name, ENDPOINT_KEY, ENDPOINT_KEY_RULE);
    if (keys.has(e.name)) check.fail(`endpoints[${i}].name`, e.name, "a key no other endpoint has");
    keys.add(e.name);
    check.requiredOneOf(`endpoints[${i}].cloud`, e.cloud, Object.values(EndpointCloud));
    check.oneOf(`endpoints[${i}].kind`, e.kind, Object.values(AddressKind));
    return addressKind(check, `endpoints[${i}]`, e.address, e.kind);
  });
}

/**
 * Fails on a field of an endpoint that the routing chosen does not read, so a value the user set is never silently
 * ignored. `used` maps each routing-specific field to the routing that reads it.
 */
export function checkUnusedEndpointFields(check: Validator, routing: string, endpoints: ReadonlyArray<object>, used: Readonly<Record<string, readonly string[]>>): void {
  endpoints.forEach((e, i) => {
    for (const [field, routings] of Object.entries(used)) {
      const value = (e as Record<string, unknown>)[field];
      if (value !== undefined && !routings.includes(routing)) {
        check.fail(`endpoints[${i}].${field}`, value, `unset: routing is ${JSON.stringify(routing)}, and ${field} applies to ${routings.map((r) => JSON.stringify(r)).join(" or ")} routing only`);
      }
    }
  });
}

/** What a health probe speaks. */
export const ProbeProtocol = { Https: "HTTPS", Http: "HTTP", Tcp: "TCP" } as const;
export type ProbeProtocol = (typeof ProbeProtocol)[keyof typeof ProbeProtocol];

/** What a health probe requests: the settings of Route 53, Cloud DNS and Traffic Manager probes have these. */
export interface ProbeRequest {
  /** @default "HTTPS" */
  readonly protocol?: ProbeProtocol;
  /** @default "/healthz" */
  readonly path?: string;
  /** @default 443 for HTTPS, 80 for HTTP */
  readonly port?: number;
}

/** Resolves and checks what a health probe requests: protocol (HTTPS), port (443, or 80 for HTTP), path (/healthz). */
export function checkProbe(
  check: Validator,
  field: string,
  s: ProbeRequest,
): { protocol: ProbeProtocol; port: number; path: string } {
  const protocol = s.protocol ?? "HTTPS";
  check.oneOf(`${field}.protocol`, protocol, Object.values(ProbeProtocol));
  const port = s.port ?? (protocol === "HTTP" ? 80 : 443);
  check.intRange(`${field}.port`, port, 1, 65535);
  if (protocol === "TCP" && s.path !== undefined) check.fail(`${field}.path`, s.path, "unset with TCP probes (they request no path)");
  const path = s.path ?? "/healthz";
  if (protocol !== "TCP") check.pattern(`${field}.path`, path, REQUEST_PATH, PROBE_PATH_RULE);
  return { protocol, port, path };
}
