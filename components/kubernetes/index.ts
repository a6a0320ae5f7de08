export * from "./kubernetes-app";
