/**
 * Hostile input to AlertRouting: each is refused at construction, with the field named, before anything is
 * registered (tests/helpers/hostile.ts).
 */
import { AlertRouting, type AlertRoutingArgs } from "../../../components/alerts";
import { hostileInputs } from "../../helpers/hostile";

const ok: AlertRoutingArgs = { critical: { emails: ["oncall@example.com"] }, warning: { emails: ["team@example.com"] }, aws: { region: "us-east-1" } };
const build = (args: unknown, name = "alerts") => () => new AlertRouting(name, args as AlertRoutingArgs);

hostileInputs("meridian:alerts:AlertRouting", [
  { what: "a name with an underscore", field: "name", build: build(ok, "my_alerts") },
  { what: "args of null", field: "args", build: build(null) },
  { what: "a string where the critical subscribers belong", field: "critical", build: build({ ...ok, critical: "oncall@example.com" }) },
  { what: "a string where the e-mail list belongs", field: "critical.emails", build: build({ ...ok, critical: { emails: "oncall@example.com" } }) },
  { what: "a number as an address", field: "warning.emails[0]", build: build({ ...ok, warning: { emails: [42] } }) },
  { what: "an address with a space", field: "critical.emails[0]", build: build({ ...ok, critical: { emails: ["on call@example.com"] } }) },
  { what: "a javascript: URL as a webhook", field: "critical.webhooks[0]", build: build({ ...ok, critical: { webhooks: ["javascript:alert(1)"] } }) },
  { what: "a webhook without a host", field: "critical.webhooks[0]", build: build({ ...ok, critical: { webhooks: ["https://"] } }) },
  { what: "the same webhook twice", field: "warning.webhooks", build: build({ ...ok, warning: { webhooks: ["https://h.example.com/a", "https://h.example.com/a"] } }) },
  { what: "a PagerDuty key with a slash (it goes into a URL path)", field: "critical.pagerduty.integrationKey", build: build({ ...ok, critical: { pagerduty: { integrationKey: "../../x" } } }) },
  { what: "a PagerDuty integration without its key", field: "critical.pagerduty.integrationKey", build: build({ ...ok, critical: { pagerduty: {} } }) },
  { what: "an Opsgenie key with a query string", field: "warning.opsgenie.apiKey", build: build({ ...ok, warning: { opsgenie: { apiKey: "k&region=eu" } } }) },
  { what: "__proto__ as a subscriber kind", field: "critical.__proto__", build: build({ ...ok, critical: JSON.parse('{"emails":["a@example.com"],"__proto__":{}}') }) },
  { what: "toString as the Opsgenie region", field: "warning.opsgenie.region", build: build({ ...ok, warning: { opsgenie: { apiKey: "k", region: "toString" } } }) },
  { what: "a string where the AWS settings belong", field: "aws", build: build({ ...ok, aws: "us-east-1" }) },
  { what: "an AWS region that does not exist", field: "aws.region", build: build({ ...ok, aws: { region: "us-moon-1" } }) },
  { what: "an empty Azure resource group", field: "azure.resourceGroupName", build: build({ ...ok, azure: { resourceGroupName: "" } }) },
  { what: "tags that are not a map", field: "tags", build: build({ ...ok, tags: ["team"] }) },
]);
