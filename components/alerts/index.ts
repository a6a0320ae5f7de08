/** The alerts domain's public API: where alarms go, and who answers them. */
export { actionGroupShortName, ALERT_TOPIC_PUBLISHERS, AlertRouting, type AlertRoutingArgs, type AlertSubscribers, INTEGRATION_URLS, OpsgenieRegion, validateAlertRoutingArgs } from "./alert-routing";
