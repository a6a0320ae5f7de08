/**
 * Decodes the engine's wire form of resource properties (what `RegisterResourceRequest.object` carries) into
 * plain values, keeping track of secrets and unknowns the way the engine would see them.
 */

/** The provider's URN in a provider reference (`urn::id`; at a first preview the id is unknown). */
export function providerUrnOf(ref: string): string {
  return ref.split("::").slice(0, -1).join("::");
}

// The SDK's wire signatures (@pulumi/pulumi runtime/rpc.js).
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How a decoded value shows a secret: its value (for policies, as CrossGuard sees it) or a mask (for reports). */
export type SecretMode = "reveal" | "mask";

export const SECRET_MASK = "[secret]";
export const UNKNOWN_MARK = "[unknown]";

/**
 * Decodes a wire value; resource references become their URN. In "mask" mode unknowns become `[unknown]`;
 * in "reveal" mode they stay the engine's unknown sentinel, which CrossGuard's `unknownCheckingProxy` detects.
 */
export function decodeWire(value: unknown, mode: SecretMode): unknown {
  if (value === UNKNOWN) return mode === "mask" ? UNKNOWN_MARK : UNKNOWN;
  if (Array.isArray(value)) return value.map((v) => decodeWire(v, mode));
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG_KEY];
  switch (sig) {
    case SECRET_SIG:
      return mode === "mask" ? SECRET_MASK : decodeWire(obj["value"], mode);
    case RESOURCE_SIG:
      return obj["urn"];
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return { asset: obj["path"] ?? obj["uri"] ?? (obj["text"] !== undefined ? "<text>" : "<assets>") };
    case OUTPUT_SIG: {
      if (obj["secret"] === true && mode === "mask") return SECRET_MASK;
      return "value" in obj ? decodeWire(obj["value"], mode) : mode === "mask" ? UNKNOWN_MARK : UNKNOWN;
    }
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = decodeWire(v, mode);
      return out;
    }
  }
}

/** True when the wire value holds a secret anywhere inside it. */
export function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value !== "object" || value === null) return false;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return true;
  if (obj[SIG_KEY] === OUTPUT_SIG && obj["secret"] === true) return true;
  return Object.values(obj).some(containsSecret);
}
