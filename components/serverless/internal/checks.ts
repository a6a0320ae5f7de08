/**
 * The serverless targets' environment rules (checked by `checkEnvironment`, core/internal/workload-checks.ts) and
 * Lambda's environment size limit.
 */
import type { EnvironmentRule } from "../../core/internal/workload-checks";

/**
 * Lambda: a key starts with a letter, has only letters, digits and `_`, and at least two characters (the API's
 * pattern is `[a-zA-Z]([a-zA-Z0-9_])+`); the runtime's own variables are
 * reserved. Source: AWS Lambda API Reference, Environment, Variables (key pattern), and Lambda Developer Guide,
 * "Defined runtime environment variables" (reserved keys), checked 2026-11-30.
 */
export const LAMBDA_ENVIRONMENT: EnvironmentRule = {
  pattern: /^[a-zA-Z]([a-zA-Z0-9_])+$/,
  allowed: "two or more letters, digits and _, starting with a letter",
  reserved: [
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
  ],
  reservedBy: "Lambda's runtime",
};

/** The most bytes a Lambda function's environment (keys and values) may take. Source: Lambda Developer Guide, "Lambda quotas" — 4 KB (checked 2026-11-30). */
export const LAMBDA_ENVIRONMENT_BYTES = 4096;

/**
 * Cloud Run: names of letters, digits and `_` not starting with a digit (no `=`, never empty); the container
 * contract's own variables are reserved. Source: Cloud Run docs, "Container runtime contract — Environment
 * variables" and "Configure environment variables — Reserved environment variables" (checked 2026-11-30).
 */
export const CLOUD_RUN_ENVIRONMENT: EnvironmentRule = {
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  allowed: "letters, digits and _ not starting with a digit",
  reserved: ["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"],
  reservedBy: "Cloud Run",
};

/**
 * Container Apps: the API's rule for a container's variable names, `[-._a-zA-Z][-._a-zA-Z0-9]*`. Source: Azure
 * Container Apps REST API, EnvironmentVar.name validation message (checked 2026-11-30).
 */
export const CONTAINER_APPS_ENVIRONMENT: EnvironmentRule = {
  pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
  allowed: "letters, digits, _, - and . not starting with a digit",
  reserved: [],
  reservedBy: "Container Apps",
};

/**
 * Azure Functions app settings (they become the worker's environment): letters, digits, `.` and `_`, and, as
 * variable names, not starting with a digit. Source: Azure App Service docs, "Configure app settings" (names on
 * Linux, checked 2026-11-30).
 */
export const FUNCTION_APP_SETTINGS: EnvironmentRule = {
  pattern: /^[A-Za-z_][A-Za-z0-9_.]*$/,
  allowed: "letters, digits, . and _ not starting with a digit",
  reserved: [],
  reservedBy: "Azure Functions",
};

/** The bytes the plain (known) part of an environment takes: keys and string values. */
export function plainEnvironmentBytes(environment: Record<string, unknown>): number {
  return Object.entries(environment).reduce((n, [k, v]) => n + Buffer.byteLength(k) + (typeof v === "string" ? Buffer.byteLength(v) : 0), 0);
}
