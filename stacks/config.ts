/** Reads and validates the running stack's `meridian:` config (see components/core/config.ts). */
import * as pulumi from "@pulumi/pulumi";
import { configObjectFromMap, parseStackConfig, type StackConfig } from "../components/core";

/** The stack config file, as `Pulumi.yaml`'s `stackConfigDir: stacks` places it. */
export function stackConfigFile(stack: string = pulumi.getStack()): string {
  return `stacks/Pulumi.${stack}.yaml`;
}

export function readStackConfig(): StackConfig {
  return parseStackConfig(configObjectFromMap(pulumi.runtime.allConfig()), stackConfigFile());
}
