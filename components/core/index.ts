/** The core domain's public API: named, so that a helper the components share stays internal. */
export { MeridianValidationError, type ValidationProblem } from "./errors";
export { Cloud, CLOUDS, Environment, ENVIRONMENTS, isEnvironment } from "./environment";
export { checkTags, MANAGED_BY, RESERVED_TAG_KEYS, STANDARD_TAG_KEYS, type StandardTagKey, standardTags, type StandardTagsInput, TAG_LIMITS, type Tags, tagsForCloud, toAwsTagKey, toAwsTags, toAzureTagName, toAzureTags, toGcpLabelKey, toGcpLabels, toGcpLabelValue } from "./tags";
export { cloudOfType, isTaggable, registerStackTags, tagPathOf, tagTransformation, withStandardTags, withTagsAt } from "./taggable";
export { AWS_REGION_PATTERN, AZURE_LOCATION_PATTERN, CLOUDWATCH_RETENTION_DAYS, GCP_PROJECT_PATTERN, GCP_REGION_PATTERN } from "./limits";
export { toGcpName } from "./naming";
export { AZURE_LOCATIONS, awsInstanceTypes, awsRegions, CONTINENT_CODES, COUNTRY_CODES, GCP_REGION_ZONES, GCP_REGIONS, ROUTE53_CHECKER_REGIONS } from "./regions";
export { COMPONENT_NAME, NAME_RULES, type PhysicalNameRule } from "./naming";
export { isStateful, STATEFUL_TYPES, type StatefulType } from "./stateful";
export { ACK_TAG_PREFIX, type Acknowledgement, acknowledgementTagKey, acknowledgementTags, isExpired, isIsoDate, parseAcknowledgementValue, ruleOfAcknowledgementTag, todayUtc } from "./acknowledgements";
export { ALERT_SEVERITIES, AlertSeverity, alarmDescription, type AlertDestinations, type AwsAlertTopics, type AzureActionGroups, type BySeverity, type GcpAlertChannels, RUNBOOK_DOC, RUNBOOK_STEPS, type RunbookStep } from "./alerts";
