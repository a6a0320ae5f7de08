/**
 * An SNS topic for alarms, encrypted with a customer-managed KMS key that the publishing services may use.
 *
 * The AWS-managed key `alias/aws/sns` cannot be used here: its key policy does not let CloudWatch (or other
 * services) use it, so alarms would fail to publish to the topic silently. Source: Amazon SNS Developer Guide,
 * "Enable compatibility between event sources from AWS services and encrypted topics" (checked 2026-11-22).
 */
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { Key } from "@pulumi/aws/kms/key";
import { Topic } from "@pulumi/aws/sns/topic";

export interface AlertTopic {
  readonly topic: Topic;
  readonly key: Key;
}

/**
 * Creates `${name}-alerts` (topic and key). `publishers` are the service principals that publish to it,
 * e.g. `cloudwatch.amazonaws.com`. `region` pins both to a region (AWS provider 7's per-resource region).
 * `keyOpts` are the key's own options: the key is stateful (what the topic's messages were encrypted with), so a
 * component gives it `statefulOptions` while the topic takes `opts`.
 */
export function createAlertTopic(name: string, publishers: string[], opts: pulumi.CustomResourceOptions, region?: string, keyOpts: pulumi.CustomResourceOptions = opts): AlertTopic {
  const account = getCallerIdentityOutput({}, opts).accountId;
  const key = new Key(
    `${name}-alerts`,
    {
      region,
      description: `${name}: encrypts the alert topic; usable by ${publishers.join(", ")}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
          {
            Sid: "PublishersEncrypt",
            Effect: "Allow",
            Principal: { Service: publishers },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": account } },
          },
        ],
      }),
    },
    keyOpts,
  );
  const topic = new Topic(`${name}-alerts`, { region, kmsMasterKeyId: key.arn }, opts);
  return { topic, key };
}
