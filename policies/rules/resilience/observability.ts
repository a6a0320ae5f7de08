/**
 * meridian-resilience-observability: logs are kept for a set time, entry points log their requests, control planes and
 * audit trails log what was done, and failover records are health-checked.
 */
import { resourceRule, at, isSet } from "../rule";

export interface ObservabilityConfig {
  /** Require X-Ray tracing in Active mode on Lambda functions (Trivy's AVD-AWS-0066; Checkov accepts PassThrough). */
  readonly requireTracing: boolean;
}

/** The EKS control-plane log types every scanner asks for (CKV_AWS_37, AVD-AWS-0038). */
const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/**
 * Cloud SQL for PostgreSQL's logging flags, as Checkov and Trivy judge them: the value a flag must have (`required`:
 * also when it is not set, the engine's default being off), or the values it may not have when set.
 */
const PG_FLAGS: ReadonlyArray<{ readonly name: string; readonly ok: ReadonlySet<string>; readonly required: boolean }> = [
  { name: "log_checkpoints", ok: new Set(["on"]), required: true }, // CKV_GCP_51, AVD-GCP-0025
  { name: "log_connections", ok: new Set(["on"]), required: true }, // CKV_GCP_52, AVD-GCP-0016
  { name: "log_disconnections", ok: new Set(["on"]), required: true }, // CKV_GCP_53, AVD-GCP-0022
  { name: "log_lock_waits", ok: new Set(["on"]), required: true }, // CKV_GCP_54, AVD-GCP-0020
  { name: "log_hostname", ok: new Set(["on"]), required: true }, // CKV_GCP_108
  { name: "log_statement", ok: new Set(["ddl", "mod", "all"]), required: true }, // CKV_GCP_111
  { name: "cloudsql.enable_pgaudit", ok: new Set(["on"]), required: true }, // CKV_GCP_110
  // The defaults pass: error, warning, -1, 0.
  { name: "log_min_error_statement", ok: new Set(["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error"]), required: false }, // CKV_GCP_109
  { name: "log_min_messages", ok: new Set(["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error"]), required: false }, // CKV_GCP_55, AVD-GCP-0018
  { name: "log_min_duration_statement", ok: new Set(["-1"]), required: false }, // CKV_GCP_57, AVD-GCP-0021
  { name: "log_temp_files", ok: new Set(["0"]), required: false }, // CKV_GCP_56, AVD-GCP-0014
];

/** A stage's access logs: set when they have a destination. */
const stageAccessLogs = {
  refs: ["CKV_AWS_76", "AVD-AWS-0001"],
  check: (p: Record<string, any>, report: (m: string) => void) => {
    // The destination is often a log group of the same program, not known yet at preview.
    if (!isSet(p["accessLogSettings"] ?? {}, "destinationArn")) report("accessLogSettings.destinationArn is not set: no record of the requests the stage served");
  },
};

/** An OpenSearch (or Elasticsearch) domain publishes its audit logs (enabled unless turned off). */
const searchAuditLogs = {
  refs: ["CKV_AWS_84", "CKV_AWS_317", "AVD-AWS-0042"],
  check: (p: Record<string, any>, report: (m: string) => void) => {
    const options: Array<Record<string, unknown>> = p["logPublishingOptions"] ?? [];
    if (!options.some((o) => o?.["logType"] === "AUDIT_LOGS" && o["enabled"] !== false)) report("logPublishingOptions publish no AUDIT_LOGS: who did what to the domain goes unrecorded");
  },
};

export const observability = resourceRule<ObservabilityConfig>({
  name: "meridian-resilience-observability",
  finding:
    "CloudWatch log groups have a retention; load balancers, API stages, CloudFront distributions, buckets and external backend services log their requests; CloudTrail trails cover all regions, validate their files and reach CloudWatch; Cloud SQL for PostgreSQL logs connections, lock waits, DDL and audit events; EKS, GKE and AKS control planes log and are monitored; OpenSearch domains publish audit logs; App Service apps log requests and errors; SQL servers are audited; Route 53 failover records carry a health check.",
  why: "logs kept forever cost money forever; an entry point without request logs, or a control plane without an audit trail, leaves nothing to investigate an incident with; and a failover record without a health check never fails over.",
  remediation:
    "Set retentionInDays; turn on access logs (AwsLoadBalancer and GcpLoadBalancer do), accessLogSettings, loggingConfig, enabledClusterLogTypes, isMultiRegionTrail / enableLogFileValidation / cloudWatchLogsGroupArn; give each failover record a healthCheckId (GlobalDnsFailover does).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: { properties: { requireTracing: { type: "boolean", default: false } } },
  checks: {
    "aws:cloudwatch/logGroup:LogGroup": {
      refs: ["CKV_AWS_66"],
      check: (p, report) => {
        if (!p["retentionInDays"]) report("retentionInDays is not set: logs are kept forever");
      },
    },
    "aws:lb/loadBalancer:LoadBalancer": {
      refs: ["CKV_AWS_91"],
      check: (p, report) => {
        // Gateway load balancers have no access logs (CKV_AWS_91 leaves them out).
        if (p["loadBalancerType"] === "gateway") return;
        if (at(p, "accessLogs.enabled") !== true) report("accessLogs are not enabled: no record of the requests the entry point served");
      },
    },
    "gcp:compute/backendService:BackendService": {
      refs: ["doc:gcp-external-application-load-balancer-logging"],
      check: (p, report) => {
        if (!String(p["loadBalancingScheme"] ?? "EXTERNAL").startsWith("EXTERNAL")) return;
        if (p["logConfig"]?.enable !== true) report("logConfig.enable is not true: no record of the requests the entry point served");
      },
    },
    "aws:route53/record:Record": {
      refs: ["doc:aws-route53-dns-failover-health-checks"],
      check: (p, report) => {
        if (!(p["failoverRoutingPolicies"] ?? []).length) return;
        const alias = (p["aliases"] ?? [])[0];
        if (!isSet(p, "healthCheckId") && !(alias && alias.evaluateTargetHealth === true)) report("a failover record without healthCheckId (nor an alias evaluating target health)");
      },
    },
    "aws:cloudtrail/trail:Trail": {
      refs: ["CKV_AWS_67", "AVD-AWS-0014", "CKV_AWS_36", "AVD-AWS-0016", "CKV2_AWS_10", "AVD-AWS-0162", "CKV_AWS_251"],
      check: (p, report) => {
        if (p["enableLogging"] === false) report("enableLogging is false: the trail records nothing");
        if (p["isMultiRegionTrail"] !== true) report("isMultiRegionTrail is not true: activity in other regions goes unrecorded");
        if (p["enableLogFileValidation"] !== true) report("enableLogFileValidation is not true: a tampered log file goes unnoticed");
        if (!isSet(p, "cloudWatchLogsGroupArn")) report("cloudWatchLogsGroupArn is not set: no alarm can watch the trail");
      },
    },
    "aws:eks/cluster:Cluster": {
      refs: ["CKV_AWS_37", "AVD-AWS-0038", "AwsSolutions-EKS2"],
      check: (p, report) => {
        const types: unknown[] = p["enabledClusterLogTypes"] ?? [];
        const missing = EKS_LOG_TYPES.filter((t) => !types.includes(t));
        if (missing.length) report(`enabledClusterLogTypes lacks ${missing.join(", ")}: the control plane's actions go unrecorded`);
      },
    },
    "aws:apigateway/stage:Stage": {
      refs: ["CKV_AWS_76", "AVD-AWS-0001", "AwsSolutions-APIG1", "CKV_AWS_73", "AVD-AWS-0003"],
      check: (p, report) => {
        stageAccessLogs.check(p, report);
        if (p["xrayTracingEnabled"] !== true) report("xrayTracingEnabled is not true");
      },
    },
    "aws:apigatewayv2/stage:Stage": stageAccessLogs,
    "aws:cloudfront/distribution:Distribution": {
      refs: ["CKV_AWS_86", "AVD-AWS-0010", "AwsSolutions-CFR3"],
      check: (p, report) => {
        if (!isSet(p["loggingConfig"] ?? {}, "bucket")) report("loggingConfig.bucket is not set: no record of the requests the distribution served");
      },
    },
    "aws:lambda/function:Function": {
      refs: ["AVD-AWS-0066", "CKV_AWS_50"],
      check: (p, report, { config }) => {
        if (config.requireTracing && at(p, "tracingConfig.mode") !== "Active") report(`tracingConfig.mode is ${at(p, "tracingConfig.mode") ?? "PassThrough"}, not Active`);
      },
    },
    "aws:opensearch/domain:Domain": searchAuditLogs,
    "aws:elasticsearch/domain:Domain": searchAuditLogs,
    "gcp:storage/bucket:Bucket": {
      refs: ["CKV_GCP_62", "AVD-GCP-0077"],
      check: (p, report) => {
        if (!isSet(p["logging"] ?? {}, "logBucket")) report("logging.logBucket is not set: no record of who read or wrote the objects");
      },
    },
    "gcp:sql/databaseInstance:DatabaseInstance": {
      refs: ["CKV_GCP_51", "CKV_GCP_52", "CKV_GCP_53", "CKV_GCP_54", "CKV_GCP_55", "CKV_GCP_56", "CKV_GCP_57", "CKV_GCP_108", "CKV_GCP_109", "CKV_GCP_110", "CKV_GCP_111", "AVD-GCP-0025", "AVD-GCP-0016", "AVD-GCP-0022", "AVD-GCP-0020", "AVD-GCP-0018", "AVD-GCP-0021", "AVD-GCP-0014"],
      check: (p, report) => {
        if (!String(p["databaseVersion"] ?? "").startsWith("POSTGRES")) return;
        const set = new Map<string, string>();
        for (const f of at(p, "settings.databaseFlags") ?? []) if (f && typeof f.name === "string") set.set(f.name, String(f.value).toLowerCase());
        for (const flag of PG_FLAGS) {
          const value = set.get(flag.name);
          if (value === undefined ? flag.required : !flag.ok.has(value)) report(`database flag ${flag.name} is ${value ?? "not set"}, not ${[...flag.ok].join(" or ")}`);
        }
      },
    },
    "gcp:container/cluster:Cluster": {
      refs: ["CKV_GCP_1", "AVD-GCP-0060", "CKV_GCP_8", "AVD-GCP-0052"],
      check: (p, report) => {
        // Both default to the Kubernetes Engine services; "none", or an empty list of components, turns them off.
        if (p["loggingService"] === "none" || at(p, "loggingConfig.enableComponents")?.length === 0) report("logging is off (loggingService none or no loggingConfig.enableComponents)");
        if (p["monitoringService"] === "none" || at(p, "monitoringConfig.enableComponents")?.length === 0) report("monitoring is off (monitoringService none or no monitoringConfig.enableComponents)");
      },
    },
    "azure-native:containerservice:ManagedCluster": {
      refs: ["CKV_AZURE_4", "AVD-AZU-0040"],
      check: (p, report) => {
        const addons: Record<string, any> = p["addonProfiles"] ?? {};
        const oms = addons["omsagent"] ?? addons["omsAgent"];
        if (oms?.enabled !== true) report("addonProfiles.omsagent is not enabled: no logs reach Azure Monitor");
      },
    },
    "azure-native:web:WebApp": {
      refs: ["CKV_AZURE_63", "CKV_AZURE_65", "CKV_AZURE_66"],
      check: (p, report) => {
        // Function apps log through Application Insights (the scanners check web apps only).
        if (String(p["kind"] ?? "").includes("functionapp")) return;
        for (const k of ["httpLoggingEnabled", "detailedErrorLoggingEnabled", "requestTracingEnabled"]) {
          if (at(p, "siteConfig")?.[k] !== true) report(`siteConfig.${k} is not true`);
        }
      },
    },
    "azure-native:sql:ServerBlobAuditingPolicy": {
      refs: ["AVD-AZU-0027", "AVD-AZU-0025"],
      check: (p, report) => {
        if (p["state"] !== "Enabled") report(`state is ${p["state"]}, not Enabled: the server is not audited`);
        const days = Number(p["retentionDays"] ?? 0);
        // 0 keeps the audit logs forever.
        if (days !== 0 && days < 90) report(`retentionDays is ${days}, below 90`);
      },
    },
  },
});
