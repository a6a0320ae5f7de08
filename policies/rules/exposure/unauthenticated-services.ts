/** meridian-exposure-unauthenticated-services: serverless services are not callable by anyone unless the config allows it. */
import { resourceRule } from "../rule";

export interface UnauthenticatedConfig {
  /** Allow public, unauthenticated services in this environment (a public website, say). */
  readonly allowUnauthenticated: boolean;
}

export const unauthenticatedServices = resourceRule<UnauthenticatedConfig>({
  name: "meridian-exposure-unauthenticated-services",
  finding:
    "Cloud Run services and Lambda function URLs require authentication unless this environment allows public services; a Cloud Run service without its invoker check takes traffic only through a load balancer.",
  why: "an unauthenticated endpoint can be called (and billed) by anyone, and exposes whatever the code trusts its callers with.",
  remediation: "Drop allowUnauthenticated / authType NONE, or set allowUnauthenticated: true for this rule in the environment's policy config.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { allowUnauthenticated: { type: "boolean", default: false } } },
  checks: {
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": (p, report, { config }) => {
      if (!config.allowUnauthenticated && p["role"] === "roles/run.invoker" && (p["member"] === "allUsers" || p["member"] === "allAuthenticatedUsers")) report(`${p["member"]} may invoke the service`);
    },
    "gcp:cloudrunv2/service:Service": (p, report, { config }) => {
      // Without the invoker check only the ingress setting stands between the service and the internet.
      if (!config.allowUnauthenticated && p["invokerIamDisabled"] === true && (p["ingress"] ?? "INGRESS_TRAFFIC_ALL") === "INGRESS_TRAFFIC_ALL") {
        report("invokerIamDisabled with ingress from all: anyone on the internet may call it (keep ingress to internal and load balancers)");
      }
    },
    "aws:lambda/functionUrl:FunctionUrl": (p, report, { config }) => {
      if (!config.allowUnauthenticated && p["authorizationType"] === "NONE") report("authorizationType is NONE");
    },
  },
});
