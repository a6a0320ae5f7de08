/**
 * Everything in the core, helpers included, for the components' own use. Programs import `meridian` (whose core is
 * `./index.ts`, the public part); this module is how the components share what users never call.
 */
export * from "./errors";
export * from "./environment";
export * from "./tags";
export * from "./taggable";
export * from "./limits";
export * from "./naming";
export * from "./component";
export * from "./regions";
export * from "./stateful";
