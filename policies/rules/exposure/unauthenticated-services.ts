/** meridian-exposure-unauthenticated-services: serverless services and APIs are not callable by anyone unless the config allows it. */
import { isSet, resourceRule, type CheckTable, type TypeCheck } from "../rule";
import { known, PUBLIC_MEMBERS, publicMembers } from "./policy-document";

export interface UnauthenticatedConfig {
  /** Allow public, unauthenticated services in this environment (a public website, say). */
  readonly allowUnauthenticated: boolean;
}

/** The roles that let their member call the service. */
const INVOKER_ROLES: ReadonlySet<string> = new Set(["roles/run.invoker", "roles/cloudfunctions.invoker"]);

/**
 * A Cloud Run or Cloud Functions IAM member, binding or policy that grants a role to everyone. `members` narrows
 * who counts as everyone: Checkov's Cloud Functions check (CKV_GCP_107) flags allUsers only.
 */
function iamCheck(refs: readonly string[], members: ReadonlySet<string> = PUBLIC_MEMBERS): TypeCheck<UnauthenticatedConfig> {
  return {
    refs,
    check: (p, report, { config }) => {
      if (config.allowUnauthenticated) return;
      for (const { member, role } of publicMembers(p)) {
        if (!members.has(member)) continue;
        report(role !== undefined && INVOKER_ROLES.has(role) ? `${member} may invoke the service` : `${member} has ${role ?? "a role"} on the service`);
      }
    },
  };
}

const ALL_USERS: ReadonlySet<string> = new Set(["allUsers"]);

const gcp: CheckTable<UnauthenticatedConfig> = {
  // No scanner reads invokerIamDisabled: turning the invoker check off is allUsers as run.invoker (Cloud Run docs).
  "gcp:cloudrunv2/service:Service": {
    refs: ["CKV_GCP_102", "doc:gcp-cloud-run/invoker-iam-disabled"],
    check: (p, report, { config }) => {
      // Without the invoker check only the ingress setting stands between the service and the internet.
      if (!config.allowUnauthenticated && p["invokerIamDisabled"] === true && (p["ingress"] ?? "INGRESS_TRAFFIC_ALL") === "INGRESS_TRAFFIC_ALL") {
        report("invokerIamDisabled with ingress from all: anyone on the internet may call it (keep ingress to internal and load balancers)");
      }
    },
  },
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": iamCheck(["CKV_GCP_102"]),
  "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding": iamCheck(["CKV_GCP_102"]),
  "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy": iamCheck(["CKV_GCP_102", "CKV_GCP_113"]),
  "gcp:cloudrun/iamMember:IamMember": iamCheck(["CKV_GCP_102"]),
  "gcp:cloudrun/iamBinding:IamBinding": iamCheck(["CKV_GCP_102"]),
  "gcp:cloudrun/iamPolicy:IamPolicy": iamCheck(["CKV_GCP_102", "CKV_GCP_113"]),
  "gcp:cloudfunctions/functionIamMember:FunctionIamMember": iamCheck(["CKV_GCP_107"], ALL_USERS),
  "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding": iamCheck(["CKV_GCP_107"], ALL_USERS),
  "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy": iamCheck(["CKV_GCP_107", "CKV_GCP_113"], ALL_USERS),
  "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember": iamCheck(["CKV_GCP_107"], ALL_USERS),
  "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding": iamCheck(["CKV_GCP_107"], ALL_USERS),
  "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy": iamCheck(["CKV_GCP_107", "CKV_GCP_113"], ALL_USERS),
};

/** `principal` is an AWS service (`s3.amazonaws.com`): any account's resources of that service, unless a source is named. */
const SERVICE_PRINCIPAL = /^[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

const aws: CheckTable<UnauthenticatedConfig> = {
  "aws:lambda/functionUrl:FunctionUrl": {
    refs: ["CKV_AWS_258"],
    check: (p, report, { config }) => {
      if (!config.allowUnauthenticated && p["authorizationType"] === "NONE") report("authorizationType is NONE");
    },
  },
  "aws:lambda/permission:Permission": {
    refs: ["CKV_AWS_301", "CKV_AWS_364", "AVD-AWS-0067"],
    check: (p, report, { config }) => {
      const principal = known(() => p["principal"], undefined);
      const sourced = isSet(p, "sourceArn") || isSet(p, "sourceAccount");
      if (principal === "*") {
        // A caller named by source or organization is not everyone (a public function URL is, when allowed).
        if (!config.allowUnauthenticated && !sourced && !isSet(p, "principalOrgId")) report('principal is "*" with no sourceArn, sourceAccount or principalOrgId: anyone may invoke the function');
      } else if (typeof principal === "string" && SERVICE_PRINCIPAL.test(principal) && !sourced) {
        report(`principal is ${principal} with no sourceArn or sourceAccount: that service may invoke the function on behalf of any account`);
      }
    },
  },
  "aws:apigateway/method:Method": {
    refs: ["CKV_AWS_59", "AVD-AWS-0004"],
    check: (p, report, { config }) => {
      // A CORS preflight (OPTIONS) is answered without credentials by design; an API key is a (weak) credential.
      if (config.allowUnauthenticated || p["httpMethod"] === "OPTIONS" || p["apiKeyRequired"] === true) return;
      if ((p["authorization"] ?? "NONE") === "NONE") report(`authorization is NONE on ${p["httpMethod"] ?? "the method"} with no API key required`);
    },
  },
  "aws:apigatewayv2/route:Route": {
    refs: ["CKV_AWS_309"],
    check: (p, report, { config }) => {
      const key = typeof p["routeKey"] === "string" ? (p["routeKey"] as string) : "";
      if (config.allowUnauthenticated || key.startsWith("OPTIONS ")) return;
      // authorizationType defaults to NONE.
      if ((p["authorizationType"] ?? "NONE") === "NONE") report(`authorizationType is ${p["authorizationType"] ?? "not set (NONE)"} on route ${key || "(unknown)"}`);
    },
  },
};

const azure: CheckTable<UnauthenticatedConfig> = {
  // The web app itself does not say whether authentication is on: its auth settings are their own resource.
  "azure-native:web:WebAppAuthSettingsV2": {
    refs: ["CKV_AZURE_13", "AVD-AZU-0003"],
    check: (p, report, { config }) => {
      if (!config.allowUnauthenticated && p["platform"]?.enabled !== true) report("platform.enabled is not true: App Service authentication is off");
    },
  },
  "azure-native:web:WebAppAuthSettings": {
    refs: ["CKV_AZURE_13", "AVD-AZU-0003"],
    check: (p, report, { config }) => {
      if (!config.allowUnauthenticated && p["enabled"] !== true) report("enabled is not true: App Service authentication is off");
    },
  },
};

export const unauthenticatedServices = resourceRule<UnauthenticatedConfig>({
  name: "meridian-exposure-unauthenticated-services",
  finding:
    "Cloud Run services and Cloud Functions grant nothing to everyone, Lambda function URLs and permissions require a caller, API Gateway methods and routes require authorization and App Service authentication stays on, unless this environment allows public services; a Cloud Run service without its invoker check takes traffic only through a load balancer; a Lambda permission for an AWS service names its source.",
  why: "an unauthenticated endpoint can be called (and billed) by anyone, and exposes whatever the code trusts its callers with.",
  remediation:
    "Grant invokers by name (no allUsers, no principal \"*\", authorization other than NONE), give service permissions a sourceArn or sourceAccount, or set allowUnauthenticated: true for this rule in the environment's policy config.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { allowUnauthenticated: { type: "boolean", default: false } } },
  checks: [gcp, aws, azure],
});
