import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAssociation } from "@pulumi/aws/eks/podIdentityAssociation";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { childOptions, validator, withStandardTags, type Tags } from "../core/shared";
import { secretReadStatements } from "../database/connection";
import { checkSecretKeys, checkServiceAccountRef, type ServiceAccountRef } from "./internal/service-account";

const TYPE = "meridian:kubernetes:EksPodIdentity";

/**
 * The principal EKS Pod Identity assumes roles as, and the actions its trust policy must allow. Source: Amazon EKS
 * User Guide, "Create IAM role with trust policy required by EKS Pod Identity" (checked 2026-11-30).
 */
export const EKS_POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

export interface EksPodIdentityArgs extends ServiceAccountRef {
  /** The EKS cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** The service account's name (a `KubernetesApp`'s is its own name). */
  readonly serviceAccount: string;
  /** The Secrets Manager secrets the pods may read, by a stable key: their ARNs. */
  readonly secrets: Record<string, pulumi.Input<string>>;
  /** The KMS keys those secrets are encrypted with (decrypt only, through Secrets Manager in the secrets' Region). @default [] */
  readonly kmsKeyArns?: pulumi.Input<string>[];
  readonly tags?: Tags;
}

/** Validates every plain argument; throws `MeridianValidationError`. */
export function validateEksPodIdentityArgs(name: string, args: EksPodIdentityArgs): void {
  const check = validator(TYPE, name);
  checkServiceAccountRef(check, args);
  checkSecretKeys(check, args.secrets);
}

/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity (the cluster's pod identity agent add-on
 * hands its credentials to the pods), allowed to read exactly the given secrets and decrypt them, and nothing else.
 */
export class EksPodIdentity extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: EksPodIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    validateEksPodIdentityArgs(name, args);
    super(TYPE, name, {}, withStandardTags(opts, args.tags));
    const parent = childOptions(this, opts);
    const role = new Role(
      `${name}-role`,
      {
        description: `EKS pod identity for ${args.namespace}/${args.serviceAccount}`,
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: EKS_POD_IDENTITY_PRINCIPAL }, Action: ["sts:AssumeRole", "sts:TagSession"] }] }),
      },
      parent,
    );
    // Decrypt through Secrets Manager only: the keys may also encrypt what the secrets guard (a database's storage).
    const statements = secretReadStatements(Object.values(args.secrets), args.kmsKeyArns);
    const policy = new RolePolicy(`${name}-secrets`, { role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) }, parent);
    new PodIdentityAssociation(
      `${name}-association`,
      { clusterName: args.clusterName, namespace: args.namespace, serviceAccount: args.serviceAccount, roleArn: role.arn },
      childOptions(this, opts, { dependsOn: [policy] }),
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
