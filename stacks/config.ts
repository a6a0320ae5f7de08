/** Reads and validates the running stack's `meridian:` config (see stacks/config-schema.ts). */
import * as pulumi from "@pulumi/pulumi";
import { configObjectFromMap, parseStackConfig, type StackConfig } from "./config-schema";

/**
 * The environment variable through which the offline plan names the config file it loaded (`--config FILE`),
 * so that errors point at the file the user gave.
 */
export const CONFIG_FILE_ENV = "MERIDIAN_CONFIG_FILE";

/** The stack config file: `Pulumi.yaml`'s `stackConfigDir: stacks` places it at `stacks/Pulumi.<stack>.yaml`. */
export function stackConfigFile(stack: string = pulumi.getStack()): string {
  return process.env[CONFIG_FILE_ENV] ?? `stacks/Pulumi.${stack}.yaml`;
}

export function readStackConfig(): StackConfig {
  return parseStackConfig(configObjectFromMap(pulumi.runtime.allConfig()), stackConfigFile());
}
