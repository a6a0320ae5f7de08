/** Checks shared by the workload identity components (`EksPodIdentity`, `GkeWorkloadIdentity`). */
import type { Validator } from "../../core/shared";

/** A Kubernetes namespace or service account name: an RFC 1123 label. */
const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A secret's stable key: it names the grant. */
const SECRET_KEY = /^[a-z][a-z0-9-]{0,30}$/;

/** The service account the identity is for. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly serviceAccount: string;
}

export function checkServiceAccountRef(check: Validator, ref: ServiceAccountRef): void {
  check.requiredPattern("namespace", ref.namespace, K8S_NAME, "a Kubernetes namespace (a DNS label)");
  check.requiredPattern("serviceAccount", ref.serviceAccount, K8S_NAME, "a Kubernetes service account name (a DNS label)");
}

export function checkSecretKeys(check: Validator, secrets: Record<string, unknown> | undefined): void {
  if (secrets === null || typeof secrets !== "object" || Array.isArray(secrets) || Object.keys(secrets).length === 0) {
    check.fail("secrets", secrets, "a map of at least one stable key to a secret reference");
  }
  for (const key of Object.keys(secrets!)) check.requiredPattern(`secrets.${key}`, key, SECRET_KEY, "a stable key: a lower-case letter, then up to 30 lower-case letters, digits or hyphens");
}
