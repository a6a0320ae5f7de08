/**
 * Route 53 latency routing measures latency to AWS regions only: an endpoint in another cloud is placed in the AWS
 * region nearest to it, whose latency stands for its own.
 *
 * Source: the cities of the regions, from Google Cloud "Regions and zones" (cloud.google.com/compute/docs/regions-zones)
 * and AWS "Regions and Availability Zones" (aws.amazon.com/about-aws/global-infrastructure/regions_az), 2026-11-30.
 * "Nearest" is the shortest great-circle distance between the two cities, an assumption: Route 53 measures latency
 * between resolver networks and AWS regions, not distance, so a stack that knows better overrides the region
 * (`meridian:dns.latencyRegions`). Route 53's own caveat (Developer Guide, "Latency-based routing", 2026-11-30): its
 * latency data is between users and AWS data centers, and for resources outside AWS "the actual latency ... can vary
 * significantly", even in the same city as an AWS region. Not checked against a live Route 53.
 */

/** Each GCP region of `GCP_REGIONS` (components/core/regions.ts), with its city, and the nearest AWS region. */
export const NEAREST_AWS_REGION: Readonly<Record<string, string>> = Object.freeze({
  "africa-south1": "af-south-1", // Johannesburg → Cape Town
  "asia-east1": "ap-east-2", // Changhua County, Taiwan → Taipei
  "asia-east2": "ap-east-1", // Hong Kong → Hong Kong
  "asia-northeast1": "ap-northeast-1", // Tokyo → Tokyo
  "asia-northeast2": "ap-northeast-3", // Osaka → Osaka
  "asia-northeast3": "ap-northeast-2", // Seoul → Seoul
  "asia-south1": "ap-south-1", // Mumbai → Mumbai
  "asia-south2": "ap-south-1", // Delhi → Mumbai
  "asia-southeast1": "ap-southeast-1", // Singapore → Singapore
  "asia-southeast2": "ap-southeast-3", // Jakarta → Jakarta
  "australia-southeast1": "ap-southeast-2", // Sydney → Sydney
  "australia-southeast2": "ap-southeast-4", // Melbourne → Melbourne
  "europe-central2": "eu-central-1", // Warsaw → Frankfurt
  "europe-north1": "eu-north-1", // Hamina, Finland → Stockholm
  "europe-north2": "eu-north-1", // Stockholm → Stockholm
  "europe-southwest1": "eu-south-2", // Madrid → Aragón, Spain
  "europe-west1": "eu-west-3", // St. Ghislain, Belgium → Paris
  "europe-west2": "eu-west-2", // London → London
  "europe-west3": "eu-central-1", // Frankfurt → Frankfurt
  "europe-west4": "eu-central-1", // Eemshaven, Netherlands → Frankfurt
  "europe-west6": "eu-central-2", // Zurich → Zurich
  "europe-west8": "eu-south-1", // Milan → Milan
  "europe-west9": "eu-west-3", // Paris → Paris
  "europe-west10": "eu-central-1", // Berlin → Frankfurt
  "europe-west12": "eu-south-1", // Turin → Milan
  "me-central1": "me-south-1", // Doha → Bahrain
  "me-central2": "me-south-1", // Dammam → Bahrain
  "me-west1": "il-central-1", // Tel Aviv → Tel Aviv
  "northamerica-northeast1": "ca-central-1", // Montréal → Montréal
  "northamerica-northeast2": "ca-central-1", // Toronto → Montréal
  "northamerica-south1": "mx-central-1", // Querétaro → Querétaro
  "southamerica-east1": "sa-east-1", // São Paulo → São Paulo
  "southamerica-west1": "sa-east-1", // Santiago → São Paulo
  "us-central1": "us-east-2", // Council Bluffs, Iowa → Ohio
  "us-east1": "us-east-1", // Moncks Corner, South Carolina → N. Virginia
  "us-east4": "us-east-1", // Ashburn, N. Virginia → N. Virginia
  "us-east5": "us-east-2", // Columbus, Ohio → Ohio
  "us-south1": "us-east-2", // Dallas → Ohio
  "us-west1": "us-west-2", // The Dalles, Oregon → Oregon
  "us-west2": "us-west-1", // Los Angeles → N. California
  "us-west3": "us-west-2", // Salt Lake City → Oregon
  "us-west4": "us-west-1", // Las Vegas → N. California
});

/** The AWS region Route 53 latency routing should measure for an endpoint in `gcpRegion`; undefined for a region not listed. */
export function nearestAwsRegion(gcpRegion: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NEAREST_AWS_REGION, gcpRegion) ? NEAREST_AWS_REGION[gcpRegion] : undefined;
}
