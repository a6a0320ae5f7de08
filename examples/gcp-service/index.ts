/** A GCP service with its database: a network, Cloud SQL PostgreSQL, and a Cloud Run service that reads its password. */
import { CloudRunService, CloudSqlPostgres, GcpNetwork, registerStackTags, standardTags } from "meridian/gcp";
// Cross-cloud components (alert routing builds on any of the three clouds) come from the package root.
import { AlertRouting } from "meridian";

registerStackTags(standardTags({ environment: "dev", project: "orders", owner: "orders-team", costCenter: "cc-orders" }));

// Who hears the alarms: the database's and the service's alert policies notify these channels by severity.
const alerts = new AlertRouting("orders", { critical: { emails: ["orders-oncall@example.com"] }, warning: { emails: ["orders-team@example.com"] }, gcp: { project: "orders-dev-0001" } });

const network = new GcpNetwork("orders", { region: "europe-west1", project: "orders-dev-0001" });
const db = new CloudSqlPostgres("orders", { network, region: "europe-west1", project: "orders-dev-0001", availabilityType: "ZONAL", tier: "db-custom-1-3840", deletionProtection: false, alerts: alerts.destinations });
const api = new CloudRunService("orders-api", {
  region: "europe-west1",
  project: "orders-dev-0001",
  image: "europe-docker.pkg.dev/orders-dev-0001/orders/api:1.0.0",
  // Direct VPC egress to the database's private IP; Cloud Run injects PGPASSWORD from Secret Manager.
  network,
  database: db.connection(),
  alerts: alerts.destinations,
});

export const apiUri = api.uri;
export const connectionName = db.connectionName;
