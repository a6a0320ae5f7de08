/** An AWS service with its database: a network, RDS PostgreSQL, and a container Lambda that reads its password. */
import { AwsNetwork, AwsFunction, RdsPostgres, registerStackTags, standardTags } from "meridian/aws";
// Cross-cloud components (alert routing builds on any of the three clouds) come from the package root.
import { AlertRouting } from "meridian";

registerStackTags(standardTags({ environment: "dev", project: "orders", owner: "orders-team", costCenter: "cc-orders" }));

// Who hears the alarms: the database's and the function's alarms publish to these topics by severity.
const alerts = new AlertRouting("orders", { critical: { emails: ["orders-oncall@example.com"] }, warning: { emails: ["orders-team@example.com"] }, aws: { region: "us-east-1" } });

const network = new AwsNetwork("orders", { cidrBlock: "10.40.0.0/16", availabilityZoneCount: 2, natGateways: "single" });
const db = new RdsPostgres("orders", { network, multiAz: false, deletionProtection: false, alerts: alerts.destinations });
const api = new AwsFunction("orders-api", {
  imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders/api:1.0.0",
  memoryMiB: 512,
  // The function runs beside the database and reads its password from Secrets Manager with its own role.
  network,
  allowedDestinations: [{ securityGroupId: db.securityGroupId, port: 5432 }],
  database: db.connection(),
  url: {},
  alerts: alerts.destinations,
});

export const apiUrl = api.url;
export const databaseAddress = db.address;
