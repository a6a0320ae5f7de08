/** meridian-encryption-in-transit: TLS for database connections, replication endpoints, storage, web apps and load balancers. */
import { isTls12Policy } from "../../../components/ingress/internal/tls";
import { resourceRule, at, isSet } from "../rule";

const TLS_ORDER = ["1.0", "1.1", "1.2", "1.3"];

export const encryptionInTransit = resourceRule({
  name: "meridian-encryption-in-transit",
  finding:
    "Connections to databases, DMS endpoints, storage accounts and function apps require TLS (1.2 or later where the service lets you choose); load balancers serve HTTPS on a TLS 1.2+ policy and answer plain HTTP only with a redirect to HTTPS.",
  why: "cross-cloud traffic and client connections can be observed or altered in transit; TLS is what stops that.",
  remediation: "Require TLS as the message says (Cloud SQL sslMode, DMS sslMode, Azure httpsOnly and minimum TLS, an ALB listener's sslPolicy, a GCP SSL policy on the HTTPS proxy).",
  enforcementLevel: "mandatory",
  severity: "high",
  checks: {
    "aws:rds/parameterGroup:ParameterGroup": (p, report, ctx) => {
      if (!String(p["family"] ?? "").startsWith("postgres")) return;
      const force = (p["parameters"] as Array<{ name: string; value: string }> | undefined)?.find((x) => x.name === "rds.force_ssl");
      if (!force || force.value !== "1") report(`${ctx.name}: rds.force_ssl is not 1`);
    },
    "gcp:sql/databaseInstance:DatabaseInstance": (p, report) => {
      const mode = at(p, "settings.ipConfiguration.sslMode");
      if (mode !== "ENCRYPTED_ONLY" && mode !== "TRUSTED_CLIENT_CERTIFICATE_REQUIRED") report(`settings.ipConfiguration.sslMode is ${JSON.stringify(mode)}, not ENCRYPTED_ONLY or stricter`);
    },
    "aws:dms/endpoint:Endpoint": (p, report) => {
      const mode = p["sslMode"];
      if (!mode || mode === "none") report(`sslMode is ${JSON.stringify(mode)}: replication would cross the network in clear text`);
    },
    "azure-native:storage:StorageAccount": (p, report) => {
      if (p["enableHttpsTrafficOnly"] === false) report("enableHttpsTrafficOnly is false");
      if (p["minimumTlsVersion"] !== "TLS1_2" && p["minimumTlsVersion"] !== "TLS1_3") report(`minimumTlsVersion is ${JSON.stringify(p["minimumTlsVersion"])}, below TLS1_2`);
    },
    "azure-native:web:WebApp": (p, report) => {
      if (p["httpsOnly"] !== true) report("httpsOnly is not true");
      const v = at(p, "siteConfig.minTlsVersion");
      if (TLS_ORDER.indexOf(String(v)) < TLS_ORDER.indexOf("1.2")) report(`siteConfig.minTlsVersion is ${JSON.stringify(v)}, below 1.2`);
    },
    "aws:lb/listener:Listener": (p, report) => {
      const protocol = String(p["protocol"] ?? "");
      if (protocol === "HTTPS" || protocol === "TLS") {
        // Unset, the API picks ELBSecurityPolicy-2016-08, which still accepts TLS 1.0.
        if (!isTls12Policy(p["sslPolicy"])) report(`sslPolicy ${JSON.stringify(p["sslPolicy"] ?? null)} accepts TLS below 1.2 (use an ELBSecurityPolicy-TLS13-1-2-* policy, such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06)`);
        return;
      }
      if (protocol !== "HTTP") return;
      const actions = (p["defaultActions"] ?? []) as Array<{ type?: string; redirect?: { protocol?: string } }>;
      if (actions.length === 0 || actions.some((a) => a.type !== "redirect" || a.redirect?.protocol !== "HTTPS")) report("an HTTP listener that does not redirect to HTTPS: requests and cookies would cross the internet in clear text");
    },
    "gcp:compute/sSLPolicy:SSLPolicy": (p, report) => {
      if (p["minTlsVersion"] !== "TLS_1_2" && p["minTlsVersion"] !== "TLS_1_3") report(`minTlsVersion is ${JSON.stringify(p["minTlsVersion"] ?? "TLS_1_0")}, below TLS_1_2`);
      if (p["profile"] === undefined || p["profile"] === "COMPATIBLE") report(`profile is ${JSON.stringify(p["profile"] ?? "COMPATIBLE")}: it keeps legacy ciphers (use MODERN or RESTRICTED)`);
    },
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": (p, report) => {
      if (!isSet(p, "sslPolicy")) report("no sslPolicy: Google's default policy still accepts TLS 1.0");
    },
    "azure-native:cdn:AFDCustomDomain": (p, report) => {
      const v = at(p, "tlsSettings.minimumTlsVersion");
      if (v !== "TLS12" && v !== "TLS13") report(`tlsSettings.minimumTlsVersion is ${JSON.stringify(v ?? null)}, below TLS12`);
    },
    "azure-native:cdn:Route": (p, report) => {
      const protocols = (p["supportedProtocols"] ?? ["Http", "Https"]) as string[];
      if (protocols.includes("Http") && p["httpsRedirect"] !== "Enabled") report("the route takes HTTP without redirecting it to HTTPS");
      if (p["forwardingProtocol"] !== "HttpsOnly") report(`forwardingProtocol is ${JSON.stringify(p["forwardingProtocol"] ?? "MatchRequest")}: Front Door may reach the origin over plain HTTP`);
    },
    "azure-native:dbforpostgresql:Configuration": (p, report) => {
      if (p["configurationName"] === "require_secure_transport" && String(p["value"]).toLowerCase() === "off") report("require_secure_transport is off");
    },
  },
});
