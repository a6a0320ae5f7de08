/**
 * The closed sets of places and sizes the clouds accept, so that a plausible-looking name that does not exist
 * (`us-moon1`, `moonbase`, `us-central1-z`) is refused at construction rather than by the cloud mid-deploy.
 *
 * AWS regions and EC2 instance types come from the AWS SDK's own enums (`@pulumi/aws/types/enums`), so they move
 * with the provider version. GCP and Azure have no such enum in their SDKs: their lists below were compiled on
 * 2026-11-30 from the providers' region pages (named beside each list), without access to a live API to confirm
 * them (these machines have no internet). A region opened after that date, or missed, needs an entry here; the
 * error message says so.
 */
import { hasOwn, type Validator } from "./errors";

// The AWS enums are read on first use: a program on GCP or Azure alone never loads the AWS SDK.
let awsRegionList: readonly string[] | undefined;
let awsInstanceTypeSet: ReadonlySet<string> | undefined;

/** Every AWS region the installed AWS provider knows (its `Region` enum). */
export function awsRegions(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  awsRegionList ??= Object.values((require("@pulumi/aws/types/enums") as typeof import("@pulumi/aws/types/enums")).Region);
  return awsRegionList;
}

/** Every EC2 instance type the installed AWS provider knows (its `ec2.InstanceType` enum): node groups, launch templates. */
export function awsInstanceTypes(): ReadonlySet<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  awsInstanceTypeSet ??= new Set(Object.values((require("@pulumi/aws/types/enums/ec2") as typeof import("@pulumi/aws/types/enums/ec2")).InstanceType));
  return awsInstanceTypeSet;
}

/**
 * The regions Route 53 health checkers run in (at least three must be chosen).
 * Source: Amazon Route 53 API Reference, HealthCheckConfig, Regions (2026-11-30).
 */
export const ROUTE53_CHECKER_REGIONS = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"] as const;

/**
 * GCP regions and the zone letters of each.
 * Source: Google Cloud, Compute Engine "Regions and zones" (cloud.google.com/compute/docs/regions-zones), 2026-11-30.
 */
export const GCP_REGION_ZONES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "africa-south1": ["a", "b", "c"],
  "asia-east1": ["a", "b", "c"],
  "asia-east2": ["a", "b", "c"],
  "asia-northeast1": ["a", "b", "c"],
  "asia-northeast2": ["a", "b", "c"],
  "asia-northeast3": ["a", "b", "c"],
  "asia-south1": ["a", "b", "c"],
  "asia-south2": ["a", "b", "c"],
  "asia-southeast1": ["a", "b", "c"],
  "asia-southeast2": ["a", "b", "c"],
  "australia-southeast1": ["a", "b", "c"],
  "australia-southeast2": ["a", "b", "c"],
  "europe-central2": ["a", "b", "c"],
  "europe-north1": ["a", "b", "c"],
  "europe-north2": ["a", "b", "c"],
  "europe-southwest1": ["a", "b", "c"],
  "europe-west1": ["b", "c", "d"],
  "europe-west2": ["a", "b", "c"],
  "europe-west3": ["a", "b", "c"],
  "europe-west4": ["a", "b", "c"],
  "europe-west6": ["a", "b", "c"],
  "europe-west8": ["a", "b", "c"],
  "europe-west9": ["a", "b", "c"],
  "europe-west10": ["a", "b", "c"],
  "europe-west12": ["a", "b", "c"],
  "me-central1": ["a", "b", "c"],
  "me-central2": ["a", "b", "c"],
  "me-west1": ["a", "b", "c"],
  "northamerica-northeast1": ["a", "b", "c"],
  "northamerica-northeast2": ["a", "b", "c"],
  "northamerica-south1": ["a", "b", "c"],
  "southamerica-east1": ["a", "b", "c"],
  "southamerica-west1": ["a", "b", "c"],
  "us-central1": ["a", "b", "c", "f"],
  "us-east1": ["b", "c", "d"],
  "us-east4": ["a", "b", "c"],
  "us-east5": ["a", "b", "c"],
  "us-south1": ["a", "b", "c"],
  "us-west1": ["a", "b", "c"],
  "us-west2": ["a", "b", "c"],
  "us-west3": ["a", "b", "c"],
  "us-west4": ["a", "b", "c"],
});
export const GCP_REGIONS: readonly string[] = Object.keys(GCP_REGION_ZONES);

/**
 * Azure physical regions, by the `name` the Resource Manager uses (lower case, no spaces).
 * Source: Azure Resource Manager, Subscriptions - List Locations, and "Azure geographies" (2026-11-30).
 */
export const AZURE_LOCATIONS: readonly string[] = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth", "brazilsoutheast",
  "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2", "francecentral", "francesouth",
  "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
  "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest",
  "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral",
  "swedencentral", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia",
  "westus", "westus2", "westus3",
];

/** Continent codes of Route 53 geolocation routing. Source: Amazon Route 53 API Reference, GeoLocation, ContinentCode (2026-11-30). */
export const CONTINENT_CODES = ["AF", "AN", "AS", "EU", "OC", "NA", "SA"] as const;

/** ISO 3166-1 alpha-2 country codes (the set Route 53 geolocation takes as CountryCode). Source: ISO 3166 Maintenance Agency, 2026-11-30. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN " +
    "CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM " +
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK " +
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
    "VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

const stale = "(the list in components/core/regions.ts; a region opened since needs an entry there)";

/** An AWS region the provider knows. `required` fails on undefined too. */
export function checkAwsRegion(check: Validator, field: string, value: unknown, required = true): void {
  if (value === undefined && !required) return;
  if (typeof value !== "string" || !awsRegions().includes(value)) check.fail(field, value, `an AWS region such as "us-east-1" ${stale}`);
}

/** A GCP region. `required` fails on undefined too. */
export function checkGcpRegion(check: Validator, field: string, value: unknown, required = true): void {
  if (value === undefined && !required) return;
  if (!hasOwn(GCP_REGION_ZONES, value)) check.fail(field, value, `a GCP region such as "us-central1" ${stale}`);
}

/** A zone of the GCP region `region` (`us-central1-a`). */
export function checkGcpZone(check: Validator, field: string, value: unknown, region: string): void {
  const letters = hasOwn(GCP_REGION_ZONES, region) ? (GCP_REGION_ZONES[region] as readonly string[]) : [];
  const ok = typeof value === "string" && value.startsWith(`${region}-`) && letters.includes(value.slice(region.length + 1));
  if (!ok) check.fail(field, value, `a zone of ${region}: ${letters.map((l) => JSON.stringify(`${region}-${l}`)).join(", ")}`);
}

/** An Azure location by its Resource Manager name (`eastus`). `required` fails on undefined too. */
export function checkAzureLocation(check: Validator, field: string, value: unknown, required = true): void {
  if (value === undefined && !required) return;
  if (typeof value !== "string" || !AZURE_LOCATIONS.includes(value)) check.fail(field, value, `an Azure location such as "eastus" (lower case, no spaces) ${stale}`);
}
