/** The serverless domain's public API: named, so that a helper the components share stays internal. */
export { AwsFunction, type AwsFunctionAlarms, type AwsFunctionArgs, type AwsFunctionUrl, type AwsSecurityGroupPort, FunctionUrlAuthType, LAMBDA_LIMITS, LAMBDA_RUNTIMES, LambdaArchitecture, LambdaRuntime, type PolicyStatement, validateAwsFunctionArgs } from "./aws-function";
export { CLOUD_RUN_LIMITS, CloudRunCpu, CloudRunIngress, CloudRunService, type CloudRunServiceAlarms, type CloudRunServiceArgs, type SecretEnvironmentRef, validateCloudRunServiceArgs } from "./cloud-run-service";
export { AzureFunctionApp, type AzureFunctionAppArgs, FLEX_INSTANCE_MEMORY_MB, FLEX_INSTANCE_MEMORY_MIB, FUNCTION_RUNTIMES, FunctionPlan, FunctionRuntime, validateAzureFunctionAppArgs } from "./azure-function-app";
export { AzureContainerApp, type AzureContainerAppArgs, CONTAINER_APP_LIMITS, validateAzureContainerAppArgs } from "./azure-container-app";
export { ServerlessService, type ServerlessServiceAlarms, type ServerlessServiceArgs, validateServerlessServiceArgs } from "./serverless-service";
