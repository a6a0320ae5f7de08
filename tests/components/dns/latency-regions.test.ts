import { awsRegions, GCP_REGIONS } from "../../../components/core";
import { NEAREST_AWS_REGION, nearestAwsRegion } from "../../../components/dns";

describe("nearestAwsRegion", () => {
  it("places every GCP region Meridian knows in an AWS region the provider knows", () => {
    expect(Object.keys(NEAREST_AWS_REGION).sort()).toEqual([...GCP_REGIONS].sort());
    expect(Object.entries(NEAREST_AWS_REGION).filter(([, aws]) => !awsRegions().includes(aws))).toEqual([]);
  });

  it("answers the prod and staging regions and a few far apart; nothing for a region it does not list", () => {
    expect(["us-central1", "us-east4", "europe-west1", "asia-southeast1", "southamerica-east1", "us-west1"].map(nearestAwsRegion)).toEqual([
      "us-east-2",
      "us-east-1",
      "eu-west-3",
      "ap-southeast-1",
      "sa-east-1",
      "us-west-2",
    ]);
    expect(nearestAwsRegion("us-moon1")).toBeUndefined();
    expect(nearestAwsRegion("constructor")).toBeUndefined();
  });
});
