import * as pulumi from "@pulumi/pulumi";
import { SecretIamMember } from "@pulumi/gcp/secretmanager/secretIamMember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { IAMMember as ServiceAccountIamMember } from "@pulumi/gcp/serviceaccount/iammember";
import { GCP_PROJECT_PATTERN, checkArgs, checkComponentName, childOptions, KEEP_ACCOUNT_ID, gcpServiceAccountId, validator, withStandardTags, type Tags, type Validator } from "../core/shared";
import { checkSecrets, checkServiceAccountRef, type ServiceAccountRef } from "./internal/service-account";

const TYPE = "meridian:kubernetes:GkeWorkloadIdentity";

export interface GkeWorkloadIdentityArgs extends ServiceAccountRef {
  /** The project of the cluster (its workload pool is `<project>.svc.id.goog`) and of the service account. */
  readonly project: string;
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** The service account's name (a `KubernetesApp`'s is its own name). */
  readonly serviceAccount: string;
  /** The Secret Manager secrets the pods may read, by a stable key: `projects/<project>/secrets/<name>`. */
  readonly secrets: Record<string, pulumi.Input<string>>;
  readonly tags?: Tags;
}

/** A Secret Manager secret id: `projects/<project id or number>/secrets/<name>`. */
const SECRET_ID = { re: /^projects\/[a-z0-9-]{1,30}\/secrets\/[A-Za-z0-9_-]{1,255}$/, what: "a Secret Manager secret id, projects/<project>/secrets/<name>" };

/** Validates every plain argument; throws `MeridianValidationError`. */
export function validateGkeWorkloadIdentityArgs(name: string, args: GkeWorkloadIdentityArgs): void {
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // The Google service account id is made unique by gcpServiceAccountId; the grants take no physical name.
  checkComponentName(check, name);
  check.requiredPattern("project", args.project, GCP_PROJECT_PATTERN, "a GCP project id");
  checkServiceAccountRef(check, args);
  checkSecrets(check, args.secrets, SECRET_ID);
}

/**
 * A Google service account for one Kubernetes service account through GKE Workload Identity, with access to exactly
 * the given Secret Manager secrets. Annotate the Kubernetes service account with `email`
 * (`KubernetesApp`'s `workloadIdentity: { cloud: "gcp", serviceAccountEmail }`).
 */
export class GkeWorkloadIdentity extends pulumi.ComponentResource {
  public readonly email: pulumi.Output<string>;

  constructor(name: string, args: GkeWorkloadIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    validateGkeWorkloadIdentityArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const sa = new Account(`${name}-sa`, { project: args.project, accountId: gcpServiceAccountId("wi", name), displayName: `Workload ${args.namespace}/${args.serviceAccount}` }, { ...parent, ...KEEP_ACCOUNT_ID });
    new ServiceAccountIamMember(
      `${name}-binding`,
      { serviceAccountId: sa.name, role: "roles/iam.workloadIdentityUser", member: `serviceAccount:${args.project}.svc.id.goog[${args.namespace}/${args.serviceAccount}]` },
      parent,
    );
    for (const [key, secretId] of Object.entries(args.secrets)) {
      new SecretIamMember(`${name}-${key}`, { secretId, role: "roles/secretmanager.secretAccessor", member: sa.member }, parent);
    }
    this.email = sa.email;
    this.registerOutputs({ email: this.email });
  }
}
