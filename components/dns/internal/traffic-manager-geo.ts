/**
 * The codes Azure Traffic Manager's Geographic routing takes in an endpoint's `geoMapping`, as far as Meridian offers
 * them: the root of the hierarchy (`WORLD`), its regional groupings (`GEO-..`), and the countries/regions, by their
 * ISO 3166-1 alpha-2 codes. Traffic Manager also takes state and province codes (`US-CA`, ...) below some countries;
 * they are not offered here.
 *
 * Source: Azure Traffic Manager documentation, "Traffic Manager geographic regions", and the REST API's Geographic
 * Hierarchies - Get Default (api-version 2022-04-01), which returns the hierarchy; compiled 2026-11-30. A code the
 * hierarchy gains later needs an entry here.
 */
import { COUNTRY_CODES, hasOwn } from "../../core/shared";

/** The root: every location no other endpoint's mapping covers. */
export const TRAFFIC_MANAGER_WORLD = "WORLD";

/** The regional groupings below WORLD. */
export const TRAFFIC_MANAGER_GEO_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  "GEO-AF": "Africa",
  "GEO-AN": "Antarctica",
  "GEO-AP": "Australia / Pacific",
  "GEO-AS": "Asia",
  "GEO-EU": "Europe",
  "GEO-ME": "Middle East",
  "GEO-NA": "North America / Central America / Caribbean",
  "GEO-SA": "South America",
});

/** True when Traffic Manager's hierarchy (as offered here) has `code`. */
export function isTrafficManagerGeoCode(code: unknown): boolean {
  return typeof code === "string" && (code === TRAFFIC_MANAGER_WORLD || hasOwn(TRAFFIC_MANAGER_GEO_REGIONS, code) || COUNTRY_CODES.has(code));
}
