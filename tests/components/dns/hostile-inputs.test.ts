/**
 * Hostile input to the DNS components: each is refused at construction, with the field named, before anything is
 * registered (tests/helpers/hostile.ts).
 */
import {
  CloudDnsRouting,
  GlobalDnsFailover,
  TrafficManagerRouting,
  type CloudDnsEndpoint,
  type CloudDnsRoutingArgs,
  type DnsEndpoint,
  type GlobalDnsFailoverArgs,
  type TrafficManagerEndpoint,
  type TrafficManagerRoutingArgs,
} from "../../../components/dns";
import { hostileInputs } from "../../helpers/hostile";

const long = (n: number) => `n${"a".repeat(n - 1)}`;

const aws: DnsEndpoint = { name: "aws", address: "api-aws.example.net", cloud: "aws", role: "primary" };
const gcp: DnsEndpoint = { name: "gcp", address: "api-gcp.example.net", cloud: "gcp", role: "secondary" };
const r53: GlobalDnsFailoverArgs = { zoneName: "example.com", zoneId: "Z123", recordName: "api", routing: "failover", endpoints: [aws, gcp] };
const plain = (e: DnsEndpoint): DnsEndpoint => ({ ...e, role: undefined });
const geo = (...endpoints: DnsEndpoint[]): GlobalDnsFailoverArgs => ({ ...r53, routing: "geolocation", endpoints });
const fallback: DnsEndpoint = { ...plain(aws), name: "default", isDefault: true };

hostileInputs("meridian:dns:GlobalDnsFailover", [
  { what: "a name with an underscore", field: "name", build: () => new GlobalDnsFailover("api_dns", r53) },
  { what: "a 300-character name", field: "name", build: () => new GlobalDnsFailover(long(300), r53) },
  { what: "__proto__ as the name", field: "name", build: () => new GlobalDnsFailover("__proto__", r53) },
  { what: "a non-ASCII name", field: "name", build: () => new GlobalDnsFailover("dns-é", r53) },
  { what: "args of null", field: "args", build: () => new GlobalDnsFailover("dns", null as never) },
  { what: "no routing", field: "routing", build: () => new GlobalDnsFailover("dns", { ...r53, routing: undefined as never }) },
  { what: "toString as the routing", field: "routing", build: () => new GlobalDnsFailover("dns", { ...r53, routing: "toString" as never }) },
  { what: "a string where the endpoints belong", field: "endpoints", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: "aws" as never }) },
  { what: "an endpoint name with a double hyphen", field: "endpoints[0].name", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [{ ...aws, name: "aws--east" }, gcp] }) },
  { what: "an endpoint name ending with a hyphen", field: "endpoints[1].name", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [aws, { ...gcp, name: "gcp-" }] }) },
  { what: "an endpoint named as the failover chain's records", field: "endpoints[1].name", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [aws, { ...gcp, name: "failover-1" }] }) },
  { what: "an endpoint of an unknown cloud", field: "endpoints[0].cloud", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [{ ...aws, cloud: "aws-east" as never }, gcp] }) },
  { what: "an endpoint without its address", field: "endpoints[0].address", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [{ ...aws, address: undefined as never }, gcp] }) },
  { what: "a weight that failover routing would ignore", field: "endpoints[0].weight", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [{ ...aws, weight: 70 }, gcp] }) },
  { what: "a weighted endpoint without a weight", field: "endpoints[1].weight", build: () => new GlobalDnsFailover("dns", { ...r53, routing: "weighted", endpoints: [{ ...plain(aws), weight: 70 }, plain(gcp)] }) },
  { what: "a checker region Route 53 does not run in", field: "healthCheck.regions[2]", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: { regions: ["us-east-1", "eu-west-1", "eu-central-1"] } }) },
  { what: "a string where the checker regions belong", field: "healthCheck.regions", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: { regions: "us-east-1" as never } }) },
  { what: "the same checker region twice", field: "healthCheck.regions", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: { regions: ["us-east-1", "us-east-1", "eu-west-1"] } }) },
  {
    what: "a latency region that does not exist",
    field: "endpoints[0].region",
    build: () => new GlobalDnsFailover("dns", { ...r53, routing: "latency", endpoints: [{ ...plain(aws), region: "us-moon-1" }, { ...plain(gcp), region: "eu-west-1" }] }),
  },
  { what: "an unknown country code", field: "endpoints[1].country", build: () => new GlobalDnsFailover("dns", geo(fallback, { ...plain(gcp), country: "XX" })) },
  { what: "a lower-case country code", field: "endpoints[1].country", build: () => new GlobalDnsFailover("dns", geo(fallback, { ...plain(gcp), country: "us" })) },
  { what: "__proto__ as a continent", field: "endpoints[1].continent", build: () => new GlobalDnsFailover("dns", geo(fallback, { ...plain(gcp), continent: "__proto__" })) },
  { what: "one continent on two endpoints", field: "endpoints", build: () => new GlobalDnsFailover("dns", geo(fallback, { ...plain(gcp), continent: "EU" }, { ...plain(aws), name: "aws-eu", continent: "EU" })) },
  { what: "a continent on the default endpoint", field: "endpoints[0].continent", build: () => new GlobalDnsFailover("dns", geo({ ...fallback, continent: "NA" }, { ...plain(gcp), continent: "EU" })) },
  { what: "the old protectZone argument", field: "protectZone", build: () => new GlobalDnsFailover("dns", { ...r53, protectZone: true } as never) },
  { what: "protect: false against the protect option", field: "protect", build: () => new GlobalDnsFailover("dns", { ...r53, protect: false }, { protect: true }) },
  { what: "a zone id beside createZone", field: "zoneId", build: () => new GlobalDnsFailover("dns", { ...r53, createZone: true }) },
  { what: "an endpoint health path with a space", field: "endpoints[1].healthCheckPath", build: () => new GlobalDnsFailover("dns", { ...r53, endpoints: [aws, { ...gcp, healthCheckPath: "/ready z" }] }) },
  { what: "a health path with a query", field: "healthCheck.path", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: { path: "/healthz?full=1" } }) },
  { what: "a path that TCP checks would ignore", field: "healthCheck.path", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: { protocol: "TCP", path: "/healthz" } }) },
  { what: "health check settings given as a string", field: "healthCheck", build: () => new GlobalDnsFailover("dns", { ...r53, healthCheck: "fast" as never }) },
]);

const ipA: CloudDnsEndpoint = { name: "aws", address: "203.0.113.10", cloud: "aws", role: "primary" };
const ipB: CloudDnsEndpoint = { name: "gcp", address: "203.0.113.20", cloud: "gcp", role: "secondary", location: "europe-west1" };
const cdns: CloudDnsRoutingArgs = { managedZone: "example-zone", dnsName: "example.com", recordName: "api", routing: "failover", endpoints: [ipA, ipB] };
const cgeo = (...endpoints: CloudDnsEndpoint[]): CloudDnsRoutingArgs => ({ ...cdns, routing: "geolocation", endpoints: endpoints.map((e) => ({ ...e, role: undefined })) });

hostileInputs("meridian:dns:CloudDnsRouting", [
  { what: "a name with an underscore", field: "name", build: () => new CloudDnsRouting("api_dns", cdns) },
  // The health check is auto-named `${name}-health-1a2b3c4`: 49 + 15 = 64 > 63.
  { what: "a name too long for the auto-named health check", field: "name", build: () => new CloudDnsRouting(long(49), cdns) },
  { what: "__proto__ as the name", field: "name", build: () => new CloudDnsRouting("__proto__", cdns) },
  { what: "a non-ASCII name", field: "name", build: () => new CloudDnsRouting("dnś", cdns) },
  { what: "args of undefined", field: "args", build: () => new CloudDnsRouting("dns", undefined as never) },
  { what: "no routing", field: "routing", build: () => new CloudDnsRouting("dns", { ...cdns, routing: undefined as never }) },
  { what: "constructor as the routing", field: "routing", build: () => new CloudDnsRouting("dns", { ...cdns, routing: "constructor" as never }) },
  { what: "no managed zone", field: "managedZone", build: () => new CloudDnsRouting("dns", { ...cdns, managedZone: undefined as never }) },
  { what: "a backup location that is not a GCP region", field: "endpoints[1].location", build: () => new CloudDnsRouting("dns", { ...cdns, endpoints: [ipA, { ...ipB, location: "moonbase" }] }) },
  { what: "a geolocation of toString", field: "endpoints[0].location", build: () => new CloudDnsRouting("dns", cgeo({ ...ipA, location: "toString" }, ipB)) },
  { what: "one location on two endpoints", field: "endpoints", build: () => new CloudDnsRouting("dns", cgeo({ ...ipA, location: "europe-west1" }, ipB)) },
  { what: "a location on the primary, which failover ignores", field: "endpoints[0].location", build: () => new CloudDnsRouting("dns", { ...cdns, endpoints: [{ ...ipA, location: "us-east1" }, ipB] }) },
  { what: "a weight that failover routing would ignore", field: "endpoints[0].weight", build: () => new CloudDnsRouting("dns", { ...cdns, endpoints: [{ ...ipA, weight: 1 }, ipB] }) },
  { what: "a source region that does not exist", field: "healthCheck.sourceRegions[2]", build: () => new CloudDnsRouting("dns", { ...cdns, healthCheck: { sourceRegions: ["us-east4", "europe-west1", "us-moon1"] } }) },
  { what: "a string where the source regions belong", field: "healthCheck.sourceRegions", build: () => new CloudDnsRouting("dns", { ...cdns, healthCheck: { sourceRegions: "us-east4" as never } }) },
  { what: "an object where the endpoints belong", field: "endpoints", build: () => new CloudDnsRouting("dns", { ...cdns, endpoints: { aws: ipA } as never }) },
  { what: "health check settings given as a string", field: "healthCheck", build: () => new CloudDnsRouting("dns", { ...cdns, healthCheck: "fast" as never }) },
]);

const tmA: TrafficManagerEndpoint = { name: "aws", address: "api-aws.example.net", cloud: "aws", priority: 1 };
const tmB: TrafficManagerEndpoint = { name: "gcp", address: "api-gcp.example.net", cloud: "gcp", priority: 2 };
const tm: TrafficManagerRoutingArgs = { resourceGroupName: "rg", relativeName: "shop-api", routing: "Priority", endpoints: [tmA, tmB] };
const tmGeo = (a: string[], b: string[]): TrafficManagerRoutingArgs => ({
  ...tm,
  routing: "Geographic",
  endpoints: [
    { ...tmA, priority: undefined, geoMapping: a },
    { ...tmB, priority: undefined, geoMapping: b },
  ],
});

hostileInputs("meridian:dns:TrafficManagerRouting", [
  { what: "a name with an underscore", field: "name", build: () => new TrafficManagerRouting("tm_1", tm) },
  // The profile is auto-named `${name}-profile` and a random suffix: 48 + 16 = 64 > 63.
  { what: "a name too long for the auto-named profile", field: "name", build: () => new TrafficManagerRouting(long(48), tm) },
  { what: "__proto__ as the name", field: "name", build: () => new TrafficManagerRouting("__proto__", tm) },
  { what: "a non-ASCII name", field: "name", build: () => new TrafficManagerRouting("tm-ü", tm) },
  { what: "args of null", field: "args", build: () => new TrafficManagerRouting("tm", null as never) },
  { what: "no routing", field: "routing", build: () => new TrafficManagerRouting("tm", { ...tm, routing: undefined as never }) },
  { what: "a routing method in the wrong case", field: "routing", build: () => new TrafficManagerRouting("tm", { ...tm, routing: "priority" as never }) },
  { what: "no resource group", field: "resourceGroupName", build: () => new TrafficManagerRouting("tm", { ...tm, resourceGroupName: undefined as never }) },
  {
    what: "a performance location that does not exist",
    field: "endpoints[0].location",
    build: () => new TrafficManagerRouting("tm", { ...tm, routing: "Performance", endpoints: [{ ...tmA, priority: undefined, location: "moonbase" }, { ...tmB, priority: undefined, location: "eastus" }] }),
  },
  { what: "a string where the geo mapping belongs", field: "endpoints[0].geoMapping", build: () => new TrafficManagerRouting("tm", tmGeo("GEO-NA" as never, ["WORLD"])) },
  { what: "a geographic code Traffic Manager does not have", field: "endpoints[0].geoMapping[0]", build: () => new TrafficManagerRouting("tm", tmGeo(["GEO-XX"], ["WORLD"])) },
  { what: "__proto__ as a geographic code", field: "endpoints[0].geoMapping[0]", build: () => new TrafficManagerRouting("tm", tmGeo(["__proto__"], ["WORLD"])) },
  { what: "one code on two endpoints", field: "endpoints[1].geoMapping[1]", build: () => new TrafficManagerRouting("tm", tmGeo(["GEO-EU", "WORLD"], ["GEO-NA", "GEO-EU"])) },
  { what: "a weight that priority routing would ignore", field: "endpoints[0].weight", build: () => new TrafficManagerRouting("tm", { ...tm, endpoints: [{ ...tmA, weight: 50 }, tmB] }) },
  { what: "a path that TCP probes would ignore", field: "monitor.path", build: () => new TrafficManagerRouting("tm", { ...tm, monitor: { protocol: "TCP", path: "/healthz" } }) },
  { what: "monitor settings given as a string", field: "monitor", build: () => new TrafficManagerRouting("tm", { ...tm, monitor: "fast" as never }) },
  { what: "a null endpoint", field: "endpoints[1]", build: () => new TrafficManagerRouting("tm", { ...tm, endpoints: [tmA, null as never] }) },
]);

// Arguments of 0.2.0 that this version would otherwise drop without a word.
hostileInputs("meridian:dns:GlobalDnsFailover", [{ what: "the 0.2.0 protectZone argument", field: "protectZone", build: () => new GlobalDnsFailover("dns", { ...r53, protectZone: true } as never) }]);
