/** The network domain's public API: named, so that a helper the components share stays internal. */
export { type AwsAddressPlan, AwsNetwork, type AwsNetworkArgs, type AwsNetworkRef, NatGatewayMode, privateSubnetIdList, publicSubnetIdList, validateAwsNetworkArgs } from "./aws-network";
export { type GcpAddressPlan, type GcpAuthorizedNetwork, GcpNetwork, type GcpNetworkArgs, type GcpNetworkRef, GcpRoutingMode, type GcpSubnetRef, NatLogFilter, validateGcpNetworkArgs } from "./gcp-network";
export { AZURE_SUBNET_ROLES, type AzureAddressPlan, AzureNetwork, type AzureNetworkArgs, type AzureNetworkRef, type AzureSubnetIdInputs, type AzureSubnetIds, type AzureSubnetRole, validateAzureNetworkArgs } from "./azure-network";
export { CrossCloudVpn, type CrossCloudVpnArgs, TUNNEL_COUNT, validateCrossCloudVpnArgs, type VpnAdvertisedRange } from "./cross-cloud-vpn";
export { type NetworkPerCloud } from "./network-for-cloud";
