/**
 * The request paths of a planned stack: for each public DNS name and each cloud it routes to, the chain a request
 * follows — routed record (failover, weighted or latency; for geolocation, a record of its location's failover
 * chain) → health check → the cloud's own record → entry point (load balancer, its
 * HTTPS listener or forwarding rule, the rule or URL map that matches the host; Front Door's endpoint and route) →
 * backend → workload → database.
 *
 * Walked from what the program actually wired (the resources' inputs and the fake cloud's computed attributes:
 * ARNs, DNS names, addresses), never from names or conventions, so a broken link shows as an incomplete path.
 */
import { canonicalHost } from "../components/ingress/internal/routes";
import { providerUrnOf } from "./offline/decode";
import type { RecordedResource } from "./offline/engine";

export interface RequestPath {
  /** The public name, e.g. `app.example.com`. */
  readonly name: string;
  /** The cloud this leg of the failover runs on. */
  readonly cloud: string;
  /** The resources a request passes through, in order, as URNs. */
  readonly urns: string[];
  /** True when the walk reached a database. */
  readonly complete: boolean;
  /** Where the walk stopped, when it did not reach a database. */
  readonly missing?: string;
}

type R = RecordedResource;
type Props = Record<string, any>;

/** A resource's attribute as the cloud would report it: computed state first, then what the program sent. */
function attr(r: R, key: string): any {
  const s = r.state as Props | undefined;
  return s && key in s ? s[key] : (r.inputs as Props)[key];
}

/** The routing policies of a Route 53 record's inputs. */
const ROUTING_POLICIES = ["failoverRoutingPolicies", "weightedRoutingPolicies", "latencyRoutingPolicies", "geolocationRoutingPolicies"];

const strip = (name: unknown) => (typeof name === "string" ? canonicalHost(name) : undefined);

class Walk {
  readonly urns: string[] = [];
  constructor(readonly name: string, readonly cloud: string) {}
  add(r: R): this {
    this.urns.push(r.urn);
    return this;
  }
  done(): RequestPath {
    return { name: this.name, cloud: this.cloud, urns: this.urns, complete: true };
  }
  stop(missing: string): RequestPath {
    return { name: this.name, cloud: this.cloud, urns: this.urns, complete: false, missing };
  }
}

export function requestPaths(resources: readonly R[]): RequestPath[] {
  const custom = resources.filter((r) => r.custom);
  const ofType = (type: string) => custom.filter((r) => r.type === type);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const find = (type: string, test: (r: R) => boolean) => ofType(type).find(test);

  const records = ofType("aws:route53/record:Record");
  // Every routed record that answers with a value (failover, weighted, latency; a geolocation record is an alias to its
  // location's failover chain, whose records are walked): each is one leg of a public name.
  const routed = (r: R) => ROUTING_POLICIES.some((k) => Array.isArray(r.inputs[k]));
  const failovers = records.filter((r) => routed(r) && Array.isArray(r.inputs["records"]));
  // A geolocation record's chain answers for the record's public name.
  const publicName = new Map<string | undefined, string | undefined>();
  for (const r of records.filter((x) => Array.isArray(x.inputs["geolocationRoutingPolicies"]))) {
    for (const alias of (r.inputs["aliases"] as Props[] | undefined) ?? []) publicName.set(strip(alias["name"]), strip(r.inputs["name"]));
  }

  /** The workload's database: the instance whose address the workload was given as PGHOST. */
  const database = (walk: Walk, host: unknown): RequestPath => {
    if (typeof host !== "string") return walk.stop("the workload has no database host (PGHOST)");
    const db = find("aws:rds/instance:Instance", (r) => attr(r, "address") === host) ?? find("gcp:sql/databaseInstance:DatabaseInstance", (r) => attr(r, "privateIpAddress") === host);
    return db ? walk.add(db).done() : walk.stop(`no database answers at ${host}`);
  };

  /** A NodePort Service on the cluster that owns `nodes` (its provider is the cluster component's), and its Deployment. */
  const kubernetesWorkload = (walk: Walk, nodes: R, nodePort: unknown): RequestPath => {
    const service = find("kubernetes:core/v1:Service", (s) => {
      const spec = s.inputs["spec"] as Props | undefined;
      const provider = s.provider ? byUrn.get(providerUrnOf(s.provider)) : undefined;
      return spec?.["type"] === "NodePort" && (spec["ports"] as Props[] | undefined)?.some((p) => p["nodePort"] === nodePort) === true && provider?.parent === nodes.parent;
    });
    if (!service) return walk.stop(`no NodePort Service on port ${String(nodePort)} in the cluster of ${nodes.name}`);
    walk.add(service);
    // The Deployment whose pods the Service selects: same cluster and namespace, every selector label on its pods.
    const meta = service.inputs["metadata"] as Props;
    const selector = Object.entries(((service.inputs["spec"] as Props)["selector"] ?? {}) as Record<string, unknown>);
    const deployment = find("kubernetes:apps/v1:Deployment", (d) => {
      const labels = ((d.inputs as Props)["spec"]?.template?.metadata?.labels ?? {}) as Record<string, unknown>;
      return d.provider === service.provider && (d.inputs["metadata"] as Props)["namespace"] === meta["namespace"] && selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
    });
    if (!deployment) return walk.stop(`no Deployment's pods match the selector of Service ${service.name}`);
    walk.add(deployment);
    const env = ((deployment.inputs as Props)["spec"]?.template?.spec?.containers?.[0]?.env ?? []) as Props[];
    return database(walk, env.find((e) => e["name"] === "PGHOST")?.["value"]);
  };

  /** Host names a listener rule or URL map host rule answers. */
  const answers = (hosts: unknown[], ...names: string[]) => names.every((n) => hosts.map(strip).includes(n));

  const awsEntry = (walk: Walk, host: string, alias: Props): RequestPath => {
    const lb = find("aws:lb/loadBalancer:LoadBalancer", (r) => strip(attr(r, "dnsName")) === strip(alias["name"]));
    if (!lb) return walk.stop(`no load balancer answers at ${String(alias["name"])}`);
    walk.add(lb);
    const listener = find("aws:lb/listener:Listener", (r) => r.inputs["loadBalancerArn"] === attr(lb, "arn") && r.inputs["protocol"] === "HTTPS");
    if (!listener) return walk.stop(`no HTTPS listener on ${lb.name}`);
    walk.add(listener);
    // Clients send the public name; the health check sends the cloud's own: the rule and the certificate take both.
    const cert = find("aws:acm/certificate:Certificate", (r) => attr(r, "arn") === listener.inputs["certificateArn"]);
    const certNames = cert ? [cert.inputs["domainName"], ...((cert.inputs["subjectAlternativeNames"] as unknown[]) ?? [])] : [];
    if (!answers(certNames, host, walk.name)) return walk.stop(`the certificate of ${listener.name} does not cover both ${walk.name} and ${host}`);
    const rule = find("aws:lb/listenerRule:ListenerRule", (r) =>
      r.inputs["listenerArn"] === attr(listener, "arn") && ((r.inputs["conditions"] as Props[]) ?? []).some((c) => answers((c["hostHeader"]?.values as unknown[]) ?? [], host, walk.name)),
    );
    if (!rule) return walk.stop(`no rule of ${listener.name} matches both hosts ${walk.name} and ${host}`);
    walk.add(rule);
    const tgArn = ((rule.inputs["actions"] as Props[]) ?? []).find((a) => a["type"] === "forward")?.["targetGroupArn"];
    const tg = find("aws:lb/targetGroup:TargetGroup", (r) => attr(r, "arn") === tgArn);
    if (!tg) return walk.stop(`rule ${rule.name} forwards to no target group`);
    walk.add(tg);
    if (tg.inputs["targetType"] === "lambda") {
      const attachment = find("aws:lb/targetGroupAttachment:TargetGroupAttachment", (r) => r.inputs["targetGroupArn"] === attr(tg, "arn"));
      if (!attachment) return walk.stop(`no function attached to ${tg.name}`);
      walk.add(attachment);
      const target = attachment.inputs["targetId"];
      const alias = find("aws:lambda/alias:Alias", (r) => attr(r, "arn") === target);
      if (alias) walk.add(alias);
      const fn = find("aws:lambda/function:Function", (r) => attr(r, "arn") === target || (alias !== undefined && attr(r, "name") === alias.inputs["functionName"]));
      if (!fn) return walk.stop(`no function is ${String(target)}`);
      walk.add(fn);
      return database(walk, (fn.inputs["environment"] as Props | undefined)?.["variables"]?.PGHOST);
    }
    const attachment = find("aws:autoscaling/attachment:Attachment", (r) => r.inputs["lbTargetGroupArn"] === attr(tg, "arn"));
    if (!attachment) return walk.stop(`no Auto Scaling group attached to ${tg.name}`);
    walk.add(attachment);
    const nodes = find("aws:eks/nodeGroup:NodeGroup", (r) => ((attr(r, "resources") as Props[]) ?? []).some((x) => ((x["autoscalingGroups"] as Props[]) ?? []).some((g) => g["name"] === attachment.inputs["autoscalingGroupName"])));
    if (!nodes) return walk.stop(`no node group owns ${String(attachment.inputs["autoscalingGroupName"])}`);
    walk.add(nodes);
    return kubernetesWorkload(walk, nodes, tg.inputs["port"]);
  };

  const gcpEntry = (walk: Walk, host: string, ip: unknown): RequestPath => {
    const address = find("gcp:compute/globalAddress:GlobalAddress", (r) => attr(r, "address") === ip);
    if (!address) return walk.stop(`no reserved address is ${String(ip)}`);
    walk.add(address);
    const rule = find("gcp:compute/globalForwardingRule:GlobalForwardingRule", (r) => r.inputs["ipAddress"] === address.id && r.inputs["portRange"] === "443");
    if (!rule) return walk.stop(`no HTTPS forwarding rule on ${address.name}`);
    walk.add(rule);
    const proxy = find("gcp:compute/targetHttpsProxy:TargetHttpsProxy", (r) => r.id === rule.inputs["target"]);
    if (!proxy) return walk.stop(`forwarding rule ${rule.name} targets no HTTPS proxy`);
    walk.add(proxy);
    const urlMap = find("gcp:compute/uRLMap:URLMap", (r) => r.id === proxy.inputs["urlMap"]);
    if (!urlMap) return walk.stop(`proxy ${proxy.name} has no URL map`);
    walk.add(urlMap);
    const entries = ofType("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry").filter((e) => String(proxy.inputs["certificateMap"] ?? "").endsWith(`/${String(e.inputs["map"])}`));
    if (!answers(entries.map((e) => e.inputs["hostname"]), host, walk.name)) return walk.stop(`the certificate map of ${proxy.name} does not cover both ${walk.name} and ${host}`);
    const hostRule = ((urlMap.inputs["hostRules"] as Props[]) ?? []).find((h) => answers((h["hosts"] as unknown[]) ?? [], host, walk.name));
    const matcher = ((urlMap.inputs["pathMatchers"] as Props[]) ?? []).find((m) => m["name"] === hostRule?.["pathMatcher"]);
    const backend = find("gcp:compute/backendService:BackendService", (r) => r.id === matcher?.["defaultService"]);
    if (!backend) return walk.stop(`URL map ${urlMap.name} sends ${walk.name} and ${host} to no backend service`);
    walk.add(backend);
    const group = ((backend.inputs["backends"] as Props[]) ?? [])[0]?.["group"];
    const neg = find("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", (r) => r.id === group);
    if (neg) {
      walk.add(neg);
      const run = find("gcp:cloudrunv2/service:Service", (r) => attr(r, "name") === (neg.inputs["cloudRun"] as Props | undefined)?.["service"]);
      if (!run) return walk.stop(`endpoint group ${neg.name} reaches no Cloud Run service`);
      walk.add(run);
      const envs = ((run.inputs as Props)["template"]?.containers?.[0]?.envs ?? []) as Props[];
      return database(walk, envs.find((e) => e["name"] === "PGHOST")?.["value"]);
    }
    const pool = find("gcp:container/nodePool:NodePool", (r) => ((attr(r, "managedInstanceGroupUrls") as string[]) ?? []).includes(group));
    if (!pool) return walk.stop(`backend ${backend.name} reaches no node pool`);
    walk.add(pool);
    const groupNames = ((backend.inputs["backends"] as Props[]) ?? []).map((b) => String(b["group"] ?? "").split("/").pop());
    const namedPort = find("gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort", (r) => r.inputs["name"] === backend.inputs["portName"] && groupNames.includes(String(r.inputs["group"])));
    if (!namedPort) return walk.stop(`no named port ${String(backend.inputs["portName"])} for ${backend.name}`);
    return kubernetesWorkload(walk, pool, namedPort.inputs["port"]);
  };

  /** Azure Front Door: the endpoint the cloud's own name points to, the route serving both hosts, its origin, the Container App. */
  const azureEntry = (walk: Walk, host: string, target: unknown): RequestPath => {
    const endpoint = find("azure-native:cdn:AFDEndpoint", (r) => strip(attr(r, "hostName")) === strip(target));
    if (!endpoint) return walk.stop(`no Front Door endpoint answers at ${String(target)}`);
    walk.add(endpoint);
    const domainIds = (h: string) => ofType("azure-native:cdn:AFDCustomDomain").filter((d) => strip(d.inputs["hostName"]) === h && d.inputs["profileName"] === endpoint.inputs["profileName"]).map((d) => d.id);
    const [mine, pub] = [domainIds(host), domainIds(walk.name)];
    const route = find("azure-native:cdn:Route", (r) => {
      const ids = ((r.inputs["customDomains"] as Props[]) ?? []).map((d) => d["id"]);
      return r.inputs["endpointName"] === attr(endpoint, "name") && mine.some((id) => ids.includes(id)) && pub.some((id) => ids.includes(id));
    });
    if (!route) return walk.stop(`no route of ${endpoint.name} serves both ${walk.name} and ${host} on a custom domain`);
    walk.add(route);
    const group = find("azure-native:cdn:AFDOriginGroup", (r) => r.id === (route.inputs["originGroup"] as Props | undefined)?.["id"]);
    if (!group) return walk.stop(`route ${route.name} has no origin group`);
    walk.add(group);
    const origin = find("azure-native:cdn:AFDOrigin", (r) => r.inputs["originGroupName"] === attr(group, "name"));
    if (!origin) return walk.stop(`origin group ${group.name} has no origin`);
    walk.add(origin);
    const app = find("azure-native:app:ContainerApp", (r) => {
      const fqdn = (attr(r, "configuration") as Props | undefined)?.["ingress"]?.fqdn;
      return typeof fqdn === "string" && strip(fqdn) === strip(origin.inputs["hostName"]);
    });
    if (!app) return walk.stop(`no Container App answers at ${String(origin.inputs["hostName"])}`);
    walk.add(app);
    const env = ((app.inputs as Props)["template"]?.containers?.[0]?.env ?? []) as Props[];
    return database(walk, env.find((e) => e["name"] === "PGHOST")?.["value"]);
  };

  const paths: RequestPath[] = [];
  const walked = new Set<string>();
  for (const record of failovers) {
    const own = strip(record.inputs["name"])!;
    const name = publicName.get(own) ?? own;
    const check = find("aws:route53/healthCheck:HealthCheck", (r) => r.id === record.inputs["healthCheckId"]);
    const cloud = String((check?.inputs["tags"] as Props | undefined)?.["meridian:cloud"] ?? record.inputs["setIdentifier"] ?? "other");
    // Geolocation chains reach each cloud from several locations: one leg per name and cloud.
    if (walked.has(`${name} ${cloud}`)) continue;
    walked.add(`${name} ${cloud}`);
    const walk = new Walk(name, cloud).add(record);
    if (!check) {
      paths.push(walk.stop("no health check guards the record"));
      continue;
    }
    walk.add(check);
    // The record's target is where clients go; its health check must probe that same name.
    const host = strip((record.inputs["records"] as string[])[0]);
    if (strip(check.inputs["fqdn"]) !== host) {
      paths.push(walk.stop(`health check ${check.name} probes ${String(check.inputs["fqdn"])}, not the record's target ${String(host)}`));
      continue;
    }
    const target = records.find((r) => strip(r.inputs["name"]) === host && !routed(r));
    if (!target || host === undefined) {
      paths.push(walk.stop(`nothing publishes ${String(host)}`));
      continue;
    }
    walk.add(target);
    const alias = ((target.inputs["aliases"] as Props[]) ?? [])[0];
    const value = ((target.inputs["records"] as unknown[]) ?? [])[0];
    paths.push(alias ? awsEntry(walk, host, alias) : target.inputs["type"] === "CNAME" ? azureEntry(walk, host, value) : gcpEntry(walk, host, value));
  }
  return paths.sort((a, b) => a.name.localeCompare(b.name) || a.cloud.localeCompare(b.cloud));
}
