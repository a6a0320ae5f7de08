/**
 * Meridian's public API. Import what you need: `import { standardTags, MeridianValidationError } from "meridian";`
 */
export * from "./core";
export * from "./network";
export * from "./dns";
export * from "./database";
export * from "./serverless";
export * from "./kubernetes";
export * from "./ingress";
export * from "./alerts";
