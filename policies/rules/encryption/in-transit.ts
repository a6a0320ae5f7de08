/** meridian-encryption-in-transit: TLS for database connections, replication endpoints, caches, search domains, storage, web apps, CDNs and load balancers. */
import { isTls12Policy } from "../../../components/ingress/internal/tls";
import { resourceRule, at, isSet, type CheckTable } from "../rule";

const TLS_ORDER = ["1.0", "1.1", "1.2", "1.3"];

/** OpenSearch TLS policies that refuse TLS 1.0 and 1.1 (Checkov CKV_AWS_228, Trivy AVD-AWS-0126). */
const SEARCH_TLS12_POLICIES = new Set(["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"]);

/** CloudFront viewer policies with TLS 1.2 or 1.3 as their floor (`TLSv1.2_2021`, ...; Checkov CKV_AWS_174). */
const CLOUDFRONT_TLS12 = /^TLSv1\.[23]_\d{4}$/;

/** API Gateway domain security policies with TLS 1.2 or 1.3 as their floor (Checkov CKV_AWS_206, Trivy AVD-AWS-0005). */
const APIGW_TLS12 = /^(TLS_1_2|SecurityPolicy_TLS12_[A-Za-z0-9_]*EDGE|SecurityPolicy_TLS13_[A-Za-z0-9_]+)$/;

/** Weak RSA key-exchange ciphers that a GCP SSL policy's CUSTOM profile must leave out (Checkov CKV_GCP_4). */
const GCP_WEAK_CIPHERS = ["TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"];

/** Azure SQL's minimal TLS values that are 1.2 or later. */
const AZURE_SQL_TLS12 = new Set(["1.2", "1.3"]);

function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

const searchDomain = {
  refs: ["CKV_AWS_6", "AVD-AWS-0043", "AwsSolutions-OS2", "CKV_AWS_83", "AVD-AWS-0046", "CKV_AWS_228", "AVD-AWS-0126"],
  check: (p: Record<string, any>, report: (m: string) => void) => {
    if (!isTrue(at(p, "nodeToNodeEncryption.enabled"))) report("nodeToNodeEncryption.enabled is not true: nodes talk to each other in clear text");
    if (!isTrue(at(p, "domainEndpointOptions.enforceHttps"))) report("domainEndpointOptions.enforceHttps is not true: the endpoint answers plain HTTP");
    const policy = at(p, "domainEndpointOptions.tlsSecurityPolicy") as unknown;
    if (!SEARCH_TLS12_POLICIES.has(String(policy))) report(`domainEndpointOptions.tlsSecurityPolicy is ${JSON.stringify(policy ?? "Policy-Min-TLS-1-0-2019-07")}, which accepts TLS below 1.2 (use Policy-Min-TLS-1-2-PFS-2023-10)`);
  },
};

const aws: CheckTable<Record<string, never>> = {
  "aws:rds/parameterGroup:ParameterGroup": {
    refs: ["CKV2_AWS_69"],
    check: (p, report, ctx) => {
      const family = String(p["family"] ?? "");
      const params = (p["parameters"] as Array<{ name: string; value: string }> | undefined) ?? [];
      if (family.startsWith("postgres") || family.includes("sqlserver")) {
        const force = params.find((x) => x.name === "rds.force_ssl");
        if (!force || String(force.value) !== "1") report(`${ctx.name}: rds.force_ssl is not 1`);
      } else if (family.startsWith("mysql") || family.startsWith("mariadb")) {
        const v = params.find((x) => x.name === "require_secure_transport")?.value;
        if (v === undefined || !["1", "on", "true"].includes(String(v).toLowerCase())) report(`${ctx.name}: require_secure_transport is not 1`);
      }
    },
  },
  "aws:dms/endpoint:Endpoint": {
    refs: ["CKV2_AWS_49"],
    check: (p, report) => {
      const mode = p["sslMode"];
      if (!mode || mode === "none") report(`sslMode is ${JSON.stringify(mode)}: replication would cross the network in clear text`);
    },
  },
  "aws:lb/listener:Listener": {
    refs: ["CKV_AWS_2", "CKV_AWS_103", "CKV2_AWS_20", "AVD-AWS-0054", "AVD-AWS-0047"],
    check: (p, report) => {
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
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    refs: ["CKV_AWS_30", "AVD-AWS-0051", "AwsSolutions-AEC3"],
    check: (p, report) => {
      if (!isTrue(p["transitEncryptionEnabled"])) report("transitEncryptionEnabled is not true: clients reach the cache in clear text");
    },
  },
  "aws:opensearch/domain:Domain": searchDomain,
  "aws:elasticsearch/domain:Domain": searchDomain,
  "aws:apigateway/domainName:DomainName": {
    refs: ["CKV_AWS_206", "AVD-AWS-0005"],
    check: (p, report) => {
      const policy = p["securityPolicy"];
      if (!APIGW_TLS12.test(String(policy ?? ""))) report(`securityPolicy is ${JSON.stringify(policy ?? null)}, which accepts TLS below 1.2 (use TLS_1_2 or a SecurityPolicy_TLS13_* policy)`);
    },
  },
  "aws:cloudfront/distribution:Distribution": {
    refs: ["CKV_AWS_34", "AVD-AWS-0012", "CKV_AWS_174", "AVD-AWS-0013", "AwsSolutions-CFR4", "CKV2_AWS_54"],
    check: (p, report) => {
      const behaviors: Array<[string, unknown]> = [["defaultCacheBehavior", at(p, "defaultCacheBehavior.viewerProtocolPolicy")]];
      for (const [i, b] of ((p["orderedCacheBehaviors"] ?? []) as Array<Record<string, unknown>>).entries()) behaviors.push([`orderedCacheBehaviors[${i}]`, b?.["viewerProtocolPolicy"]]);
      for (const [where, policy] of behaviors) if (policy === "allow-all") report(`${where}.viewerProtocolPolicy is "allow-all": viewers may use plain HTTP`);
      const cert = (p["viewerCertificate"] ?? {}) as Record<string, unknown>;
      if (cert["cloudfrontDefaultCertificate"] === true) report("viewerCertificate.cloudfrontDefaultCertificate is true: the *.cloudfront.net certificate accepts TLSv1 (use your own certificate with minimumProtocolVersion TLSv1.2_2021)");
      else if (!CLOUDFRONT_TLS12.test(String(cert["minimumProtocolVersion"] ?? ""))) report(`viewerCertificate.minimumProtocolVersion is ${JSON.stringify(cert["minimumProtocolVersion"] ?? null)}, below TLSv1.2`);
      for (const o of (p["origins"] ?? []) as Array<Record<string, any>>) {
        const protocols = (o?.customOriginConfig?.originSslProtocols ?? []) as string[];
        if (protocols.includes("SSLv3")) report(`origin ${String(o.originId ?? o.domainName ?? "?")}: originSslProtocols includes SSLv3`);
      }
    },
  },
};

const gcp: CheckTable<Record<string, never>> = {
  "gcp:sql/databaseInstance:DatabaseInstance": {
    refs: ["CKV_GCP_6", "AVD-GCP-0015"],
    check: (p, report) => {
      const mode = at(p, "settings.ipConfiguration.sslMode");
      // requireSsl is the older input (Trivy still accepts it when sslMode is not set).
      if (mode === undefined && at(p, "settings.ipConfiguration.requireSsl") === true) return;
      if (mode !== "ENCRYPTED_ONLY" && mode !== "TRUSTED_CLIENT_CERTIFICATE_REQUIRED") report(`settings.ipConfiguration.sslMode is ${JSON.stringify(mode)}, not ENCRYPTED_ONLY or stricter`);
    },
  },
  "gcp:compute/sSLPolicy:SSLPolicy": {
    refs: ["CKV_GCP_4", "AVD-GCP-0039"],
    check: (p, report) => {
      if (p["minTlsVersion"] !== "TLS_1_2" && p["minTlsVersion"] !== "TLS_1_3") report(`minTlsVersion is ${JSON.stringify(p["minTlsVersion"] ?? "TLS_1_0")}, below TLS_1_2`);
      if (p["profile"] === undefined || p["profile"] === "COMPATIBLE") report(`profile is ${JSON.stringify(p["profile"] ?? "COMPATIBLE")}: it keeps legacy ciphers (use MODERN or RESTRICTED)`);
      if (p["profile"] === "CUSTOM") {
        const weak = ((p["customFeatures"] ?? []) as string[]).filter((f) => GCP_WEAK_CIPHERS.includes(f));
        if (weak.length > 0) report(`customFeatures includes ${weak.join(", ")}: RSA key exchange without forward secrecy`);
      }
    },
  },
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    refs: ["doc:gcp/load-balancing/ssl-policies"],
    check: (p, report) => {
      if (!isSet(p, "sslPolicy")) report("no sslPolicy: Google's default policy still accepts TLS 1.0");
    },
  },
};

const azure: CheckTable<Record<string, never>> = {
  "azure-native:storage:StorageAccount": {
    refs: ["CKV_AZURE_3", "AVD-AZU-0008", "CKV_AZURE_44", "AVD-AZU-0011"],
    check: (p, report) => {
      if (p["enableHttpsTrafficOnly"] === false) report("enableHttpsTrafficOnly is false");
      if (p["minimumTlsVersion"] !== "TLS1_2" && p["minimumTlsVersion"] !== "TLS1_3") report(`minimumTlsVersion is ${JSON.stringify(p["minimumTlsVersion"])}, below TLS1_2`);
    },
  },
  "azure-native:web:WebApp": {
    refs: ["CKV_AZURE_14", "CKV_AZURE_70", "AVD-AZU-0072", "AVD-AZU-0004", "CKV_AZURE_15", "CKV_AZURE_145", "AVD-AZU-0006", "CKV_AZURE_78", "AVD-AZU-0071"],
    check: (p, report) => {
      if (p["httpsOnly"] !== true) report("httpsOnly is not true");
      // Unset, App Service applies 1.2 (Checkov passes a missing value).
      const v = at(p, "siteConfig.minTlsVersion");
      if (v !== undefined && TLS_ORDER.indexOf(String(v)) < TLS_ORDER.indexOf("1.2")) report(`siteConfig.minTlsVersion is ${JSON.stringify(v)}, below 1.2`);
      const ftps = at(p, "siteConfig.ftpsState");
      if (ftps !== "FtpsOnly" && ftps !== "Disabled") report(`siteConfig.ftpsState is ${JSON.stringify(ftps ?? "AllAllowed")}: deployments may use plain FTP (set FtpsOnly or Disabled)`);
    },
  },
  "azure-native:sql:Server": {
    refs: ["CKV_AZURE_52", "AVD-AZU-0026"],
    check: (p, report) => {
      const v = p["minimalTlsVersion"];
      if (!AZURE_SQL_TLS12.has(String(v))) report(`minimalTlsVersion is ${JSON.stringify(v ?? null)}, not 1.2 or later`);
    },
  },
  "azure-native:app:ContainerApp": {
    refs: ["doc:azure/container-apps/ingress-overview"],
    check: (p, report) => {
      if (at(p, "configuration.ingress.allowInsecure") === true) report("configuration.ingress.allowInsecure is true: the app answers plain HTTP instead of redirecting to HTTPS");
    },
  },
  "azure-native:cdn:AFDCustomDomain": {
    refs: ["doc:azure/frontdoor/end-to-end-tls"],
    check: (p, report) => {
      // A predefined cipher suite set decides the protocol versions (azure-native AfdCipherSuiteSetType); the
      // minimum version applies only to a Customized set, or when no set is named.
      const set = at(p, "tlsSettings.cipherSuiteSetType");
      if (set === "TLS12_2022" || set === "TLS12_2023") return;
      if (set === "TLS10_2019") {
        report("tlsSettings.cipherSuiteSetType is TLS10_2019: it accepts TLS 1.0 and 1.1");
        return;
      }
      const v = at(p, "tlsSettings.minimumTlsVersion");
      if (v !== "TLS12" && v !== "TLS13") report(`tlsSettings.minimumTlsVersion is ${JSON.stringify(v ?? null)}, below TLS12`);
    },
  },
  "azure-native:cdn:Route": {
    refs: ["doc:azure/frontdoor/front-door-route-matching"],
    check: (p, report) => {
      const protocols = (p["supportedProtocols"] ?? ["Http", "Https"]) as string[];
      if (protocols.includes("Http") && p["httpsRedirect"] !== "Enabled") report("the route takes HTTP without redirecting it to HTTPS");
      if (p["forwardingProtocol"] !== "HttpsOnly") report(`forwardingProtocol is ${JSON.stringify(p["forwardingProtocol"] ?? "MatchRequest")}: Front Door may reach the origin over plain HTTP`);
    },
  },
  "azure-native:dbforpostgresql:Configuration": {
    refs: ["doc:azure/postgresql/flexible-server/security-tls"],
    check: (p, report) => {
      if (p["configurationName"] === "require_secure_transport" && String(p["value"]).toLowerCase() === "off") report("require_secure_transport is off");
    },
  },
};

export const encryptionInTransit = resourceRule({
  name: "meridian-encryption-in-transit",
  finding:
    "Connections to databases, DMS endpoints, caches, search domains, storage accounts, web and container apps require TLS (1.2 or later where the service lets you choose); load balancers and CDNs serve HTTPS on a TLS 1.2+ policy and answer plain HTTP only with a redirect to HTTPS.",
  why: "cross-cloud traffic and client connections can be observed or altered in transit; TLS is what stops that.",
  remediation:
    "Require TLS as the message says (Cloud SQL sslMode, DMS sslMode, ElastiCache transitEncryptionEnabled, OpenSearch enforceHttps and TLS policy, Azure httpsOnly and minimum TLS, an ALB listener's sslPolicy, a CloudFront viewer certificate, a GCP SSL policy on the HTTPS proxy).",
  enforcementLevel: "mandatory",
  severity: "high",
  checks: [aws, gcp, azure],
});
