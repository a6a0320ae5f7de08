import * as pulumi from "@pulumi/pulumi";
import { AlertRouting, actionGroupShortName, validateAlertRoutingArgs, type AlertRoutingArgs } from "../../../components/alerts";
import { stableSuffix } from "../../../components/core/naming";
import { resource, runProgram } from "../../helpers/offline";

const T = "meridian:alerts:AlertRouting";
const PD_KEY = "0123456789abcdef0123456789abcdef";
const OG_KEY = "11111111-2222-3333-4444-555555555555";
const base: AlertRoutingArgs = {
  critical: { emails: ["oncall@example.com"], webhooks: ["https://hooks.example.com/critical"], pagerduty: { integrationKey: PD_KEY } },
  warning: { emails: ["platform@example.com"], opsgenie: { apiKey: OG_KEY, region: "eu" } },
  aws: { region: "us-east-1" },
};
const email = (address: string) => `email-${stableSuffix(address)}`;
const webhook = (url: string) => `webhook-${stableSuffix(url)}`;

describe("validateAlertRoutingArgs", () => {
  it.each<[string, Partial<AlertRoutingArgs>, string]>([
    ["a severity without subscribers", { warning: {} }, `${T} 'alerts': warning must be at least one subscriber (an e-mail address, a webhook, PagerDuty or Opsgenie)`],
    ["a severity left out", { critical: undefined as never }, `${T} 'alerts': critical must be at least one subscriber`],
    ["an address that is not one", { critical: { emails: ["oncall.example.com"] } }, `${T} 'alerts': critical.emails[0] must be an e-mail address such as "oncall@example.com"; got "oncall.example.com".`],
    ["the same address twice", { critical: { emails: ["a@example.com", "A@example.com"] } }, `${T} 'alerts': critical.emails must be a list without duplicates`],
    ["a webhook over http", { warning: { webhooks: ["http://hooks.example.com/x"] } }, `${T} 'alerts': warning.webhooks[0] must be an https:// URL such as "https://hooks.example.com/alerts" (alerts never travel in clear text); got "http://hooks.example.com/x".`],
    ["an empty PagerDuty key", { critical: { pagerduty: { integrationKey: "" } } }, `${T} 'alerts': critical.pagerduty.integrationKey must be a non-empty key of letters, digits, - and _ (the integration's key as the service shows it); got "".`],
    ["an unknown Opsgenie region", { warning: { opsgenie: { apiKey: OG_KEY, region: "apac" as never } } }, `${T} 'alerts': warning.opsgenie.region must be one of "us", "eu"; got "apac".`],
    ["an unknown subscriber kind", { warning: { emails: ["a@example.com"], slack: ["#ops"] } as never }, `${T} 'alerts': warning.slack must be one of "emails", "webhooks", "pagerduty", "opsgenie"; got "slack".`],
    ["no cloud", { aws: undefined }, `${T} 'alerts': aws / gcp / azure must be set for at least one cloud (where the destinations are built); got undefined.`],
    ["a GCP project that is not an id", { gcp: { project: "My Project" } }, `${T} 'alerts': gcp.project must be a GCP project id`],
  ])("fails on %s", (_what, args, message) => {
    expect(() => validateAlertRoutingArgs("alerts", { ...base, ...args })).toThrow(message);
  });

  it("takes a key given as an Output (a secret from config) without reading it", () => {
    const a = validateAlertRoutingArgs("alerts", { ...base, critical: { pagerduty: { integrationKey: pulumi.secret("k") } } });
    expect(a.subscribers.critical.map((s) => s.key)).toEqual(["pagerduty"]);
  });

  it("keys subscribers by what they are, not by position", () => {
    const a = validateAlertRoutingArgs("alerts", { ...base, critical: { emails: ["b@example.com", "a@example.com"] } });
    const b = validateAlertRoutingArgs("alerts", { ...base, critical: { emails: ["a@example.com", "b@example.com"] } });
    expect(a.subscribers.critical.map((s) => s.key).sort()).toEqual(b.subscribers.critical.map((s) => s.key).sort());
  });

  it("shortens action group names to 12 characters", () => {
    expect(actionGroupShortName("alerts", "critical")).toBe("alerts-crit");
    expect(actionGroupShortName("platform-alerts", "warning")).toBe("platfor-warn");
  });
});

describe("AlertRouting on AWS", () => {
  it("builds one encrypted topic per severity with a subscription per subscriber; keyed endpoints stay secret", async () => {
    const result = await runProgram(() => new AlertRouting("alerts", base, { protect: true }).destinations);
    for (const severity of ["critical", "warning"]) {
      const key = resource(result, "aws:kms/key:Key", `alerts-${severity}-alerts`);
      expect(key.protect).toBe(true);
      const policy = JSON.parse(key.inputs["policy"] as string);
      expect(policy.Statement[1]).toMatchObject({ Principal: { Service: ["cloudwatch.amazonaws.com", "events.rds.amazonaws.com", "dms.amazonaws.com"] }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"] });
      const topic = resource(result, "aws:sns/topic:Topic", `alerts-${severity}-alerts`);
      expect(topic.inputs["kmsMasterKeyId"]).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
      expect(topic.inputs["region"]).toBe("us-east-1");
    }
    const sub = (n: string) => resource(result, "aws:sns/topicSubscription:TopicSubscription", n);
    expect(sub(`alerts-critical-${email("oncall@example.com")}`).inputs).toMatchObject({ protocol: "email", endpoint: "oncall@example.com", region: "us-east-1" });
    const hook = sub(`alerts-critical-${webhook("https://hooks.example.com/critical")}`);
    expect(hook.inputs).toMatchObject({ protocol: "https", endpoint: "https://hooks.example.com/critical" });
    // A webhook's URL may carry its token: secret, as the keys are; an address is not.
    expect(hook.maskedInputs["endpoint"]).toBe("[secret]");
    expect(sub(`alerts-critical-${email("oncall@example.com")}`).maskedInputs["endpoint"]).toBe("oncall@example.com");
    const pd = sub("alerts-critical-pagerduty");
    expect(pd.inputs).toMatchObject({ protocol: "https", endpointAutoConfirms: true, endpoint: `https://events.pagerduty.com/integration/${PD_KEY}/enqueue` });
    expect(pd.maskedInputs["endpoint"]).toBe("[secret]");
    expect(String(pd.inputs["topic"])).toContain("alerts-critical-alerts");
    const og = sub("alerts-warning-opsgenie");
    expect(og.inputs).toMatchObject({ protocol: "https", endpoint: `https://api.eu.opsgenie.com/v1/json/cloudwatch?apiKey=${OG_KEY}` });
    expect(og.maskedInputs["endpoint"]).toBe("[secret]");
    expect(result.resources.filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription")).toHaveLength(5);
    expect(result.outputs).toMatchObject({ aws: { critical: expect.stringMatching(/^arn:aws:sns:us-east-1:123456789012:/), warning: expect.stringMatching(/^arn:aws:sns:/) } });
    // Nothing for the clouds not asked for.
    expect(result.resources.some((r) => r.type.startsWith("gcp:") || r.type.startsWith("azure-native:"))).toBe(false);
  });
});

describe("AlertRouting on GCP", () => {
  it("builds a notification channel per subscriber and severity, with user labels left to the stack", async () => {
    const result = await runProgram(() => new AlertRouting("alerts", { ...base, aws: undefined, gcp: { project: "meridian-prod-0001" } }).destinations);
    const ch = (n: string) => resource(result, "gcp:monitoring/notificationChannel:NotificationChannel", n);
    expect(ch(`alerts-critical-${email("oncall@example.com")}`).inputs).toMatchObject({ project: "meridian-prod-0001", type: "email", labels: { email_address: "oncall@example.com" }, enabled: true });
    const hook = ch(`alerts-critical-${webhook("https://hooks.example.com/critical")}`);
    expect(hook.inputs).toMatchObject({ type: "webhook_tokenauth", labels: { url: "https://hooks.example.com/critical" }, displayName: "alerts critical: webhook hooks.example.com" });
    expect(JSON.stringify(hook.maskedInputs)).not.toContain("/critical");
    const pd = ch("alerts-critical-pagerduty");
    expect(pd.inputs).toMatchObject({ type: "pagerduty", sensitiveLabels: { serviceKey: PD_KEY } });
    expect(pd.inputs["labels"]).toBeUndefined();
    expect(JSON.stringify(pd.maskedInputs)).not.toContain(PD_KEY);
    const og = ch("alerts-warning-opsgenie");
    expect(og.inputs).toMatchObject({ type: "webhook_tokenauth", labels: { url: `https://api.eu.opsgenie.com/v1/json/googlestackdriver?apiKey=${OG_KEY}` } });
    expect(JSON.stringify(og.maskedInputs)).not.toContain(OG_KEY);
    const outputs = result.outputs as { gcp: { critical: string[]; warning: string[] } };
    expect(outputs.gcp.critical).toHaveLength(3);
    expect(outputs.gcp.warning).toHaveLength(2);
  });

  it("puts the stack's tags in userLabels, never in the channel's configuration labels", async () => {
    const result = await runProgram(() => new AlertRouting("alerts", { ...base, aws: undefined, gcp: { project: "meridian-prod-0001" }, tags: { team: "Platform" } }));
    const ch = resource(result, "gcp:monitoring/notificationChannel:NotificationChannel", `alerts-critical-${email("oncall@example.com")}`);
    expect(ch.inputs["labels"]).toEqual({ email_address: "oncall@example.com" });
    expect(ch.inputs["userLabels"]).toMatchObject({ team: "platform" });
  });
});

describe("AlertRouting on Azure", () => {
  it("builds one global action group per severity, e-mail and webhooks on the common alert schema", async () => {
    const result = await runProgram(() => new AlertRouting("alerts", { ...base, aws: undefined, azure: { resourceGroupName: "rg-alerts" } }).destinations);
    const critical = resource(result, "azure-native:monitor:ActionGroup", "alerts-critical");
    expect(critical.inputs).toMatchObject({
      actionGroupName: "alerts-critical",
      resourceGroupName: "rg-alerts",
      location: "global",
      groupShortName: "alerts-crit",
      enabled: true,
      emailReceivers: [{ name: email("oncall@example.com"), emailAddress: "oncall@example.com", useCommonAlertSchema: true }],
      webhookReceivers: [
        { name: webhook("https://hooks.example.com/critical"), serviceUri: "https://hooks.example.com/critical", useCommonAlertSchema: true },
        { name: "pagerduty", serviceUri: `https://events.pagerduty.com/integration/${PD_KEY}/enqueue`, useCommonAlertSchema: true },
      ],
    });
    expect(JSON.stringify(critical.maskedInputs)).not.toContain(PD_KEY);
    const warning = resource(result, "azure-native:monitor:ActionGroup", "alerts-warning");
    expect(warning.inputs).toMatchObject({ groupShortName: "alerts-warn", webhookReceivers: [{ name: "opsgenie", serviceUri: `https://api.eu.opsgenie.com/v1/json/azure?apiKey=${OG_KEY}` }] });
    expect(result.outputs).toMatchObject({ azure: { critical: critical.id, warning: warning.id } });
  });
});
