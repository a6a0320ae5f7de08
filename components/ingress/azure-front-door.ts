import * as pulumi from "@pulumi/pulumi";
import { AFDCustomDomain } from "@pulumi/azure-native/cdn/afdcustomDomain";
import { AFDEndpoint } from "@pulumi/azure-native/cdn/afdendpoint";
import { AFDOrigin } from "@pulumi/azure-native/cdn/afdorigin";
import { AFDOriginGroup } from "@pulumi/azure-native/cdn/afdoriginGroup";
import { Profile } from "@pulumi/azure-native/cdn/profile";
import { Route } from "@pulumi/azure-native/cdn/route";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { NAME_RULES, checkArgs, checkAzureLocation, checkComponentName, childOptions, derived, isPlainObject, resolveProtect, statefulOptions, validator, withStandardTags, type PhysicalNameRule, type Tags } from "../core/shared";
import { HOSTNAME } from "../dns/internal/endpoints";
import { checkRef, checkReplacedArgs, checkTagsArg } from "../core/internal/checks";
import type { AlertDestinations } from "../core/alerts";
import { checkAzureAlertDestinations, createAzureMetricAlerts, type AzureMetricAlertSpec } from "../core/internal/azure-metric-alerts";
import { canonicalHost, certificateDomains, checkRouteRecords, checkRoutes, hostKey, type RouteBase } from "./internal/routes";

const TYPE = "meridian:ingress:AzureFrontDoor";

/** Front Door tiers: Standard, or Premium (adds Private Link origins and managed WAF rule sets). */
export const FrontDoorSku = { Standard: "Standard_AzureFrontDoor", Premium: "Premium_AzureFrontDoor" } as const;
export type FrontDoorSku = (typeof FrontDoorSku)[keyof typeof FrontDoorSku];

/** The lowest TLS version Front Door negotiates on the custom domains: 1.2 or 1.3 (TLS 1.0 is refused). */
export const FrontDoorMinTlsVersion = { Tls12: "TLS12", Tls13: "TLS13" } as const;
export type FrontDoorMinTlsVersion = (typeof FrontDoorMinTlsVersion)[keyof typeof FrontDoorMinTlsVersion];

/**
 * Custom domains one Front Door Standard profile may have. Source: Azure Front Door docs, "Azure Front Door
 * Standard and Premium limits" — 100 custom domains on Standard, 500 on Premium (checked 2026-11-30).
 */
export const FRONT_DOOR_MAX_DOMAINS = 100;
/** Custom domains one Front Door Premium profile may have (same source). */
const FRONT_DOOR_PREMIUM_MAX_DOMAINS = 500;

/** The endpoint's name, auto-named by Pulumi from `<name>-endpoint`: it is the first label of its azurefd.net host name. */
const AFD_ENDPOINT_NAME: PhysicalNameRule = { what: "an Azure Front Door endpoint name", max: 46, source: "Azure resource naming rules, Microsoft.Cdn/profiles/afdEndpoints (2026-11-30)" };

/** A Log Analytics workspace's resource id. */
const WORKSPACE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;

/** An HTTPS origin: a Container App's FQDN, or a host name an AKS app serves on. */
export interface AzureOriginTarget {
  /** The origin's host name; Front Door connects to it over HTTPS and checks its certificate against it. */
  readonly hostName: pulumi.Input<string>;
}

export interface AzureFrontDoorRoute extends RouteBase {
  /** A stable key, lower case (`app`, `api`): it names the route's origin group, origin and route. */
  readonly name: string;
  /** The host names this route answers (custom domains within the zone, each with a managed certificate). */
  readonly hostnames: string[];
  /** Host names among `hostnames` to publish as CNAME records to the Front Door endpoint. @default [] */
  readonly cnameRecords?: string[];
  /** The readiness path Front Door's health probes request from the origin. @default "/readyz" */
  readonly healthPath?: string;
  readonly origin: AzureOriginTarget;
}

export interface AzureFrontDoorArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** The DNS zone's domain: every host name must be in it. */
  readonly zoneName: string;
  readonly routes: AzureFrontDoorRoute[];
  /** @default "Standard_AzureFrontDoor" */
  readonly sku?: FrontDoorSku;
  /** @default "TLS12" */
  readonly minTlsVersion?: FrontDoorMinTlsVersion;
  /** A Log Analytics workspace for the access and health probe logs. @default - one is created, keeping 90 days */
  readonly logAnalyticsWorkspaceId?: pulumi.Input<string>;
  /**
   * The location of what is regional: the Log Analytics workspace created when `logAnalyticsWorkspaceId` is not given
   * (the profile and endpoint are global). Unset with `logAnalyticsWorkspaceId`. @default "eastus"
   */
  readonly location?: string;
  /**
   * Protect the stateful children in Pulumi (the Log Analytics workspace created here, which holds the logs). The
   * component's own `protect` resource option says the same; when both are given they must agree.
   * @default - the component's protect option, else false
   */
  readonly protect?: boolean;
  /**
   * Where the profile's metric alerts go (`alerts.azure`: an action group per severity). Without it the alerts exist
   * and notify no one. @default - no actions
   */
  readonly alerts?: AlertDestinations;
  readonly tags?: Tags;
}

/**
 * The entry point's metric alerts, on the profile (all its endpoints). Metric names from Azure Monitor, "Supported
 * metrics for Microsoft.Cdn/profiles" (checked 2026-11-30): Percentage5XX (the share of client requests answered
 * 5xx, Average) and TotalLatency (ms from the request reaching Front Door to the last response byte acknowledged,
 * Average: the platform metric has no percentile, so the p99 target is checked on the average here; the access log
 * in Log Analytics has the per-request times). Azure has no 10-minute alert window (AZURE_ALERT_WINDOWS_MINUTES): the
 * latency alert averages over 15. Checked against the docs and the provider's types, not a real profile.
 */
export function azureFrontDoorAlertSpecs(name: string): AzureMetricAlertSpec[] {
  const subject = `AzureFrontDoor ${name}`;
  const ns = "Microsoft.Cdn/profiles";
  return [
    { key: "5xx", severity: "critical", subject, condition: "Percentage5XX above 5 % for 5 min", step: "error-rate", metricNamespace: ns, metricName: "Percentage5XX", aggregation: "Average", operator: "GreaterThan", threshold: 5, windowMinutes: 5 },
    { key: "latency", severity: "warning", subject, condition: "TotalLatency above 1,000 ms on average for 15 min", step: "latency", metricNamespace: ns, metricName: "TotalLatency", aggregation: "Average", operator: "GreaterThan", threshold: 1000, windowMinutes: 15 },
  ];
}

/** A DNS record the zone must hold for this Front Door. */
export interface FrontDoorDnsRecord {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly value: pulumi.Output<string>;
}

interface Resolved {
  readonly protect: boolean;
  readonly sku: FrontDoorSku;
  readonly minTlsVersion: FrontDoorMinTlsVersion;
  readonly healthPaths: string[];
  readonly domains: string[];
}

/** Resolves defaults and validates every plain argument; throws `MeridianValidationError`. */
export function validateAzureFrontDoorArgs(name: string, args: AzureFrontDoorArgs, opts: pulumi.ComponentResourceOptions = {}): Resolved {
  const check = validator(TYPE, name);
  checkArgs(check, args);
  // Arguments of 0.2.0 that this version would otherwise ignore.
  checkReplacedArgs(check, args, { logLocation: "unset: the argument is location" });
  // Physical names from the component's name: the endpoint ("<name>-endpoint", auto-named) is the tightest; the workspace.
  checkComponentName(check, name, [derived(AFD_ENDPOINT_NAME, "-endpoint", true), derived(NAME_RULES.azure.resourceName, "-logs", true)]);
  const protect = resolveProtect(check, opts, args.protect);
  checkRef(check, "resourceGroupName", args.resourceGroupName, "the resource group's name");
  checkTagsArg(check, args.tags, "azure");
  checkAzureAlertDestinations(check, args.alerts);
  const sku = args.sku ?? "Standard_AzureFrontDoor";
  check.oneOf("sku", sku, Object.values(FrontDoorSku));
  const minTlsVersion = args.minTlsVersion ?? "TLS12";
  check.oneOf("minTlsVersion", minTlsVersion, Object.values(FrontDoorMinTlsVersion));
  if (args.logAnalyticsWorkspaceId !== undefined) {
    check.pattern("logAnalyticsWorkspaceId", args.logAnalyticsWorkspaceId as string | undefined, WORKSPACE_ID, "a Log Analytics workspace's resource id, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>");
    if (args.location !== undefined) check.fail("location", args.location, "unset when logAnalyticsWorkspaceId is given (only a workspace created here has a location)");
  }
  checkAzureLocation(check, "location", args.location, false);
  const maxDomains = sku === "Premium_AzureFrontDoor" ? FRONT_DOOR_PREMIUM_MAX_DOMAINS : FRONT_DOOR_MAX_DOMAINS;
  const healthPaths = checkRoutes(check, args.zoneName, args.routes, maxDomains);
  args.routes.forEach((r, i) => {
    const f = `routes[${i}]`;
    if (!isPlainObject(r.origin)) check.fail(`${f}.origin`, r.origin, "an HTTPS origin { hostName }");
    checkRef(check, `${f}.origin.hostName`, r.origin.hostName, "the origin's host name, such as my-app.eastus.azurecontainerapps.io");
    if (typeof r.origin.hostName !== "object") check.requiredPattern(`${f}.origin.hostName`, r.origin.hostName, HOSTNAME, "a host name such as my-app.eastus.azurecontainerapps.io");
    checkRouteRecords(check, `${f}.cnameRecords`, r.cnameRecords, r.hostnames);
  });
  const domains = certificateDomains(args.routes);
  if (domains.length > maxDomains) check.fail("routes", domains.length, `at most ${maxDomains} host names in all (a ${sku} profile's custom domains)`);
  return { protect, sku, minTlsVersion, healthPaths, domains };
}

/**
 * Azure Front Door (Standard or Premium) as the Azure entry point, every part a resource of the program: a profile
 * and endpoint; per host name a custom domain with a Front Door-managed certificate on TLS 1.2 or newer, validated
 * through a TXT record in the zone (so it is issued while the public names point at another cloud); per route an
 * origin group whose health probe requests the readiness path over HTTPS, the origin (certificate name checked),
 * and a route that takes HTTPS and redirects HTTP; access and health probe logs to Log Analytics.
 */
export class AzureFrontDoor extends pulumi.ComponentResource {
  /** The endpoint's host name (`<name>.<hash>.z01.azurefd.net`): CNAME the custom domains to it. */
  public readonly endpointHostName: pulumi.Output<string>;
  /** The records the zone must hold: each domain's `_dnsauth` TXT validation record, then the routes' CNAMEs. */
  public readonly dnsRecords: FrontDoorDnsRecord[];
  /** The CNAME records by route name: the per-cloud names health checks probe. Known at construction. */
  public readonly cnameRecords: Record<string, string[]>;

  constructor(name: string, args: AzureFrontDoorArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const a = validateAzureFrontDoorArgs(name, args, opts);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const resourceGroupName = args.resourceGroupName;

    const profile = new Profile(`${name}-profile`, { resourceGroupName, location: "global", sku: { name: a.sku }, originResponseTimeoutSeconds: 60 }, parent);
    const profileName = profile.name;
    const endpoint = new AFDEndpoint(`${name}-endpoint`, { resourceGroupName, profileName, location: "global", enabledState: "Enabled" }, parent);

    const workspaceId =
      args.logAnalyticsWorkspaceId ??
      new Workspace(`${name}-logs`, { resourceGroupName, location: args.location ?? "eastus", sku: { name: "PerGB2018" }, retentionInDays: 90 }, statefulOptions(this, opts, a.protect)).id;
    new DiagnosticSetting(
      `${name}-logs`,
      {
        resourceUri: profile.id,
        workspaceId,
        logs: [
          { category: "FrontDoorAccessLog", enabled: true },
          { category: "FrontDoorHealthProbeLog", enabled: true },
        ],
      },
      parent,
    );

    const records: FrontDoorDnsRecord[] = [];
    const domains = new Map<string, AFDCustomDomain>();
    for (const domain of a.domains) {
      const key = hostKey(domain, args.zoneName);
      const custom = new AFDCustomDomain(
        `${name}-domain-${key}`,
        { resourceGroupName, profileName, hostName: domain, tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: a.minTlsVersion } },
        parent,
      );
      domains.set(domain, custom);
      // Under mocks that echo inputs the token is absent: nothing here may assume the cloud computed it.
      records.push({ key: `dnsauth-${key}`, name: `_dnsauth.${domain}`, type: "TXT", value: custom.validationProperties.apply((v) => v?.validationToken ?? "") });
    }

    const cnameRecords: Record<string, string[]> = {};
    args.routes.forEach((route, i) => {
      const key = `${name}-${route.name}`;
      const group = new AFDOriginGroup(
        key,
        {
          resourceGroupName,
          profileName,
          healthProbeSettings: { probePath: a.healthPaths[i]!, probeProtocol: "Https", probeRequestType: "GET", probeIntervalInSeconds: 30 },
          loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
          sessionAffinityState: "Disabled",
        },
        parent,
      );
      const origin = new AFDOrigin(
        key,
        { resourceGroupName, profileName, originGroupName: group.name, hostName: route.origin.hostName, originHostHeader: route.origin.hostName, httpsPort: 443, httpPort: 80, enforceCertificateNameCheck: true, priority: 1, weight: 1000, enabledState: "Enabled" },
        parent,
      );
      new Route(
        key,
        {
          resourceGroupName,
          profileName,
          endpointName: endpoint.name,
          originGroup: { id: group.id },
          customDomains: route.hostnames.map((h) => ({ id: domains.get(canonicalHost(h))!.id })),
          supportedProtocols: ["Http", "Https"],
          httpsRedirect: "Enabled",
          forwardingProtocol: "HttpsOnly",
          linkToDefaultDomain: "Disabled",
          patternsToMatch: ["/*"],
          enabledState: "Enabled",
        },
        // A route needs its origin group to have an origin.
        childOptions(this, opts, { dependsOn: [origin] }),
      );
      cnameRecords[route.name] = [...(route.cnameRecords ?? [])];
      for (const host of route.cnameRecords ?? []) records.push({ key: hostKey(host, args.zoneName), name: host.replace(/\.$/, ""), type: "CNAME", value: endpoint.hostName });
    });

    createAzureMetricAlerts(name, profile.id, resourceGroupName, azureFrontDoorAlertSpecs(name), args.alerts, parent);

    this.endpointHostName = endpoint.hostName;
    this.dnsRecords = records;
    this.cnameRecords = cnameRecords;
    this.registerOutputs({ endpointHostName: this.endpointHostName, dnsRecords: this.dnsRecords, cnameRecords: this.cnameRecords });
  }
}
