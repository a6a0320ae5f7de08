/**
 * An RDS primary on AWS, a Cloud SQL standby on GCP, and DMS change-data-capture between them over an HA VPN.
 * At the smallest sizes it still costs about $450 a month (the VPN's six tunnel and connection hours are most of it):
 * over the dev policy config's $300 budget, which the plan reports as advisory.
 */
import { AlertRouting, AwsNetwork, CloudSqlPostgres, CrossCloudVpn, DmsReplication, GcpNetwork, RdsPostgres, registerStackTags, standardTags } from "meridian";

registerStackTags(standardTags({ environment: "dev", project: "orders", owner: "orders-team", costCenter: "cc-orders" }));

// Who hears the alarms, on both clouds: the databases' and the replication's alarms go there by severity.
const alerts = new AlertRouting("orders", { critical: { emails: ["orders-oncall@example.com"] }, warning: { emails: ["orders-team@example.com"] }, aws: { region: "us-east-1" }, gcp: { project: "orders-dev-0001" } });

const aws = new AwsNetwork("orders-aws", { cidrBlock: "10.0.0.0/16", availabilityZoneCount: 2, natGateways: "single" });
const gcp = new GcpNetwork("orders-gcp", { region: "us-central1", project: "orders-dev-0001", subnetCidr: "10.10.0.0/20", podsCidr: "10.16.0.0/14", servicesCidr: "10.20.0.0/20", privateServicesCidr: "10.30.0.0/16" });
const vpn = new CrossCloudVpn("orders", { awsNetwork: aws, gcpNetwork: gcp, project: "orders-dev-0001" });
const primary = new RdsPostgres("orders", { network: aws, replicationSource: true, multiAz: false, deletionProtection: false, alerts: alerts.destinations });
const standby = new CloudSqlPostgres("orders", { network: gcp, region: "us-central1", project: "orders-dev-0001", availabilityType: "ZONAL", tier: "db-custom-1-3840", deletionProtection: false, alerts: alerts.destinations });
const replication = new DmsReplication("orders", { source: primary, target: standby.replicationTarget(), network: aws, instanceClass: "dms.t3.medium", multiAz: false, alerts: alerts.destinations }, { dependsOn: [vpn] });

export const rpoGuardSeconds = replication.rpoGuardSeconds;
