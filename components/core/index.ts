export * from "./errors";
export * from "./environment";
export * from "./tags";
export * from "./taggable";
export * from "./limits";
export * from "./naming";
export * from "./component";
