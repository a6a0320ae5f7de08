/** URN parts, without loading the engine. */

/** A URN's qualified type: its ancestors' types and its own, `$`-joined (what a rename keeps). */
export function urnQualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** A URN's resource name (everything after the qualified type). */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
