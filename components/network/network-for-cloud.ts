import { checkFieldOfCloud, type Cloud, type Validator } from "../core/shared";
import type { AwsNetworkRef } from "./aws-network";
import type { AzureNetworkRef } from "./azure-network";
import type { GcpNetworkRef } from "./gcp-network";
import { checkAwsNetworkRef, checkAzureNetworkRef, checkGcpNetworkRef } from "./internal/refs";

/** One network argument per cloud, as the cross-cloud specs (`PostgresDatabase`, `KubernetesCluster`) take them. */
export interface NetworkPerCloud {
  /** The network when `cloud` is `aws`: an `AwsNetwork`, or its values. */
  readonly awsNetwork?: AwsNetworkRef;
  /** The network when `cloud` is `gcp`: a `GcpNetwork`, or its values. */
  readonly gcpNetwork?: GcpNetworkRef;
  /** The network when `cloud` is `azure`: an `AzureNetwork`, or its values. */
  readonly azureNetwork?: AzureNetworkRef;
}

const FIELD = { aws: "awsNetwork", gcp: "gcpNetwork", azure: "azureNetwork" } as const;

/** What the consumer needs beyond a network of the cloud. */
export interface NetworkNeeds {
  /** The Azure network's address plan is required (an AKS cluster checks its ranges against it); else checked when given. */
  readonly azureAddressPlan?: boolean;
}

/**
 * Checks that the network of `cloud`, and only that one, is given, and that it is a network of that cloud: the ids
 * it must carry, a well-formed address plan, and id lists that match the plan when they are known now (an
 * AwsNetwork's are Outputs: `privateSubnetIdList` checks those when they resolve).
 */
export function checkNetworkForCloud(check: Validator, cloud: Cloud, args: NetworkPerCloud, needs: NetworkNeeds = {}): void {
  checkFieldOfCloud(check, cloud, args, FIELD, "", (c) => `the ${c.toUpperCase()} network (cloud is ${c})`);
  if (cloud === "aws") checkAwsNetworkRef(check, FIELD.aws, args.awsNetwork);
  if (cloud === "gcp") checkGcpNetworkRef(check, FIELD.gcp, args.gcpNetwork);
  if (cloud === "azure") checkAzureNetworkRef(check, FIELD.azure, args.azureNetwork, { addressPlan: needs.azureAddressPlan });
}
