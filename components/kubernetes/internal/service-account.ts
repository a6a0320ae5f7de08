/** Checks shared by the workload identity components (`EksPodIdentity`, `GkeWorkloadIdentity`). */
import { isPlainObject, type Validator } from "../../core/shared";
import { isDeferred } from "../../core/internal/checks";

/** A Kubernetes namespace name: an RFC 1123 label (at most 63 characters). */
export const K8S_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
/** A Kubernetes service account name: an RFC 1123 subdomain (labels joined by dots, at most 253 characters). */
const K8S_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/;
/** A secret's stable key: it names the grant. */
const SECRET_KEY = /^[a-z][a-z0-9-]{0,30}$/;

/** The service account the identity is for. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * The namespace and the service account name, as Kubernetes names them. Source: Kubernetes docs, "Object Names and
 * IDs" (namespaces are RFC 1123 labels, service accounts RFC 1123 subdomains; checked 2026-11-30).
 */
export function checkServiceAccountRef(check: Validator, ref: ServiceAccountRef): void {
  check.requiredPattern("namespace", ref.namespace, K8S_LABEL, "a Kubernetes namespace name: at most 63 lower-case letters, digits or hyphens, alphanumeric at both ends");
  check.requiredPattern("serviceAccount", ref.serviceAccount, K8S_SUBDOMAIN, "a Kubernetes service account name: lower-case letters, digits, hyphens and dots, at most 253 characters, each dot-separated part a DNS label");
}

/**
 * Checks the secrets an identity may read: a map of at least one stable key to a secret reference; a reference given
 * as a plain string must have the cloud's shape (`reference`). Returns the plain references, to check further.
 */
export function checkSecrets(check: Validator, secrets: Record<string, unknown> | undefined, reference: { re: RegExp; what: string }): string[] {
  if (!isPlainObject(secrets) || Object.keys(secrets).length === 0) check.fail("secrets", secrets, "a map of at least one stable key to a secret reference");
  const plain: string[] = [];
  for (const [key, value] of Object.entries(secrets)) {
    check.requiredPattern(`secrets.${key}`, key, SECRET_KEY, "a stable key: a lower-case letter, then up to 30 lower-case letters, digits or hyphens");
    if (isDeferred(value)) continue;
    if (typeof value !== "string" || !reference.re.test(value)) check.fail(`secrets.${key}`, value, reference.what);
    plain.push(value);
  }
  return plain;
}
