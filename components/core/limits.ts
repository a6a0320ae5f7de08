/** Fixed facts about the clouds that more than one component validates against. */

/**
 * The retention periods CloudWatch Logs accepts, in days.
 * Source: Amazon CloudWatch Logs API Reference, PutRetentionPolicy, `retentionInDays` (checked 2026-11-22).
 */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The letters that name availability zones by position: the first AZ is `a`. Used to key per-AZ children. */
export function azLetter(index: number): string {
  return String.fromCharCode("a".charCodeAt(0) + index);
}

/** The shape of an AWS region name, e.g. `us-east-1`, `us-gov-west-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
/** The shape of a GCP region name, e.g. `us-central1`. */
export const GCP_REGION_PATTERN = /^[a-z]+-[a-z]+\d+$/;
/** A GCP project id: 6–30 characters, lower-case letters, digits and hyphens, starting with a letter. */
export const GCP_PROJECT_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** The shape of an Azure location name, e.g. `eastus`, `westeurope`. */
export const AZURE_LOCATION_PATTERN = /^[a-z][a-z0-9]*$/;
