/**
 * `meridian runbook --stack <s> --scenario aws-down|gcp-down|degraded`: the failover steps for one stack, from its
 * offline plan. Every name comes from the plan (logical names and URNs) or, for what only the cloud knows (ARNs,
 * generated names), from the stack's outputs at run time (`pulumi stack output ...`); every expected time from the
 * plan's DR summary (the RTO parts the dr-budget rule checks). A scenario the stack cannot have (no DNS failover, no
 * replication, the cloud not in the stack) is refused: exit 2.
 *
 * The runbook is printed, not run. Failing over stays a person's decision: the README ("Runbook: failing over, and
 * back") says why it is not automated on the standby cloud.
 */
import type { PlanReport, PlannedResource } from "./plan";
import { PlanUsageError, type Format, type Scenario } from "./options";
import { rtoLines, shortUrn } from "./report";
import { kubernetesCloud, type ScaleUpEstimate } from "../policies/rules/resilience/rto-parts";

type Cloud = "aws" | "gcp";
const CLOUD_NAME: Record<Cloud, string> = { aws: "AWS", gcp: "GCP" };

export interface RunbookStep {
  readonly phase: "failover" | "failback";
  readonly title: string;
  /** `automatic`: the stack does it by itself (DNS health checks); `operator`: someone runs the commands. */
  readonly who: "automatic" | "operator";
  /** Seconds the step is budgeted in the RTO (the plan's DR parts), or null when it is outside the RTO. */
  readonly expectedSeconds: number | null;
  /** The plan's resources the step acts on (URNs). */
  readonly resources: string[];
  /** Shell commands, in order. */
  readonly commands: string[];
  readonly notes: string[];
}

export interface Runbook {
  readonly stack: string;
  readonly scenario: Scenario;
  readonly title: string;
  readonly configFile: string;
  /** The plan's DR summary (RTO parts and targets). */
  readonly dr: PlanReport["dr"];
  /** The sum of the failover steps' expected seconds. */
  readonly expectedSeconds: number;
  /** What to have and where to stand before the first step. */
  readonly before: string[];
  readonly steps: RunbookStep[];
}

/** What the runbook needs from a plan, found once. */
function facts(report: PlanReport) {
  const byType = (type: string) => report.resources.filter((r) => r.type === type);
  const one = (type: string) => byType(type)[0];
  const awsProvider = one("pulumi:providers:aws");
  const gcpProvider = one("pulumi:providers:gcp");
  const failoverRecords = byType("aws:route53/record:Record").filter((r) => Array.isArray(r.inputs["failoverRoutingPolicies"]));
  const weightedRecords = byType("aws:route53/record:Record").filter((r) => Array.isArray(r.inputs["weightedRoutingPolicies"]));
  const weightOf = (cloud: Cloud) => Math.max(0, ...weightedRecords.filter((r) => r.inputs["setIdentifier"] === cloud).map((r) => Number((r.inputs["weightedRoutingPolicies"] as Array<{ weight?: number }>)[0]?.weight ?? 0)));
  // How the public names route (the stack's publicNames output): the DNS steps pin and read health checks by cloud.
  const routings = [...new Set(Object.values((report.outputs["publicNames"] as Record<string, { routing?: string }> | undefined) ?? {}).map((n) => n.routing ?? "failover"))];
  const primaryRecord = failoverRecords.find((r) => (r.inputs["failoverRoutingPolicies"] as Array<{ type?: string }>)[0]?.type === "PRIMARY");
  const hpas = byType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((r) => ({ r, cloud: kubernetesCloud({ type: r.type, props: r.inputs, provider: r.provider ?? undefined }) }));
  const deployments = byType("kubernetes:apps/v1:Deployment").map((r) => ({ r, cloud: kubernetesCloud({ type: r.type, props: r.inputs, provider: r.provider ?? undefined }) }));
  return {
    awsRegion: awsProvider ? String(awsProvider.inputs["region"]) : undefined,
    gcpProject: gcpProvider ? String(gcpProvider.inputs["project"]) : undefined,
    gcpRegion: gcpProvider ? String(gcpProvider.inputs["region"]) : undefined,
    failoverRecords,
    /** The records the routing answers with, whatever the policy. */
    routedRecords: [...failoverRecords, ...weightedRecords],
    routings,
    // Failover: the PRIMARY record's cloud; weighted: the heavier cloud.
    primary: (primaryRecord?.inputs["setIdentifier"] as Cloud | undefined) ?? (weightOf("gcp") > weightOf("aws") ? "gcp" : "aws"),
    healthChecks: byType("aws:route53/healthCheck:HealthCheck"),
    tiers: Object.keys((report.outputs["healthChecks"] as Record<string, unknown> | undefined) ?? {}),
    names: Object.keys(report.dr?.failoverByName ?? {}),
    task: one("aws:dms/replicationTask:ReplicationTask"),
    replication: report.resources.find((r) => r.type === "meridian:database:DmsReplication"),
    cloudSql: one("gcp:sql/databaseInstance:DatabaseInstance"),
    cloudSqlDatabase: one("gcp:sql/database:Database"),
    cloudSqlUser: one("gcp:sql/user:User"),
    rds: one("aws:rds/instance:Instance"),
    gke: one("gcp:container/cluster:Cluster"),
    cloudRun: one("gcp:cloudrunv2/service:Service"),
    hpa: (cloud: Cloud) => hpas.find((h) => h.cloud === cloud)?.r,
    deployment: (cloud: Cloud) => deployments.find((d) => d.cloud === cloud)?.r,
  };
}

type Facts = ReturnType<typeof facts>;

const meta = (r: PlannedResource | undefined, key: "name" | "namespace"): string => String((r?.inputs["metadata"] as Record<string, unknown> | undefined)?.[key] ?? "");
const urns = (...rs: Array<PlannedResource | undefined>): string[] => rs.filter((r): r is PlannedResource => r !== undefined).map((r) => r.urn);

/** A command substitution that reads a stack output at run time: `"$(pulumi stack output replication --stack prod --json | jq -r .taskArn)"`. */
function output(stack: string, key: string, path: string, pipe = ""): string {
  return `"$(pulumi stack output ${key} --stack ${stack} --json | jq -r '${path}'${pipe})"`;
}

/** The SQL that sets each sequence past the largest value of the column it feeds (DMS does not carry sequence values). */
export const RESET_SEQUENCES_SQL =
  "DO $$ DECLARE r record; BEGIN FOR r IN SELECT n.nspname AS ns, s.relname AS seq, t.relname AS tbl, a.attname AS col " +
  "FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') " +
  "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE s.relkind = 'S' LOOP " +
  "EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(%I) FROM %I.%I), 0) + 1, false)', quote_ident(r.ns) || '.' || quote_ident(r.seq), r.col, r.ns, r.tbl); " +
  "END LOOP; END $$;";

/** The SQL that empties the replicated tables of the standby before DMS reloads it (its table prep mode keeps rows). */
export const TRUNCATE_TABLES_SQL =
  "DO $$ DECLARE r record; BEGIN FOR r IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') " +
  "AND schemaname NOT LIKE 'pg_%' LOOP EXECUTE format('TRUNCATE TABLE %I.%I CASCADE', r.schemaname, r.tablename); END LOOP; END $$;";

/** The pieces of a command line per cloud: credentials for a cluster, the Cloud SQL connection, ... */
function helpers(stack: string, f: Facts) {
  const kubeconfig = (cloud: Cloud) => `./kubeconfig-${stack}-${cloud}`;
  const credentials = (cloud: Cloud) =>
    cloud === "gcp"
      ? `KUBECONFIG=${kubeconfig("gcp")} gcloud container clusters get-credentials ${output(stack, "clusters", ".gcp")} --region ${f.gcpRegion} --project ${f.gcpProject} --internal-ip`
      : `aws eks update-kubeconfig --region ${f.awsRegion} --name ${output(stack, "clusters", ".aws")} --kubeconfig ${kubeconfig("aws")}`;
  const kubectl = (cloud: Cloud, namespace: string, rest: string) => `kubectl --kubeconfig ${kubeconfig(cloud)} -n ${namespace} ${rest}`;
  const cloudSqlName = output(stack, "databases", ".gcp.connectionName", " | cut -d: -f3");
  const cloudSqlConn = `"host=$(pulumi stack output databases --stack ${stack} --json | jq -r .gcp.privateIp) port=5432 dbname=${f.cloudSqlDatabase?.inputs["name"] ?? "app"} user=${f.cloudSqlUser?.inputs["name"] ?? "app"} sslmode=require"`;
  const cloudSqlPassword = `PGPASSWORD="$(gcloud secrets versions access latest --secret ${output(stack, "databases", ".gcp.passwordSecretId")})"`;
  const rdsConn = `"host=$(pulumi stack output databases --stack ${stack} --json | jq -r .aws.address) port=5432 dbname=${f.rds?.inputs["dbName"] ?? "app"} user=${f.rds?.inputs["username"] ?? "postgres"} sslmode=require"`;
  const rdsPassword = `PGPASSWORD="$(aws secretsmanager get-secret-value --region ${f.awsRegion} --secret-id ${output(stack, "databases", ".aws.masterSecretArn")} --query SecretString --output text | jq -r .password)"`;
  const rdsIdentifier = output(stack, "databases", ".aws.address", " | cut -d. -f1");
  const taskArn = output(stack, "replication", ".taskArn");
  return { kubeconfig, credentials, kubectl, cloudSqlName, cloudSqlConn, cloudSqlPassword, rdsConn, rdsPassword, rdsIdentifier, taskArn };
}

/** Refuses a scenario the stack cannot have, naming what is missing (exit 2). */
function applies(report: PlanReport, scenario: Scenario, f: Facts): void {
  const clouds = (report.outputs["clouds"] as string[] | undefined) ?? [];
  const no = (what: string) => new PlanUsageError(`stack ${report.stack}: the ${scenario} scenario does not apply: ${what}`);
  if (!report.dr || report.dr.failoverSeconds === null || f.names.length === 0) throw no("the stack has no DNS failover between clouds (meridian:dns), so there is no other cloud to send traffic to");
  if (!clouds.includes("aws") || !clouds.includes("gcp")) throw no(`the stack runs on ${clouds.join(", ") || "no cloud"}, not on both AWS and GCP`);
  if (scenario === "aws-down" && (f.task === undefined || f.cloudSql === undefined)) throw no("the stack has no replication to GCP (meridian:replication), so GCP has no copy of the data to serve");
  if (f.routings.includes("geolocation")) {
    throw no("the public names route by geolocation, whose health checks are per location, not per cloud: the runbook's DNS steps are written for failover and weighted routing (pin the failed cloud's health checks by their meridian:cloud tag by hand)");
  }
  if (scenario === "degraded" && !(f.routings.length > 0 && f.routings.every((r) => r === "weighted"))) {
    throw no(
      `the public names route by ${f.routings.join(", ")}, and a gradual shift changes weights: Route 53 does not let records of two routing policies share a name, so a live name cannot be switched to weighted in place. Route by weighted from the start (meridian:dns.routing: weighted with weights { aws: 100, gcp: 0 } answers like failover: a zero weight answers only when the others fail), or move all traffic with the aws-down or gcp-down scenario`,
    );
  }
}

/** The scale-up estimate of `cloud`'s app from the plan's DR summary. */
function estimate(report: PlanReport, cloud: Cloud): ScaleUpEstimate | undefined {
  return report.dr?.scaleUp?.apps.find((a) => a.cloud === cloud);
}

function dnsStep(report: PlanReport, f: Facts, failed: Cloud, survivor: Cloud): RunbookStep {
  const dr = report.dr!;
  const moves = failed === f.primary;
  return {
    phase: "failover",
    title: moves ? `DNS moves ${f.names.join(" and ")} to ${CLOUD_NAME[survivor]}` : `DNS: nothing moves (${CLOUD_NAME[f.primary]} is the primary and serves all traffic)`,
    who: "automatic",
    expectedSeconds: moves ? dr.failoverSeconds : 0,
    resources: [...urns(...f.failoverRecords), ...urns(...f.healthChecks)],
    commands: f.names.map((n) => `dig +short ${n}`),
    notes: moves
      ? [
          `Route 53 stops answering with ${CLOUD_NAME[failed]}'s records once their health checks fail (${dr.detectionSeconds} s); resolvers may keep the old answer for the TTL (${dr.ttlSeconds} s).`,
          `Check: each name answers with ${CLOUD_NAME[survivor]}'s entry point (${survivor === "gcp" ? `pulumi stack output entryPoints --stack ${report.stack} --json | jq -r .gcp.ipAddress` : `pulumi stack output entryPoints --stack ${report.stack} --json | jq -r .aws.dnsName`}).`,
        ]
      : [`Route 53 marks ${CLOUD_NAME[failed]}'s endpoints unhealthy (${dr.detectionSeconds} s) and so would not fail over to them.`],
  };
}

function notifyStep(report: PlanReport, scenario: Scenario, severity: "high" | "medium"): RunbookStep {
  return {
    phase: "failover",
    title: `Notify the ops team and open an incident (severity ${severity})`,
    who: "operator",
    expectedSeconds: null,
    resources: [],
    commands: [],
    notes: [
      "In parallel with the next steps. The page came from the stack's alarms (the DNS health checks, the replication alarms); Meridian does not open incidents.",
      `Open it in your incident tool with severity ${severity}; name this runbook (meridian runbook --stack ${report.stack} --scenario ${scenario}) and who runs it.`,
    ],
  };
}

function scaleStep(report: PlanReport, f: Facts, h: ReturnType<typeof helpers>, cloud: Cloud, phase: RunbookStep["phase"], title?: string): RunbookStep | undefined {
  const hpa = f.hpa(cloud);
  const est = estimate(report, cloud);
  const target = report.dr?.failoverReplicas ?? 10;
  const cloudRun = cloud === "gcp" ? f.cloudRun : undefined;
  if (!hpa && !cloudRun) return undefined;
  const name = meta(hpa, "name");
  const ns = meta(hpa, "namespace");
  const serverless = report.dr?.scaleUp?.serverless.find((s) => s.cloud === cloud);
  const commands = hpa
    ? [
        h.credentials(cloud),
        h.kubectl(cloud, ns, `patch hpa ${name} --type merge -p '{"spec":{"minReplicas":${target}}}'`),
        h.kubectl(cloud, ns, `wait deployment/${name} --for=jsonpath='{.status.readyReplicas}'=${target} --timeout=600s`),
      ]
    : [];
  if (cloudRun) commands.push(`gcloud run services update ${output(report.stack, "serviceNames", ".gcp")} --region ${f.gcpRegion} --project ${f.gcpProject} --min-instances 1`);
  const notes: string[] = [];
  if (hpa && est) {
    notes.push(
      `The autoscaler owns ${name}'s replica count (the Deployment sets none): raise its minimum from ${est.minReplicas} to ${target}. \`kubectl scale\` would be undone by the autoscaler, back to its minimum once load drops.`,
      est.podsPerNode === null
        ? "The nodes' capacity is unknown to the plan (a machine type outside its table): watch for pending pods."
        : `${est.podsPerNode} pods fit a node and the pools start with ${est.nodesAtMin} node${est.nodesAtMin === 1 ? "" : "s"}: ${est.nodeScaleUp ? `${est.nodesNeeded} are needed, so the cluster autoscaler adds nodes first` : "no new node is needed"}.`,
    );
    if (!est.reachable) notes.push(`WARNING: ${target} replicas do not fit: ${est.problem}. Raise the limit first (meridian:app.maxReplicas, the node pools' maxNodes).`);
  }
  if (cloudRun) notes.push(`Cloud Run (${shortUrn(cloudRun.urn)}) adds instances as requests arrive; a minimum of 1 keeps one warm.`);
  return {
    phase,
    title: title ?? `Scale ${CLOUD_NAME[cloud]}'s app to ${target} replicas`,
    who: "operator",
    expectedSeconds: phase === "failover" ? Math.max(est?.seconds ?? 0, serverless?.seconds ?? 0) : null,
    resources: urns(hpa, f.deployment(cloud), cloudRun),
    commands,
    notes,
  };
}

/** `pulumi config set` lines and a targeted `pulumi up`: the change made in the cloud, kept in the stack. */
function persistStep(report: PlanReport, f: Facts, cloud: Cloud): RunbookStep | undefined {
  const hpa = f.hpa(cloud);
  if (!hpa) return undefined;
  const s = report.stack;
  const target = report.dr?.failoverReplicas ?? 10;
  const targets = urns(hpa, ...(cloud === "gcp" ? [f.cloudRun] : []));
  return {
    phase: "failover",
    title: `Keep it in the stack: the app's minimum ${target}, applied to ${CLOUD_NAME[cloud]} only`,
    who: "operator",
    expectedSeconds: null,
    resources: targets,
    commands: [
      `pulumi config set --stack ${s} --path 'meridian:app.minReplicas' ${target}`,
      ...(cloud === "gcp" && f.cloudRun ? [`pulumi config set --stack ${s} --path 'meridian:gcp.service.minInstances' 1`] : []),
      `pulumi up --stack ${s} ${targets.map((u) => `--target '${u}'`).join(" ")}`,
    ],
    notes: [
      "After the RTO: without it, the next `pulumi up` would set the autoscaler's minimum back. `--target` keeps the update away from the failed cloud (a full `pulumi up` would try to reach it).",
      "meridian:app is one setting for both clouds: the other cloud's app gets the same minimum at the next full `pulumi up` (reset it in the failback).",
    ],
  };
}

/**
 * Holds traffic off `cloud` (`hold`: its Route 53 health checks disabled and inverted, so they report unhealthy even
 * once it answers again) or lets it back (`release`). Route 53 documents the pair: a disabled check is healthy, and
 * "if you want to stop routing traffic to a resource, change the value of Inverted" (UpdateHealthCheck, Disabled).
 */
function pinStep(report: PlanReport, f: Facts, cloud: Cloud, mode: "hold" | "release"): RunbookStep {
  const s = report.stack;
  const checks = f.healthChecks.filter((c) => c.name.endsWith(`-${cloud}`));
  const tiers = f.tiers.length ? f.tiers : ["api", "app"];
  const flags = mode === "hold" ? "--disabled --inverted" : "--no-disabled --no-inverted";
  return {
    phase: mode === "hold" ? "failover" : "failback",
    title: mode === "hold" ? `Hold traffic off ${CLOUD_NAME[cloud]} until its data is back: pin its health checks unhealthy` : `Let traffic back to ${CLOUD_NAME[cloud]}: release its health checks`,
    who: "operator",
    expectedSeconds: null,
    resources: urns(...checks),
    commands: tiers.map((t) => `aws route53 update-health-check --health-check-id ${output(s, "healthChecks", `.${t}.${cloud}`)} ${flags}`),
    notes:
      mode === "hold"
        ? [
            `Without it, Route 53 sends traffic back to ${CLOUD_NAME[cloud]} as soon as its entry points pass their health checks, to a database that missed every write made meanwhile. (The stack cannot make GCP the DNS primary instead: meridian:dns.primary must stay aws while replication is configured.)`,
            "Route 53's API is served from us-east-1: if it does not answer, do this as soon as it does, before AWS's entry points answer again. A `pulumi refresh` would show the change as drift: do not refresh until the failback releases it.",
          ]
        : [`Traffic returns to ${CLOUD_NAME[cloud]} within the failover budget (${report.dr?.failoverSeconds} s) once its checks pass.`],
  };
}

function awsDown(report: PlanReport, f: Facts, h: ReturnType<typeof helpers>): RunbookStep[] {
  const s = report.stack;
  const dr = report.dr!;
  const p = dr.promotion;
  const appDb = f.deployment("gcp");
  type Spec = { template?: { spec?: { containers?: Array<{ env?: Array<{ name: string; value?: string }> }> } } };
  const pgHost = (appDb?.inputs["spec"] as Spec | undefined)?.template?.spec?.containers?.[0]?.env?.find((e) => e.name === "PGHOST")?.value;
  const standbyIp = (report.outputs["databases"] as { gcp?: { privateIp?: string } } | undefined)?.gcp?.privateIp;
  const appOnStandby = pgHost !== undefined && pgHost === standbyIp;
  const steps: RunbookStep[] = [
    dnsStep(report, f, "aws", "gcp"),
    notifyStep(report, "aws-down", "high"),
    pinStep(report, f, "aws", "hold"),
    {
      phase: "failover",
      title: "Stop replication, so nothing writes to the standby behind the application",
      who: "operator",
      expectedSeconds: p?.stopTaskSeconds ?? null,
      resources: urns(f.task, f.replication),
      commands: [`aws dms stop-replication-task --region ${f.awsRegion} --replication-task-arn ${h.taskArn}`],
      notes: [
        `Note the last CDCLatencyTarget of task ${f.task?.inputs["replicationTaskId"]}: that is the data that may be lost (the RPO guard pages at ${dr.rpoGuardSeconds} s).`,
        "With AWS down the call may fail; the task cannot write then either. Run it as soon as the DMS API answers, before the source is back: a resumed task would write the old primary's late changes over the new primary.",
      ],
    },
    {
      phase: "failover",
      title: "Make the standby database writable: nothing to promote, check it",
      who: "operator",
      expectedSeconds: p?.makeWritableSeconds ?? null,
      resources: urns(f.cloudSql),
      commands: [`gcloud sql instances describe ${h.cloudSqlName} --project ${f.gcpProject} --format='value(state,instanceType)'`],
      notes: [
        `${shortUrn(f.cloudSql!.urn)} is a plain Cloud SQL instance that DMS writes into as the application user, not a read replica: it is already read-write (expect RUNNABLE CLOUD_SQL_INSTANCE). \`gcloud sql instances promote-replica\` does not apply.`,
      ],
    },
    {
      phase: "failover",
      title: "Set the standby's sequences past the replicated rows",
      who: "operator",
      expectedSeconds: p?.resetSequencesSeconds ?? null,
      resources: urns(f.cloudSql, f.cloudSqlDatabase),
      commands: [`${h.cloudSqlPassword} psql ${h.cloudSqlConn} -v ON_ERROR_STOP=1 -c "${RESET_SEQUENCES_SQL.replace(/\$/g, "\\$")}"`],
      notes: ["DMS does not carry sequence values during ongoing replication (AWS DMS User Guide, CHAP_Task.CDC): without this, the first inserts on the standby collide with replicated keys."],
    },
    {
      phase: "failover",
      title: appOnStandby ? "The app's database: no switch (GCP's app already uses Cloud SQL)" : "The app's database: point GCP's workloads at Cloud SQL",
      who: "operator",
      expectedSeconds: p?.appSwitchSeconds ?? null,
      resources: urns(appDb, f.cloudRun),
      commands: appDb ? [h.kubectl("gcp", meta(appDb, "namespace"), `get deployment ${meta(appDb, "name")} -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="PGHOST")].value}'`)] : [],
      notes: appOnStandby
        ? [`The plan gives ${meta(appDb, "name")} (and the Cloud Run API) PGHOST ${pgHost}, Cloud SQL's private IP: each cloud's workloads connect to their own cloud's database.`]
        : ["The plan does not show GCP's app connected to Cloud SQL: change its database settings and redeploy before sending it traffic."],
    },
  ];
  const scale = scaleStep(report, f, h, "gcp", "failover");
  if (scale) steps.push(scale);
  const persist = persistStep(report, f, "gcp");
  if (persist) steps.push(persist);
  const target = report.dr?.failoverReplicas ?? 10;
  const gcpMin = estimate(report, "gcp")?.minReplicas;
  steps.push(
    {
      phase: "failback",
      title: "Wait for AWS: the primary database available, the replication task stopped",
      who: "operator",
      expectedSeconds: null,
      resources: urns(f.rds, f.task),
      commands: [
        `aws rds describe-db-instances --region ${f.awsRegion} --db-instance-identifier ${h.rdsIdentifier} --query 'DBInstances[0].DBInstanceStatus'`,
        `aws dms describe-replication-tasks --region ${f.awsRegion} --filters Name=replication-task-arn,Values=${h.taskArn} --query 'ReplicationTasks[0].Status'`,
      ],
      notes: ["Expect available and stopped. Traffic stays on GCP meanwhile (AWS's health checks are held unhealthy)."],
    },
    {
      phase: "failback",
      title: "Copy GCP's data back to RDS (manual: Meridian replicates RDS → PostgreSQL only)",
      who: "operator",
      expectedSeconds: null,
      resources: urns(f.cloudSql, f.rds),
      commands: [
        `${h.cloudSqlPassword} pg_dump ${h.cloudSqlConn} --format=custom --file=${s}-failback.dump`,
        `${h.rdsPassword} pg_restore --clean --if-exists --no-owner --dbname=${h.rdsConn} ${s}-failback.dump`,
      ],
      notes: [
        "In a maintenance window, with writes stopped on GCP (the app in maintenance mode), from a host that reaches both databases (over the VPN).",
        "There is no GCP → AWS DmsReplication: DmsReplication's source is an RDS instance with logical replication. For a large database, a DMS task from Cloud SQL (as a source with logical decoding on) to RDS can be built by hand; Meridian does not make one.",
      ],
    },
    pinStep(report, f, "aws", "release"),
    {
      phase: "failback",
      title: "Re-seed the standby from RDS",
      who: "operator",
      expectedSeconds: null,
      resources: urns(f.cloudSql, f.task),
      commands: [
        `${h.cloudSqlPassword} psql ${h.cloudSqlConn} -v ON_ERROR_STOP=1 -c "${TRUNCATE_TABLES_SQL.replace(/\$/g, "\\$")}"`,
        `aws dms start-replication-task --region ${f.awsRegion} --replication-task-arn ${h.taskArn} --start-replication-task-type reload-target`,
      ],
      notes: ["The task keeps existing target tables (TargetTablePrepMode DO_NOTHING): empty them first or the full load fails on duplicate keys. Watch the lag alarms until CDCLatencyTarget is back under the warning threshold."],
    },
    {
      phase: "failback",
      title: "Restore the configured sizes",
      who: "operator",
      expectedSeconds: null,
      resources: urns(f.hpa("gcp"), f.hpa("aws"), f.cloudRun),
      commands: [
        ...(gcpMin !== undefined && gcpMin !== target ? [`pulumi config set --stack ${s} --path 'meridian:app.minReplicas' ${gcpMin}`] : []),
        ...(f.cloudRun ? [`pulumi config rm --stack ${s} --path 'meridian:gcp.service.minInstances'`] : []),
        `pulumi preview --stack ${s} --diff`,
        `pulumi up --stack ${s}`,
        ...f.names.map((n) => `dig +short ${n}`),
      ],
      notes: ["A full `pulumi up` now that both clouds answer: it also brings AWS's resources back in line with the stack. Close the incident; write down the times each step took next to the expected ones."],
    },
  );
  return steps;
}

function gcpDown(report: PlanReport, f: Facts, h: ReturnType<typeof helpers>): RunbookStep[] {
  const dr = report.dr!;
  const steps: RunbookStep[] = [dnsStep(report, f, "gcp", "aws"), notifyStep(report, "gcp-down", "medium")];
  const scale = scaleStep(report, f, h, "aws", "failover", `Verify AWS's capacity: ${CLOUD_NAME.aws}'s app at ${dr.failoverReplicas} replicas`);
  if (scale) steps.push(scale);
  if (f.task) {
    steps.push({
      phase: "failover",
      title: "Stop replication (its target is gone) and watch the primary's WAL",
      who: "operator",
      expectedSeconds: null,
      resources: urns(f.task, f.rds),
      commands: [
        `aws dms stop-replication-task --region ${f.awsRegion} --replication-task-arn ${h.taskArn}`,
        `aws cloudwatch get-metric-statistics --region ${f.awsRegion} --namespace AWS/RDS --metric-name OldestReplicationSlotLag --dimensions Name=DBInstanceIdentifier,Value=${h.rdsIdentifier} --start-time "$(date -u -d '-1 hour' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)" --period 300 --statistics Maximum`,
      ],
      notes: [
        "The task fails by itself when it cannot reach Cloud SQL (its failure subscription pages); stopping it says it on purpose.",
        "The replication slot on RDS keeps its WAL until the task resumes: on a long outage it fills the primary's storage. Watch OldestReplicationSlotLag and FreeStorageSpace; if they run away, drop the slot and re-seed the standby in the failback.",
      ],
    });
  }
  const awsMin = estimate(report, "aws")?.minReplicas;
  steps.push({
    phase: "failback",
    title: "When GCP is back: resume replication and restore AWS's configured minimum",
    who: "operator",
    expectedSeconds: null,
    resources: urns(f.task, f.cloudSql, f.hpa("aws")),
    commands: [
      ...(f.cloudSql ? [`gcloud sql instances describe ${h.cloudSqlName} --project ${f.gcpProject} --format='value(state)'`] : []),
      ...(f.task ? [`aws dms start-replication-task --region ${f.awsRegion} --replication-task-arn ${h.taskArn} --start-replication-task-type resume-processing`] : []),
      ...(f.hpa("aws") && awsMin !== undefined ? [h.kubectl("aws", meta(f.hpa("aws"), "namespace"), `patch hpa ${meta(f.hpa("aws"), "name")} --type merge -p '{"spec":{"minReplicas":${awsMin}}}'`)] : []),
      ...f.names.map((n) => `dig +short ${n}`),
    ],
    notes: [
      "Resume works while the slot still holds the task's position; if it was dropped, or the task cannot resume, empty the standby's tables and reload it (`--start-replication-task-type reload-target`, as in the aws-down failback).",
      "DNS needs nothing: GCP's endpoints pass their health checks again and are the secondary again.",
    ],
  });
  return steps;
}

function degraded(report: PlanReport, f: Facts, h: ReturnType<typeof helpers>): RunbookStep[] {
  const s = report.stack;
  // The stack routes by weight (applies() checked): the degraded cloud is the one with the larger weight now.
  const from = f.primary;
  const to: Cloud = from === "aws" ? "gcp" : "aws";
  const ttl = report.dr?.ttlSeconds ?? 60;
  // Each step waits the TTL and the error-rate alarm's window (above 5 % for 5 minutes) before the next one.
  const observe = 300;
  const set = (a: number, b: number) =>
    `pulumi config set --stack ${s} --path 'meridian:dns.weights.${from}' ${a} && pulumi config set --stack ${s} --path 'meridian:dns.weights.${to}' ${b} && pulumi up --stack ${s} --yes`;
  const steps: RunbookStep[] = [notifyStep(report, "degraded", "medium")];
  const scale = scaleStep(report, f, h, to, "failover", `Make room on ${CLOUD_NAME[to]} first: its app at ${report.dr?.failoverReplicas ?? 10} replicas`);
  if (scale) steps.push({ ...scale, expectedSeconds: null });
  for (let k = 1; k <= 10; k++) {
    // While replicating, a weight above 0 for the standby needs the stack to say its app may take requests.
    const optIn = k === 1 && f.replication && to === "gcp" ? [`pulumi config set --stack ${s} --path 'meridian:dns.standbyServesTraffic' true`] : [];
    steps.push({
      phase: "failover",
      title: `Shift ${k * 10} % to ${CLOUD_NAME[to]} (${CLOUD_NAME[from]} ${100 - k * 10} / ${CLOUD_NAME[to]} ${k * 10})`,
      who: "operator",
      expectedSeconds: null,
      resources: urns(...f.routedRecords),
      commands: [...optIn, set(100 - k * 10, k * 10)],
      notes: [
        `Each weighted record is updated in place. Then wait ${ttl} s (the TTL) and watch both clouds' error rate and p99 latency for ${observe / 60} minutes before the next step. Roll back with the previous step's command${k === 1 ? ` (${CLOUD_NAME[from]} 100 / ${CLOUD_NAME[to]} 0)` : ""}.`,
        ...(optIn.length ? ["standbyServesTraffic says the standby's app may take requests although its database is the replication target: see the warning above."] : []),
      ],
    });
  }
  steps.push({
    phase: "failback",
    title: `When ${CLOUD_NAME[from]} is healthy: shift back in 10 % steps`,
    who: "operator",
    expectedSeconds: null,
    resources: urns(...f.routedRecords),
    commands: [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => set(k * 10, 100 - k * 10))],
    notes: [`One command a step, with the same wait and watch between them. At ${CLOUD_NAME[from]} 100 / ${CLOUD_NAME[to]} 0 the stack is back where it started: ${CLOUD_NAME[to]} answers only if ${CLOUD_NAME[from]} fails its health checks.`],
  });
  return steps;
}

const TITLES: Record<Scenario, string> = {
  "aws-down": "AWS is down: serve everything from GCP",
  "gcp-down": "GCP is down: serve everything from AWS",
  degraded: "one cloud is degraded: shift its traffic to the other in 10 % steps",
};

/** The runbook of `scenario` for the planned stack. Throws `PlanUsageError` (exit 2) when the scenario does not apply. */
export function buildRunbook(report: PlanReport, scenario: Scenario): Runbook {
  const f = facts(report);
  applies(report, scenario, f);
  const h = helpers(report.stack, f);
  const steps = scenario === "aws-down" ? awsDown(report, f, h) : scenario === "gcp-down" ? gcpDown(report, f, h) : degraded(report, f, h);
  const failed: Cloud | undefined = scenario === "aws-down" ? "aws" : scenario === "gcp-down" ? "gcp" : undefined;
  const before = [
    `The commands read the stack's real names from its outputs (pulumi stack output): run them where pulumi is logged in to the stack's backend, with aws, gcloud, kubectl, jq and psql${failed ? `, and where that backend answers with ${CLOUD_NAME[failed]} down (a state bucket in ${CLOUD_NAME[failed]} does not)` : ""}.`,
  ];
  const authorized = (f.gke?.inputs["masterAuthorizedNetworksConfig"] as { cidrBlocks?: Array<{ cidrBlock: string }> } | undefined)?.cidrBlocks?.map((c) => c.cidrBlock) ?? [];
  if (failed === "aws" && (f.gke || f.cloudSql)) {
    before.push(
      `GKE's control plane${authorized.length ? ` (open to ${authorized.join(", ")}, the AWS VPC over the VPN)` : ""} and Cloud SQL (private IP) are reached from the AWS VPC, where the deploy runner is: with AWS down, run the GCP steps from a host in the GCP VPC, which reaches both, or add its range to meridian:gcp.cluster.apiAllowedCidrs beforehand.`,
    );
  }
  if (scenario === "degraded") {
    before.push(
      `WARNING, writes: each cloud's app writes to its own cloud's database, and replication runs one way (${CLOUD_NAME[f.primary]} → the other). Traffic shifted to the other cloud writes into the standby, which DMS also writes into and which does not replicate back: safe for read-only traffic only. With the stacks as they are, shift writes only when the degraded cloud is unusable, and then treat it as a failover (stop replication first: the aws-down scenario).`,
    );
  }
  const expectedSeconds = steps.filter((st) => st.phase === "failover").reduce((sum, st) => sum + (st.expectedSeconds ?? 0), 0);
  return { stack: report.stack, scenario, title: TITLES[scenario], configFile: report.configFile, dr: report.dr, expectedSeconds, before, steps };
}

function timing(st: RunbookStep): string {
  const t = st.expectedSeconds === null ? "" : `, ${st.expectedSeconds} s`;
  return `[${st.who}${t}]`;
}

export function renderRunbookText(rb: Runbook): string {
  const out: string[] = [];
  out.push(`Runbook: stack ${rb.stack}, scenario ${rb.scenario} — ${rb.title}`);
  out.push(`From the offline plan of ${rb.configFile}.`);
  if (rb.dr) for (const line of rtoLines(rb.dr)) out.push(line);
  out.push("");
  out.push("Before you start:");
  for (const b of rb.before) out.push(`  - ${b}`);
  for (const phase of ["failover", "failback"] as const) {
    const steps = rb.steps.filter((st) => st.phase === phase);
    if (steps.length === 0) continue;
    out.push("");
    out.push(phase === "failback" ? "Failback (manual, outside the RTO):" : rb.expectedSeconds > 0 ? `Failover (steps in the RTO: ${rb.expectedSeconds} s expected):` : "Steps (outside the RTO: each waits and watches):");
    steps.forEach((st, i) => {
      out.push(`  ${i + 1}. ${st.title} ${timing(st)}`);
      if (st.resources.length) out.push(`     resources: ${st.resources.map(shortUrn).join(", ")}`);
      for (const c of st.commands) out.push(`     $ ${c}`);
      for (const n of st.notes) out.push(`     ${n}`);
    });
  }
  return `${out.join("\n")}\n`;
}

export function renderRunbookMarkdown(rb: Runbook): string {
  const out: string[] = [];
  out.push(`## Runbook: \`${rb.stack}\`, ${rb.scenario}`);
  out.push("");
  out.push(`${rb.title[0]!.toUpperCase()}${rb.title.slice(1)}. From the offline plan of \`${rb.configFile}\`.`);
  if (rb.dr) {
    out.push("");
    for (const line of rtoLines(rb.dr)) out.push(`- ${line}`);
  }
  out.push("");
  out.push("**Before you start**");
  out.push("");
  for (const b of rb.before) out.push(`- ${b}`);
  for (const phase of ["failover", "failback"] as const) {
    const steps = rb.steps.filter((st) => st.phase === phase);
    if (steps.length === 0) continue;
    out.push("");
    out.push(phase === "failback" ? "### Failback (manual)" : rb.expectedSeconds > 0 ? `### Failover (${rb.expectedSeconds} s expected)` : "### Steps (outside the RTO)");
    steps.forEach((st, i) => {
      out.push("");
      out.push(`${i + 1}. **${st.title}** ${timing(st)}`);
      if (st.resources.length) out.push(`   Resources: ${st.resources.map((u) => `\`${shortUrn(u)}\``).join(", ")}.`);
      if (st.commands.length) {
        out.push("");
        out.push("   ```sh");
        for (const c of st.commands) out.push(`   ${c}`);
        out.push("   ```");
      }
      for (const n of st.notes) {
        out.push("");
        out.push(`   ${n}`);
      }
    });
  }
  return `${out.join("\n")}\n`;
}

export function renderRunbook(rb: Runbook, format: Format): string {
  if (format === "json") return `${JSON.stringify(rb, null, 2)}\n`;
  return format === "markdown" ? renderRunbookMarkdown(rb) : renderRunbookText(rb);
}
