/**
 * The source entry point of Meridian as a Pulumi plugin package (`PulumiPlugin.yaml`). Pulumi's plugin host loads
 * the package directory through ts-node and hosts every component exported here; its schema analyser reads the
 * components' TypeScript sources from this file on. TypeScript programs import the built package instead
 * (`import { RdsPostgres } from "meridian"`, resolved through `exports` to `dist/`).
 */
export * from "./components";
