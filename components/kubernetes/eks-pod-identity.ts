import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAssociation } from "@pulumi/aws/eks/podIdentityAssociation";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { NAME_RULES, checkArgs, checkComponentName, childOptions, derived, validator, withStandardTags, type Tags, type Validator } from "../core/shared";
import { secretReadStatements } from "../database/connection";
import { checkKmsKeyArn, isDeferred } from "../core/internal/checks";
import { checkSecrets, checkServiceAccountRef, type ServiceAccountRef } from "./internal/service-account";

const TYPE = "meridian:kubernetes:EksPodIdentity";

/**
 * The principal EKS Pod Identity assumes roles as, and the actions its trust policy must allow. Source: Amazon EKS
 * User Guide, "Create IAM role with trust policy required by EKS Pod Identity" (checked 2026-11-30).
 */
export const EKS_POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

/** A Secrets Manager secret ARN. */
const SECRET_ARN = { re: /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, what: 'a Secrets Manager secret ARN, such as "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"' };
/** An EKS cluster name. Source: Amazon EKS API Reference, CreateCluster, name (checked 2026-11-30). */
const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** The Region an ARN names. */
const regionOf = (arn: string): string => arn.split(":")[3] ?? "";

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
  const check: Validator = validator(TYPE, name);
  checkArgs(check, args);
  // The IAM role is auto-named from `${name}-role` (at most 64 characters).
  checkComponentName(check, name, [derived(NAME_RULES.aws.iamRoleName, "-role", true)]);
  if (args.clusterName === undefined || args.clusterName === null) check.fail("clusterName", args.clusterName, "the EKS cluster's name (EksCluster.clusterName)");
  if (!isDeferred(args.clusterName)) check.requiredPattern("clusterName", args.clusterName, EKS_CLUSTER_NAME, "an EKS cluster name: up to 100 letters, digits, hyphens or underscores, starting with a letter or digit");
  checkServiceAccountRef(check, args);
  const secretArns = checkSecrets(check, args.secrets, SECRET_ARN);
  const kmsKeyArns = check.list("kmsKeyArns", args.kmsKeyArns, "KMS key ARNs");
  // A key, not an alias: a key policy grant names keys.
  kmsKeyArns.forEach((arn, i) => checkKmsKeyArn(check, `kmsKeyArns[${i}]`, arn, { required: true, why: "a decrypt grant names a key, not an alias" }));
  check.distinct("kmsKeyArns", kmsKeyArns.filter((a) => typeof a === "string"));
  if (kmsKeyArns.length > 0) {
    // The decrypt grant is limited to Secrets Manager in the secrets' Region, and a secret is encrypted with a key of
    // its own Region: the secrets share one Region, and the keys are in it.
    const regions = [...new Set(secretArns.map(regionOf))];
    if (regions.length > 1) check.fail("secrets", args.secrets, `secrets of one Region when kmsKeyArns are given (the decrypt grant is limited to Secrets Manager in one Region; got ${regions.join(", ")})`);
    const region = regions[0];
    kmsKeyArns.forEach((arn, i) => {
      if (region !== undefined && typeof arn === "string" && regionOf(arn) !== region) check.fail(`kmsKeyArns[${i}]`, arn, `a key in ${region}, the secrets' Region (Secrets Manager encrypts with a key of its own Region)`);
    });
  }
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
