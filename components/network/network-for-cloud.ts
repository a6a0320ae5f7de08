import { checkFieldOfCloud, type Cloud, type Validator } from "../core/shared";
import { checkAwsAddressPlan, type AwsNetworkRef } from "./aws-network";
import type { AzureNetworkRef } from "./azure-network";
import { checkGcpAddressPlan, type GcpNetworkRef } from "./gcp-network";

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

/** Checks that the network of `cloud`, and only that one, is given, and that its address plan is well formed. */
export function checkNetworkForCloud(check: Validator, cloud: Cloud, args: NetworkPerCloud): void {
  checkFieldOfCloud(check, cloud, args, FIELD, "", (c) => `the ${c.toUpperCase()} network (cloud is ${c})`);
  if (cloud === "aws") {
    checkAwsAddressPlan(check, "awsNetwork.addressPlan", args.awsNetwork?.addressPlan);
    // Known now when given as a list (an AwsNetwork's are Outputs: privateSubnetIdList checks those when they resolve).
    const ids = args.awsNetwork!.privateSubnetIds;
    const planned = args.awsNetwork!.addressPlan.privateSubnets.length;
    if (Array.isArray(ids) && ids.length !== planned) check.fail("awsNetwork.privateSubnetIds", ids, `${planned} subnet ids, one per range of addressPlan.privateSubnets, in order`);
  }
  if (cloud === "gcp") checkGcpAddressPlan(check, "gcpNetwork.addressPlan", args.gcpNetwork?.addressPlan);
}
